/**
 * Each spec → exact CREATE / ALTER SET / ALTER UNSET text ("basic" and "all"), derived from the property tables.
 * No connection.
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { buildCreate, plan, type Observed, type PlanRequest, type Step } from "../../provider/engine/plan";
import { OAUTH_CUSTOM, OAUTH_CUSTOM_KEY_SLOTS } from "../../model/oauthCustom";
import { OAUTH_PARTNER } from "../../model/oauthPartner";
import { EXTERNAL_OAUTH } from "../../model/externalOAuth";
import { NETWORK_POLICY } from "../../model/networkPolicy";
import { normalizeDefault } from "../../provider/engine/values";
import type { ObjectSpec } from "../../model/types";
import { planKeySlots } from "../../provider/keys/rotation";

const sqlOf = (x: Step): string => ("sql" in x ? (x as { sql: string }).sql : x.op);
const create = (spec: ObjectSpec, name: string, inputs: Record<string, unknown>) => buildCreate({ spec, name, inputs }).sql;

/** Observation where every property sits at its table default. */
function atDefaults(spec: ObjectSpec, extra: Record<string, unknown> = {}): Observed {
  const values: Record<string, any> = {};
  for (const [arg, p] of Object.entries(spec.table)) values[arg] = normalizeDefault(p);
  return { values: { ...values, ...extra } };
}

function steps(req: PlanRequest) {
  const r = plan({
    parameters: { OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: true, EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: true },
    ...req,
  });
  assert.equal(r.kind, "plan", JSON.stringify(r));
  return r.kind === "plan" ? r.steps : [];
}

test("custom OAuth: CREATE basic", () => {
  assert.equal(
    create(OAUTH_CUSTOM, "my_app", { oauthClientType: "confidential", oauthRedirectUri: "https://app.example.com/cb" }),
    "CREATE SECURITY INTEGRATION MY_APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://app.example.com/cb'",
  );
});

test("custom OAuth: CREATE all (table order, COMMENT last, keys after the table)", () => {
  const sql = buildCreate(
    {
      spec: OAUTH_CUSTOM,
      name: '"My App"',
      keys: { slots: OAUTH_CUSTOM_KEY_SLOTS, desired: [], planKeySlots },
      inputs: {
        oauthClientType: "PUBLIC",
        oauthRedirectUri: "http://localhost:8080/cb",
        oauthAllowNonTlsRedirectUri: true,
        oauthEnforcePkce: true,
        preAuthorizedRolesList: ["analyst"],
        oauthAnyRoleMode: "enable",
        enabled: false,
        oauthIssueRefreshTokens: false,
        oauthRefreshTokenValidity: 86400,
        oauthAccessTokenValidity: 300,
        oauthSingleUseRefreshTokensRequired: true,
        oauthUseSecondaryRoles: "NONE",
        networkPolicy: '"lower_np"',
        allowedRolesList: ["reader", '"Mixed Role"'],
        blockedRolesList: ["SYSADMIN"],
        usePrivatelinkForAuthorizationEndpoint: false,
        comment: "it's mine",
      },
    },
    [{ slot: 1, body: "MIIBkey1" }],
  ).sql;
  assert.equal(
    sql,
    `CREATE SECURITY INTEGRATION "My App" TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' ` +
      `OAUTH_REDIRECT_URI = 'http://localhost:8080/cb' OAUTH_ALLOW_NON_TLS_REDIRECT_URI = TRUE OAUTH_ENFORCE_PKCE = TRUE ` +
      `PRE_AUTHORIZED_ROLES_LIST = (ANALYST) OAUTH_ANY_ROLE_MODE = ENABLE ENABLED = FALSE OAUTH_ISSUE_REFRESH_TOKENS = FALSE ` +
      `OAUTH_REFRESH_TOKEN_VALIDITY = 86400 OAUTH_ACCESS_TOKEN_VALIDITY = 300 OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED = TRUE ` +
      `OAUTH_USE_SECONDARY_ROLES = NONE NETWORK_POLICY = '"lower_np"' ALLOWED_ROLES_LIST = (READER, "Mixed Role") ` +
      `BLOCKED_ROLES_LIST = (SYSADMIN) USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT = FALSE ` +
      `OAUTH_CLIENT_RSA_PUBLIC_KEY = 'MIIBkey1' COMMENT = 'it''s mine'`,
  );
});

