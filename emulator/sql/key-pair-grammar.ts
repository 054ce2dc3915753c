/**
 * Grammar of named user key pairs:
 * - ALTER USER [ IF EXISTS ] [ <username> ] ADD KEY PAIR <name> PUBLIC_KEY = '…' [ ROLE_RESTRICTION = '…' ]
 *   [ DAYS_TO_EXPIRY = <integer> ] [ COMMENT = '…' ]   https://docs.snowflake.com/sql-reference/sql/alter-user-add-key-pair
 * - ALTER USER [ IF EXISTS ] [ <username> ] MODIFY KEY PAIR <name> { RENAME TO <new> | SET [ DISABLED = { TRUE | FALSE } ]
 *   [ COMMENT = '…' ] | UNSET { DISABLED | COMMENT } [ , … ] }   https://docs.snowflake.com/sql-reference/sql/alter-user-modify-key-pair
 * - ALTER USER [ IF EXISTS ] [ <username> ] ROTATE KEY PAIR <name> PUBLIC_KEY = '…'
 *   [ EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = <integer> ]   https://docs.snowflake.com/sql-reference/sql/alter-user-rotate-key-pair
 * - ALTER USER [ IF EXISTS ] [ <username> ] REMOVE KEY PAIR <name>   https://docs.snowflake.com/sql-reference/sql/alter-user-remove-key-pair
 * - SHOW USER KEY PAIRS [ FOR USER <username> ]   https://docs.snowflake.com/sql-reference/sql/show-user-key-pairs
 *
 * Options may come in any order, separated by spaces or commas (MODIFY … SET: "separated by blank spaces, commas, or
 * new lines"; the same leniency for ADD and ROTATE is unsourced). A name that is no option of the verb is
 * `invalid property 'X' for 'KEY PAIR'` (001423); a repeated option or a value of the wrong literal kind is a syntax
 * error at that token; a fractional integer is `invalid value`. `parseKeyPairStatement` returns undefined (cursor
 * untouched) for any other statement.
 * @internal
 */
import { invalidProperty, invalidValue, missingProperty } from "../errors";
import type { Token } from "./lexer";
import { Cursor, Ident } from "./cursor";
import type { KeyPairModifyAction, KeyPairOption, KeyPairStatement } from "./ast";

const VERBS = ["ADD", "MODIFY", "ROTATE", "REMOVE"] as const;
type Verb = (typeof VERBS)[number];

export function parseKeyPairStatement(c: Cursor): KeyPairStatement | undefined {
  const start = c.mark();
  const st = attempt(c);
  if (st === undefined) c.reset(start);
  return st;
}

/** True if the tokens at `k` are `<verb> KEY PAIR`. */
function verbAt(c: Cursor, k: number): Verb | undefined {
  const t = c.peek(k);
  const isWord = (n: number, w: string) => c.peek(n).kind === "word" && c.peek(n).value === w;
  if (t.kind !== "word" || !isWord(k + 1, "KEY") || !isWord(k + 2, "PAIR")) return undefined;
  return (VERBS as readonly string[]).includes(t.value) ? (t.value as Verb) : undefined;
}

