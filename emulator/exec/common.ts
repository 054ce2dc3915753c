/**
 * Helpers shared by the core executors: typed reads of property values, LIKE patterns, status texts.
 * @internal
 */
import { invalidProperty, invalidValue, SnowflakeError } from "../errors";
import { Assignment, SECRET_WORD, Value, valueText } from "../sql/cursor";
import { Props } from "../sql/ast";

/** Snowflake `LIKE` for SHOW: case-insensitive, `%` any run, `_` one character, `\` escapes. */
export function likeMatcher(pattern: string | undefined): (name: string) => boolean {
  if (pattern === undefined) return () => true;
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\" && i + 1 < pattern.length) {
      re += escapeRe(pattern[++i]);
    } else if (ch === "%") re += "[\\s\\S]*";
    else if (ch === "_") re += "[\\s\\S]";
    else re += escapeRe(ch);
  }
  const rx = new RegExp("^" + re + "$", "i");
  return (name) => rx.test(name);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Throw `invalid property` for every assignment whose name is not in `allowed`. */
export function rejectUnknown(props: Props, allowed: ReadonlySet<string>, kind: string): void {
  for (const a of props.values()) {
    if (!allowed.has(a.name)) throw invalidProperty(a.name, kind);
  }
}

function bad(a: Assignment): SnowflakeError {
  return invalidValue(SECRET_WORD.test(a.name) ? "***" : valueText(a.value), a.name);
}

/** A string literal. */
export function stringOf(a: Assignment): string {
  if (a.value.kind !== "string") throw bad(a);
  return a.value.value;
}

/** A boolean: TRUE/FALSE, or the strings 'TRUE'/'FALSE' (case-insensitive). */
export function boolOf(a: Assignment): boolean {
  const v = a.value;
  if (v.kind === "bool") return v.value;
  if (v.kind === "string" && /^(true|false)$/i.test(v.value)) return v.value.toLowerCase() === "true";
  throw bad(a);
}

/** An integer literal. */
export function intOf(a: Assignment): number {
  const v = a.value;
  if (v.kind === "number" && Number.isInteger(v.value)) return v.value;
  throw bad(a);
}

/**
 * An object name given as an identifier (`R1`, `"r1"`) or a string resolved like an unquoted
 * identifier (`'r1'` → `R1`, `'"r1"'` → `r1`), as Snowflake does for DEFAULT_ROLE, NETWORK_POLICY etc.
 */
export function nameOf(a: Assignment): string {
  const v = a.value;
  if (v.kind === "ident") return v.value;
  if (v.kind === "string") return resolveNameString(v.value);
  throw bad(a);
}

/** Resolve a name written inside a string literal: `"x"` keeps case, otherwise upper case. */
export function resolveNameString(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/""/g, '"');
  return t.toUpperCase();
}

/** An enum value given bare or quoted; returns the upper-case value if it is one of `allowed`. */
export function enumOf<T extends string>(a: Assignment, allowed: readonly T[]): T {
  const v = a.value;
  const raw = v.kind === "ident" && !v.quoted ? v.value : v.kind === "string" ? v.value.toUpperCase() : undefined;
  if (raw !== undefined && (allowed as readonly string[]).includes(raw)) return raw as T;
  throw bad(a);
}

/** A parenthesised list of strings (or identifiers, resolved), `()` = empty. */
export function stringListOf(a: Assignment, mapItem: (v: Value) => string = itemText): string[] {
  const v = a.value;
  if (v.kind !== "list") throw bad(a);
  return v.items.map((item) => {
    if (item.kind !== "string" && item.kind !== "ident") throw bad(a);
    return mapItem(item);
  });
}

function itemText(v: Value): string {
  return v.kind === "string" || v.kind === "ident" ? v.value : valueText(v);
}

/** Snowflake's status texts. */
export const STATUS = {
  ok: "Statement executed successfully.",
  created: (kind: string, name: string) => `${kind} ${name} successfully created.`,
  dropped: (name: string) => `${name} successfully dropped.`,
  alreadyExists: (name: string) => `${name} already exists, statement succeeded.`,
  alreadyDropped: (name: string) => `Drop statement executed successfully (${name} already dropped).`,
};
