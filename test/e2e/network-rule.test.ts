/**
 * NetworkRule through the real Pulumi engine against the emulator, which evaluates IPv4 INGRESS rules at login:
 * create (CREATE NETWORK RULE in db.schema, a policy naming the rule by its qualified name) → no-op (reads only) →
 * drift by hand (value list, comment) shown at preview and repaired with one ALTER → a MODE change replaces the rule
 * → the lockout guard judges an account policy by its rules as declared (a rule without 127.0.0.1 fails at preview;
 * one that admits it goes through and SVC_NR, governed by the account policy, still logs in; the program taking the
 * address out of the rule again fails at preview) → destroy.
 */
import { ProviderFixture, changes, writes, fails } from "../helpers/provider-fixture";
import { connect, destroy } from "../helpers/emulator";
import { after, before, describe } from "node:test";
import * as assert from "node:assert/strict";
import { steps } from "../helpers/steps";
import { createTestStack, type TestStack } from "../helpers/pulumi";
import { NetworkPolicy, NetworkPolicyAttachment, NetworkRule } from "../../sdk/index";

const { fx, measured } = ProviderFixture.forFile(
  "network rule",
  "CREATE DATABASE SEC",
  "CREATE SCHEMA SEC.NET",
  "CREATE USER SVC_NR PASSWORD = 'nr-pw-1'",
);

const describeRule = async (q: string): Promise<Record<string, string | null>> => {
  const r = await fx.emu.execAsAdmin(`DESCRIBE NETWORK RULE ${q}`);
  return Object.fromEntries(r.columns.map((c: { name: string }, i: number) => [c.name, r.rows[0]?.[i] ?? null]));
};
const svcLogsIn = async (): Promise<boolean> => {
  try {
    await destroy(await connect(fx.emu, { username: "SVC_NR", password: "nr-pw-1" }));
    return true;
  } catch (e) {
    assert.match(String((e as Error).message), /is not allowed to access Snowflake/);
    return false;
  }
};

