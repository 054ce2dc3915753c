/**
 * NetworkPolicyAttachment through the real Pulumi engine against the emulator, which enforces the active policy at
 * every login: account and user attachments → no-op → drift by hand shown at preview and repaired → the lockout guard
 * refuses at preview (an activation that excludes the provider's address, a change of the policy in force, an empty
 * allowed list, the user's own policy) and sends nothing → `allowLockout` at account level meets Snowflake's own
 * refusal; at user level it goes through and the next `up` really cannot log in → recovery
 * → a policy still in force elsewhere is not dropped (Snowflake's reason, nothing changed) → destroy unsets only
 * what the stack set. The provider connects from 127.0.0.1; the emulator sees that address.
 */
import { ProviderFixture, changes, fails } from "../helpers/provider-fixture";
import { connect, destroy } from "../helpers/emulator";
import { after, before, describe } from "node:test";
import * as assert from "node:assert/strict";
import { steps } from "../helpers/steps";
import { createTestStack, type TestStack } from "../helpers/pulumi";
import { NetworkPolicy, NetworkPolicyAttachment } from "../../sdk/index";

const { fx, measured } = ProviderFixture.forFile(
  "network policy attachment",
  "CREATE USER SVC_NP PASSWORD = 'np-pw-1'",
  "CREATE USER SVC_PRE PASSWORD = 'np-pw-2'",
);

const writes = (xs: string[]) => xs.filter((x) => /^(ALTER ACCOUNT|ALTER USER|CREATE|DROP|ALTER NETWORK)/.test(x));
const param = async (where: string): Promise<string> => {
  const r = await fx.emu.execAsAdmin(`SHOW PARAMETERS LIKE 'NETWORK_POLICY' IN ${where}`);
  const names = r.columns.map((c: { name: string }) => c.name);
  const row = r.rows.map((x: unknown[]) => Object.fromEntries(names.map((n: string, i: number) => [n, x[i]])))[0] as Record<
    string,
    unknown
  >;
  return where.startsWith("USER") && row.level !== "USER" ? "" : String(row.value ?? "");
};
/** Does SVC_NP log in (from 127.0.0.1) through snowflake-sdk? Its own policy governs it. */
const svcLogsIn = async (): Promise<boolean> => {
  try {
    await destroy(await connect(fx.emu, { username: "SVC_NP", password: "np-pw-1" }));
    return true;
  } catch (e) {
    assert.match(String((e as Error).message), /is not allowed to access Snowflake/);
    return false;
  }
};

