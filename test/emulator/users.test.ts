// User properties, TYPE rules, user-level parameters and the authentication account parameters, through the real
// snowflake-sdk. "testint" = snowflakedb/terraform-provider-snowflake pkg/sdk/testint/users_integration_test.go
// (live-account assertions); each test names the sub-tests it follows.
import { connect, destroy, exec, execError } from "../helpers/emulator";
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { Emulator, startEmulator } from "../../emulator/index";

let emu: Emulator;
let admin: any;

async function expectError(sql: string, code: string, message: string): Promise<void> {
  const e = await execError(admin, sql);
  assert.equal(e.code, code, `code for: ${sql} (${e.message})`);
  assert.equal(e.message, message, `message for: ${sql}`);
}
const desc = async (u: string): Promise<Record<string, string>> =>
  Object.fromEntries((await exec(admin, `DESC USER ${u}`)).map((r: any) => [r.property, r.value]));
const show = async (u: string): Promise<any> => (await exec(admin, `SHOW USERS LIKE '${u}'`))[0];
const param = async (u: string, key: string): Promise<any> => (await exec(admin, `SHOW PARAMETERS LIKE '${key}' IN USER ${u}`))[0];

before(async () => {
  emu = await startEmulator({ port: 0 });
  admin = await connect(emu);
});
after(async () => {
  await destroy(admin);
  await emu.stop();
});

describe("user properties (testint)", () => {
  it("countdown properties: DAYS_TO_EXPIRY, MINS_TO_UNLOCK, MINS_TO_BYPASS_MFA (testint `create: all object properties`)", async () => {
    await exec(admin, "CREATE USER cd DAYS_TO_EXPIRY = 5 MINS_TO_UNLOCK = 15 MINS_TO_BYPASS_MFA = 30");
    const d = await desc("cd");
    assert.ok(Number(d.DAYS_TO_EXPIRY) > 4.99 && Number(d.DAYS_TO_EXPIRY) <= 5);
    assert.equal(d.MINS_TO_UNLOCK, "14");
    assert.equal(d.MINS_TO_BYPASS_MFA, "29");
    const s = await show("cd");
    assert.equal(s.mins_to_unlock, "14");
    assert.equal(s.mins_to_bypass_mfa, "29");
    assert.ok(s.days_to_expiry);
    assert.ok(s.expires_at_time instanceof Date || typeof s.expires_at_time === "object", "expires_at_time set");
    assert.ok(s.locked_until_time, "locked_until_time set");
    await exec(admin, "ALTER USER cd UNSET DAYS_TO_EXPIRY, MINS_TO_UNLOCK, MINS_TO_BYPASS_MFA");
    const u = await desc("cd");
    assert.deepEqual([u.DAYS_TO_EXPIRY, u.MINS_TO_UNLOCK, u.MINS_TO_BYPASS_MFA], ["null", "null", "null"]);
  });

  it("countdown edge values (testint `days to expiry … negative / zero / float`, `mins to unlock …`, `… mins to bypass mfa … one`)", async () => {
    await exec(admin, "CREATE USER edge");
    await exec(admin, "ALTER USER edge SET DAYS_TO_EXPIRY = -1 MINS_TO_UNLOCK = -1 MINS_TO_BYPASS_MFA = -1");
    let d = await desc("edge");
    assert.ok(Number(d.DAYS_TO_EXPIRY) <= -1, "negative DAYS_TO_EXPIRY is kept");
    assert.equal(d.MINS_TO_UNLOCK, "null");
    assert.equal(d.MINS_TO_BYPASS_MFA, "null");
    await exec(admin, "ALTER USER edge SET DAYS_TO_EXPIRY = 0 MINS_TO_UNLOCK = 0 MINS_TO_BYPASS_MFA = 1");
    d = await desc("edge");
    assert.equal(d.DAYS_TO_EXPIRY, "null");
    assert.equal(d.MINS_TO_UNLOCK, "null");
    assert.equal(d.MINS_TO_BYPASS_MFA, "0");
    await expectError(
      "ALTER USER edge SET DAYS_TO_EXPIRY = 1.5",
      "001422",
      "SQL compilation error:\ninvalid value [1.5] for parameter 'DAYS_TO_EXPIRY'",
    );
    await expectError(
      "ALTER USER edge SET MINS_TO_UNLOCK = 1.5",
      "001422",
      "SQL compilation error:\ninvalid value [1.5] for parameter 'MINS_TO_UNLOCK'",
    );
  });

  it("DISABLE_MFA: refused on CREATE, accepted by ALTER SET/UNSET (testint `try to set disable mfa on create`)", async () => {
    await expectError("CREATE USER mfa DISABLE_MFA = TRUE", "001423", "SQL compilation error:\ninvalid property 'DISABLE_MFA' for 'USER'");
    await exec(admin, "CREATE USER mfa");
    await exec(admin, "ALTER USER mfa SET DISABLE_MFA = TRUE");
    await exec(admin, "ALTER USER mfa UNSET DISABLE_MFA");
  });

  it("LOGIN_NAME / DISPLAY_NAME UNSET (testint `login_name and display_name inconsistencies`, `… when the name changes`)", async () => {
    await exec(admin, "CREATE USER ln");
    await exec(admin, "ALTER USER ln SET LOGIN_NAME = 'other_login' DISPLAY_NAME = 'lower'");
    let d = await desc("ln");
    assert.equal(d.LOGIN_NAME, "OTHER_LOGIN");
    assert.equal(d.DISPLAY_NAME, "lower");
    await exec(admin, "ALTER USER ln RENAME TO ln2");
    await exec(admin, "ALTER USER ln2 UNSET LOGIN_NAME, DISPLAY_NAME");
    d = await desc("ln2");
    assert.equal(d.LOGIN_NAME, "LN2", "falls back to the current name");
    assert.equal(d.DISPLAY_NAME, "null");
  });

  it("TYPE defaults to PERSON in SHOW USERS, also after UNSET (testint `create: no options`, `alter: unset type`)", async () => {
    await exec(admin, "CREATE USER ty TYPE = SERVICE");
    assert.equal((await show("ty")).type, "SERVICE");
    await exec(admin, "ALTER USER ty UNSET TYPE");
    assert.equal((await show("ty")).type, "PERSON");
    await exec(admin, "CREATE USER ty0");
    assert.equal((await show("ty0")).type, "PERSON");
  });
});

