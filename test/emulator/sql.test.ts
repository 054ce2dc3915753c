// SQL conformance of the emulator core through the real snowflake-sdk: users, roles/grants, network policies,
// account parameters, SELECT, syntax errors. Every error asserts the exact code, SQLSTATE and message.
import { connect, destroy, exec, execError, generateRsaKey, rsaBody } from "../helpers/emulator";
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { Emulator, startEmulator } from "../../emulator/index";

let emu: Emulator;
let admin: any;
const k1 = generateRsaKey("k1");
const k2 = generateRsaKey("k2");

async function expectError(sql: string, code: string, message: string, sqlState?: string, conn: any = admin): Promise<void> {
  const e = await execError(conn, sql);
  assert.equal(e.code, code, `code for: ${sql} (${e.message})`);
  assert.equal(e.message, message, `message for: ${sql}`);
  if (sqlState) assert.equal(e.sqlState, sqlState, `sqlState for: ${sql}`);
}

function props(rows: any[]): Record<string, any> {
  return Object.fromEntries(rows.map((r) => [r.property, r]));
}

before(async () => {
  emu = await startEmulator({ port: 0 });
  admin = await connect(emu);
});
after(async () => {
  await destroy(admin);
  await emu.stop();
});

describe("users", () => {
  it("CREATE USER / IF NOT EXISTS / OR REPLACE status texts", async () => {
    assert.deepEqual(await exec(admin, "CREATE USER u1"), [{ status: "User U1 successfully created." }]);
    assert.deepEqual(await exec(admin, "CREATE USER IF NOT EXISTS u1"), [{ status: "U1 already exists, statement succeeded." }]);
    await expectError("CREATE USER u1", "002002", "SQL compilation error:\nObject 'U1' already exists.", "42710");
    assert.deepEqual(await exec(admin, "CREATE OR REPLACE USER u1 COMMENT = 'again'"), [{ status: "User U1 successfully created." }]);
    await expectError(
      "CREATE OR REPLACE USER IF NOT EXISTS u1",
      "002025",
      "SQL compilation error:\nOR REPLACE and IF NOT EXISTS are incompatible.",
      "42601",
    );
    assert.equal(props(await exec(admin, "DESC USER u1")).COMMENT.value, "again");
  });

  it("CREATE USER with every supported property; DESCRIBE USER shape", async () => {
    await exec(
      admin,
      `CREATE USER "Mixed" PASSWORD = 'p@ss' LOGIN_NAME = 'mixed_login' DISPLAY_NAME = 'Mixed Case' FIRST_NAME = 'F' MIDDLE_NAME = 'M'
       LAST_NAME = 'L' EMAIL = 'm@example.com' COMMENT = 'c' DEFAULT_ROLE = PUBLIC DEFAULT_WAREHOUSE = wh DEFAULT_NAMESPACE = db.sch
       DEFAULT_SECONDARY_ROLES = ('ALL') MUST_CHANGE_PASSWORD = FALSE DISABLED = FALSE TYPE = PERSON
       RSA_PUBLIC_KEY = '${k1.publicBody}' RSA_PUBLIC_KEY_2 = '${k2.publicBody}'`,
    );
    const rows = await exec(admin, 'DESCRIBE USER "Mixed"');
    assert.deepEqual(Object.keys(rows[0]), ["property", "value", "default", "description"]);
    const p = props(rows);
    assert.equal(p.NAME.value, "Mixed");
    assert.equal(p.LOGIN_NAME.value, "MIXED_LOGIN");
    assert.equal(p.PASSWORD.value, "********");
    assert.equal(p.DEFAULT_ROLE.value, "PUBLIC");
    assert.equal(p.DEFAULT_NAMESPACE.value, "DB.SCH");
    assert.equal(p.TYPE.value, "PERSON");
    assert.equal(p.RSA_PUBLIC_KEY.value, k1.publicBody);
    assert.equal(p.RSA_PUBLIC_KEY_FP.value, k1.fingerprint);
    assert.equal(p.RSA_PUBLIC_KEY_2_FP.value, k2.fingerprint);
    assert.match(p.RSA_PUBLIC_KEY_LAST_SET_TIME.value, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    assert.equal(p.RSA_PUBLIC_KEY.description, "RSA public key of the user");
    assert.equal(p.RSA_PUBLIC_KEY_FP.description, "Fingerprint of user's RSA public key.");
    assert.equal(p.DISABLED.value, "false");
    assert.equal(p.DISABLED.default, "false");
    assert.equal(p.MINS_TO_UNLOCK.value, "null");
    // login by LOGIN_NAME, case-insensitively
    const c = await connect(emu, { username: "Mixed_Login", password: "p@ss" });
    assert.deepEqual(await exec(c, "SELECT CURRENT_USER() AS U"), [{ U: "Mixed" }]);
    await destroy(c);
  });

  it("ALTER USER SET / UNSET RSA keys (both in one statement; verbatim echo; unset shows null)", async () => {
    await exec(admin, "CREATE USER keyuser");
    const p0 = props(await exec(admin, "DESC USER keyuser"));
    assert.equal(p0.RSA_PUBLIC_KEY.value, "null");
    assert.equal(p0.RSA_PUBLIC_KEY_FP.value, "null");
    assert.equal(p0.RSA_PUBLIC_KEY_LAST_SET_TIME.value, "null");
    assert.deepEqual(await exec(admin, `ALTER USER keyuser SET RSA_PUBLIC_KEY = '${rsaBody(k1)}', RSA_PUBLIC_KEY_2 = '${k2.publicBody}'`), [
      { status: "Statement executed successfully." },
    ]);
    const p1 = props(await exec(admin, "DESC USER keyuser"));
    assert.equal(p1.RSA_PUBLIC_KEY.value, rsaBody(k1), "stored exactly as submitted (with newlines)");
    assert.equal(p1.RSA_PUBLIC_KEY_FP.value, k1.fingerprint);
    assert.equal(p1.RSA_PUBLIC_KEY_2_FP.value, k2.fingerprint);
    await exec(admin, "ALTER USER keyuser UNSET RSA_PUBLIC_KEY");
    const p2 = props(await exec(admin, "DESC USER keyuser"));
    assert.equal(p2.RSA_PUBLIC_KEY_FP.value, "null");
    assert.equal(p2.RSA_PUBLIC_KEY_2_FP.value, k2.fingerprint);
    await exec(admin, "ALTER USER IF EXISTS keyuser UNSET RSA_PUBLIC_KEY, RSA_PUBLIC_KEY_2");
    assert.equal(props(await exec(admin, "DESC USER keyuser")).RSA_PUBLIC_KEY_2.value, "null");
    const shown = await exec(admin, "SHOW USERS LIKE 'keyuser'");
    assert.equal(shown.length, 1);
    assert.equal(shown[0].has_rsa_public_key, "false");
  });

  it("RSA key validation errors", async () => {
    const msg = "New public key rejected by current policy. Reason: 'Invalid Public key'";
    await expectError("ALTER USER keyuser SET RSA_PUBLIC_KEY = 'garbage!'", "001422", msg, "22023");
    await expectError("ALTER USER keyuser SET RSA_PUBLIC_KEY = 'AAAAB3NzaC1yc2EAAAADAQABAAABAQ'", "001422", msg);
    const small = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "der" }).toString("base64");
    await expectError(`ALTER USER keyuser SET RSA_PUBLIC_KEY = '${small}'`, "001422", msg);
    const ec = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey.export({ type: "spki", format: "der" }).toString("base64");
    await expectError(`ALTER USER keyuser SET RSA_PUBLIC_KEY_2 = '${ec}'`, "001422", msg);
    await expectError(
      "ALTER USER keyuser SET RSA_PUBLIC_KEY_FP = 'x'",
      "001423",
      "SQL compilation error:\ninvalid property 'RSA_PUBLIC_KEY_FP' for 'USER'",
      "22023",
    );
    await expectError("ALTER USER keyuser SET NO_SUCH = 1", "001423", "SQL compilation error:\ninvalid property 'NO_SUCH' for 'USER'");
  });

  it("a failing statement applies nothing (snapshot semantics)", async () => {
    await exec(admin, "ALTER USER keyuser SET COMMENT = 'before'");
    await execError(admin, `ALTER USER keyuser SET COMMENT = 'after', RSA_PUBLIC_KEY = 'bad'`);
    assert.equal(props(await exec(admin, "DESC USER keyuser")).COMMENT.value, "before");
    await execError(admin, `CREATE USER halfmade RSA_PUBLIC_KEY = '${k1.publicBody}' RSA_PUBLIC_KEY_2 = 'bad'`);
    await expectError("DESC USER halfmade", "002003", "SQL compilation error:\nUser 'HALFMADE' does not exist or not authorized.", "02000");
  });

  it("ALTER USER: TYPE, DEFAULT_ROLE, RENAME, IF EXISTS, missing user", async () => {
    await exec(admin, "CREATE USER t1");
    await exec(admin, "ALTER USER t1 SET TYPE = SERVICE");
    assert.equal(props(await exec(admin, "DESC USER t1")).TYPE.value, "SERVICE");
    await exec(admin, "ALTER USER t1 SET TYPE = 'legacy_service'");
    assert.equal(props(await exec(admin, "DESC USER t1")).TYPE.value, "LEGACY_SERVICE");
    await exec(admin, "ALTER USER t1 UNSET TYPE");
    assert.equal(props(await exec(admin, "DESC USER t1")).TYPE.value, "null");
    await expectError(
      "ALTER USER t1 SET TYPE = ROBOT",
      "001422",
      "SQL compilation error:\ninvalid value 'ROBOT' for property 'TYPE'",
      "22023",
    );
    await exec(admin, "ALTER USER t1 SET DEFAULT_ROLE = 'sysadmin'");
    assert.equal(props(await exec(admin, "DESC USER t1")).DEFAULT_ROLE.value, "SYSADMIN");
    await exec(admin, "ALTER USER t1 RENAME TO t2");
    await expectError("DESC USER t1", "002003", "SQL compilation error:\nUser 'T1' does not exist or not authorized.");
    assert.deepEqual(await exec(admin, "ALTER USER IF EXISTS nobody SET COMMENT = 'x'"), [{ status: "Statement executed successfully." }]);
    await expectError(
      "ALTER USER nobody SET COMMENT = 'x'",
      "002003",
      "SQL compilation error:\nUser 'NOBODY' does not exist or not authorized.",
      "02000",
    );
  });

  it("SHOW USERS [LIKE] and DROP USER [IF EXISTS]", async () => {
    const all = await exec(admin, "SHOW USERS");
    assert.ok(all.some((r) => r.name === "ADMIN"));
    assert.ok(["name", "created_on", "login_name", "owner", "has_rsa_public_key", "type", "disabled"].every((c) => c in all[0]));
    assert.deepEqual(
      (await exec(admin, "SHOW USERS LIKE 't%'")).map((r) => r.name),
      ["T2"],
    );
    assert.deepEqual(await exec(admin, "DROP USER t2"), [{ status: "T2 successfully dropped." }]);
    assert.deepEqual(await exec(admin, "DROP USER IF EXISTS t2"), [
      { status: "Drop statement executed successfully (T2 already dropped)." },
    ]);
    await expectError("DROP USER t2", "002003", "SQL compilation error:\nUser 'T2' does not exist or not authorized.");
  });
});

