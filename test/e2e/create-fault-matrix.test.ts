// Create/delete fault matrix (issue 10 "Creates and deletes under faults"; issue 15): create, delete and same-name
// replacement of an OAuthIntegration, create and delete of a NetworkPolicy. Every statement the provider sends about
// the object fails, or the provider is killed before it / after it committed, or Snowflake runs it and the response is
// lost (emulator `dropResponse`; snowflake-sdk resends the same requestId — lib/connection/statement.js — and
// Snowflake answers a resubmitted requestId with the original result: docs.snowflake.com/en/developer-guide/node-js/
// nodejs-driver-execute and, for the SQL API's requestId + retry=true, /developer-guide/sql-api/submitting-requests),
// or two transient 503s hit it. Each case converges on the same or the next `up`: no duplicate, no "already exists"
// dead end, the client secret output equal to SYSTEM$SHOW_OAUTH_CLIENT_SECRETS.
import { withEmulator } from "../helpers/emulator";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { assertCfm, networkPolicySubject, oauthSubject, runCreateFaultMatrix } from "../helpers/create-fault-matrix";

const networkMode = (m: string) => m === "drop-response" || m === "http503";

test(
  "create/delete fault matrix: OAuthIntegration create, same-name replacement, delete (lost response = snowflake-sdk same-requestId retry)",
  { timeout: 900_000 },
  async () => {
    await withEmulator(async (emu) => {
      const r = await runCreateFaultMatrix(emu, oauthSubject());
      assertCfm(r);
      assert.deepEqual(
        r.cases.filter((c) => !networkMode(c.mode) && !c.faultedUpFailed).map((c) => `${c.op} #${c.index} ${c.mode}`),
        [],
        "every fail/kill made its up fail",
      );
      assert.deepEqual(
        r.cases.filter((c) => networkMode(c.mode) && c.convergedOn !== 0).map((c) => `${c.op} #${c.index} ${c.mode}`),
        [],
        "lost responses and 503s converge on the same up",
      );
    });
  },
);

test("create/delete fault matrix: NetworkPolicy create, delete", { timeout: 600_000 }, async () => {
  await withEmulator(async (emu) => {
    const r = await runCreateFaultMatrix(emu, networkPolicySubject());
    assertCfm(r);
    assert.deepEqual(
      r.cases.filter((c) => !networkMode(c.mode) && !c.faultedUpFailed).map((c) => `${c.op} #${c.index} ${c.mode}`),
      [],
      "every fail/kill made its up fail",
    );
    assert.deepEqual(
      r.cases.filter((c) => networkMode(c.mode) && c.convergedOn !== 0).map((c) => `${c.op} #${c.index} ${c.mode}`),
      [],
      "lost responses and 503s converge on the same up",
    );
  });
});
