/**
 * `check()` validation derived from a table: per-field type/enum/range/list rules, then the table's cross-field rules.
 * Values unknown at preview are skipped. Messages name the field; no value of a secret field is ever echoed.
 * @internal
 */
import { identifierProblem, resolveName } from "../sql/quote";
import type { CrossRule, NormValue, ObjectSpec, PropSpec } from "../spec/types";
import { isUnknown } from "../spec/types";
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
      if (r && (v < r.min || v > r.max)) return f(`must be between ${r.min} and ${r.max}${sub && p.rangeByKind?.[sub] ? ` for ${sub}` : ""} (${r.source}), got ${v}`);
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
      if (max !== undefined && v.length > max) out.push({ property: arg, reason: `takes at most ${max} value(s)${sub ? ` for ${sub}` : ""}, got ${v.length}` });
      v.forEach((x, i) => {
        if (isUnknown(x)) return;
        if (typeof x !== "string" || x.trim() === "") out.push({ property: `${arg}[${i}]`, reason: "must be a non-empty string" });
        else if (p.kind === "roleList") {
          const why = identifierProblem(x);
          if (why) out.push({ property: `${arg}[${i}]`, reason: `role name ${why}` });
        } else if (p.kind === "ipList" && !IPV4_CIDR.test(x.trim())) {
          out.push({ property: `${arg}[${i}]`, reason: `must be an IPv4 address or CIDR range (IPv6 needs network rules), got '${x}'` });
        } else if (p.kind === "qualifiedList" && x.split(".").length < 3) {
          out.push({ property: `${arg}[${i}]`, reason: `must be a fully qualified network rule name (db.schema.rule), got '${x}'` });
        }
      });
      if (p.kind === "roleList") {
        const names = v.filter((x): x is string => typeof x === "string" && !isUnknown(x)).map(resolveName);
        const dup = names.filter((n, i) => names.indexOf(n) !== i);
        if (dup.length) out.push({ property: arg, reason: `lists ${[...new Set(dup)].join(", ")} more than once (names resolve like identifiers)` });
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
  return failures;
}
