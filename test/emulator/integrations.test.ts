/**
 * Conformance of the security-integration statements through the real snowflake-sdk:
 * every statement form for every kind, DESCRIBE/SHOW shapes, and every integration error.
 * Expected DESCRIBE rows are written out here (from Snowflake-Labs/terraform-provider-snowflake
 * pkg/sdk/testint/security_integrations_gen_integration_test.go live assertions and a real 2021 DESC dump; see
 * emulator/FIDELITY.md), not derived from the emulator's tables, so a table edit that changes Snowflake's shape fails a test.
 */
import { connect, destroy, exec, execError, tempDir, withEmulator } from "../helpers/emulator";
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { Emulator, startEmulator } from "../../emulator/index";
import { ecKey, rsaKey, smallRsaKey } from "../helpers/integration-keys";

type Row = Record<string, string | boolean | null>;
type DescRow = [string, string, string, string];

let emu: Emulator;
let admin: any;

before(async () => {
  emu = await startEmulator({ port: 0 });
  admin = await connect(emu);
  await exec(admin, "CREATE ROLE R1");
  await exec(admin, "CREATE ROLE R2");
  await exec(admin, "CREATE ROLE Z_ROLE");
  await exec(admin, `CREATE ROLE "lower_role"`);
  await exec(admin, "CREATE NETWORK POLICY NP1 ALLOWED_IP_LIST = ('127.0.0.1')");
  await exec(admin, `CREATE NETWORK POLICY "np_lower" ALLOWED_IP_LIST = ('127.0.0.1')`);
});

after(async () => {
  await destroy(admin);
  await emu.stop();
});

async function desc(name: string): Promise<DescRow[]> {
  const rows = await exec(admin, `DESCRIBE SECURITY INTEGRATION ${name}`);
  return rows.map((r: Row) => [r.property, r.property_type, r.property_value, r.property_default] as DescRow);
}

async function descMap(name: string): Promise<Map<string, DescRow>> {
  return new Map((await desc(name)).map((r) => [r[0], r]));
}

async function value(name: string, property: string): Promise<string> {
  const r = (await descMap(name)).get(property);
  assert.ok(r, `${property} row missing`);
  return r[2];
}

/** Columns (name, type) of a statement's result, from the driver's metadata. */
function columns(conn: any, sqlText: string): Promise<[string, string][]> {
  return new Promise((resolve, reject) => {
    conn.execute({
      sqlText,
      complete: (err: unknown, stmt: any) => (err ? reject(err) : resolve(stmt.getColumns().map((c: any) => [c.getName(), c.getType()]))),
    });
  });
}

async function expectError(sql: string, code: string, message: RegExp | string, conn: any = admin): Promise<void> {
  const e = await execError(conn, sql);
  assert.equal(String(e.code).padStart(6, "0"), code, `${sql}\n→ ${e.message}`);
  if (typeof message === "string") assert.equal(e.message, message);
  else assert.match(e.message, message);
}

// ---------------------------------------------------------------------------------------------
// DESCRIBE shapes

/**
 * DESCRIBE of a fresh custom client with only the required properties (TF testint `assertOauthCustom` / `assertOauthPartner` rows + the 2021
 * dump order). OAUTH_ENABLE_ROLE_SELECTION / OAUTH_ALTERNATE_REDIRECT_URIS / IS_AGENTIC: no sourced row, none shown.
 */
function customDefaults(clientId: string, url: string, clientType = "CONFIDENTIAL", redirect = "https://example.com/cb"): DescRow[] {
  const alt = url.replace("127.0.0.1", "localhost");
  return [
    ["ENABLED", "Boolean", "true", "true"],
    ["OAUTH_REDIRECT_URI", "String", redirect, ""],
    ["OAUTH_CLIENT_TYPE", "String", clientType, "CONFIDENTIAL"],
    ["OAUTH_ISSUE_REFRESH_TOKENS", "Boolean", "true", "true"],
    ["OAUTH_REFRESH_TOKEN_VALIDITY", "Long", "7776000", "7776000"],
    ["OAUTH_ENFORCE_PKCE", "Boolean", "false", "false"],
    ["OAUTH_CLIENT_ID", "String", clientId, ""],
    ["OAUTH_AUTHORIZATION_ENDPOINT", "String", `${url}/oauth/authorize`, ""],
    ["OAUTH_TOKEN_ENDPOINT", "String", `${url}/oauth/token-request`, ""],
    ["PRE_AUTHORIZED_ROLES_LIST", "List", "", "[]"],
    ["BLOCKED_ROLES_LIST", "List", "ACCOUNTADMIN,SECURITYADMIN", "[]"],
    ["OAUTH_ALLOW_NON_TLS_REDIRECT_URI", "Boolean", "false", "false"],
    ["OAUTH_CLIENT_RSA_PUBLIC_KEY_FP", "String", "", ""],
    ["OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP", "String", "", ""],
    ["NETWORK_POLICY", "String", "", ""],
    ["OAUTH_USE_SECONDARY_ROLES", "String", "NONE", "NONE"],
    ["COMMENT", "String", "", ""],
    ["ALLOWED_ROLES_LIST", "List", "", "[]"],
    ["OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED", "Boolean", "false", "false"],
    ["OAUTH_ACCESS_TOKEN_VALIDITY", "Long", "600", "600"],
    ["USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT", "Boolean", "false", "false"],
    ["OAUTH_ANY_ROLE_MODE", "String", "DISABLE", "DISABLE"],
    ["OAUTH_ALLOWED_AUTHORIZATION_ENDPOINTS", "List", `${url}/oauth/authorize,${alt}/oauth/authorize`, "[]"],
    ["OAUTH_ALLOWED_TOKEN_ENDPOINTS", "List", `${url}/oauth/token-request,${alt}/oauth/token-request`, "[]"],
  ];
}

