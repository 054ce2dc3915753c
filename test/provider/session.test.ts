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
  fs.writeFileSync(keyFile, k.privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pp-secret" }).toString());
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
  assert.deepEqual(logins.map((e) => e.text), ["LOGIN SNOWFLAKE_JWT"]);
});

test("a failed login names where the settings came from and never the password", async () => {
  await session.closeSession();
  const cfg: Record<string, string> = { "snowflake:url": emu.url, "snowflake:account": emu.account, "snowflake:user": "ADMIN", "snowflake:password": "wrong-pw-123" };
  session.configure({ get: (k: string) => cfg[k] });
  process.env.SNOWFLAKE_OAUTH_RETRY_BASE_MS = "1";
  let msg = "";
  try {
    await session.execute({ sql: "SELECT 1", idempotent: true });
  } catch (e: any) {
    msg = String(e.message);
  }
  assert.match(msg, /Snowflake login failed for user 'ADMIN' on account/);
  assert.ok(!msg.includes("wrong-pw-123"));
});
