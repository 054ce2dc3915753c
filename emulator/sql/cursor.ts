/**
 * A cursor over the tokens of one statement, with the small vocabulary every statement grammar uses.
 *
 * Keyword matching is case-insensitive and only matches unquoted words (`"SET"` quoted is an identifier).
 * `peekWord`/`acceptWord`/`expectWord` take a *sequence*: `acceptWord("OR", "REPLACE")` consumes both or nothing.
 * `acceptOneOf("SET", "UNSET")` picks one of several alternatives.
 * @internal
 */
import { NotSupported, SnowflakeError, syntaxError } from "../errors";
import { Token, tokenize } from "./lexer";

/** An identifier as written: `name` is the resolved value (unquoted → upper case; quoted → as written). */
export interface Ident {
  readonly name: string;
  readonly quoted: boolean;
  readonly token: Token;
}

/**
 * A property value in its raw token form, so each statement validates the type it expects.
 * - string: `'...'` or `$$...$$` (value unescaped)
 * - ident: unquoted word (value upper-cased) or `"quoted"` identifier (value as written), possibly dotted (`DB.SCH.R`)
 * - number: numeric literal (with optional sign)
 * - bool: unquoted TRUE/FALSE
 * - null: unquoted NULL
 * - list: `( v, v, ... )` or `()`
 * - props: `( NAME = v NAME = v ... )`, a nested property block such as `WORKLOAD_IDENTITY = ( TYPE = OIDC ISSUER = '…' )`
 */
export type Value =
  | { readonly kind: "string"; readonly value: string; readonly token: Token }
  | { readonly kind: "ident"; readonly value: string; readonly quoted: boolean; readonly parts: readonly Ident[]; readonly token: Token }
  | { readonly kind: "number"; readonly value: number; readonly text: string; readonly token: Token }
  | { readonly kind: "bool"; readonly value: boolean; readonly token: Token }
  | { readonly kind: "null"; readonly token: Token }
  | { readonly kind: "list"; readonly items: readonly Value[]; readonly token: Token }
  | { readonly kind: "props"; readonly props: ReadonlyMap<string, Assignment>; readonly token: Token };

/** One `NAME = value` assignment. `name` is upper case. */
export interface Assignment {
  readonly name: string;
  readonly nameToken: Token;
  readonly value: Value;
}

/** Property names whose values must never appear in messages or logs (PUBLIC_KEY: RSA_PUBLIC_KEY and the key-pair PUBLIC_KEY). */
export const SECRET_WORD = /PASSWORD|SECRET|TOKEN|PRIVATE_KEY|PUBLIC_KEY/;

export class Cursor {
  private pos = 0;

  constructor(
    readonly tokens: readonly Token[],
    readonly sqlText: string = "",
  ) {
    if (tokens.length === 0 || tokens[tokens.length - 1].kind !== "eof") {
      throw new Error("Cursor: token list must end with eof");
    }
  }

  /** The current token (eof at the end). */
  get current(): Token {
    return this.tokens[this.pos];
  }

  /** Token at current + n (clamped to eof). */
  peek(n = 0): Token {
    return this.tokens[Math.min(this.pos + n, this.tokens.length - 1)];
  }

  /** Save the position; `reset(mark)` returns to it (for grammars that look ahead and back out). */
  mark(): number {
    return this.pos;
  }

  reset(mark: number): void {
    this.pos = mark;
  }

  next(): Token {
    const t = this.current;
    if (t.kind !== "eof") this.pos++;
    return t;
  }

  atEnd(): boolean {
    return this.current.kind === "eof";
  }

  /** Throws a syntax error unless at the end of the statement. */
  expectEnd(): void {
    if (!this.atEnd()) throw this.error();
  }

  private isWordAt(offset: number, word: string): boolean {
    const t = this.peek(offset);
    return t.kind === "word" && t.value === word.toUpperCase();
  }

  /** True if the next tokens are exactly these unquoted keywords, in order. Consumes nothing. */
  peekWord(...words: string[]): boolean {
    return words.every((w, i) => this.isWordAt(i, w));
  }

  /** Consume the keyword sequence if it is next; returns whether it was. */
  acceptWord(...words: string[]): boolean {
    if (!this.peekWord(...words)) return false;
    this.pos += words.length;
    return true;
  }

  /** Consume the keyword sequence or throw a syntax error at the first token that does not match. */
  expectWord(...words: string[]): void {
    for (let i = 0; i < words.length; i++) {
      if (!this.isWordAt(0, words[i])) throw this.error();
      this.pos++;
    }
  }

  /** Consume one of the alternative keywords; returns it (upper case) or undefined. */
  acceptOneOf(...words: string[]): string | undefined {
    for (const w of words) {
      if (this.isWordAt(0, w)) {
        this.pos++;
        return w.toUpperCase();
      }
    }
    return undefined;
  }

