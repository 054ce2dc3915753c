/**
 * Snowflake SQL tokenizer.
 *
 * Rules (https://docs.snowflake.com/en/sql-reference/identifiers-syntax and
 * https://docs.snowflake.com/en/sql-reference/data-types-text#string-constants):
 * 1. Unquoted identifiers start with a letter or `_` and contain letters, digits, `_`, `$`; their
 *    `value` is folded to UPPER CASE.
 * 2. Double-quoted identifiers keep case; `""` inside is one `"`.
 * 3. Single-quoted strings interpret `''` and the backslash escapes `\' \" \\ \b \f \n \r \t \0`,
 *    `\ooo` (octal), `\xhh`, `\uhhhh`; a backslash before any other character is dropped. Raw newlines are allowed.
 * 4. `$$ ... $$` strings are taken literally.
 * 5. Comments: `-- …`, `// …` to end of line, `/* … *\/` (not nested).
 * 6. `line` is 1-based; `col` is the 0-based position within the line (what Snowflake prints as "position").
 * @internal
 */
import { syntaxError } from "../errors";

export type TokenKind = "word" | "quoted" | "string" | "number" | "symbol" | "eof";

export interface Token {
  readonly kind: TokenKind;
  /** Raw source text of the token. */
  readonly text: string;
  /** word: upper-cased; quoted: unescaped content; string: unescaped value; number/symbol: the text; eof: "". */
  readonly value: string;
  /** 1-based line. */
  readonly line: number;
  /** 0-based position in the line (Snowflake's "position"). */
  readonly col: number;
  /** 0-based offset in the whole text. */
  readonly offset: number;
}

const SYMBOLS3: string[] = [];
const SYMBOLS2 = ["<>", "!=", "<=", ">=", "||", "::", "=>", "->"];
const SYMBOLS1 = "()[]{},;=.*+-/<>:%|@!^&~?";

function isIdentStart(c: string): boolean {
  return /[A-Za-z_]/.test(c) || c.charCodeAt(0) > 127;
}
function isIdentPart(c: string): boolean {
  return /[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) > 127;
}

