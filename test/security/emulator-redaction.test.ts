/**
 * Checklist 1, emulator side: the statement log (`statements.log`) never holds a secret literal, including for
 * statements that fail to parse (a password ending in a backslash leaves the literal unterminated), double-quoted
 * values, passphrase / code / `*_KEY` properties, and a literal ending in a secret word (`COMMENT = 'uses a token',
 * PASSWORD = '…'`, which the old pattern read as the token's value, leaving the password in clear). The error text sent back to the client does not echo it either.
 */
import { connect, destroy, exec, execError, tempDir } from "../helpers/emulator";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../../emulator/index";
import { redactSql } from "../../emulator/log";

const cases: [what: string, sql: string, secret: string][] = [
  ["terminated literal", "ALTER USER ALICE SET PASSWORD = 'pw-Terminated-1'", "pw-Terminated-1"],
  ["literal left open by a trailing backslash", "ALTER USER ALICE SET PASSWORD = 'pw-Backslash-2\\'", "pw-Backslash-2"],
  ["literal never closed", "ALTER USER ALICE SET PASSWORD = 'pw-Open-3", "pw-Open-3"],
  ["double-quoted value", 'ALTER USER ALICE SET PASSWORD = "pw-Dquoted-4"', "pw-Dquoted-4"],
  ["dollar-quoted never closed", "ALTER USER ALICE SET PASSWORD = $$pw-Dollar-5", "pw-Dollar-5"],
  ["passphrase property", "ALTER USER ALICE SET PRIVATE_KEY_PASSPHRASE = 'pp-Phrase-6'", "pp-Phrase-6"],
  ["bare passphrase property", "ALTER CONNECTION C SET PASSPHRASE = 'pp-Phrase-7'", "pp-Phrase-7"],
  ["connections.toml-style pwd", "ALTER CONNECTION C SET PRIVATE_KEY_FILE_PWD = 'pp-Pwd-8'", "pp-Pwd-8"],
  ["authorization code", "ALTER CONNECTION C SET AUTHORIZATION_CODE = 'code-Nine-9'", "code-Nine-9"],
  ["master key", "CREATE STAGE S ENCRYPTION = (MASTER_KEY = 'mk-Ten-10')", "mk-Ten-10"],
  [
    "a literal ending in a secret word just before the password",
    "ALTER USER ALICE SET COMMENT = 'uses a token', PASSWORD = 'pw-After-12'",
    "pw-After-12",
  ],
  ["second statement of a batch", "ALTER USER ALICE SET COMMENT = 'c'; ALTER USER ALICE SET PASSWORD = 'pw-Batch-11'", "pw-Batch-11"],
];

test("redactSql masks every secret-bearing literal form", () => {
  for (const [what, sql, secret] of cases) {
    const out = redactSql(sql);
    assert.ok(!out.includes(secret), `${what}: ${out}`);
    assert.ok(out.includes("'***'"), `${what}: masked, not dropped: ${out}`);
  }
  // Public, non-secret values stay readable.
  assert.equal(
    redactSql("CREATE SECURITY INTEGRATION E EXTERNAL_OAUTH_JWS_KEYS_URL = 'https://x' COMMENT = 'keep'"),
    "CREATE SECURITY INTEGRATION E EXTERNAL_OAUTH_JWS_KEYS_URL = 'https://x' COMMENT = 'keep'",
  );
});

test("statements.log and error texts hold no secret, also for statements that fail to parse", async () => {
  const dir = tempDir("sf-sec-redact-");
  const emu = await startEmulator({ port: 0, dataDir: dir });
  const admin = await connect(emu);
  const errors: string[] = [];
  try {
    for (const [, sql] of cases) {
      try {
        await exec(admin, sql);
      } catch (e: any) {
        errors.push(String(e?.message ?? e));
      }
    }
    errors.push((await execError(admin, "ALTER USER ALICE SET PASSWORD = 'pw-Backslash-2\\'")).message);
  } finally {
    await destroy(admin);
    await emu.stop();
  }
  const log = fs.readFileSync(path.join(dir, "statements.log"), "utf8");
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [what, , secret] of cases) {
    assert.ok(!log.includes(secret), `${what}: secret in statements.log`);
    assert.ok(!errors.join("\n").includes(secret), `${what}: secret echoed in an error message`);
  }
});
