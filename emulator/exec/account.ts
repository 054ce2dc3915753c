/**
 * ALTER ACCOUNT SET/UNSET, ALTER SESSION SET/UNSET, SHOW PARAMETERS [LIKE] [IN ACCOUNT | IN SESSION].
 * - https://docs.snowflake.com/en/sql-reference/sql/alter-account
 * - https://docs.snowflake.com/en/sql-reference/sql/show-parameters
 * - https://docs.snowflake.com/en/sql-reference/parameters#oauth-add-privileged-roles-to-blocked-list
 * - https://docs.snowflake.com/en/sql-reference/parameters#external-oauth-add-privileged-roles-to-blocked-list
 * @internal
 */
import { insufficientPrivileges, invalidValue, SnowflakeError, doesNotExist } from "../errors";
import { currentRoleHierarchy } from "../catalog/privileges";
import { Catalog } from "../catalog/state";
import { Assignment, valueText } from "../sql/cursor";
import { Statement } from "../sql/ast";
import { likeMatcher, nameOf, STATUS } from "./common";
import { ExecContext, ResultSet, STATEMENT_TYPE, statusResult } from "./context";
import { ParameterRow, showParametersResult } from "../shapes/show-parameters";
import { hasAccountPrivilege, isOwner } from "../catalog/privileges";

type ParamType = "BOOLEAN" | "STRING" | "NUMBER";

interface ParamSpec {
  readonly type: ParamType;
  readonly default: string;
  readonly description: string;
  /** Settable where: account only, or also per session. */
  readonly scope: "ACCOUNT" | "SESSION";
}

/** The parameters the emulator models (the rest of Snowflake's several hundred are not listed). */
export const PARAMETERS: Readonly<Record<string, ParamSpec>> = {
  OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: {
    type: "BOOLEAN",
    default: "true",
    scope: "ACCOUNT",
    description: "Determines whether the ACCOUNTADMIN, ORGADMIN, GLOBALORGADMIN, and SECURITYADMIN roles can be used as the primary role when creating a Snowflake session based on the access token from Snowflake’s authorization server.",
  },
  EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: {
    type: "BOOLEAN",
    default: "true",
    scope: "ACCOUNT",
    description: "Determines whether the ACCOUNTADMIN, ORGADMIN, GLOBALORGADMIN, and SECURITYADMIN roles can be used as the primary role when creating a Snowflake session based on the access token from the External OAuth authorization server.",
  },
  NETWORK_POLICY: {
    type: "STRING",
    default: "",
    scope: "ACCOUNT",
    description: "Network policy to enforce for the account.",
  },
  TIMEZONE: { type: "STRING", default: "America/Los_Angeles", scope: "SESSION", description: "time zone" },
  QUERY_TAG: { type: "STRING", default: "", scope: "SESSION", description: "String (up to 4096 characters) used to tag statements executed by the session" },
  AUTOCOMMIT: { type: "BOOLEAN", default: "true", scope: "SESSION", description: "The autocommit property determines whether is statement should to be implicitly wrapped within a transaction or not." },
  CLIENT_SESSION_KEEP_ALIVE: { type: "BOOLEAN", default: "false", scope: "SESSION", description: "If true, client session will not expire automatically" },
};

/** Effective account-level value of a parameter ("true"/"false" for booleans). */
export function accountParameter(catalog: Readonly<Catalog>, name: string): string {
  const v = catalog.accountParameters[name];
  if (v !== undefined) return v;
  return PARAMETERS[name]?.default ?? "";
}

function unknownParameter(name: string): SnowflakeError {
  // Unsourced code (FIDELITY.md).
  return new SnowflakeError("001006", "22023", `SQL compilation error:\ninvalid parameter '${name}'`);
}