test("custom OAuth: ALTER SET carries every changed property in one statement; UNSET in one statement after it", () => {
  const base = { oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://app.example.com/cb" };
  const s = steps({
    spec: OAUTH_CUSTOM,
    name: "MY_APP",
    currentName: "MY_APP",
    inputs: { ...base, oauthEnforcePkce: true, comment: "c", blockedRolesList: ["sysadmin"], oauthRefreshTokenValidity: 86400 },
    observed: atDefaults(OAUTH_CUSTOM, {
      oauthRedirectUri: "https://app.example.com/cb",
      oauthClientType: "CONFIDENTIAL",
      blockedRolesList: ["ACCOUNTADMIN", "SECURITYADMIN"],
      enabled: false,
      networkPolicy: "NP1",
      oauthUseSecondaryRoles: "IMPLICIT",
    }),
  });
  assert.deepEqual(s.map(sqlOf), [
    "ALTER SECURITY INTEGRATION MY_APP SET OAUTH_ENFORCE_PKCE = TRUE, OAUTH_REFRESH_TOKEN_VALIDITY = 86400, BLOCKED_ROLES_LIST = (SYSADMIN), COMMENT = 'c'",
    "ALTER SECURITY INTEGRATION MY_APP UNSET ENABLED, OAUTH_USE_SECONDARY_ROLES, NETWORK_POLICY",
  ]);
});

test("custom OAuth: undeclared properties without UNSET are reset with SET <default> / = ()", () => {
  const s = steps({
    spec: OAUTH_CUSTOM,
    name: "MY_APP",
    currentName: "MY_APP",
    inputs: { oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://x/cb" },
    observed: atDefaults(OAUTH_CUSTOM, {
      oauthRedirectUri: "https://x/cb",
      oauthClientType: "CONFIDENTIAL",
      oauthEnforcePkce: true,
      oauthAllowNonTlsRedirectUri: true,
      oauthIssueRefreshTokens: false,
      oauthRefreshTokenValidity: 86400,
      preAuthorizedRolesList: ["R1"],
      allowedRolesList: ["R2"],
      blockedRolesList: ["ACCOUNTADMIN", "R3", "SECURITYADMIN"],
      oauthSingleUseRefreshTokensRequired: true,
    }),
  });
  assert.deepEqual(s.map(sqlOf), [
    "ALTER SECURITY INTEGRATION MY_APP SET OAUTH_ALLOW_NON_TLS_REDIRECT_URI = FALSE, OAUTH_ENFORCE_PKCE = FALSE, PRE_AUTHORIZED_ROLES_LIST = (), " +
      "OAUTH_ISSUE_REFRESH_TOKENS = TRUE, OAUTH_REFRESH_TOKEN_VALIDITY = 7776000, OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED = FALSE, " +
      "ALLOWED_ROLES_LIST = (), BLOCKED_ROLES_LIST = ()",
  ]);
});

test("partner OAuth: CREATE basic per partner, and LOOKER with redirect", () => {
  assert.equal(
    create(OAUTH_PARTNER, "tableau", { oauthClient: "TABLEAU_DESKTOP" }),
    "CREATE SECURITY INTEGRATION TABLEAU TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP",
  );
  assert.equal(
    create(OAUTH_PARTNER, "tc", { oauthClient: "TABLEAU_SERVER", enabled: true }),
    "CREATE SECURITY INTEGRATION TC TYPE = OAUTH OAUTH_CLIENT = TABLEAU_SERVER ENABLED = TRUE",
  );
  assert.equal(
    create(OAUTH_PARTNER, "looker", {
      oauthClient: "LOOKER",
      oauthRedirectUri: "https://looker.example.com/cb",
      oauthRefreshTokenValidity: 3600,
      networkPolicy: "np",
      blockedRolesList: ["SYSADMIN"],
      comment: "l",
    }),
    "CREATE SECURITY INTEGRATION LOOKER TYPE = OAUTH OAUTH_CLIENT = LOOKER OAUTH_REDIRECT_URI = 'https://looker.example.com/cb' " +
      "OAUTH_REFRESH_TOKEN_VALIDITY = 3600 NETWORK_POLICY = 'NP' BLOCKED_ROLES_LIST = (SYSADMIN) COMMENT = 'l'",
  );
});

test("partner OAuth: SET/UNSET", () => {
  const s = steps({
    spec: OAUTH_PARTNER,
    name: "TABLEAU",
    currentName: "TABLEAU",
    inputs: { oauthClient: "TABLEAU_DESKTOP", oauthRefreshTokenValidity: 36000 },
    observed: atDefaults(OAUTH_PARTNER, { enabled: false, comment: "x", blockedRolesList: ["ACCOUNTADMIN", "SECURITYADMIN"] }),
    previous: { oauthClient: "TABLEAU_DESKTOP" },
  });
  assert.deepEqual(s.map(sqlOf), [
    "ALTER SECURITY INTEGRATION TABLEAU SET OAUTH_REFRESH_TOKEN_VALIDITY = 36000",
    "ALTER SECURITY INTEGRATION TABLEAU UNSET ENABLED, COMMENT",
  ]);
});

test("External OAuth: CREATE basic (JWS URL) and all", () => {
  const basic = {
    externalOAuthType: "OKTA",
    externalOAuthIssuer: "https://example.okta.com",
    externalOAuthTokenUserMappingClaim: ["sub"],
    externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
    externalOAuthJwsKeysUrl: ["https://example.okta.com/keys"],
  };
  assert.equal(
    create(EXTERNAL_OAUTH, "okta", basic),
    "CREATE SECURITY INTEGRATION OKTA TYPE = EXTERNAL_OAUTH EXTERNAL_OAUTH_TYPE = OKTA ENABLED = TRUE EXTERNAL_OAUTH_ISSUER = 'https://example.okta.com' " +
      "EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM = ('sub') EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE = 'LOGIN_NAME' " +
      "EXTERNAL_OAUTH_JWS_KEYS_URL = ('https://example.okta.com/keys')",
  );
  const all = buildCreate(
    {
      spec: EXTERNAL_OAUTH,
      name: "ext",
      inputs: {
        ...basic,
        externalOAuthType: "CUSTOM",
        externalOAuthJwsKeysUrl: undefined,
        enabled: true,
        externalOAuthAllowedRolesList: ["r1"],
        externalOAuthAudienceList: ["a1", "a2"],
        externalOAuthAnyRoleMode: "ENABLE_FOR_PRIVILEGE",
        externalOAuthScopeDelimiter: " ",
        externalOAuthScopeMappingAttribute: "scope",
        networkPolicy: "np",
        comment: "c",
      },
      keys: {
        slots: {
          slot1: { sql: "EXTERNAL_OAUTH_RSA_PUBLIC_KEY", describeRow: "", shows: "raw" },
          slot2: { sql: "EXTERNAL_OAUTH_RSA_PUBLIC_KEY_2", describeRow: "", shows: "raw" },
        },
        desired: [],
        planKeySlots,
      },
    },
    [
      { slot: 1, body: "K1" },
      { slot: 2, body: "K2" },
    ],
  ).sql;
  assert.equal(
    all,
    "CREATE SECURITY INTEGRATION EXT TYPE = EXTERNAL_OAUTH EXTERNAL_OAUTH_TYPE = CUSTOM ENABLED = TRUE EXTERNAL_OAUTH_ISSUER = 'https://example.okta.com' " +
      "EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM = ('sub') EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE = 'LOGIN_NAME' " +
      "EXTERNAL_OAUTH_ALLOWED_ROLES_LIST = (R1) EXTERNAL_OAUTH_AUDIENCE_LIST = ('a1', 'a2') EXTERNAL_OAUTH_ANY_ROLE_MODE = ENABLE_FOR_PRIVILEGE " +
      "EXTERNAL_OAUTH_SCOPE_DELIMITER = ' ' EXTERNAL_OAUTH_SCOPE_MAPPING_ATTRIBUTE = 'scope' NETWORK_POLICY = 'NP' " +
      "EXTERNAL_OAUTH_RSA_PUBLIC_KEY = 'K1' EXTERNAL_OAUTH_RSA_PUBLIC_KEY_2 = 'K2' COMMENT = 'c'",
  );
});

test("External OAuth: SET/UNSET; COMMENT is cleared with SET COMMENT = ''", () => {
  const s = steps({
    spec: EXTERNAL_OAUTH,
    name: "OKTA",
    currentName: "OKTA",
    inputs: {
      externalOAuthType: "OKTA",
      externalOAuthIssuer: "https://new",
      externalOAuthTokenUserMappingClaim: ["sub"],
      externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
      externalOAuthJwsKeysUrl: ["https://k"],
    },
    observed: atDefaults(EXTERNAL_OAUTH, {
      externalOAuthIssuer: "https://old",
      externalOAuthTokenUserMappingClaim: ["sub"],
      externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
      externalOAuthJwsKeysUrl: ["https://k"],
      externalOAuthAudienceList: ["x"],
      comment: "c",
      enabled: false,
      externalOAuthBlockedRolesList: ["ACCOUNTADMIN", "SECURITYADMIN"],
    }),
    previous: { externalOAuthType: "OKTA" },
  });
  assert.deepEqual(s.map(sqlOf), [
    "ALTER SECURITY INTEGRATION OKTA SET EXTERNAL_OAUTH_ISSUER = 'https://new', COMMENT = ''",
    "ALTER SECURITY INTEGRATION OKTA UNSET ENABLED, EXTERNAL_OAUTH_AUDIENCE_LIST",
  ]);
});

test("External OAuth: a network policy no longer declared is cleared with SET NETWORK_POLICY = '' (no UNSET in its ALTER syntax)", () => {
  const inputs = {
    externalOAuthType: "AZURE",
    externalOAuthIssuer: "https://i",
    externalOAuthTokenUserMappingClaim: ["upn"],
    externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
    externalOAuthJwsKeysUrl: ["https://k"],
  };
  const observed = atDefaults(EXTERNAL_OAUTH, {
    externalOAuthIssuer: "https://i",
    externalOAuthTokenUserMappingClaim: ["upn"],
    externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
    externalOAuthJwsKeysUrl: ["https://k"],
    externalOAuthBlockedRolesList: ["ACCOUNTADMIN", "SECURITYADMIN"],
    networkPolicy: "edge np",
  });
  const s = steps({ spec: EXTERNAL_OAUTH, name: "AZ", currentName: "AZ", inputs, observed, previous: { externalOAuthType: "AZURE" } });
  assert.deepEqual(s.map(sqlOf), ["ALTER SECURITY INTEGRATION AZ SET NETWORK_POLICY = ''"]);
  // Declaring '' (no policy) renders the same; a declared name still renders as a resolved identifier in a literal.
  const s2 = steps({
    spec: EXTERNAL_OAUTH,
    name: "AZ",
    currentName: "AZ",
    inputs: { ...inputs, networkPolicy: "" },
    observed,
    previous: { externalOAuthType: "AZURE" },
  });
  assert.deepEqual(s2.map(sqlOf), ["ALTER SECURITY INTEGRATION AZ SET NETWORK_POLICY = ''"]);
  const s3 = steps({
    spec: EXTERNAL_OAUTH,
    name: "AZ",
    currentName: "AZ",
    inputs: { ...inputs, networkPolicy: '"corp np"' },
    observed,
    previous: { externalOAuthType: "AZURE" },
  });
  assert.deepEqual(s3.map(sqlOf), [`ALTER SECURITY INTEGRATION AZ SET NETWORK_POLICY = '"corp np"'`]);
  // Snowflake OAuth documents UNSET NETWORK_POLICY: unchanged.
  const c = steps({
    spec: OAUTH_CUSTOM,
    name: "APP",
    currentName: "APP",
    inputs: { oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://a/cb" },
    observed: atDefaults(OAUTH_CUSTOM, {
      oauthRedirectUri: "https://a/cb",
      networkPolicy: "CORP",
      blockedRolesList: ["ACCOUNTADMIN", "SECURITYADMIN"],
    }),
  });
  assert.deepEqual(c.map(sqlOf), ["ALTER SECURITY INTEGRATION APP UNSET NETWORK_POLICY"]);
});

test("network policy: CREATE basic/all, SET/UNSET, RENAME first", () => {
  assert.equal(create(NETWORK_POLICY, "corp", {}), "CREATE NETWORK POLICY CORP");
  assert.equal(
    create(NETWORK_POLICY, '"corp np"', {
      allowedIpList: ["192.168.1.0/24", "10.0.0.1"],
      blockedIpList: ["192.168.1.99"],
      allowedNetworkRuleList: ["db.sch.allow"],
      blockedNetworkRuleList: ['db.sch."Deny"'],
      comment: "c",
    }),
    `CREATE NETWORK POLICY "corp np" ALLOWED_IP_LIST = ('192.168.1.0/24', '10.0.0.1') BLOCKED_IP_LIST = ('192.168.1.99') ` +
      `ALLOWED_NETWORK_RULE_LIST = (DB.SCH.ALLOW) BLOCKED_NETWORK_RULE_LIST = (DB.SCH."Deny") COMMENT = 'c'`,
  );
  const s = steps({
    spec: NETWORK_POLICY,
    name: "corp2",
    currentName: "CORP",
    renameInPlace: true,
    inputs: { allowedIpList: ["10.0.0.0/8"] },
    observed: atDefaults(NETWORK_POLICY, { allowedIpList: ["192.168.1.0/24"], blockedIpList: ["1.2.3.4"], comment: "old" }),
  });
  assert.deepEqual(s.map(sqlOf), [
    "ALTER NETWORK POLICY CORP RENAME TO CORP2",
    "ALTER NETWORK POLICY CORP2 SET ALLOWED_IP_LIST = ('10.0.0.0/8')",
    "ALTER NETWORK POLICY CORP2 UNSET BLOCKED_IP_LIST, COMMENT",
  ]);
});

test("custom OAuth: client secret rotation counter → REFRESH after SET/UNSET", () => {
  const s = steps({
    spec: OAUTH_CUSTOM,
    name: "MY_APP",
    currentName: "MY_APP",
    secretRotation: true,
    inputs: {
      oauthClientType: "CONFIDENTIAL",
      oauthRedirectUri: "https://x/cb",
      comment: "n",
      clientSecretRotation: { secret1: 1, secret2: 0 },
    },
    previous: { clientSecretRotation: { secret2: 0 } },
    observed: atDefaults(OAUTH_CUSTOM, {
      oauthRedirectUri: "https://x/cb",
      oauthClientType: "CONFIDENTIAL",
      blockedRolesList: [],
      networkPolicy: "NP",
    }),
  });
  assert.deepEqual(s.map(sqlOf), [
    "ALTER SECURITY INTEGRATION MY_APP SET COMMENT = 'n'",
    "ALTER SECURITY INTEGRATION MY_APP UNSET NETWORK_POLICY",
    "ALTER SECURITY INTEGRATION MY_APP REFRESH OAUTH_CLIENT_SECRET",
  ]);
});

test("partner OAuth: REFRESH OAUTH_CLIENT_SECRET_2 from a rotation counter (ALTER page, partner block)", () => {
  assert.equal(OAUTH_PARTNER.secretRotation, true, "the model says partners can rotate secrets");
  const s = steps({
    spec: OAUTH_PARTNER,
    name: "TAB",
    currentName: "TAB",
    secretRotation: OAUTH_PARTNER.secretRotation,
    inputs: { oauthClient: "TABLEAU_SERVER", clientSecretRotation: { secret2: 3 } },
    previous: { oauthClient: "TABLEAU_SERVER", clientSecretRotation: { secret2: 2 } },
    observed: atDefaults(OAUTH_PARTNER, { blockedRolesList: [] }),
  });
  assert.deepEqual(s.map(sqlOf), ["ALTER SECURITY INTEGRATION TAB REFRESH OAUTH_CLIENT_SECRET_2"]);
});

test("key slots: the new key's SET precedes the old key's UNSET (rotation invariant)", () => {
  const slots = OAUTH_CUSTOM_KEY_SLOTS;
  const s = steps({
    spec: OAUTH_CUSTOM,
    name: "MY_APP",
    currentName: "MY_APP",
    inputs: { oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://x/cb" },
    observed: {
      ...atDefaults(OAUTH_CUSTOM, { oauthRedirectUri: "https://x/cb", oauthClientType: "CONFIDENTIAL" }),
      keySlots: { slot1: "SHA256:old", slot2: "SHA256:new" },
    },
    keys: {
      slots,
      desired: [
        { fingerprint: "SHA256:new", body: "NEW" },
        { fingerprint: "SHA256:newer", body: "NEWER" },
      ],
      planKeySlots,
    },
  });
  assert.deepEqual(s.map(sqlOf), ["ALTER SECURITY INTEGRATION MY_APP SET OAUTH_CLIENT_RSA_PUBLIC_KEY = 'NEWER'"]);
  const s2 = steps({
    spec: OAUTH_CUSTOM,
    name: "MY_APP",
    currentName: "MY_APP",
    inputs: { oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://x/cb", comment: "c" },
    observed: {
      ...atDefaults(OAUTH_CUSTOM, { oauthRedirectUri: "https://x/cb", oauthClientType: "CONFIDENTIAL" }),
      keySlots: { slot1: "SHA256:old" },
    },
    keys: { slots, desired: [{ fingerprint: "SHA256:new", body: "NEW" }], allowReplacingAllKeys: true, planKeySlots },
  });
  const sql = s2.map(sqlOf);
  assert.ok(sql[0].startsWith("ALTER SECURITY INTEGRATION MY_APP SET COMMENT = 'c', OAUTH_CLIENT_RSA_PUBLIC_KEY"), sql[0]);
  for (let i = 0; i < s2.length; i++)
    for (let j = i + 1; j < s2.length; j++) assert.ok(!(s2[i].op === "unset" && s2[j].op === "set"), "no SET after an UNSET");
});