function attempt(c: Cursor): KeyPairStatement | undefined {
  if (c.acceptWord("SHOW", "USER", "KEY", "PAIRS")) {
    if (!c.acceptWord("FOR")) return { kind: "showKeyPairs" };
    c.expectWord("USER");
    return { kind: "showKeyPairs", user: c.identifier() };
  }
  if (!c.acceptWord("ALTER", "USER")) return undefined;
  const ifExists = c.acceptWord("IF", "EXISTS");
  let user: Ident | undefined;
  let verb = verbAt(c, 0);
  if (!verb && c.peekIdentifier()) {
    verb = verbAt(c, c.identifierWidth());
    if (verb) user = c.identifier();
  }
  if (!verb) return undefined;
  c.expectWord(verb, "KEY", "PAIR");
  const name = c.identifier();
  switch (verb) {
    case "ADD": {
      const o = options(c, { PUBLIC_KEY: "string", ROLE_RESTRICTION: "string", DAYS_TO_EXPIRY: "int", COMMENT: "string" });
      const publicKey = o.get("PUBLIC_KEY");
      if (!publicKey) throw missingProperty("PUBLIC_KEY", "KEY PAIR");
      return {
        kind: "addKeyPair",
        ifExists,
        user,
        name,
        publicKey: publicKey.value as string,
        roleRestriction: o.get("ROLE_RESTRICTION") as KeyPairOption<string> | undefined,
        daysToExpiry: o.get("DAYS_TO_EXPIRY") as KeyPairOption<number> | undefined,
        comment: o.get("COMMENT")?.value as string | undefined,
      };
    }
    case "ROTATE": {
      const o = options(c, { PUBLIC_KEY: "string", EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS: "int" });
      const publicKey = o.get("PUBLIC_KEY");
      if (!publicKey) throw missingProperty("PUBLIC_KEY", "KEY PAIR");
      return {
        kind: "rotateKeyPair",
        ifExists,
        user,
        name,
        publicKey: publicKey.value as string,
        hours: o.get("EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS") as KeyPairOption<number> | undefined,
      };
    }
    case "REMOVE":
      return { kind: "removeKeyPair", ifExists, user, name };
    case "MODIFY":
      return { kind: "modifyKeyPair", ifExists, user, name, action: modifyAction(c) };
  }
}

/**
 * RENAME TO / SET / UNSET. "You can't change the public key, role restriction, or expiration time with MODIFY KEY PAIR"
 * (https://docs.snowflake.com/sql-reference/sql/alter-user-modify-key-pair): any other name is an invalid property.
 */
function modifyAction(c: Cursor): KeyPairModifyAction {
  if (c.acceptWord("RENAME", "TO")) return { type: "rename", newName: c.identifier() };
  const verb = c.expectOneOf("SET", "UNSET");
  if (verb === "SET") {
    const o = options(c, { DISABLED: "bool", COMMENT: "string" });
    if (o.size === 0) throw c.error();
    return {
      type: "set",
      disabled: o.get("DISABLED")?.value as boolean | undefined,
      comment: o.get("COMMENT")?.value as string | undefined,
    };
  }
  // "Specifying the value returns an error": `UNSET COMMENT = 'x'` stops at `=`, a syntax error at the end check.
  const seen = new Set<string>();
  for (const t of c.nameList()) {
    if (t.value !== "DISABLED" && t.value !== "COMMENT") throw invalidProperty(t.value, "KEY PAIR");
    if (seen.has(t.value)) throw c.error(t);
    seen.add(t.value);
  }
  return { type: "unset", disabled: seen.has("DISABLED"), comment: seen.has("COMMENT") };
}

type OptionKind = "string" | "int" | "bool";

/** `NAME = value` options in any order (spaces or commas between them), typed by `allowed`. */
function options(c: Cursor, allowed: Readonly<Record<string, OptionKind>>): Map<string, KeyPairOption<string | number | boolean>> {
  const out = new Map<string, KeyPairOption<string | number | boolean>>();
  while (c.peekAssignment()) {
    const nameToken = c.next();
    const name = nameToken.value;
    if (!Object.prototype.hasOwnProperty.call(allowed, name)) throw invalidProperty(name, "KEY PAIR");
    if (out.has(name)) throw c.error(nameToken);
    c.expectSymbol("=");
    out.set(name, optionValue(c, name, allowed[name]));
    if (c.acceptSymbol(",") && !c.peekAssignment()) throw c.error();
  }
  return out;
}

function optionValue(c: Cursor, name: string, kind: OptionKind): KeyPairOption<string | number | boolean> {
  const token: Token = c.current;
  if (kind === "string") return { value: c.string(), token };
  if (kind === "bool") {
    const w = c.expectOneOf("TRUE", "FALSE");
    return { value: w === "TRUE", token };
  }
  const v = c.number();
  if (!Number.isInteger(v)) throw invalidValue(String(v), name);
  return { value: v, token };
}
