/**
 * SELECT without FROM: literals, context functions and a few scalar functions.
 * - Context functions https://docs.snowflake.com/en/sql-reference/functions-context
 * - SYSTEM$CANCEL_ALL_QUERIES, SYSTEM$CLIENT_VERSION_INFO (`system-functions.ts`)
 * - SYSTEM$SHOW_OAUTH_CLIENT_SECRETS https://docs.snowflake.com/en/sql-reference/functions/system_show_oauth_client_secrets
 *   (evaluated by the integrations module)
 * @internal
 */
import { invalidIdentifier, NotSupported, SnowflakeError } from "../errors";
import { currentRoleHierarchy, rolesGrantedToUser } from "../catalog/privileges";
import { Expr, Statement } from "../sql/ast";
import { showOAuthClientSecrets } from "./integrations";
import { getTag } from "./tags";
import { cancelAllQueries, clientVersionInfo } from "./system-functions";
import { Column, ColumnType, ExecContext, ResultSet, STATEMENT_TYPE } from "./context";

type Val = { type: ColumnType | "null"; value: string | null; json?: unknown };

const text = (v: string | null): Val => ({ type: "text", value: v });

function unknownFunction(name: string): SnowflakeError {
  return new SnowflakeError("002140", "42601", `SQL compilation error:\nUnknown function ${name}`);
}

function argCount(name: string, args: readonly Expr[], n: number): void {
  if (args.length !== n) {
    throw new SnowflakeError(
      "000938",
      "22023",
      `SQL compilation error:\nerror line 1 at position 7\nnot enough arguments for function [${name}], expected ${n}, got ${args.length}`,
    );
  }
}

function evalExpr(ctx: ExecContext, e: Expr): Val {
  switch (e.type) {
    case "literal":
      return { type: e.sqlType === "null" ? "null" : e.sqlType, value: e.value };
    case "column":
      throw invalidIdentifier(e.name, e.token.line, e.token.col);
    case "cast": {
      const v = evalExpr(ctx, e.expr);
      const to = e.to;
      if (["STRING", "VARCHAR", "TEXT", "CHAR"].includes(to)) {
        if (v.json !== undefined) return text(typeof v.json === "string" ? v.json : JSON.stringify(v.json));
        return text(v.value);
      }
      if (["INT", "INTEGER", "NUMBER", "BIGINT", "DECIMAL", "NUMERIC"].includes(to)) {
        const n = v.json !== undefined ? Number(v.json) : Number(v.value);
        if (v.value === null) return { type: "fixed", value: null };
        if (!Number.isFinite(n)) throw new SnowflakeError("100038", "22018", `Numeric value '${v.value}' is not recognized`);
        return { type: "fixed", value: String(Math.round(n)) };
      }
      if (to === "BOOLEAN") {
        if (v.value === null) return { type: "boolean", value: null };
        const s = String(v.json ?? v.value).toLowerCase();
        if (["true", "1", "yes", "on"].includes(s)) return { type: "boolean", value: "true" };
        if (["false", "0", "no", "off"].includes(s)) return { type: "boolean", value: "false" };
        throw new SnowflakeError("100037", "22018", `Boolean value '${v.value}' is not recognized`);
      }
      if (to === "VARIANT")
        return { type: "variant", value: v.value === null ? null : JSON.stringify(v.json ?? v.value), json: v.json ?? v.value };
      throw new NotSupported(`cast to ${to}`);
    }
    case "path": {
      const v = evalExpr(ctx, e.expr);
      if (v.type !== "variant") throw new SnowflakeError("000904", "42000", `SQL compilation error:\ninvalid path on a non-variant value`);
      const obj = v.json as Record<string, unknown> | null;
      const got = obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, e.key) ? obj[e.key] : undefined;
      if (got === undefined || got === null) return { type: "variant", value: null };
      return { type: "variant", value: JSON.stringify(got), json: got };
    }
    case "call":
      return evalCall(ctx, e.name, e.args);
  }
}

