/**
 * Wrong connection settings fail before any login with one message that names the setting, its source and the fix,
 * and never a secret, a raw library error or a stack trace. No network.
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { driverOptions, resolveSettings, type ResolvedSettings } from "../../provider/connection/config";
import { SnowflakeConnectionError, isQuietLine } from "../../provider/connection/errors";
import { loginFailureMessage } from "../../provider/connection/session";

const PASS = "pp-Secret-4711";
const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
const home = fs.mkdtempSync(path.join(os.tmpdir(), "sfconn-"));
const encryptedKey = path.join(home, "enc.p8");
fs.writeFileSync(encryptedKey, rsa.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: PASS }).toString());
const plainKey = path.join(home, "plain.p8");
fs.writeFileSync(plainKey, rsa.export({ type: "pkcs8", format: "pem" }).toString());
const ecKey = path.join(home, "ec.p8");
fs.writeFileSync(ecKey, generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString());

const base: ResolvedSettings = {
  account: { value: "ACME", source: "stack config snowflake:account" },
  user: { value: "SVC", source: "env SNOWFLAKE_USER" },
};

/** The error thrown by `f`, checked to be one clean connection error without secrets or library codes. */
function failure(f: () => unknown, secrets: string[] = [PASS]): string {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof SnowflakeConnectionError, `expected a SnowflakeConnectionError, got ${String(err)}`);
  const msg = err.message;
  for (const s of secrets) assert.ok(!msg.includes(s), `message contains a secret: ${msg}`);
  assert.doesNotMatch(msg, /ENOENT|EACCES|ERR_OSSL|ERR_MISSING_PASSPHRASE|BAD_DECRYPT|\n/);
  assert.equal(err.stack, `SnowflakeConnectionError: ${msg}`, "no stack trace");
  return msg;
}

test("a private key file that does not exist: setting, source, what to do", () => {
  const missing = path.join(home, "nope.p8");
  const msg = failure(() => driverOptions({ ...base, privateKeyPath: { value: missing, source: "env SNOWFLAKE_PRIVATE_KEY_PATH" } }));
  assert.equal(
    msg,
    `Snowflake connection setting privateKeyPath '${missing}' from env SNOWFLAKE_PRIVATE_KEY_PATH: the file does not exist. ` +
      "Point privateKeyPath at your PEM private key file, or set the key itself with stack config snowflake:privateKey (--secret), env SNOWFLAKE_PRIVATE_KEY or 'private_key' in connections.toml.",
  );
});

test("a private key path that is a directory", () => {
  const msg = failure(() => driverOptions({ ...base, privateKeyPath: { value: home, source: "stack config snowflake:privateKeyPath" } }));
  assert.match(
    msg,
    /^Snowflake connection setting privateKeyPath '.*' from stack config snowflake:privateKeyPath: the file is a directory, not a key file\./,
  );
});

test("an encrypted key without a passphrase names the key's source and where to set the passphrase", () => {
  const src = `${path.join(home, "connections.toml")} [svc] private_key_file`;
  const msg = failure(() => driverOptions({ ...base, privateKeyPath: { value: encryptedKey, source: src } }));
  assert.equal(
    msg,
    `Snowflake connection setting privateKeyPath '${encryptedKey}' from ${src}: the private key is encrypted and no passphrase is set. ` +
      "Set stack config snowflake:privateKeyPassphrase (--secret), env SNOWFLAKE_PRIVATE_KEY_PASSPHRASE or 'private_key_file_pwd' in connections.toml.",
  );
});

test("a wrong passphrase names the passphrase's source, not its value", () => {
  const wrong = "wrong-Pass-0815";
  const msg = failure(
    () =>
      driverOptions({
        ...base,
        privateKeyPath: { value: encryptedKey, source: "stack config snowflake:privateKeyPath" },
        privateKeyPassphrase: { value: wrong, source: "env SNOWFLAKE_PRIVATE_KEY_FILE_PWD" },
      }),
    [PASS, wrong],
  );
  assert.equal(
    msg,
    `Snowflake connection setting privateKeyPassphrase from env SNOWFLAKE_PRIVATE_KEY_FILE_PWD does not decrypt the private key (privateKeyPath '${encryptedKey}' from stack config snowflake:privateKeyPath). ` +
      "Set the passphrase the key was encrypted with, or point the key setting at the matching key.",
  );
});

