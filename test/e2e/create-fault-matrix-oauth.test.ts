// Create/delete fault matrix (issue 10 "Creates and deletes under faults"; issue 15) of an OAuthIntegration: create,
// same-name replacement and delete. Every statement the provider sends about the object fails, or the provider is
// killed before it / after it committed, or Snowflake runs it and the response is lost (emulator `dropResponse`;
// snowflake-sdk resends the same requestId — lib/connection/statement.js — and Snowflake answers a resubmitted
// requestId with the original result: docs.snowflake.com/en/developer-guide/node-js/nodejs-driver-execute and, for the
// SQL API's requestId + retry=true, /developer-guide/sql-api/submitting-requests), or two transient 503s hit it. Each
// case converges on the same or the next `up`: no duplicate, no "already exists" dead end, the client secret output
// equal to SYSTEM$SHOW_OAUTH_CLIENT_SECRETS. One subject per file: each matrix runs in a process of its own.
import { withEmulator } from "../helpers/emulator";
import { test } from "node:test";
import { assertCfm, oauthSubject, runCreateFaultMatrix } from "../helpers/create-fault-matrix";

test(
  "create/delete fault matrix: OAuthIntegration create, same-name replacement, delete (lost response = snowflake-sdk same-requestId retry)",
  { timeout: 900_000 },
  async () => {
    await withEmulator(async (emu) => assertCfm(await runCreateFaultMatrix(emu, oauthSubject())));
  },
);