describe("Snowflake OAuth for custom clients", () => {
  test("CREATE with the required properties: DESCRIBE rows, types, values and defaults exactly", async () => {
    const [status] = await exec(
      admin,
      "CREATE SECURITY INTEGRATION c_min TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://example.com/cb'",
    );
    assert.equal(status.status, "Integration C_MIN successfully created.");
    const rows = await desc("c_min");
    const clientId = rows.find((r) => r[0] === "OAUTH_CLIENT_ID")?.[2] ?? "";
    assert.match(clientId, /^[A-Za-z0-9+/]{27}=$/);
    assert.deepEqual(rows, customDefaults(clientId, emu.url));
  });

  test("DESCRIBE columns are four text columns", async () => {
    assert.deepEqual(await columns(admin, "DESC INTEGRATION c_min"), [
      ["property", "text"],
      ["property_type", "text"],
      ["property_value", "text"],
      ["property_default", "text"],
    ]);
  });

  test("CREATE with every property (TF-generated SQL shape): every value as DESCRIBE shows it", async () => {
    const k1 = rsaKey(0);
    const k2 = rsaKey(1);
    await exec(
      admin,
      `CREATE SECURITY INTEGRATION IF NOT EXISTS "c_all" TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC'
        OAUTH_REDIRECT_URI = 'http://localhost:8080/cb' ENABLED = false OAUTH_ALLOW_NON_TLS_REDIRECT_URI = true OAUTH_ENFORCE_PKCE = true
        OAUTH_USE_SECONDARY_ROLES = NONE PRE_AUTHORIZED_ROLES_LIST = ("R1") ALLOWED_ROLES_LIST = ("R2")
        BLOCKED_ROLES_LIST = ("Z_ROLE", '"lower_role"'), OAUTH_ISSUE_REFRESH_TOKENS = false, OAUTH_REFRESH_TOKEN_VALIDITY = 12345
        NETWORK_POLICY = '"np_lower"' OAUTH_CLIENT_RSA_PUBLIC_KEY = '${k1.body}' OAUTH_CLIENT_RSA_PUBLIC_KEY_2 = '${k2.oneLine}'
        OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED = TRUE OAUTH_ACCESS_TOKEN_VALIDITY = 3600 USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT = FALSE
        OAUTH_ANY_ROLE_MODE = 'ENABLE' OAUTH_ENABLE_ROLE_SELECTION = TRUE OAUTH_ALTERNATE_REDIRECT_URIS = ('http://localhost:9090/cb')
        COMMENT = 'it''s a \\'comment\\''`,
    ).catch((e) => assert.fail(e.message));
    const d = await descMap('"c_all"');
    const v = (p: string): string => d.get(p)?.[2] ?? "<missing>";
    assert.equal(v("ENABLED"), "false");
    assert.equal(v("OAUTH_CLIENT_TYPE"), "PUBLIC");
    assert.equal(v("OAUTH_REDIRECT_URI"), "http://localhost:8080/cb");
    assert.equal(v("OAUTH_ALLOW_NON_TLS_REDIRECT_URI"), "true");
    assert.equal(v("OAUTH_ENFORCE_PKCE"), "true");
    assert.equal(v("PRE_AUTHORIZED_ROLES_LIST"), "R1");
    assert.equal(v("ALLOWED_ROLES_LIST"), "R2");
    assert.equal(v("BLOCKED_ROLES_LIST"), "ACCOUNTADMIN,SECURITYADMIN,Z_ROLE,lower_role"); // sorted union with the privileged roles
    assert.equal(v("OAUTH_ISSUE_REFRESH_TOKENS"), "false");
    assert.equal(v("OAUTH_REFRESH_TOKEN_VALIDITY"), "12345");
    assert.equal(v("NETWORK_POLICY"), "np_lower");
    assert.equal(v("OAUTH_CLIENT_RSA_PUBLIC_KEY_FP"), k1.fingerprint);
    assert.equal(v("OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP"), k2.fingerprint);
    assert.equal(v("OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED"), "true");
    assert.equal(v("OAUTH_ACCESS_TOKEN_VALIDITY"), "3600");
    assert.equal(v("OAUTH_ANY_ROLE_MODE"), "ENABLE");
    for (const p of ["OAUTH_ENABLE_ROLE_SELECTION", "OAUTH_ALTERNATE_REDIRECT_URIS", "IS_AGENTIC"])
      assert.ok(!d.has(p), `${p}: DESCRIBE row unsourced, not shown`);
    assert.equal(v("COMMENT"), "it's a 'comment'");
    assert.ok(!d.has("OAUTH_CLIENT_RSA_PUBLIC_KEY") && !d.has("OAUTH_CLIENT_RSA_PUBLIC_KEY_2"), "raw client keys are never shown");
  });

  test("ALTER SET of several properties (spaces, commas, newlines), then UNSET of several", async () => {
    const k = rsaKey(0);
    await exec(
      admin,
      "CREATE SECURITY INTEGRATION c_alter TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://example.com'",
    );
    const [st] = await exec(
      admin,
      `ALTER SECURITY INTEGRATION c_alter SET ENABLED = false, OAUTH_REDIRECT_URI = 'https://example.org/cb'
        OAUTH_ENFORCE_PKCE = true
        PRE_AUTHORIZED_ROLES_LIST = ('R1'), BLOCKED_ROLES_LIST = (Z_ROLE) OAUTH_REFRESH_TOKEN_VALIDITY = 86400
        OAUTH_USE_SECONDARY_ROLES = IMPLICIT NETWORK_POLICY = 'np1' OAUTH_CLIENT_RSA_PUBLIC_KEY = '${k.body}' COMMENT = 'c'`,
    );
    assert.equal(st.status, "Statement executed successfully.");
    let d = await descMap("c_alter");
    assert.deepEqual(
      [
        "ENABLED",
        "OAUTH_REDIRECT_URI",
        "OAUTH_ENFORCE_PKCE",
        "PRE_AUTHORIZED_ROLES_LIST",
        "BLOCKED_ROLES_LIST",
        "OAUTH_REFRESH_TOKEN_VALIDITY",
        "OAUTH_USE_SECONDARY_ROLES",
        "NETWORK_POLICY",
        "OAUTH_CLIENT_RSA_PUBLIC_KEY_FP",
        "COMMENT",
      ].map((p) => d.get(p)?.[2]),
      [
        "false",
        "https://example.org/cb",
        "true",
        "R1",
        "ACCOUNTADMIN,SECURITYADMIN,Z_ROLE",
        "86400",
        "IMPLICIT",
        "NP1",
        k.fingerprint,
        "c",
      ],
    );
    await exec(
      admin,
      "ALTER INTEGRATION c_alter UNSET ENABLED, NETWORK_POLICY, OAUTH_CLIENT_RSA_PUBLIC_KEY, OAUTH_CLIENT_RSA_PUBLIC_KEY_2, OAUTH_USE_SECONDARY_ROLES, COMMENT",
    );
    d = await descMap("c_alter");
    assert.deepEqual(
      ["ENABLED", "NETWORK_POLICY", "OAUTH_CLIENT_RSA_PUBLIC_KEY_FP", "OAUTH_USE_SECONDARY_ROLES", "COMMENT"].map((p) => d.get(p)?.[2]),
      ["true", "", "", "NONE", ""],
    );
    await exec(admin, "ALTER INTEGRATION c_alter SET PRE_AUTHORIZED_ROLES_LIST = (), ALLOWED_ROLES_LIST = (), BLOCKED_ROLES_LIST = ()");
    d = await descMap("c_alter");
    assert.deepEqual(
      ["PRE_AUTHORIZED_ROLES_LIST", "ALLOWED_ROLES_LIST", "BLOCKED_ROLES_LIST"].map((p) => d.get(p)?.[2]),
      ["", "", "ACCOUNTADMIN,SECURITYADMIN"],
    );
  });

  test("a key literal with PEM armour and blank lines gives the same fingerprint (armour stripped)", async () => {
    const k = rsaKey(1);
    await exec(
      admin,
      `ALTER INTEGRATION c_alter SET OAUTH_CLIENT_RSA_PUBLIC_KEY = '-----BEGIN PUBLIC KEY-----\n${k.body}\n-----END PUBLIC KEY-----\n'`,
    );
    assert.equal(await value("c_alter", "OAUTH_CLIENT_RSA_PUBLIC_KEY_FP"), k.fingerprint);
    await exec(admin, "ALTER INTEGRATION c_alter UNSET OAUTH_CLIENT_RSA_PUBLIC_KEY");
  });

  test("REFRESH OAUTH_CLIENT_SECRET[_2] regenerates one secret; SYSTEM$SHOW_OAUTH_CLIENT_SECRETS shape", async () => {
    const read = async (): Promise<Record<string, string>> => {
      const rows = await exec(admin, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('C_MIN') AS S");
      const text = String(Object.values(rows[0])[0]);
      assert.deepEqual(Object.keys(JSON.parse(text)), ["OAUTH_CLIENT_SECRET_2", "OAUTH_CLIENT_SECRET", "OAUTH_CLIENT_ID"]);
      return JSON.parse(text);
    };
    const s0 = await read();
    assert.match(s0.OAUTH_CLIENT_SECRET, /^[A-Za-z0-9+/]{43}=$/);
    assert.match(s0.OAUTH_CLIENT_SECRET_2, /^[A-Za-z0-9+/]{43}=$/);
    assert.equal(s0.OAUTH_CLIENT_ID, await value("c_min", "OAUTH_CLIENT_ID"));
    await exec(admin, "ALTER SECURITY INTEGRATION c_min REFRESH OAUTH_CLIENT_SECRET");
    const s1 = await read();
    assert.notEqual(s1.OAUTH_CLIENT_SECRET, s0.OAUTH_CLIENT_SECRET);
    assert.equal(s1.OAUTH_CLIENT_SECRET_2, s0.OAUTH_CLIENT_SECRET_2);
    await exec(admin, "ALTER INTEGRATION IF EXISTS c_min REFRESH OAUTH_CLIENT_SECRET_2");
    const s2 = await read();
    assert.equal(s2.OAUTH_CLIENT_SECRET, s1.OAUTH_CLIENT_SECRET);
    assert.notEqual(s2.OAUTH_CLIENT_SECRET_2, s1.OAUTH_CLIENT_SECRET_2);
    assert.equal(s2.OAUTH_CLIENT_ID, s0.OAUTH_CLIENT_ID, "the client id never changes");
  });

  test("CREATE OR REPLACE gives a new client id and secrets; IF NOT EXISTS leaves the object alone", async () => {
    await exec(
      admin,
      "CREATE SECURITY INTEGRATION c_repl TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://example.com'",
    );
    const id0 = await value("c_repl", "OAUTH_CLIENT_ID");
    const [st] = await exec(
      admin,
      "CREATE SECURITY INTEGRATION IF NOT EXISTS c_repl TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://example.com'",
    );
    assert.equal(st.status, "C_REPL already exists, statement succeeded.");
    assert.equal(await value("c_repl", "OAUTH_CLIENT_ID"), id0);
    assert.equal(await value("c_repl", "OAUTH_CLIENT_TYPE"), "CONFIDENTIAL");
    await exec(
      admin,
      "CREATE OR REPLACE SECURITY INTEGRATION c_repl TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://example.com'",
    );
    assert.notEqual(await value("c_repl", "OAUTH_CLIENT_ID"), id0);
    assert.equal(await value("c_repl", "OAUTH_CLIENT_TYPE"), "PUBLIC");
  });

  test("DROP [SECURITY] INTEGRATION [IF EXISTS]", async () => {
    await exec(
      admin,
      "CREATE SECURITY INTEGRATION c_drop TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://example.com'",
    );
    assert.equal((await exec(admin, "DROP SECURITY INTEGRATION c_drop"))[0].status, "C_DROP successfully dropped.");
    assert.equal(
      (await exec(admin, "DROP INTEGRATION IF EXISTS c_drop"))[0].status,
      "Drop statement executed successfully (C_DROP already dropped).",
    );
    await expectError(
      "DROP INTEGRATION c_drop",
      "002003",
      "SQL compilation error:\nIntegration 'C_DROP' does not exist or not authorized.",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Partners and External OAuth

describe("Snowflake OAuth for partner applications", () => {
  for (const [client, redirect, clientType] of [
    ["TABLEAU_DESKTOP", "", "PUBLIC"],
    ["TABLEAU_SERVER", "", "CONFIDENTIAL"],
    ["LOOKER", " OAUTH_REDIRECT_URI = 'http://example.com'", "CONFIDENTIAL"],
  ] as const) {
    test(`${client}: CREATE, DESCRIBE, SHOW type, ALTER and UNSET`, async () => {
      const name = `p_${client.toLowerCase()}`;
      await exec(
        admin,
        `CREATE OR REPLACE SECURITY INTEGRATION ${name} TYPE = OAUTH OAUTH_CLIENT = ${client}${redirect} OAUTH_REFRESH_TOKEN_VALIDITY = 36000 BLOCKED_ROLES_LIST = ('R1') COMMENT = 'p'`,
      );
      const d = await descMap(name);
      assert.deepEqual(d.get("OAUTH_CLIENT_TYPE"), ["OAUTH_CLIENT_TYPE", "String", clientType, "CONFIDENTIAL"]);
      assert.deepEqual(d.get("OAUTH_REFRESH_TOKEN_VALIDITY"), ["OAUTH_REFRESH_TOKEN_VALIDITY", "Long", "36000", "7776000"]);
      assert.deepEqual(d.get("BLOCKED_ROLES_LIST"), ["BLOCKED_ROLES_LIST", "List", "ACCOUNTADMIN,R1,SECURITYADMIN", "[]"]);
      assert.deepEqual(d.get("ENABLED"), ["ENABLED", "Boolean", "true", "true"]);
      assert.deepEqual(d.get("OAUTH_USE_SECONDARY_ROLES"), ["OAUTH_USE_SECONDARY_ROLES", "String", "NONE", "NONE"]);
      assert.deepEqual(d.get("PRE_AUTHORIZED_ROLES_LIST"), ["PRE_AUTHORIZED_ROLES_LIST", "List", "", "[]"]);
      assert.equal(d.get("COMMENT")?.[2], "p");
      const [show] = await exec(admin, `SHOW SECURITY INTEGRATIONS LIKE '${name}'`);
      assert.equal(show.type, `OAUTH - ${client}`);
      await exec(
        admin,
        `ALTER INTEGRATION ${name} SET ENABLED = FALSE OAUTH_USE_SECONDARY_ROLES = IMPLICIT OAUTH_ISSUE_REFRESH_TOKENS = FALSE`,
      );
      assert.equal(await value(name, "OAUTH_USE_SECONDARY_ROLES"), "IMPLICIT");
      await exec(admin, `ALTER INTEGRATION ${name} UNSET ENABLED, OAUTH_USE_SECONDARY_ROLES, COMMENT`);
      const d2 = await descMap(name);
      assert.deepEqual(
        ["ENABLED", "OAUTH_USE_SECONDARY_ROLES", "COMMENT", "OAUTH_ISSUE_REFRESH_TOKENS"].map((p) => d2.get(p)?.[2]),
        ["true", "NONE", "", "false"],
      );
      assert.equal(
        (await exec(admin, `ALTER INTEGRATION ${name} REFRESH OAUTH_CLIENT_SECRET_2`))[0].status,
        "Statement executed successfully.",
      );
      await expectError(
        `ALTER INTEGRATION ${name} SET OAUTH_CLIENT_TYPE = 'PUBLIC'`,
        "001423",
        "SQL compilation error:\ninvalid property 'OAUTH_CLIENT_TYPE' for 'INTEGRATION'",
      );
      await expectError(`ALTER INTEGRATION ${name} SET OAUTH_ENFORCE_PKCE = TRUE`, "001423", /invalid property 'OAUTH_ENFORCE_PKCE'/);
    });
  }

  test("OAUTH_CLIENT_TYPE on a Tableau integration is not a property of that kind; LOOKER needs a redirect URI", async () => {
    await expectError(
      "CREATE SECURITY INTEGRATION p_bad TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP OAUTH_CLIENT_TYPE = 'PUBLIC'",
      "001423",
      "SQL compilation error:\ninvalid property 'OAUTH_CLIENT_TYPE' for 'INTEGRATION'",
    );
    await expectError(
      "CREATE SECURITY INTEGRATION p_bad TYPE = OAUTH OAUTH_CLIENT = LOOKER",
      "001422",
      "SQL compilation error:\nmissing required property 'OAUTH_REDIRECT_URI' for 'INTEGRATION'",
    );
    await expectError(
      "CREATE SECURITY INTEGRATION p_bad TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP OAUTH_CLIENT_RSA_PUBLIC_KEY = 'x'",
      "001423",
      /invalid property 'OAUTH_CLIENT_RSA_PUBLIC_KEY'/,
    );
    await expectError(
      "CREATE SECURITY INTEGRATION p_bad TYPE = OAUTH OAUTH_CLIENT = TABLEAU_SERVER OAUTH_REFRESH_TOKEN_VALIDITY = 59",
      "001422",
      "SQL compilation error:\ninvalid value '59' for property 'OAUTH_REFRESH_TOKEN_VALIDITY'",
    );
    await expectError(
      "CREATE SECURITY INTEGRATION p_bad TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP OAUTH_REFRESH_TOKEN_VALIDITY = 7776001",
      "001422",
      /invalid value '7776001'/,
    );
    await expectError(
      "CREATE SECURITY INTEGRATION p_bad TYPE = OAUTH OAUTH_CLIENT = LOOKER OAUTH_REDIRECT_URI = 'https://x' OAUTH_REFRESH_TOKEN_VALIDITY = 60",
      "001422",
      /invalid value '60'/,
    );
  });
});

/** External OAuth DESCRIBE (TF live assertions, pkg/sdk/testint/security_integrations_gen_integration_test.go). */
function externalRows(o: {
  issuer: string;
  jws: string;
  key1: string;
  key2: string;
  blocked: string;
  allowed: string;
  audience: string;
  claim: string;
  attr: string;
  delim: string;
  scopeAttr: string;
  anyRole: string;
  np: string;
  comment: string;
  enabled: string;
}): DescRow[] {
  return [
    ["ENABLED", "Boolean", o.enabled, "true"],
    ["EXTERNAL_OAUTH_ISSUER", "String", o.issuer, ""],
    ["EXTERNAL_OAUTH_JWS_KEYS_URL", "Object", o.jws, ""],
    ["EXTERNAL_OAUTH_ANY_ROLE_MODE", "String", o.anyRole, ""],
    ["EXTERNAL_OAUTH_SCOPE_MAPPING_ATTRIBUTE", "String", o.scopeAttr, "scp"],
    ["EXTERNAL_OAUTH_RSA_PUBLIC_KEY", "String", o.key1, ""],
    ["EXTERNAL_OAUTH_RSA_PUBLIC_KEY_2", "String", o.key2, ""],
    ["EXTERNAL_OAUTH_BLOCKED_ROLES_LIST", "List", o.blocked, "[]"],
    ["EXTERNAL_OAUTH_ALLOWED_ROLES_LIST", "List", o.allowed, "[]"],
    ["EXTERNAL_OAUTH_AUDIENCE_LIST", "List", o.audience, "[]"],
    ["EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM", "Object", o.claim, ""],
    ["EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE", "String", o.attr, ""],
    ["EXTERNAL_OAUTH_SCOPE_DELIMITER", "String", o.delim, ","],
    ["NETWORK_POLICY", "String", o.np, ""],
    ["COMMENT", "String", o.comment, ""],
  ];
}

describe("External OAuth", () => {
  const base = {
    issuer: "https://issuer.example.com",
    jws: "",
    key1: "",
    key2: "",
    blocked: "ACCOUNTADMIN,SECURITYADMIN",
    allowed: "",
    audience: "",
    claim: "['sub']",
    attr: "LOGIN_NAME",
    delim: ",",
    scopeAttr: "scp",
    anyRole: "DISABLE",
    np: "",
    comment: "",
    enabled: "true",
  };

  for (const t of ["OKTA", "AZURE", "PING_FEDERATE"] as const) {
    test(`${t}: CREATE with a JWS keys URL, DESCRIBE rows exactly, SHOW type`, async () => {
      const name = `e_${t.toLowerCase()}`;
      await exec(
        admin,
        `CREATE SECURITY INTEGRATION ${name} TYPE = EXTERNAL_OAUTH ENABLED = TRUE EXTERNAL_OAUTH_TYPE = ${t}
        EXTERNAL_OAUTH_ISSUER = 'https://issuer.example.com' EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM = 'sub'
        EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE = 'LOGIN_NAME' EXTERNAL_OAUTH_JWS_KEYS_URL = 'https://issuer.example.com/keys'`,
      );
      assert.deepEqual(await desc(name), externalRows({ ...base, jws: "https://issuer.example.com/keys" }));
      const [show] = await exec(admin, `SHOW INTEGRATIONS LIKE '${name.toUpperCase()}'`);
      assert.equal(show.type, `EXTERNAL_OAUTH - ${t}`);
      assert.equal(show.category, "SECURITY");
    });
  }

  test("CUSTOM with every property: keys echoed as submitted, lists, claims; ALTER and UNSET", async () => {
    const k1 = rsaKey(0);
    const k2 = ecKey();
    await exec(
      admin,
      `CREATE SECURITY INTEGRATION e_custom TYPE = EXTERNAL_OAUTH ENABLED = false EXTERNAL_OAUTH_TYPE = 'CUSTOM'
        EXTERNAL_OAUTH_ISSUER = 'foo' EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM = ('upn', 'email')
        EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE = 'EMAIL_ADDRESS' EXTERNAL_OAUTH_RSA_PUBLIC_KEY = '${k1.body}'
        EXTERNAL_OAUTH_RSA_PUBLIC_KEY_2 = '${k2.oneLine}' EXTERNAL_OAUTH_BLOCKED_ROLES_LIST = ('R1')
        EXTERNAL_OAUTH_ALLOWED_ROLES_LIST = ("R2") EXTERNAL_OAUTH_AUDIENCE_LIST = ('a', 'b') EXTERNAL_OAUTH_ANY_ROLE_MODE = 'ENABLE_FOR_PRIVILEGE'
        EXTERNAL_OAUTH_SCOPE_DELIMITER = ' ' EXTERNAL_OAUTH_SCOPE_MAPPING_ATTRIBUTE = 'scope' NETWORK_POLICY = 'np1' COMMENT = 'ext'`,
    );
    assert.deepEqual(
      await desc("e_custom"),
      externalRows({
        issuer: "foo",
        jws: "",
        key1: k1.body,
        key2: k2.oneLine,
        blocked: "ACCOUNTADMIN,R1,SECURITYADMIN",
        allowed: "R2",
        audience: "a,b",
        claim: "['upn', 'email']",
        attr: "EMAIL_ADDRESS",
        delim: " ",
        scopeAttr: "scope",
        anyRole: "ENABLE_FOR_PRIVILEGE",
        np: "NP1",
        comment: "ext",
        enabled: "false",
      }),
    );
    await exec(
      admin,
      "ALTER SECURITY INTEGRATION e_custom SET ENABLED = TRUE, EXTERNAL_OAUTH_TYPE = OKTA, EXTERNAL_OAUTH_AUDIENCE_LIST = ('x') EXTERNAL_OAUTH_BLOCKED_ROLES_LIST = ()",
    );
    let d = await descMap("e_custom");
    assert.deepEqual(
      ["ENABLED", "EXTERNAL_OAUTH_AUDIENCE_LIST", "EXTERNAL_OAUTH_BLOCKED_ROLES_LIST", "EXTERNAL_OAUTH_SCOPE_DELIMITER"].map(
        (p) => d.get(p)?.[2],
      ),
      ["true", "x", "ACCOUNTADMIN,SECURITYADMIN", ","],
    );
    assert.equal((await exec(admin, "SHOW INTEGRATIONS LIKE 'E_CUSTOM'"))[0].type, "EXTERNAL_OAUTH - OKTA");
    await exec(admin, "ALTER INTEGRATION e_custom UNSET ENABLED, EXTERNAL_OAUTH_AUDIENCE_LIST");
    d = await descMap("e_custom");
    assert.deepEqual(
      ["ENABLED", "EXTERNAL_OAUTH_AUDIENCE_LIST"].map((p) => d.get(p)?.[2]),
      ["true", ""],
    );
    await expectError(
      "ALTER INTEGRATION e_custom UNSET EXTERNAL_OAUTH_RSA_PUBLIC_KEY",
      "001423",
      /invalid property 'EXTERNAL_OAUTH_RSA_PUBLIC_KEY'/,
    );
    await expectError("ALTER INTEGRATION e_custom REFRESH OAUTH_CLIENT_SECRET", "001423", /invalid property 'OAUTH_CLIENT_SECRET'/);
  });

  test("External OAuth errors: key source, JWS URL count, audience count, delimiter, enums", async () => {
    const head =
      "CREATE SECURITY INTEGRATION e_bad TYPE = EXTERNAL_OAUTH ENABLED = TRUE EXTERNAL_OAUTH_ISSUER = 'i' EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM = 'sub' EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE = 'LOGIN_NAME'";
    await expectError(`${head} EXTERNAL_OAUTH_TYPE = OKTA`, "001422", /invalid value '' for property 'EXTERNAL_OAUTH_JWS_KEYS_URL'/);
    await expectError(
      `${head} EXTERNAL_OAUTH_TYPE = OKTA EXTERNAL_OAUTH_JWS_KEYS_URL = ('https://a', 'https://b')`,
      "001422",
      /EXTERNAL_OAUTH_JWS_KEYS_URL/,
    );
    await exec(admin, `${head} EXTERNAL_OAUTH_TYPE = AZURE EXTERNAL_OAUTH_JWS_KEYS_URL = ('https://a', 'https://b', 'https://c')`);
    assert.equal(await value("e_bad", "EXTERNAL_OAUTH_JWS_KEYS_URL"), "https://a,https://b,https://c");
    await exec(admin, "DROP INTEGRATION e_bad");
    await expectError(
      `${head} EXTERNAL_OAUTH_TYPE = OKTA EXTERNAL_OAUTH_JWS_KEYS_URL = 'https://a' EXTERNAL_OAUTH_AUDIENCE_LIST = ('a', 'b')`,
      "001422",
      /EXTERNAL_OAUTH_AUDIENCE_LIST/,
    );
    await expectError(
      `${head} EXTERNAL_OAUTH_TYPE = OKTA EXTERNAL_OAUTH_JWS_KEYS_URL = 'https://a' EXTERNAL_OAUTH_SCOPE_DELIMITER = '.'`,
      "001423",
      /EXTERNAL_OAUTH_SCOPE_DELIMITER/,
    );
    await expectError(
      `${head} EXTERNAL_OAUTH_TYPE = CUSTOM EXTERNAL_OAUTH_JWS_KEYS_URL = 'https://a' EXTERNAL_OAUTH_SCOPE_DELIMITER = '..'`,
      "001422",
      /invalid value '\.\.' for property 'EXTERNAL_OAUTH_SCOPE_DELIMITER'/,
    );
    await expectError(`${head} EXTERNAL_OAUTH_TYPE = KEYCLOAK`, "001422", /invalid value 'KEYCLOAK' for property 'EXTERNAL_OAUTH_TYPE'/);
    await expectError(
      head.replace("'LOGIN_NAME'", "'USERNAME'") + " EXTERNAL_OAUTH_TYPE = OKTA EXTERNAL_OAUTH_JWS_KEYS_URL = 'https://a'",
      "001422",
      /invalid value 'USERNAME'/,
    );
    await expectError(
      head.replace("ENABLED = TRUE ", "") + " EXTERNAL_OAUTH_TYPE = OKTA EXTERNAL_OAUTH_JWS_KEYS_URL = 'https://a'",
      "001422",
      /missing required property 'ENABLED'/,
    );
    await expectError(
      `${head} EXTERNAL_OAUTH_TYPE = CUSTOM EXTERNAL_OAUTH_RSA_PUBLIC_KEY = '${smallRsaKey().oneLine}'`,
      "001422",
      "New public key rejected by current policy. Reason: 'Invalid Public key'",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// SHOW

describe("SHOW INTEGRATIONS", () => {
  test("columns and types; LIKE is case-insensitive; SECURITY and other categories", async () => {
    assert.deepEqual(await columns(admin, "SHOW INTEGRATIONS"), [
      ["name", "text"],
      ["type", "text"],
      ["category", "text"],
      ["enabled", "boolean"],
      ["comment", "text"],
      ["created_on", "timestamp_ltz"],
    ]);
    const rows = await exec(admin, "SHOW SECURITY INTEGRATIONS LIKE 'c\\_m%'");
    assert.equal(rows.length, 1);
    assert.equal(rows[0].name, "C_MIN");
    assert.equal(rows[0].type, "OAUTH - CUSTOM");
    assert.equal(rows[0].category, "SECURITY");
    assert.equal(rows[0].enabled, true);
    assert.equal(rows[0].comment, null);
    assert.ok(rows[0].created_on instanceof Date || typeof rows[0].created_on === "object");
    const names = (await exec(admin, "SHOW INTEGRATIONS")).map((r: Row) => r.name);
    assert.deepEqual(names, [...names].sort());
    assert.ok(names.includes("c_all"), "quoted names are shown as stored, without quotes");
    assert.equal((await exec(admin, "SHOW STORAGE INTEGRATIONS")).length, 0);
  });
});

// ---------------------------------------------------------------------------------------------
// Errors

describe("integration errors", () => {
  const custom = (extra: string): string =>
    `CREATE SECURITY INTEGRATION c_err TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://example.com' ${extra}`;

  const cases: [string, string, string, RegExp | string][] = [
    [
      "exists",
      "CREATE SECURITY INTEGRATION c_min TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://x'",
      "002002",
      "SQL compilation error:\nObject 'C_MIN' already exists.",
    ],
    ["describe missing", "DESC INTEGRATION nope", "002003", "SQL compilation error:\nIntegration 'NOPE' does not exist or not authorized."],
    [
      "alter missing",
      "ALTER INTEGRATION nope SET ENABLED = TRUE",
      "002003",
      "SQL compilation error:\nIntegration 'NOPE' does not exist or not authorized.",
    ],
    [
      "refresh validity below range",
      custom("OAUTH_REFRESH_TOKEN_VALIDITY = 59"),
      "001422",
      "SQL compilation error:\ninvalid value '59' for property 'OAUTH_REFRESH_TOKEN_VALIDITY'",
    ],
    ["refresh validity above range", custom("OAUTH_REFRESH_TOKEN_VALIDITY = 7776001"), "001422", /invalid value '7776001'/],
    ["access validity range", custom("OAUTH_ACCESS_TOKEN_VALIDITY = 3601"), "001422", /OAUTH_ACCESS_TOKEN_VALIDITY/],
    ["not an integer", custom("OAUTH_REFRESH_TOKEN_VALIDITY = 'x'"), "001422", /invalid value 'x'/],
    [
      "client type enum",
      custom("").replace("'CONFIDENTIAL'", "'SECRET'"),
      "001422",
      "SQL compilation error:\ninvalid value 'SECRET' for property 'OAUTH_CLIENT_TYPE'",
    ],
    [
      "secondary roles enum",
      custom("OAUTH_USE_SECONDARY_ROLES = ALL"),
      "001422",
      /invalid value 'ALL' for property 'OAUTH_USE_SECONDARY_ROLES'/,
    ],
    ["boolean", custom("ENABLED = maybe"), "001422", /invalid value 'MAYBE' for property 'ENABLED'/],
    [
      "non-TLS redirect",
      custom("").replace("https://example.com", "http://example.com"),
      "001422",
      "SQL compilation error:\ninvalid value 'http://example.com' for property 'OAUTH_REDIRECT_URI'",
    ],
    ["not a URI", custom("").replace("https://example.com", "not a uri"), "001422", /invalid value 'not a uri'/],
    [
      "garbage key",
      custom("OAUTH_CLIENT_RSA_PUBLIC_KEY = 'not-a-key'"),
      "001422",
      "New public key rejected by current policy. Reason: 'Invalid Public key'",
    ],
    [
      "1024-bit key",
      custom(`OAUTH_CLIENT_RSA_PUBLIC_KEY = '${smallRsaKey().oneLine}'`),
      "001422",
      "New public key rejected by current policy. Reason: 'Invalid Public key'",
    ],
    [
      "EC key for Snowflake OAuth",
      custom(`OAUTH_CLIENT_RSA_PUBLIC_KEY_2 = '${ecKey().oneLine}'`),
      "001422",
      "New public key rejected by current policy. Reason: 'Invalid Public key'",
    ],
    ["unknown property", custom("FOO = 1"), "001423", "SQL compilation error:\ninvalid property 'FOO' for 'INTEGRATION'"],
    [
      "read-only fingerprint",
      custom("OAUTH_CLIENT_RSA_PUBLIC_KEY_FP = 'SHA256:x'"),
      "001423",
      /invalid property 'OAUTH_CLIENT_RSA_PUBLIC_KEY_FP'/,
    ],
    ["External property on OAuth", custom("EXTERNAL_OAUTH_ISSUER = 'x'"), "001423", /invalid property 'EXTERNAL_OAUTH_ISSUER'/],
    ["missing TYPE", "CREATE SECURITY INTEGRATION c_err OAUTH_CLIENT = CUSTOM", "001422", /missing required property 'TYPE'/],
    [
      "missing redirect",
      "CREATE SECURITY INTEGRATION c_err TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC'",
      "001422",
      /missing required property 'OAUTH_REDIRECT_URI'/,
    ],
    [
      "missing client type",
      "CREATE SECURITY INTEGRATION c_err TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_REDIRECT_URI = 'https://x'",
      "001422",
      /missing required property 'OAUTH_CLIENT_TYPE'/,
    ],
    [
      "other security integration types are not emulated",
      "CREATE SECURITY INTEGRATION c_err TYPE = SAML2 ENABLED = TRUE",
      "000002",
      "Unsupported feature 'CREATE SECURITY INTEGRATION TYPE = SAML2'.",
    ],
    [
      "unknown TYPE",
      "CREATE SECURITY INTEGRATION c_err TYPE = 'FOO'",
      "001422",
      "SQL compilation error:\ninvalid value 'FOO' for property 'TYPE'",
    ],
    [
      "unknown OAUTH_CLIENT",
      "CREATE SECURITY INTEGRATION c_err TYPE = OAUTH OAUTH_CLIENT = POWERBI",
      "001422",
      /invalid value 'POWERBI' for property 'OAUTH_CLIENT'/,
    ],
    [
      "missing network policy",
      custom("NETWORK_POLICY = 'missing_np'"),
      "002003",
      "SQL compilation error:\nNetwork policy MISSING_NP does not exist or not authorized.",
    ],
    [
      "lower-case policy as identifier is upper-cased (TF #3229)",
      custom(`NETWORK_POLICY = "np_lower"`),
      "002003",
      /Network policy NP_LOWER does not exist/,
    ],
    [
      "missing role",
      custom("BLOCKED_ROLES_LIST = ('NO_SUCH_ROLE')"),
      "002003",
      "SQL compilation error:\nRole 'NO_SUCH_ROLE' does not exist or not authorized.",
    ],
    ["ORGADMIN does not exist in a non-organization account", custom("BLOCKED_ROLES_LIST = ('ORGADMIN')"), "002003", /Role 'ORGADMIN'/],
    [
      "003629 partial privileged list",
      custom("BLOCKED_ROLES_LIST = ('ACCOUNTADMIN')"),
      "003629",
      "Roles [ACCOUNTADMIN, SECURITYADMIN] are blocked since the account parameter OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST is set to TRUE.",
    ],
    ["003629 pre-authorized privileged role", custom("PRE_AUTHORIZED_ROLES_LIST = ('SECURITYADMIN')"), "003629", /are blocked since/],
    [
      "allowed roles with IMPLICIT secondary roles",
      custom("ALLOWED_ROLES_LIST = ('R1') OAUTH_USE_SECONDARY_ROLES = IMPLICIT"),
      "001422",
      /invalid value 'IMPLICIT' for property 'OAUTH_USE_SECONDARY_ROLES'/,
    ],
    [
      "identifier where a string is required",
      custom("COMMENT = hello"),
      "001003",
      /syntax error line 1 at position \d+ unexpected 'hello'/,
    ],
    [
      "OR REPLACE with IF NOT EXISTS",
      "CREATE OR REPLACE SECURITY INTEGRATION IF NOT EXISTS x TYPE = OAUTH",
      "002025",
      /OR REPLACE and IF NOT EXISTS are incompatible/,
    ],
    ["repeated property", custom("ENABLED = TRUE ENABLED = FALSE"), "001003", /unexpected 'ENABLED'/],
    ["SET without assignments", "ALTER INTEGRATION c_min SET", "001003", /unexpected '<EOF>'/],
    ["immutable client type", "ALTER INTEGRATION c_min SET OAUTH_CLIENT_TYPE = 'PUBLIC'", "001423", /invalid property 'OAUTH_CLIENT_TYPE'/],
    ["immutable OAUTH_CLIENT", "ALTER INTEGRATION c_min SET OAUTH_CLIENT = LOOKER", "001423", /invalid property 'OAUTH_CLIENT'/],
    ["not UNSET-able", "ALTER INTEGRATION c_min UNSET OAUTH_ENFORCE_PKCE", "001423", /invalid property 'OAUTH_ENFORCE_PKCE'/],
    [
      "SET TAG of a tag that does not exist",
      "ALTER INTEGRATION c_min SET TAG db.s.t = 'v'",
      "002003",
      /Tag 'DB.S.T' does not exist or not authorized/,
    ],
    ["secrets of a partner integration", "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('P_LOOKER')", "001422", /integration_name/],
    [
      "secrets of a missing integration (name is case-sensitive)",
      "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('c_min')",
      "002003",
      /Integration 'c_min' does not exist/,
    ],
  ];
  for (const [label, sql, code, message] of cases) {
    test(label, async () => {
      await expectError(sql, code, message);
    });
  }

  test("ALTER ... IF EXISTS on a missing integration succeeds", async () => {
    assert.equal((await exec(admin, "ALTER INTEGRATION IF EXISTS nope SET ENABLED = TRUE"))[0].status, "Statement executed successfully.");
  });

  test("a failed ALTER changes nothing (several properties, the last invalid)", async () => {
    await expectError(
      "ALTER INTEGRATION c_min SET COMMENT = 'changed', OAUTH_REFRESH_TOKEN_VALIDITY = 1",
      "001422",
      /OAUTH_REFRESH_TOKEN_VALIDITY/,
    );
    assert.equal(await value("c_min", "COMMENT"), "");
  });
});

// ---------------------------------------------------------------------------------------------
// Privileges and the privileged-role parameter

describe("privileges", () => {
  test("003001 without CREATE INTEGRATION; ownership rules for DESCRIBE/ALTER/DROP", async () => {
    await exec(admin, "CREATE ROLE INTEG_ADMIN");
    await exec(admin, "CREATE USER ialice PASSWORD = 'pw-alice-1' DEFAULT_ROLE = INTEG_ADMIN");
    await exec(admin, "GRANT ROLE INTEG_ADMIN TO USER ialice");
    const alice = await connect(emu, { username: "ialice", password: "pw-alice-1", role: "INTEG_ADMIN" });
    try {
      const create =
        "CREATE SECURITY INTEGRATION i_alice TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://example.com'";
      await expectError(
        create,
        "003001",
        `SQL access control error:\nInsufficient privileges to operate on account '${emu.account}'`,
        alice,
      );
      await expectError("DESC INTEGRATION c_min", "002003", /Integration 'C_MIN' does not exist or not authorized/, alice);
      assert.equal((await exec(alice, "SHOW INTEGRATIONS")).length, 0, "SHOW lists only integrations the role can see");
      await exec(admin, "GRANT CREATE INTEGRATION ON ACCOUNT TO ROLE INTEG_ADMIN");
      await exec(alice, create);
      assert.deepEqual(
        (await exec(alice, "SHOW INTEGRATIONS")).map((r: Row) => r.name),
        ["I_ALICE"],
      );
      await exec(alice, "ALTER INTEGRATION i_alice SET COMMENT = 'mine'");
      assert.equal(
        JSON.parse(String(Object.values((await exec(alice, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('I_ALICE')"))[0])[0])).OAUTH_CLIENT_ID
          .length,
        28,
      );
      await expectError("ALTER INTEGRATION c_min SET COMMENT = 'x'", "002003", /does not exist or not authorized/, alice);
      // USAGE makes the integration visible (DESCRIBE, SHOW) but ALTER/DROP need OWNERSHIP.
      await exec(admin, "GRANT USAGE ON INTEGRATION c_min TO ROLE INTEG_ADMIN");
      assert.equal((await exec(alice, "DESC INTEGRATION c_min")).length, 24);
      assert.deepEqual(
        (await exec(alice, "SHOW INTEGRATIONS")).map((r: Row) => r.name),
        ["C_MIN", "I_ALICE"],
      );
      await expectError(
        "ALTER INTEGRATION c_min SET COMMENT = 'x'",
        "003001",
        "SQL access control error:\nInsufficient privileges to operate on integration 'C_MIN'",
        alice,
      );
      await expectError("DROP INTEGRATION c_min", "003001", /Insufficient privileges to operate on integration 'C_MIN'/, alice);
      await expectError("SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('C_MIN')", "003001", /Insufficient privileges/, alice);
      await exec(alice, "DROP INTEGRATION i_alice");
    } finally {
      await destroy(alice);
    }
  });

  test("OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = FALSE: only the declared roles, privileged roles may be listed", async () => {
    await exec(
      admin,
      "CREATE SECURITY INTEGRATION c_param TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://example.com' BLOCKED_ROLES_LIST = (Z_ROLE)",
    );
    assert.equal(await value("c_param", "BLOCKED_ROLES_LIST"), "ACCOUNTADMIN,SECURITYADMIN,Z_ROLE");
    await exec(admin, "ALTER ACCOUNT SET OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = FALSE");
    try {
      assert.equal(await value("c_param", "BLOCKED_ROLES_LIST"), "Z_ROLE");
      await exec(admin, "ALTER INTEGRATION c_param SET BLOCKED_ROLES_LIST = ('ACCOUNTADMIN')");
      assert.equal(await value("c_param", "BLOCKED_ROLES_LIST"), "ACCOUNTADMIN");
      await exec(admin, "ALTER INTEGRATION c_param SET BLOCKED_ROLES_LIST = ()");
      assert.equal(await value("c_param", "BLOCKED_ROLES_LIST"), "");
      assert.equal(
        await value("e_okta", "EXTERNAL_OAUTH_BLOCKED_ROLES_LIST"),
        "ACCOUNTADMIN,SECURITYADMIN",
        "the External OAuth parameter is separate",
      );
    } finally {
      await exec(admin, "ALTER ACCOUNT SET OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = TRUE");
    }
    await exec(admin, "ALTER INTEGRATION c_param SET BLOCKED_ROLES_LIST = ('ACCOUNTADMIN', 'SECURITYADMIN', Z_ROLE)");
    assert.equal(await value("c_param", "BLOCKED_ROLES_LIST"), "ACCOUNTADMIN,SECURITYADMIN,Z_ROLE");
  });

  test("the statement log never contains keys or secrets", async () => {
    const k = rsaKey(1);
    await exec(admin, `ALTER INTEGRATION c_min SET OAUTH_CLIENT_RSA_PUBLIC_KEY_2 = '${k.oneLine}'`);
    await exec(admin, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('C_MIN')");
    const text = emu.log
      .entries()
      .map((e) => e.text)
      .join("\n");
    assert.ok(!text.includes(k.oneLine.slice(0, 40)), "key body in the log");
    const secrets = JSON.parse(String(Object.values((await exec(admin, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('C_MIN')"))[0])[0]));
    assert.ok(!text.includes(secrets.OAUTH_CLIENT_SECRET));
  });
});

describe("persistence", () => {
  test("integrations (client id, secrets, keys, network policy) survive a restart with a data dir", async () => {
    const dir = tempDir();
    try {
      let before: string[][] = [];
      let secretsBefore = "";
      await withEmulator(
        async (e) => {
          const c = await connect(e);
          try {
            await exec(c, "CREATE NETWORK POLICY np_keep ALLOWED_IP_LIST = ('127.0.0.1')");
            await exec(c, "CREATE ROLE R9");
            await exec(
              c,
              `CREATE SECURITY INTEGRATION keep TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://example.com' NETWORK_POLICY = 'np_keep' OAUTH_CLIENT_RSA_PUBLIC_KEY = '${rsaKey(0).body}' BLOCKED_ROLES_LIST = (R9)`,
            );
            before = (await exec(c, "DESC INTEGRATION keep")).map((r: Row) => Object.values(r).map(String));
            secretsBefore = String(Object.values((await exec(c, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('KEEP')"))[0])[0]);
          } finally {
            await destroy(c);
          }
        },
        { dataDir: dir },
      );
      await withEmulator(
        async (e) => {
          const c = await connect(e);
          try {
            const after = (await exec(c, "DESC INTEGRATION keep")).map((r: Row) => Object.values(r).map(String));
            const port = (u: string[]): string[] => u.map((x) => x.replace(/127\.0\.0\.1:\d+|localhost:\d+/g, "HOST"));
            assert.deepEqual(after.map(port), before.map(port));
            assert.equal(String(Object.values((await exec(c, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('KEEP')"))[0])[0]), secretsBefore);
            await expectError("DROP NETWORK POLICY np_keep", "001492", /The policy is attached to INTEGRATION with name KEEP/, c);
          } finally {
            await destroy(c);
          }
        },
        { dataDir: dir },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