  /** Like acceptOneOf but throws a syntax error when none matches. */
  expectOneOf(...words: string[]): string {
    const w = this.acceptOneOf(...words);
    if (w === undefined) throw this.error();
    return w;
  }

  peekSymbol(s: string): boolean {
    const t = this.current;
    return t.kind === "symbol" && t.value === s;
  }

  acceptSymbol(s: string): boolean {
    if (!this.peekSymbol(s)) return false;
    this.pos++;
    return true;
  }

  expectSymbol(s: string): void {
    if (!this.acceptSymbol(s)) throw this.error();
  }

  /** True if the current token can start an identifier (word or quoted). */
  peekIdentifier(): boolean {
    const k = this.current.kind;
    return k === "word" || k === "quoted";
  }

  /** How many tokens the identifier at current + k spans: 4 for `IDENTIFIER ( '…' )`, 1 for a word or "quoted", else 0. */
  identifierWidth(k = 0): number {
    if (this.isIdentifierCall(k)) return 4;
    const kind = this.peek(k).kind;
    return kind === "word" || kind === "quoted" ? 1 : 0;
  }

  /** `IDENTIFIER(` at current + k: the word is a name only when no `(` follows. */
  private isIdentifierCall(k = 0): boolean {
    const t = this.peek(k);
    const p = this.peek(k + 1);
    return t.kind === "word" && t.value === "IDENTIFIER" && p.kind === "symbol" && p.value === "(";
  }

  /** One identifier (unquoted word, "quoted", or `IDENTIFIER('name')` naming one part). */
  identifier(): Ident {
    if (this.isIdentifierCall()) {
      const parts = this.identifierLiteral();
      // A dotted literal where the grammar wants one part (users, roles, integrations…): unsourced, FIDELITY.md.
      if (parts.length !== 1) throw this.error(this.tokens[this.pos - 2]);
      return parts[0];
    }
    const t = this.current;
    if (t.kind !== "word" && t.kind !== "quoted") throw this.error();
    this.pos++;
    return { name: t.value, quoted: t.kind === "quoted", token: t };
  }

  /** A possibly dotted name `a.b.c` (or `IDENTIFIER('a.b.c')`); returns its parts. */
  qualifiedName(): Ident[] {
    if (this.isIdentifierCall()) return this.identifierLiteral();
    const parts = [this.identifier()];
    while (this.peekSymbol(".") && (this.peek(1).kind === "word" || this.peek(1).kind === "quoted")) {
      this.pos++;
      parts.push(this.identifier());
    }
    return parts;
  }

  /**
   * `IDENTIFIER( 'string literal' )` (https://docs.snowflake.com/en/sql-reference/identifier-literal): the literal
   * holds a name as SQL writes it — unquoted parts fold to upper case, "quoted" parts keep case, and it may be fully
   * qualified (`'db.sch.obj'`). Each part's token is the string literal, so errors point at it. Binds (`IDENTIFIER(?)`)
   * arrive here as literals; session and scripting variables are not implemented.
   */
  private identifierLiteral(): Ident[] {
    this.pos += 2;
    const lit = this.current;
    if (lit.kind === "symbol" && (lit.value === "$" || lit.value === ":")) throw new NotSupported("IDENTIFIER with a variable");
    if (lit.kind !== "string") throw this.error();
    this.pos++;
    this.expectSymbol(")");
    const parts = parseNameText(lit.value);
    if (!parts) throw invalidIdentifierLiteral(lit);
    return parts.map((p) => ({ name: p.value, quoted: p.kind === "quoted", token: lit }));
  }

  /** A string literal's value. */
  string(): string {
    const t = this.current;
    if (t.kind !== "string") throw this.error();
    this.pos++;
    return t.value;
  }

  /** A numeric literal, with an optional leading sign. */
  number(): number {
    let sign = 1;
    const mark = this.pos;
    if (this.acceptSymbol("-")) sign = -1;
    else this.acceptSymbol("+");
    const t = this.current;
    if (t.kind !== "number") {
      this.pos = mark;
      throw this.error();
    }
    this.pos++;
    return sign * Number(t.value);
  }

  /** `=` is optional in many Snowflake clauses; accept it if present. */
  optionalEquals(): void {
    this.acceptSymbol("=");
  }