describe("roles, grants, privileges", () => {
  let bob: any;
  before(async () => {
    await exec(admin, "CREATE USER bob PASSWORD = 'bobpw' DEFAULT_ROLE = PUBLIC");
    bob = await connect(emu, { username: "bob", password: "bobpw" });
  });
  after(async () => {
    await destroy(bob);
  });

  it("CREATE ROLE / IF NOT EXISTS / exists error / SHOW ROLES", async () => {
    assert.deepEqual(await exec(admin, "CREATE ROLE integ_admin COMMENT = 'manages integrations'"), [
      { status: "Role INTEG_ADMIN successfully created." },
    ]);
    assert.deepEqual(await exec(admin, "CREATE ROLE IF NOT EXISTS integ_admin"), [
      { status: "INTEG_ADMIN already exists, statement succeeded." },
    ]);
    await expectError("CREATE ROLE integ_admin", "002002", "SQL compilation error:\nObject 'INTEG_ADMIN' already exists.");
    const r = await exec(admin, "SHOW ROLES LIKE 'INTEG%'");
    assert.equal(r.length, 1);
    assert.equal(r[0].name, "INTEG_ADMIN");
    assert.equal(r[0].owner, "ACCOUNTADMIN");
    assert.equal(r[0].comment, "manages integrations");
  });

  it("USE ROLE: not granted → error; granted → switches; nonexistent → 002003", async () => {
    await expectError(
      "USE ROLE integ_admin",
      "003013",
      "SQL access control error:\nRequested role 'INTEG_ADMIN' is not assigned to the executing user.  Specify another role to activate.",
      "42501",
      bob,
    );
    await expectError(
      "USE ROLE no_such_role",
      "002003",
      "SQL compilation error:\nRole 'NO_SUCH_ROLE' does not exist or not authorized.",
      "02000",
      bob,
    );
    assert.deepEqual(await exec(admin, "GRANT ROLE integ_admin TO USER bob"), [{ status: "Statement executed successfully." }]);
    assert.deepEqual(await exec(bob, "USE ROLE integ_admin"), [{ status: "Statement executed successfully." }]);
    assert.deepEqual(await exec(bob, "SELECT CURRENT_ROLE() AS R"), [{ R: "INTEG_ADMIN" }]);
    const g = await exec(admin, "SHOW GRANTS TO USER bob");
    assert.deepEqual(
      g.map((x) => x.role),
      ["INTEG_ADMIN"],
    );
    const of = await exec(admin, "SHOW GRANTS OF ROLE integ_admin");
    assert.deepEqual(
      of.map((x) => [x.granted_to, x.grantee_name]),
      [["USER", "BOB"]],
    );
  });

  it("a role without CREATE USER / CREATE ROLE gets 003001", async () => {
    await expectError(
      "CREATE USER eve",
      "003001",
      "SQL access control error:\nInsufficient privileges to operate on account 'EMULATOR'",
      "42501",
      bob,
    );
    await expectError(
      "CREATE ROLE r_by_bob",
      "003001",
      "SQL access control error:\nInsufficient privileges to operate on account 'EMULATOR'",
      "42501",
      bob,
    );
    await expectError(
      "ALTER ACCOUNT SET OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = FALSE",
      "003001",
      "SQL access control error:\nInsufficient privileges to operate on account 'EMULATOR'",
      "42501",
      bob,
    );
    await expectError(
      "CREATE NETWORK POLICY np_bob",
      "003001",
      "SQL access control error:\nInsufficient privileges to operate on account 'EMULATOR'",
      "42501",
      bob,
    );
  });

  it("a role without CREATE INTEGRATION cannot create an integration; granting it fixes that", async () => {
    await exec(bob, "USE ROLE integ_admin");
    const sql =
      "CREATE SECURITY INTEGRATION bob_int TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://example.com/cb'";
    const e = await execError(bob, sql);
    assert.equal(e.code, "003001");
    assert.equal(e.sqlState, "42501");
    assert.deepEqual(await exec(admin, "GRANT CREATE INTEGRATION ON ACCOUNT TO ROLE integ_admin"), [
      { status: "Statement executed successfully." },
    ]);
    const tg = await exec(admin, "SHOW GRANTS TO ROLE integ_admin");
    assert.ok(tg.some((x) => x.privilege === "CREATE INTEGRATION" && x.granted_on === "ACCOUNT" && x.grantee_name === "INTEG_ADMIN"));
    const ga = await exec(admin, "SHOW GRANTS ON ACCOUNT");
    assert.ok(ga.some((x) => x.privilege === "CREATE INTEGRATION" && x.grantee_name === "INTEG_ADMIN"));
    await exec(bob, sql);
    await exec(bob, "DROP INTEGRATION bob_int");
    await exec(admin, "REVOKE CREATE INTEGRATION ON ACCOUNT FROM ROLE integ_admin");
    assert.equal((await execError(bob, sql)).code, "003001");
  });

  it("role hierarchy: GRANT ROLE TO ROLE gives inherited privileges; cycles are refused", async () => {
    await exec(admin, "CREATE ROLE user_mgr");
    await exec(admin, "GRANT CREATE USER ON ACCOUNT TO ROLE user_mgr");
    await exec(admin, "GRANT ROLE user_mgr TO ROLE integ_admin");
    await exec(bob, "USE ROLE integ_admin");
    assert.deepEqual(await exec(bob, "CREATE USER made_by_bob"), [{ status: "User MADE_BY_BOB successfully created." }]);
    assert.equal((await exec(admin, "SHOW USERS LIKE 'MADE_BY_BOB'"))[0].owner, "INTEG_ADMIN");
    await expectError(
      "GRANT ROLE integ_admin TO ROLE user_mgr",
      "003013",
      "SQL execution error:\nGranting role 'INTEG_ADMIN' to role 'USER_MGR' would create a cycle.",
    );
    await exec(admin, "REVOKE ROLE user_mgr FROM ROLE integ_admin");
    assert.equal((await execError(bob, "CREATE USER made_by_bob2")).code, "003001");
  });

  it("ownership: GRANT OWNERSHIP moves the owner; a non-owner cannot alter", async () => {
    await exec(admin, "CREATE USER owned_thing");
    await expectError(
      "ALTER USER owned_thing SET COMMENT = 'x'",
      "003001",
      "SQL access control error:\nInsufficient privileges to operate on user 'OWNED_THING'",
      "42501",
      bob,
    );
    await exec(admin, "GRANT OWNERSHIP ON USER owned_thing TO ROLE integ_admin");
    await exec(bob, "USE ROLE integ_admin");
    await exec(bob, "ALTER USER owned_thing SET COMMENT = 'mine'");
    const g = await exec(admin, "SHOW GRANTS ON USER owned_thing");
    assert.ok(g.some((x) => x.privilege === "OWNERSHIP" && x.grantee_name === "INTEG_ADMIN"));
  });

  it("a user may set their own RSA key without owning themselves", async () => {
    await exec(bob, `ALTER USER bob SET RSA_PUBLIC_KEY = '${k1.publicBody}'`);
    assert.equal(props(await exec(bob, "DESC USER bob")).RSA_PUBLIC_KEY_FP.value, k1.fingerprint);
    await expectError(
      "ALTER USER bob SET DISABLED = TRUE",
      "003001",
      "SQL access control error:\nInsufficient privileges to operate on user 'BOB'",
      "42501",
      bob,
    );
  });

  it("USE SECONDARY ROLES and DROP ROLE", async () => {
    assert.deepEqual(await exec(bob, "USE SECONDARY ROLES NONE"), [{ status: "Statement executed successfully." }]);
    await exec(admin, "CREATE ROLE temp_role");
    assert.deepEqual(await exec(admin, "DROP ROLE temp_role"), [{ status: "TEMP_ROLE successfully dropped." }]);
    assert.deepEqual(await exec(admin, "DROP ROLE IF EXISTS temp_role"), [
      { status: "Drop statement executed successfully (TEMP_ROLE already dropped)." },
    ]);
    await expectError("DROP ROLE temp_role", "002003", "SQL compilation error:\nRole 'TEMP_ROLE' does not exist or not authorized.");
  });
});

