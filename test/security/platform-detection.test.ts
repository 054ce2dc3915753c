/**
 * Checklist 2: the provider process disables snowflake-sdk's platform detection (cloud metadata probes) before it
 * loads the driver, unless the operator opted out with the documented `SNOWFLAKE_DISABLE_PLATFORM_DETECTION=false`.
 * An empty or otherwise non-"true" value (a blank CI variable, `1`, `yes`) must not leave detection on: the driver
 * only honours the exact text "true".
 * Each case runs in a child process with a stand-in driver in the require cache, so the real driver is never loaded
 * and nothing is probed; the stand-in records the variable as it is when the provider loads and configures it.
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const SESSION = path.join(__dirname, "..", "..", "provider", "connection", "session.js");

const CHILD = `
const Module = require("node:module");
const file = require.resolve("snowflake-sdk", { paths: [${JSON.stringify(path.dirname(SESSION))}] });
let seen = "not loaded";
const fake = {
  configure() { seen = String(process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION); },
  createConnection() { return { connect(cb) { cb(new Error("stand-in driver")); }, destroy(cb) { cb(); } }; },
};
const m = new Module(file);
m.filename = file; m.loaded = true; m.exports = fake;
require.cache[file] = m;
const session = require(${JSON.stringify(SESSION)});
const cfg = { "snowflake:account": "A", "snowflake:user": "U", "snowflake:password": "p", "snowflake:url": "http://127.0.0.1:9" };
session.configure({ get: (k) => cfg[k] });
session.execute({ sql: "SELECT 1", idempotent: true }).catch(() => undefined).then(() => process.stdout.write(seen));
`;

function valueAtLoad(env: string | undefined): string {
  const e: NodeJS.ProcessEnv = { ...process.env };
  delete e.SNOWFLAKE_DISABLE_PLATFORM_DETECTION;
  if (env !== undefined) e.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = env;
  const r = spawnSync(process.execPath, ["-e", CHILD], { env: e, encoding: "utf8", timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test("platform detection is disabled when the driver loads unless explicitly opted out with 'false'", () => {
  assert.equal(valueAtLoad(undefined), "true", "unset");
  assert.equal(valueAtLoad(""), "true", "empty");
  assert.equal(valueAtLoad("1"), "true", "1");
  assert.equal(valueAtLoad("TRUE"), "TRUE", "true in any case stays");
  assert.equal(valueAtLoad("false"), "false", "the documented opt-out is honoured");
  assert.equal(valueAtLoad("False"), "False", "the documented opt-out, any case");
});
