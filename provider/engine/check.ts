/**
 * `check()` validation derived from a table: per-field type/enum/range/list rules, then the table's cross-field rules.
 * Values unknown at preview are skipped. Messages name the field; no value of a secret field is ever echoed.
 * @internal
 */
import { identifierProblem, resolveName } from "../sql/quote";
import type { CrossRule, NormValue, ObjectSpec, PropSpec } from "../../model/types";
import { isUnknown } from "../../model/unknown";
import { ACCOUNT_PRIVILEGED_ROLES, PRIVILEGED_ROLES } from "../../model/oauthCommon";
import { normalizeDeclared } from "./values";

export interface Failure {
  property: string;
  reason: string;
}

const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(\/(3[0-2]|[12]?\d))?$/;

/** The sub-kind value (partner client, External OAuth type) if known. */
export function subKindOf(spec: ObjectSpec, inputs: Record<string, unknown>): string | undefined {
  if (!spec.subKindArg) return undefined;
  const v = inputs[spec.subKindArg];
  return typeof v === "string" && !isUnknown(v) ? v.toUpperCase() : undefined;
}

/** Validate one field; returns failures. `sub` is the sub-kind when known. */
export function checkField(arg: string, p: PropSpec, v: unknown, sub: string | undefined): Failure[] {
  const f = (reason: string): Failure[] => [{ property: arg, reason }];
  if (v === undefined || v === null) {
    if (p.required) return f("is required");
    if (sub && p.requiredForKinds?.includes(sub)) return f(`is required when the client is ${sub}`);
    return [];
  }
  if (isUnknown(v)) return [];
  if (sub && p.kinds && !p.kinds.includes(sub)) return f(`is not accepted for ${sub} (only ${p.kinds.join(", ")})`);
  switch (p.kind) {
    case "bool":
      return typeof v === "boolean" ? [] : f(`must be a boolean, got ${typeof v}`);
    case "int": {
      if (typeof v !== "number" || !Number.isInteger(v)) return f("must be an integer");
      const r = (sub && p.rangeByKind?.[sub]) || p.range;
      if (r && (v < r.min || v > r.max))
        return f(`must be between ${r.min} and ${r.max}${sub && p.rangeByKind?.[sub] ? ` for ${sub}` : ""} (${r.source}), got ${v}`);
      return [];
    }
    case "enum": {
      if (typeof v !== "string") return f(`must be one of ${p.values!.join(", ")}`);
      return p.values!.includes(v.trim().toUpperCase()) ? [] : f(`must be one of ${p.values!.join(", ")}, got '${v}'`);
    }
    case "string":
      return typeof v === "string" ? [] : f("must be a string");
    case "identifierRef": {
      if (typeof v !== "string") return f("must be a string (an object name)");
      const why = v === "" ? undefined : identifierProblem(v);
      return why ? f(why) : [];
    }
    case "roleList":
    case "stringList":
    case "ipList":
    case "qualifiedList": {
      if (!Array.isArray(v)) return f("must be a list of strings");
      const out: Failure[] = [];
      const max = (sub !== undefined ? p.maxItemsByKind?.[sub] : undefined) ?? p.maxItems;
      if (max !== undefined && v.length > max)
        out.push({ property: arg, reason: `takes at most ${max} value(s)${sub ? ` for ${sub}` : ""}, got ${v.length}` });
      v.forEach((x, i) => {
        if (isUnknown(x)) return;
        if (typeof x !== "string" || x.trim() === "") out.push({ property: `${arg}[${i}]`, reason: "must be a non-empty string" });
        else if (p.kind === "roleList") {
          const why = identifierProblem(x);
          if (why) out.push({ property: `${arg}[${i}]`, reason: `role name ${why}` });
          // DESCRIBE prints role lists comma-joined with no quoting (TF testacc
          // resource_external_oauth_integration_account_level_acceptance_test.go), so such a name could never be read back.
          else if (resolveName(x).includes(","))
            out.push({ property: `${arg}[${i}]`, reason: "role name contains a comma, which DESCRIBE cannot tell apart from two roles" });
        } else if (p.kind === "ipList" && !IPV4_CIDR.test(x.trim())) {
          out.push({ property: `${arg}[${i}]`, reason: `must be an IPv4 address or CIDR range (IPv6 needs network rules), got '${x}'` });
        } else if (p.kind === "qualifiedList" && x.split(".").length < 3) {
          out.push({ property: `${arg}[${i}]`, reason: `must be a fully qualified network rule name (db.schema.rule), got '${x}'` });
        }
      });
      if (p.kind === "roleList") {
        const names = v.filter((x): x is string => typeof x === "string" && !isUnknown(x)).map(resolveName);
        const dup = names.filter((n, i) => names.indexOf(n) !== i);
        if (dup.length)
          out.push({ property: arg, reason: `lists ${[...new Set(dup)].join(", ")} more than once (names resolve like identifiers)` });
      }
      return out;
    }
  }
}

/** Normalised view of the known, valid inputs for cross-field rules. */
export function normalizedForRules(spec: ObjectSpec, inputs: Record<string, unknown>): Record<string, NormValue | unknown> {
  const out: Record<string, unknown> = {};
  for (const [arg, v] of Object.entries(inputs)) {
    if (v === undefined || isUnknown(v)) continue;
    const p = spec.table[arg];
    try {
      out[arg] = p ? normalizeDeclared(p, v) : v;
    } catch {
      out[arg] = v;
    }
  }
  return out;
}

