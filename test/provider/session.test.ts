/**
 * The connection module against the emulator through the real driver: key-pair login from connections.toml
 * (encrypted PKCS#8 + passphrase), lazy login, and login errors that name sources but never secrets.
 */
import { generateRsaKey, tempDir } from "../helpers/emulator";
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../emulator/index";
import * as session from "../../provider/connection/session";

let emu: Emulator;
const saved = { ...process.env };
before(async () => {
  emu = await startEmulator({ port: 0 });
});
after(async () => {
  await session.closeSession();
  process.env = saved;
  await emu.stop();
});

test("key-pair login from connections.toml (private_key_file + private_key_file_pwd); one login, lazily", async () => {
  const k = generateRsaKey("svc");
  await emu.execAsAdmin(`CREATE USER SVC RSA_PUBLIC_KEY = '${k.publicBody}' DEFAULT_ROLE = PUBLIC`);
  const dir = tempDir("sfhome-");
  const keyFile = path.join(dir, "rsa_key.p8");
  fs.writeFileSync(
    keyFile,
    k.privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pp-secret" }).toString(),
  );
  fs.writeFileSync(
    path.join(dir, "connections.toml"),
    `[emu]\naccount = "${emu.account}"\nuser = "SVC"\nprivate_key_file = "${keyFile}"\nprivate_key_file_pwd = "pp-secret"\n`,
  );
  process.env.SNOWFLAKE_HOME = dir;
  process.env.SNOWFLAKE_DEFAULT_CONNECTION_NAME = "emu";
  process.env.SNOWFLAKE_URL = emu.url;
  await session.closeSession();
  session.resetStats();
  session.configure(undefined);
  assert.equal(session.stats().logins, 0, "configure does not log in");
  const rows = await session.execute({ sql: "SELECT CURRENT_USER()", idempotent: true });
  await session.execute({ sql: "SELECT CURRENT_USER()", idempotent: true });
  assert.equal(String(Object.values(rows[0])[0]), "SVC");
  assert.equal(session.stats().logins, 1);
  const logins = emu.log.entries().filter((e) => e.kind === "login" && e.user === "SVC");
  assert.deepEqual(
    logins.map((e) => e.text),
    ["LOGIN SNOWFLAKE_JWT"],
  );
});

/** Settings from stack config only: no connections.toml (an empty SNOWFLAKE_HOME) and no SNOWFLAKE_* variables. */
function isolateEnv(): void {
  for (const k of Object.keys(process.env))
    if (k.startsWith("SNOWFLAKE_") && k !== "SNOWFLAKE_DISABLE_PLATFORM_DETECTION" && k !== "SNOWFLAKE_OAUTH_RETRY_BASE_MS")
      delete process.env[k];
  process.env.SNOWFLAKE_HOME = tempDir("sfhome-empty-");
}

test("a failed login through the real driver: one message naming user, account and authenticator sources, never the password", async () => {
  await session.closeSession();
  const cfg: Record<string, string> = {
    "snowflake:url": emu.url,
    "snowflake:account": emu.account,
    "snowflake:user": "ADMIN",
    "snowflake:password": "wrong-pw-123",
  };
  session.configure({ get: (k: string) => cfg[k] });
  process.env.SNOWFLAKE_OAUTH_RETRY_BASE_MS = "1";
  isolateEnv();
  const before = emu.log.entries().filter((e) => e.kind === "login").length;
  let err: any;
  try {
    await session.execute({ sql: "SELECT 1", idempotent: true });
  } catch (e) {
    err = e;
  }
  assert.equal(err?.name, "SnowflakeConnectionError");
  assert.match(
    err.message,
    new RegExp(
      "^Snowflake login failed: 390100: [^()]+ " +
        `\\(user 'ADMIN' from stack config snowflake:user; account '${emu.account}' from stack config snowflake:account; authenticator SNOWFLAKE not set; the default, password login\\)\\. ` +
        "Check these settings and the credential for SNOWFLAKE, then run the command again\\.$",
    ),
  );
  assert.ok(!err.message.includes("wrong-pw-123"));
  assert.equal(err.stack, `SnowflakeConnectionError: ${err.message}`, "no stack trace");
  assert.equal(emu.log.entries().filter((e) => e.kind === "login").length, before + 1, "one login attempt");
});

test("an unknown authenticator and a wrong passphrase fail before any login request", async () => {
  await session.closeSession();
  const k = generateRsaKey("svc");
  const dir = tempDir("sfkey-");
  const keyFile = path.join(dir, "k.p8");
  fs.writeFileSync(
    keyFile,
    k.privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "right-Pass" }).toString(),
  );
  isolateEnv();
  const before = emu.log.entries().filter((e) => e.kind === "login").length;
  const cases: [Record<string, string>, RegExp][] = [
    [
      { "snowflake:password": "pw-Secret-1", "snowflake:authenticator": "PASSWORD" },
      /^Snowflake connection setting authenticator 'PASSWORD' from stack config snowflake:authenticator is not an authenticator Snowflake has\./,
    ],
    [
      { "snowflake:privateKeyPath": keyFile, "snowflake:privateKeyPassphrase": "pw-Secret-1" },
      /^Snowflake connection setting privateKeyPassphrase from stack config snowflake:privateKeyPassphrase does not decrypt the private key/,
    ],
  ];
  for (const [extra, want] of cases) {
    const cfg: Record<string, string> = { "snowflake:url": emu.url, "snowflake:account": emu.account, "snowflake:user": "SVC", ...extra };
    session.configure({ get: (key: string) => cfg[key] });
    await assert.rejects(session.execute({ sql: "SELECT 1", idempotent: true }), (e: Error) => {
      assert.match(e.message, want);
      assert.ok(!e.message.includes("pw-Secret-1"));
      return true;
    });
  }
  assert.equal(emu.log.entries().filter((e) => e.kind === "login").length, before, "no login request was sent");
});
