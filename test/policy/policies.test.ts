// Each policy, called the way the policy SDK calls it (pulumi-policy's own tests do the same), with a
// violating and a compliant resource.
import { UNKNOWN } from "../../model/unknown";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import * as p from "../../policy/policies";

function run(
  policy: ResourceValidationPolicy,
  type: string,
  props: Record<string, unknown>,
  opts: { config?: object; secretOutputs?: string[] } = {},
): string[] {
  const msgs: string[] = [];
  const args = {
    type,
    props,
    urn: `urn:pulumi:dev::proj::${type}::r`,
    name: "r",
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: opts.secretOutputs ?? [],
    },
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: () => opts.config ?? {},
    notApplicable: () => {
      throw new Error("not applicable");
    },
  } as unknown as ResourceValidationArgs;
  const v0 = policy.validateResource;
  const validations = v0 === undefined ? [] : Array.isArray(v0) ? v0 : [v0];
  for (const v of validations) void v(args, (m: string) => msgs.push(m));
  return msgs;
}

const custom = p.TYPES.oauthCustom[0];
const okCustom = {
  kind: "oauth-custom",
  oauthClientType: "CONFIDENTIAL",
  oauthRedirectUri: "https://app.example.com/cb",
  oauthRefreshTokenValidity: 3600,
  networkPolicy: "corp",
};

test("redirect URI: http and non-TLS flag are violations, https passes, host allow-list applies", () => {
  assert.deepEqual(run(p.redirectUriHttps, custom, okCustom), []);
  assert.match(run(p.redirectUriHttps, custom, { ...okCustom, oauthRedirectUri: "http://app.example.com/cb" })[0], /must use https/);
  assert.match(run(p.redirectUriHttps, custom, { ...okCustom, oauthAllowNonTlsRedirectUri: true })[0], /plain http/);
  assert.match(
    run(p.redirectUriHttps, custom, okCustom, { config: { allowedHosts: ["other.example.com"] } })[0],
    /not in the approved list/,
  );
  assert.deepEqual(run(p.redirectUriHttps, p.TYPES.networkPolicy[0], { oauthRedirectUri: "http://x" }), [], "other types are ignored");
});

test("refresh token validity: unset (Snowflake default 90 days) and too long are violations", () => {
  assert.deepEqual(run(p.refreshTokenValidity, custom, okCustom), []);
  assert.match(run(p.refreshTokenValidity, custom, { ...okCustom, oauthRefreshTokenValidity: undefined })[0], /default of 7776000/);
  assert.match(run(p.refreshTokenValidity, custom, { ...okCustom, oauthRefreshTokenValidity: 7776000 })[0], /exceeds/);
  assert.deepEqual(
    run(p.refreshTokenValidity, custom, { ...okCustom, oauthRefreshTokenValidity: 7776000 }, { config: { maxSeconds: 7776000 } }),
    [],
  );
  assert.deepEqual(
    run(p.refreshTokenValidity, custom, { ...okCustom, oauthIssueRefreshTokens: false, oauthRefreshTokenValidity: 7776000 }),
    [],
  );
});

test("public clients must enforce PKCE", () => {
  assert.match(run(p.publicClientsUsePkce, custom, { ...okCustom, oauthClientType: "PUBLIC" })[0], /oauthEnforcePkce is not true/);
  assert.deepEqual(run(p.publicClientsUsePkce, custom, { ...okCustom, oauthClientType: "PUBLIC", oauthEnforcePkce: true }), []);
});

test("privileged roles: quoted and unquoted names resolve like Snowflake identifiers", () => {
  assert.match(run(p.noPrivilegedRoles, custom, { ...okCustom, preAuthorizedRolesList: ["analyst", "accountadmin"] })[0], /ACCOUNTADMIN/);
  assert.deepEqual(
    run(p.noPrivilegedRoles, custom, { ...okCustom, preAuthorizedRolesList: ['"accountadmin"'] }),
    [],
    "a quoted lower-case name is another role",
  );
  assert.match(
    run(p.noPrivilegedRoles, p.TYPES.externalOAuth[0], { externalOAuthAllowedRolesList: ["SECURITYADMIN"] })[0],
    /SECURITYADMIN/,
  );
});

test("network policy attached, External OAuth any-role mode and audience, open network policy", () => {
  assert.match(run(p.networkPolicyAttached, custom, { ...okCustom, networkPolicy: undefined })[0], /networkPolicy is not set/);
  assert.deepEqual(run(p.networkPolicyAttached, custom, okCustom), []);
  assert.match(run(p.externalOAuthNoAnyRole, p.TYPES.externalOAuth[0], { externalOAuthAnyRoleMode: "enable" })[0], /ENABLE/);
  assert.deepEqual(run(p.externalOAuthNoAnyRole, p.TYPES.externalOAuth[0], { externalOAuthAnyRoleMode: "DISABLE" }), []);
  assert.match(run(p.externalOAuthAudience, p.TYPES.externalOAuth[0], {})[0], /audience/);
  assert.match(run(p.networkPolicyNotOpen, p.TYPES.networkPolicy[0], { allowedIpList: ["10.0.0.0/8", "0.0.0.0/0"] })[0], /0\.0\.0\.0\/0/);
  assert.deepEqual(run(p.networkPolicyNotOpen, p.TYPES.networkPolicy[0], { allowedIpList: ["10.0.0.0/8"] }), []);
});

