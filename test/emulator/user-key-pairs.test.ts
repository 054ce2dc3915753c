// Named user key pairs through the real snowflake-sdk (SQL, and key-pair logins where the driver can sign) and raw
// login / SQL API requests (EC keys, which snowflake-sdk cannot sign with, and logins after the emulator clock moved:
// the driver signs with the real clock). Sources: the docs pages cited in emulator/FIDELITY.md "Named user key pairs"
// (https://docs.snowflake.com/sql-reference/sql/alter-user-add-key-pair, …-modify-key-pair, …-rotate-key-pair,
// …-remove-key-pair, https://docs.snowflake.com/sql-reference/sql/show-user-key-pairs,
// https://docs.snowflake.com/en/user-guide/key-pair-auth).
import { connect, destroy, exec, execError, generateRsaKey, RsaKey, withEmulator } from "../helpers/emulator";
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createHash, generateKeyPairSync, KeyObject, sign } from "node:crypto";
import type { Emulator } from "../../emulator/index";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const COLUMNS = [
  "name",
  "user_name",
  "fingerprint",
  "role_scope",
  "status",
  "comment",
  "created_on",
  "created_by",
  "last_used_on",
  "expires_at",
  "rotated_to",
];

interface TestKey {
  privateKey: KeyObject;
  /** PKCS#8 PEM (snowflake-sdk's `privateKey`). */
  privatePem: string;
  /** base64 DER SPKI. */
  publicBody: string;
  /** SHA256:<base64 sha256 of the DER>, computed here (as DESC USER's RSA_PUBLIC_KEY_FP). */
  fingerprint: string;
  alg: "RS256" | "ES256" | "ES384" | "ES512";
}

const fpOf = (body: string): string => "SHA256:" + createHash("sha256").update(Buffer.from(body, "base64")).digest("base64");

function rsa(label: string): TestKey {
  const k: RsaKey = generateRsaKey(`kp-${label}`);
  return { ...k, fingerprint: fpOf(k.publicBody), alg: "RS256" };
}

const ecCache = new Map<string, TestKey>();
function ec(curve: "prime256v1" | "secp384r1" | "secp521r1" | "secp256k1", label = ""): TestKey {
  const id = `${curve}/${label}`;
  const hit = ecCache.get(id);
  if (hit) return hit;
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: curve });
  const body = publicKey.export({ type: "spki", format: "der" }).toString("base64");
  const alg = curve === "secp384r1" ? "ES384" : curve === "secp521r1" ? "ES512" : "ES256";
  const k: TestKey = {
    privateKey,
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicBody: body,
    fingerprint: fpOf(body),
    alg,
  };
  ecCache.set(id, k);
  return k;
}

/**
 * The emulator's clock, tracked alongside `emu.advanceClock`. Session tokens expire on that clock too, so `advance`
 * returns a fresh admin connection (password logins do not depend on the clock).
 */
class Clock {
  offset = 0;
  constructor(readonly emu: Emulator) {}
  async advance(ms: number, admin: any): Promise<any> {
    this.emu.advanceClock(ms);
    this.offset += ms;
    await destroy(admin);
    return connect(this.emu);
  }
  now(): number {
    return Date.now() + this.offset;
  }
}

/** A key-pair JWT signed here: RS256, or ES256/384/512 as JWS raw R||S (RFC 7518 §3.4). `iat` on the emulator clock. */
function jwt(user: string, k: TestKey, nowMs: number, over: { alg?: string; der?: boolean } = {}): string {
  const alg = over.alg ?? k.alg;
  const iat = Math.floor(nowMs / 1000);
  const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString("base64url");
  const input = `${b64({ alg, typ: "JWT" })}.${b64({ iss: `EMULATOR.${user}.${k.fingerprint}`, sub: `EMULATOR.${user}`, iat, exp: iat + 3000 })}`;
  const hash = { RS256: "sha256", ES256: "sha256", ES384: "sha384", ES512: "sha512" }[k.alg];
  const sig =
    k.alg === "RS256"
      ? sign(hash, Buffer.from(input), k.privateKey)
      : sign(hash, Buffer.from(input), { key: k.privateKey, dsaEncoding: over.der ? "der" : "ieee-p1363" });
  return `${input}.${sig.toString("base64url")}`;
}

/** POST /session/v1/login-request with SNOWFLAKE_JWT; the failure reason is read from the statement log. */
async function rawLogin(
  emu: Emulator,
  user: string,
  token: string,
  role?: string,
): Promise<{ success: boolean; code: string | null; message: string | null; reason?: string; role?: string }> {
  const mark = emu.log.mark();
  const r = await fetch(`${emu.url}/session/v1/login-request${role ? `?roleName=${role}` : ""}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ data: { ACCOUNT_NAME: "EMULATOR", LOGIN_NAME: user, AUTHENTICATOR: "SNOWFLAKE_JWT", TOKEN: token } }),
  });
  const j = (await r.json()) as any;
  return {
    success: j.success,
    code: j.code,
    message: j.message,
    reason: emu.log.logins({ since: mark })[0]?.code,
    role: j.data?.sessionInfo?.roleName,
  };
}

async function sqlApi(emu: Emulator, token: string, body: Record<string, unknown>): Promise<{ status: number; json: any }> {
  const r = await fetch(`${emu.url}/api/v2/statements`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${token}`,
      "X-Snowflake-Authorization-Token-Type": "KEYPAIR_JWT",
      "Content-Type": "application/json",
      Accept: "application/json",
    },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: await r.json() };
}

