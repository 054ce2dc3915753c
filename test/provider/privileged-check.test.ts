/**
 * The account-dependent `check()` rule of blocked role lists (`checkPrivilegedBlockedLists`), with a stubbed reader of
 * the account: which lists make it read the account at all, what it refuses (003629: some but not all privileged
 * roles while the parameter is TRUE), and that a failed read skips it. Through the engine: provider-blocked-roles.
 */
import { UNKNOWN } from "../../model/unknown";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkPrivilegedBlockedLists, type AccountFacts } from "../../provider/engine/check";
import { OAUTH_CUSTOM } from "../../model/oauthCustom";
import { OAUTH_PARTNER } from "../../model/oauthPartner";
import { EXTERNAL_OAUTH } from "../../model/externalOAuth";

const U = UNKNOWN;
const P_OAUTH = "OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST";
const P_EXT = "EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST";

/** A stubbed account: parameter values, existing organisation roles, and a record of every read. */
function account(o: { params?: Record<string, boolean>; orgRoles?: string[]; failParam?: boolean; failRoles?: boolean } = {}) {
  const reads: string[] = [];
  const facts: AccountFacts = {
    async booleanParameter(name) {
      reads.push(`param ${name}`);
      if (o.failParam) throw new Error("Snowflake login failed");
      return o.params?.[name] ?? true;
    },
    async existingRoles(names) {
      reads.push(`roles ${names.join(",")}`);
      if (o.failRoles) throw new Error("insufficient privileges");
      return new Set(names.filter((n) => (o.orgRoles ?? []).includes(n)));
    },
  };
  return { facts, reads };
}

const custom = { name: "app", oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://app.example.com/cb" };

test("lists naming no privileged role read nothing (quoted lower-case names are other roles)", async () => {
  for (const blockedRolesList of [
    undefined,
    [],
    ["analyst", "SYSADMIN"],
    ['"accountadmin"', '"Securityadmin"'],
    [U],
    ["accountadmin", U],
  ]) {
    const a = account();
    assert.deepEqual(await checkPrivilegedBlockedLists(OAUTH_CUSTOM, undefined, { ...custom, blockedRolesList }, a.facts), []);
    assert.deepEqual(a.reads, [], `no read for ${JSON.stringify(blockedRolesList)}`);
  }
});

test("an unchanged list (same roles after resolution) reads nothing: the update does not write it", async () => {
  const a = account();
  const f = await checkPrivilegedBlockedLists(
    OAUTH_CUSTOM,
    { ...custom, blockedRolesList: ["ACCOUNTADMIN", "analyst"] },
    { ...custom, blockedRolesList: ["ANALYST", "accountadmin"] },
    a.facts,
  );
  assert.deepEqual(f, []);
  assert.deepEqual(a.reads, []);
  // A changed list is checked even when it names the same privileged roles.
  const b = account();
  const g = await checkPrivilegedBlockedLists(
    OAUTH_CUSTOM,
    { ...custom, blockedRolesList: ["ACCOUNTADMIN", "analyst"] },
    { ...custom, blockedRolesList: ["ACCOUNTADMIN", "reporter"] },
    b.facts,
  );
  assert.equal(g.length, 1);
  assert.deepEqual(b.reads, [`param ${P_OAUTH}`, "roles GLOBALORGADMIN,ORGADMIN"]);
});

test("parameter TRUE: some but not all privileged roles is refused, naming the field, the parameter and the roles", async () => {
  const a = account();
  const f = await checkPrivilegedBlockedLists(
    OAUTH_CUSTOM,
    undefined,
    { ...custom, blockedRolesList: ["accountadmin", "analyst"] },
    a.facts,
  );
  assert.deepEqual(f, [
    {
      property: "blockedRolesList",
      reason:
        `Snowflake would refuse this list (003629): while ${P_OAUTH} is TRUE it blocks ACCOUNTADMIN, SECURITYADMIN itself; ` +
        "name all of them or none (this list names ACCOUNTADMIN but not SECURITYADMIN)",
    },
  ]);
  assert.deepEqual(a.reads, [`param ${P_OAUTH}`, "roles GLOBALORGADMIN,ORGADMIN"]);
});

test("parameter TRUE: all privileged roles present in the account pass; in an organisation account ORGADMIN is one of them", async () => {
  assert.deepEqual(
    await checkPrivilegedBlockedLists(
      OAUTH_CUSTOM,
      undefined,
      { ...custom, blockedRolesList: ["ACCOUNTADMIN", "securityadmin", "analyst"] },
      account().facts,
    ),
    [],
  );
  const org = account({ orgRoles: ["ORGADMIN"] });
  const f = await checkPrivilegedBlockedLists(
    OAUTH_CUSTOM,
    undefined,
    { ...custom, blockedRolesList: ["ACCOUNTADMIN", "SECURITYADMIN"] },
    org.facts,
  );
  assert.equal(f.length, 1);
  assert.match(f[0].reason, /blocks ACCOUNTADMIN, ORGADMIN, SECURITYADMIN itself/);
  assert.match(f[0].reason, /but not ORGADMIN\)$/);
  assert.deepEqual(
    await checkPrivilegedBlockedLists(
      OAUTH_CUSTOM,
      undefined,
      { ...custom, blockedRolesList: ["ACCOUNTADMIN", "ORGADMIN", "SECURITYADMIN"] },
      account({ orgRoles: ["ORGADMIN"] }).facts,
    ),
    [],
  );
  const both = account({ orgRoles: ["ORGADMIN", "GLOBALORGADMIN"] });
  const g = await checkPrivilegedBlockedLists(OAUTH_CUSTOM, undefined, { ...custom, blockedRolesList: ["ORGADMIN"] }, both.facts);
  assert.match(
    g[0].reason,
    /blocks ACCOUNTADMIN, GLOBALORGADMIN, ORGADMIN, SECURITYADMIN itself; .*names ORGADMIN but not ACCOUNTADMIN, GLOBALORGADMIN, SECURITYADMIN\)$/,
  );
});

