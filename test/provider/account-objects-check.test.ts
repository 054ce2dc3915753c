// Preview-time checks of the account-level objects (NetworkRule, NetworkPolicyAttachment, IntegrationGrant,
// OAuthAccountParameters), without Snowflake: each bad input fails with a reason naming the field, and a missing
// required input is a failure, never a crash.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as rule from "../../provider/network/rule-provider";
import * as attachment from "../../provider/network/attachment-provider";
import * as grant from "../../provider/grants/integration-grant-provider";
import * as params from "../../provider/account/oauth-parameters-provider";
import { UNKNOWN } from "../../model/unknown";

type R = { failures?: { property: string; reason: string }[] };
const reasons = (r: R) => (r.failures ?? []).map((f) => `${f.property}|${f.reason}`);
// No Snowflake here: a runner that refuses, as an unreachable account does (the preview reads are then skipped).
const offline = { run: () => Promise.reject(new Error("offline")) };

describe("NetworkRule check", () => {
  const base = { database: "sec", schema: "net", name: "r", type: "IPV4", valueList: ["10.0.0.0/8"] };
  const check = (news: Record<string, unknown>) => rule.check(undefined, { ...base, ...news } as never);

  it("accepts the documented forms, an empty value list included (TF testint creates one)", async () => {
    assert.deepEqual(reasons(await check({})), []);
    assert.deepEqual(reasons(await check({ valueList: [] })), []);
    assert.deepEqual(reasons(await check({ type: "IPV6", valueList: ["2001:db8::/32", "2001:0db8:85a3::8a2e:370:7334"] })), []);
    assert.deepEqual(reasons(await check({ type: "HOST_PORT", mode: "EGRESS", valueList: ["example.com", "example.com:0"] })), []);
    assert.deepEqual(reasons(await check({ type: "AWSVPCEID", mode: "INTERNAL_STAGE", valueList: ["vpce-123abc3420c1931"] })), []);
  });

  it("refuses bad values, TYPE/MODE pairs and names, naming the field", async () => {
    assert.match(reasons(await check({ valueList: ["10.0.0.0/33"] })).join(), /valueList: entry 1: 10\.0\.0\.0\/33 is not an IPv4/);
    assert.match(reasons(await check({ valueList: ["10.0.0.1", "::1"] })).join(), /valueList: entry 2: ::1 is not an IPv4/);
    assert.match(
      reasons(await check({ type: "IPV6", mode: "INTERNAL_STAGE", valueList: ["::1"] })).join(),
      /^mode\|a IPV6 rule needs MODE = INGRESS/,
    );
    assert.match(reasons(await check({ type: "BOGUS" })).join(), /^type\|type must be one of IPV4, IPV6/);
    assert.match(
      reasons(await check({ type: "HOST_PORT", mode: "EGRESS", valueList: ["example.com:99999"] })).join(),
      /a port is at most 65535/,
    );
    assert.match(
      reasons(await check({ type: "PRIVATE_HOST_PORT", mode: "EGRESS", valueList: ["a.example.com", "b.example.com"] })).join(),
      /takes one domain/,
    );
    assert.match(reasons(await check({ comment: 5 })).join(), /^comment\|/);
    assert.match(reasons(await check({ valueList: "10.0.0.1" })).join(), /valueList: must be a list of strings/);
    assert.deepEqual(reasons(await check({ database: "" })), ["database|database must be a non-empty string."]);
    assert.match(reasons(await check({ colour: "red" })).join(), /^colour\|is not an input of NetworkRule/);
  });

  it("values unknown at preview are judged at up, not refused (the whole list, or one entry)", async () => {
    assert.deepEqual(reasons(await check({ valueList: UNKNOWN })), []);
    assert.deepEqual(reasons(await check({ valueList: ["10.0.0.1", UNKNOWN] })), []);
    const described = {
      run: async () => [{ type: "IPV4", mode: "INGRESS", value_list: "10.0.0.0/8", comment: "", owner: "ACCOUNTADMIN" }],
    };
    const olds = { ...base, qualifiedName: "SEC.NET.R", owner: "ACCOUNTADMIN" };
    const d = await rule.diff("SEC.NET.R", olds as never, { ...base, valueList: UNKNOWN } as never, described);
    assert.equal(d.changes, true);
  });

  it("missing required inputs are failures, not crashes", async () => {
    const got = reasons(await rule.check(undefined, {} as never));
    for (const f of ["database", "schema", "type"]) assert.ok(got.includes(`${f}|${f} is required.`), got.join());
    assert.ok(
      got.some((x) => /valueList is required/.test(x)),
      got.join(),
    );
  });
});

