/**
 * Issue 9 ("Match live Snowflake"): security-integration behaviour that live accounts showed, through the real
 * snowflake-sdk. Live = Snowflake-Labs/terraform-provider-snowflake `pkg/sdk/testint` and `pkg/testacc` tests (named per
 * test); docs = the docs.snowflake.com pages named per test. Bounds and codes without a source: emulator/FIDELITY.md.
 */
import { connect, destroy, exec, execError } from "../helpers/emulator";
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import * as http from "node:http";
import { Emulator, startEmulator } from "../../emulator/index";

let emu: Emulator;
let admin: any;

before(async () => {
  emu = await startEmulator({ port: 0 });
  admin = await connect(emu);
  await exec(admin, "CREATE ROLE LR1");
  await exec(admin, "CREATE ROLE LR2");
  await exec(admin, "CREATE NETWORK POLICY LNP ALLOWED_IP_LIST = ('127.0.0.1')");
});

after(async () => {
  await destroy(admin);
  await emu.stop();
});

async function row(name: string, property: string): Promise<string[] | undefined> {
  const rows = await exec(admin, `DESC INTEGRATION ${name}`);
  const r = rows.find((x: Record<string, string>) => x.property === property);
  return r ? [r.property_type, r.property_value, r.property_default] : undefined;
}

async function expectError(sql: string, code: string, message: RegExp): Promise<void> {
  const e = await execError(admin, sql);
  assert.equal(String(e.code).padStart(6, "0"), code, `${sql}\n→ ${e.message}`);
  assert.match(e.message, message);
}

/** The stored (explicitly set) properties of an integration: for parameters that have no sourced DESCRIBE row. */
function stored(name: string): Record<string, unknown> {
  return emu.engine.catalog().integrations[name].properties;
}

const CUSTOM = (name: string, extra = "", redirect = "https://example.com/cb"): string =>
  `CREATE OR REPLACE SECURITY INTEGRATION ${name} TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = '${redirect}' ${extra}`;
const PARTNER = (name: string, client: string, extra = ""): string =>
  `CREATE OR REPLACE SECURITY INTEGRATION ${name} TYPE = OAUTH OAUTH_CLIENT = ${client}${client === "LOOKER" ? " OAUTH_REDIRECT_URI = 'http://example.com'" : ""} ${extra}`;
const EXTERNAL = (name: string, type: string, extra = ""): string =>
  `CREATE OR REPLACE SECURITY INTEGRATION ${name} TYPE = EXTERNAL_OAUTH ENABLED = TRUE EXTERNAL_OAUTH_TYPE = ${type}
    EXTERNAL_OAUTH_ISSUER = 'https://issuer.example.com' EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM = 'sub'
    EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE = 'LOGIN_NAME' EXTERNAL_OAUTH_JWS_KEYS_URL = 'https://issuer.example.com/keys' ${extra}`;

