/** connections.toml subset reader and credential precedence (config > env > connections.toml). No network. */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseToml } from "../../provider/connection/toml";
import { describeSetting, driverOptions, resolveSettings } from "../../provider/connection/config";
import { redactSql } from "../../provider/connection/session";

test("toml: tables, dotted and quoted headers, strings, numbers, booleans, comments, multi-line", () => {
  const t = parseToml(
    [
      'default_connection_name = "dev" # comment',
      "[dev]",
      'account = "acct"',
      "user = 'lit\\eral'",
      "port = 8080",
      "insecure = true",
      '[connections."my conn"]',
      'password = "p\\"w\\n"',
      'private_key = """',
      "-----BEGIN PRIVATE KEY-----",
      'abc"""',
    ].join("\n"),
  );
  assert.deepEqual(t, {
    default_connection_name: "dev",
    dev: { account: "acct", user: "lit\\eral", port: 8080, insecure: true },
    connections: { "my conn": { password: 'p"w\n', private_key: "-----BEGIN PRIVATE KEY-----\nabc" } },
  });
  assert.throws(() => parseToml("a = [1, 2]", "f.toml"), /f.toml:1: (invalid|unsupported) value/);
});

function withHome(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sfhome-"));
  for (const [n, c] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), c);
  return dir;
}

test("precedence: stack config, then env, then connections.toml; sources are reported", () => {
  const home = withHome({
    "connections.toml": '[default]\naccount = "toml_acct"\nuser = "toml_user"\npassword = "toml_pw"\nrole = "toml_role"\n[other]\naccount = "o"\nuser = "ou"\nprivate_key_file = "/k.p8"\nprivate_key_file_pwd = "pp"\n',
  });
  const cfg = { get: (k: string) => ({ "snowflake:user": "cfg_user" })[k] };
  const s = resolveSettings(cfg, { SNOWFLAKE_HOME: home, SNOWFLAKE_ROLE: "env_role" });
  assert.equal(s.user?.value, "cfg_user");
  assert.equal(s.user?.source, "stack config snowflake:user");
  assert.equal(s.role?.source, "env SNOWFLAKE_ROLE");
  assert.equal(s.account?.value, "toml_acct");
  assert.match(s.account!.source, /connections.toml \[default\] account/);
  assert.equal(describeSetting("password", s.password), `password from ${path.join(home, "connections.toml")} [default] password`);
  const o = driverOptions(s);
  assert.equal(o.authenticator, "SNOWFLAKE");
  assert.equal(o.password, "toml_pw");

  const s2 = resolveSettings(undefined, { SNOWFLAKE_HOME: home, SNOWFLAKE_DEFAULT_CONNECTION_NAME: "other" });
  const o2 = driverOptions(s2);
  assert.equal(o2.authenticator, "SNOWFLAKE_JWT");
  assert.equal(o2.privateKeyPath, "/k.p8");
  assert.equal(o2.privateKeyPass, "pp");
});

test("default_connection_name from config.toml; url override; missing settings name their sources, never secret values", () => {
  const home = withHome({ "config.toml": 'default_connection_name = "emu"\n', "connections.toml": '[emu]\naccount = "a"\nhost = "127.0.0.1"\nport = 9\nprotocol = "http"\npassword = "hunter2"\n' });
  const s = resolveSettings(undefined, { SNOWFLAKE_HOME: home });
  assert.equal(s.url?.value, "http://127.0.0.1:9");
  let msg = "";
  try {
    driverOptions(s);
  } catch (e: any) {
    msg = e.message;
  }
  assert.match(msg, /user is not configured/);
  assert.match(msg, /password from .*connections.toml \[emu\] password/);
  assert.ok(!msg.includes("hunter2"));
  assert.throws(() => driverOptions({}), /account is not configured/);
  assert.throws(() => resolveSettings({ get: (k) => (k === "snowflake:connectionName" ? "nope" : undefined) }, { SNOWFLAKE_HOME: home }), /no \[nope\] section/);
});

test("SQL log redaction replaces secret literals", () => {
  assert.equal(redactSql({ sql: "ALTER USER X SET PASSWORD = 's3cret'", idempotent: true, redact: ["s3cret"] }), "ALTER USER X SET PASSWORD = '***'");
});
