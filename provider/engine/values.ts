/**
 * Per-kind value handling, derived from a property's `kind`: normalising what the user declared, rendering SQL,
 * and parsing DESCRIBE cells. Every list shape is parsed by exactly one function here.
 * @internal
 */
import { Ident, parseQualified, qualifiedToSql, resolveName, splitDotted, stringLiteral } from "../sql/quote";
import type { DescribeParse, NormValue, PropSpec } from "../../model/types";

const sortedSet = (xs: string[]): string[] => [...new Set(xs)].sort();

/** Normalise a declared (plain, known) value to the form DESCRIBE values are normalised to. */
export function normalizeDeclared(p: PropSpec, v: unknown): NormValue {
  switch (p.kind) {
    case "bool":
      return v === true || v === "true";
    case "int":
      return typeof v === "number" ? v : Number(v);
    case "enum":
      return String(v).trim().toUpperCase();
    case "string":
      return String(v);
    case "identifierRef":
      return v === "" ? "" : resolveName(String(v));
    case "roleList":
      return sortedSet((v as unknown[]).map((x) => resolveName(String(x))));
    case "stringList":
      return sortedSet((v as unknown[]).map((x) => String(x)));
    case "ipList":
      return sortedSet((v as unknown[]).map((x) => String(x).trim()));
    case "qualifiedList":
      return sortedSet((v as unknown[]).map((x) => qualifiedToSql(parseQualified(String(x)))));
  }
}

/** Normalise a default from the table. */
export function normalizeDefault(p: PropSpec): NormValue | undefined {
  if (!p.default) return undefined;
  const v = p.default.value;
  return Array.isArray(v) ? sortedSet([...v]) : (v as NormValue);
}

/** SQL text of a declared value (in the user's order for lists). */
export function renderValue(p: PropSpec, v: unknown): string {
  switch (p.kind) {
    case "bool":
      return v === true || v === "true" ? "TRUE" : "FALSE";
    case "int":
      return String(Math.trunc(Number(v)));
    case "enum": {
      const s = String(v).trim().toUpperCase();
      return p.literal === "quoted" ? stringLiteral(s) : s;
    }
    case "string":
      return stringLiteral(String(v));
    case "identifierRef":
      // '' is "no object" (how a reference is cleared where no UNSET exists), never the quoted name `""`.
      return String(v) === "" ? stringLiteral("") : stringLiteral(Ident.parse(String(v)).toSql());
    case "roleList":
      return `(${dedupe((v as unknown[]).map((x) => Ident.parse(String(x)).toSql())).join(", ")})`;
    case "stringList":
    case "ipList":
      return `(${dedupe((v as unknown[]).map((x) => String(x).trim()))
        .map(stringLiteral)
        .join(", ")})`;
    case "qualifiedList":
      return `(${dedupe((v as unknown[]).map((x) => qualifiedToSql(parseQualified(String(x))))).join(", ")})`;
  }
}

/** SQL text of a normalised value (used for defaults). */
export function renderNormalized(p: PropSpec, v: NormValue): string {
  if (p.kind === "roleList") return `(${(v as string[]).map((x) => Ident.stored(x).toSql()).join(", ")})`;
  if (p.kind === "identifierRef") return String(v) === "" ? stringLiteral("") : stringLiteral(Ident.stored(String(v)).toSql());
  return renderValue(p, v);
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}

/**
 * Parse a comma-joined DESCRIBE list (`ACCOUNTADMIN,SECURITYADMIN`). Assumptions:
 *  1. Items are separated by `,` with no brackets (as the Terraform provider's live tests read DESCRIBE INTEGRATION: Snowflake-Labs/terraform-provider-snowflake
 *     `pkg/sdk/testint/security_integrations_gen_integration_test.go`, e.g. `BLOCKED_ROLES_LIST` value `ACCOUNTADMIN,SECURITYADMIN`); a surrounding `[...]` is tolerated.
 *  2. Items carry no quotes: they are stored names, taken as is (no case folding).
 *  3. Whitespace around items is not part of them; empty items are dropped; `''` (and `[]`) is the empty list.
 *  4. Items never contain `,` (a role name with a comma cannot be told apart; unconfirmed how Snowflake shows it).
 */