describe("network policies", () => {
  it("CREATE, DESCRIBE (rows only for non-empty lists), SHOW columns", async () => {
    assert.deepEqual(
      await exec(
        admin,
        "CREATE NETWORK POLICY np1 ALLOWED_IP_LIST = ('192.168.1.0/24', '10.0.0.1') BLOCKED_IP_LIST = ('192.168.1.99') COMMENT = 'office'",
      ),
      [{ status: "Network policy NP1 successfully created." }],
    );
    assert.deepEqual(await exec(admin, "DESC NETWORK POLICY np1"), [
      { name: "ALLOWED_IP_LIST", value: "192.168.1.0/24,10.0.0.1" },
      { name: "BLOCKED_IP_LIST", value: "192.168.1.99" },
    ]);
    const s = await exec(admin, "SHOW NETWORK POLICIES LIKE 'NP%'");
    assert.equal(s.length, 1);
    assert.deepEqual(Object.keys(s[0]), [
      "created_on",
      "name",
      "comment",
      "entries_in_allowed_ip_list",
      "entries_in_blocked_ip_list",
      "entries_in_allowed_network_rules",
      "entries_in_blocked_network_rules",
    ]);
    assert.equal(s[0].comment, "office");
    assert.equal(s[0].entries_in_allowed_ip_list, 2);
    assert.equal(s[0].entries_in_blocked_ip_list, 1);
  });

  it("empty policy has zero DESC rows; network rules are JSON", async () => {
    await exec(admin, "CREATE NETWORK POLICY np_empty");
    assert.deepEqual(await exec(admin, "DESCRIBE NETWORK POLICY np_empty"), []);
    await exec(admin, "CREATE DATABASE db1");
    await exec(admin, "CREATE SCHEMA db1.sc1");
    for (const r of ["nr1", "nr2", "nr3"]) await exec(admin, `CREATE NETWORK RULE db1.sc1.${r} TYPE = IPV4 VALUE_LIST = ()`);
    await exec(admin, "CREATE NETWORK POLICY np_rules ALLOWED_NETWORK_RULE_LIST = ('db1.sc1.nr1', db1.sc1.nr2)");
    assert.deepEqual(await exec(admin, "DESC NETWORK POLICY np_rules"), [
      { name: "ALLOWED_NETWORK_RULE_LIST", value: '[{"fullyQualifiedRuleName":"DB1.SC1.NR1"},{"fullyQualifiedRuleName":"DB1.SC1.NR2"}]' },
    ]);
    await exec(admin, "ALTER NETWORK POLICY np_rules ADD ALLOWED_NETWORK_RULE_LIST = 'db1.sc1.nr3'");
    await exec(admin, "ALTER NETWORK POLICY np_rules REMOVE ALLOWED_NETWORK_RULE_LIST = 'db1.sc1.nr1'");
    assert.equal(JSON.parse((await exec(admin, "DESC NETWORK POLICY np_rules"))[0].value).length, 2);
  });

  it("ALTER SET replaces, SET = () empties, UNSET lists and COMMENT, RENAME TO, IF EXISTS", async () => {
    await exec(admin, "ALTER NETWORK POLICY np1 SET ALLOWED_IP_LIST = ('1.1.1.1') COMMENT = 'changed'");
    assert.deepEqual((await exec(admin, "DESC NETWORK POLICY np1"))[0], { name: "ALLOWED_IP_LIST", value: "1.1.1.1" });
    await exec(admin, "ALTER NETWORK POLICY np1 SET BLOCKED_IP_LIST = ()");
    assert.deepEqual(await exec(admin, "DESC NETWORK POLICY np1"), [{ name: "ALLOWED_IP_LIST", value: "1.1.1.1" }]);
    await exec(admin, "ALTER NETWORK POLICY np1 UNSET COMMENT, ALLOWED_IP_LIST");
    assert.deepEqual(await exec(admin, "DESC NETWORK POLICY np1"), []);
    assert.equal((await exec(admin, "SHOW NETWORK POLICIES LIKE 'np1'"))[0].comment, "");
    await exec(admin, "ALTER NETWORK POLICY np1 RENAME TO np1_renamed");
    await expectError(
      "DESC NETWORK POLICY np1",
      "002003",
      "SQL compilation error:\nNetwork policy 'NP1' does not exist or not authorized.",
      "02000",
    );
    assert.deepEqual(await exec(admin, "ALTER NETWORK POLICY IF EXISTS np1 SET COMMENT = 'x'"), [
      { status: "Statement executed successfully." },
    ]);
    await expectError(
      "ALTER NETWORK POLICY np1 SET COMMENT = 'x'",
      "002003",
      "SQL compilation error:\nNetwork policy 'NP1' does not exist or not authorized.",
    );
  });

  it("errors: exists, invalid IP, unknown property", async () => {
    await expectError("CREATE NETWORK POLICY np_empty", "002002", "SQL compilation error:\nObject 'NP_EMPTY' already exists.");
    assert.deepEqual(await exec(admin, "CREATE NETWORK POLICY IF NOT EXISTS np_empty"), [
      { status: "NP_EMPTY already exists, statement succeeded." },
    ]);
    await expectError(
      "CREATE NETWORK POLICY np_bad ALLOWED_IP_LIST = ('300.1.1.1')",
      "001422",
      "SQL compilation error:\ninvalid value '300.1.1.1' for property 'ALLOWED_IP_LIST'",
    );
    await expectError(
      "CREATE NETWORK POLICY np_bad FOO = ('1.1.1.1')",
      "001423",
      "SQL compilation error:\ninvalid property 'FOO' for 'NETWORK POLICY'",
    );
  });

  it("a policy assigned to a user cannot be dropped or replaced; login from a blocked IP fails", async () => {
    await exec(admin, "CREATE NETWORK POLICY np_user BLOCKED_IP_LIST = ('127.0.0.1')");
    await exec(admin, "CREATE USER np_victim PASSWORD = 'pw'");
    await exec(admin, "ALTER USER np_victim SET NETWORK_POLICY = np_user");
    const inUse =
      "SQL compilation error:\nCannot perform Drop operation on network policy NP_USER. The policy is attached to USER with name NP_VICTIM. Unset the network policy from USER and try the Drop operation again.";
    await expectError("DROP NETWORK POLICY np_user", "001492", inUse, "42601");
    await expectError("CREATE OR REPLACE NETWORK POLICY np_user", "001492", inUse, "42601");
    await assert.rejects(connect(emu, { username: "np_victim", password: "pw" }), (e: any) => e.code === "390422");
    await expectError(
      "ALTER USER np_victim SET NETWORK_POLICY = nope",
      "002003",
      "SQL compilation error:\nNetwork policy 'NOPE' does not exist or not authorized.",
    );
    await exec(admin, "ALTER USER np_victim UNSET NETWORK_POLICY");
    const c = await connect(emu, { username: "np_victim", password: "pw" });
    await destroy(c);
    assert.deepEqual(await exec(admin, "DROP NETWORK POLICY np_user"), [{ status: "NP_USER successfully dropped." }]);
    assert.deepEqual(await exec(admin, "DROP NETWORK POLICY IF EXISTS np_user"), [
      { status: "Drop statement executed successfully (NP_USER already dropped)." },
    ]);
    await expectError(
      "DROP NETWORK POLICY np_user",
      "002003",
      "SQL compilation error:\nNetwork policy 'NP_USER' does not exist or not authorized.",
    );
  });

  it("CREATE OR REPLACE of an unassigned policy resets it", async () => {
    await exec(admin, "CREATE OR REPLACE NETWORK POLICY np_rules BLOCKED_IP_LIST = ('10.1.1.1')");
    assert.deepEqual(await exec(admin, "DESC NETWORK POLICY np_rules"), [{ name: "BLOCKED_IP_LIST", value: "10.1.1.1" }]);
  });
});