test("an inline private key that is not PEM, and a non-RSA key", () => {
  const junk = "not-a-key-Secret";
  const msg = failure(() => driverOptions({ ...base, privateKey: { value: junk, source: "stack config snowflake:privateKey" } }), [junk]);
  assert.match(
    msg,
    /^Snowflake connection setting privateKey from stack config snowflake:privateKey: not a PEM private key \(expected '-----BEGIN PRIVATE KEY-----'/,
  );
  const ec = failure(() => driverOptions({ ...base, privateKeyPath: { value: ecKey, source: "env SNOWFLAKE_PRIVATE_KEY_PATH" } }));
  assert.match(ec, /from env SNOWFLAKE_PRIVATE_KEY_PATH: the key is an EC key; Snowflake key-pair authentication takes RSA keys/);
});

test("the right passphrase, or an unencrypted key, gives the driver the decrypted PKCS#8 key", () => {
  const want = rsa.export({ type: "pkcs8", format: "pem" }).toString();
  const a = driverOptions({
    ...base,
    privateKeyPath: { value: encryptedKey, source: "x" },
    privateKeyPassphrase: { value: PASS, source: "y" },
  });
  assert.equal(a.privateKey, want);
  assert.equal(a.authenticator, "SNOWFLAKE_JWT");
  assert.equal(driverOptions({ ...base, privateKeyPath: { value: plainKey, source: "x" } }).privateKey, want);
  assert.ok(!("privateKeyPath" in a) && !("privateKeyPass" in a), "no path or passphrase reaches the driver");
});

test("an authenticator Snowflake does not have is refused before login; documented ones and Okta URLs pass", () => {
  const msg = failure(() =>
    driverOptions({
      ...base,
      password: { value: PASS, source: "env SNOWFLAKE_PASSWORD" },
      authenticator: { value: "SNOWFLAKE_PASSWORD", source: "env SNOWFLAKE_AUTHENTICATOR" },
    }),
  );
  assert.equal(
    msg,
    "Snowflake connection setting authenticator 'SNOWFLAKE_PASSWORD' from env SNOWFLAKE_AUTHENTICATOR is not an authenticator Snowflake has. " +
      "Use one of SNOWFLAKE, SNOWFLAKE_JWT, OAUTH, EXTERNALBROWSER, USERNAME_PASSWORD_MFA, PROGRAMMATIC_ACCESS_TOKEN, OAUTH_AUTHORIZATION_CODE, OAUTH_CLIENT_CREDENTIALS, WORKLOAD_IDENTITY, " +
      "or your Okta URL (https://<okta_account_name>.okta.com), or remove it to choose from the credentials given (password: SNOWFLAKE, private key: SNOWFLAKE_JWT, token: OAUTH).",
  );
  failure(() => driverOptions({ ...base, authenticator: { value: "http://acme.okta.com", source: "x" } }));
  for (const a of ["externalbrowser", "WORKLOAD_IDENTITY", "oauth_client_credentials"]) {
    assert.equal(driverOptions({ ...base, authenticator: { value: a, source: "x" } }).authenticator, a.toUpperCase());
  }
  const okta = driverOptions({
    ...base,
    password: { value: PASS, source: "p" },
    authenticator: { value: "https://acme.okta.com", source: "x" },
  });
  assert.equal(okta.authenticator, "https://acme.okta.com");
  assert.equal(okta.password, PASS);
});

test("a default_connection_name that names no connection is an error naming the file and the known connections", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sfhome-"));
  const file = path.join(dir, "connections.toml");
  fs.writeFileSync(
    file,
    'default_connection_name = "prod"\n[dev]\naccount = "a"\npassword = "toml-Secret"\n[connections.ci]\naccount = "b"\n',
  );
  const msg = failure(() => resolveSettings(undefined, { SNOWFLAKE_HOME: dir }), ["toml-Secret"]);
  assert.equal(
    msg,
    `Snowflake connection 'prod' (named by default_connection_name in ${file}) is not in ${file}; it has 'dev', 'ci'. ` +
      `Name one of its connections, add a [prod] section to ${file}, or unset the name.`,
  );
  fs.writeFileSync(path.join(dir, "config.toml"), 'default_connection_name = "dev"\n');
  fs.writeFileSync(file, '[dev]\naccount = "a"\n');
  assert.equal(
    resolveSettings(undefined, { SNOWFLAKE_HOME: dir }).account?.source,
    `${file} [dev] account`,
    "config.toml names a connection of connections.toml",
  );
  const env = failure(() => resolveSettings(undefined, { SNOWFLAKE_HOME: dir, SNOWFLAKE_DEFAULT_CONNECTION_NAME: "stage" }));
  assert.match(env, /^Snowflake connection 'stage' \(named by env SNOWFLAKE_DEFAULT_CONNECTION_NAME\) is not in .*; it has 'dev'\./);
  const none = fs.mkdtempSync(path.join(os.tmpdir(), "sfhome-"));
  const cfg = failure(() =>
    resolveSettings({ get: (k) => (k === "snowflake:connectionName" ? "dev" : undefined) }, { SNOWFLAKE_HOME: none }),
  );
  assert.equal(
    cfg,
    `Snowflake connection 'dev' (named by stack config snowflake:connectionName) is not in ${path.join(none, "connections.toml")} (no such file); it has no connections. ` +
      `Name one of its connections, add a [dev] section to ${path.join(none, "connections.toml")}, or unset the name.`,
  );
  assert.deepEqual(resolveSettings(undefined, { SNOWFLAKE_HOME: none }), {}, "the implicit 'default' may be missing");
});

