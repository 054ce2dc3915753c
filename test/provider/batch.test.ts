/**
 * The read batcher (provider/connection/batch.ts) against the emulator through the real driver: concurrent reads go
 * as one multi-statement request (one round trip, every statement still counted), a missing object is "not found" for
 * that read only, transient faults retry the reads, and everything stays on one login.
 */
import { after, before, beforeEach, test } from "node:test";
import * as assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../emulator/index";
import * as session from "../../provider/connection/session";
import * as batch from "../../provider/connection/batch";
import { describeIntegration } from "../../provider/resources/describers";
import { tempDir } from "../helpers/emulator";

let emu: Emulator;
const saved = { ...process.env };
before(async () => {
  emu = await startEmulator({ port: 0 });
  for (const k of Object.keys(process.env))
    if (k.startsWith("SNOWFLAKE_") && k !== "SNOWFLAKE_DISABLE_PLATFORM_DETECTION") delete process.env[k];
  process.env.SNOWFLAKE_HOME = tempDir("sfhome-empty-");
  process.env.SNOWFLAKE_OAUTH_RETRY_BASE_MS = "1";
  process.env.SNOWFLAKE_OAUTH_BATCH_MS = "20";
  process.env.SNOWFLAKE_OAUTH_BATCH_MAX = "50";
  const cfg: Record<string, string> = {
    "snowflake:url": emu.url,
    "snowflake:account": emu.account,
    "snowflake:user": "ADMIN",
    "snowflake:password": "admin",
  };
  await session.closeSession();
  session.configure({ get: (k: string) => cfg[k] });
  for (const n of ["B1", "B2", "B3"]) {
    await emu.execAsAdmin(
      `CREATE SECURITY INTEGRATION ${n} TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://${n.toLowerCase()}.example.com/cb'`,
    );
  }
});
after(async () => {
  await session.closeSession();
  process.env = saved;
  await emu.stop();
});
beforeEach(() => {
  emu.faults.clear();
  session.resetStats();
});

/** Statements the emulator ran since `seq`, and the requests that carried them. */
function since(seq: number) {
  const st = emu.log.entries().filter((e) => e.seq > seq && e.kind === "statement");
  return { statements: st.map((e) => e.text), requests: new Set(st.map((e) => e.request)).size };
}
const mark = () => emu.log.entries().at(-1)?.seq ?? 0;

test("concurrent DESCRIBEs go as one multi-statement request; each caller gets its own rows; one login", async () => {
  await session.execute({ sql: "SELECT 1", idempotent: true }); // log in first
  const m = mark();
  const [a, b, c] = await Promise.all(["B1", "B2", "B3"].map((n) => describeIntegration(n)));
  assert.equal(a?.get("OAUTH_REDIRECT_URI")?.value, "https://b1.example.com/cb");
  assert.equal(b?.get("OAUTH_REDIRECT_URI")?.value, "https://b2.example.com/cb");
  assert.equal(c?.get("OAUTH_REDIRECT_URI")?.value, "https://b3.example.com/cb");
  const s = since(m);
  assert.deepEqual(s.statements, ["DESCRIBE INTEGRATION B1", "DESCRIBE INTEGRATION B2", "DESCRIBE INTEGRATION B3"]);
  assert.equal(s.requests, 1, "one round trip");
  assert.equal(session.stats().statements, 4, "statements are counted one by one");
  assert.equal(session.stats().roundTrips, 2);
  assert.equal(session.stats().logins, 1, "the one login, for the first statement");
  assert.equal(emu.log.entries().filter((e) => e.kind === "login").length, 1);
});

test("a missing object in a batch is 'not found' for that read only; the others still answer", async () => {
  const m = mark();
  const [a, gone, c] = await Promise.all(["B1", "NOPE", "B3"].map((n) => describeIntegration(n)));
  assert.equal(a?.get("OAUTH_REDIRECT_URI")?.value, "https://b1.example.com/cb");
  assert.equal(gone, undefined);
  assert.equal(c?.get("OAUTH_REDIRECT_URI")?.value, "https://b3.example.com/cb");
  // The batch stopped at NOPE (002003); the three were then sent one by one.
  const s = since(m);
  assert.deepEqual(s.statements.slice(0, 2), ["DESCRIBE INTEGRATION B1", "DESCRIBE INTEGRATION NOPE"]);
  assert.deepEqual([...s.statements.slice(2)].sort(), ["DESCRIBE INTEGRATION B1", "DESCRIBE INTEGRATION B3", "DESCRIBE INTEGRATION NOPE"]);
  assert.equal(s.requests, 4);
});

test("any other statement error reaches its own caller only", async () => {
  emu.faults.set({
    failStatement: { match: "DESCRIBE INTEGRATION B2", times: 5, code: "003001", message: "Insufficient privileges (injected)." },
  });
  const out = await Promise.allSettled(["B1", "B2", "B3"].map((n) => describeIntegration(n)));
  assert.equal(out[0].status, "fulfilled");
  assert.equal(out[2].status, "fulfilled");
  assert.equal(out[1].status, "rejected");
  assert.match(String(out[1].reason?.message), /Insufficient privileges/);
});

test("a transient fault (HTTP 503) retries the batch of reads, still one request's worth of statements", async () => {
  emu.faults.set({ http503: { count: 1, paths: ["/queries/v1/query-request"] } });
  const m = mark();
  const rows = await Promise.all(["B1", "B2"].map((n) => describeIntegration(n)));
  assert.ok(rows.every((r) => r?.get("OAUTH_CLIENT_TYPE")?.value === "CONFIDENTIAL"));
  const s = since(m);
  assert.deepEqual(s.statements, ["DESCRIBE INTEGRATION B1", "DESCRIBE INTEGRATION B2"], "ran once: the 503 came before the statements");
  assert.equal(s.requests, 1);
});

test("a lost response after Snowflake ran the batch: the retry gets the answer, every caller its rows", async () => {
  emu.faults.set({ dropResponse: { count: 1, paths: ["/queries/v1/query-request"] } });
  const rows = await Promise.all(["B1", "B3"].map((n) => describeIntegration(n)));
  assert.equal(rows[0]?.get("OAUTH_REDIRECT_URI")?.value, "https://b1.example.com/cb");
  assert.equal(rows[1]?.get("OAUTH_REDIRECT_URI")?.value, "https://b3.example.com/cb");
});

test("more reads than SNOWFLAKE_OAUTH_BATCH_MAX split into several requests; window 0 sends each alone", async () => {
  process.env.SNOWFLAKE_OAUTH_BATCH_MAX = "2";
  let m = mark();
  await Promise.all(["B1", "B2", "B3"].map((n) => describeIntegration(n)));
  assert.equal(since(m).requests, 2);
  process.env.SNOWFLAKE_OAUTH_BATCH_MAX = "50";
  process.env.SNOWFLAKE_OAUTH_BATCH_MS = "0";
  m = mark();
  await Promise.all(["B1", "B2", "B3"].map((n) => describeIntegration(n)));
  assert.equal(since(m).requests, 3);
  process.env.SNOWFLAKE_OAUTH_BATCH_MS = "20";
});

test("only reads: a statement that is not idempotent is refused", async () => {
  await assert.rejects(batch.read({ sql: "ALTER INTEGRATION B1 REFRESH OAUTH_CLIENT_SECRET", idempotent: false }), /reads only/);
  await assert.rejects(
    session.executeMulti([
      { sql: "SELECT 1", idempotent: true },
      { sql: "CREATE ROLE R1", idempotent: false },
    ]),
    /reads only/,
  );
});