function parseParamValue(ctx: ExecContext, a: Assignment, spec: ParamSpec): string {
  const v = a.value;
  if (a.name === "NETWORK_POLICY") {
    const name = nameOf(a);
    if (!Object.prototype.hasOwnProperty.call(ctx.catalog.networkPolicies, name)) throw doesNotExist("Network policy", name);
    return name;
  }
  switch (spec.type) {
    case "BOOLEAN":
      if (v.kind === "bool") return v.value ? "true" : "false";
      if (v.kind === "string" && /^(true|false)$/i.test(v.value)) return v.value.toLowerCase();
      throw invalidValue(valueText(v), a.name);
    case "NUMBER":
      if (v.kind === "number") return v.text;
      throw invalidValue(valueText(v), a.name);
    case "STRING":
      if (v.kind === "string") return v.value;
      if (v.kind === "ident") return v.value;
      throw invalidValue(valueText(v), a.name);
  }
}

export function executeAccountStatement(
  ctx: ExecContext,
  st: Extract<Statement, { kind: "alterAccount" | "alterSession" | "showParameters" }>,
): ResultSet {
  switch (st.kind) {
    case "alterAccount": {
      if (!currentRoleHierarchy(ctx).has("ACCOUNTADMIN")) throw insufficientPrivileges(`account '${ctx.account}'`);
      const params = ctx.catalog.accountParameters;
      if (st.action.type === "set") {
        for (const a of st.action.props.values()) {
          const spec = PARAMETERS[a.name];
          if (!spec) throw unknownParameter(a.name);
          params[a.name] = parseParamValue(ctx, a, spec);
        }
      } else {
        for (const t of st.action.names) {
          if (!PARAMETERS[t.value]) throw unknownParameter(t.value);
          delete params[t.value];
        }
      }
      return statusResult(STATUS.ok);
    }
    case "alterSession": {
      const session = ctx.session as { params?: Record<string, string> };
      session.params ??= {};
      if (st.action.type === "set") {
        for (const a of st.action.props.values()) {
          const spec = PARAMETERS[a.name];
          if (!spec || spec.scope !== "SESSION") throw unknownParameter(a.name);
          session.params[a.name] = parseParamValue(ctx, a, spec);
        }
      } else {
        for (const t of st.action.names) {
          if (!PARAMETERS[t.value] || PARAMETERS[t.value].scope !== "SESSION") throw unknownParameter(t.value);
          delete session.params[t.value];
        }
      }
      return statusResult(STATUS.ok, STATEMENT_TYPE.ALTER_SESSION);
    }
    case "showParameters": {
      const match = likeMatcher(st.like);
      const sessionParams = (ctx.session as { params?: Record<string, string> }).params ?? {};
      if (st.scope === "USER") return showUserParameters(ctx, st.user?.name ?? ctx.session.user, match);
      const rows: ParameterRow[] = [];
      for (const [key, spec] of Object.entries(PARAMETERS)) {
        if (!match(key)) continue;
        if (st.scope === "SESSION" && spec.scope !== "SESSION") continue;
        const acct = ctx.catalog.accountParameters[key];
        const sess = st.scope === "SESSION" ? sessionParams[key] : undefined;
        const value = sess ?? acct ?? spec.default;
        const level = sess !== undefined ? "SESSION" : acct !== undefined ? "ACCOUNT" : "";
        rows.push({ key, value, default: spec.default, level, description: spec.description, type: spec.type });
      }
      return showParametersResult(rows);
    }
  }
}

/**
 * `SHOW PARAMETERS [LIKE] IN USER [name]`: the user-level NETWORK_POLICY (user parameters are not in DESC USER).
 * https://docs.snowflake.com/en/sql-reference/parameters#network-policy
 */
function showUserParameters(ctx: ExecContext, name: string, match: (s: string) => boolean): ResultSet {
  const u = Object.prototype.hasOwnProperty.call(ctx.catalog.users, name) ? ctx.catalog.users[name] : undefined;
  if (!u || (u.name !== ctx.session.user && !isOwner(ctx, u.owner) && !hasAccountPrivilege(ctx, "MANAGE GRANTS"))) {
    throw doesNotExist("User", name);
  }
  const rows: ParameterRow[] = [];
  if (match("NETWORK_POLICY")) {
    const value = u.networkPolicy ?? "";
    rows.push({ key: "NETWORK_POLICY", value, default: "", level: value ? "USER" : "", description: PARAMETERS.NETWORK_POLICY.description, type: "STRING" });
  }
  return showParametersResult(rows);
}
