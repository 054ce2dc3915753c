/**
 * System functions clients call as part of their own housekeeping:
 * - SYSTEM$CANCEL_ALL_QUERIES(<session_id>) https://docs.snowflake.com/en/sql-reference/functions/system_cancel_all_queries
 *   (snowflakedb/snowpark-python `Session.cancel_all`, called from `Session.close`, sends
 *   `select system$cancel_all_queries(<id>)`).
 * - SYSTEM$CLIENT_VERSION_INFO() https://docs.snowflake.com/en/sql-reference/functions/system_client_version_info
 * @internal
 */
import { SnowflakeError } from "../errors";
import { isOwner } from "../catalog/privileges";
import { ExecContext } from "./context";

function invalidArgs(name: string): SnowflakeError {
  return new SnowflakeError("001044", "42P13", `SQL compilation error:\nInvalid argument types for function '${name}'`);
}

/**
 * Statements here run to completion before the next one starts, so no session ever has a query running when this
 * one runs: the count is always 0, in the docs' "<n> cancelled." form. Allowed for the caller's own sessions (same
 * user) and, for another user's, with OWNERSHIP on that user (docs usage notes; there is no warehouse to OPERATE).
 * An unknown or closed session and one the caller may not touch answer alike (unsourced text, FIDELITY.md).
 */
export function cancelAllQueries(ctx: ExecContext, arg: { type: string; value: string | null }): string {
  const name = "SYSTEM$CANCEL_ALL_QUERIES";
  if (arg.type !== "fixed" || arg.value === null) throw invalidArgs(name);
  const id = Number(arg.value);
  const user = ctx.emulator.sessionUser(id);
  const owner = user === undefined ? undefined : ctx.catalog.users[user]?.owner;
  const allowed = user !== undefined && (user === ctx.session.user || (owner !== undefined && isOwner(ctx, owner)));
  if (!allowed)
    throw new SnowflakeError("002003", "02000", `SQL compilation error:\nSession '${arg.value}' does not exist or not authorized.`);
  return "0 cancelled.";
}

/** The docs example's array, as printed there (the live values move with each release; FIDELITY.md). */
const CLIENT_VERSIONS: readonly (readonly [string, string, string, string, string, readonly string[]])[] = [
  ["DOTNETDriver", ".NET", "2.0.9", "2.0.11", "2.1.5", []],
  ["GO", "Go", "1.6.6", "1.6.9", "1.7.1", ["1.1.5"]],
  ["JDBC", "JDBC", "3.13.14", "3.13.18", "3.14.4", []],
  ["JSDriver", "JavaScript", "1.6.6", "1.6.9", "1.9.2", []],
  ["ODBC", "ODBC", "2.24.5", "2.24.7", "3.1.4", []],
  ["PHP_PDO", "PDO", "1.2.0", "1.2.1", "2.0.1", []],
  ["PythonConnector", "PythonConnector", "2.7.3", "2.7.7", "3.6.0", []],
  ["SnowSQL", "SnowSQL", "1.2.21", "1.2.21", "1.2.31", []],
  ["SQLAPI", "SQLAPI", "1.0.0", "", "", []],
];

export function clientVersionInfo(): string {
  return JSON.stringify(
    CLIENT_VERSIONS.map(([clientId, clientAppId, min, nearing, recommended, custom]) => ({
      clientId,
      clientAppId,
      minimumSupportedVersion: min,
      minimumNearingEndOfSupportVersion: nearing,
      recommendedVersion: recommended,
      deprecatedVersions: [],
      _customSupportedVersions_: custom,
    })),
  );
}
