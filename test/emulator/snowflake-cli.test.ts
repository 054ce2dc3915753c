// The Snowflake CLI (snowflake-cli, pinned in test/snowcli/requirements.txt, installed by scripts/bootstrap.sh into
// a venv cached outside the repo) against the emulator: `snow connection test` with a password and a key-pair
// connection from a connections.toml in a temp SNOWFLAKE_HOME, `snow sql -q` DDL/DESC/SHOW of a network policy and
// a custom OAuth integration, `snow object list/describe integration`, and a statement that fails. The CLI reaches
// the emulator through a recording pass-through proxy on 127.0.0.1, so the test also sees every HTTP call it made;
// the proxy variables point at a closed local port and config.toml sets `air_gapped` (no PyPI version check).
import { generateRsaKey, tempDir, withEmulator } from "../helpers/emulator";
import { snowCli, run, Run } from "../helpers/external-clients";
import { callPaths, offlineEnv, recordingProxy, unexpectedPaths } from "../helpers/recording-proxy";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

/** connections.toml (`emu`: password, `emu_kp`: SNOWFLAKE_JWT) and config.toml in a fresh SNOWFLAKE_HOME. */
function snowflakeHome(port: number, account: string, user: string, password: string, keyUser: string, keyPem: string): string {
  const home = tempDir("snowcli-");
  const keyFile = path.join(home, "kp.p8");
  fs.writeFileSync(keyFile, keyPem, { mode: 0o600 });
  const common = `account = "${account}"\nhost = "127.0.0.1"\nport = ${port}\nprotocol = "http"\n`;
  fs.writeFileSync(
    path.join(home, "connections.toml"),
    `[emu]\n${common}user = "${user}"\npassword = "${password}"\n\n` +
      `[emu_kp]\n${common}user = "${keyUser}"\nauthenticator = "SNOWFLAKE_JWT"\nprivate_key_file = "${keyFile}"\n`,
    { mode: 0o600 },
  );
  // air_gapped / ignore_new_version_warning: no PyPI version check (snowflake/cli/_app/version_check.py); no log files.
  fs.writeFileSync(
    path.join(home, "config.toml"),
    "[cli]\nignore_new_version_warning = true\nair_gapped = true\n\n[cli.logs]\nsave_logs = false\n",
    { mode: 0o600 },
  );
  return home;
}