describe("account parameters", () => {
  it("ALTER ACCOUNT SET/UNSET and SHOW PARAMETERS LIKE ... IN ACCOUNT", async () => {
    const show = async (): Promise<any> =>
      (await exec(admin, "SHOW PARAMETERS LIKE 'OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST' IN ACCOUNT"))[0];
    const r0 = await show();
    assert.deepEqual(Object.keys(r0), ["key", "value", "default", "level", "description", "type"]);
    assert.equal(r0.value, "true");
    assert.equal(r0.level, "");
    assert.equal(r0.type, "BOOLEAN");
    await exec(admin, "ALTER ACCOUNT SET OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = FALSE");
    const r1 = await show();
    assert.equal(r1.value, "false");
    assert.equal(r1.default, "true");
    assert.equal(r1.level, "ACCOUNT");
    await exec(admin, "ALTER ACCOUNT UNSET OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST");
    assert.equal((await show()).value, "true");
    await exec(admin, "ALTER ACCOUNT SET EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = false");
    const both = await exec(admin, "SHOW PARAMETERS LIKE '%privileged_roles%' IN ACCOUNT");
    assert.deepEqual(
      both.map((r) => [r.key, r.value]),
      [
        ["OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST", "true"],
        ["EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST", "false"],
      ],
    );
    await exec(admin, "ALTER ACCOUNT UNSET EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST");
  });

  it("errors: invalid value, unknown parameter", async () => {
    await expectError(
      "ALTER ACCOUNT SET OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = 'maybe'",
      "001422",
      "SQL compilation error:\ninvalid value 'maybe' for property 'OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST'",
    );
    await expectError("ALTER ACCOUNT SET NOT_A_PARAM = 1", "001006", "SQL compilation error:\ninvalid parameter 'NOT_A_PARAM'");
  });

  it("ALTER SESSION SET QUERY_TAG shows in SHOW PARAMETERS (session)", async () => {
    await exec(admin, "ALTER SESSION SET QUERY_TAG = 'tagged'");
    const r = await exec(admin, "SHOW PARAMETERS LIKE 'QUERY_TAG'");
    assert.equal(r[0].value, "tagged");
    assert.equal(r[0].level, "SESSION");
  });
});

