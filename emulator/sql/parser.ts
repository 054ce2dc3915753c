/**
 * Statement grammar of the emulator core. `parseStatement` first offers the statement to the
 * key-pair, tag and integrations grammars, then parses the core statements. Anything unknown is a syntax error
 * (001003) or, for a Snowflake statement the emulator does not implement, NotSupported (000002).
 * A statement must be consumed to its end: trailing tokens are a syntax error.
 * @internal
 */
import { NotSupported, SnowflakeError } from "../errors";
import { Assignment, Cursor, Ident } from "./cursor";
import { parseIntegrationStatement } from "./integration-grammar";
import { parseSelect } from "./select-parser";
import { parseTagStatement, tagAssignments } from "./tag-grammar";
import { parseKeyPairStatement } from "./key-pair-grammar";
import { parseNetworkRuleStatement } from "./network-rule-grammar";
import { parseTransactionStatement } from "./transaction-grammar";
import { NetworkPolicyAction, ObjectType, ShowGrantsTarget, Statement, UserAction } from "./ast";
import { splitStatements, tokenize } from "./lexer";

export type { Statement } from "./ast";

/** Snowflake object kinds the emulator knows by name but does not implement (→ NotSupported, not a syntax error). */
const KNOWN_UNSUPPORTED = new Set([
  "DATABASE",
  "SCHEMA",
  "TABLE",
  "VIEW",
  "WAREHOUSE",
  "STAGE",
  "SEQUENCE",
  "FUNCTION",
  "PROCEDURE",
  "TASK",
  "STREAM",
  "PIPE",
  "TAG",
  "SECRET",
  "AUTHENTICATION",
  "PASSWORD",
  "SESSION",
  "MASKING",
  "ROW",
  "FILE",
  "NETWORK",
  "EXTERNAL",
  "API",
  "STORAGE",
  "NOTIFICATION",
  "CATALOG",
  "APPLICATION",
  "SHARE",
  "ALERT",
  "DYNAMIC",
  "TRANSIENT",
  "TEMPORARY",
  "TEMP",
  "MATERIALIZED",
  "DATABASES",
  "SCHEMAS",
  "TABLES",
  "VIEWS",
  "WAREHOUSES",
  "STAGES",
  "FUNCTIONS",
  "PROCEDURES",
  "TASKS",
  "STREAMS",
  "PIPES",
  "TAGS",
  "SECRETS",
  "OBJECTS",
  "COLUMNS",
  "ACCOUNTS",
  "SESSIONS",
  "LOCKS",
  "TRANSACTIONS",
  "INSERT",
  "UPDATE",
  "DELETE",
  "MERGE",
  "TRUNCATE",
  "COPY",
  "PUT",
  "GET",
  "LIST",
  "REMOVE",
  "CALL",
  "EXECUTE",
  "EXPLAIN",
  "UNDROP",
  "COMMENT",
  "WITH",
  "DATABASE",
  "ORGANIZATION",
]);

/** Parse the whole text of one statement (no `;` splitting). */
export function parseSql(sql: string): Statement {
  const parts = splitStatements(sql, tokenize(sql));
  if (parts.length === 0) throw new Cursor(tokenize(sql), sql).error();
  return parseStatement(new Cursor(parts[0].tokens, parts[0].text));
}

/** Parse one statement from the cursor (which must be at its first token) up to eof. */
export function parseStatement(c: Cursor): Statement {
  const keyPair = parseKeyPairStatement(c);
  if (keyPair !== undefined) {
    c.expectEnd();
    return keyPair;
  }
  const rule = parseNetworkRuleStatement(c);
  if (rule !== undefined) {
    c.expectEnd();
    return rule;
  }
  const tagged = parseTagStatement(c);
  if (tagged !== undefined) {
    c.expectEnd();
    return tagged;
  }
  const txn = parseTransactionStatement(c);
  if (txn !== undefined) {
    c.expectEnd();
    return txn;
  }
  const integ = parseIntegrationStatement(c);
  if (integ !== undefined) {
    c.expectEnd();
    return { kind: "integration", stmt: integ };
  }
  const st = parseCore(c);
  c.expectEnd();
  return st;
}

function parseCore(c: Cursor): Statement {
  const first = c.current;
  const verb = c.acceptOneOf("SELECT", "CREATE", "ALTER", "DESC", "DESCRIBE", "SHOW", "DROP", "GRANT", "REVOKE", "USE");
  switch (verb) {
    case "SELECT":
      return parseSelect(c);
    case "CREATE":
      return parseCreate(c);
    case "ALTER":
      return parseAlter(c);
    case "DESC":
    case "DESCRIBE":
      return parseDescribe(c);
    case "SHOW":
      return parseShow(c);
    case "DROP":
      return parseDrop(c);
    case "GRANT":
      return parseGrant(c, false);
    case "REVOKE":
      return parseGrant(c, true);
    case "USE":
      return parseUse(c);
    default:
      if (first.kind === "word" && KNOWN_UNSUPPORTED.has(first.value)) throw new NotSupported(first.value);
      throw c.error();
  }
}

