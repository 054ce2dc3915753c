/**
 * Grammar of network rules and of USE DATABASE / USE SCHEMA (which name resolution of rules needs):
 * - CREATE [ OR REPLACE ] NETWORK RULE [ IF NOT EXISTS ] <name> TYPE = … VALUE_LIST = ( … ) [ MODE = … ] [ COMMENT = '…' ]
 *   https://docs.snowflake.com/en/sql-reference/sql/create-network-rule (properties in any order; MODE defaults to INGRESS)
 * - ALTER NETWORK RULE [ IF EXISTS ] <name> { SET VALUE_LIST = ( … ) [ COMMENT = '…' ] | UNSET { VALUE_LIST | COMMENT } }
 *   https://docs.snowflake.com/en/sql-reference/sql/alter-network-rule
 * - DROP NETWORK RULE [ IF EXISTS ] <name>   https://docs.snowflake.com/en/sql-reference/sql/drop-network-rule
 * - DESC[RIBE] NETWORK RULE <name>            https://docs.snowflake.com/en/sql-reference/sql/desc-network-rule
 * - SHOW NETWORK RULES [ LIKE '…' ] [ IN { ACCOUNT | DATABASE [ <db> ] | SCHEMA [ <schema> ] } ]
 *   https://docs.snowflake.com/en/sql-reference/sql/show-network-rules (STARTS WITH / LIMIT: NotSupported)
 * - USE [ DATABASE ] <db>: https://docs.snowflake.com/en/sql-reference/sql/use-database (only the DATABASE form here);
 *   USE SCHEMA [ <db>. ]<schema>: https://docs.snowflake.com/en/sql-reference/sql/use-schema
 * `parseNetworkRuleStatement` returns undefined (cursor untouched) for any other statement.
 * @internal
 */
import { NotSupported } from "../errors";
import { Cursor, Ident } from "./cursor";
import type { NetworkRuleStatement, NetworkRuleScope } from "./ast";

export function parseNetworkRuleStatement(c: Cursor): NetworkRuleStatement | undefined {
  const start = c.mark();
  const st = attempt(c);
  if (st === undefined) c.reset(start);
  return st;
}

function ruleName(c: Cursor): Ident[] {
  const name = c.qualifiedName();
  if (name.length > 3) throw c.error(name[3].token);
  return name;
}

function attempt(c: Cursor): NetworkRuleStatement | undefined {
  if (c.acceptWord("CREATE")) {
    const orReplace = c.acceptWord("OR", "REPLACE");
    if (!c.acceptWord("NETWORK", "RULE")) return undefined;
    const ifNotExists = c.acceptWord("IF", "NOT", "EXISTS");
    const name = ruleName(c);
    return { kind: "createNetworkRule", orReplace, ifNotExists, name, props: c.propertyAssignments() };
  }
  if (c.acceptWord("ALTER", "NETWORK", "RULE")) {
    const ifExists = c.acceptWord("IF", "EXISTS");
    const name = ruleName(c);
    const verb = c.expectOneOf("SET", "UNSET");
    if (verb === "SET") {
      const props = c.propertyAssignments();
      if (props.size === 0) throw c.error();
      return { kind: "alterNetworkRule", ifExists, name, action: { type: "set", props } };
    }
    return { kind: "alterNetworkRule", ifExists, name, action: { type: "unset", names: c.nameList() } };
  }
  if (c.acceptWord("DROP", "NETWORK", "RULE")) {
    const ifExists = c.acceptWord("IF", "EXISTS");
    return { kind: "dropNetworkRule", ifExists, name: ruleName(c) };
  }
  if (c.acceptWord("DESC", "NETWORK", "RULE") || c.acceptWord("DESCRIBE", "NETWORK", "RULE")) {
    return { kind: "describeNetworkRule", name: ruleName(c) };
  }
  if (c.acceptWord("SHOW", "NETWORK", "RULES")) {
    const like = c.acceptWord("LIKE") ? c.string() : undefined;
    const scope = showScope(c);
    const tail = c.acceptOneOf("STARTS", "LIMIT");
    if (tail) throw new NotSupported(`SHOW NETWORK RULES ${tail}`);
    return { kind: "showNetworkRules", like, scope };
  }
  if (c.acceptWord("USE", "DATABASE")) return { kind: "useDatabase", name: c.identifier() };
  if (c.acceptWord("USE", "SCHEMA")) {
    const name = c.qualifiedName();
    if (name.length > 2) throw c.error(name[2].token);
    return { kind: "useSchema", name };
  }
  return undefined;
}

/** `IN ACCOUNT | DATABASE [db] | SCHEMA [[db.]schema]`; no IN = the default scope (current database, else account). */
function showScope(c: Cursor): NetworkRuleScope {
  if (!c.acceptWord("IN")) return { type: "default" };
  if (c.acceptWord("ACCOUNT")) return { type: "account" };
  const t = c.expectOneOf("DATABASE", "SCHEMA");
  const name = c.peekIdentifier() ? c.qualifiedName() : undefined;
  if (t === "DATABASE") {
    if (name && name.length > 1) throw c.error(name[1].token);
    return { type: "database", name };
  }
  if (name && name.length > 2) throw c.error(name[2].token);
  return { type: "schema", name };
}