describe("SELECT and syntax", () => {
  it("literals and context functions", async () => {
    const rows = await exec(admin, "select 1, 2.5, 'it''s', 'a\\tb', $$raw\\n$$ AS d, TRUE, NULL, current_account(), current_role()");
    assert.deepEqual(rows, [
      {
        "1": 1,
        "2.5": 2.5,
        "'IT''S'": "it's",
        "'A\\TB'": "a\tb",
        D: "raw\\n",
        TRUE: true,
        NULL: null,
        "CURRENT_ACCOUNT()": "EMULATOR",
        "CURRENT_ROLE()": "ACCOUNTADMIN",
      },
    ]);
    const j = await exec(admin, 'SELECT PARSE_JSON(\'{"a":{"b":"x"}}\'):a:b::string AS v');
    assert.deepEqual(j, [{ V: "x" }]);
  });

  it("errors: unknown function, invalid identifier, unsupported FROM", async () => {
    await expectError("SELECT nosuch_fn()", "002140", "SQL compilation error:\nUnknown function NOSUCH_FN", "42601");
    await expectError("SELECT foo", "000904", "SQL compilation error: error line 1 at position 7\ninvalid identifier 'FOO'", "42000");
    await expectError("SELECT 1,\n  bar", "000904", "SQL compilation error: error line 2 at position 2\ninvalid identifier 'BAR'", "42000");
    await expectError("SELECT 1 FROM t", "000002", "Unsupported feature 'SELECT ... FROM'.", "0A000");
  });

  it("syntax errors report line and position", async () => {
    await expectError("CREATE USER", "001003", "SQL compilation error:\nsyntax error line 1 at position 11 unexpected '<EOF>'.", "42000");
    await expectError(
      "CREATE USER u9 COMMENT = ",
      "001003",
      "SQL compilation error:\nsyntax error line 1 at position 25 unexpected '<EOF>'.",
    );
    await expectError(
      "ALTER USER admin\n  SETT COMMENT = 'x'",
      "001003",
      "SQL compilation error:\nsyntax error line 2 at position 2 unexpected 'SETT'.",
    );
    await expectError("FROBNICATE", "001003", "SQL compilation error:\nsyntax error line 1 at position 0 unexpected 'FROBNICATE'.");
    await expectError(
      "CREATE USER u9 COMMENT = 'a' COMMENT = 'b'",
      "001003",
      "SQL compilation error:\nsyntax error line 1 at position 29 unexpected 'COMMENT'.",
    );
    await expectError("SELECT 'unterminated", "001003", "SQL compilation error:\nsyntax error line 1 at position 7 unexpected '<EOF>'.");
  });

  it("known but unimplemented statements are NotSupported (000002), never silently accepted", async () => {
    await expectError("CREATE TABLE t (a int)", "000002", "Unsupported feature 'CREATE TABLE'.", "0A000");
    await expectError("CREATE WAREHOUSE wh", "000002", "Unsupported feature 'CREATE WAREHOUSE'.");
    await expectError("USE WAREHOUSE wh", "000002", "Unsupported feature 'USE WAREHOUSE'.");
    await expectError("ALTER ACCOUNT SET TAG t = 'v'", "000002", "Unsupported feature 'ALTER ACCOUNT SET TAG'.");
  });

  it("comments and case-insensitive keywords", async () => {
    const r = await exec(admin, '-- leading comment\n/* block */ sElEcT // trailing\n 3 AS "x"');
    assert.deepEqual(r, [{ x: 3 }]);
  });
});