export function parseCommaList(text: string | null | undefined): string[] {
  let t = (text ?? "").trim();
  if (t.startsWith("[") && t.endsWith("]")) t = t.slice(1, -1);
  return t
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * Parse a bracketed Python-style list (`['a', 'b']`, `[a]`) or a bare single value (`https://x`). Assumptions:
 *  1. `''` and `[]` are the empty list.
 *  2. Items may be single- or double-quoted; a quoted item may contain `,`; `\'` inside single quotes is a quote.
 *  3. Unquoted items end at `,`; surrounding whitespace is dropped.
 *  4. Text without brackets is one item unless it contains `,` outside quotes (then it is a comma list).
 */
export function parseBracketList(text: string | null | undefined): string[] {
  let t = (text ?? "").trim();
  if (t === "") return [];
  if (t.startsWith("[") && t.endsWith("]")) t = t.slice(1, -1).trim();
  const out: string[] = [];
  let i = 0;
  while (i < t.length) {
    while (i < t.length && /\s/.test(t[i])) i++;
    if (i >= t.length) break;
    const q = t[i];
    if (q === "'" || q === '"') {
      let s = "";
      i++;
      while (i < t.length && t[i] !== q) {
        if (t[i] === "\\" && i + 1 < t.length) i++;
        s += t[i++];
      }
      i++;
      out.push(s);
      while (i < t.length && t[i] !== ",") i++;
      i++;
    } else {
      let j = t.indexOf(",", i);
      if (j < 0) j = t.length;
      const s = t.slice(i, j).trim();
      if (s !== "") out.push(s);
      i = j + 1;
    }
  }
  return out;
}

/** Parse the JSON rule list of DESCRIBE NETWORK POLICY (`[{"fullyQualifiedRuleName":"DB.SC.NR"}]`); falls back to a comma list. */
export function parseRuleJson(text: string | null | undefined): string[] {
  const t = (text ?? "").trim();
  if (t === "") return [];
  try {
    const arr = JSON.parse(t) as unknown;
    if (Array.isArray(arr)) {
      return arr.map((x) => (typeof x === "string" ? x : String((x as { fullyQualifiedRuleName?: unknown }).fullyQualifiedRuleName ?? "")));
    }
  } catch {
    /* not JSON: the docs' examples show bare names */
  }
  return parseCommaList(t);
}

/** Split a stored dotted name as DESCRIBE shows it: parts are stored names (quoted parts unescaped). */
export function storedQualified(text: string): string {
  return qualifiedToSql(splitDotted(text, false).map((p) => Ident.stored(p)));
}

/** Parse one DESCRIBE cell by the property's parse rule and normalise it like a declared value. */
export function parseDescribed(p: PropSpec, parse: DescribeParse, cell: string | null | undefined): NormValue | undefined {
  const text = cell ?? "";
  switch (parse) {
    case "bool":
      return text.toLowerCase() === "true" ? true : text.toLowerCase() === "false" ? false : undefined;
    case "int": {
      const n = Number(text);
      return text.trim() === "" || Number.isNaN(n) ? undefined : n;
    }
    case "string":
      if (p.kind === "enum") return text.trim().toUpperCase();
      // A stored name is shown bare; tolerate a quoted form (`"edge np"`) should Snowflake print one.
      if (p.kind === "identifierRef") return unquoteStored(text);
      return text;
    case "commaList":
      return sortedSet(parseCommaList(text).map((x) => (p.kind === "roleList" ? unquoteStored(x) : x)));
    case "bracketList":
      return sortedSet(parseBracketList(text));
    case "ruleJson":
      return sortedSet(parseRuleJson(text).map(storedQualified));
  }
}

/** A stored name as printed: bare, or double-quoted with `""` escaping (then unquoted). */
function unquoteStored(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text;
}

/** Structural equality of normalised values. */
export function sameValue(a: NormValue | undefined, b: NormValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}