function unsupportedOrError(c: Cursor, prefix: string): never {
  const t = c.current;
  if (t.kind === "word" && KNOWN_UNSUPPORTED.has(t.value)) throw new NotSupported(`${prefix} ${t.value}`);
  throw c.error();
}

function ifNotExists(c: Cursor): boolean {
  return c.acceptWord("IF", "NOT", "EXISTS");
}
function ifExists(c: Cursor): boolean {
  return c.acceptWord("IF", "EXISTS");
}

/** `LIKE '<pattern>'` (optional). */
function optLike(c: Cursor): string | undefined {
  return c.acceptWord("LIKE") ? c.string() : undefined;
}

// ---------------------------------------------------------------------------------------------
// CREATE

function parseCreate(c: Cursor): Statement {
  const orReplace = c.acceptWord("OR", "REPLACE");
  const st = parseCreateBody(c, orReplace);
  if ("ifNotExists" in st && st.ifNotExists && orReplace) throw incompatibleReplace();
  return st;
}

/** `CREATE OR REPLACE ... IF NOT EXISTS` (unsourced code; FIDELITY.md). */
export function incompatibleReplace(): SnowflakeError {
  return new SnowflakeError("002025", "42601", "SQL compilation error:\nOR REPLACE and IF NOT EXISTS are incompatible.");
}

function parseCreateBody(c: Cursor, orReplace: boolean): Statement {
  if (c.acceptWord("USER")) {
    const ine = ifNotExists(c);
    const name = c.identifier();
    const props = c.propertyAssignments();
    const tags = withTag(c);
    return { kind: "createUser", orReplace, ifNotExists: ine, name, props, tags };
  }
  if (c.acceptWord("ROLE")) {
    const ine = ifNotExists(c);
    const name = c.identifier();
    const props = c.propertyAssignments();
    return { kind: "createRole", orReplace, ifNotExists: ine, name, props };
  }
  if (c.acceptWord("NETWORK", "POLICY")) {
    const ine = ifNotExists(c);
    const name = c.identifier();
    const props = c.propertyAssignments();
    rejectTrailingClauses(c, "CREATE NETWORK POLICY");
    return { kind: "createNetworkPolicy", orReplace, ifNotExists: ine, name, props };
  }
  return unsupportedOrError(c, "CREATE");
}

/** `[ WITH ] TAG ( t = 'v' [, …] )` of CREATE USER (https://docs.snowflake.com/en/sql-reference/sql/create-user). */
function withTag(c: Cursor): { tag: Ident[]; value: string }[] | undefined {
  const m = c.mark();
  c.acceptWord("WITH");
  if (!c.acceptWord("TAG")) {
    c.reset(m);
    return undefined;
  }
  c.expectSymbol("(");
  const tags = tagAssignments(c);
  c.expectSymbol(")");
  return tags;
}

/** `WITH TAG (...)` and similar clauses exist in Snowflake but are not implemented: say so. */
function rejectTrailingClauses(c: Cursor, what: string): void {
  if (c.peekWord("WITH") || c.peekWord("TAG")) throw new NotSupported(`${what} ... WITH TAG`);
}

// ---------------------------------------------------------------------------------------------
// ALTER

function parseAlter(c: Cursor): Statement {
  if (c.acceptWord("USER")) {
    const ie = ifExists(c);
    const name = c.identifier();
    return { kind: "alterUser", ifExists: ie, name, action: parseUserAction(c) };
  }
  if (c.acceptWord("NETWORK", "POLICY")) {
    const ie = ifExists(c);
    const name = c.identifier();
    return { kind: "alterNetworkPolicy", ifExists: ie, name, action: parseNetworkPolicyAction(c) };
  }
  if (c.acceptWord("ACCOUNT")) {
    return { kind: "alterAccount", action: parseSetUnset(c, "ALTER ACCOUNT") };
  }
  if (c.acceptWord("SESSION")) {
    return { kind: "alterSession", action: parseSetUnset(c, "ALTER SESSION") };
  }
  if (c.peekWord("ROLE")) throw new NotSupported("ALTER ROLE");
  return unsupportedOrError(c, "ALTER");
}