describe("OAUTH_REFRESH_TOKEN_VALIDITY per client type", () => {
  test("DESCRIBE property_default is 7776000 (Long) for every client type, and a fresh value is 7776000 (TF assertOauthPartner)", async () => {
    await exec(admin, CUSTOM("v_custom"));
    for (const c of ["TABLEAU_DESKTOP", "TABLEAU_SERVER", "LOOKER"]) await exec(admin, PARTNER(`v_${c.toLowerCase()}`, c));
    for (const n of ["v_custom", "v_tableau_desktop", "v_tableau_server", "v_looker"]) {
      assert.deepEqual(await row(n, "OAUTH_REFRESH_TOKEN_VALIDITY"), ["Long", "7776000", "7776000"], n);
    }
  });

  test("values live accounts accepted, at CREATE and ALTER (testint CreateOauthCustom/AlterOauthCustom, testacc BasicTableauDesktop)", async () => {
    const cases: [string, (extra: string) => string, number[]][] = [
      ["v_custom", (x) => CUSTOM("v_custom", x), [12345, 22222]],
      ["v_tableau_desktop", (x) => PARTNER("v_tableau_desktop", "TABLEAU_DESKTOP", x), [3600, 86400]],
      ["v_looker", (x) => PARTNER("v_looker", "LOOKER", x), [3600, 12345, 22222]],
    ];
    for (const [name, create, values] of cases) {
      for (const v of values) {
        await exec(admin, create(`OAUTH_REFRESH_TOKEN_VALIDITY = ${v}`));
        assert.equal((await row(name, "OAUTH_REFRESH_TOKEN_VALIDITY"))?.[1], String(v), `${name} CREATE ${v}`);
        await exec(admin, create(""));
        await exec(admin, `ALTER SECURITY INTEGRATION ${name} SET OAUTH_REFRESH_TOKEN_VALIDITY = ${v}`);
        assert.equal((await row(name, "OAUTH_REFRESH_TOKEN_VALIDITY"))?.[1], String(v), `${name} ALTER ${v}`);
      }
    }
  });

  test("bounds outside what live tests show (docs partial / unsourced): 60..7776000, LOOKER 3600..7776000", async () => {
    await exec(admin, CUSTOM("v_custom", "OAUTH_REFRESH_TOKEN_VALIDITY = 60"));
    await exec(admin, PARTNER("v_tableau_desktop", "TABLEAU_DESKTOP", "OAUTH_REFRESH_TOKEN_VALIDITY = 7776000"));
    for (const [sql, v] of [
      [CUSTOM("v_bad", "OAUTH_REFRESH_TOKEN_VALIDITY = 59"), "59"],
      [CUSTOM("v_bad", "OAUTH_REFRESH_TOKEN_VALIDITY = 7776001"), "7776001"],
      [PARTNER("v_bad", "TABLEAU_DESKTOP", "OAUTH_REFRESH_TOKEN_VALIDITY = 59"), "59"],
      [PARTNER("v_bad", "LOOKER", "OAUTH_REFRESH_TOKEN_VALIDITY = 3599"), "3599"],
    ]) {
      await expectError(sql, "001422", new RegExp(`invalid value '${v}' for property 'OAUTH_REFRESH_TOKEN_VALIDITY'`));
    }
  });
});

describe("redirect URIs", () => {
  test("LOOKER accepts http:// at CREATE and ALTER (testint CreateOauthPartner / AlterOauthPartner)", async () => {
    await exec(admin, PARTNER("r_looker", "LOOKER"));
    assert.equal((await row("r_looker", "OAUTH_REDIRECT_URI"))?.[1], "http://example.com");
    await exec(admin, "ALTER SECURITY INTEGRATION r_looker SET OAUTH_REDIRECT_URI = 'http://example2.com'");
    assert.equal((await row("r_looker", "OAUTH_REDIRECT_URI"))?.[1], "http://example2.com");
  });

  test("custom clients need https unless OAUTH_ALLOW_NON_TLS_REDIRECT_URI = TRUE (CREATE page), also for alternate URIs", async () => {
    await expectError(
      CUSTOM("r_custom", "", "http://example.com"),
      "001422",
      /invalid value 'http:\/\/example.com' for property 'OAUTH_REDIRECT_URI'/,
    );
    await exec(admin, CUSTOM("r_custom", "OAUTH_ALLOW_NON_TLS_REDIRECT_URI = TRUE", "http://example.com"));
    await exec(admin, CUSTOM("r_custom"));
    await expectError("ALTER SECURITY INTEGRATION r_custom SET OAUTH_REDIRECT_URI = 'http://example2.com'", "001422", /OAUTH_REDIRECT_URI/);
    await exec(
      admin,
      "ALTER SECURITY INTEGRATION r_custom SET OAUTH_REDIRECT_URI = 'http://example2.com', OAUTH_ALLOW_NON_TLS_REDIRECT_URI = true",
    );
    await expectError(
      CUSTOM("r_alt", "OAUTH_ALTERNATE_REDIRECT_URIS = ('https://a.example/cb', 'http://b.example/cb')"),
      "001422",
      /invalid value 'http:\/\/b.example\/cb' for property 'OAUTH_ALTERNATE_REDIRECT_URIS'/,
    );
  });
});