function evalCall(ctx: ExecContext, name: string, args: readonly Expr[]): Val {
  const s = ctx.session;
  const niladic = (v: Val): Val => {
    argCount(name, args, 0);
    return v;
  };
  switch (name) {
    case "CURRENT_ROLE":
      return niladic(text(s.role));
    case "CURRENT_USER":
      return niladic(text(s.user));
    case "CURRENT_ACCOUNT":
    case "CURRENT_ACCOUNT_NAME":
      return niladic(text(ctx.account));
    case "CURRENT_ORGANIZATION_NAME":
      return niladic(text("EMULATOR_ORG"));
    case "CURRENT_REGION":
      return niladic(text("EMULATOR_LOCAL"));
    case "CURRENT_VERSION":
      return niladic(text("9.0.0"));
    case "CURRENT_CLIENT":
      return niladic(text("Snowflake emulator"));
    case "CURRENT_IP_ADDRESS":
      // https://docs.snowflake.com/en/sql-reference/functions/current_ip_address: the client's IP address.
      return niladic(text(s.clientIp ?? null));
    case "CURRENT_SESSION":
      return niladic(text(String(s.id)));
    case "CURRENT_DATABASE":
      return niladic(text(s.database ?? null));
    case "CURRENT_SCHEMA":
      return niladic(text(s.schema ?? null));
    case "CURRENT_WAREHOUSE":
      return niladic(text(s.warehouse ?? null));
    case "CURRENT_ROLE_TYPE":
      return niladic(text("ROLE"));
    case "CURRENT_SECONDARY_ROLES": {
      argCount(name, args, 0);
      const roles = s.secondaryRoles === "ALL" ? [...rolesGrantedToUser(ctx.catalog, s.user)].filter((r) => r !== "PUBLIC").sort() : [];
      return text(JSON.stringify({ roles: roles.join(","), value: s.secondaryRoles === "ALL" ? "ALL" : "" }));
    }
    case "CURRENT_AVAILABLE_ROLES": {
      argCount(name, args, 0);
      const all = new Set<string>();
      for (const r of rolesGrantedToUser(ctx.catalog, s.user))
        for (const x of currentRoleHierarchy({ catalog: ctx.catalog, session: { ...s, role: r, secondaryRoles: "NONE" } })) all.add(x);
      return text(JSON.stringify([...all].sort()));
    }
    case "IS_ROLE_IN_SESSION": {
      argCount(name, args, 1);
      const r = evalExpr(ctx, args[0]);
      return { type: "boolean", value: r.value !== null && currentRoleHierarchy(ctx).has(r.value) ? "true" : "false" };
    }
    case "CURRENT_TIMESTAMP":
    case "LOCALTIMESTAMP":
    case "SYSDATE":
      return { type: "timestamp_ltz", value: (ctx.now().getTime() / 1000).toFixed(3) };
    case "SYSTEM$SHOW_OAUTH_CLIENT_SECRETS": {
      argCount(name, args, 1);
      const a = evalExpr(ctx, args[0]);
      if (a.type !== "text" || a.value === null)
        throw new SnowflakeError(
          "001044",
          "42P13",
          `SQL compilation error:\nInvalid argument types for function 'SYSTEM$SHOW_OAUTH_CLIENT_SECRETS'`,
        );
      return text(showOAuthClientSecrets(ctx, a.value));
    }
    case "SYSTEM$CANCEL_ALL_QUERIES":
      argCount(name, args, 1);
      return text(cancelAllQueries(ctx, evalExpr(ctx, args[0])));
    case "SYSTEM$CLIENT_VERSION_INFO":
      return niladic(text(clientVersionInfo()));
    case "SYSTEM$GET_TAG": {
      argCount(name, args, 3);
      const [t, o, d] = args.map((a) => evalExpr(ctx, a));
      if ([t, o, d].some((v) => v.type !== "text" || v.value === null))
        throw new SnowflakeError("001044", "42P13", `SQL compilation error:\nInvalid argument types for function 'SYSTEM$GET_TAG'`);
      return text(getTag(ctx, t.value!, o.value!, d.value!));
    }
    case "PARSE_JSON": {
      argCount(name, args, 1);
      const a = evalExpr(ctx, args[0]);
      if (a.value === null) return { type: "variant", value: null };
      let json: unknown;
      try {
        json = JSON.parse(a.value);
      } catch {
        throw new SnowflakeError("100069", "22P02", `Error parsing JSON: ${a.value.length > 40 ? "<text>" : a.value}`);
      }
      return { type: "variant", value: JSON.stringify(json), json };
    }
    case "UPPER":
    case "LOWER": {
      argCount(name, args, 1);
      const a = evalExpr(ctx, args[0]);
      return text(a.value === null ? null : name === "UPPER" ? a.value.toUpperCase() : a.value.toLowerCase());
    }
    default:
      throw unknownFunction(name);
  }
}

function columnOf(name: string, v: Val): Column {
  switch (v.type) {
    case "fixed":
      return { name, type: "fixed", nullable: v.value === null, precision: 38, scale: 0 };
    case "real":
      return { name, type: "real", nullable: v.value === null };
    case "timestamp_ltz":
      return { name, type: "timestamp_ltz", nullable: false, precision: 0, scale: 3 };
    case "null":
      return { name, type: "text", nullable: true };
    default:
      return { name, type: v.type, nullable: true };
  }
}

export function executeSelect(ctx: ExecContext, st: Extract<Statement, { kind: "select" }>): ResultSet {
  const vals = st.items.map((i) => evalExpr(ctx, i.expr));
  return {
    columns: st.items.map((i, k) => columnOf(i.name, vals[k])),
    rows: [vals.map((v) => v.value)],
    statementTypeId: STATEMENT_TYPE.SELECT,
  };
}