function parseSetUnset(
  c: Cursor,
  what: string,
): { type: "set"; props: ReadonlyMap<string, Assignment> } | { type: "unset"; names: ReturnType<Cursor["nameList"]> } {
  const verb = c.expectOneOf("SET", "UNSET");
  if (verb === "SET") {
    if (c.peekWord("TAG")) throw new NotSupported(`${what} SET TAG`);
    const props = c.propertyAssignments();
    if (props.size === 0) throw c.error();
    return { type: "set", props };
  }
  if (c.peekWord("TAG")) throw new NotSupported(`${what} UNSET TAG`);
  return { type: "unset", names: c.nameList() };
}

function parseUserAction(c: Cursor): UserAction {
  if (c.acceptWord("RENAME", "TO")) return { type: "rename", newName: c.identifier() };
  if (c.peekWord("RESET") || c.peekWord("ABORT") || c.peekWord("ADD") || c.peekWord("REMOVE") || c.peekWord("MODIFY")) {
    throw new NotSupported(`ALTER USER ${c.current.value}`);
  }
  return parseSetUnset(c, "ALTER USER");
}

function parseNetworkPolicyAction(c: Cursor): NetworkPolicyAction {
  if (c.acceptWord("RENAME", "TO")) return { type: "rename", newName: c.identifier() };
  const addRemove = c.acceptOneOf("ADD", "REMOVE");
  if (addRemove) {
    const props = c.propertyAssignments();
    if (props.size === 0) throw c.error();
    return { type: addRemove === "ADD" ? "add" : "remove", props };
  }
  return parseSetUnset(c, "ALTER NETWORK POLICY");
}

// ---------------------------------------------------------------------------------------------
// DESCRIBE / SHOW / DROP

function parseDescribe(c: Cursor): Statement {
  if (c.acceptWord("USER")) return { kind: "describeUser", name: c.identifier() };
  if (c.acceptWord("NETWORK", "POLICY")) return { kind: "describeNetworkPolicy", name: c.identifier() };
  return unsupportedOrError(c, "DESCRIBE");
}

function parseShow(c: Cursor): Statement {
  const terse = c.acceptWord("TERSE");
  if (terse && c.peekWord("USERS")) throw new NotSupported("SHOW TERSE USERS");
  if (c.acceptWord("USERS")) {
    // SHOW [TERSE] USERS [LIKE '…'] [STARTS WITH '…'] [LIMIT n [FROM '…']] (docs SHOW USERS).
    const like = optLike(c);
    const startsWith = c.acceptWord("STARTS", "WITH") ? c.string() : undefined;
    let limit: number | undefined;
    let from: string | undefined;
    if (c.acceptWord("LIMIT")) {
      const t = c.current;
      limit = c.number();
      if (!Number.isInteger(limit) || limit < 0) throw c.error(t);
      if (c.acceptWord("FROM")) from = c.string();
    }
    rejectShowTail(c, "SHOW USERS");
    return { kind: "showUsers", terse, like, startsWith, limit, from };
  }
  if (terse) return unsupportedOrError(c, "SHOW TERSE");
  if (c.acceptWord("ROLES")) {
    const like = optLike(c);
    rejectShowTail(c, "SHOW ROLES");
    return { kind: "showRoles", like };
  }
  if (c.acceptWord("NETWORK", "POLICIES")) {
    const like = optLike(c);
    rejectShowTail(c, "SHOW NETWORK POLICIES");
    return { kind: "showNetworkPolicies", like };
  }
  if (c.acceptWord("PARAMETERS")) {
    const like = optLike(c);
    let scope: "ACCOUNT" | "SESSION" | "USER" = "SESSION";
    let user: Ident | undefined;
    if (c.acceptWord("IN")) {
      const s = c.expectOneOf("ACCOUNT", "SESSION", "USER", "DATABASE", "SCHEMA", "WAREHOUSE", "TABLE", "TASK");
      if (s !== "ACCOUNT" && s !== "SESSION" && s !== "USER") throw new NotSupported(`SHOW PARAMETERS IN ${s}`);
      scope = s;
      if (s === "USER" && c.peekIdentifier()) user = c.identifier();
    } else if (c.peekWord("FOR")) {
      throw new NotSupported("SHOW PARAMETERS FOR");
    }
    return { kind: "showParameters", like, scope, user };
  }
  if (c.acceptWord("GRANTS")) return { kind: "showGrants", target: parseShowGrantsTarget(c) };
  return unsupportedOrError(c, "SHOW");
}

function rejectShowTail(c: Cursor, what: string): void {
  const w = c.acceptOneOf("STARTS", "LIMIT", "FROM", "IN");
  if (w) throw new NotSupported(`${what} ${w}`);
}