describe("NetworkRule: create, no-op, drift repair, replace, the lockout guard by rules, delete", { timeout: 600_000 }, () => {
  const decl = {
    officeValues: ["10.0.0.0/8"],
    mode: "INGRESS" as "INGRESS" | "INTERNAL_STAGE",
    comment: "office" as string | undefined,
    attach: false,
  };
  const program = async () => {
    const office = new NetworkRule("office", {
      database: "sec",
      schema: "net",
      name: "office",
      type: "IPV4",
      valueList: decl.officeValues,
      comment: decl.comment,
    });
    const v6 = new NetworkRule("v6", { database: "sec", schema: "net", name: "v6", type: "IPV6", valueList: ["2001:db8::/32"] });
    const stage = new NetworkRule("stage", {
      database: "sec",
      schema: "net",
      name: "stage",
      type: "AWSVPCEID",
      mode: decl.mode,
      valueList: ["vpce-0fa383eb170331202"],
    });
    const policy = new NetworkPolicy("by_rules", {
      name: "by_rules",
      allowedNetworkRuleList: [office.qualifiedName, v6.qualifiedName],
    });
    if (decl.attach) new NetworkPolicyAttachment("account", { networkPolicy: policy.name });
    return { office: office.qualifiedName, stage: stage.qualifiedName, owner: office.owner };
  };
  let s: TestStack;
  before(async () => {
    s = await createTestStack({ name: "network-rule", target: fx.target(), program });
  });
  after(async () => {
    await fx.admin("ALTER ACCOUNT UNSET NETWORK_POLICY").catch(() => undefined);
    await s?.dispose();
  });
  const step = steps();

  step("create: three rules, then the policy that names two of them", async () => {
    const c = await fx.measure(() => s.up(program));
    measured.record("create", c.t);
    assert.deepEqual(changes(c.r.summary), { create: 5 });
    const w = writes(c.t.statements);
    assert.ok(
      w.includes("CREATE NETWORK RULE SEC.NET.OFFICE TYPE = IPV4 VALUE_LIST = ('10.0.0.0/8') MODE = INGRESS COMMENT = 'office'"),
      w.join("\n"),
    );
    assert.ok(w.includes("CREATE NETWORK RULE SEC.NET.V6 TYPE = IPV6 VALUE_LIST = ('2001:db8::/32') MODE = INGRESS"), w.join("\n"));
    const policy = w.findIndex((x) => x.startsWith("CREATE NETWORK POLICY BY_RULES"));
    assert.ok(policy > w.findIndex((x) => x.startsWith("CREATE NETWORK RULE SEC.NET.OFFICE")), "the rules come first");
    assert.match(w[policy], /ALLOWED_NETWORK_RULE_LIST = \(SEC\.NET\.OFFICE, SEC\.NET\.V6\)/);
    assert.equal(c.r.outputs.office.value, "SEC.NET.OFFICE");
    const d = await describeRule("SEC.NET.OFFICE");
    assert.equal(d.type, "IPV4");
    assert.equal(d.mode, "INGRESS");
    assert.equal(d.value_list, "10.0.0.0/8");
    assert.equal(c.r.outputs.owner.value, d.owner);
  });

  step("no-op: reads only", async () => {
    const n = await fx.measure(() => s.up(program));
    measured.record("no-op", n.t);
    assert.deepEqual(changes(n.r.summary), { same: 5 });
    assert.deepEqual(writes(n.t.statements), []);
  });

  step("drift: a value list and a comment changed by hand show at preview; up repairs both with one ALTER … SET", async () => {
    await fx.admin(
      "ALTER NETWORK RULE SEC.NET.OFFICE SET VALUE_LIST = ('10.0.0.0/8', '198.51.100.0/24')",
      "ALTER NETWORK RULE SEC.NET.OFFICE UNSET COMMENT",
    );
    const p = await fx.measure(() => s.preview(program));
    const out = p.r.stdout + p.r.stderr;
    assert.match(out, /NetworkRule SEC\.NET\.OFFICE: drifted in Snowflake: valueList, comment/);
    assert.match(
      out,
      /NetworkRule SEC\.NET\.OFFICE: up will send: ALTER NETWORK RULE SEC\.NET\.OFFICE SET VALUE_LIST = \('10\.0\.0\.0\/8'\)/,
    );
    assert.deepEqual(writes(p.t.statements), [], "preview writes nothing");
    const u = await fx.measure(() => s.up(program));
    assert.deepEqual(writes(u.t.statements), ["ALTER NETWORK RULE SEC.NET.OFFICE SET VALUE_LIST = ('10.0.0.0/8') COMMENT = 'office'"]);
    const d = await describeRule("SEC.NET.OFFICE");
    assert.equal(d.value_list, "10.0.0.0/8");
    assert.equal(d.comment, "office");
    assert.deepEqual(changes((await s.up(program)).summary), { same: 5 });
  });

  step("a MODE change replaces the rule (Snowflake cannot alter it)", async () => {
    decl.mode = "INTERNAL_STAGE";
    const u = await fx.measure(() => s.up(program));
    assert.equal(u.r.summary.resourceChanges?.replace, 1);
    const w = writes(u.t.statements);
    assert.deepEqual(w, [
      "DROP NETWORK RULE IF EXISTS SEC.NET.STAGE",
      "CREATE NETWORK RULE SEC.NET.STAGE TYPE = AWSVPCEID VALUE_LIST = ('vpce-0fa383eb170331202') MODE = INTERNAL_STAGE",
    ]);
    assert.equal((await describeRule("SEC.NET.STAGE")).mode, "INTERNAL_STAGE");
  });

  step("guard: an account policy whose allowed rules leave out 127.0.0.1 fails at preview, naming the rules", async () => {
    decl.attach = true;
    const m = fx.mark();
    const err = await fails(s.preview(program));
    assert.ok(err, "preview fails");
    assert.match(err, /Activating network policy BY_RULES for the account would lock out the provider's own connection/);
    assert.match(err, /127\.0\.0\.1 is in none of its allowed IPv4 network rules \(SEC\.NET\.OFFICE\)/);
    assert.deepEqual(writes(fx.since(m).statements), []);
  });

  step(
    "a rule that admits 127.0.0.1: the guard lets the activation through, and the emulator evaluates the rule at each login",
    async () => {
      decl.officeValues = ["10.0.0.0/8", "127.0.0.1"];
      const u = await fx.measure(() => s.up(program));
      assert.deepEqual(writes(u.t.statements), [
        "ALTER NETWORK RULE SEC.NET.OFFICE SET VALUE_LIST = ('10.0.0.0/8', '127.0.0.1')",
        "ALTER ACCOUNT SET NETWORK_POLICY = BY_RULES",
      ]);
      assert.ok(await svcLogsIn(), "SVC_NR (no policy of its own) is governed by BY_RULES, whose rule admits 127.0.0.1");
      // By hand (not through the program, which the guard checks: next step), taking 127.0.0.1 out of the rule while
      // the policy is in force: the emulator now refuses SVC_NR.
      await fx.admin("ALTER NETWORK RULE SEC.NET.OFFICE SET VALUE_LIST = ('10.0.0.0/8')");
      assert.equal(await svcLogsIn(), false, "the rule is evaluated at login");
      await fx.admin("ALTER NETWORK RULE SEC.NET.OFFICE SET VALUE_LIST = ('10.0.0.0/8', '127.0.0.1')");
    },
  );

  step("guard: the program taking 127.0.0.1 out of the rule of the policy in force fails at preview, naming the rule", async () => {
    decl.officeValues = ["10.0.0.0/8"];
    const m = fx.mark();
    const err = await fails(s.preview(program));
    assert.ok(err, "preview fails");
    assert.match(
      err,
      /Changing network rule SEC\.NET\.OFFICE, which network policy BY_RULES in force for this connection names, would lock out the provider's own connection/,
    );
    assert.match(err, /127\.0\.0\.1 is in none of its allowed IPv4 network rules \(SEC\.NET\.OFFICE\)/);
    assert.deepEqual(writes(fx.since(m).statements), []);
    assert.equal((await describeRule("SEC.NET.OFFICE")).value_list, "10.0.0.0/8,127.0.0.1");
    decl.officeValues = ["10.0.0.0/8", "127.0.0.1"];
    assert.deepEqual(changes((await s.up(program)).summary), { same: 6 });
  });

  step("destroy: the attachment, the policy, then the rules", async () => {
    const d = await fx.measure(() => s.destroy());
    const w = writes(d.t.statements);
    const at = (p: string) => w.findIndex((x) => x.startsWith(p));
    assert.ok(
      at("ALTER ACCOUNT UNSET NETWORK_POLICY") >= 0 && at("ALTER ACCOUNT UNSET NETWORK_POLICY") < at("DROP NETWORK POLICY"),
      w.join("\n"),
    );
    assert.ok(at("DROP NETWORK POLICY") < at("DROP NETWORK RULE IF EXISTS SEC.NET.OFFICE"), w.join("\n"));
    const left = await fx.emu.execAsAdmin("SHOW NETWORK RULES IN SCHEMA SEC.NET");
    assert.equal(left.rows.length, 0);
  });
});
