/**
 * Snowflake error codes the provider acts on, recognised on any error that carries them (the shared session's
 * `SnowflakeStatementError`, or a driver error from a caller's own runner).
 * Codes: https://docs.snowflake.com/en/sql-reference/sql/desc-integration (002003 "does not exist or not
 * authorized" on a missing object) and the "already exists" compilation error 002002 on CREATE.
 * @internal
 */
export const NOT_FOUND = "002003";
export const ALREADY_EXISTS = "002002";

function codeOf(e: unknown): string | undefined {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === "string" ? c : undefined;
}

/** True for "does not exist or not authorized" (002003). */
export function isNotFound(e: unknown): boolean {
  return codeOf(e) === NOT_FOUND;
}

/** True for "already exists" (002002). */
export function isAlreadyExists(e: unknown): boolean {
  return codeOf(e) === ALREADY_EXISTS;
}