test("parameter FALSE: any list is accepted, and the roles are not read", async () => {
  const a = account({ params: { [P_OAUTH]: false } });
  assert.deepEqual(
    await checkPrivilegedBlockedLists(OAUTH_CUSTOM, undefined, { ...custom, blockedRolesList: ["ACCOUNTADMIN"] }, a.facts),
    [],
  );
  assert.deepEqual(a.reads, [`param ${P_OAUTH}`]);
});

test("a failed parameter read skips the rule; failed role read still refuses what every account would refuse", async () => {
  const a = account({ failParam: true });
  assert.deepEqual(
    await checkPrivilegedBlockedLists(OAUTH_CUSTOM, undefined, { ...custom, blockedRolesList: ["ACCOUNTADMIN"] }, a.facts),
    [],
  );
  assert.deepEqual(a.reads, [`param ${P_OAUTH}`]);
  const b = account({ failRoles: true });
  const f = await checkPrivilegedBlockedLists(OAUTH_CUSTOM, undefined, { ...custom, blockedRolesList: ["SECURITYADMIN"] }, b.facts);
  assert.equal(f.length, 1);
  assert.match(
    f[0].reason,
    /blocks ACCOUNTADMIN, SECURITYADMIN \(and GLOBALORGADMIN, ORGADMIN where they exist\) itself; .*but not ACCOUNTADMIN\)$/,
  );
  // Both account-wide roles named, organisation roles unknown: cannot tell, so no failure.
  assert.deepEqual(
    await checkPrivilegedBlockedLists(
      OAUTH_CUSTOM,
      undefined,
      { ...custom, blockedRolesList: ["ACCOUNTADMIN", "SECURITYADMIN"] },
      account({ failRoles: true }).facts,
    ),
    [],
  );
});

test("partner and External OAuth: the table's privilegedParam decides the parameter", async () => {
  const p = account();
  const fp = await checkPrivilegedBlockedLists(
    OAUTH_PARTNER,
    undefined,
    { name: "t", oauthClient: "TABLEAU_DESKTOP", blockedRolesList: ["ACCOUNTADMIN"] },
    p.facts,
  );
  assert.equal(fp[0].property, "blockedRolesList");
  assert.deepEqual(p.reads[0], `param ${P_OAUTH}`);
  const ext = {
    name: "ext",
    externalOAuthType: "OKTA",
    externalOAuthIssuer: "https://idp",
    externalOAuthTokenUserMappingClaim: ["sub"],
    externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
    externalOAuthJwsKeysUrl: ["https://idp/keys"],
  };
  const e = account({ params: { [P_OAUTH]: false } });
  const fe = await checkPrivilegedBlockedLists(
    EXTERNAL_OAUTH,
    undefined,
    { ...ext, externalOAuthBlockedRolesList: ["ACCOUNTADMIN"] },
    e.facts,
  );
  assert.equal(fe.length, 1);
  assert.equal(fe[0].property, "externalOAuthBlockedRolesList");
  assert.match(fe[0].reason, new RegExp(`while ${P_EXT} is TRUE`));
  assert.deepEqual(e.reads, [`param ${P_EXT}`, "roles GLOBALORGADMIN,ORGADMIN"]);
  const off = account({ params: { [P_EXT]: false } });
  assert.deepEqual(
    await checkPrivilegedBlockedLists(EXTERNAL_OAUTH, undefined, { ...ext, externalOAuthBlockedRolesList: ["ACCOUNTADMIN"] }, off.facts),
    [],
  );
});
