/**
 * Snowflake's clock (`SELECT CURRENT_TIMESTAMP()`): key expiry and grace periods are enforced by it, so schedules and
 * grace bounds are judged by it too, and tests move it with the emulator's `advanceClock`.
 * @internal
 */
import type { SqlRunner } from "../connection/runner";

export async function serverNow(runner: SqlRunner): Promise<Date> {
  const rows = await runner.run(`SELECT CURRENT_TIMESTAMP() AS "NOW"`, true);
  const v = rows[0]?.NOW ?? rows[0]?.now;
  const d = v instanceof Date ? v : new Date(String(v));
  if (Number.isNaN(d.getTime())) throw new Error("could not read Snowflake's clock (SELECT CURRENT_TIMESTAMP()).");
  return d;
}
