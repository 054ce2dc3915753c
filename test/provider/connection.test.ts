/** connections.toml reading (smol-toml) and credential precedence (config > env > connections.toml). No network. */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateKeyPairSync } from "node:crypto";
import { parseToml } from "../../provider/connection/toml";
import { describeSetting, driverOptions, resolveSettings } from "../../provider/connection/config";
import { redactSql } from "../../provider/connection/session";

const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

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
  // smol-toml builds tables without a prototype; compare plain copies.
  assert.deepEqual(plain(t), {
    default_connection_name: "dev",
    dev: { account: "acct", user: "lit\\eral", port: 8080, insecure: true },
    connections: { "my conn": { password: 'p"w\n', private_key: "-----BEGIN PRIVATE KEY-----\nabc" } },
  });
});

test("toml: arrays, inline tables and dates in connections.toml parse, and the connection still resolves", () => {
  const home = withHome({
    "connections.toml": [
      'default_connection_name = "dev"',
      "[dev]",
      'account = "acct"',
      'user = "u"',
      'password = "pw"',
      "client_session_keep_alive_heartbeat_frequency = 3600",
      'query_tags = ["a", "b", 3]',
      'session_parameters = { QUERY_TAG = "pulumi", TIMEZONE = "UTC" }',
      "created = 2024-05-01T12:00:00Z",
      "day = 2024-05-01",
      "[[dev.hosts]]",
      'name = "h1"',
    ].join("\n"),
  });
  const s = resolveSettings(undefined, { SNOWFLAKE_HOME: home });
  assert.equal(s.account?.value, "acct");
  assert.equal(s.user?.source, `${path.join(home, "connections.toml")} [dev] user`);
  const t = parseToml(fs.readFileSync(path.join(home, "connections.toml"), "utf8")) as any;
  assert.deepEqual(t.dev.query_tags, ["a", "b", 3]);
  assert.deepEqual(plain(t.dev.session_parameters), { QUERY_TAG: "pulumi", TIMEZONE: "UTC" });
  assert.ok(t.dev.created instanceof Date);
  assert.equal(t.dev.created.toISOString(), "2024-05-01T12:00:00.000Z");
  assert.equal(t.dev.day.toISOString(), "2024-05-01", "a local date stays a date");
  assert.deepEqual(plain(t.dev.hosts), [{ name: "h1" }]);
});

test("toml: a syntax error names file, line and column, never the file's text", () => {
  const text = '[dev]\npassword = "hunter2"\nuser = = "x"\n';
  assert.throws(
    () => parseToml(text, "/h/connections.toml"),
    (e: Error) => {
      assert.equal(e.name, "SnowflakeConnectionError");
      assert.match(e.message, /^\/h\/connections\.toml:3:\d+: not valid TOML/);
      assert.ok(!e.message.includes("hunter2") && !e.message.includes("user ="), e.message);
      return true;
    },
  );
});

function withHome(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sfhome-"));
  for (const [n, c] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), c);
  return dir;
}

test("precedence: stack config, then env, then connections.toml; sources are reported", () => {
  const home = withHome({
    "connections.toml":
      '[default]\naccount = "toml_acct"\nuser = "toml_user"\npassword = "toml_pw"\nrole = "toml_role"\n[other]\naccount = "o"\nuser = "ou"\nprivate_key_file = "/k.p8"\nprivate_key_file_pwd = "pp"\n',
  });
  const cfg = { get: (k: string) => ({ "snowflake:user": "cfg_user" })[k] };
  const s = resolveSettings(cfg, { SNOWFLAKE_HOME: home, SNOWFLAKE_ROLE: "env_role" });
  assert.equal(s.user?.value, "cfg_user");
  assert.equal(s.user?.source, "stack config snowflake:user");
  assert.equal(s.role?.source, "env SNOWFLAKE_ROLE");
  assert.equal(s.account?.value, "toml_acct");
  assert.match(s.account.source, /connections.toml \[default\] account/);
  assert.equal(describeSetting("password", s.password), `password from ${path.join(home, "connections.toml")} [default] password`);
  const o = driverOptions(s);
  assert.equal(o.authenticator, "SNOWFLAKE");
  assert.equal(o.password, "toml_pw");

  const s2 = resolveSettings(undefined, { SNOWFLAKE_HOME: home, SNOWFLAKE_DEFAULT_CONNECTION_NAME: "other" });
  assert.equal(s2.privateKeyPath?.value, "/k.p8");
  assert.equal(s2.privateKeyPassphrase?.value, "pp");
  assert.equal(s2.privateKeyPath?.source, `${path.join(home, "connections.toml")} [other] private_key_file`);
  const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const keyFile = path.join(home, "k.p8");
  fs.writeFileSync(keyFile, key.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pp" }).toString());
  const o2 = driverOptions({ ...s2, privateKeyPath: { value: keyFile, source: "test" } });
  assert.equal(o2.authenticator, "SNOWFLAKE_JWT");
  assert.equal(o2.privateKey, key.export({ type: "pkcs8", format: "pem" }).toString(), "the driver gets the decrypted key");
});

test("default_connection_name from config.toml; url override; missing settings name their sources, never secret values", () => {
  const home = withHome({
    "config.toml": 'default_connection_name = "emu"\n',
    "connections.toml": '[emu]\naccount = "a"\nhost = "127.0.0.1"\nport = 9\nprotocol = "http"\npassword = "hunter2"\n',
  });
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
  assert.throws(
    () => resolveSettings({ get: (k) => (k === "snowflake:connectionName" ? "nope" : undefined) }, { SNOWFLAKE_HOME: home }),
    /^SnowflakeConnectionError: Snowflake connection 'nope' \(named by stack config snowflake:connectionName\) is not in .*connections\.toml; it has 'emu'\./,
  );
});

test("SQL log redaction replaces secret literals", () => {
  assert.equal(
    redactSql({ sql: "ALTER USER X SET PASSWORD = 's3cret'", idempotent: true, redact: ["s3cret"] }),
    "ALTER USER X SET PASSWORD = '***'",
  );
});