describe("TYPE rules (testint)", () => {
  const service = [
    "MINS_TO_BYPASS_MFA = 30",
    "MUST_CHANGE_PASSWORD = TRUE",
    "FIRST_NAME = 'f'",
    "MIDDLE_NAME = 'm'",
    "LAST_NAME = 'l'",
    "PASSWORD = 'pw'",
  ];
  const legacy = ["MINS_TO_BYPASS_MFA = 30", "FIRST_NAME = 'f'", "MIDDLE_NAME = 'm'", "LAST_NAME = 'l'"];
  const msg = (p: string, t: string): string => `SQL compilation error:\nCannot set ${p} on users with TYPE=${t}.`;

  it("CREATE refuses per type (testint `create: incorrect object property … - type service / legacy service`)", async () => {
    for (const a of service) await expectError(`CREATE USER bad TYPE = SERVICE ${a}`, "001422", msg(a.split(" ")[0], "SERVICE"));
    for (const a of legacy)
      await expectError(`CREATE USER bad ${a} TYPE = LEGACY_SERVICE`, "001422", msg(a.split(" ")[0], "LEGACY_SERVICE"));
    // LEGACY_SERVICE keeps PASSWORD and MUST_CHANGE_PASSWORD (testint `create: all object properties - type legacy service`).
    await exec(admin, "CREATE USER leg TYPE = LEGACY_SERVICE PASSWORD = 'pw' MUST_CHANGE_PASSWORD = TRUE");
    assert.equal((await show("leg")).has_password, "true");
  });

  it("ALTER SET / UNSET refuse per type (testint `alter: set and unset incorrect object property …`)", async () => {
    await exec(admin, "CREATE USER svc TYPE = SERVICE");
    for (const a of [...service, "DISABLE_MFA = TRUE"])
      await expectError(`ALTER USER svc SET ${a}`, "001422", msg(a.split(" ")[0], "SERVICE"));
    await expectError("ALTER USER svc UNSET MUST_CHANGE_PASSWORD", "001422", msg("MUST_CHANGE_PASSWORD", "SERVICE"));
    await expectError("ALTER USER svc UNSET DISABLE_MFA", "001422", msg("DISABLE_MFA", "SERVICE"));
    await exec(admin, "ALTER USER svc UNSET MINS_TO_BYPASS_MFA, FIRST_NAME, MIDDLE_NAME, LAST_NAME, PASSWORD");
    for (const a of [...legacy, "DISABLE_MFA = TRUE"])
      await expectError(`ALTER USER leg SET ${a}`, "001422", msg(a.split(" ")[0], "LEGACY_SERVICE"));
    await expectError("ALTER USER leg UNSET DISABLE_MFA", "001422", msg("DISABLE_MFA", "LEGACY_SERVICE"));
    await exec(admin, "ALTER USER leg UNSET MINS_TO_BYPASS_MFA, FIRST_NAME, MIDDLE_NAME, LAST_NAME");
  });

  it("WORKLOAD_IDENTITY with the nested TYPE (testint `create: all object properties - type service`, `alter: set and unset … workload identity`)", async () => {
    await exec(
      admin,
      `CREATE USER wif TYPE = SERVICE RSA_PUBLIC_KEY = NULL WORKLOAD_IDENTITY = (TYPE = OIDC ISSUER = 'https://accounts.google.com'
       SUBJECT = 'system:serviceaccount:ns:x' OIDC_AUDIENCE_LIST = ('https://accounts.google.com/o/oauth2/auth')) COMMENT = 'c'`,
    );
    assert.equal((await show("wif")).has_workload_identity, "true");
    assert.equal((await desc("wif")).HAS_WORKLOAD_IDENTITY, "true");
    await exec(admin, "ALTER USER wif UNSET WORKLOAD_IDENTITY");
    assert.equal((await show("wif")).has_workload_identity, "false");
    await exec(admin, "ALTER USER wif SET WORKLOAD_IDENTITY = (TYPE = AWS ARN = 'arn:aws:iam::123456789012:role/test-role')");
    await exec(admin, "ALTER USER leg SET WORKLOAD_IDENTITY = (TYPE = GCP SUBJECT = '1234567890')");
    await exec(
      admin,
      "ALTER USER leg SET WORKLOAD_IDENTITY = (TYPE = AZURE ISSUER = 'https://login.microsoftonline.com/t/v2.0' SUBJECT = 's')",
    );
    assert.equal((await show("leg")).has_workload_identity, "true");
    await expectError(
      "ALTER USER wif SET WORKLOAD_IDENTITY = (TYPE = KERBEROS)",
      "001422",
      "SQL compilation error:\ninvalid value 'KERBEROS' for property 'TYPE'",
    );
  });
});

