/**
 * Grammar of databases, schemas, tags and tag associations:
 * - CREATE [ OR REPLACE ] DATABASE [ IF NOT EXISTS ] <name> [ COMMENT = '…' ]; DROP DATABASE [ IF EXISTS ] <name>
 *   https://docs.snowflake.com/en/sql-reference/sql/create-database (minimal)
 * - CREATE [ OR REPLACE ] SCHEMA [ IF NOT EXISTS ] [<db>.]<name> [ COMMENT = '…' ]; DROP SCHEMA [ IF EXISTS ] …
 *   https://docs.snowflake.com/en/sql-reference/sql/create-schema (minimal)
 * - CREATE [ OR REPLACE ] TAG [ IF NOT EXISTS ] <name> [ ALLOWED_VALUES '<v>' [ , … ] ] [ COMMENT = '…' ];
 *   DROP TAG [ IF EXISTS ] <name>   https://docs.snowflake.com/en/sql-reference/sql/create-tag
 * - SHOW TAGS [ LIKE '…' ] [ IN { ACCOUNT | DATABASE <db> | SCHEMA <db>.<schema> } ]
 *   https://docs.snowflake.com/en/sql-reference/sql/show-tags
 * - ALTER [ SECURITY ] INTEGRATION | NETWORK POLICY | USER [ IF EXISTS ] <name>
 *   { SET TAG <tag> = '<v>' [ , … ] | UNSET TAG <tag> [ , … ] } (each object's ALTER page)
 * `parseTagStatement` returns undefined (cursor untouched) for any other statement.
 * @internal
 */
import { Cursor, Ident } from "./cursor";
import type { TagAction, TaggableType, TagStatement } from "./ast";

export function parseTagStatement(c: Cursor): TagStatement | undefined {
  const start = c.mark();
  const st = attempt(c);
  if (st === undefined) c.reset(start);
  return st;
}

function attempt(c: Cursor): TagStatement | undefined {
  if (c.acceptWord("CREATE")) {
    const orReplace = c.acceptWord("OR", "REPLACE");
    const what = c.acceptOneOf("DATABASE", "SCHEMA", "TAG");
    if (!what) return undefined;
    const ifNotExists = c.acceptWord("IF", "NOT", "EXISTS");
    const name = c.qualifiedName();
    if (what === "DATABASE") {
      if (name.length !== 1) throw c.error(name[1].token);
      return { kind: "createDatabase", orReplace, ifNotExists, name: name[0], comment: optComment(c) };
    }
    if (what === "SCHEMA") {
      if (name.length > 2) throw c.error(name[2].token);
      return { kind: "createSchema", orReplace, ifNotExists, name, comment: optComment(c) };
    }
    if (name.length > 3) throw c.error(name[3].token);
    let allowedValues: string[] | undefined;
    if (c.acceptWord("ALLOWED_VALUES")) {
      allowedValues = [c.string()];
      while (c.acceptSymbol(",")) allowedValues.push(c.string());
    }
    return { kind: "createTag", orReplace, ifNotExists, name, allowedValues, comment: optComment(c) };
  }
  if (c.acceptWord("DROP")) {
    const what = c.acceptOneOf("DATABASE", "SCHEMA", "TAG");
    if (!what) return undefined;
    const ifExists = c.acceptWord("IF", "EXISTS");
    const name = c.qualifiedName();
    if (what === "DATABASE") return { kind: "dropDatabase", ifExists, name: name[0] };
    return what === "SCHEMA" ? { kind: "dropSchema", ifExists, name } : { kind: "dropTag", ifExists, name };
  }
  if (c.acceptWord("SHOW", "TAGS")) {
    const like = c.acceptWord("LIKE") ? c.string() : undefined;
    if (!c.acceptWord("IN")) return { kind: "showTags", like, scope: { type: "account" } };
    if (c.acceptWord("ACCOUNT")) return { kind: "showTags", like, scope: { type: "account" } };
    const t = c.expectOneOf("DATABASE", "SCHEMA");
    return { kind: "showTags", like, scope: { type: t === "DATABASE" ? "database" : "schema", name: c.qualifiedName() } };
  }
  if (c.acceptWord("ALTER")) {
    let objectType: TaggableType | undefined;
    if (c.acceptWord("SECURITY", "INTEGRATION") || c.acceptWord("INTEGRATION")) objectType = "INTEGRATION";
    else if (c.acceptWord("NETWORK", "POLICY")) objectType = "NETWORK POLICY";
    else if (c.acceptWord("USER")) objectType = "USER";
    if (!objectType) return undefined;
    const ifExists = c.acceptWord("IF", "EXISTS");
    if (!c.peekIdentifier()) return undefined;
    const name = c.identifier();
    const action = tagAction(c);
    if (!action) return undefined;
    return { kind: "tagAssociation", objectType, ifExists, name, action };
  }
  return undefined;
}

function optComment(c: Cursor): string | undefined {
  if (!c.acceptWord("COMMENT")) return undefined;
  c.expectSymbol("=");
  return c.string();
}

/** `<tag> = '<v>' [, …]`: the tag list of SET TAG and of CREATE … WITH TAG ( … ). */
export function tagAssignments(c: Cursor): { tag: Ident[]; value: string }[] {
  const tags: { tag: Ident[]; value: string }[] = [];
  do {
    const tag = c.qualifiedName();
    c.expectSymbol("=");
    tags.push({ tag, value: c.string() });
  } while (c.acceptSymbol(","));
  return tags;
}

/** `SET TAG t = 'v' [, …]` / `UNSET TAG t [, …]`; undefined when the clause is something else (`SET TAG = …` is a property). */
function tagAction(c: Cursor): TagAction | undefined {
  const isTagName = (k: number) => c.peek(k).kind === "word" || c.peek(k).kind === "quoted";
  if (c.peekWord("SET", "TAG") && isTagName(2)) {
    c.acceptWord("SET", "TAG");
    return { type: "setTag", tags: tagAssignments(c) };
  }
  if (c.peekWord("UNSET", "TAG") && isTagName(2)) {
    c.acceptWord("UNSET", "TAG");
    const tags: Ident[][] = [];
    do tags.push(c.qualifiedName());
    while (c.acceptSymbol(","));
    return { type: "unsetTag", tags };
  }
  return undefined;
}
