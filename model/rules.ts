/**
 * Cross-field rules, as data beside the tables (in the spirit of the Terraform generator's `WithValidation`).
 * Rules receive normalised inputs (role names resolved to stored names, enums upper-cased) and never see unknown
 * values: the runner skips a rule when any of its `fields` is unknown at preview.
 * @internal
 */
import type { CrossRule } from "./types";

type Failure = { property: string; reason: string };

const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);

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

/** Allowed and blocked role lists must not overlap (Snowflake refuses it; TF PR #4937). */
export function allowedBlockedOverlap(allowed: string, blocked: string): CrossRule {
  return listOverlap(allowed, blocked, "a role cannot be both allowed and blocked");
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