function parseShowGrantsTarget(c: Cursor): ShowGrantsTarget {
  if (c.atEnd()) return { type: "current" };
  if (c.acceptWord("ON")) {
    if (c.acceptWord("ACCOUNT")) return { type: "account" };
    const objectType = parseObjectType(c);
    return { type: "on", objectType, name: c.identifier() };
  }
  if (c.acceptWord("TO")) {
    const t = c.expectOneOf("ROLE", "USER");
    const name = c.identifier();
    return t === "ROLE" ? { type: "toRole", name } : { type: "toUser", name };
  }
  if (c.acceptWord("OF", "ROLE")) return { type: "ofRole", name: c.identifier() };
  throw c.error();
}

function parseDrop(c: Cursor): Statement {
  if (c.acceptWord("USER")) {
    const ie = ifExists(c);
    return { kind: "dropUser", ifExists: ie, name: c.identifier() };
  }
  if (c.acceptWord("ROLE")) {
    const ie = ifExists(c);
    return { kind: "dropRole", ifExists: ie, name: c.identifier() };
  }
  if (c.acceptWord("NETWORK", "POLICY")) {
    const ie = ifExists(c);
    return { kind: "dropNetworkPolicy", ifExists: ie, name: c.identifier() };
  }
  return unsupportedOrError(c, "DROP");
}

// ---------------------------------------------------------------------------------------------
// GRANT / REVOKE / USE

function parseObjectType(c: Cursor): ObjectType {
  if (c.acceptWord("NETWORK", "POLICY")) return "NETWORK POLICY";
  if (c.acceptWord("SECURITY", "INTEGRATION")) return "INTEGRATION";
  const w = c.acceptOneOf("USER", "ROLE", "INTEGRATION", "ACCOUNT");
  if (w) return w as ObjectType;
  return unsupportedOrError(c, "GRANT ON");
}

function parseGrant(c: Cursor, revoke: boolean): Statement {
  const verb = revoke ? "REVOKE" : "GRANT";
  if (c.acceptWord("ROLE")) {
    const role = c.identifier();
    c.expectWord(revoke ? "FROM" : "TO");
    const gt = c.expectOneOf("USER", "ROLE");
    const grantee = c.identifier();
    return { kind: "grantRole", revoke, role, granteeType: gt as "USER" | "ROLE", grantee };
  }
  if (!revoke && c.acceptWord("OWNERSHIP")) {
    c.expectWord("ON");
    const onType = parseObjectType(c);
    if (onType === "ACCOUNT") throw c.error();
    const onName = c.identifier();
    c.expectWord("TO");
    c.acceptWord("ROLE");
    const role = c.identifier();
    let currentGrants: "COPY" | "REVOKE" | undefined;
    const cg = c.acceptOneOf("COPY", "REVOKE");
    if (cg) {
      c.expectWord("CURRENT", "GRANTS");
      currentGrants = cg as "COPY" | "REVOKE";
    }
    return { kind: "grantOwnership", onType, onName, role, currentGrants };
  }
  if (revoke && c.peekWord("GRANT", "OPTION")) throw new NotSupported("REVOKE GRANT OPTION FOR");
  const privileges: string[] = [];
  for (;;) {
    const words: string[] = [];
    while (c.current.kind === "word" && !c.peekWord("ON")) words.push(c.next().value);
    if (words.length === 0) throw c.error();
    let p = words.join(" ");
    if (p === "ALL PRIVILEGES") p = "ALL";
    privileges.push(p);
    if (!c.acceptSymbol(",")) break;
  }
  c.expectWord("ON");
  if (c.peekWord("ALL") || c.peekWord("FUTURE")) throw new NotSupported(`${verb} ON ${c.current.value}`);
  const onType = parseObjectType(c);
  const onName = onType === "ACCOUNT" ? undefined : c.identifier();
  c.expectWord(revoke ? "FROM" : "TO");
  if (c.peekWord("SHARE") || c.peekWord("DATABASE") || c.peekWord("APPLICATION")) throw new NotSupported(`${verb} TO ${c.current.value}`);
  c.acceptWord("ROLE");
  const role = c.identifier();
  let withGrantOption = false;
  if (!revoke && c.acceptWord("WITH", "GRANT", "OPTION")) withGrantOption = true;
  if (revoke) c.acceptOneOf("RESTRICT", "CASCADE");
  return { kind: "grantPrivilege", revoke, privileges, onType, onName, role, withGrantOption };
}

function parseUse(c: Cursor): Statement {
  if (c.acceptWord("SECONDARY", "ROLES")) {
    const v = c.acceptOneOf("ALL", "NONE");
    if (!v) throw new NotSupported("USE SECONDARY ROLES <list>");
    return { kind: "useSecondaryRoles", value: v as "ALL" | "NONE" };
  }
  if (c.acceptWord("ROLE")) return { kind: "useRole", role: c.identifier() };
  if (c.peekWord("WAREHOUSE")) throw new NotSupported(`USE ${c.current.value}`);
  throw c.error();
}

export type { Ident };
