// The reference check (roles and network policies named in inputs must exist) and the preview notices (drift named,
// statements announced), as units: no engine, the account stubbed.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { OAUTH_INTEGRATION } from "../../model/oauthCustom";
import { hooksFor } from "../../provider/resources/hooks";
import { referenceFailures } from "../../provider/resources/validate";
import { announcementOf, displaySql, driftedArgs, planLines } from "../../provider/resources/announce";
import type { Step } from "../../provider/engine/plan";
import { UNKNOWN } from "../../model/unknown";

const hooks = hooksFor(OAUTH_INTEGRATION, async () => undefined);
const base = { name: "app", oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://a/cb" };

function account(roles: string[], policies: string[]) {
  const reads: string[] = [];
  const names = async (kind: "ROLES" | "NETWORK POLICIES", fresh?: boolean) => {
    reads.push(`${kind}${fresh ? " (fresh)" : ""}`);
    return new Set(kind === "ROLES" ? roles : policies);
  };
  return { names, reads };
}

test("a missing role or network policy is refused on its field, naming the SQL property and the object", async () => {
  const a = account(["ANALYST", "Mixed"], ["CORP"]);
  const f = await referenceFailures(
    hooks,
    undefined,
    { ...base, blockedRolesList: ["analyst", '"Mixed"', "ghost"], networkPolicy: "nope" },
    a.names,
  );
  // In the order of the property table.
  assert.deepEqual(f, [
    {
      property: "networkPolicy",
      reason: "NETWORK_POLICY names network policy NOPE, which does not exist in the account (or the provider's role cannot see it)",
    },
    {
      property: "blockedRolesList",
      reason: "BLOCKED_ROLES_LIST names role GHOST, which does not exist in the account (or the provider's role cannot see it)",
    },
  ]);
  assert.deepEqual(
    a.reads,
    ["NETWORK POLICIES", "NETWORK POLICIES (fresh)", "ROLES", "ROLES (fresh)"],
    "a miss is read again once before refusing",
  );
});

test("existing references pass; unchanged and unknown references are not read", async () => {
  const a = account(["ANALYST"], ["CORP"]);
  assert.deepEqual(
    await referenceFailures(hooks, undefined, { ...base, blockedRolesList: ["ANALYST"], networkPolicy: "corp" }, a.names),
    [],
  );
  const b = account([], []);
  const prev = { ...base, blockedRolesList: ["ANALYST"] };
  assert.deepEqual(await referenceFailures(hooks, prev, { ...base, blockedRolesList: ["ANALYST"], networkPolicy: UNKNOWN }, b.names), []);
  assert.deepEqual(b.reads, [], "a no-op (unchanged list) or an unknown name sends nothing");
});

test("a network policy this deployment creates (checked first, in the same process) is not a missing reference", async () => {
  const { NETWORK_POLICY_RESOURCE } = await import("../../model/networkPolicy");
  const { notePlannedCreate } = await import("../../provider/resources/validate");
  notePlannedCreate(
    hooksFor(NETWORK_POLICY_RESOURCE, async () => undefined),
    "new_np",
  );
  const a = account([], []);
  assert.deepEqual(await referenceFailures(hooks, undefined, { ...base, networkPolicy: "NEW_NP" }, a.names), []);
  assert.equal(
    (await referenceFailures(hooks, undefined, { ...base, networkPolicy: "other_np" }, a.names)).length,
    1,
    "another missing policy is still refused",
  );
});

test("an account that cannot be read skips the check (Snowflake's own refusal remains)", async () => {
  const failing = async () => {
    throw new Error("390100 login failed");
  };
  assert.deepEqual(await referenceFailures(hooks, undefined, { ...base, blockedRolesList: ["GHOST"] }, failing), []);
});

test("preview notices: drift is what changed in Snowflake, not in the program; key literals are shortened", () => {
  const steps: Step[] = [
    {
      op: "set",
      sql: "ALTER SECURITY INTEGRATION APP SET OAUTH_ENFORCE_PKCE = FALSE, COMMENT = 'v2'",
      props: ["oauthEnforcePkce", "comment"],
    },
    { op: "unset", sql: "ALTER SECURITY INTEGRATION APP UNSET NETWORK_POLICY", props: ["networkPolicy"] },
  ];
  const olds = { oauthEnforcePkce: false, comment: "v1", networkPolicy: "NP" };
  const news = { oauthEnforcePkce: false, comment: "v2" };
  assert.deepEqual(driftedArgs(steps, olds, news), ["oauthEnforcePkce"]);
  assert.deepEqual(planLines(hooks, "APP", announcementOf(hooks, "APP", steps, olds, news)), [
    "OAuthIntegration APP: drifted in Snowflake: oauthEnforcePkce (OAUTH_ENFORCE_PKCE)",
    "OAuthIntegration APP: up will send: ALTER SECURITY INTEGRATION APP SET OAUTH_ENFORCE_PKCE = FALSE, COMMENT = 'v2'",
    "OAuthIntegration APP: up will send: ALTER SECURITY INTEGRATION APP UNSET NETWORK_POLICY",
  ]);
  const body = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" + "x".repeat(300);
  assert.equal(
    displaySql(`ALTER USER U SET RSA_PUBLIC_KEY_2 = '${body}'`),
    `ALTER USER U SET RSA_PUBLIC_KEY_2 = '<key: ${body.length} chars>'`,
  );
  assert.deepEqual(planLines(hooks, "APP", announcementOf(hooks, "APP", [], olds, news)), [], "an empty plan says nothing");
  const rep = announcementOf(
    hooks,
    "APP",
    [{ op: "replace", props: ["oauthClientType"], deleteBeforeReplace: true }],
    { ...olds, oauthClientType: "PUBLIC" },
    { ...news, oauthClientType: "CONFIDENTIAL" },
    "CREATE SECURITY INTEGRATION APP TYPE = OAUTH",
  );
  assert.deepEqual(planLines(hooks, "APP", rep), [
    "OAuthIntegration APP: replaced (a property that cannot be altered changed)",
    "OAuthIntegration APP: up will send: DROP INTEGRATION IF EXISTS APP",
    "OAuthIntegration APP: up will send: CREATE SECURITY INTEGRATION APP TYPE = OAUTH",
  ]);
});