/** Run a rule unless one of its fields is unknown. */
export function runRule(rule: CrossRule, inputs: Record<string, unknown>, normalized: Record<string, unknown>): Failure[] {
  if (rule.fields.some((f) => isUnknown(inputs[f]))) return [];
  return rule.check(normalized);
}

/** Names the SQL property beside the input (`OAUTH_REFRESH_TOKEN_VALIDITY must be …`), once. */
function withSqlName(spec: ObjectSpec, x: Failure): Failure {
  const p = spec.table[x.property.replace(/\[\d+\]$/, "")];
  return p && !x.reason.includes(p.sql) ? { property: x.property, reason: `${p.sql} ${x.reason}` } : x;
}

/** All failures for a table's inputs: per-field first, then cross-field rules (only when fields are valid). */
export function checkInputs(spec: ObjectSpec, inputs: Record<string, unknown>): Failure[] {
  const sub = subKindOf(spec, inputs);
  const failures: Failure[] = [];
  for (const [arg, p] of Object.entries(spec.table)) failures.push(...checkField(arg, p, inputs[arg], sub));
  const bad = new Set(failures.map((x) => x.property.replace(/\[\d+\]$/, "")));
  const norm = normalizedForRules(spec, inputs);
  for (const rule of spec.rules) {
    if (rule.fields.some((f) => bad.has(f))) continue;
    failures.push(...runRule(rule, inputs, norm));
  }
  return failures.map((x) => withSqlName(spec, x));
}

/**
 * What the privileged-roles rule needs to know about the account. The provider reads it through the shared session
 * (each answer cached per process); unit tests stub it.
 */
export interface AccountFacts {
  /** A boolean account parameter (`SHOW PARAMETERS LIKE '<name>' IN ACCOUNT`). */
  booleanParameter(name: string): Promise<boolean>;
  /** Which of `names` exist as roles in the account (`SHOW ROLES LIKE ...`). */
  existingRoles(names: readonly string[]): Promise<ReadonlySet<string>>;
}

/** Stored names of a known list of role names (undefined when not a fully known list of strings). */
function resolvedRoles(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || isUnknown(v) || !v.every((x) => typeof x === "string")) return undefined;
  return v.map(resolveName);
}

/**
 * The account-dependent rule of the blocked role lists (every table property with `privilegedParam`), run after the
 * static checks passed. While that account parameter is TRUE, Snowflake refuses (003629; reference §3.5, TF #3171) a
 * blocked list that names some but not all of the privileged roles present in the account (ACCOUNTADMIN and
 * SECURITYADMIN everywhere; ORGADMIN/GLOBALORGADMIN where they exist).
 *
 * The account is read only when a declared list names a privileged role (as Snowflake resolves it: `accountadmin` is
 * ACCOUNTADMIN, `"accountadmin"` another role) and differs from the previous inputs' list (an unchanged list is not
 * written by the update, so the account's current setting cannot make it fail); then the parameter, and, when it is
 * TRUE, which organisation-only privileged roles exist. Unknown lists skip the rule. If the parameter cannot be read
 * (no connection, no privilege) the rule is skipped: CREATE/ALTER would still be refused by Snowflake itself.
 */
export async function checkPrivilegedBlockedLists(
  spec: ObjectSpec,
  olds: Record<string, unknown> | undefined,
  news: Record<string, unknown>,
  facts: AccountFacts,
): Promise<Failure[]> {
  const failures: Failure[] = [];
  for (const [arg, p] of Object.entries(spec.table)) {
    if (!p.privilegedParam) continue;
    const declared = resolvedRoles(news[arg]);
    if (!declared) continue;
    const named = PRIVILEGED_ROLES.filter((r) => declared.includes(r));
    if (named.length === 0) continue;
    const before = olds ? resolvedRoles(olds[arg]) : undefined;
    if (before && before.length === declared.length && declared.every((r) => before.includes(r))) continue;
    let on: boolean;
    try {
      on = await facts.booleanParameter(p.privilegedParam);
    } catch {
      continue; // cannot tell: let Snowflake judge the CREATE/ALTER
    }
    if (!on) continue;
    const orgOnly = PRIVILEGED_ROLES.filter((r) => !ACCOUNT_PRIVILEGED_ROLES.includes(r));
    let present: string[] | undefined;
    try {
      const existing = await facts.existingRoles(orgOnly);
      present = PRIVILEGED_ROLES.filter((r) => ACCOUNT_PRIVILEGED_ROLES.includes(r) || existing.has(r));
    } catch {
      present = undefined;
    }
    let missing: string[];
    let blocks: string;
    if (present) {
      missing = present.filter((r) => !declared.includes(r));
      blocks = present.join(", ");
    } else {
      // Roles unknown: the list is refused for sure only when it lacks a role every account has.
      missing = ACCOUNT_PRIVILEGED_ROLES.filter((r) => !declared.includes(r));
      blocks = `${ACCOUNT_PRIVILEGED_ROLES.join(", ")} (and ${orgOnly.join(", ")} where they exist)`;
    }
    if (missing.length === 0) continue;
    failures.push({
      property: arg,
      reason:
        `Snowflake would refuse this list (003629): while ${p.privilegedParam} is TRUE it blocks ${blocks} itself; ` +
        `name all of them or none (this list names ${named.join(", ")} but not ${missing.join(", ")})`,
    });
  }
  return failures;
}