test("unknown values during preview are skipped, not reported", () => {
  const unknown = UNKNOWN;
  assert.deepEqual(run(p.redirectUriHttps, custom, { ...okCustom, oauthRedirectUri: unknown }), []);
  assert.deepEqual(run(p.externalOAuthNoAnyRole, p.TYPES.externalOAuth[0], { externalOAuthAnyRoleMode: unknown }), []);
  assert.deepEqual(run(p.externalOAuthAudience, p.TYPES.externalOAuth[0], { externalOAuthAudienceList: unknown }), []);
});

test("key rotation opt-out and secret outputs are reviewed", () => {
  assert.match(run(p.keyRotationKeepsAKey, p.TYPES.userRsaKeys[0], { allowReplacingAllKeys: true })[0], /old key/);
  assert.deepEqual(run(p.keyRotationKeepsAKey, p.TYPES.userRsaKeys[0], {}), []);
  for (const t of [p.TYPES.networkPolicy[0], p.TYPES.networkPolicyAttachment[0]]) {
    assert.match(run(p.noLockoutOptOut, t, { networkPolicy: "OFFICE", allowLockout: true })[0], /allowLockout is true/);
    assert.deepEqual(run(p.noLockoutOptOut, t, { networkPolicy: "OFFICE", allowLockout: false }), []);
  }
  assert.deepEqual(run(p.noLockoutOptOut, p.TYPES.userRsaKeys[0], { allowLockout: true }), [], "other kinds are not matched");
  assert.equal(run(p.clientSecretsStaySecret, custom, okCustom).length, 2);
  assert.deepEqual(run(p.clientSecretsStaySecret, custom, okCustom, { secretOutputs: ["clientSecret", "clientSecret2"] }), []);
});

test("no violation message quotes a secret-looking value", () => {
  const secret = "s3cr3t-value-never-printed";
  const msgs = p.allPolicies.flatMap((pol) =>
    "validateResource" in pol ? run(pol, custom, { ...okCustom, clientSecret: secret, oauthRedirectUri: "http://x" }) : [],
  );
  assert.ok(msgs.every((m) => !m.includes(secret)));
});

test("stack policy: a plan that drops an integration is a violation; the plan file is read as the provider writes it", async () => {
  const fs = await import("node:fs");
  const os = await import("node:os");
  const path = await import("node:path");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), "plan.jsonl");
  const line = (o: object) => JSON.stringify(o) + "\n";
  fs.writeFileSync(
    file,
    line({
      type: p.TYPES.oauthCustom[0],
      kind: "oauth-custom",
      object: "APP",
      statements: ["ALTER SECURITY INTEGRATION APP SET COMMENT = 'x'"],
      replaces: false,
      drifted: [],
    }),
  );
  const check = () => {
    const msgs: string[] = [];
    const prev = process.env.SNOWFLAKE_OAUTH_PLAN;
    process.env.SNOWFLAKE_OAUTH_PLAN = file;
    try {
      void p.noIntegrationDrops.validateStack({ resources: [], getConfig: () => ({}) } as any, (m: string) => msgs.push(m));
    } finally {
      if (prev === undefined) delete process.env.SNOWFLAKE_OAUTH_PLAN;
      else process.env.SNOWFLAKE_OAUTH_PLAN = prev;
    }
    return msgs;
  };
  assert.deepEqual(check(), [], "an ALTER is fine");
  fs.appendFileSync(
    file,
    line({
      type: p.TYPES.oauthCustom[0],
      kind: "oauth-custom",
      object: "OLD",
      statements: ["DROP INTEGRATION IF EXISTS OLD", "CREATE SECURITY INTEGRATION OLD TYPE = OAUTH"],
      replaces: true,
      drifted: [],
    }),
  );
  assert.deepEqual(check(), ["OLD: the plan drops an integration (DROP INTEGRATION IF EXISTS OLD)."]);
  fs.appendFileSync(
    file,
    line({
      type: p.TYPES.oauthCustom[0],
      kind: "oauth-custom",
      object: "GONE",
      statements: ["DROP INTEGRATION IF EXISTS GONE"],
      replaces: false,
      drifted: [],
      deletes: true,
    }),
  );
  assert.deepEqual(
    check(),
    ["OLD: the plan drops an integration (DROP INTEGRATION IF EXISTS OLD)."],
    "a delete (snowflake-oauth-plan-deletes) is not judged",
  );
  assert.deepEqual(p.readPlanFile(undefined), [], "without SNOWFLAKE_OAUTH_PLAN there is nothing to judge");
});

test("the provider plugin's type tokens are matched as the dynamic resources' are (one list, from the models)", () => {
  assert.equal(p.TYPES.oauthCustom[1], "snowflake-oauth:index:OAuthIntegration");
  const bad = { ...okCustom, oauthRedirectUri: "http://app.example.com/cb" };
  assert.match(run(p.redirectUriHttps, p.TYPES.oauthCustom[1], bad)[0], /must use https/);
  assert.match(run(p.redirectUriHttps, p.TYPES.oauthPartner[1], bad)[0], /must use https/);
  assert.match(run(p.networkPolicyNotOpen, p.TYPES.networkPolicy[1], { allowedIpList: ["0.0.0.0/0"] })[0], /0\.0\.0\.0\/0/);
  assert.match(run(p.externalOAuthAudience, p.TYPES.externalOAuth[1], {})[0], /audience/);
  assert.match(run(p.keyRotationKeepsAKey, p.TYPES.userRsaKeys[1], { allowReplacingAllKeys: true })[0], /old key/);
  // The plugin marks client secrets secret itself; the SDK-option check is for dynamic resources only.
  assert.deepEqual(run(p.clientSecretsStaySecret, p.TYPES.oauthCustom[1], okCustom), []);
});