describe("SHOW USERS filters and visibility (testint `show: …`, `issue #2817 …`)", () => {
  it("LIKE, STARTS WITH, LIMIT … FROM", async () => {
    await exec(admin, "CREATE USER pfx_a");
    await exec(admin, "CREATE USER pfxb");
    assert.deepEqual(
      (await exec(admin, "SHOW USERS STARTS WITH 'PFX'")).map((r) => r.name),
      ["PFXB", "PFX_A"],
    );
    assert.deepEqual((await exec(admin, "SHOW USERS STARTS WITH 'pfx'")).length, 0, "case-sensitive (docs)");
    assert.deepEqual(
      (await exec(admin, "SHOW USERS STARTS WITH 'PFX' LIMIT 10 FROM 'PFX_'")).map((r) => r.name),
      ["PFX_A"],
    );
    assert.equal((await exec(admin, "SHOW USERS LIMIT 1")).length, 1);
    assert.deepEqual((await exec(admin, "SHOW USERS LIKE 'no_such_user'")).length, 0);
  });

  it("a role without ownership or MANAGE GRANTS sees the user with null columns; DESC / SHOW PARAMETERS refused", async () => {
    await exec(admin, "CREATE USER hidden DISABLED = TRUE COMMENT = 'c'");
    await exec(admin, "CREATE ROLE viewer");
    await exec(admin, "CREATE USER viewer_u PASSWORD = 'pw' DEFAULT_ROLE = viewer");
    await exec(admin, "GRANT ROLE viewer TO USER viewer_u");
    const c = await connect(emu, { username: "viewer_u", password: "pw" });
    const r = (await exec(c, "SHOW USERS LIKE 'HIDDEN'"))[0];
    assert.equal(r.name, "HIDDEN");
    assert.ok(r.owner);
    assert.equal(r.disabled, null);
    assert.equal(r.login_name, null);
    assert.equal(r.type, null);
    assert.equal(r.has_password, "false");
    for (const sql of ["DESC USER hidden", "SHOW PARAMETERS IN USER hidden"]) {
      const e = await execError(c, sql);
      assert.equal(e.code, "003001");
      assert.equal(e.message, "SQL access control error:\nInsufficient privileges to operate on user 'HIDDEN'");
    }
    await destroy(c);
  });
});

