/**
 * `check()` validation: every per-field rule and every cross-field rule has a failing case; messages name the field.
 * `check` never contacts Snowflake (no session is configured here).
 */
import { UNKNOWN } from "../../model/unknown";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as providers from "../../provider/index";
import { stats } from "../../provider/connection/session";
import { rsaPublicKey } from "../helpers/provider";

const U = UNKNOWN;
const custom = { name: "app", oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://app.example.com/cb" };
const external = {
  name: "ext",
  externalOAuthType: "OKTA",
  externalOAuthIssuer: "https://idp",
  externalOAuthTokenUserMappingClaim: ["sub"],
  externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
  externalOAuthJwsKeysUrl: ["https://idp/keys"],
};

type P = typeof providers.oauthIntegration;
async function failures(p: P, news: Record<string, unknown>, olds: Record<string, unknown> = {}) {
  const r = await p.check(olds, news);
  return r.failures;
}
async function expectFailure(p: P, news: Record<string, unknown>, property: string, reason: RegExp, olds?: Record<string, unknown>) {
  const f = await failures(p, news, olds);
  // A nested path or a key list is reported without a property, the path leading the reason (see presentFailures).
  const names = (x: { property: string; reason: string }) =>
    x.property === property || (x.property === "" && x.reason.startsWith(`${property}: `));
  assert.ok(
    f.some((x) => names(x) && reason.test(x.reason)),
    `expected ${property} ~ ${reason}, got ${JSON.stringify(f)}`,
  );
}

test("valid inputs pass for every resource (and unknowns are tolerated)", async () => {
  assert.deepEqual(await failures(providers.oauthIntegration, custom), []);
  assert.deepEqual(
    await failures(providers.oauthIntegration, { ...custom, oauthRedirectUri: U, blockedRolesList: [U, "x"], networkPolicy: U }),
    [],
  );
  assert.deepEqual(await failures(providers.partnerOAuthIntegration, { name: "t", oauthClient: "TABLEAU_DESKTOP" }), []);
  assert.deepEqual(await failures(providers.externalOAuthIntegration, external), []);
  assert.deepEqual(await failures(providers.networkPolicy, { name: "np", allowedIpList: ["10.0.0.0/8"] }), []);
  const r = await providers.oauthIntegration.check({}, custom);
  assert.equal(r.inputs.kind, "oauth-custom");
});

const cases: [string, P, Record<string, unknown>, string, RegExp][] = [
  ["required field", providers.oauthIntegration, { ...custom, oauthRedirectUri: undefined }, "oauthRedirectUri", /required/],
  ["enum", providers.oauthIntegration, { ...custom, oauthClientType: "SECRET" }, "oauthClientType", /one of CONFIDENTIAL, PUBLIC/],
  ["bool type", providers.oauthIntegration, { ...custom, enabled: "yes" }, "enabled", /boolean/],
  ["int type", providers.oauthIntegration, { ...custom, oauthRefreshTokenValidity: 1.5 }, "oauthRefreshTokenValidity", /integer/],
  [
    "range",
    providers.oauthIntegration,
    { ...custom, oauthRefreshTokenValidity: 59 },
    "oauthRefreshTokenValidity",
    /^OAUTH_REFRESH_TOKEN_VALIDITY must be between 60 and 7776000 \(live: 12345/,
  ],
  [
    "range per partner",
    providers.partnerOAuthIntegration,
    { name: "t", oauthClient: "LOOKER", oauthRedirectUri: "https://l", oauthRefreshTokenValidity: 3599 },
    "oauthRefreshTokenValidity",
    /between 3600 and 7776000 for LOOKER/,
  ],
  ["name syntax", providers.oauthIntegration, { ...custom, name: "a".repeat(300) }, "name", /255/],
  ["name required", providers.oauthIntegration, { ...custom, name: undefined }, "name", /required/],
  ["role name syntax", providers.oauthIntegration, { ...custom, blockedRolesList: [""] }, "blockedRolesList[0]", /non-empty/],
  [
    "duplicate role after resolution",
    providers.oauthIntegration,
    { ...custom, blockedRolesList: ["sysadmin", "SYSADMIN"] },
    "blockedRolesList",
    /more than once/,
  ],
  [
    "https redirect unless non-TLS allowed",
    providers.oauthIntegration,
    { ...custom, oauthRedirectUri: "http://app/cb" },
    "oauthRedirectUri",
    /https/,
  ],
  ["redirect must be a URI", providers.oauthIntegration, { ...custom, oauthRedirectUri: "not a uri" }, "oauthRedirectUri", /absolute URI/],
  [
    "allowed roles need secondary roles NONE",
    providers.oauthIntegration,
    { ...custom, allowedRolesList: ["r"], oauthUseSecondaryRoles: "IMPLICIT" },
    "oauthUseSecondaryRoles",
    /NONE/,
  ],
  [
    "role name with a comma (DESCRIBE joins role lists with commas)",
    providers.oauthIntegration,
    { ...custom, blockedRolesList: ['"a,b"'] },
    "blockedRolesList[0]",
    /: BLOCKED_ROLES_LIST role name contains a comma/,
  ],
  [
    "alternate redirect URIs are https unless non-TLS allowed",
    providers.oauthIntegration,
    { ...custom, oauthAlternateRedirectUris: ["https://ok/cb", "http://app/cb"] },
    "oauthAlternateRedirectUris",
    /^OAUTH_ALTERNATE_REDIRECT_URIS 'http:\/\/app\/cb' must use https:\/\//,
  ],
  [
    "pre-authorized privileged",
    providers.oauthIntegration,
    { ...custom, preAuthorizedRolesList: ["accountadmin"] },
    "preAuthorizedRolesList",
    /privileged/,
  ],
  [
    "any role mode values",
    providers.oauthIntegration,
    { ...custom, oauthAnyRoleMode: "ALWAYS" },
    "oauthAnyRoleMode",
    /DISABLE, ENABLE, ENABLE_FOR_PRIVILEGE/,
  ],
  ["unknown input", providers.oauthIntegration, { ...custom, oauthClientSecret: "x" }, "oauthClientSecret", /not an input/],
  ["kind discriminator", providers.oauthIntegration, { ...custom, kind: "network-policy" }, "kind", /oauth-custom/],
  [
    "rotation counter",
    providers.oauthIntegration,
    { ...custom, clientSecretRotation: { secret1: -1 } },
    "clientSecretRotation.secret1",
    /non-negative integer/,
  ],
  [
    "rotation slot",
    providers.oauthIntegration,
    { ...custom, clientSecretRotation: { secret3: 1 } },
    "clientSecretRotation.secret3",
    /secret1 and secret2/,
  ],
  [
    "rsa key: not a key",
    providers.oauthIntegration,
    { ...custom, rsaPublicKeys: ["garbage"] },
    "rsaPublicKeys[0]",
    /^rsaPublicKeys\[0\]: not a valid RSA public key: the body is not a DER SubjectPublicKeyInfo or RSAPublicKey\. Expected a PEM "PUBLIC KEY"/,
  ],
  [
    "partner: redirect only for LOOKER",
    providers.partnerOAuthIntegration,
    { name: "t", oauthClient: "TABLEAU_SERVER", oauthRedirectUri: "https://x" },
    "oauthRedirectUri",
    /not accepted for TABLEAU_SERVER/,
  ],
  [
    "partner: LOOKER needs redirect",
    providers.partnerOAuthIntegration,
    { name: "t", oauthClient: "LOOKER" },
    "oauthRedirectUri",
    /required when the client is LOOKER/,
  ],
  [
    "partner: redirect must be a URI",
    providers.partnerOAuthIntegration,
    { name: "t", oauthClient: "LOOKER", oauthRedirectUri: "not a uri" },
    "oauthRedirectUri",
    /absolute URI/,
  ],
  [
    "partner: no key slots",
    providers.partnerOAuthIntegration,
    { name: "t", oauthClient: "LOOKER", oauthRedirectUri: "https://l", rsaPublicKeys: [] },
    "rsaPublicKeys",
    /not an input/,
  ],
  [
    "external: JWS URL vs RSA key exclusivity",
    providers.externalOAuthIntegration,
    { ...external, rsaPublicKeys: [rsaPublicKey().pem] },
    "rsaPublicKeys",
    /conflicts with externalOAuthJwsKeysUrl/,
  ],
  [
    "external: one of JWS URL / key",
    providers.externalOAuthIntegration,
    { ...external, externalOAuthJwsKeysUrl: undefined },
    "externalOAuthJwsKeysUrl",
    /one of/,
  ],
  [
    "external: allowed vs blocked exclusive",
    providers.externalOAuthIntegration,
    { ...external, externalOAuthAllowedRolesList: ["a"], externalOAuthBlockedRolesList: ["b"] },
    "externalOAuthAllowedRolesList",
    /conflicts with externalOAuthBlockedRolesList/,
  ],
  [
    "external: JWS URLs at most 1 unless AZURE",
    providers.externalOAuthIntegration,
    { ...external, externalOAuthJwsKeysUrl: ["https://a", "https://b"] },
    "externalOAuthJwsKeysUrl",
    /at most 1/,
  ],
  [
    "external: audience list multi only CUSTOM",
    providers.externalOAuthIntegration,
    { ...external, externalOAuthAudienceList: ["a", "b"] },
    "externalOAuthAudienceList",
    /at most 1/,
  ],
  [
    "external: scope delimiter only CUSTOM",
    providers.externalOAuthIntegration,
    { ...external, externalOAuthScopeDelimiter: " " },
    "externalOAuthScopeDelimiter",
    /not accepted for OKTA/,
  ],
  [
    "external: scope delimiter one char",
    providers.externalOAuthIntegration,
    { ...external, externalOAuthType: "CUSTOM", externalOAuthScopeDelimiter: "ab" },
    "externalOAuthScopeDelimiter",
    /exactly one character/,
  ],
  [
    "external: any role mode",
    providers.externalOAuthIntegration,
    { ...external, externalOAuthAnyRoleMode: "on" },
    "externalOAuthAnyRoleMode",
    /one of/,
  ],
  [
    "external: mapping attribute",
    providers.externalOAuthIntegration,
    { ...external, externalOAuthSnowflakeUserMappingAttribute: "UPN" },
    "externalOAuthSnowflakeUserMappingAttribute",
    /LOGIN_NAME, EMAIL_ADDRESS/,
  ],
  ["network policy: IPv4/CIDR", providers.networkPolicy, { name: "np", allowedIpList: ["::1"] }, "allowedIpList[0]", /IPv4/],
  ["network policy: CIDR suffix", providers.networkPolicy, { name: "np", allowedIpList: ["10.0.0.0/33"] }, "allowedIpList[0]", /IPv4/],
  [
    "network policy: never block 0.0.0.0/0",
    providers.networkPolicy,
    { name: "np", blockedIpList: ["0.0.0.0/0"] },
    "blockedIpList",
    /every address/,
  ],
  [
    "network policy: ALLOWED_IP_LIST at most 100,000 characters",
    providers.networkPolicy,
    { name: "np", allowedIpList: Array.from({ length: 7200 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.1/32`) },
    "allowedIpList",
    /100,000 characters/,
  ],
  [
    "external: JWS keys URL is https",
    providers.externalOAuthIntegration,
    { ...external, externalOAuthJwsKeysUrl: ["http://idp/keys"] },
    "externalOAuthJwsKeysUrl",
    /^EXTERNAL_OAUTH_JWS_KEYS_URL 'http:\/\/idp\/keys' must use https:\/\//,
  ],
  [
    "network policy: rule names qualified",
    providers.networkPolicy,
    { name: "np", allowedNetworkRuleList: ["rule"] },
    "allowedNetworkRuleList[0]",
    /db.schema.rule/,
  ],
];

for (const [what, p, news, property, reason] of cases) {
  test(`check fails: ${what}`, () => expectFailure(p, news, property, reason));
}

// Values live accounts accepted (Snowflake-Labs/terraform-provider-snowflake live tests): check must not refuse them.
const accepted: [string, P, Record<string, unknown>][] = [
  [
    "custom refresh validity 12345 (testint CreateOauthCustom)",
    providers.oauthIntegration,
    { ...custom, oauthRefreshTokenValidity: 12345 },
  ],
  [
    "TABLEAU_DESKTOP refresh validity 86400 (testacc ..._BasicTableauDesktop)",
    providers.partnerOAuthIntegration,
    { name: "t", oauthClient: "TABLEAU_DESKTOP", oauthRefreshTokenValidity: 86400 },
  ],
  [
    "TABLEAU_DESKTOP refresh validity 7776000, its DESCRIBE default",
    providers.partnerOAuthIntegration,
    { name: "t", oauthClient: "TABLEAU_DESKTOP", oauthRefreshTokenValidity: 7776000 },
  ],
  [
    "LOOKER with an http:// redirect URI (testint CreateOauthPartner)",
    providers.partnerOAuthIntegration,
    { name: "t", oauthClient: "LOOKER", oauthRedirectUri: "http://example.com" },
  ],
  [
    "a role both allowed and blocked (CREATE page: blocked wins)",
    providers.oauthIntegration,
    { ...custom, allowedRolesList: ["analyst"], blockedRolesList: ["ANALYST"] },
  ],
  [
    "pre-authorized roles on a PUBLIC client (testint CreateOauthCustom)",
    providers.oauthIntegration,
    { ...custom, oauthClientType: "PUBLIC", preAuthorizedRolesList: ["r1"] },
  ],
  [
    "secret rotation counters on a partner integration (ALTER page: REFRESH OAUTH_CLIENT_SECRET)",
    providers.partnerOAuthIntegration,
    { name: "t", oauthClient: "TABLEAU_SERVER", clientSecretRotation: { secret1: 1 } },
  ],
  [
    "an IP both allowed and blocked (CREATE NETWORK POLICY: the blocked list applies first)",
    providers.networkPolicy,
    { name: "np", allowedIpList: ["1.2.3.4"], blockedIpList: ["1.2.3.4"] },
  ],
  [
    "External OAuth CUSTOM scope mapping attribute 'foo' (testacc ..._withRsaPublicKeysAndBlockedRolesList)",
    providers.externalOAuthIntegration,
    { ...external, externalOAuthType: "CUSTOM", externalOAuthScopeMappingAttribute: "foo" },
  ],
];
for (const [what, p, news] of accepted) {
  test(`check accepts what Snowflake accepts: ${what}`, async () => assert.deepEqual(await failures(p, news), []));
}

test("check fails: replacing every key at once needs the opt-in", async () => {
  const a = rsaPublicKey().pem;
  const b = rsaPublicKey().pem;
  await expectFailure(providers.oauthIntegration, { ...custom, rsaPublicKeys: [b] }, "rsaPublicKeys", /allowReplacingAllKeys/, {
    ...custom,
    rsaPublicKeys: [a],
  });
  assert.deepEqual(
    await failures(
      providers.oauthIntegration,
      { ...custom, rsaPublicKeys: [b], allowReplacingAllKeys: true },
      { ...custom, rsaPublicKeys: [a] },
    ),
    [],
  );
  assert.deepEqual(await failures(providers.oauthIntegration, { ...custom, rsaPublicKeys: [a, b] }, { ...custom, rsaPublicKeys: [a] }), []);
});

test("check fails: a private key given as a public key is refused without echoing it", async () => {
  const { generateKeyPairSync } = await import("node:crypto");
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const f = await failures(providers.oauthIntegration, { ...custom, rsaPublicKeys: [pem] });
  assert.equal(f.length, 1);
  assert.equal(f[0].property, "", "reported without a property, so the engine does not print the key list");
  assert.match(f[0].reason, /^rsaPublicKeys\[0\]: /);
  assert.ok(!f[0].reason.includes(pem.split("\n")[1]));
});

test("check sends nothing to Snowflake", () => {
  assert.equal(stats().statements, 0);
  assert.equal(stats().logins, 0);
});