const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : Date.parse(String(v)));

async function show(conn: any, user?: string): Promise<any[]> {
  return exec(conn, user ? `SHOW USER KEY PAIRS FOR USER ${user}` : "SHOW USER KEY PAIRS");
}
const byName = (rows: any[], name: string): any => rows.find((r) => r.name === name);

async function expectError(conn: any, sql: string, code: string, message?: string): Promise<void> {
  const e = await execError(conn, sql);
  assert.equal(e.code, code, `code for: ${sql} (${e.message})`);
  if (message !== undefined) assert.equal(e.message, message, `message for: ${sql}`);
}

const driverLogin = (emu: Emulator, user: string, k: TestKey, role?: string): Promise<any> =>
  connect(emu, { username: user, authenticator: "SNOWFLAKE_JWT", privateKey: k.privatePem, ...(role ? { role } : {}) });

describe("named user key pairs", () => {
  it("ADD and SHOW: the documented columns in order, values, fingerprint as computed locally, legacy slots, session user", async () => {
    await withEmulator(async (emu) => {
      const admin = await connect(emu);
      const k1 = rsa("a1");
      const legacy = rsa("legacy");
      await exec(admin, "CREATE USER kp_show");
      await exec(admin, "CREATE ROLE kp_role");
      await exec(admin, "GRANT ROLE kp_role TO USER kp_show");
      const before = Date.now();
      await exec(
        admin,
        `ALTER USER IF EXISTS kp_show ADD KEY PAIR my_key PUBLIC_KEY = '${k1.publicBody}' ROLE_RESTRICTION = 'kp_role' DAYS_TO_EXPIRY = 90 COMMENT = 'primary workload key'`,
      );
      await exec(admin, `ALTER USER kp_show SET RSA_PUBLIC_KEY = '${legacy.publicBody}'`);
      await exec(admin, `ALTER USER kp_show ADD KEY PAIR "lower key" COMMENT = 'c', PUBLIC_KEY = '${ec("prime256v1").publicBody}'`);
      const rows = await show(admin, "kp_show");
      assert.deepEqual(Object.keys(rows[0]), COLUMNS);
      assert.deepEqual(
        rows.map((r) => r.name),
        ["MY_KEY", "PUBLIC_KEY_1", "lower key"],
        "sorted by name",
      );
      const r = byName(rows, "MY_KEY");
      assert.equal(r.user_name, "KP_SHOW");
      assert.equal(r.fingerprint, k1.fingerprint);
      assert.equal(r.role_scope, "KP_ROLE");
      assert.equal(r.status, "ACTIVE");
      assert.equal(r.comment, "primary workload key");
      assert.ok(ms(r.created_on) >= before - 1000 && ms(r.created_on) <= Date.now() + 1000);
      assert.equal(r.created_by, "ADMIN");
      assert.equal(r.last_used_on, null);
      assert.equal(ms(r.expires_at) - ms(r.created_on), 90 * DAY);
      assert.equal(r.rotated_to, null);
      // The legacy slot: the reserved name, DESC USER's fingerprint, no restriction or expiry.
      const desc = await exec(admin, "DESC USER kp_show");
      const p1 = byName(rows, "PUBLIC_KEY_1");
      assert.equal(p1.fingerprint, desc.find((d: any) => d.property === "RSA_PUBLIC_KEY_FP").value);
      assert.equal(p1.fingerprint, legacy.fingerprint);
      assert.deepEqual([p1.status, p1.role_scope, p1.expires_at, p1.rotated_to], ["ACTIVE", null, null, null]);
      assert.equal(byName(rows, "lower key").role_scope, null);
      assert.equal(byName(rows, "lower key").expires_at, null);
      // No user name: the session user's keys.
      await exec(admin, `ALTER USER ADD KEY PAIR admin_key PUBLIC_KEY = '${rsa("admin").publicBody}'`);
      assert.deepEqual(
        (await show(admin)).map((x) => [x.name, x.user_name]),
        [["ADMIN_KEY", "ADMIN"]],
      );
      // IF EXISTS on a missing user succeeds; without it, 002003.
      await exec(admin, `ALTER USER IF EXISTS ghost ADD KEY PAIR k PUBLIC_KEY = '${k1.publicBody}'`);
      await expectError(
        admin,
        "SHOW USER KEY PAIRS FOR USER ghost",
        "002003",
        "SQL compilation error:\nUser 'GHOST' does not exist or not authorized.",
      );
      // The key body is never logged nor echoed in an error.
      assert.ok(!emu.log.statements().some((e) => e.text.includes(k1.publicBody.slice(40, 80))), "PUBLIC_KEY redacted in the log");
      const e = await execError(admin, `ALTER USER kp_show ADD KEY PAIR k2 PUBLIC_KEY = '${k1.publicBody}' 'junk'`);
      assert.equal(e.code, "001003");
      assert.ok(!e.message.includes(k1.publicBody.slice(40, 80)));
      await destroy(admin);
    });
  });

  it("names PUBLIC_KEY_1 / PUBLIC_KEY_2 are refused by ADD, RENAME TO, MODIFY, ROTATE and REMOVE", async () => {
    await withEmulator(async (emu) => {
      const admin = await connect(emu);
      const k = rsa("r1");
      await exec(admin, "CREATE USER kp_res");
      await exec(admin, `ALTER USER kp_res ADD KEY PAIR k PUBLIC_KEY = '${k.publicBody}'`);
      const msg = (n: string): string =>
        `SQL compilation error:\nKey pair name '${n}' is reserved for the legacy RSA_PUBLIC_KEY and RSA_PUBLIC_KEY_2 user properties.`;
      const other = rsa("r2").publicBody;
      for (const [sql, n] of [
        [`ALTER USER kp_res ADD KEY PAIR public_key_1 PUBLIC_KEY = '${other}'`, "PUBLIC_KEY_1"],
        [`ALTER USER kp_res ADD KEY PAIR "PUBLIC_KEY_2" PUBLIC_KEY = '${other}'`, "PUBLIC_KEY_2"],
        ["ALTER USER kp_res MODIFY KEY PAIR k RENAME TO PUBLIC_KEY_2", "PUBLIC_KEY_2"],
        ["ALTER USER kp_res MODIFY KEY PAIR PUBLIC_KEY_1 SET COMMENT = 'x'", "PUBLIC_KEY_1"],
        [`ALTER USER kp_res ROTATE KEY PAIR PUBLIC_KEY_1 PUBLIC_KEY = '${other}'`, "PUBLIC_KEY_1"],
        ["ALTER USER kp_res REMOVE KEY PAIR PUBLIC_KEY_2", "PUBLIC_KEY_2"],
      ]) {
        await expectError(admin, sql, "001422", msg(n));
      }
      // A quoted lower-case name is another name.
      await exec(admin, `ALTER USER kp_res ADD KEY PAIR "public_key_1" PUBLIC_KEY = '${other}'`);
      await destroy(admin);
    });
  });

  it("ADD refusals: existing name, a key already active, an 11th key pair, bad keys and options", async () => {
    await withEmulator(async (emu) => {
      const admin = await connect(emu);
      await exec(admin, "CREATE USER kp_add");
      const k = rsa("d1");
      await exec(admin, `ALTER USER kp_add ADD KEY PAIR k1 PUBLIC_KEY = '${k.publicBody}'`);
      await expectError(
        admin,
        `ALTER USER kp_add ADD KEY PAIR k1 PUBLIC_KEY = '${rsa("d2").publicBody}'`,
        "002002",
        "SQL compilation error:\nObject 'K1' already exists.",
      );
      const dup = "New public key rejected by current policy. Reason: 'Public key is already in use by an active key of the user'";
      await expectError(admin, `ALTER USER kp_add ADD KEY PAIR k2 PUBLIC_KEY = '${k.publicBody}'`, "001422", dup);
      // The legacy slots are active keys too.
      const legacy = rsa("d-legacy");
      await exec(admin, `ALTER USER kp_add SET RSA_PUBLIC_KEY_2 = '${legacy.publicBody}'`);
      await expectError(admin, `ALTER USER kp_add ADD KEY PAIR k2 PUBLIC_KEY = '${legacy.publicBody}'`, "001422", dup);
      // Only ACTIVE keys count: once k1 is disabled its key may be registered again.
      await exec(admin, "ALTER USER kp_add MODIFY KEY PAIR k1 SET DISABLED = TRUE");
      await exec(admin, `ALTER USER kp_add ADD KEY PAIR k1_again PUBLIC_KEY = '${k.publicBody}'`);
      // Ten key pairs at most (the legacy slot is not counted): 2 so far, 8 more, then the 11th is refused.
      for (let i = 3; i <= 10; i++) await exec(admin, `ALTER USER kp_add ADD KEY PAIR k${i} PUBLIC_KEY = '${rsa(`lim${i}`).publicBody}'`);
      assert.equal((await show(admin, "kp_add")).filter((r) => r.name !== "PUBLIC_KEY_2").length, 10);
      await expectError(
        admin,
        `ALTER USER kp_add ADD KEY PAIR k11 PUBLIC_KEY = '${rsa("lim11").publicBody}'`,
        "001021",
        "SQL compilation error:\nMaximum number of key pairs (10) exceeded for user 'KP_ADD'.",
      );
      await exec(admin, "ALTER USER kp_add REMOVE KEY PAIR k10");
      await exec(admin, `ALTER USER kp_add ADD KEY PAIR k11 PUBLIC_KEY = '${rsa("lim11").publicBody}'`);
      // Keys: garbage, 1024-bit RSA, an EC curve other than P-256/P-384/P-521.
      await exec(admin, "CREATE USER kp_bad");
      const invalid = "New public key rejected by current policy. Reason: 'Invalid Public key'";
      const weak = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "der" }).toString("base64");
      for (const body of ["not a key", weak, ec("secp256k1").publicBody]) {
        await expectError(admin, `ALTER USER kp_bad ADD KEY PAIR k PUBLIC_KEY = '${body}'`, "001422", invalid);
      }
      for (const c of ["prime256v1", "secp384r1", "secp521r1"] as const) {
        await exec(admin, `ALTER USER kp_bad ADD KEY PAIR ${c} PUBLIC_KEY = '${ec(c).publicBody}'`);
      }
      await expectError(
        admin,
        "ALTER USER kp_bad ADD KEY PAIR k COMMENT = 'no key'",
        "001422",
        "SQL compilation error:\nmissing required property 'PUBLIC_KEY' for 'KEY PAIR'",
      );
      await expectError(
        admin,
        `ALTER USER kp_bad ADD KEY PAIR k PUBLIC_KEY = '${rsa("d3").publicBody}' DISABLED = TRUE`,
        "001423",
        "SQL compilation error:\ninvalid property 'DISABLED' for 'KEY PAIR'",
      );
      await expectError(
        admin,
        `ALTER USER kp_bad ADD KEY PAIR k PUBLIC_KEY = '${rsa("d3").publicBody}' COMMENT = 'a' COMMENT = 'b'`,
        "001003",
      );
      await expectError(admin, "ALTER USER kp_bad ADD KEY PAIR k PUBLIC_KEY = 42", "001003");
      await destroy(admin);
    });
  });

  it("DAYS_TO_EXPIRY: 1 or greater; EXPIRED once past expires_at (and refused at login); DISABLED wins over EXPIRED", async () => {
    await withEmulator(async (emu) => {
      const clock = new Clock(emu);
      let admin = await connect(emu);
      await exec(admin, "CREATE USER kp_exp");
      const k = rsa("e1");
      for (const v of ["0", "-1"]) {
        await expectError(
          admin,
          `ALTER USER kp_exp ADD KEY PAIR k PUBLIC_KEY = '${k.publicBody}' DAYS_TO_EXPIRY = ${v}`,
          "001422",
          `SQL compilation error:\ninvalid value '${v}' for property 'DAYS_TO_EXPIRY'`,
        );
      }
      await expectError(admin, `ALTER USER kp_exp ADD KEY PAIR k PUBLIC_KEY = '${k.publicBody}' DAYS_TO_EXPIRY = 1.5`, "001422");
      await exec(admin, `ALTER USER kp_exp ADD KEY PAIR k PUBLIC_KEY = '${k.publicBody}' DAYS_TO_EXPIRY = 1`);
      await exec(admin, `ALTER USER kp_exp ADD KEY PAIR k2 PUBLIC_KEY = '${rsa("e2").publicBody}' DAYS_TO_EXPIRY = 1`);
      assert.equal(byName(await show(admin, "kp_exp"), "K").status, "ACTIVE");
      assert.equal((await rawLogin(emu, "KP_EXP", jwt("KP_EXP", k, clock.now()))).success, true);
      admin = await clock.advance(DAY + 1000, admin);
      assert.equal(byName(await show(admin, "kp_exp"), "K").status, "EXPIRED", "an expired named key stays listed");
      const refused = await rawLogin(emu, "KP_EXP", jwt("KP_EXP", k, clock.now()));
      assert.deepEqual([refused.success, refused.code, refused.reason], [false, "390144", "394304"]);
      await exec(admin, "ALTER USER kp_exp MODIFY KEY PAIR k2 SET DISABLED = TRUE");
      assert.equal(byName(await show(admin, "kp_exp"), "K2").status, "DISABLED");
      // An expired key still holds its name and counts; it is no longer an active key, so its public key is free.
      await expectError(admin, `ALTER USER kp_exp ADD KEY PAIR k PUBLIC_KEY = '${k.publicBody}'`, "002002");
      await exec(admin, `ALTER USER kp_exp ADD KEY PAIR k_new PUBLIC_KEY = '${k.publicBody}'`);
      await destroy(admin);
    });
  });

  it("MODIFY: SET/UNSET COMMENT and DISABLED (spaces or commas), RENAME TO; nothing else can change", async () => {
    await withEmulator(async (emu) => {
      const admin = await connect(emu);
      await exec(admin, "CREATE USER kp_mod");
      await exec(admin, "CREATE ROLE kp_mod_role");
      await exec(admin, "GRANT ROLE kp_mod_role TO USER kp_mod");
      const k = rsa("m1");
      await exec(admin, `ALTER USER kp_mod ADD KEY PAIR old_key PUBLIC_KEY = '${k.publicBody}'`);
      await exec(admin, "ALTER USER kp_mod MODIFY KEY PAIR old_key SET DISABLED = TRUE COMMENT = 'retired'");
      let r = byName(await show(admin, "kp_mod"), "OLD_KEY");
      assert.deepEqual([r.status, r.comment], ["DISABLED", "retired"]);
      const disabled = await rawLogin(emu, "KP_MOD", jwt("KP_MOD", k, Date.now()));
      assert.deepEqual([disabled.success, disabled.reason], [false, "394304"], "a disabled key cannot authenticate");
      await exec(admin, "ALTER USER kp_mod MODIFY KEY PAIR old_key UNSET DISABLED, COMMENT");
      r = byName(await show(admin, "kp_mod"), "OLD_KEY");
      assert.deepEqual([r.status, r.comment], ["ACTIVE", null]);
      await exec(admin, "ALTER USER kp_mod MODIFY KEY PAIR old_key SET COMMENT = 'a', DISABLED = FALSE");
      await exec(admin, "ALTER USER kp_mod MODIFY KEY PAIR old_key RENAME TO new_key_name");
      r = byName(await show(admin, "kp_mod"), "NEW_KEY_NAME");
      assert.deepEqual([r.comment, r.fingerprint], ["a", k.fingerprint]);
      assert.equal(byName(await show(admin, "kp_mod"), "OLD_KEY"), undefined);
      await exec(admin, `ALTER USER kp_mod ADD KEY PAIR other PUBLIC_KEY = '${rsa("m2").publicBody}'`);
      await expectError(
        admin,
        "ALTER USER kp_mod MODIFY KEY PAIR other RENAME TO new_key_name",
        "002002",
        "SQL compilation error:\nObject 'NEW_KEY_NAME' already exists.",
      );
      await expectError(
        admin,
        "ALTER USER kp_mod MODIFY KEY PAIR old_key SET COMMENT = 'x'",
        "002003",
        "SQL compilation error:\nKey pair 'OLD_KEY' does not exist or not authorized.",
      );
      // "You can't change the public key, role restriction, or expiration time with MODIFY KEY PAIR."
      for (const [sql, p] of [
        ["ALTER USER kp_mod MODIFY KEY PAIR other SET ROLE_RESTRICTION = 'kp_mod_role'", "ROLE_RESTRICTION"],
        [`ALTER USER kp_mod MODIFY KEY PAIR other SET PUBLIC_KEY = '${rsa("m3").publicBody}'`, "PUBLIC_KEY"],
        ["ALTER USER kp_mod MODIFY KEY PAIR other SET DAYS_TO_EXPIRY = 5", "DAYS_TO_EXPIRY"],
        ["ALTER USER kp_mod MODIFY KEY PAIR other UNSET ROLE_RESTRICTION", "ROLE_RESTRICTION"],
      ]) {
        await expectError(admin, sql, "001423", `SQL compilation error:\ninvalid property '${p}' for 'KEY PAIR'`);
      }
      // "Specifying the value returns an error"; SET needs a property.
      await expectError(admin, "ALTER USER kp_mod MODIFY KEY PAIR other UNSET COMMENT = 'x'", "001003");
      await expectError(admin, "ALTER USER kp_mod MODIFY KEY PAIR other SET", "001003");
      await destroy(admin);
    });
  });

  it("ROTATE: new key keeps the name, the prior key is <name>_ROTATED_<epoch_ms> for the grace period, then gone", async () => {
    await withEmulator(async (emu) => {
      const clock = new Clock(emu);
      let admin = await connect(emu);
      await exec(admin, "CREATE USER kp_rot DEFAULT_ROLE = kp_rot_role");
      await exec(admin, "CREATE ROLE kp_rot_role");
      await exec(admin, "GRANT ROLE kp_rot_role TO USER kp_rot");
      const k1 = rsa("o1");
      const k2 = rsa("o2");
      await exec(
        admin,
        `ALTER USER kp_rot ADD KEY PAIR my_key PUBLIC_KEY = '${k1.publicBody}' ROLE_RESTRICTION = 'kp_rot_role' DAYS_TO_EXPIRY = 30 COMMENT = 'workload'`,
      );
      const before = clock.now();
      await exec(admin, `ALTER USER IF EXISTS kp_rot ROTATE KEY PAIR my_key PUBLIC_KEY = '${k2.publicBody}'`);
      const after = clock.now();
      const rows = await show(admin, "kp_rot");
      assert.equal(rows.length, 2);
      const cur = byName(rows, "MY_KEY");
      const tomb = rows.find((r) => r.name !== "MY_KEY");
      const m = /^MY_KEY_ROTATED_(\d+)$/.exec(tomb.name);
      assert.ok(m, tomb.name);
      const epoch = Number(m[1]);
      assert.ok(epoch >= before - 5 && epoch <= after + 5, "epoch ms of the rotation");
      assert.equal(tomb.rotated_to, "MY_KEY");
      assert.equal(tomb.fingerprint, k1.fingerprint);
      assert.equal(tomb.status, "ACTIVE");
      assert.equal(ms(tomb.expires_at), epoch + 24 * HOUR, "default grace: 24 hours");
      // Inherited: comment, role restriction, expiration duration (30 days from the rotation).
      assert.deepEqual([cur.fingerprint, cur.comment, cur.role_scope, cur.rotated_to], [k2.fingerprint, "workload", "KP_ROT_ROLE", null]);
      assert.equal(ms(cur.expires_at) - ms(cur.created_on), 30 * DAY);
      assert.ok(ms(cur.created_on) >= before - 5);
      // Both keys authenticate during the grace period (the driver, then raw requests on the moved clock).
      for (const k of [k1, k2]) {
        const c = await driverLogin(emu, "kp_rot", k);
        assert.deepEqual(await exec(c, "SELECT CURRENT_USER() AS U, CURRENT_ROLE() AS R"), [{ U: "KP_ROT", R: "KP_ROT_ROLE" }]);
        await destroy(c);
      }
      assert.ok(ms(byName(await show(admin, "kp_rot"), tomb.name).last_used_on) >= before, "last_used_on of the tombstone");
      // A tombstone cannot be rotated; the same key cannot come back while it is active.
      await expectError(
        admin,
        `ALTER USER kp_rot ROTATE KEY PAIR ${tomb.name} PUBLIC_KEY = '${rsa("o3").publicBody}'`,
        "001422",
        `SQL compilation error:\nKey pair '${tomb.name}' is a rotated-out key pair and cannot be rotated. It was replaced by key pair 'MY_KEY'.`,
      );
      await expectError(admin, `ALTER USER kp_rot MODIFY KEY PAIR ${tomb.name} RENAME TO x`, "001422");
      await expectError(admin, `ALTER USER kp_rot ROTATE KEY PAIR my_key PUBLIC_KEY = '${k1.publicBody}'`, "001422");
      await expectError(admin, `ALTER USER kp_rot ROTATE KEY PAIR nope PUBLIC_KEY = '${rsa("o3").publicBody}'`, "002003");
      admin = await clock.advance(23 * HOUR, admin);
      assert.equal((await rawLogin(emu, "KP_ROT", jwt("KP_ROT", k1, clock.now()))).success, true, "still in grace after 23 h");
      admin = await clock.advance(HOUR + 1000, admin);
      const old = await rawLogin(emu, "KP_ROT", jwt("KP_ROT", k1, clock.now()));
      assert.deepEqual([old.success, old.code, old.reason], [false, "390144", "394304"], "the prior key is refused after the grace period");
      assert.equal((await rawLogin(emu, "KP_ROT", jwt("KP_ROT", k2, clock.now()))).success, true);
      assert.deepEqual(
        (await show(admin, "kp_rot")).map((r) => r.name),
        ["MY_KEY"],
        "rotated-out key pairs are listed until they expire",
      );
      await destroy(admin);
    });
  });

  it("ROTATE grace hours: 0 (prior key unusable at once), range up to the hours left, the 10-key limit counts tombstones", async () => {
    await withEmulator(async (emu) => {
      const clock = new Clock(emu);
      let admin = await connect(emu);
      await exec(admin, "CREATE USER kp_hrs");
      const [a, b, c, d] = ["h1", "h2", "h3", "h4"].map(rsa);
      await exec(admin, `ALTER USER kp_hrs ADD KEY PAIR zero PUBLIC_KEY = '${a.publicBody}'`);
      await exec(admin, `ALTER USER kp_hrs ROTATE KEY PAIR zero PUBLIC_KEY = '${b.publicBody}' EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = 0`);
      assert.deepEqual(
        (await show(admin, "kp_hrs")).map((r) => [r.name, r.fingerprint]),
        [["ZERO", b.fingerprint]],
      );
      await assert.rejects(driverLogin(emu, "kp_hrs", a), (e: any) => e.code === "390144");
      // A key expiring in one day: at most the hours left (24 h minus the time since ADD, so 23 fits and 24 does not).
      await exec(admin, `ALTER USER kp_hrs ADD KEY PAIR short PUBLIC_KEY = '${c.publicBody}' DAYS_TO_EXPIRY = 1`);
      for (const h of ["24", "25", "-1"]) {
        await expectError(
          admin,
          `ALTER USER kp_hrs ROTATE KEY PAIR short PUBLIC_KEY = '${d.publicBody}' EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = ${h}`,
          "001422",
          `SQL compilation error:\ninvalid value '${h}' for property 'EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS'`,
        );
      }
      await exec(admin, `ALTER USER kp_hrs ROTATE KEY PAIR short PUBLIC_KEY = '${d.publicBody}' EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = 23`);
      // No expiry: no upper bound.
      await exec(
        admin,
        `ALTER USER kp_hrs ROTATE KEY PAIR zero PUBLIC_KEY = '${a.publicBody}' EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = 10000`,
      );
      // Now: ZERO, ZERO tombstone, SHORT, SHORT tombstone = 4. Six more reach the limit.
      for (let i = 1; i <= 6; i++) await exec(admin, `ALTER USER kp_hrs ADD KEY PAIR f${i} PUBLIC_KEY = '${rsa(`hf${i}`).publicBody}'`);
      const full = "SQL compilation error:\nMaximum number of key pairs (10) exceeded for user 'KP_HRS'.";
      await expectError(admin, `ALTER USER kp_hrs ROTATE KEY PAIR f1 PUBLIC_KEY = '${rsa("hx").publicBody}'`, "001021", full);
      await expectError(admin, `ALTER USER kp_hrs ADD KEY PAIR f7 PUBLIC_KEY = '${rsa("hx").publicBody}'`, "001021", full);
      // REMOVE of a tombstone revokes it early and frees a place.
      const zeroTomb = (await show(admin, "kp_hrs")).find((r) => r.name.startsWith("ZERO_ROTATED_")).name;
      await exec(admin, `ALTER USER kp_hrs REMOVE KEY PAIR ${zeroTomb}`);
      await exec(admin, `ALTER USER kp_hrs ADD KEY PAIR f7 PUBLIC_KEY = '${rsa("hx").publicBody}'`);
      // Once SHORT's tombstone (23 h) expires it no longer counts.
      admin = await clock.advance(23 * HOUR + 1000, admin);
      await exec(
        admin,
        `ALTER USER kp_hrs ROTATE KEY PAIR f1 PUBLIC_KEY = '${rsa("hy").publicBody}' EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = 1`,
      );
      assert.equal((await show(admin, "kp_hrs")).length, 10);
      await destroy(admin);
    });
  });

  it("REMOVE: the key no longer authenticates and its name is free at once", async () => {
    await withEmulator(async (emu) => {
      const admin = await connect(emu);
      await exec(admin, "CREATE USER kp_rm");
      const k = rsa("x1");
      await exec(admin, `ALTER USER kp_rm ADD KEY PAIR my_key PUBLIC_KEY = '${k.publicBody}'`);
      await destroy(await driverLogin(emu, "kp_rm", k));
      await exec(admin, "ALTER USER IF EXISTS kp_rm REMOVE KEY PAIR my_key");
      assert.deepEqual(await show(admin, "kp_rm"), []);
      await assert.rejects(driverLogin(emu, "kp_rm", k), (e: any) => e.code === "390144");
      await expectError(
        admin,
        "ALTER USER kp_rm REMOVE KEY PAIR my_key",
        "002003",
        "SQL compilation error:\nKey pair 'MY_KEY' does not exist or not authorized.",
      );
      await exec(admin, `ALTER USER kp_rm ADD KEY PAIR my_key PUBLIC_KEY = '${rsa("x2").publicBody}'`);
      assert.equal(byName(await show(admin, "kp_rm"), "MY_KEY").fingerprint, rsa("x2").fingerprint);
      await destroy(admin);
    });
  });

  it("privilege: MODIFY PROGRAMMATIC AUTHENTICATION METHODS on the user (or ownership), also for your own keys; SHOW of yourself needs none", async () => {
    await withEmulator(async (emu) => {
      const admin = await connect(emu);
      const own = rsa("p-own");
      await exec(admin, `CREATE USER kp_self PASSWORD = 'pw' RSA_PUBLIC_KEY = '${own.publicBody}'`);
      await exec(admin, "CREATE USER kp_other");
      await exec(admin, `ALTER USER kp_other ADD KEY PAIR k PUBLIC_KEY = '${rsa("p-other").publicBody}'`);
      let self = await connect(emu, { username: "kp_self", password: "pw" });
      const add = `ALTER USER ADD KEY PAIR mine PUBLIC_KEY = '${rsa("p1").publicBody}'`;
      const denied = (u: string): string => `SQL access control error:\nInsufficient privileges to operate on user '${u}'`;
      await expectError(self, add, "003001", denied("KP_SELF"));
      assert.deepEqual(
        (await show(self)).map((r) => r.name),
        ["PUBLIC_KEY_1"],
        "SHOW of yourself needs no privilege",
      );
      await expectError(self, "SHOW USER KEY PAIRS FOR USER kp_other", "003001", denied("KP_OTHER"));
      await exec(admin, "CREATE ROLE kp_mgr");
      await exec(admin, "GRANT MODIFY PROGRAMMATIC AUTHENTICATION METHODS ON USER kp_self TO ROLE kp_mgr");
      await exec(admin, "GRANT ROLE kp_mgr TO USER kp_self");
      const grants = await exec(admin, "SHOW GRANTS ON USER kp_self");
      assert.ok(
        grants.some((g: any) => g.privilege === "MODIFY PROGRAMMATIC AUTHENTICATION METHODS" && g.grantee_name === "KP_MGR"),
        JSON.stringify(grants),
      );
      await destroy(self);
      self = await connect(emu, { username: "kp_self", password: "pw", role: "kp_mgr" });
      await exec(self, add);
      await exec(self, "ALTER USER kp_self MODIFY KEY PAIR mine SET COMMENT = 'ok'");
      assert.equal(byName(await show(self, "kp_self"), "MINE").created_by, "KP_SELF");
      await expectError(self, `ALTER USER kp_other ADD KEY PAIR k2 PUBLIC_KEY = '${rsa("p2").publicBody}'`, "003001", denied("KP_OTHER"));
      await expectError(self, "ALTER USER kp_other REMOVE KEY PAIR k", "003001", denied("KP_OTHER"));
      await expectError(self, "SHOW USER KEY PAIRS FOR USER kp_other", "003001", denied("KP_OTHER"));
      // The privilege on the other user, through the role: SHOW and REMOVE now work.
      await exec(admin, "GRANT MODIFY PROGRAMMATIC AUTHENTICATION METHODS ON USER kp_other TO ROLE kp_mgr");
      assert.equal((await show(self, "kp_other")).length, 1);
      await exec(self, "ALTER USER kp_other REMOVE KEY PAIR k");
      // Ownership of the user is the alternative.
      await exec(admin, "GRANT OWNERSHIP ON USER kp_other TO ROLE kp_mgr");
      await exec(admin, "REVOKE MODIFY PROGRAMMATIC AUTHENTICATION METHODS ON USER kp_other FROM ROLE kp_mgr");
      await exec(self, `ALTER USER kp_other ADD KEY PAIR k3 PUBLIC_KEY = '${rsa("p3").publicBody}'`);
      await destroy(self);
      await destroy(admin);
    });
  });

  it("EC keys: ES256 (P-256), ES384 (P-384), ES512 (P-521) logins; wrong algorithm or DER signature refused; last_used_on", async () => {
    await withEmulator(async (emu) => {
      const admin = await connect(emu);
      await exec(admin, "CREATE USER kp_ec");
      const keys = [ec("prime256v1", "login"), ec("secp384r1", "login"), ec("secp521r1", "login")];
      for (const [i, k] of keys.entries()) await exec(admin, `ALTER USER kp_ec ADD KEY PAIR ec${i} PUBLIC_KEY = '${k.publicBody}'`);
      assert.equal(byName(await show(admin, "kp_ec"), "EC0").fingerprint, keys[0].fingerprint);
      for (const k of keys) {
        const r = await rawLogin(emu, "KP_EC", jwt("KP_EC", k, Date.now()));
        assert.equal(r.success, true, `${k.alg}: ${r.message} ${r.reason}`);
      }
      const used = byName(await show(admin, "kp_ec"), "EC0").last_used_on;
      assert.ok(used && Math.abs(ms(used) - Date.now()) < 60_000, "last_used_on set at login");
      const p256 = keys[0];
      for (const [token, reason] of [
        [jwt("KP_EC", keys[1], Date.now(), { alg: "ES256" }), "394305"],
        [jwt("KP_EC", p256, Date.now(), { alg: "RS256" }), "394305"],
        [jwt("KP_EC", p256, Date.now(), { der: true }), "394306"],
      ] as const) {
        const r = await rawLogin(emu, "KP_EC", token);
        assert.deepEqual([r.success, r.code, r.reason], [false, "390144", reason]);
      }
      await destroy(admin);
    });
  });

  it("ROLE_RESTRICTION: a granted role only; login only with that role as session role; revoking it breaks the key", async () => {
    await withEmulator(async (emu) => {
      const admin = await connect(emu);
      await exec(admin, "CREATE USER kp_rr DEFAULT_ROLE = rr_other");
      for (const r of ["rr_scope", "rr_other", "rr_inherited", "rr_never"]) await exec(admin, `CREATE ROLE ${r}`);
      await exec(admin, "GRANT ROLE rr_scope TO USER kp_rr");
      await exec(admin, "GRANT ROLE rr_other TO USER kp_rr");
      await exec(admin, "GRANT ROLE rr_inherited TO ROLE rr_scope");
      const k = rsa("rr1");
      await expectError(
        admin,
        `ALTER USER kp_rr ADD KEY PAIR k PUBLIC_KEY = '${k.publicBody}' ROLE_RESTRICTION = 'rr_never'`,
        "001422",
        "SQL compilation error:\nRole 'RR_NEVER' is not granted to user 'KP_RR'.",
      );
      await expectError(
        admin,
        `ALTER USER kp_rr ADD KEY PAIR k PUBLIC_KEY = '${k.publicBody}' ROLE_RESTRICTION = 'rr_ghost'`,
        "002003",
        "SQL compilation error:\nRole 'RR_GHOST' does not exist or not authorized.",
      );
      // Through the hierarchy counts as granted.
      await exec(admin, `ALTER USER kp_rr ADD KEY PAIR inh PUBLIC_KEY = '${rsa("rr2").publicBody}' ROLE_RESTRICTION = 'rr_inherited'`);
      await exec(admin, `ALTER USER kp_rr ADD KEY PAIR k PUBLIC_KEY = '${k.publicBody}' ROLE_RESTRICTION = 'rr_scope'`);
      const c = await driverLogin(emu, "kp_rr", k, "rr_scope");
      assert.deepEqual(await exec(c, "SELECT CURRENT_ROLE() AS R"), [{ R: "RR_SCOPE" }]);
      await destroy(c);
      await assert.rejects(driverLogin(emu, "kp_rr", k, "rr_other"), (e: any) => {
        assert.equal(e.code, "390189");
        assert.equal(
          e.message,
          "Role 'RR_OTHER' is not allowed by the role restriction of the key pair. Attempt to login with role 'RR_SCOPE'.",
        );
        return true;
      });
      await assert.rejects(driverLogin(emu, "kp_rr", k), (e: any) => e.code === "390189", "the default role is not the restricted one");
      await exec(admin, "ALTER USER kp_rr SET DEFAULT_ROLE = rr_scope");
      await destroy(await driverLogin(emu, "kp_rr", k));
      await exec(admin, "REVOKE ROLE rr_scope FROM USER kp_rr");
      const revoked = await rawLogin(emu, "KP_RR", jwt("KP_RR", k, Date.now()));
      assert.deepEqual([revoked.success, revoked.code], [false, "390189"]);
      assert.equal(
        revoked.message,
        "Role 'RR_SCOPE' of the key pair's role restriction is not granted to this user. Contact your local system administrator.",
      );
      await destroy(admin);
    });
  });

  it("SQL API: KEYPAIR_JWT with a named key pair (RSA and EC), its role restriction, last_used_on", async () => {
    await withEmulator(async (emu) => {
      const admin = await connect(emu);
      await exec(admin, "CREATE USER kp_api DEFAULT_ROLE = api_scope");
      await exec(admin, "CREATE ROLE api_scope");
      await exec(admin, "CREATE ROLE api_other");
      await exec(admin, "GRANT ROLE api_scope TO USER kp_api");
      await exec(admin, "GRANT ROLE api_other TO USER kp_api");
      const k = rsa("api");
      const e = ec("prime256v1", "api");
      await exec(admin, `ALTER USER kp_api ADD KEY PAIR api_key PUBLIC_KEY = '${k.publicBody}' ROLE_RESTRICTION = 'api_scope'`);
      await exec(admin, `ALTER USER kp_api ADD KEY PAIR api_ec PUBLIC_KEY = '${e.publicBody}'`);
      const ok = await sqlApi(emu, jwt("KP_API", k, Date.now()), { statement: "select current_user(), current_role()" });
      assert.equal(ok.status, 200, JSON.stringify(ok.json));
      assert.deepEqual(ok.json.data, [["KP_API", "API_SCOPE"]]);
      const wrong = await sqlApi(emu, jwt("KP_API", k, Date.now()), { statement: "select 1", role: "api_other" });
      assert.equal(wrong.status, 422);
      assert.equal(wrong.json.code, "390189");
      const viaEc = await sqlApi(emu, jwt("KP_API", e, Date.now()), { statement: "select current_role()", role: "api_other" });
      assert.equal(viaEc.status, 200, JSON.stringify(viaEc.json));
      assert.deepEqual(viaEc.json.data, [["API_OTHER"]]);
      const rows = await show(admin, "kp_api");
      assert.ok(byName(rows, "API_KEY").last_used_on && byName(rows, "API_EC").last_used_on);
      await exec(admin, "ALTER USER kp_api MODIFY KEY PAIR api_ec SET DISABLED = TRUE");
      const off = await sqlApi(emu, jwt("KP_API", e, Date.now()), { statement: "select 1" });
      assert.deepEqual([off.status, off.json.code], [401, "390144"]);
      await destroy(admin);
    });
  });
});