describe("user-level parameters (testint `create: with all parameters set`, `alter: set and unset parameters`)", () => {
  it("CREATE / ALTER USER SET and UNSET session and object parameters; SHOW PARAMETERS IN USER levels and defaults", async () => {
    await exec(admin, "CREATE USER pu AUTOCOMMIT = FALSE ENABLE_UNREDACTED_QUERY_SYNTAX_ERROR = TRUE");
    assert.deepEqual(await param("pu", "AUTOCOMMIT"), {
      key: "AUTOCOMMIT",
      value: "false",
      default: "true",
      level: "USER",
      description: "The autocommit property determines whether is statement should to be implicitly wrapped within a transaction or not.",
      type: "BOOLEAN",
    });
    assert.equal((await param("pu", "ENABLE_UNREDACTED_QUERY_SYNTAX_ERROR")).level, "USER");
    await exec(admin, "ALTER USER pu SET TIMEZONE = 'UTC' CLIENT_MEMORY_LIMIT = 1024 BINARY_INPUT_FORMAT = UTF8 COMMENT = 'both'");
    const tz = await param("pu", "TIMEZONE");
    assert.deepEqual([tz.value, tz.default, tz.level, tz.type], ["UTC", "America/Los_Angeles", "USER", "STRING"]);
    assert.deepEqual(
      [(await param("pu", "CLIENT_MEMORY_LIMIT")).value, (await param("pu", "CLIENT_MEMORY_LIMIT")).type],
      ["1024", "NUMBER"],
    );
    assert.equal((await param("pu", "BINARY_INPUT_FORMAT")).value, "UTF8");
    await exec(admin, "ALTER USER pu UNSET TIMEZONE, AUTOCOMMIT, CLIENT_MEMORY_LIMIT, COMMENT");
    const d = await param("pu", "TIMEZONE");
    assert.deepEqual([d.value, d.level], ["America/Los_Angeles", ""]);
    // Defaults of the TF "User" table (HasAllDefaultsExplicit).
    const defaults: Record<string, string> = {
      CLIENT_PREFETCH_THREADS: "4",
      JSON_INDENT: "2",
      LOCK_TIMEOUT: "43200",
      STATEMENT_TIMEOUT_IN_SECONDS: "172800",
      SEARCH_PATH: "$current, $public",
      TIMESTAMP_OUTPUT_FORMAT: "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM",
      UNSUPPORTED_DDL_ACTION: "ignore",
      TRANSACTION_DEFAULT_ISOLATION_LEVEL: "READ COMMITTED",
      GEOGRAPHY_OUTPUT_FORMAT: "GeoJSON",
      PREVENT_UNLOAD_TO_INTERNAL_STAGES: "false",
    };
    for (const [k, v] of Object.entries(defaults)) assert.equal((await param("pu", k)).value, v, k);
    const all = await exec(admin, "SHOW PARAMETERS IN USER pu");
    assert.ok(all.length >= 59, `user parameters listed: ${all.length}`);
    assert.ok(!all.some((r: any) => r.key === "ENABLE_IDENTIFIER_FIRST_LOGIN"), "account-only parameters are not user parameters");
  });

  it("NETWORK_POLICY inherited from the account shows level ACCOUNT (TF User table: default level ACCOUNT)", async () => {
    await exec(admin, "CREATE NETWORK POLICY acct_np ALLOWED_IP_LIST = ('0.0.0.0/0')");
    await exec(admin, "ALTER ACCOUNT SET NETWORK_POLICY = acct_np");
    const r = await param("pu", "NETWORK_POLICY");
    assert.deepEqual([r.value, r.level], ["ACCT_NP", "ACCOUNT"]);
    await exec(admin, "ALTER ACCOUNT UNSET NETWORK_POLICY");
  });

  it("a session starts from its user's values: SHOW PARAMETERS (session) shows level USER (docs parameters page)", async () => {
    await exec(admin, "ALTER USER admin SET QUERY_TAG = 'from_user'");
    const r = (await exec(admin, "SHOW PARAMETERS LIKE 'QUERY_TAG'"))[0];
    assert.deepEqual([r.value, r.level], ["from_user", "USER"]);
    await exec(admin, "ALTER USER admin UNSET QUERY_TAG");
  });

  it("parameter errors: not a number, unknown name", async () => {
    await expectError(
      "ALTER USER pu SET CLIENT_MEMORY_LIMIT = 'big'",
      "001422",
      "SQL compilation error:\ninvalid value 'big' for property 'CLIENT_MEMORY_LIMIT'",
    );
    await expectError(
      "ALTER USER pu SET ENABLE_IDENTIFIER_FIRST_LOGIN = TRUE",
      "001423",
      "SQL compilation error:\ninvalid property 'ENABLE_IDENTIFIER_FIRST_LOGIN' for 'USER'",
    );
  });
});

