/**
 * The one narrow interface the small providers (keys, network attachments) run SQL through, and its default: the
 * shared session. The session is required lazily so unit tests that pass their own runner never load snowflake-sdk.
 * @internal
 */
export interface SqlRunner {
  run(sql: string, idempotent: boolean): Promise<Record<string, unknown>[]>;
}

export function sessionRunner(): SqlRunner {
  const session = require("./session") as typeof import("./session");
  return { run: (sql, idempotent) => session.execute({ sql, idempotent }) };
}
