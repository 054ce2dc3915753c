/**
 * SELECT without FROM: literals, function calls, `:key` paths and `::type` casts, with Snowflake's
 * column naming (the expression text upper-cased, quoted parts kept; FIDELITY.md "SQL basics").
 * @internal
 */
import { NotSupported } from "../errors";
import { Cursor } from "./cursor";
import { Expr, SelectItem, Statement } from "./ast";

export function parseSelect(c: Cursor): Statement {
  const items: SelectItem[] = [];
  for (;;) {
    const startTok = c.mark();
    const expr = parseExpr(c);
    const endTok = c.mark();
    let name: string;
    if (c.acceptWord("AS")) {
      name = c.identifier().name;
    } else if (c.peekIdentifier() && !c.peekWord("FROM")) {
      name = c.identifier().name;
    } else {
      name = exprText(c, startTok, endTok);
    }
    items.push({ expr, name });
    if (!c.acceptSymbol(",")) break;
  }
  if (c.peekWord("FROM")) throw new NotSupported("SELECT ... FROM");
  if (c.peekWord("WHERE") || c.peekWord("ORDER") || c.peekWord("LIMIT") || c.peekWord("UNION"))
    throw new NotSupported(`SELECT ... ${c.current.value}`);
  return { kind: "select", items };
}

/** Snowflake names an unaliased column by its expression text, upper-casing everything but quoted parts. */
function exprText(c: Cursor, from: number, to: number): string {
  let out = "";
  for (let i = from; i < to; i++) {
    const t = c.tokens[i];
    const prev = i > from ? c.tokens[i - 1] : undefined;
    if (prev && prev.offset + prev.text.length < t.offset) out += " ";
    out += t.kind === "quoted" ? t.text : t.text.toUpperCase();
  }
  return out;
}

function parseExpr(c: Cursor): Expr {
  let e = parsePrimary(c);
  for (;;) {
    if (c.acceptSymbol("::")) {
      const t = c.current;
      const to = c.identifier().name;
      if (c.acceptSymbol("(")) {
        while (!c.acceptSymbol(")")) c.next();
      }
      e = { type: "cast", expr: e, to, token: t };
      continue;
    }
    if (c.peekSymbol(":")) {
      const t = c.next();
      const k = c.current;
      if (k.kind !== "word" && k.kind !== "quoted") throw c.error();
      c.next();
      // JSON path keys: unquoted keys keep their case in Snowflake paths.
      e = { type: "path", expr: e, key: k.kind === "quoted" ? k.value : k.text, token: t };
      continue;
    }
    return e;
  }
}

function parsePrimary(c: Cursor): Expr {
  const t = c.current;
  if (t.kind === "number" || (t.kind === "symbol" && t.value === "-" && c.peek(1).kind === "number")) {
    const n = c.number();
    const isInt = /^[+-]?\d+$/.test(String(n)) && !/[.eE]/.test(c.tokens[c.mark() - 1].text);
    return { type: "literal", sqlType: isInt ? "fixed" : "real", value: String(n), token: t };
  }
  if (t.kind === "string") {
    c.next();
    return { type: "literal", sqlType: "text", value: t.value, token: t };
  }
  if (t.kind === "word" && (t.value === "TRUE" || t.value === "FALSE")) {
    c.next();
    return { type: "literal", sqlType: "boolean", value: t.value === "TRUE" ? "true" : "false", token: t };
  }
  if (t.kind === "word" && t.value === "NULL") {
    c.next();
    return { type: "literal", sqlType: "null", value: null, token: t };
  }
  if (t.kind === "symbol" && t.value === "(") {
    c.next();
    const e = parseExpr(c);
    c.expectSymbol(")");
    return e;
  }
  if (t.kind === "word" || t.kind === "quoted") {
    const name = c.identifier().name;
    if (c.acceptSymbol("(")) {
      const args: Expr[] = [];
      if (!c.acceptSymbol(")")) {
        for (;;) {
          args.push(parseExpr(c));
          if (c.acceptSymbol(",")) continue;
          c.expectSymbol(")");
          break;
        }
      }
      return { type: "call", name, args, token: t };
    }
    // niladic functions written without parentheses
    if (
      ["CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_USER", "CURRENT_ROLE", "LOCALTIMESTAMP"].includes(name) &&
      t.kind === "word"
    ) {
      return { type: "call", name, args: [], token: t };
    }
    return { type: "column", name, token: t };
  }
  throw c.error();
}
