/**
 * DESCRIBE output → typed, normalised observation. The raw row shapes are converted here and nowhere else.
 *  - DESCRIBE INTEGRATION: `property, property_type, property_value, property_default`
 *    (https://docs.snowflake.com/en/sql-reference/sql/desc-integration). Rows are found by name, never by position;
 *    unknown rows are kept in `raw` and otherwise ignored.
 *  - DESCRIBE NETWORK POLICY: `name, value`, a row only for non-empty lists
 *    (https://docs.snowflake.com/en/sql-reference/sql/desc-network-policy).
 * @internal
 */
import { fingerprintOfBase64Der } from "../../sdk/keys/public-key";
import type { DescribeParse, NormValue, ObjectSpec, PropSpec } from "../../model/types";
import type { KeySlotSpec } from "../../model/types";
import type { Observed } from "./plan";
import { applicable } from "./plan";
import { PRIVILEGED_ROLES } from "../../model/oauthCommon";
import { normalizeDeclared, normalizeDefault, parseDescribed, sameValue } from "./values";

/** One DESCRIBE INTEGRATION row as the driver returns it. */
export type IntegrationDescRow = {
  property: string;
  property_type: string;
  property_value: string | null;
  property_default: string | null;
};

/** One converted property: the paired struct of a raw row. */
export interface DescribedProperty {
  readonly name: string;
  readonly type: string;
  readonly value: string;
  readonly default: string;
}

/** Convert raw rows once (NULL → ''), keyed by property name. */
export function convertIntegrationRows(rows: readonly Record<string, unknown>[]): Map<string, DescribedProperty> {
  const out = new Map<string, DescribedProperty>();
  for (const r of rows) {
    const name = String(r.property ?? r.PROPERTY ?? "");
    if (!name) continue;
    const s = (x: unknown) => (x === null || x === undefined ? "" : String(x));
    out.set(name, { name, type: s(r.property_type), value: s(r.property_value), default: s(r.property_default) });
  }
  return out;
}

/** Convert DESCRIBE NETWORK POLICY rows (`name`, `value`) into the same shape; absent lists get an empty row. */
export function convertNetworkPolicyRows(rows: readonly Record<string, unknown>[], spec: ObjectSpec): Map<string, DescribedProperty> {
  const out = new Map<string, DescribedProperty>();
  for (const p of Object.values(spec.table)) {
    if (p.describe && p.describe.parse !== "string")
      out.set(p.describe.row, { name: p.describe.row, type: "List", value: "", default: "" });
  }
  for (const r of rows) {
    const name = String(r.name ?? "");
    if (name) out.set(name, { name, type: "List", value: r.value == null ? "" : String(r.value), default: "" });
  }
  return out;
}

/**
 * Fingerprint of a raw key text as DESCRIBE shows it (External OAuth prints the key itself), as Snowflake computes
 * `*_FP`; '' for an empty slot. Not validated: what Snowflake stored is compared, whatever it is.
 */
export function fingerprintOfBody(text: string): string {
  const b64 = text.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
  return b64 === "" ? "" : fingerprintOfBase64Der(b64);
}

/**
 * The parse rule for a row, by Snowflake's own `property_type` (Boolean, Integer/Long, List, Object, String); the
 * table's rule applies when the row has no type (DESCRIBE NETWORK POLICY) or a type this table does not know.
 */
export function parseRuleFor(p: PropSpec, d: DescribedProperty): DescribeParse {
  const byType: Record<string, DescribeParse> = {
    Boolean: "bool",
    Integer: "int",
    Long: "int",
    List: "commaList",
    Object: "bracketList",
    String: "string",
  };
  const rule = byType[d.type];
  if (!rule || !p.describe) return p.describe!.parse;
  // A JSON rule list or a list shown as String keeps the table's rule; scalars shown as String keep theirs.
  if (p.describe.parse === "ruleJson") return "ruleJson";
  const listKind = p.kind.endsWith("List");
  if (rule === "string" && listKind) return p.describe.parse;
  if ((rule === "commaList" || rule === "bracketList") && !listKind) return p.describe.parse;
  return rule;
}

function observeOne(p: PropSpec, d: DescribedProperty | undefined): NormValue | undefined {
  if (!p.describe || !d) return undefined;
  const v = parseDescribed(p, parseRuleFor(p, d), d.value);
  if (p.kind === "enum" && v === "") return normalizeDefault(p);
  return v;
}

/** The normalised observation of a described object, for `plan()`. */
export function observe(
  spec: ObjectSpec,
  described: Map<string, DescribedProperty>,
  inputs: Record<string, unknown>,
  slots?: KeySlotSpec,
): Observed {
  const values: Record<string, NormValue | undefined> = {};
  for (const [arg, p] of applicable(spec, inputs)) values[arg] = observeOne(p, p.describe ? described.get(p.describe.row) : undefined);
  let keySlots: Observed["keySlots"];
  if (slots) {
    const fp = (s: KeySlotSpec["slot1"]) => {
      const v = described.get(s.describeRow)?.value ?? "";
      return s.shows === "fingerprint" ? v : fingerprintOfBody(v);
    };
    keySlots = { slot1: fp(slots.slot1), slot2: fp(slots.slot2) };
  }
  return { values, keySlots };
}

/** A plain-object view of DESCRIBE (`{PROPERTY: value}`) for the `described` output. */
export function describedRecord(described: Map<string, DescribedProperty>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of described) out[k] = v.value;
  return out;
}

/**
 * Observed values mapped back to input form (for `read` → `inputs`). Where the observation matches what was declared
 * the declared text is kept (so `analyst` stays `analyst`), a property at its default stays undeclared, and privileged
 * roles Snowflake adds to a blocked list are left out while the account parameter is TRUE.
 */
export function observedAsInputs(
  spec: ObjectSpec,
  observed: Observed,
  previous: Record<string, unknown>,
  privilegedAdded: Readonly<Record<string, boolean | undefined>> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [arg, p] of applicable(spec, previous)) {
    let v = observed.values[arg];
    const prev = previous[arg];
    if (v === undefined) {
      if (prev !== undefined) out[arg] = prev;
      continue;
    }
    if (p.privilegedParam && Array.isArray(v) && privilegedAdded[p.privilegedParam]) {
      const declared = new Set(prev === undefined ? [] : (normalizeDeclared(p, prev) as string[]));
      v = v.filter((r) => !PRIVILEGED_ROLES.includes(r) || declared.has(r));
    }
    const prevNorm = prev === undefined ? normalizeDefault(p) : normalizeDeclared(p, prev);
    if (sameValue(prevNorm, v)) {
      if (prev !== undefined) out[arg] = prev;
      continue;
    }
    // Back at Snowflake's default: the refreshed program state leaves it undeclared.
    if (sameValue(normalizeDefault(p), v)) continue;
    out[arg] = v;
  }
  return out;
}
