/**
 * A retried request is answered, not executed again (emulator/http/replay.ts).
 * Sources: snowflake-sdk resends a lost query request to the same URL, i.e. the same `requestId`, plus
 * `clientStartTime` / `retryCount` (snowflakedb/snowflake-connector-nodejs lib/http/axios_instance.ts,
 * lib/connection/statement.js); the SQL API resubmits with the same `requestId` and `retry=true`
 * (https://docs.snowflake.com/en/developer-guide/sql-api/submitting-requests).
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { connect, destroy, exec, generateRsaKey, makeKeypairJwt, withEmulator } from "../helpers/emulator";

test("snowflake-sdk retry after a lost response gets the original result: one execution, no 002002 (same requestId; snowflake-connector-nodejs lib/http/axios_instance.ts)", async () => {
  await withEmulator(async (emu) => {
    const c = await connect(emu);
    try {
      const since = emu.log.mark();
      emu.faults.set({ dropResponse: { count: 1, paths: ["/queries/v1/query-request"] } });
      const rows = await exec(
        c,
        "CREATE SECURITY INTEGRATION lost_app TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://example.test/cb'",
      );
      assert.deepEqual(rows, [{ status: "Integration LOST_APP successfully created." }]);
      const creates = emu.log.statements({ since }).filter((e) => /CREATE SECURITY INTEGRATION/i.test(e.text));
      assert.deepEqual(
        creates.map((e) => e.outcome),
        ["ok"],
        "executed once",
      );
      // A new request (new requestId) still executes: here it meets the existing object.
      await assert.rejects(
        exec(c, "CREATE SECURITY INTEGRATION lost_app TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_REDIRECT_URI = 'https://example.test/cb'"),
        (e: any) => e.code === "002002",
      );
    } finally {
      emu.faults.clear();
      await destroy(c);
    }
  });
});

test("SQL API: resubmitting with retry=true and the same requestId returns the original result without executing again (docs sql-api/submitting-requests)", async () => {
  await withEmulator(async (emu) => {
    const key = generateRsaKey("retry");
    const c = await connect(emu);
    await exec(c, `CREATE USER retry_user DEFAULT_ROLE = ACCOUNTADMIN RSA_PUBLIC_KEY = '${key.publicBody}'`);
    await exec(c, "GRANT ROLE ACCOUNTADMIN TO USER retry_user");
    await destroy(c);
    const token = makeKeypairJwt(emu.account, "RETRY_USER", key);
    const requestId = "7f0c5a8e-2b1d-4c3e-9a6f-0d1e2f3a4b5c";
    const submit = async (query: string): Promise<{ status: number; json: any }> => {
      const r = await fetch(`${emu.url}/api/v2/statements${query}`, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${token}`,
          "X-Snowflake-Authorization-Token-Type": "KEYPAIR_JWT",
          "Content-Type": "application/json",
        },
        body: JSON.stringify({ statement: "CREATE ROLE retried_role" }),
      });
      return { status: r.status, json: await r.json() };
    };
    const since = emu.log.mark();
    const first = await submit(`?requestId=${requestId}`);
    assert.equal(first.status, 200);
    const again = await submit(`?requestId=${requestId}&retry=true`);
    assert.equal(again.status, 200);
    assert.deepEqual(again.json, first.json, "the original response, same statement handle");
    const runs = emu.log.statements({ since }).filter((e) => /CREATE ROLE retried_role/i.test(e.text));
    assert.equal(runs.length, 1, "executed once");
    // Without retry=true the same id is a new submission (unsourced reading of the docs) and runs again.
    const fresh = await submit(`?requestId=${requestId}`);
    assert.equal(fresh.status, 422);
    assert.equal(fresh.json.code, "002002");
  });
});
