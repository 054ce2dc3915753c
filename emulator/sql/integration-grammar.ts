/**
 * Grammar of the security-integration statements. It only recognises the statement shapes and keeps
 * property assignments in their raw token form; what each property accepts is decided by the kind
 * tables in `objects/integration.ts` when the statement runs.
 *
 * - CREATE [ OR REPLACE ] SECURITY INTEGRATION [ IF NOT EXISTS ] <name> <assignments>
 *   https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-snowflake
 * - ALTER [ SECURITY ] INTEGRATION [ IF EXISTS ] <name> { SET <assignments> | UNSET <p> [, ...]
 *   | REFRESH { OAUTH_CLIENT_SECRET | OAUTH_CLIENT_SECRET_2 } | SET TAG ... | UNSET TAG ... }
 *   https://docs.snowflake.com/en/sql-reference/sql/alter-security-integration
 * - { DESC | DESCRIBE } [ SECURITY ] INTEGRATION <name>   https://docs.snowflake.com/en/sql-reference/sql/desc-integration
 * - SHOW [ { API | CATALOG | EXTERNAL ACCESS | NOTIFICATION | SECURITY | STORAGE } ] INTEGRATIONS [ LIKE '<pattern>' ]
 *   https://docs.snowflake.com/en/sql-reference/sql/show-integrations
 * - DROP [ SECURITY ] INTEGRATION [ IF EXISTS ] <name>   https://docs.snowflake.com/en/sql-reference/sql/drop-integration
 * @internal
 */
import { NotSupported, SnowflakeError } from "../errors";
import { Assignment, Cursor, Ident } from "./cursor";
import { Token } from "./lexer";

export type IntegrationStatement =
  | {
      readonly kind: "createIntegration";
      readonly orReplace: boolean;
      readonly ifNotExists: boolean;
      readonly name: Ident;
      readonly assignments: ReadonlyMap<string, Assignment>;
    }
  | {
      readonly kind: "alterIntegrationSet";
      readonly ifExists: boolean;
      readonly name: Ident;
      readonly assignments: ReadonlyMap<string, Assignment>;
    }
  | { readonly kind: "alterIntegrationUnset"; readonly ifExists: boolean; readonly name: Ident; readonly names: readonly Token[] }
  | {
      readonly kind: "alterIntegrationRefresh";
      readonly ifExists: boolean;
      readonly name: Ident;
      readonly secret: "OAUTH_CLIENT_SECRET" | "OAUTH_CLIENT_SECRET_2";
    }
  | { readonly kind: "describeIntegration"; readonly name: Ident }
  | {
      readonly kind: "showIntegrations";
      /** SECURITY when omitted category lists every integration; other categories list none (the emulator has only security integrations). */
      readonly category: "ALL" | "SECURITY" | "OTHER";
      readonly like?: string;
    }
  | { readonly kind: "dropIntegration"; readonly ifExists: boolean; readonly name: Ident };

/**
 * Parse one integration statement. Returns undefined — consuming nothing — when the tokens do not
 * start an integration statement; throws 001003 for a malformed one.
 */
export function parseIntegrationStatement(c: Cursor): IntegrationStatement | undefined {
  const start = c.mark();
  const stmt = tryParse(c);
  if (stmt === undefined) c.reset(start);
  return stmt;
}

function tryParse(c: Cursor): IntegrationStatement | undefined {
  if (c.acceptWord("CREATE")) {
    const orReplace = c.acceptWord("OR", "REPLACE");
    if (!c.acceptWord("SECURITY", "INTEGRATION")) return undefined;
    const ifNotExistsTok = c.current;
    const ifNotExists = c.acceptWord("IF", "NOT", "EXISTS");
    if (orReplace && ifNotExists) {
      throw new SnowflakeError(
        "002025",
        "42601",
        `SQL compilation error:\nsyntax error line ${ifNotExistsTok.line} at position ${ifNotExistsTok.col} unexpected 'IF'.\nOR REPLACE and IF NOT EXISTS are incompatible.`,
      );
    }
    const name = c.identifier();
    const assignments = c.propertyAssignments();
    c.expectEnd();
    return { kind: "createIntegration", orReplace, ifNotExists, name, assignments };
  }
  if (c.acceptWord("ALTER")) {
    const target = integrationTarget(c);
    if (!target) return undefined;
    const { ifExists, name } = target;
    if (c.peekWord("SET", "TAG") && !(c.peek(2).kind === "symbol" && c.peek(2).value === "=")) {
      throw new NotSupported("ALTER INTEGRATION ... SET TAG");
    }
    if (c.peekWord("UNSET", "TAG") && !(c.peek(2).kind === "symbol" && c.peek(2).value === ",") && c.peek(2).kind !== "eof") {
      throw new NotSupported("ALTER INTEGRATION ... UNSET TAG");
    }
    const verb = c.expectOneOf("SET", "UNSET", "REFRESH");
    if (verb === "SET") {
      if (!c.peekAssignment()) throw c.error();
      const assignments = c.propertyAssignments();
      c.expectEnd();
      return { kind: "alterIntegrationSet", ifExists, name, assignments };
    }
    if (verb === "UNSET") {
      const names = c.nameList();
      c.expectEnd();
      return { kind: "alterIntegrationUnset", ifExists, name, names };
    }
    const secret = c.expectOneOf("OAUTH_CLIENT_SECRET", "OAUTH_CLIENT_SECRET_2") as "OAUTH_CLIENT_SECRET" | "OAUTH_CLIENT_SECRET_2";
    c.expectEnd();
    return { kind: "alterIntegrationRefresh", ifExists, name, secret };
  }
  if (c.acceptOneOf("DESC", "DESCRIBE")) {
    const security = c.acceptWord("SECURITY");
    if (!c.acceptWord("INTEGRATION")) {
      if (security) throw c.error();
      return undefined;
    }
    const name = c.identifier();
    c.expectEnd();
    return { kind: "describeIntegration", name };
  }
  if (c.acceptWord("SHOW")) {
    let category: "ALL" | "SECURITY" | "OTHER" = "ALL";
    if (c.acceptWord("SECURITY")) category = "SECURITY";
    else if (c.acceptOneOf("API", "CATALOG", "NOTIFICATION", "STORAGE") || c.acceptWord("EXTERNAL", "ACCESS")) category = "OTHER";
    if (!c.acceptWord("INTEGRATIONS")) {
      if (category !== "ALL") throw c.error();
      return undefined;
    }
    let like: string | undefined;
    if (c.acceptWord("LIKE")) like = c.string();
    c.expectEnd();
    return { kind: "showIntegrations", category, like };
  }
  if (c.acceptWord("DROP")) {
    const target = integrationTarget(c);
    if (!target) return undefined;
    const { ifExists, name } = target;
    c.expectEnd();
    return { kind: "dropIntegration", ifExists, name };
  }
  return undefined;
}

/** `[SECURITY] INTEGRATION [IF EXISTS] <name>` after ALTER/DROP; undefined when not an integration. */
function integrationTarget(c: Cursor): { ifExists: boolean; name: Ident } | undefined {
  const security = c.acceptWord("SECURITY");
  if (!c.acceptWord("INTEGRATION")) {
    if (security) throw c.error();
    return undefined;
  }
  const ifExists = c.acceptWord("IF", "EXISTS");
  return { ifExists, name: c.identifier() };
}