describe("NetworkPolicyAttachment: account and user, with the lockout guard", { timeout: 600_000 }, () => {
  const decl = {
    officeIps: ["127.0.0.1", "10.0.0.0/8"],
    account: "office" as "office" | "elsewhere",
    allowLockout: false,
    /** Attach ELSEWHERE to the provider's own user (ADMIN). */
    self: false,
    selfLockout: false,
    /** Declare a policy TEMP (admits 127.0.0.1). */
    temp: false,
    /** Attach OFFICE to SVC_PRE (where it is already active, set by hand). */
    pre: false,
  };
  const program = async () => {
    const office = new NetworkPolicy("office", { name: "office", allowedIpList: decl.officeIps });
    const elsewhere = new NetworkPolicy("elsewhere", { name: "elsewhere", allowedIpList: ["203.0.113.0/24"] });
    const acct = new NetworkPolicyAttachment("account", {
      networkPolicy: (decl.account === "office" ? office : elsewhere).name,
      allowLockout: decl.allowLockout,
    });
    const svc = new NetworkPolicyAttachment("svc", { networkPolicy: elsewhere.name, user: "svc_np" });
    if (decl.pre) new NetworkPolicyAttachment("pre", { networkPolicy: office.name, user: "svc_pre" });
    if (decl.temp) new NetworkPolicy("temp", { name: "temp", allowedIpList: ["127.0.0.1"] });
    if (decl.self) new NetworkPolicyAttachment("self", { networkPolicy: elsewhere.name, user: "admin", allowLockout: decl.selfLockout });
    return { acct: acct.policyName, svc: svc.target };
  };
  let s: TestStack;
  before(async () => {
    s = await createTestStack({ name: "np-attachment", target: fx.target(), program });
  });
  after(async () => {
    await fx.admin("ALTER ACCOUNT UNSET NETWORK_POLICY").catch(() => undefined);
    await fx.admin("ALTER USER ADMIN UNSET NETWORK_POLICY").catch(() => undefined);
    await s?.dispose();
  });
  const step = steps();

  step("create: the policies, then one ALTER per target; Snowflake now refuses SVC_NP from 127.0.0.1", async () => {
    assert.ok(await svcLogsIn(), "before: no policy, SVC_NP logs in");
    const c = await fx.measure(() => s.up(program));
    measured.record("create", c.t);
    assert.deepEqual(changes(c.r.summary), { create: 5 });
    assert.deepEqual(
      writes(c.t.statements)
        .filter((x) => x.startsWith("ALTER"))
        .sort(),
      ["ALTER ACCOUNT SET NETWORK_POLICY = OFFICE", "ALTER USER SVC_NP SET NETWORK_POLICY = ELSEWHERE"],
    );
    assert.equal(await param("ACCOUNT"), "OFFICE");
    assert.equal(await param("USER SVC_NP"), "ELSEWHERE");
    assert.equal(c.r.outputs.acct.value, "OFFICE");
    assert.equal(c.r.outputs.svc.value, "SVC_NP");
    assert.equal(await svcLogsIn(), false, "the user's policy governs SVC_NP (it overrides the account's)");
  });

  step("no-op: reads only, nothing written", async () => {
    const n = await fx.measure(() => s.up(program));
    measured.record("no-op", n.t);
    assert.deepEqual(changes(n.r.summary), { same: 5 });
    assert.deepEqual(writes(n.t.statements), []);
  });

  step("drift: the account policy unset by hand shows at preview and is set again by up", async () => {
    await fx.admin("ALTER ACCOUNT UNSET NETWORK_POLICY");
    const p = await fx.measure(() => s.preview(program));
    assert.equal(p.r.changeSummary?.update, 1);
    const out = p.r.stdout + p.r.stderr;
    assert.match(out, /NetworkPolicyAttachment ACCOUNT: drifted in Snowflake: networkPolicy \(NETWORK_POLICY is unset\)/);
    assert.match(out, /NetworkPolicyAttachment ACCOUNT: up will send: ALTER ACCOUNT SET NETWORK_POLICY = OFFICE/);
    assert.deepEqual(writes(p.t.statements), [], "preview writes nothing");
    const u = await fx.measure(() => s.up(program));
    assert.deepEqual(writes(u.t.statements), ["ALTER ACCOUNT SET NETWORK_POLICY = OFFICE"]);
    assert.equal(await param("ACCOUNT"), "OFFICE");
  });

  step("guard: activating a policy that excludes 127.0.0.1 for the account fails at preview, naming why", async () => {
    decl.account = "elsewhere";
    const m = fx.mark();
    const err = await fails(s.preview(program));
    assert.ok(err, "preview fails");
    assert.match(
      err,
      /property networkPolicy value \{elsewhere\} has a problem: Activating network policy ELSEWHERE for the account would lock out the provider's own connection/,
    );
    assert.match(err, /connecting from 127\.0\.0\.1/);
    assert.match(err, /127\.0\.0\.1 is not in its ALLOWED_IP_LIST/);
    assert.match(err, /allowLockout: true/);
    assert.deepEqual(writes(fx.since(m).statements), []);
    assert.equal(await param("ACCOUNT"), "OFFICE");
    decl.account = "office";
  });

  step("guard: changing the policy in force so it excludes 127.0.0.1 fails at preview; so does an empty allowed list", async () => {
    for (const ips of [["198.51.100.7"], []]) {
      decl.officeIps = ips;
      const m = fx.mark();
      const err = await fails(s.preview(program));
      assert.ok(err, `preview fails for ${JSON.stringify(ips)}`);
      assert.match(err, /Changing network policy OFFICE, which is in force for this connection, would lock out/);
      assert.match(err, ips.length ? /not in its ALLOWED_IP_LIST/ : /allows no IPv4 address/);
      assert.deepEqual(writes(fx.since(m).statements), []);
    }
    decl.officeIps = ["127.0.0.1", "10.0.0.0/8"];
    assert.deepEqual(changes((await s.up(program)).summary), { same: 5 });
  });

  step("allowLockout at account level: the guard lets it through, and Snowflake itself refuses the activation", async () => {
    decl.account = "elsewhere";
    decl.allowLockout = true;
    const m = fx.mark();
    const err = await fails(s.up(program));
    assert.ok(err, "Snowflake refuses an account policy that excludes the caller");
    assert.match(err, /Network policy ELSEWHERE cannot be activated\. Requestor IP address\/Token, 127\.0\.0\.1, must be included/);
    assert.deepEqual(writes(fx.since(m).statements), ["ALTER ACCOUNT SET NETWORK_POLICY = ELSEWHERE"]);
    assert.equal(await param("ACCOUNT"), "OFFICE", "nothing changed");
    decl.account = "office";
    decl.allowLockout = false;
    assert.deepEqual(changes((await s.up(program)).summary), { same: 5 });
  });

  step("guard: the connecting user's own policy takes precedence, so activating one that excludes it fails at preview", async () => {
    decl.self = true;
    const m = fx.mark();
    const err = await fails(s.preview(program));
    assert.ok(err, "preview fails");
    assert.match(err, /Activating network policy ELSEWHERE for user ADMIN would lock out the provider's own connection/);
    assert.deepEqual(writes(fx.since(m).statements), []);
    assert.equal(await param("USER ADMIN"), "");
  });

  step("allowLockout at user level: the activation goes through, and the next up really cannot log in (390422)", async () => {
    decl.selfLockout = true;
    const u = await fx.measure(() => s.up(program));
    assert.deepEqual(writes(u.t.statements), ["ALTER USER ADMIN SET NETWORK_POLICY = ELSEWHERE"]);
    const err = await fails(s.up(program));
    assert.ok(err, "locked out");
    assert.match(err, /Incoming request with IP\/Token 127\.0\.0\.1 is not allowed to access Snowflake/);
    // Recovery as the docs describe it: an administrator unsets the policy from an admitted place.
    await fx.admin("ALTER USER ADMIN UNSET NETWORK_POLICY");
    decl.self = false;
    decl.selfLockout = false;
    const r = await fx.measure(() => s.up(program));
    assert.deepEqual(changes(r.r.summary), { same: 5, delete: 1 });
    assert.deepEqual(writes(r.t.statements), [], "the policy is no longer set: nothing to unset");
  });

  step(
    "a policy in force elsewhere is not dropped: the delete fails with Snowflake's reason, and succeeds once it is detached",
    async () => {
      decl.temp = true;
      assert.deepEqual(changes((await s.up(program)).summary), { same: 5, create: 1 });
      await fx.admin("ALTER USER ADMIN SET NETWORK_POLICY = TEMP");
      decl.temp = false;
      const err = await fails(s.up(program));
      assert.ok(err, "the delete fails");
      assert.match(
        err,
        /NetworkPolicy TEMP: not deleted, it is still in force: Cannot perform Drop operation on network policy TEMP\. The policy is attached to USER with name ADMIN/,
      );
      assert.match(err, /Delete its NetworkPolicyAttachment/);
      const still = await fx.emu.execAsAdmin("SHOW NETWORK POLICIES LIKE 'TEMP'");
      assert.equal(still.rows.length, 1, "nothing half-applied: the policy is still there");
      assert.equal(await param("USER ADMIN"), "TEMP");
      await fx.admin("ALTER USER ADMIN UNSET NETWORK_POLICY");
      const d = await fx.measure(() => s.up(program));
      assert.deepEqual(changes(d.r.summary), { same: 5, delete: 1 });
      assert.ok(d.t.statements.includes("DROP NETWORK POLICY IF EXISTS TEMP"));
    },
  );

  step("an activation that was already there when the resource was created is left in place at delete", async () => {
    await fx.admin("ALTER USER SVC_PRE SET NETWORK_POLICY = OFFICE");
    decl.pre = true;
    const c = await fx.measure(() => s.up(program));
    assert.deepEqual(changes(c.r.summary), { same: 5, create: 1 });
    assert.deepEqual(writes(c.t.statements), [], "already active: nothing to send");
    decl.pre = false;
    const d = await fx.measure(() => s.up(program));
    assert.deepEqual(changes(d.r.summary), { same: 5, delete: 1 });
    assert.deepEqual(writes(d.t.statements), [], "the resource set nothing, so it unsets nothing");
    assert.match(
      d.r.stdout + d.r.stderr,
      /NetworkPolicyAttachment USER SVC_PRE: left in place: OFFICE was already active before this resource/,
    );
    assert.equal(await param("USER SVC_PRE"), "OFFICE");
    await fx.admin("ALTER USER SVC_PRE UNSET NETWORK_POLICY");
  });

  step("destroy: unsets what the stack set; a user policy changed by hand is left, with a warning", async () => {
    await fx.admin("CREATE NETWORK POLICY HANDMADE ALLOWED_IP_LIST = ('127.0.0.1')", "ALTER USER SVC_NP SET NETWORK_POLICY = HANDMADE");
    const d = await fx.measure(() => s.destroy());
    assert.ok(d.t.statements.includes("ALTER ACCOUNT UNSET NETWORK_POLICY"));
    assert.ok(!d.t.statements.some((x) => x.startsWith("ALTER USER SVC_NP UNSET")), "SVC_NP's policy was not ours any more");
    assert.match(d.r.stdout + d.r.stderr, /NetworkPolicyAttachment USER SVC_NP: left in place: NETWORK_POLICY is HANDMADE/);
    assert.equal(await param("ACCOUNT"), "");
    assert.equal(await param("USER SVC_NP"), "HANDMADE");
    await fx.admin("ALTER USER SVC_NP UNSET NETWORK_POLICY", "DROP NETWORK POLICY HANDMADE");
  });
});
