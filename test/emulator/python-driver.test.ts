// The official Python connector (snowflake-connector-python, pinned in test/python/requirements.txt and installed by
// scripts/bootstrap.sh into .work/pyenv) against the emulator: test/python/conformance.py runs password and key-pair
// logins, context SELECT, network policy and OAuth integration DDL, a 002003 error, multi-statement and logout, and
// prints one JSON line. The connector reaches the emulator through a recording pass-through proxy on 127.0.0.1, so
// the test also sees every HTTP call it made; HTTP(S)_PROXY point at a closed local port so any call to another
// host would fail instead of leaving the machine.
import { withEmulator } from "../helpers/emulator";
import { callPaths, offlineEnv, recordingProxy, unexpectedPaths } from "../helpers/recording-proxy";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..", "..");
const pyenv = path.join(root, ".work", "pyenv");
// EMULATOR_PYTHON: another interpreter with a connector installed (e.g. to check an older connector by hand).
const python = process.env.EMULATOR_PYTHON ?? path.join(pyenv, "bin", "python");
const script = path.join(root, "test", "python", "conformance.py");
const requirements = path.join(root, "test", "python", "requirements.txt");

/** Why the venv cannot be used, or undefined when it can. */
function unavailable(): string | undefined {
  if (process.env.EMULATOR_PYTHON) return fs.existsSync(python) ? undefined : `EMULATOR_PYTHON=${python} does not exist`;
  if (fs.existsSync(python) && fs.existsSync(path.join(pyenv, ".install-stamp"))) return undefined;
  const why = path.join(root, ".work", "pyenv.unavailable");
  if (fs.existsSync(why)) return fs.readFileSync(why, "utf8").trim();
  return `${path.relative(root, pyenv)} is missing or incomplete (run scripts/bootstrap.sh)`;
}

test("official Python connector: logins, DDL, errors, multi-statement, logout", { timeout: 180_000 }, async (t) => {
  const why = unavailable();
  if (why) {
    t.skip(`python3 or the connector venv is not available: ${why}`);
    return;
  }
  const pinned = /^snowflake-connector-python==(\S+)/m.exec(fs.readFileSync(requirements, "utf8"))?.[1];
  await withEmulator(async (emu) => {
    const proxy = await recordingProxy(emu.port);
    try {
      const env = await offlineEnv({ PYTHONDONTWRITEBYTECODE: "1" });
      const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          python,
          [script, proxy.url, emu.account, emu.adminUser, "admin"],
          { env, timeout: 150_000, maxBuffer: 16 << 20 },
          (err, so, se) => resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout: so, stderr: se }),
        );
      });
      const last = stdout.trim().split("\n").pop() ?? "";
      let result: any;
      try {
        result = JSON.parse(last);
      } catch {
        assert.fail(`conformance.py printed no JSON (exit ${code}).\nstdout:\n${stdout}\nstderr:\n${stderr}`);
      }
      const failed = Object.entries(result.checks ?? {}).filter(([, c]: [string, any]) => !c.ok);
      assert.equal(
        result.ok,
        true,
        `conformance failed: ${JSON.stringify({ error: result.error, failed })}\nstderr:\n${stderr.slice(-4000)}`,
      );
      assert.equal(code, 0);
      if (!process.env.EMULATOR_PYTHON) assert.equal(result.connector, pinned, "the venv holds the pinned connector version");

      const c = result.checks;
      assert.deepEqual(Object.keys(c).sort(), [
        "close",
        "keypair_login",
        "multi_statement",
        "network_policy",
        "oauth_integration",
        "password_login",
        "select_context",
        "sql_error",
      ]);
      assert.deepEqual(c.select_context.row, ["ADMIN", "ACCOUNTADMIN"]);
      assert.deepEqual(c.keypair_login.row, ["PY_KP", "PUBLIC"]);
      assert.equal(c.oauth_integration.enabled_type, "bool");
      assert.equal(c.network_policy.entries_type, "int");
      assert.equal(c.sql_error.errno, 2003);
      assert.equal(c.sql_error.sqlstate, "02000");
      assert.deepEqual(c.multi_statement.results, [[[1]], [["two"]], [[true]]]);

      // What went over the wire (all of it to the emulator, through the proxy).
      const paths = callPaths(proxy.calls);
      assert.deepEqual(unexpectedPaths(proxy.calls), [], `unexpected calls: ${paths.join(", ")}`);
      assert.equal(paths.filter((p) => p === "POST /session/v1/login-request").length, 2, "password and key-pair logins");
      const logouts = proxy.calls.filter((x) => x.method === "POST" && x.path.startsWith("/session?") && /[?&]delete=true/.test(x.path));
      assert.equal(logouts.length, 2, "both connections log out on close()");
      assert.ok(
        proxy.calls.every((x) => /^PythonConnector\//.test(x.userAgent)),
        `user agents: ${[...new Set(proxy.calls.map((x) => x.userAgent))].join(", ")}`,
      );
      t.diagnostic(
        `connector ${result.connector}; ${proxy.calls.length} HTTP calls; gzip bodies: ${proxy.calls.filter((x) => x.gzipBody).length}`,
      );

      // The emulator saw the same thing.
      const logins = emu.log.logins().map((e) => `${e.user} ${e.text} ${e.outcome}`);
      assert.deepEqual(logins, ["ADMIN LOGIN SNOWFLAKE ok", "PY_KP LOGIN SNOWFLAKE_JWT ok"]);
    } finally {
      await proxy.close();
    }
  });
});