describe("2026 parameters: accepted and stored, no DESCRIBE row", () => {
  test("IS_AGENTIC on custom clients: CREATE, SET, UNSET; refused on partners", async () => {
    await exec(admin, CUSTOM("a_custom", "IS_AGENTIC = TRUE"));
    assert.equal(stored("A_CUSTOM").IS_AGENTIC, true);
    assert.equal(await row("a_custom", "IS_AGENTIC"), undefined, "DESCRIBE row unsourced; not shown");
    await exec(admin, "ALTER SECURITY INTEGRATION a_custom SET IS_AGENTIC = FALSE");
    assert.equal(stored("A_CUSTOM").IS_AGENTIC, false);
    await exec(admin, "ALTER SECURITY INTEGRATION a_custom SET IS_AGENTIC = 'true'");
    await exec(admin, "ALTER SECURITY INTEGRATION a_custom UNSET IS_AGENTIC");
    assert.equal(stored("A_CUSTOM").IS_AGENTIC, undefined);
    await expectError(
      "ALTER SECURITY INTEGRATION a_custom SET IS_AGENTIC = maybe",
      "001422",
      /invalid value 'MAYBE' for property 'IS_AGENTIC'/,
    );
    await expectError(PARTNER("a_bad", "TABLEAU_DESKTOP", "IS_AGENTIC = TRUE"), "001423", /invalid property 'IS_AGENTIC'/);
  });

  test("IS_AGENTIC on External OAuth: CREATE, SET, UNSET (ALTER External OAuth page)", async () => {
    await exec(admin, EXTERNAL("a_ext", "OKTA", "IS_AGENTIC = TRUE"));
    assert.equal(stored("A_EXT").IS_AGENTIC, true);
    assert.equal(await row("a_ext", "IS_AGENTIC"), undefined);
    await exec(admin, "ALTER SECURITY INTEGRATION a_ext SET IS_AGENTIC = FALSE");
    assert.equal(stored("A_EXT").IS_AGENTIC, false);
    await exec(admin, "ALTER SECURITY INTEGRATION a_ext UNSET IS_AGENTIC");
    assert.equal(stored("A_EXT").IS_AGENTIC, undefined);
  });

  test("OAUTH_ALTERNATE_REDIRECT_URIS and OAUTH_ENABLE_ROLE_SELECTION (custom only); `= ()` clears the URIs", async () => {
    await exec(
      admin,
      CUSTOM(
        "a_alt",
        "OAUTH_ALTERNATE_REDIRECT_URIS = ('https://a.example/cb', 'https://b.example/cb') OAUTH_ENABLE_ROLE_SELECTION = TRUE",
      ),
    );
    assert.deepEqual(stored("A_ALT").OAUTH_ALTERNATE_REDIRECT_URIS, ["https://a.example/cb", "https://b.example/cb"]);
    assert.equal(stored("A_ALT").OAUTH_ENABLE_ROLE_SELECTION, true);
    assert.equal(await row("a_alt", "OAUTH_ALTERNATE_REDIRECT_URIS"), undefined);
    assert.equal(await row("a_alt", "OAUTH_ENABLE_ROLE_SELECTION"), undefined);
    await exec(admin, "ALTER SECURITY INTEGRATION a_alt SET OAUTH_ALTERNATE_REDIRECT_URIS = (), OAUTH_ENABLE_ROLE_SELECTION = FALSE");
    assert.deepEqual(stored("A_ALT").OAUTH_ALTERNATE_REDIRECT_URIS, []);
    assert.equal(stored("A_ALT").OAUTH_ENABLE_ROLE_SELECTION, false);
    await expectError(
      "ALTER SECURITY INTEGRATION a_alt UNSET OAUTH_ENABLE_ROLE_SELECTION",
      "001423",
      /invalid property 'OAUTH_ENABLE_ROLE_SELECTION'/,
    );
    await expectError(PARTNER("a_bad", "TABLEAU_SERVER", "OAUTH_ENABLE_ROLE_SELECTION = TRUE"), "001423", /invalid property/);
    await expectError(PARTNER("a_bad", "LOOKER", "OAUTH_ALTERNATE_REDIRECT_URIS = ('https://x/cb')"), "001423", /invalid property/);
  });

  test("REFRESH OAUTH_CLIENT_SECRET[_2] on a partner integration (ALTER page partner block)", async () => {
    await exec(admin, PARTNER("a_partner", "TABLEAU_DESKTOP"));
    for (const s of ["OAUTH_CLIENT_SECRET", "OAUTH_CLIENT_SECRET_2"]) {
      assert.equal((await exec(admin, `ALTER SECURITY INTEGRATION a_partner REFRESH ${s}`))[0].status, "Statement executed successfully.");
    }
  });
});

