/**
 * The ONE place where identifiers and string literals are turned into SQL text.
 *
 * Identifiers follow https://docs.snowflake.com/en/sql-reference/identifiers-syntax:
 *  1. An unquoted identifier starts with a letter (A-Z, a-z) or `_` and contains only letters, digits, `_` and `$`.
 *     Snowflake stores and resolves it in UPPER CASE (`myint` → `MYINT`).
 *  2. A double-quoted identifier keeps its case exactly and may contain any character; a `"` inside is written `""`.
 *  3. Identifiers are at most 255 characters long.
 *  4. A reserved keyword (https://docs.snowflake.com/en/sql-reference/reserved-keywords) must be double-quoted.
 *
 * String literals follow https://docs.snowflake.com/en/sql-reference/data-types-text ("String constants"):
 *  1. A backslash starts an escape sequence inside single quotes, so a literal `\` is written `\\` (escaped first).
 *  2. A `'` inside the literal is written `''`.
 *  3. Every other character, newlines included, is taken as is.
 * @internal
 */

/** Maximum identifier length (identifiers-syntax: "up to 255 characters"). */
export const MAX_IDENTIFIER_LENGTH = 255;

const UNQUOTED = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const STORED_BARE = /^[A-Z_][A-Z0-9_$]*$/;

/** Snowflake reserved keywords (https://docs.snowflake.com/en/sql-reference/reserved-keywords); such names are always quoted. */
const RESERVED = new Set(
  (
    "ACCOUNT ALL ALTER AND ANY AS BETWEEN BY CASE CAST CHECK COLUMN CONNECT CONNECTION CONSTRAINT CREATE CROSS CURRENT " +
    "CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER DATABASE DELETE DISTINCT DROP ELSE EXISTS FALSE FOLLOWING FOR " +
    "FROM FULL GRANT GROUP GSCLUSTER HAVING ILIKE IN INCREMENT INNER INSERT INTERSECT INTO IS ISSUE JOIN LATERAL LEFT LIKE " +
    "LOCALTIME LOCALTIMESTAMP MINUS NATURAL NOT NULL OF ON OR ORDER ORGANIZATION QUALIFY REGEXP REVOKE RIGHT RLIKE ROW ROWS " +
    "SAMPLE SCHEMA SELECT SET SOME START TABLE TABLESAMPLE THEN TO TRIGGER TRUE TRY_CAST UNION UNIQUE UPDATE USING VALUES " +
    "VIEW WHEN WHENEVER WHERE WITH"
  ).split(" "),
);

/**
 * A Snowflake identifier, held as the name Snowflake stores (what SHOW/DESCRIBE print).
 * Build one with {@link ident} (from what a user would write in SQL) or {@link Ident.stored} (from a stored name).
 */
export class Ident {
  private constructor(
    /** The stored name, exactly as Snowflake keeps it (`MYINT`, `my np`). */
    readonly name: string,
  ) {}

  /** From a stored name (SHOW/DESCRIBE output): no case folding. */
  static stored(name: string): Ident {
    return new Ident(name);
  }

  /**
   * From identifier text as a user writes it in SQL: `"Quoted ""x"""` keeps case (with `""` → `"`);
   * an unquoted-safe name is upper-cased; anything else (spaces, dashes, …) is taken as the exact stored name.
   */
  static parse(text: string): Ident {
    if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
      const inner = text.slice(1, -1);
      if (!inner.replace(/""/g, "").includes('"')) return new Ident(inner.replace(/""/g, '"'));
    }
    if (UNQUOTED.test(text)) return new Ident(text.toUpperCase());
    return new Ident(text);
  }

  /** SQL text: bare when the stored name is upper-case-safe and not reserved, else double-quoted with `""` escaping. */
  toSql(): string {
    if (STORED_BARE.test(this.name) && !RESERVED.has(this.name)) return this.name;
    return `"${this.name.replace(/"/g, '""')}"`;
  }

  /** Same stored name. */
  equals(other: Ident): boolean {
    return this.name === other.name;
  }

  toString(): string {
    return this.toSql();
  }
}