test("without connections.toml, config.toml's [connections.<name>] tables are read", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sfhome-"));
  const cfg = path.join(dir, "config.toml");
  fs.writeFileSync(cfg, 'default_connection_name = "myconnection"\n[connections.myconnection]\naccount = "myaccount"\nuser = "jondoe"\n');
  const s = resolveSettings(undefined, { SNOWFLAKE_HOME: dir });
  assert.equal(s.user?.source, `${cfg} [myconnection] user`);
});

test("a failed login is one message naming user, account and authenticator with their sources, never a secret", () => {
  const s: ResolvedSettings = { ...base, password: { value: PASS, source: "stack config snowflake:password" } };
  const err = Object.assign(new Error("Incorrect username or password was specified."), { code: "390100" });
  assert.equal(
    loginFailureMessage(s, err),
    "Snowflake login failed: 390100: Incorrect username or password was specified. " +
      "(user 'SVC' from env SNOWFLAKE_USER; account 'ACME' from stack config snowflake:account; authenticator SNOWFLAKE not set; the default, password login). " +
      "Check these settings and the credential for SNOWFLAKE, then run the command again.",
  );
  const jwt = loginFailureMessage({ ...base, privateKeyPath: { value: "/k", source: "env SNOWFLAKE_PRIVATE_KEY_PATH" } }, err);
  assert.match(jwt, /authenticator SNOWFLAKE_JWT not set; chosen because privateKeyPath is set \(from env SNOWFLAKE_PRIVATE_KEY_PATH\)/);
});

test("the dynamic provider's duplicate `${e}: ${e.stack}` line is dropped for connection errors only", () => {
  const e = new SnowflakeConnectionError("Snowflake login failed: x");
  // What @pulumi/pulumi/cmd/dynamic-provider/index.js prints before returning the error over gRPC.
  const printed = `${String(e)}: ${e.stack}`;
  assert.ok(isQuietLine(printed));
  const other = new Error("other");
  assert.ok(!isQuietLine(`${String(other)}: ${other.stack}`));
  const seen: string[] = [];
  const write = process.stderr.write;
  (process.stderr as any).write = (chunk: unknown) => (seen.push(String(chunk)), true);
  try {
    console.error(printed);
    console.error("kept line");
  } finally {
    (process.stderr as any).write = write;
  }
  assert.deepEqual(seen, ["kept line\n"]);
});