describe("External OAuth scope mapping attribute", () => {
  test("any string at CREATE on CUSTOM (testacc migrateFromVersion092_withRsaPublicKeysAndBlockedRolesList: 'foo'); ALTER SET refused", async () => {
    await exec(admin, EXTERNAL("s_ext", "CUSTOM", "EXTERNAL_OAUTH_SCOPE_MAPPING_ATTRIBUTE = 'foo'"));
    assert.deepEqual(await row("s_ext", "EXTERNAL_OAUTH_SCOPE_MAPPING_ATTRIBUTE"), ["String", "foo", "scp"]);
    // Not in the ALTER External OAuth page's SET syntax; TF emits it but no live test runs it (unsourced refusal).
    await expectError(
      "ALTER SECURITY INTEGRATION s_ext SET EXTERNAL_OAUTH_SCOPE_MAPPING_ATTRIBUTE = 'scope'",
      "001423",
      /invalid property 'EXTERNAL_OAUTH_SCOPE_MAPPING_ATTRIBUTE'/,
    );
    await expectError(EXTERNAL("s_bad", "OKTA", "EXTERNAL_OAUTH_SCOPE_MAPPING_ATTRIBUTE = 'scp'"), "001423", /invalid property/);
  });
});

describe("UNSET forms", () => {
  test("partners: ENABLED, COMMENT (docs), OAUTH_USE_SECONDARY_ROLES (live), NETWORK_POLICY (unsourced, kept)", async () => {
    await exec(
      admin,
      PARTNER("u_partner", "TABLEAU_SERVER", "ENABLED = FALSE COMMENT = 'c' OAUTH_USE_SECONDARY_ROLES = IMPLICIT NETWORK_POLICY = 'LNP'"),
    );
    await exec(admin, "ALTER SECURITY INTEGRATION u_partner UNSET ENABLED, COMMENT, OAUTH_USE_SECONDARY_ROLES, NETWORK_POLICY");
    for (const [p, v] of [
      ["ENABLED", "true"],
      ["COMMENT", ""],
      ["OAUTH_USE_SECONDARY_ROLES", "NONE"],
      ["NETWORK_POLICY", ""],
    ]) {
      assert.equal((await row("u_partner", p))?.[1], v, p);
    }
    await expectError("ALTER SECURITY INTEGRATION u_partner UNSET IS_AGENTIC", "001423", /invalid property 'IS_AGENTIC'/);
  });

  test("External OAuth: ENABLED, EXTERNAL_OAUTH_AUDIENCE_LIST, IS_AGENTIC only; NETWORK_POLICY = '' clears (unsourced)", async () => {
    await exec(admin, EXTERNAL("u_ext", "CUSTOM", "NETWORK_POLICY = 'LNP' EXTERNAL_OAUTH_AUDIENCE_LIST = ('a')"));
    await exec(admin, "ALTER SECURITY INTEGRATION u_ext UNSET ENABLED, EXTERNAL_OAUTH_AUDIENCE_LIST, IS_AGENTIC");
    for (const p of ["NETWORK_POLICY", "COMMENT"])
      await expectError(`ALTER SECURITY INTEGRATION u_ext UNSET ${p}`, "001423", new RegExp(`invalid property '${p}'`));
    assert.equal((await row("u_ext", "NETWORK_POLICY"))?.[1], "LNP");
    await exec(admin, "ALTER SECURITY INTEGRATION u_ext SET NETWORK_POLICY = ''");
    assert.equal((await row("u_ext", "NETWORK_POLICY"))?.[1], "");
  });
});