describe("cross-object behaviour", () => {
  it("SHOW PARAMETERS IN USER shows the user's NETWORK_POLICY", async () => {
    await exec(admin, "CREATE NETWORK POLICY np_param ALLOWED_IP_LIST = ('127.0.0.1')");
    await exec(admin, "CREATE USER param_user");
    const before = await exec(admin, "SHOW PARAMETERS LIKE 'NETWORK_POLICY' IN USER param_user");
    assert.deepEqual([before[0].key, before[0].value, before[0].level], ["NETWORK_POLICY", "", ""]);
    await exec(admin, "ALTER USER param_user SET NETWORK_POLICY = 'np_param'");
    const after = await exec(admin, "SHOW PARAMETERS LIKE 'NETWORK_POLICY' IN USER param_user");
    assert.deepEqual([after[0].value, after[0].level], ["NP_PARAM", "USER"]);
    await exec(admin, "ALTER NETWORK POLICY np_param RENAME TO np_param2");
    assert.equal((await exec(admin, "SHOW PARAMETERS LIKE 'NETWORK_POLICY' IN USER param_user"))[0].value, "NP_PARAM2", "rename follows");
  });

  it("a policy assigned to a security integration cannot be dropped", async () => {
    await exec(admin, "CREATE NETWORK POLICY np_int ALLOWED_IP_LIST = ('127.0.0.1')");
    await exec(
      admin,
      "CREATE SECURITY INTEGRATION np_oauth TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://example.com/cb' NETWORK_POLICY = 'np_int'",
    );
    await expectError(
      "DROP NETWORK POLICY np_int",
      "001492",
      "SQL compilation error:\nCannot perform Drop operation on network policy NP_INT. The policy is attached to INTEGRATION with name NP_OAUTH. Unset the network policy from INTEGRATION and try the Drop operation again.",
      "42601",
    );
    await exec(admin, "DROP INTEGRATION np_oauth");
    await exec(admin, "DROP NETWORK POLICY np_int");
  });

  it("GRANT USAGE / OWNERSHIP ON INTEGRATION and SHOW GRANTS ON INTEGRATION", async () => {
    await exec(admin, "CREATE ROLE int_user");
    await exec(
      admin,
      "CREATE SECURITY INTEGRATION granted_int TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://example.com/cb'",
    );
    await exec(admin, "GRANT USAGE ON INTEGRATION granted_int TO ROLE int_user");
    let g = await exec(admin, "SHOW GRANTS ON INTEGRATION granted_int");
    assert.deepEqual(g.map((x) => [x.privilege, x.grantee_name]).sort(), [
      ["OWNERSHIP", "ACCOUNTADMIN"],
      ["USAGE", "INT_USER"],
    ]);
    await exec(admin, "GRANT OWNERSHIP ON INTEGRATION granted_int TO ROLE int_user");
    g = await exec(admin, "SHOW GRANTS ON INTEGRATION granted_int");
    assert.ok(g.some((x) => x.privilege === "OWNERSHIP" && x.grantee_name === "INT_USER"));
    await expectError(
      "GRANT USAGE ON INTEGRATION no_such_int TO ROLE int_user",
      "002003",
      "SQL compilation error:\nIntegration 'NO_SUCH_INT' does not exist or not authorized.",
    );
    await expectError("GRANT FROB ON ACCOUNT TO ROLE int_user", "003011", "SQL compilation error:\nInvalid privilege FROB on ACCOUNT.");
    // ACCOUNTADMIN no longer owns it (INT_USER is not in its hierarchy) but holds MANAGE GRANTS, so it can take it back.
    assert.equal((await execError(admin, "DROP INTEGRATION granted_int")).code, "002003");
    await exec(admin, "GRANT OWNERSHIP ON INTEGRATION granted_int TO ROLE accountadmin REVOKE CURRENT GRANTS");
    g = await exec(admin, "SHOW GRANTS ON INTEGRATION granted_int");
    assert.deepEqual(
      g.map((x) => [x.privilege, x.grantee_name]),
      [["OWNERSHIP", "ACCOUNTADMIN"]],
      "REVOKE CURRENT GRANTS drops USAGE",
    );
    await exec(admin, "DROP INTEGRATION granted_int");
    await expectError("SHOW TERSE USERS", "000002", "Unsupported feature 'SHOW TERSE USERS'.");
  });

  it("secrets never appear in error messages", async () => {
    const e1 = await execError(admin, "CREATE USER leak PASSWORD = 'a' 'TopSecret'");
    assert.equal(e1.message, "SQL compilation error:\nsyntax error line 1 at position 32 unexpected ''***''.");
    const e2 = await execError(admin, "CREATE USER leak PASSWORD = 987654321");
    assert.equal(e2.message, "SQL compilation error:\ninvalid value '***' for property 'PASSWORD'");
  });
});
