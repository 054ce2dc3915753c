/**
 * Network rules through the real snowflake-sdk: DDL and output shapes (snowflakedb/terraform-provider-snowflake
 * `pkg/sdk/testint/network_rule_gen_integration_test.go`, docs create/alter/show/desc-network-rule), policies that
 * reference rules, and rule evaluation at login (https://docs.snowflake.com/en/user-guide/network-policies).
 * The driver connects from 127.0.0.1, so every login case is judged on that address.
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as http from "node:http";
import { connect, destroy, exec, execError, withEmulator, loginCode } from "../helpers/emulator";

async function setup(admin: unknown): Promise<void> {
  await exec(admin, "CREATE DATABASE sec");
  await exec(admin, "CREATE SCHEMA sec.rules");
}

test("CREATE / SHOW / DESC / ALTER / DROP NETWORK RULE: shapes and values as the TF live tests read them", async () => {
  await withEmulator(async (emu) => {
    const admin = await connect(emu);
    try {
      await setup(admin);
      await exec(admin, "CREATE NETWORK RULE sec.rules.empty TYPE = IPV4 VALUE_LIST = () MODE = INGRESS");
      await exec(
        admin,
        "CREATE OR REPLACE NETWORK RULE sec.rules.office TYPE = IPV4 VALUE_LIST = ('0.0.0.0', '1.1.1.1') MODE = INGRESS COMMENT = 'test comment'",
      );
      const shown = await exec(admin, "SHOW NETWORK RULES LIKE 'OFFICE' IN SCHEMA sec.rules");
      assert.equal(shown.length, 1);
      assert.deepEqual(Object.keys(shown[0]), [
        "created_on",
        "name",
        "database_name",
        "schema_name",
        "owner",
        "comment",
        "type",
        "mode",
        "entries_in_valuelist",
        "owner_role_type",
      ]);
      const s = shown[0];
      assert.deepEqual(
        [s.name, s.database_name, s.schema_name, s.owner, s.comment, s.type, s.mode, s.entries_in_valuelist, s.owner_role_type],
        ["OFFICE", "SEC", "RULES", "ACCOUNTADMIN", "test comment", "IPV4", "INGRESS", 2, "ROLE"],
      );
      assert.ok(
        s.created_on !== null && typeof s.created_on === "object" && !Number.isNaN(new Date(String(s.created_on)).getTime()),
        "created_on is a timestamp",
      );
      const d = (await exec(admin, "DESCRIBE NETWORK RULE sec.rules.office"))[0];
      assert.deepEqual(Object.keys(d), [
        "created_on",
        "name",
        "database_name",
        "schema_name",
        "owner",
        "comment",
        "type",
        "mode",
        "value_list",
      ]);
      assert.equal(d.value_list, "0.0.0.0,1.1.1.1");
      const e = (await exec(admin, "DESC NETWORK RULE sec.rules.empty"))[0];
      assert.deepEqual([e.comment, e.mode, e.value_list], ["", "INGRESS", ""]);
      assert.equal((await exec(admin, "SHOW NETWORK RULES LIKE 'EMPTY' IN DATABASE sec"))[0].entries_in_valuelist, 0);

      await exec(admin, "ALTER NETWORK RULE sec.rules.empty SET VALUE_LIST = ('10.0.0.0/8') COMMENT = 'some comment'");
      let r = (await exec(admin, "DESC NETWORK RULE sec.rules.empty"))[0];
      assert.deepEqual([r.value_list, r.comment], ["10.0.0.0/8", "some comment"]);
      await exec(admin, "ALTER NETWORK RULE sec.rules.empty UNSET VALUE_LIST");
      await exec(admin, "ALTER NETWORK RULE sec.rules.empty UNSET COMMENT");
      r = (await exec(admin, "DESC NETWORK RULE sec.rules.empty"))[0];
      assert.deepEqual([r.value_list, r.comment], ["", ""]);
      // MODE defaults to INGRESS (CREATE page); HOST_PORT with EGRESS (TF acceptance test values).
      await exec(admin, "CREATE NETWORK RULE sec.rules.dflt TYPE = IPV4 VALUE_LIST = ('192.168.1.0/24')");
      assert.equal((await exec(admin, "DESC NETWORK RULE sec.rules.dflt"))[0].mode, "INGRESS");
      await exec(
        admin,
        "CREATE NETWORK RULE sec.rules.out TYPE = HOST_PORT MODE = EGRESS VALUE_LIST = ('example.com', 'snowflake.com:443', '*.google.com')",
      );
      await exec(
        admin,
        "CREATE NETWORK RULE sec.rules.v6 TYPE = IPV6 MODE = INGRESS VALUE_LIST = ('2001:db8::/32', '2001:0db8:85a3::8a2e:370:7334', '::ffff:192.0.2.1')",
      );
      assert.equal((await exec(admin, "SHOW NETWORK RULES IN ACCOUNT")).length, 5);

      await exec(admin, "DROP NETWORK RULE sec.rules.dflt");
      assert.equal((await exec(admin, "SHOW NETWORK RULES LIKE 'DFLT' IN SCHEMA sec.rules")).length, 0);
      assert.match(String((await exec(admin, "DROP NETWORK RULE IF EXISTS sec.rules.dflt"))[0].status), /already dropped/);
      const gone = await execError(admin, "DESC NETWORK RULE sec.rules.dflt");
      assert.deepEqual(
        [gone.code, gone.message],
        ["002003", "SQL compilation error:\nNetwork rule 'SEC.RULES.DFLT' does not exist or not authorized."],
      );
      assert.equal((await execError(admin, "CREATE NETWORK RULE sec.rules.office TYPE = IPV4 VALUE_LIST = ()")).code, "002002");
    } finally {
      await destroy(admin);
    }
  });
});

test("value rules per TYPE and MODE are refused; unqualified names need a current database (090105)", async () => {
  await withEmulator(async (emu) => {
    const admin = await connect(emu);
    try {
      const none = await execError(admin, "CREATE NETWORK RULE r TYPE = IPV4 VALUE_LIST = ()");
      assert.equal(none.code, "090105");
      assert.match(none.message, /This session does not have a current database\. Call 'USE DATABASE', or use a qualified name\./);
      await setup(admin);
      const bad = async (sql: string) => (await execError(admin, sql)).code;
      assert.equal(await bad("CREATE NETWORK RULE sec.rules.a TYPE = IPV4 VALUE_LIST = ('1.2.3.256')"), "001422");
      assert.equal(await bad("CREATE NETWORK RULE sec.rules.a TYPE = IPV4 VALUE_LIST = ('1.2.3.4/33')"), "001422");
      assert.equal(await bad("CREATE NETWORK RULE sec.rules.a TYPE = IPV4 VALUE_LIST = ('2001:db8::/32')"), "001422");
      assert.equal(await bad("CREATE NETWORK RULE sec.rules.a TYPE = IPV6 VALUE_LIST = ('10.0.0.1')"), "001422");
      assert.equal(await bad("CREATE NETWORK RULE sec.rules.a TYPE = IPV6 MODE = EGRESS VALUE_LIST = ('::1')"), "001422");
      assert.equal(await bad("CREATE NETWORK RULE sec.rules.a TYPE = PRIVATE_HOST_PORT MODE = INGRESS VALUE_LIST = ('a.com')"), "001422");
      assert.equal(
        await bad("CREATE NETWORK RULE sec.rules.a TYPE = PRIVATE_HOST_PORT MODE = EGRESS VALUE_LIST = ('a.com', 'b.com')"),
        "001422",
      );
      assert.equal(await bad("CREATE NETWORK RULE sec.rules.a TYPE = IPV4 MODE = INTERNAL_STAGE VALUE_LIST = ()"), "001422");
      assert.equal(await bad("CREATE NETWORK RULE sec.rules.a TYPE = HOST_PORT MODE = EGRESS VALUE_LIST = ('0.0.0.0:8080')"), "001422");
      assert.equal(await bad("CREATE NETWORK RULE sec.rules.a TYPE = HOST_PORT MODE = EGRESS VALUE_LIST = ('a.com:70000')"), "001422");
      assert.equal(await bad("CREATE NETWORK RULE sec.rules.a TYPE = NOPE VALUE_LIST = ()"), "001422");
      assert.equal(await bad("CREATE NETWORK RULE sec.rules.a TYPE = IPV4"), "001422");
      assert.equal(await bad("ALTER NETWORK RULE sec.rules.a SET COMMENT = 'x'"), "002003");
      await exec(admin, "CREATE NETWORK RULE sec.rules.a TYPE = AWSVPCEID MODE = INTERNAL_STAGE VALUE_LIST = ('vpce-123abc3420c1931')");
      assert.equal(await bad("ALTER NETWORK RULE sec.rules.a SET MODE = INGRESS"), "001423");
      // USE DATABASE makes PUBLIC the current schema (USE DATABASE page); USE SCHEMA picks another.
      await exec(admin, "USE DATABASE sec");
      await exec(admin, "CREATE NETWORK RULE pub TYPE = IPV4 VALUE_LIST = ()");
      assert.equal((await exec(admin, "SHOW NETWORK RULES IN SCHEMA sec.public"))[0].name, "PUB");
      await exec(admin, "USE SCHEMA sec.rules");
      await exec(admin, "CREATE NETWORK RULE local TYPE = IPV4 VALUE_LIST = ()");
      assert.equal((await exec(admin, "DESC NETWORK RULE sec.rules.local"))[0].schema_name, "RULES");
      assert.deepEqual(
        (await exec(admin, "SHOW NETWORK RULES")).map((r: any) => r.name),
        ["A", "LOCAL", "PUB"],
      );
    } finally {
      await destroy(admin);
    }
  });
});

test("policies name existing rules; a rule a policy uses cannot be dropped", async () => {
  await withEmulator(async (emu) => {
    const admin = await connect(emu);
    try {
      await setup(admin);
      const missing = await execError(admin, "CREATE NETWORK POLICY p ALLOWED_NETWORK_RULE_LIST = ('sec.rules.nope')");
      assert.deepEqual(
        [missing.code, missing.message],
        ["002003", "SQL compilation error:\nNetwork rule 'SEC.RULES.NOPE' does not exist or not authorized."],
      );
      await exec(admin, "CREATE NETWORK RULE sec.rules.office TYPE = IPV4 VALUE_LIST = ('127.0.0.1')");
      await exec(admin, "CREATE NETWORK RULE sec.rules.out TYPE = HOST_PORT MODE = EGRESS VALUE_LIST = ('example.com')");
      assert.equal((await execError(admin, "CREATE NETWORK POLICY p ALLOWED_NETWORK_RULE_LIST = ('sec.rules.out')")).code, "001422");
      await exec(admin, "USE SCHEMA sec.rules");
      await exec(admin, "CREATE NETWORK POLICY p ALLOWED_NETWORK_RULE_LIST = ('office')");
      const desc = await exec(admin, "DESC NETWORK POLICY p");
      assert.deepEqual(
        desc.map((r: any) => [r.name, r.value]),
        [["ALLOWED_NETWORK_RULE_LIST", '[{"fullyQualifiedRuleName":"SEC.RULES.OFFICE"}]']],
      );
      const inUse = await execError(admin, "DROP NETWORK RULE sec.rules.office");
      assert.equal(inUse.code, "001492");
      assert.match(inUse.message, /attached to NETWORK POLICY with name P/);
      await exec(admin, "ALTER NETWORK POLICY p REMOVE ALLOWED_NETWORK_RULE_LIST = ('sec.rules.office')");
      await exec(admin, "DROP NETWORK RULE sec.rules.office");
    } finally {
      await destroy(admin);
    }
  });
});

test("login: rule-based account policy refuses, a user policy overrides it, blocked rules first, IPv6 and non-INGRESS rules never govern", async () => {
  await withEmulator(async (emu) => {
    const admin = await connect(emu);
    try {
      await setup(admin);
      const rule = (n: string, v: string, extra = "") =>
        exec(admin, `CREATE NETWORK RULE sec.rules.${n} TYPE = IPV4 VALUE_LIST = (${v}) ${extra}`);
      await rule("elsewhere", "'10.0.0.0/8'");
      await rule("local", "'127.0.0.0/8'");
      await rule("me", "'127.0.0.1'");
      await exec(admin, "CREATE NETWORK RULE sec.rules.v6 TYPE = IPV6 VALUE_LIST = ('::/0', '::ffff:127.0.0.1')");
      await rule("pg", "'10.0.0.0/8'", "MODE = POSTGRES_INGRESS");
      await exec(admin, "CREATE NETWORK POLICY acct ALLOWED_NETWORK_RULE_LIST = ('sec.rules.elsewhere')");
      await exec(admin, "CREATE NETWORK POLICY admin_ok ALLOWED_NETWORK_RULE_LIST = ('sec.rules.local')");
      await exec(admin, "ALTER USER admin SET NETWORK_POLICY = admin_ok");
      // Snowflake refuses an account policy that excludes the caller's own address (network-policies guide)…
      await assert.rejects(exec(admin, "ALTER ACCOUNT SET NETWORK_POLICY = acct"), /Network policy ACCT cannot be activated/);
      // …so an administrator elsewhere activates it (the harness's in-process session has no client address).
      await emu.execAsAdmin("ALTER ACCOUNT SET NETWORK_POLICY = acct");
      await exec(admin, "CREATE USER u PASSWORD = 'pw'");
      // An allowed IPv4 rule admits only its addresses (guide: "all other IPv4 addresses are blocked").
      assert.equal(await loginCode(emu, "u", "pw"), "390422");
      // The user's policy overrides the account's.
      assert.equal(await loginCode(emu, "admin", "admin"), null);
      await exec(
        admin,
        "CREATE NETWORK POLICY blk ALLOWED_NETWORK_RULE_LIST = ('sec.rules.local') BLOCKED_NETWORK_RULE_LIST = ('sec.rules.me')",
      );
      await exec(admin, "ALTER USER u SET NETWORK_POLICY = blk");
      assert.equal(await loginCode(emu, "u", "pw"), "390422", "blocked rules first");
      await exec(admin, "ALTER NETWORK POLICY blk UNSET BLOCKED_NETWORK_RULE_LIST");
      assert.equal(await loginCode(emu, "u", "pw"), null);
      // Rules are read at each login: a changed VALUE_LIST takes effect.
      await exec(admin, "ALTER NETWORK RULE sec.rules.local SET VALUE_LIST = ('10.9.9.9')");
      assert.equal(await loginCode(emu, "u", "pw"), "390422");
      await exec(admin, "ALTER NETWORK RULE sec.rules.local SET VALUE_LIST = ('127.0.0.0/8')");
      // An IPv6 rule blocking ::/0 (and ::ffff:127.0.0.1) does not refuse an IPv4 client; nor does it admit one.
      await exec(admin, "CREATE NETWORK POLICY v6 ALLOWED_IP_LIST = ('127.0.0.1') BLOCKED_NETWORK_RULE_LIST = ('sec.rules.v6')");
      await exec(admin, "ALTER USER u SET NETWORK_POLICY = v6");
      assert.equal(await loginCode(emu, "u", "pw"), null);
      await exec(admin, "CREATE NETWORK POLICY v6a ALLOWED_IP_LIST = ('10.0.0.1') ALLOWED_NETWORK_RULE_LIST = ('sec.rules.v6')");
      await exec(admin, "ALTER USER u SET NETWORK_POLICY = v6a");
      assert.equal(await loginCode(emu, "u", "pw"), "390422");
      // POSTGRES_INGRESS rules restrict Postgres instances, not logins.
      await exec(admin, "CREATE NETWORK POLICY pg ALLOWED_NETWORK_RULE_LIST = ('sec.rules.pg')");
      await exec(admin, "ALTER USER u SET NETWORK_POLICY = pg");
      assert.equal(await loginCode(emu, "u", "pw"), null);
      // Explicitly empty ALLOWED_IP_LIST: refuses without rules, the allowed rule decides with one.
      await exec(admin, "CREATE NETWORK POLICY empty ALLOWED_IP_LIST = ()");
      await exec(admin, "ALTER USER u SET NETWORK_POLICY = empty");
      assert.equal(await loginCode(emu, "u", "pw"), "390422");
      await exec(admin, "ALTER NETWORK POLICY empty SET ALLOWED_NETWORK_RULE_LIST = ('sec.rules.me')");
      assert.equal(await loginCode(emu, "u", "pw"), null);
      await exec(admin, "ALTER ACCOUNT UNSET NETWORK_POLICY");
    } finally {
      await destroy(admin);
    }
  });
});

function post(url: string, path: string, headers: Record<string, string>, body: string): Promise<any> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: u.port, method: "POST", path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}")));
    });
    req.on("error", reject);
    req.end(body);
  });
}

test("CURRENT_IP_ADDRESS(): the address login saw (socket, or X-Forwarded-For with trustForwardedFor)", async () => {
  await withEmulator(async (emu) => {
    const c = await connect(emu);
    try {
      assert.equal((await exec(c, "SELECT CURRENT_IP_ADDRESS() AS IP"))[0].IP, "127.0.0.1");
    } finally {
      await destroy(c);
    }
  });
  await withEmulator(
    async (emu) => {
      const json = { "Content-Type": "application/json" };
      const body = JSON.stringify({ data: { LOGIN_NAME: "ADMIN", PASSWORD: "admin", AUTHENTICATOR: "SNOWFLAKE" } });
      const login = await post(emu.url, "/session/v1/login-request", { ...json, "X-Forwarded-For": "203.0.113.7, 10.0.0.1" }, body);
      assert.equal(login.success, true);
      const q = await post(
        emu.url,
        "/queries/v1/query-request?requestId=00000000-0000-4000-8000-000000000001",
        { ...json, Authorization: `Snowflake Token="${login.data.token}"` },
        JSON.stringify({ sqlText: "SELECT CURRENT_IP_ADDRESS()", asyncExec: false }),
      );
      assert.equal(q.success, true);
      assert.deepEqual(q.data.rowset, [["203.0.113.7"]]);
    },
    { trustForwardedFor: true },
  );
});