  /** One value: string, number, TRUE/FALSE, NULL, identifier (maybe dotted) or a parenthesised list. */
  value(): Value {
    const t = this.current;
    if (t.kind === "string") {
      this.pos++;
      return { kind: "string", value: t.value, token: t };
    }
    if (t.kind === "number" || (t.kind === "symbol" && (t.value === "-" || t.value === "+") && this.peek(1).kind === "number")) {
      const sign = t.kind === "symbol" ? t.value : "";
      const v = this.number();
      return { kind: "number", value: v, text: sign + this.tokens[this.pos - 1].text, token: t };
    }
    if (t.kind === "word" && (t.value === "TRUE" || t.value === "FALSE")) {
      this.pos++;
      return { kind: "bool", value: t.value === "TRUE", token: t };
    }
    if (t.kind === "word" && t.value === "NULL") {
      this.pos++;
      return { kind: "null", token: t };
    }
    if (t.kind === "word" || t.kind === "quoted") {
      const parts = this.qualifiedName();
      return {
        kind: "ident",
        value: parts.map((p) => p.name).join("."),
        quoted: parts.some((p) => p.quoted),
        parts,
        token: t,
      };
    }
    if (t.kind === "symbol" && t.value === "(") {
      this.pos++;
      if (this.peekAssignment()) {
        const props = this.propertyAssignments();
        this.expectSymbol(")");
        return { kind: "props", props, token: t };
      }
      const items: Value[] = [];
      if (!this.acceptSymbol(")")) {
        for (;;) {
          items.push(this.value());
          if (this.acceptSymbol(",")) continue;
          this.expectSymbol(")");
          break;
        }
      }
      return { kind: "list", items, token: t };
    }
    throw this.error();
  }

  /** True if the current token starts `NAME =` (an unquoted word followed by `=`). */
  peekAssignment(): boolean {
    return this.current.kind === "word" && this.peek(1).kind === "symbol" && this.peek(1).value === "=";
  }

  /**
   * `NAME = value` assignments separated by spaces, commas or newlines, until the next token does not
   * start an assignment. Names are upper case. A repeated name is a syntax error at its second occurrence.
   * `stopWords` end the list even when followed by `=` (none by default).
   */
  propertyAssignments(stopWords: readonly string[] = []): Map<string, Assignment> {
    const out = new Map<string, Assignment>();
    for (;;) {
      if (!this.peekAssignment() || stopWords.includes(this.current.value)) break;
      const nameToken = this.next();
      if (out.has(nameToken.value)) {
        this.pos--;
        throw this.error();
      }
      this.expectSymbol("=");
      const value = this.value();
      out.set(nameToken.value, { name: nameToken.value, nameToken, value });
      if (this.acceptSymbol(",") && !this.peekAssignment()) throw this.error();
    }
    return out;
  }

  /** A comma-separated list of unquoted property names (for UNSET). At least one. */
  nameList(): Token[] {
    const out: Token[] = [];
    for (;;) {
      const t = this.current;
      if (t.kind !== "word") throw this.error();
      this.pos++;
      out.push(t);
      if (!this.acceptSymbol(",")) break;
    }
    return out;
  }

  /** A syntax error at the current token (or at `t`), formatted as Snowflake does. */
  error(t: Token = this.current): SnowflakeError {
    let shown = t.kind === "eof" ? (t.text === ";" ? ";" : "<EOF>") : t.text;
    // Never echo a literal that may be a secret: if the statement names a secret-bearing property, mask string literals.
    if (t.kind === "string" && this.tokens.some((x) => x.kind === "word" && SECRET_WORD.test(x.value))) shown = "'***'";
    return syntaxError(t.line, t.col, shown);
  }
}

/** Value → plain display text (for messages): strings unquoted, lists joined. */
export function valueText(v: Value): string {
  switch (v.kind) {
    case "string":
    case "ident":
      return v.value;
    case "number":
      return v.text;
    case "bool":
      return v.value ? "true" : "false";
    case "null":
      return "NULL";
    case "list":
      return "(" + v.items.map(valueText).join(", ") + ")";
    case "props":
      return "(" + [...v.props.values()].map((a) => `${a.name} = ${valueText(a.value)}`).join(" ") + ")";
  }
}

/**
 * The parts of a name written as SQL text (`a`, `"A b"`, `db.sch.obj`), or undefined when it is not one. Parts and dots
 * must touch: whitespace or comments inside the literal make it no name (unsourced, FIDELITY.md).
 */
function parseNameText(text: string): Token[] | undefined {
  let toks: Token[];
  try {
    toks = tokenize(text);
  } catch {
    return undefined;
  }
  const parts: Token[] = [];
  let end = 0;
  for (let i = 0; ; i += 2) {
    const t = toks[i];
    if ((t.kind !== "word" && t.kind !== "quoted") || t.offset !== end || (t.kind === "quoted" && t.value === "")) return undefined;
    parts.push(t);
    end = t.offset + t.text.length;
    const sep = toks[i + 1];
    if (sep.kind === "eof") return sep.offset === end ? parts : undefined;
    if (sep.kind !== "symbol" || sep.value !== "." || sep.offset !== end) return undefined;
    end++;
  }
}

/** A literal that is not a name: the text is unsourced (FIDELITY.md); 000904 as for any invalid identifier. */
function invalidIdentifierLiteral(lit: Token): SnowflakeError {
  return new SnowflakeError(
    "000904",
    "42000",
    `SQL compilation error: error line ${lit.line} at position ${lit.col}\ninvalid identifier '${lit.value}'`,
  );
}