/** Shorthand for {@link Ident.parse}. */
export function ident(text: string): Ident {
  return Ident.parse(text);
}

/** The stored name Snowflake resolves `text` to (e.g. `analyst` → `ANALYST`, `"Mixed"` → `Mixed`). */
export function resolveName(text: string): string {
  return Ident.parse(text).name;
}

/** Why `text` is not usable as an identifier, or undefined. */
export function identifierProblem(text: string): string | undefined {
  if (text.length === 0) return "must not be empty";
  const name = Ident.parse(text).name;
  if (name.length === 0) return "must not be empty";
  if (name.length > MAX_IDENTIFIER_LENGTH) return `must be at most ${MAX_IDENTIFIER_LENGTH} characters (identifiers-syntax)`;
  return undefined;
}

/** A single-quoted string literal: `\` → `\\` first, then `'` → `''`. */
export function stringLiteral(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** The key under which the SDK tells the provider which inputs the program made secret (`pulumi.secret`). */
export const SECRET_INPUTS = "__secretInputs";

/**
 * The text a secret input's value can take inside a statement (raw and as a string literal's body), for redaction in
 * logs, errors and preview notices. The dynamic-provider protocol delivers secret inputs in plaintext and unmarked, so
 * the SDK lists their names in {@link SECRET_INPUTS}.
 */
export function secretFragments(inputs: Readonly<Record<string, unknown>>): string[] {
  const names = inputs[SECRET_INPUTS];
  if (!Array.isArray(names)) return [];
  const out = new Set<string>();
  for (const n of names) {
    const v = inputs[String(n)];
    const values = Array.isArray(v) ? v : typeof v === "object" && v !== null ? Object.values(v) : [v]; // lists, maps (tags)
    for (const x of values) {
      if (typeof x !== "string" && typeof x !== "number") continue;
      const text = String(x);
      if (text.length < 3) continue; // too short to redact without mangling the statement
      out.add(text);
      out.add(stringLiteral(text).slice(1, -1));
    }
  }
  return [...out];
}

/** `text` with every fragment replaced by `***`. */
export function redactFragments(text: string, fragments: readonly string[]): string {
  let out = text;
  for (const f of [...fragments].sort((a, b) => b.length - a.length)) if (f) out = out.split(f).join("***");
  return out;
}

/**
 * The `LIKE '<pattern>'` literal of a SHOW command that finds the object stored as `name`. A backslash may be LIKE's
 * escape character there, so each `\` in the name becomes the one-character wildcard `_` (which also matches a
 * backslash); `%` and `_` in the name match themselves as wildcards too. The pattern may therefore match more rows
 * than the one named: callers keep only the row whose name equals `name`.
 */
export function likeLiteral(name: string): string {
  return stringLiteral(name.replace(/\\/g, "_"));
}

/**
 * Splits a dotted name (`db.schema."my.rule"`) at the dots outside double quotes. With `keepQuotes`, each part keeps
 * its quotes and `""` escapes, ready for {@link Ident.parse}; without, quotes are removed and `""` becomes `"`, which
 * is how DESCRIBE prints stored names.
 */
export function splitDotted(text: string, keepQuotes: boolean): string[] {
  const parts: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      if (quoted && text[i + 1] === '"') {
        cur += keepQuotes ? '""' : '"';
        i++;
        continue;
      }
      quoted = !quoted;
      if (keepQuotes) cur += c;
    } else if (c === "." && !quoted) {
      parts.push(cur);
      cur = "";
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

/** A dotted name (`db.schema.rule`), each part resolved like an identifier. Quoted parts may contain dots. */
export function parseQualified(text: string): Ident[] {
  return splitDotted(text, true).map((p) => Ident.parse(p.trim()));
}

/** SQL text of a dotted name. */
export function qualifiedToSql(parts: Ident[]): string {
  return parts.map((p) => p.toSql()).join(".");
}