describe("role lists", () => {
  test("a role in both ALLOWED_ROLES_LIST and BLOCKED_ROLES_LIST is accepted (CREATE page: complementary); blocked wins at authorize", async () => {
    await exec(admin, CUSTOM("o_custom", "ALLOWED_ROLES_LIST = ('LR1', 'LR2') BLOCKED_ROLES_LIST = ('LR1')"));
    assert.equal((await row("o_custom", "ALLOWED_ROLES_LIST"))?.[1], "LR1,LR2");
    assert.equal((await row("o_custom", "BLOCKED_ROLES_LIST"))?.[1], "ACCOUNTADMIN,LR1,SECURITYADMIN");
    await exec(admin, PARTNER("o_partner", "LOOKER", "ALLOWED_ROLES_LIST = ('LR2') BLOCKED_ROLES_LIST = ('LR2')"));
    assert.equal((await row("o_partner", "ALLOWED_ROLES_LIST"))?.[1], "LR2");
    await exec(admin, CUSTOM("o_pre", "PRE_AUTHORIZED_ROLES_LIST = ('LR1') BLOCKED_ROLES_LIST = ('LR1')"));
    // Authorization: the user may use LR1 and LR2; LR1 is blocked although allowed.
    await exec(admin, "CREATE USER o_user PASSWORD = 'o-user-pw-1'");
    await exec(admin, "GRANT ROLE LR1 TO USER o_user");
    await exec(admin, "GRANT ROLE LR2 TO USER o_user");
    const clientId = (await row("o_custom", "OAUTH_CLIENT_ID"))?.[1] ?? "";
    const authorize = (role: string): Promise<{ status: number; body: string }> => {
      const q = new URLSearchParams({
        client_id: clientId,
        response_type: "code",
        redirect_uri: "https://example.com/cb",
        scope: `session:role:${role}`,
      });
      const u = new URL(emu.url);
      return new Promise((resolve, reject) => {
        const req = http.request(
          {
            host: "127.0.0.1",
            port: u.port,
            method: "GET",
            path: `/oauth/authorize?${q.toString()}`,
            headers: { Authorization: "Basic " + Buffer.from("o_user:o-user-pw-1").toString("base64") },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
          },
        );
        req.on("error", reject);
        req.end();
      });
    };
    const blocked = await authorize("LR1");
    assert.equal(blocked.status, 400);
    assert.equal(JSON.parse(blocked.body).code, "390308");
    assert.equal((await authorize("LR2")).status, 302);
  });

  test("a PUBLIC custom client accepts PRE_AUTHORIZED_ROLES_LIST (testint CreateOauthCustom)", async () => {
    await exec(admin, CUSTOM("o_public", "PRE_AUTHORIZED_ROLES_LIST = ('LR2')").replace("'CONFIDENTIAL'", "'PUBLIC'"));
    assert.equal((await row("o_public", "OAUTH_CLIENT_TYPE"))?.[1], "PUBLIC");
    assert.equal((await row("o_public", "PRE_AUTHORIZED_ROLES_LIST"))?.[1], "LR2");
  });
});