describe("authentication account parameters (TF object_parameters_def.go Account table, current_account_resource_ext.go)", () => {
  it("known to SHOW PARAMETERS IN ACCOUNT and ALTER ACCOUNT SET/UNSET, with defaults and types", async () => {
    const expected: [string, string, string][] = [
      ["ENABLE_IDENTIFIER_FIRST_LOGIN", "true", "BOOLEAN"],
      ["ALLOW_CLIENT_MFA_CACHING", "false", "BOOLEAN"],
      ["ALLOW_ID_TOKEN", "false", "BOOLEAN"],
      ["CLIENT_ENCRYPTION_KEY_SIZE", "128", "NUMBER"],
      ["SSO_LOGIN_PAGE", "false", "BOOLEAN"],
      ["OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST", "true", "BOOLEAN"],
      ["EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST", "true", "BOOLEAN"],
    ];
    for (const [key, def, type] of expected) {
      const r = (await exec(admin, `SHOW PARAMETERS LIKE '${key}' IN ACCOUNT`))[0];
      assert.deepEqual([r.key, r.value, r.default, r.level, r.type], [key, def, def, "", type], key);
    }
    await exec(admin, "ALTER ACCOUNT SET ENABLE_IDENTIFIER_FIRST_LOGIN = FALSE");
    const r = (await exec(admin, "SHOW PARAMETERS LIKE 'ENABLE_IDENTIFIER_FIRST_LOGIN' IN ACCOUNT"))[0];
    assert.deepEqual([r.value, r.level], ["false", "ACCOUNT"]);
    await exec(admin, "ALTER ACCOUNT UNSET ENABLE_IDENTIFIER_FIRST_LOGIN");
    await expectError(
      "ALTER SESSION SET ENABLE_IDENTIFIER_FIRST_LOGIN = FALSE",
      "001006",
      "SQL compilation error:\ninvalid parameter 'ENABLE_IDENTIFIER_FIRST_LOGIN'",
    );
    await expectError(
      "ALTER ACCOUNT SET CLIENT_ENCRYPTION_KEY_SIZE = 12.5",
      "001422",
      "SQL compilation error:\ninvalid value '12.5' for property 'CLIENT_ENCRYPTION_KEY_SIZE'",
    );
  });
});