describe("NetworkPolicyAttachment, IntegrationGrant and OAuthAccountParameters checks", () => {
  it("NetworkPolicyAttachment: required policy, non-empty names, a boolean allowLockout", async () => {
    const c = (news: Record<string, unknown>) => attachment.check(undefined, news as never, offline);
    assert.deepEqual(reasons(await c({})), ["networkPolicy|networkPolicy is required."]);
    assert.deepEqual(reasons(await c({ networkPolicy: "" })), ["networkPolicy|networkPolicy must be a non-empty string."]);
    assert.deepEqual(reasons(await c({ networkPolicy: "np", user: "" })), ["user|user must be a non-empty string."]);
    assert.deepEqual(reasons(await c({ networkPolicy: "np", allowLockout: "yes" })), ["allowLockout|allowLockout must be a boolean."]);
    assert.deepEqual(reasons(await c({ networkPolicy: "np", user: "u".repeat(256) })).length, 1);
  });

  it("IntegrationGrant: every input required, the privilege one of USAGE / USE_ANY_ROLE", async () => {
    const c = (news: Record<string, unknown>) => grant.check(undefined, news as never);
    assert.deepEqual(reasons(await c({})), [
      "integration|integration is required.",
      "privilege|privilege is required.",
      "role|role is required.",
    ]);
    assert.match(
      reasons(await c({ integration: "i", privilege: "OWNERSHIP", role: "r" })).join(),
      /^privilege\|privilege must be one of USAGE, USE_ANY_ROLE/,
    );
    assert.deepEqual(reasons(await c({ integration: "i", privilege: "USAGE", role: "" })), ["role|role must be a non-empty string."]);
  });

  it("OAuthAccountParameters: booleans only", async () => {
    const c = (news: Record<string, unknown>) => params.check(undefined, news as never);
    assert.match(
      reasons(await c({ oauthAddPrivilegedRolesToBlockedList: "false" })).join(),
      /OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST must be a boolean/,
    );
    assert.match(
      reasons(await c({ externalOAuthAddPrivilegedRolesToBlockedList: 1 })).join(),
      /EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST must be a boolean/,
    );
  });
});

describe("OAuthAccountParameters delete undoes only what the resource set", () => {
  // An account with the two parameters, read and written as SHOW PARAMETERS / ALTER ACCOUNT do (level ACCOUNT once set).
  const account = () => {
    const set = new Map<string, string>();
    const sent: string[] = [];
    const run = async (sql: string) => {
      sent.push(sql);
      const show = /^SHOW PARAMETERS LIKE '(\w+)' IN ACCOUNT$/.exec(sql);
      if (show) return [{ key: show[1], value: set.get(show[1]) ?? "true", level: set.has(show[1]) ? "ACCOUNT" : "" }];
      const alter = /^ALTER ACCOUNT SET (.*)$/.exec(sql);
      if (alter) for (const [, k, v] of alter[1].matchAll(/(\w+) = (TRUE|FALSE)/g)) set.set(k, v.toLowerCase());
      const unset = /^ALTER ACCOUNT UNSET (.*)$/.exec(sql);
      if (unset) for (const k of unset[1].split(", ")) set.delete(k);
      return [];
    };
    return { set, sent, runner: { run } };
  };
  const P = "OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST";

  it("a value this resource set is unset at delete", async () => {
    const a = account();
    const c = await params.create({ oauthAddPrivilegedRolesToBlockedList: false }, a.runner);
    assert.deepEqual(c.outs.alreadySet, []);
    assert.ok(a.sent.includes(`ALTER ACCOUNT SET ${P} = FALSE`));
    await params.remove("ACCOUNT", c.outs, a.runner);
    assert.ok(a.sent.includes(`ALTER ACCOUNT UNSET ${P}`));
    assert.equal(a.set.has(P), false);
  });

  it("a value already set to the declared one by hand is left at delete", async () => {
    const a = account();
    a.set.set(P, "false");
    const c = await params.create({ oauthAddPrivilegedRolesToBlockedList: false }, a.runner);
    assert.deepEqual(c.outs.alreadySet, [P]);
    assert.ok(!a.sent.some((x) => x.startsWith("ALTER")), "nothing to set");
    await params.remove("ACCOUNT", c.outs, a.runner);
    assert.ok(!a.sent.some((x) => x.startsWith("ALTER")), "nothing unset");
    assert.equal(a.set.get(P), "false");
  });

  it("once the resource sets it (drift repaired), it is its own", async () => {
    const a = account();
    a.set.set(P, "false");
    const c = await params.create({ oauthAddPrivilegedRolesToBlockedList: false }, a.runner);
    a.set.set(P, "true"); // changed by hand
    const u = await params.update("ACCOUNT", c.outs, { oauthAddPrivilegedRolesToBlockedList: false }, a.runner);
    assert.deepEqual(u.outs!.alreadySet, []);
    await params.remove("ACCOUNT", u.outs as never, a.runner);
    assert.equal(a.set.has(P), false);
  });
});
