/**
 * ExternalOAuthIntegration (OKTA, AZURE, PING_FEDERATE, CUSTOM) through the real Pulumi engine against the emulator,
 * in one stack life cycle: create (+ adopt by name, a lower-case network policy reference) → no-op → update (SET,
 * SET + UNSET, resets with SET <default>) → out-of-band SET/UNSET → refresh → repair → no-op → replace (JWS URL →
 * RSA key: drop first) → validation errors at preview → destroy. Exact statements per object, their count, and one
 * login per engine operation.
 */
import { ProviderFixture, about, assertNoPlaintextSecrets, changes, parameterReads, unaccounted } from "../helpers/provider-fixture";
import { generateRsaKey } from "../helpers/emulator";
import { after, before, describe } from "node:test";
import { steps } from "../helpers/steps";
import * as assert from "node:assert/strict";
import { createTestStack, type TestStack } from "../helpers/pulumi";
import { ExternalOAuthIntegration } from "../../sdk/index";

const { fx, measured } = ProviderFixture.forFile(
  "ExternalOAuthIntegration",
  "CREATE ROLE ANALYST",
  "CREATE NETWORK POLICY EXT_NP ALLOWED_IP_LIST = ('10.0.0.0/8')",
  "CREATE SECURITY INTEGRATION IDP_OLD TYPE = EXTERNAL_OAUTH EXTERNAL_OAUTH_TYPE = OKTA ENABLED = TRUE EXTERNAL_OAUTH_ISSUER = 'https://old.example.com' " +
    "EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM = ('sub') EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE = 'LOGIN_NAME' EXTERNAL_OAUTH_JWS_KEYS_URL = ('https://old.example.com/keys')",
);

const SHOW_PARAM = "SHOW PARAMETERS LIKE 'EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST' IN ACCOUNT";
const DESC = (n: string) => `DESCRIBE INTEGRATION ${n}`;
const OBJECTS = ["OKTA", "AZURE", "PING", "CUSTOM_IDP", "IDP_OLD"];
const sorted = (xs: string[]) => [...xs].sort();
const ISS = "https://idp.example.com";
const key = generateRsaKey("external-e2e");
const PEM = `-----BEGIN PUBLIC KEY-----\n${key.publicBody}\n-----END PUBLIC KEY-----\n`;

