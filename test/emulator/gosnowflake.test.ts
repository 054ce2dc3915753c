// The official Go driver (github.com/snowflakedb/gosnowflake, pinned in test/go/conformance/go.mod) against the
// emulator: test/go/conformance (built by scripts/bootstrap.sh into a cache outside the repo) runs password and
// key-pair logins, context SELECT, network policy and OAuth integration DDL/DESC/SHOW, a 002003 SnowflakeError,
// multi-statement and close, and prints one JSON line. The driver reaches the emulator through a recording
// pass-through proxy on 127.0.0.1, so the test also sees every HTTP call it made; the proxy variables point at a
// closed local port.
import { withEmulator } from "../helpers/emulator";
import { goConformance, lastJsonLine, repoRoot, run } from "../helpers/external-clients";
import { callPaths, offlineEnv, recordingProxy, unexpectedPaths } from "../helpers/recording-proxy";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

test("gosnowflake: logins, DDL, SnowflakeError, multi-statement, close", { timeout: 180_000 }, async (t) => {
  const client = goConformance();
  if (!client.bin) {
    t.skip(`the gosnowflake conformance program is not built: ${client.why}`);
    return;
  }
  const goMod = fs.readFileSync(path.join(repoRoot, "test", "go", "conformance", "go.mod"), "utf8");
  const pinned = /github\.com\/snowflakedb\/gosnowflake v(\S+)/.exec(goMod)?.[1];
  await withEmulator(async (emu) => {
    const proxy = await recordingProxy(emu.port);
    try {
      const r = await run(client.bin!, [proxy.url, emu.account, emu.adminUser, "admin"], await offlineEnv(), 150_000);
      const result = lastJsonLine(r, "test/go/conformance");
      const failed = Object.entries(result.checks ?? {}).filter(([, c]: [string, any]) => !c.ok);
      assert.equal(
        result.ok,
        true,
        `conformance failed: ${JSON.stringify({ error: result.error, failed })}\nstderr:\n${r.stderr.slice(-4000)}`,
      );
      assert.equal(r.code, 0);
      assert.equal(result.driver, pinned, "the program was built with the pinned driver");

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
      assert.deepEqual(c.keypair_login.row, ["GO_KP", "PUBLIC"]);
      assert.equal(c.sql_error.number, 2003);
      assert.equal(c.sql_error.sqlstate, "02000");
      assert.equal(c.sql_error.message, "SQL compilation error:\nNetwork policy 'GO_MISSING' does not exist or not authorized.");
      assert.deepEqual(c.multi_statement.results, [1, "two", true]);

      // What went over the wire (all of it to the emulator, through the proxy).
      const paths = callPaths(proxy.calls);
      assert.deepEqual(unexpectedPaths(proxy.calls), [], `unexpected calls: ${paths.join(", ")}`);
      assert.equal(paths.filter((p) => p === "POST /session/v1/login-request").length, 2, "password and key-pair logins");
      const logouts = proxy.calls.filter((x) => x.method === "POST" && x.path.startsWith("/session?") && /[?&]delete=true/.test(x.path));
      assert.equal(logouts.length, 2, "both connections log out on Close()");
      const agents = [...new Set(proxy.calls.map((x) => x.userAgent))];
      assert.ok(
        agents.every((a) => a.startsWith(`Go/${pinned} `)),
        `user agents: ${agents.join(", ")}`,
      );
      t.diagnostic(
        `gosnowflake ${result.driver}; ${proxy.calls.length} HTTP calls (${[...new Set(paths)].join(", ")}); agents: ${agents.join(" | ")}`,
      );

      // The emulator saw the same thing.
      const logins = emu.log.logins().map((e) => `${e.user} ${e.text} ${e.outcome}`);
      assert.deepEqual(logins, ["ADMIN LOGIN SNOWFLAKE ok", "GO_KP LOGIN SNOWFLAKE_JWT ok"]);
    } finally {
      await proxy.close();
    }
  });
});