/** Tokenize the whole text. The result always ends with one `eof` token. Throws 001003 on an unterminated literal. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = sql.length;

  const advanceOver = (from: number, to: number): void => {
    for (let k = from; k < to; k++) {
      if (sql[k] === "\n") {
        line++;
        lineStart = k + 1;
      }
    }
  };
  const push = (kind: TokenKind, start: number, end: number, value: string, tline: number, tcol: number): void => {
    tokens.push({ kind, text: sql.slice(start, end), value, line: tline, col: tcol, offset: start });
  };

  while (i < n) {
    const c = sql[i];
    // whitespace
    if (c === " " || c === "\t" || c === "\r" || c === "\n" || c === "\f" || c === "\v") {
      if (c === "\n") {
        line++;
        lineStart = i + 1;
      }
      i++;
      continue;
    }
    // comments
    if ((c === "-" && sql[i + 1] === "-") || (c === "/" && sql[i + 1] === "/")) {
      while (i < n && sql[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      const stop = end < 0 ? n : end + 2;
      advanceOver(i, stop);
      i = stop;
      continue;
    }
    const tline = line;
    const tcol = i - lineStart;
    const start = i;
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentPart(sql[i])) i++;
      push("word", start, i, sql.slice(start, i).toUpperCase(), tline, tcol);
      continue;
    }
    if (c === '"') {
      let v = "";
      i++;
      for (;;) {
        if (i >= n) throw syntaxError(tline, tcol, sql.slice(start, start + 20));
        if (sql[i] === '"') {
          if (sql[i + 1] === '"') {
            v += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += sql[i];
        i++;
      }
      advanceOver(start, i);
      push("quoted", start, i, v, tline, tcol);
      continue;
    }
    if (c === "'") {
      const r = readSingleQuoted(sql, i);
      if (r === undefined) throw syntaxError(tline, tcol, "<EOF>");
      advanceOver(start, r.end);
      i = r.end;
      push("string", start, i, r.value, tline, tcol);
      continue;
    }
    if (c === "$" && sql[i + 1] === "$") {
      const end = sql.indexOf("$$", i + 2);
      if (end < 0) throw syntaxError(tline, tcol, "<EOF>");
      const value = sql.slice(i + 2, end);
      advanceOver(start, end + 2);
      i = end + 2;
      push("string", start, i, value, tline, tcol);
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(sql[i + 1] ?? ""))) {
      while (i < n && /[0-9]/.test(sql[i])) i++;
      if (sql[i] === "." && /[0-9]/.test(sql[i + 1] ?? "")) {
        i++;
        while (i < n && /[0-9]/.test(sql[i])) i++;
      } else if (sql[i] === ".") {
        i++;
      }
      if ((sql[i] === "e" || sql[i] === "E") && /[0-9+-]/.test(sql[i + 1] ?? "")) {
        let j = i + 1;
        if (sql[j] === "+" || sql[j] === "-") j++;
        if (/[0-9]/.test(sql[j] ?? "")) {
          i = j;
          while (i < n && /[0-9]/.test(sql[i])) i++;
        }
      }
      push("number", start, i, sql.slice(start, i), tline, tcol);
      continue;
    }
    const three = sql.slice(i, i + 3);
    if (SYMBOLS3.includes(three)) {
      i += 3;
      push("symbol", start, i, three, tline, tcol);
      continue;
    }
    const two = sql.slice(i, i + 2);
    if (SYMBOLS2.includes(two)) {
      i += 2;
      push("symbol", start, i, two, tline, tcol);
      continue;
    }
    if (SYMBOLS1.includes(c) || c === "$") {
      i++;
      push("symbol", start, i, c, tline, tcol);
      continue;
    }
    throw syntaxError(tline, tcol, c);
  }
  tokens.push({ kind: "eof", text: "", value: "", line, col: i - lineStart, offset: n });
  return tokens;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "'": "'",
  '"': '"',
  "\\": "\\",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  "0": "\0",
};

function readSingleQuoted(sql: string, start: number): { value: string; end: number } | undefined {
  let i = start + 1;
  let v = "";
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (c === "'") {
      if (sql[i + 1] === "'") {
        v += "'";
        i += 2;
        continue;
      }
      return { value: v, end: i + 1 };
    }
    if (c === "\\" && i + 1 < n) {
      const e = sql[i + 1];
      // octal \ooo (three octal digits)
      if (/[0-7]/.test(e) && /^[0-7]{3}$/.test(sql.slice(i + 1, i + 4))) {
        v += String.fromCharCode(parseInt(sql.slice(i + 1, i + 4), 8));
        i += 4;
        continue;
      }
      if (e === "x" && /^[0-9A-Fa-f]{2}$/.test(sql.slice(i + 2, i + 4))) {
        v += String.fromCharCode(parseInt(sql.slice(i + 2, i + 4), 16));
        i += 4;
        continue;
      }
      if (e === "u" && /^[0-9A-Fa-f]{4}$/.test(sql.slice(i + 2, i + 6))) {
        v += String.fromCharCode(parseInt(sql.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      v += SIMPLE_ESCAPES[e] ?? e;
      i += 2;
      continue;
    }
    v += c;
    i++;
  }
  return undefined;
}

/** One statement of a multi-statement text: its tokens (ending in eof) and its source text. */
export interface StatementTokens {
  readonly tokens: Token[];
  readonly text: string;
}

/**
 * Split a token stream on top-level `;`. Empty statements (only comments/whitespace) are dropped,
 * so `select 1;` is one statement and `a; b;` two.
 */
export function splitStatements(sql: string, tokens: Token[] = tokenize(sql)): StatementTokens[] {
  const out: StatementTokens[] = [];
  let cur: Token[] = [];
  const flush = (endTok: Token): void => {
    if (cur.length === 0) return;
    const text = sql.slice(cur[0].offset, cur[cur.length - 1].offset + cur[cur.length - 1].text.length);
    // An eof produced by `;` keeps ";" as its text so syntax errors say "unexpected ';'" as Snowflake does.
    const eofText = endTok.kind === "symbol" ? ";" : "";
    out.push({
      tokens: [...cur, { kind: "eof", text: eofText, value: "", line: endTok.line, col: endTok.col, offset: endTok.offset }],
      text,
    });
    cur = [];
  };
  for (const t of tokens) {
    if (t.kind === "eof") {
      flush(t);
      break;
    }
    if (t.kind === "symbol" && t.value === ";") {
      flush(t);
      continue;
    }
    cur.push(t);
  }
  return out;
}