/** The CLI's error box (rich panel on stderr) as one line of text. */
function errorText(r: Run): string {
  return r.stderr
    .replace(/[│╭╮╰╯─]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

test("Snowflake CLI: connection test, sql, object list/describe, errors, key pair", { timeout: 300_000 }, async (t) => {
  const cli = snowCli();
  if (!cli.bin) {
    t.skip(`the Snowflake CLI venv is not available: ${cli.why}`);
    return;
  }
  const snow = cli.bin;
  const key = generateRsaKey("snowcli");
  await withEmulator(async (emu) => {
    const proxy = await recordingProxy(emu.port);
    const home = snowflakeHome(proxy.port, emu.account, emu.adminUser, "admin", "CLI_KP", key.privatePem);
    try {
      // COLUMNS: rich wraps the error panel at the terminal width (80 without a tty).
      const env = await offlineEnv({ SNOWFLAKE_HOME: home, HOME: home, COLUMNS: "400", PYTHONDONTWRITEBYTECODE: "1" });
      let runs = 0;
      const snowJson = async (args: string[], connection = "emu"): Promise<any> => {
        runs++;
        const r = await run(snow, [...args, "-c", connection, "--format", "json"], env);
        assert.equal(r.code, 0, `snow ${args.join(" ")} exited ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
        return JSON.parse(r.stdout);
      };

      const version = await run(snow, ["--version"], env);
      assert.equal(version.stdout.trim(), `Snowflake CLI version: ${cli.pinned}`);

      const conn = await snowJson(["connection", "test"]);
      assert.equal(conn.Status, "OK");
      assert.deepEqual(
        [conn["Connection name"], conn.Host, conn.Account, conn.User, conn.Role],
        ["emu", "127.0.0.1", emu.account, emu.adminUser, "ACCOUNTADMIN"],
      );

      // Network policy: one multi-statement `snow sql` answers one JSON array per statement.
      const np = await snowJson([
        "sql",
        "-q",
        "CREATE NETWORK POLICY cli_np ALLOWED_IP_LIST = ('192.168.1.0/24', '10.0.0.1') COMMENT = 'cli'; " +
          "DESC NETWORK POLICY cli_np; SHOW NETWORK POLICIES LIKE 'CLI_NP'; " +
          "ALTER NETWORK POLICY cli_np SET BLOCKED_IP_LIST = ('10.0.0.2'); DESC NETWORK POLICY cli_np",
      ]);
      assert.equal(np.length, 5);
      assert.deepEqual(np[0], [{ status: "Network policy CLI_NP successfully created." }]);
      assert.deepEqual(np[1], [{ name: "ALLOWED_IP_LIST", value: "192.168.1.0/24,10.0.0.1" }]);
      assert.equal(np[2].length, 1);
      assert.equal(np[2][0].name, "CLI_NP");
      assert.equal(np[2][0].comment, "cli");
      assert.equal(np[2][0].entries_in_allowed_ip_list, 2, "NUMBER column printed as a JSON number");
      assert.equal(np[2][0].entries_in_blocked_ip_list, 0);
      assert.deepEqual(np[4], [
        { name: "ALLOWED_IP_LIST", value: "192.168.1.0/24,10.0.0.1" },
        { name: "BLOCKED_IP_LIST", value: "10.0.0.2" },
      ]);

      // Custom OAuth integration through `snow sql`, then `snow object list / describe integration`.
      const oauth = await snowJson([
        "sql",
        "-q",
        "CREATE SECURITY INTEGRATION cli_oauth TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' " +
          "OAUTH_REDIRECT_URI = 'https://example.com/cb' ENABLED = TRUE COMMENT = 'cli'; SHOW SECURITY INTEGRATIONS LIKE 'CLI_OAUTH'",
      ]);
      assert.deepEqual(oauth[0], [{ status: "Integration CLI_OAUTH successfully created." }]);
      const show = oauth[1];
      assert.equal(show.length, 1);
      assert.deepEqual(
        [show[0].name, show[0].type, show[0].category, show[0].enabled, show[0].comment],
        ["CLI_OAUTH", "OAUTH - CUSTOM", "SECURITY", true, "cli"],
      );
      const listed = await snowJson(["object", "list", "integration", "--like", "CLI_%"]);
      assert.deepEqual(
        listed.map((r: any) => [r.name, r.type, r.enabled]),
        [["CLI_OAUTH", "OAUTH - CUSTOM", true]],
      );
      // `snow object describe` names the object as IDENTIFIER('cli_oauth') (the emulator log shows the text).
      const described = await snowJson(["object", "describe", "integration", "cli_oauth"]);
      const by = new Map(described.map((r: any) => [r.property, r]));
      assert.deepEqual(Object.keys(described[0]), ["property", "property_type", "property_value", "property_default"]);
      for (const [prop, type, value] of [
        ["ENABLED", "Boolean", "true"],
        ["OAUTH_CLIENT_TYPE", "String", "CONFIDENTIAL"],
        ["OAUTH_REDIRECT_URI", "String", "https://example.com/cb"],
        ["COMMENT", "String", "cli"],
      ]) {
        const row: any = by.get(prop);
        assert.ok(row, `DESC has no ${prop} row`);
        assert.deepEqual([row.property_type, row.property_value], [type, value], prop);
      }
      assert.ok(
        emu.log.statements().some((e) => /^describe integration IDENTIFIER\('cli_oauth'\)$/i.test(e.text) && e.outcome === "ok"),
        "snow object describe sent describe integration IDENTIFIER('cli_oauth')",
      );

      // A network rule in a schema through `snow sql`, then `snow object list network-rule --in database`
      // (the CLI sends `show network rules like '%%' in database …`).
      const made = await snowJson([
        "sql",
        "-q",
        "CREATE DATABASE cli_db; CREATE SCHEMA cli_db.net; " +
          "CREATE NETWORK RULE cli_db.net.office TYPE = IPV4 VALUE_LIST = ('10.0.0.0/8', '192.168.1.0/24') MODE = INGRESS",
      ]);
      assert.deepEqual(made[2], [{ status: "Network rule OFFICE successfully created." }]);
      const rules = await snowJson(["object", "list", "network-rule", "--in", "database", "cli_db"]);
      assert.deepEqual(
        rules.map((r: any) => [r.name, r.database_name, r.schema_name, r.type, r.mode, r.entries_in_valuelist]),
        [["OFFICE", "CLI_DB", "NET", "IPV4", "INGRESS", 2]],
      );

      // A Snowflake error: exit 1 and the connector's "<code> (<sqlstate>): <message>" in the error panel.
      runs++;
      const failed = await run(snow, ["sql", "-q", "DESC NETWORK POLICY cli_missing", "-c", "emu", "--format", "json"], env);
      assert.equal(failed.code, 1, `stdout:\n${failed.stdout}\nstderr:\n${failed.stderr}`);
      assert.equal(failed.stdout.trim(), "");
      assert.match(
        errorText(failed),
        /^Error 002003 \(02000\): SQL compilation error: Network policy 'CLI_MISSING' does not exist or not authorized\.$/,
      );

      // Key pair: a user with the public key, then the `emu_kp` connection (SNOWFLAKE_JWT, private_key_file).
      await snowJson(["sql", "-q", `CREATE USER cli_kp DEFAULT_ROLE = PUBLIC RSA_PUBLIC_KEY = '${key.publicBody}'`]);
      const kpUser = await snowJson(["object", "describe", "user", "cli_kp"]);
      assert.deepEqual(Object.keys(kpUser[0]), ["property", "value", "default", "description"]);
      assert.equal(kpUser.find((r: any) => r.property === "RSA_PUBLIC_KEY_FP")?.value, key.fingerprint);
      const kpConn = await snowJson(["connection", "test"], "emu_kp");
      assert.deepEqual([kpConn.Status, kpConn.User, kpConn.Role], ["OK", "CLI_KP", "PUBLIC"]);
      const who = await snowJson(["sql", "-q", "SELECT CURRENT_USER(), CURRENT_ROLE()"], "emu_kp");
      assert.deepEqual(who, [{ "CURRENT_USER()": "CLI_KP", "CURRENT_ROLE()": "PUBLIC" }]);

      const dropped = await snowJson(["sql", "-q", "DROP USER cli_kp; DROP SECURITY INTEGRATION cli_oauth; DROP NETWORK POLICY cli_np"]);
      assert.deepEqual(dropped, [
        [{ status: "CLI_KP successfully dropped." }],
        [{ status: "CLI_OAUTH successfully dropped." }],
        [{ status: "CLI_NP successfully dropped." }],
      ]);

      // What went over the wire (all of it to the emulator, through the proxy).
      const paths = callPaths(proxy.calls);
      assert.deepEqual(unexpectedPaths(proxy.calls), [], `unexpected calls: ${paths.join(", ")}`);
      assert.equal(paths.filter((p) => p === "POST /session/v1/login-request").length, runs, "one login per snow command");
      const logouts = proxy.calls.filter((x) => x.method === "POST" && x.path.startsWith("/session?") && /[?&]delete=true/.test(x.path));
      assert.equal(logouts.length, runs, "every snow command logs out");
      const agents = [...new Set(proxy.calls.map((x) => x.userAgent))];
      assert.ok(
        agents.every((a) => /^PythonConnector\//.test(a)),
        `user agents: ${agents.join(", ")}`,
      );
      t.diagnostic(
        `snow ${cli.pinned}; ${runs} commands; ${proxy.calls.length} HTTP calls (${[...new Set(paths)].join(", ")}); ` +
          `gzip bodies: ${proxy.calls.filter((x) => x.gzipBody).length}; agents: ${agents.join(" | ")}`,
      );

      // The emulator saw the same logins: password for `emu`, key pair for `emu_kp`.
      const logins = emu.log.logins().map((e) => `${e.user} ${e.text} ${e.outcome}`);
      assert.equal(logins.length, runs);
      assert.deepEqual([...new Set(logins)].sort(), ["ADMIN LOGIN SNOWFLAKE ok", "CLI_KP LOGIN SNOWFLAKE_JWT ok"]);
    } finally {
      await proxy.close();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
