/**
 * Cross-field rules, as data beside the tables (in the spirit of the Terraform generator's `WithValidation`).
 * Rules receive normalised inputs (role names resolved to stored names, enums upper-cased) and never see unknown
 * values: the runner skips a rule when any of its `fields` is unknown at preview.
 * @internal
 */
import type { CrossRule } from "./types";

type Failure = { property: string; reason: string };

const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);

/** `uriField`, when set, must be an absolute URI (any scheme). */
export function absoluteUri(uriField: string): CrossRule {
  return {
    name: "absoluteUri",
    fields: [uriField],
    check: (i) => {
      const uri = i[uriField];
      if (typeof uri !== "string" || uri === "") return [];
      try {
        new URL(uri);
        return [];
      } catch {
        return [{ property: uriField, reason: `must be an absolute URI, got '${uri}'` }];
      }
    },
  };
}

/** Every URI of the list field must be https unless `allowField` is true (docs: alternate redirect URIs). */
export function httpsRedirectList(listField: string, allowField: string): CrossRule {
  return {
    name: "httpsRedirectList",
    fields: [listField, allowField],
    // Rules see lists normalised (sorted), so a failure names the URI, not its position.
    check: (i) =>
      list(i[listField]).flatMap((uri) =>
        httpsRedirect(listField, allowField)
          .check({ [listField]: uri, [allowField]: i[allowField] })
          .map((f) => ({ property: listField, reason: `'${uri}' ${f.reason}` })),
      ),
  };
}

/** Every URL of the list field must be https (`why` cites the page that says so). */
export function httpsUrls(listField: string, why: string): CrossRule {
  return {
    name: `httpsUrls:${listField}`,
    fields: [listField],
    check: (i) =>
      list(i[listField]).flatMap((url) => {
        let u: URL;
        try {
          u = new URL(url);
        } catch {
          return [{ property: listField, reason: `must hold absolute https:// URLs, got '${url}'` }];
        }
        return u.protocol === "https:" ? [] : [{ property: listField, reason: `'${url}' must use https:// (${why})` }];
      }),
  };
}

/** The list, written as SQL text, is at most `max` characters (`why` cites the limit). */
export function maxListChars(listField: string, max: number, why: string): CrossRule {
  return {
    name: `maxListChars:${listField}`,
    fields: [listField],
    check: (i) => {
      const chars = list(i[listField]).reduce((n, x) => n + x.length, 0) + Math.max(0, list(i[listField]).length - 1);
      return chars > max ? [{ property: listField, reason: `is ${chars} characters long; ${why}` }] : [];
    },
  };
}

/** `uriField` must be https unless `allowField` is true. */
export function httpsRedirect(uriField: string, allowField: string): CrossRule {
  return {
    name: "httpsRedirect",
    fields: [uriField, allowField],
    check: (i) => {
      const uri = i[uriField];
      if (typeof uri !== "string" || uri === "") return [];
      let url: URL;
      try {
        url = new URL(uri);
      } catch {
        return [{ property: uriField, reason: `must be an absolute URI, got '${uri}'` }];
      }
      if (url.protocol !== "https:" && i[allowField] !== true) {
        return [{ property: uriField, reason: `must use https:// unless ${allowField} is true (got ${url.protocol}//)` }];
      }
      return [];
    },
  };
}

/** A role may not be in both lists. */
export function listOverlap(a: string, b: string, why: string): CrossRule {
  return {
    name: `overlap:${a}:${b}`,
    fields: [a, b],
    check: (i) => {
      const bs = new Set(list(i[b]));
      const both = list(i[a]).filter((r) => bs.has(r));
      return both.length ? [{ property: a, reason: `${why}: ${both.join(", ")} (also in ${b})` }] : [];
    },
  };
}

/** A non-empty allowed-roles list requires secondary roles `NONE` (docs: ALLOWED_ROLES_LIST). */
export function secondaryRolesWithAllowed(allowed: string, secondary: string): CrossRule {
  return {
    name: "secondaryRolesWithAllowed",
    fields: [allowed, secondary],
    check: (i) =>
      list(i[allowed]).length > 0 && i[secondary] === "IMPLICIT"
        ? [{ property: secondary, reason: `must be NONE when ${allowed} is set` }]
        : [],
  };
}

/** At most one of the fields may be set (non-empty). */
export function conflicting(fields: string[], why: string): CrossRule {
  return {
    name: `conflicting:${fields.join(",")}`,
    fields,
    check: (i) => {
      const set = fields.filter((f) => i[f] !== undefined && !(Array.isArray(i[f]) && (i[f] as unknown[]).length === 0));
      return set.length > 1 ? [{ property: set[1], reason: `conflicts with ${set[0]}: ${why}` }] : [];
    },
  };
}

/** The field is only accepted for these sub-kinds. */
export function onlyForKinds(field: string, kindField: string, kinds: string[]): CrossRule {
  return {
    name: `onlyFor:${field}`,
    fields: [field, kindField],
    check: (i) => {
      const v = i[field];
      const unset = v === undefined || (Array.isArray(v) && v.length === 0);
      if (unset || kinds.includes(String(i[kindField]))) return [];
      return [{ property: field, reason: `is only accepted when ${kindField} is ${kinds.join(" or ")} (got ${String(i[kindField])})` }];
    },
  };
}

export type { Failure };