describe(
  "ExternalOAuthIntegration (4 types): create, adopt, no-op, update, drift, refresh, repair, replace, validation, delete through the engine",
  { timeout: 600_000 },
  () => {
    let v = 1;
    const program = async () => {
      new ExternalOAuthIntegration("okta", {
        externalOAuthType: "OKTA",
        externalOAuthIssuer: `${ISS}/okta`,
        externalOAuthTokenUserMappingClaim: ["sub"],
        externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
        externalOAuthJwsKeysUrl: v >= 5 ? undefined : [`${ISS}/okta/keys`],
        rsaPublicKeys: v >= 5 ? [PEM] : undefined,
        externalOAuthBlockedRolesList: ["analyst"],
        externalOAuthAudienceList: v === 1 ? ["https://acct.example.com"] : undefined,
        comment: v >= 2 ? "okta" : undefined,
      });
      new ExternalOAuthIntegration("azure", {
        externalOAuthType: "AZURE",
        externalOAuthIssuer: v === 1 ? `${ISS}/azure` : `${ISS}/azure/v2`,
        externalOAuthTokenUserMappingClaim: ["upn"],
        externalOAuthSnowflakeUserMappingAttribute: "EMAIL_ADDRESS",
        externalOAuthJwsKeysUrl: [`${ISS}/azure/keys1`, `${ISS}/azure/keys2`],
        externalOAuthAllowedRolesList: ["analyst"],
        networkPolicy: v === 1 ? "ext_np" : undefined,
      });
      new ExternalOAuthIntegration("ping", {
        name: "ping",
        externalOAuthType: "PING_FEDERATE",
        externalOAuthIssuer: `${ISS}/ping`,
        externalOAuthTokenUserMappingClaim: ["sub"],
        externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
        externalOAuthJwsKeysUrl: [`${ISS}/ping/keys`],
        enabled: v === 1 ? false : undefined,
        externalOAuthAnyRoleMode: v === 1 ? "ENABLE" : undefined,
      });
      new ExternalOAuthIntegration("custom", {
        name: "custom_idp",
        externalOAuthType: "CUSTOM",
        externalOAuthIssuer: `${ISS}/custom`,
        externalOAuthTokenUserMappingClaim: ["sub", "email"],
        externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
        externalOAuthJwsKeysUrl: [`${ISS}/custom/keys`],
        externalOAuthAudienceList: v === 1 ? ["aud1", "aud2"] : ["aud1"],
        externalOAuthScopeDelimiter: v === 1 ? " " : undefined,
        externalOAuthScopeMappingAttribute: "scope",
        comment: v === 1 ? "c" : undefined,
      });
      new ExternalOAuthIntegration("old", {
        name: "idp_old",
        externalOAuthType: "OKTA",
        externalOAuthIssuer: "https://new.example.com",
        externalOAuthTokenUserMappingClaim: ["sub"],
        externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
        externalOAuthJwsKeysUrl: ["https://old.example.com/keys"],
        adoptExisting: true,
      });
    };
    let s: TestStack;
    const head = (t: string) => `TYPE = EXTERNAL_OAUTH EXTERNAL_OAUTH_TYPE = ${t}`;
    const alter = (n: string, rest: string) => `ALTER SECURITY INTEGRATION ${n} ${rest}`;
    before(async () => {
      s = await createTestStack({ name: "provider-oauth-external", target: fx.target(), program });
    });
    after(async () => {
      await s?.dispose();
    });
    const step = steps();

    step("create (+ adopt)", async () => {
      const c = await fx.measure(() => s.up(program));
      measured.record("create (4 new + 1 adopted)", c.t);
      assert.deepEqual(changes(c.r.summary), { create: 6 });
      assert.equal(c.t.logins, 1);
      assert.deepEqual(about(c.t.statements, "OKTA"), [
        `CREATE SECURITY INTEGRATION OKTA ${head("OKTA")} ENABLED = TRUE EXTERNAL_OAUTH_ISSUER = '${ISS}/okta' EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM = ('sub') ` +
          `EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE = 'LOGIN_NAME' EXTERNAL_OAUTH_JWS_KEYS_URL = ('${ISS}/okta/keys') EXTERNAL_OAUTH_BLOCKED_ROLES_LIST = (ANALYST) ` +
          "EXTERNAL_OAUTH_AUDIENCE_LIST = ('https://acct.example.com')",
        DESC("OKTA"),
      ]);
      assert.deepEqual(about(c.t.statements, "AZURE"), [
        `CREATE SECURITY INTEGRATION AZURE ${head("AZURE")} ENABLED = TRUE EXTERNAL_OAUTH_ISSUER = '${ISS}/azure' EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM = ('upn') ` +
          `EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE = 'EMAIL_ADDRESS' EXTERNAL_OAUTH_JWS_KEYS_URL = ('${ISS}/azure/keys1', '${ISS}/azure/keys2') ` +
          "EXTERNAL_OAUTH_ALLOWED_ROLES_LIST = (ANALYST) NETWORK_POLICY = 'EXT_NP'",
        DESC("AZURE"),
      ]);
      assert.deepEqual(about(c.t.statements, "PING"), [
        `CREATE SECURITY INTEGRATION PING ${head("PING_FEDERATE")} ENABLED = FALSE EXTERNAL_OAUTH_ISSUER = '${ISS}/ping' EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM = ('sub') ` +
          `EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE = 'LOGIN_NAME' EXTERNAL_OAUTH_JWS_KEYS_URL = ('${ISS}/ping/keys') EXTERNAL_OAUTH_ANY_ROLE_MODE = ENABLE`,
        DESC("PING"),
      ]);
      assert.deepEqual(about(c.t.statements, "CUSTOM_IDP"), [
        `CREATE SECURITY INTEGRATION CUSTOM_IDP ${head("CUSTOM")} ENABLED = TRUE EXTERNAL_OAUTH_ISSUER = '${ISS}/custom' EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM = ('sub', 'email') ` +
          `EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE = 'LOGIN_NAME' EXTERNAL_OAUTH_JWS_KEYS_URL = ('${ISS}/custom/keys') EXTERNAL_OAUTH_AUDIENCE_LIST = ('aud1', 'aud2') ` +
          "EXTERNAL_OAUTH_SCOPE_DELIMITER = ' ' EXTERNAL_OAUTH_SCOPE_MAPPING_ATTRIBUTE = 'scope' COMMENT = 'c'",
        DESC("CUSTOM_IDP"),
      ]);
      assert.deepEqual(about(c.t.statements, "IDP_OLD"), [
        DESC("IDP_OLD"),
        "ALTER SECURITY INTEGRATION IDP_OLD SET EXTERNAL_OAUTH_ISSUER = 'https://new.example.com'",
        DESC("IDP_OLD"),
      ]);
      assert.deepEqual(parameterReads(c.t.statements), [SHOW_PARAM]);
      assert.deepEqual(unaccounted(c.t.statements, ...OBJECTS), []);
      assert.equal(c.t.statements.length, 12);

      const n1 = await fx.measure(() => s.up(program));
      measured.record("no-op up (5 integrations)", n1.t);
      assert.deepEqual(changes(n1.r.summary), { same: 6 });
      assert.deepEqual(sorted(n1.t.statements), sorted(OBJECTS.map(DESC)));
      assert.equal(n1.t.logins, 1);
    });

    step("Update", async () => {
      // Update: one SET (+ one UNSET for ENABLED / the audience list / the network policy) per object.
      v = 2;
      const u = await fx.measure(() => s.up(program));
      measured.record("update (4 of 5 changed)", u.t);
      assert.deepEqual(changes(u.r.summary), { same: 2, update: 4 });
      assert.equal(u.t.logins, 1);
      assert.deepEqual(about(u.t.statements, "OKTA"), [
        DESC("OKTA"),
        alter("OKTA", "SET COMMENT = 'okta'"),
        alter("OKTA", "UNSET EXTERNAL_OAUTH_AUDIENCE_LIST"),
        DESC("OKTA"),
      ]);
      // External OAuth has no UNSET NETWORK_POLICY (ALTER docs: UNSET only ENABLED, EXTERNAL_OAUTH_AUDIENCE_LIST).
      assert.deepEqual(about(u.t.statements, "AZURE"), [
        DESC("AZURE"),
        alter("AZURE", `SET EXTERNAL_OAUTH_ISSUER = '${ISS}/azure/v2', NETWORK_POLICY = ''`),
        DESC("AZURE"),
      ]);
      assert.deepEqual(about(u.t.statements, "PING"), [
        DESC("PING"),
        alter("PING", "SET EXTERNAL_OAUTH_ANY_ROLE_MODE = DISABLE"),
        alter("PING", "UNSET ENABLED"),
        DESC("PING"),
      ]);
      assert.deepEqual(about(u.t.statements, "CUSTOM_IDP"), [
        DESC("CUSTOM_IDP"),
        alter("CUSTOM_IDP", "SET EXTERNAL_OAUTH_AUDIENCE_LIST = ('aud1'), EXTERNAL_OAUTH_SCOPE_DELIMITER = ',', COMMENT = ''"),
        DESC("CUSTOM_IDP"),
      ]);
      assert.deepEqual(about(u.t.statements, "IDP_OLD"), [DESC("IDP_OLD")]);
      assert.equal(u.t.statements.length, 15, "no SHOW PARAMETERS on update");
    });

    step("Out-of-band SET and UNSET", async () => {
      // Out-of-band SET and UNSET; refresh reads each object once (+ the parameter once).
      await fx.admin(
        alter("OKTA", "SET EXTERNAL_OAUTH_ANY_ROLE_MODE = ENABLE"),
        alter("CUSTOM_IDP", "UNSET EXTERNAL_OAUTH_AUDIENCE_LIST"),
        alter("AZURE", "SET EXTERNAL_OAUTH_ALLOWED_ROLES_LIST = ()"),
        alter("PING", "SET COMMENT = 'by hand'"),
      );
      const r = await fx.measure(() => s.refresh());
      measured.record("refresh (5 integrations, 4 drifted)", r.t);
      assert.deepEqual(changes(r.r.summary), { same: 2, update: 4 });
      assert.equal(r.t.logins, 1);
      assert.deepEqual(sorted(r.t.statements), sorted([...OBJECTS.map(DESC), SHOW_PARAM]));
      const ping = (await s.exportDeployment()).deployment.resources.find((x: any) => x.urn.endsWith("::ping"));
      assert.equal(ping.outputs.comment, "by hand");

      const rep = await fx.measure(() => s.up(program));
      measured.record("drift repair up", rep.t);
      assert.deepEqual(changes(rep.r.summary), { same: 2, update: 4 });
      assert.deepEqual(about(rep.t.statements, "OKTA"), [
        DESC("OKTA"),
        alter("OKTA", "SET EXTERNAL_OAUTH_ANY_ROLE_MODE = DISABLE"),
        DESC("OKTA"),
      ]);
      assert.deepEqual(about(rep.t.statements, "CUSTOM_IDP"), [
        DESC("CUSTOM_IDP"),
        alter("CUSTOM_IDP", "SET EXTERNAL_OAUTH_AUDIENCE_LIST = ('aud1')"),
        DESC("CUSTOM_IDP"),
      ]);
      assert.deepEqual(about(rep.t.statements, "AZURE"), [
        DESC("AZURE"),
        alter("AZURE", "SET EXTERNAL_OAUTH_ALLOWED_ROLES_LIST = (ANALYST)"),
        DESC("AZURE"),
      ]);
      assert.deepEqual(about(rep.t.statements, "PING"), [DESC("PING"), alter("PING", "SET COMMENT = ''"), DESC("PING")]);
      assert.equal(rep.t.statements.length, 13);
      const n2 = await fx.measure(() => s.up(program));
      assert.deepEqual(changes(n2.r.summary), { same: 6 });
      assert.deepEqual(sorted(n2.t.statements), sorted(OBJECTS.map(DESC)));
    });

    step("Replace", async () => {
      // Replace: a JWS keys URL cannot be unset, so switching OKTA to an RSA key replaces it (same name: drop first).
      v = 5;
      const x = await fx.measure(() => s.up(program));
      measured.record("replace (JWS URL -> RSA key)", x.t);
      assert.deepEqual(changes(x.r.summary), { same: 5, replace: 1 });
      assert.equal(x.t.logins, 1);
      assert.deepEqual(about(x.t.statements, "OKTA"), [
        DESC("OKTA"),
        "DROP INTEGRATION IF EXISTS OKTA",
        `CREATE SECURITY INTEGRATION OKTA ${head("OKTA")} ENABLED = TRUE EXTERNAL_OAUTH_ISSUER = '${ISS}/okta' EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM = ('sub') ` +
          "EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE = 'LOGIN_NAME' EXTERNAL_OAUTH_BLOCKED_ROLES_LIST = (ANALYST) EXTERNAL_OAUTH_RSA_PUBLIC_KEY = '***' COMMENT = 'okta'",
        DESC("OKTA"),
      ]);
      assert.deepEqual(parameterReads(x.t.statements), [SHOW_PARAM]);
      assert.deepEqual(unaccounted(x.t.statements, ...OBJECTS), []);
      assert.equal(x.t.statements.length, 9);
      const okta = (await s.exportDeployment()).deployment.resources.find((y: any) => y.urn.endsWith("::okta"));
      assert.equal(okta.outputs.rsaPublicKeyFp, key.fingerprint);

      await assertNoPlaintextSecrets(fx, s, []);
    });

    step("Validation errors at preview", async () => {
      // Validation errors at preview: each names its field, and nothing reaches Snowflake.
      const base = {
        externalOAuthIssuer: ISS,
        externalOAuthTokenUserMappingClaim: ["sub"],
        externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
        externalOAuthJwsKeysUrl: [`${ISS}/keys`],
      };
      const cases: [Record<string, unknown>, string[]][] = [
        [
          {
            externalOAuthType: "OKTA",
            externalOAuthJwsKeysUrl: ["https://a.example.com", "https://b.example.com"],
            externalOAuthAudienceList: ["a", "b"],
            externalOAuthScopeDelimiter: " ",
            externalOAuthAnyRoleMode: "on",
            externalOAuthSnowflakeUserMappingAttribute: "UPN",
            externalOAuthBlockedRolesList: ["r1"],
            externalOAuthAllowedRolesList: ["r2"],
          },
          [
            "externalOAuthJwsKeysUrl",
            "externalOAuthAudienceList",
            "externalOAuthScopeDelimiter",
            "externalOAuthAnyRoleMode",
            "externalOAuthSnowflakeUserMappingAttribute",
            "externalOAuthAllowedRolesList",
          ],
        ],
        [
          { externalOAuthType: "CUSTOM", externalOAuthJwsKeysUrl: undefined, externalOAuthScopeDelimiter: "ab", enabled: "yes" },
          ["externalOAuthJwsKeysUrl", "externalOAuthScopeDelimiter", "enabled"],
        ],
        [
          { externalOAuthType: "AUTH0", rsaPublicKeys: [PEM], externalOAuthAudienceList: ["a", "b"] },
          ["externalOAuthType", "rsaPublicKeys", "externalOAuthAudienceList"],
        ],
      ];
      for (const [args, fields] of cases) {
        const m = fx.mark();
        await assert.rejects(
          s.preview(async () => void new ExternalOAuthIntegration("bad", { ...base, ...args } as any)),
          (e: any) => {
            const msg = String(e?.message ?? e);
            for (const f of fields) assert.ok(msg.includes(`${f} `) || msg.includes(`${f}:`), `the error names ${f}`);
            return true;
          },
        );
        assert.deepEqual(fx.since(m), { statements: [], references: [], failed: [], logins: 0 }, "an invalid program sends nothing");
      }

      const del = await fx.measure(() => s.destroy());
      measured.record("delete (5 integrations)", del.t);
      assert.deepEqual(sorted(del.t.statements), sorted(OBJECTS.map((n) => `DROP INTEGRATION IF EXISTS ${n}`)));
      assert.equal(del.t.logins, 1);
      assert.equal((await fx.emu.execAsAdmin("SHOW INTEGRATIONS")).rows.length, 0);
    });
  },
);
