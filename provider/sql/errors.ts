/**
 * Snowflake error codes the provider acts on, recognised on any error that carries them (the shared session's
 * `SnowflakeStatementError`, or a driver error from a caller's own runner).
 * Codes: https://docs.snowflake.com/en/sql-reference/sql/desc-integration (002003 "does not exist or not
 * authorized" on a missing object) and the "already exists" compilation error 002002 on CREATE.
 * @internal
 */
export const NOT_FOUND = "002003";
export const ALREADY_EXISTS = "002002";
/**
 * A DROP of an object still in use: "001492 (42601): SQL compilation error: Cannot perform Drop operation on network
 * policy … The policy is attached to INTEGRATION with name … Unset the network policy from INTEGRATION and try the Drop
 * operation again." (live transcript: snowflakedb/terraform-provider-snowflake `docs/guides/unassigning_policies.md`).
 */
export const STILL_ATTACHED = "001492";

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

/** True for "cannot perform Drop operation … attached to …" (001492). */
export function isStillAttached(e: unknown): boolean {
  return codeOf(e) === STILL_ATTACHED;
}

/** Snowflake's reason of a 001492 refusal, without the "SQL compilation error:" lead. */
export function stillAttachedReason(e: unknown): string {
  return String((e as Error).message ?? e)
    .replace(/^\d{6}:\s*/, "") // the shared session's "<code>: " lead
    .replace(/^SQL compilation error:\s*/, "")
    .replace(/\s*\[statement: [^\]]*\]\s*$/, ""); // the statement is named by the caller's message
}
