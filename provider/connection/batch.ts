/**
 * Coalesced reads: DESCRIBE/SHOW statements asked for by concurrently running `diff`/`read` calls are collected for a
 * few milliseconds and sent as ONE multi-statement request ({@link session.executeMulti}) on the shared session.
 *
 *  - Window: `SNOWFLAKE_OAUTH_BATCH_MS` (default {@link BATCH.windowMs}); `0` sends every read on its own, at once.
 *  - Size: at most `SNOWFLAKE_OAUTH_BATCH_MAX` statements (default {@link BATCH.max}) per request. snowflake-sdk fetches
 *    the result of each statement of a multi-statement request with its own GET, one after another, so a batch of k
 *    costs k + 1 HTTP requests in series: the cap bounds that wait while concurrent batches still run side by side.
 *  - A statement that fails (002003 "does not exist", a missing privilege) fails the request, and Snowflake does not say
 *    which statement it was: the batch's statements are then sent again one by one, so each caller gets its own
 *    outcome ("not found" for that object only). Reads are idempotent; re-sending them is safe.
 *  - A transient fault retries the batch request (reads only) under the session's retry policy; when retries run out,
 *    every caller of the batch gets the error, as each would have on its own.
 * Only idempotent statements may come here. One login: everything goes through the one shared session.
 * @internal
 */
import * as session from "./session";
import type { Statement } from "./session";

/** Defaults; tests and the bench override them with the environment variables above. */
// Off by default: measured, it saves round trips but not time (README "Large stacks"); opt in with a window.
export const BATCH = { windowMs: 0, max: 10 };

type Rows = Record<string, unknown>[];

interface Pending {
  stmt: Statement;
  resolve: (rows: Rows) => void;
  reject: (err: unknown) => void;
}

interface BatchState {
  queue: Pending[];
  timer?: ReturnType<typeof setTimeout>;
}

const g = globalThis as unknown as { __snowflakeOAuthBatch?: BatchState };
function state(): BatchState {
  g.__snowflakeOAuthBatch ??= { queue: [] };
  return g.__snowflakeOAuthBatch;
}

function setting(name: string, dflt: number): number {
  const raw = process.env[name];
  const v = raw === undefined || raw === "" ? NaN : Number(raw);
  return Number.isFinite(v) && v >= 0 ? v : dflt;
}

/** Run one read, coalesced with the reads that arrive within the window. */
export function read(stmt: Statement): Promise<Rows> {
  if (!stmt.idempotent) return Promise.reject(new Error(`batch.read takes reads only: ${session.redactSql(stmt)}`));
  const windowMs = setting("SNOWFLAKE_OAUTH_BATCH_MS", BATCH.windowMs);
  if (windowMs === 0) return session.execute(stmt);
  const max = Math.max(1, Math.floor(setting("SNOWFLAKE_OAUTH_BATCH_MAX", BATCH.max)));
  const s = state();
  return new Promise<Rows>((resolve, reject) => {
    s.queue.push({ stmt, resolve, reject });
    if (s.queue.length >= max) flush(max);
    else s.timer ??= setTimeout(() => flush(max), windowMs);
  });
}

/** Send everything queued, in requests of at most `max` statements. */
function flush(max: number): void {
  const s = state();
  if (s.timer) clearTimeout(s.timer);
  s.timer = undefined;
  while (s.queue.length) void send(s.queue.splice(0, max));
}

async function send(batch: Pending[]): Promise<void> {
  if (batch.length === 1) return single(batch[0]);
  let results: Rows[];
  try {
    results = await session.executeMulti(batch.map((p) => p.stmt));
  } catch (e) {
    if (e instanceof session.SnowflakeStatementError && !e.transient) {
      // One of them failed and the request does not say which: each on its own.
      await Promise.all(batch.map(single));
    } else {
      for (const p of batch) p.reject(e);
    }
    return;
  }
  batch.forEach((p, i) => p.resolve(results[i]));
}

async function single(p: Pending): Promise<void> {
  try {
    p.resolve(await session.execute(p.stmt));
  } catch (e) {
    p.reject(e);
  }
}
