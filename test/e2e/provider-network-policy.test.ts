/**
 * NetworkPolicy through the real Pulumi engine against the emulator, in one stack life cycle: create (+ adopt by
 * name; IP and network-rule lists; a lower-case quoted name attached to an integration by reference) → no-op →
 * update (one SET, one UNSET) → out-of-band SET/UNSET and detach → refresh → repair → no-op → in-place rename (the
 * integration follows without an ALTER) → out-of-band DROP → refresh → recreate → validation errors at preview →
 * destroy (integration before policy). Network policies have no immutable property: a replace cannot happen.
 */
import { ProviderFixture, about, assertNoPlaintextSecrets, changes, parameterReads } from "../helpers/provider-fixture";
import { after, before, describe } from "node:test";
import { steps } from "../helpers/steps";
import * as assert from "node:assert/strict";
import { createTestStack, type TestStack } from "../helpers/pulumi";
import { NetworkPolicy, OAuthIntegration } from "../../sdk/index";

// The rules the policies name must exist (CREATE NETWORK POLICY refuses unknown rules, as Snowflake does).
const { fx, measured } = ProviderFixture.forFile(
  "NetworkPolicy",
  "CREATE NETWORK POLICY ADOPTED ALLOWED_IP_LIST = ('1.1.1.1') BLOCKED_IP_LIST = ('1.1.1.2') COMMENT = 'by hand'",
  "CREATE DATABASE DB",
  "CREATE SCHEMA DB.SCH",
  "CREATE NETWORK RULE DB.SCH.RULE_A TYPE = IPV4 VALUE_LIST = ('10.0.0.0/8')",
  `CREATE NETWORK RULE DB.SCH."Rule B" TYPE = IPV4 VALUE_LIST = ('10.0.0.99')`,
);

const SHOW_PARAM = "SHOW PARAMETERS LIKE 'OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST' IN ACCOUNT";
/** DESCRIBE + SHOW of a policy (`sql` as in statements, `stored` as in SHOW ... LIKE). */
const READ = (sql: string, stored = sql) => [`DESCRIBE NETWORK POLICY ${sql}`, `SHOW NETWORK POLICIES LIKE '${stored}'`];
const policyOnly = (xs: string[]) => xs.filter((x) => /NETWORK POLIC/.test(x) && !/SECURITY INTEGRATION/.test(x));
const sorted = (xs: string[]) => [...xs].sort();

const GUARD_READS = [
  "SELECT CURRENT_USER() AS U, CURRENT_IP_ADDRESS() AS IP",
  "SHOW PARAMETERS LIKE 'NETWORK_POLICY' IN USER ADMIN",
  "SHOW PARAMETERS LIKE 'NETWORK_POLICY' IN ACCOUNT",
];

describe(
  "NetworkPolicy: create, adopt, attach by reference, no-op, update, drift, refresh, repair, rename, drop, validation, delete through the engine",
  { timeout: 600_000 },
  () => {
    let v = 1;
    const program = async () => {
      const corp = new NetworkPolicy("corp", {
        name: v >= 4 ? '"corp_np_v2"' : '"corp_np"',
        allowedIpList: v === 1 ? ["10.0.0.0/8", "192.168.1.0/24"] : ["10.0.0.0/8"],
        blockedIpList: ["10.0.0.99"],
        allowedNetworkRuleList: ["db.sch.rule_a"],
        blockedNetworkRuleList: v >= 2 ? ['db.sch."Rule B"'] : undefined,
        comment: v === 1 ? "corp" : undefined,
      });
      new NetworkPolicy("edge", { allowedIpList: ["172.16.0.0/12"] });
      new NetworkPolicy("adopted", { allowedIpList: ["1.1.1.1", "2.2.2.2"], adoptExisting: true });
      new OAuthIntegration("np-app", {
        name: "np_app",
        oauthClientType: "CONFIDENTIAL",
        oauthRedirectUri: "https://np.example.com/cb",
        networkPolicy: corp.name,
      });
    };
    let s: TestStack;
    before(async () => {
      s = await createTestStack({ name: "provider-network-policy", target: fx.target(), program });
    });
    after(async () => {
      await s?.dispose();
    });
    const step = steps();

    step("create (+ adopt)", async () => {
      const c = await fx.measure(() => s.up(program));
      measured.record("create (2 new + 1 adopted + 1 integration)", c.t);
      assert.deepEqual(changes(c.r.summary), { create: 5 });
      assert.equal(c.t.logins, 1);
      assert.deepEqual(policyOnly(about(c.t.statements, '"corp_np"', "corp_np")), [
        "CREATE NETWORK POLICY \"corp_np\" ALLOWED_IP_LIST = ('10.0.0.0/8', '192.168.1.0/24') BLOCKED_IP_LIST = ('10.0.0.99') ALLOWED_NETWORK_RULE_LIST = (DB.SCH.RULE_A) COMMENT = 'corp'",
        ...READ('"corp_np"', "corp_np"),
      ]);
      assert.deepEqual(about(c.t.statements, "EDGE"), ["CREATE NETWORK POLICY EDGE ALLOWED_IP_LIST = ('172.16.0.0/12')", ...READ("EDGE")]);
      assert.deepEqual(about(c.t.statements, "ADOPTED"), [
        ...READ("ADOPTED"),
        "ALTER NETWORK POLICY ADOPTED SET ALLOWED_IP_LIST = ('1.1.1.1', '2.2.2.2')",
        "ALTER NETWORK POLICY ADOPTED UNSET BLOCKED_IP_LIST, COMMENT",
        ...READ("ADOPTED"),
      ]);
      // Attached by reference: the lower-case (quoted) name is written as '"corp_np"', after the policy exists.
      assert.deepEqual(about(c.t.statements, "NP_APP"), [
        "CREATE SECURITY INTEGRATION NP_APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://np.example.com/cb' NETWORK_POLICY = '\"corp_np\"'",
        "DESCRIBE INTEGRATION NP_APP",
        "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('NP_APP')",
      ]);
      assert.ok(
        c.t.statements.indexOf(READ('"corp_np"', "corp_np")[1]) <
          c.t.statements.findIndex((x) => x.startsWith("CREATE SECURITY INTEGRATION NP_APP")),
      );
      assert.deepEqual(parameterReads(c.t.statements), [SHOW_PARAM]);
      assert.equal(c.t.statements.length, 16);
      const described = (await s.exportDeployment()).deployment.resources.find((x: any) => x.urn.endsWith("::np-app"));
      assert.equal(described.outputs.described.NETWORK_POLICY, "corp_np", "DESCRIBE shows the stored (lower-case) name");
    });

    step("No-op", async () => {
      // No-op: DESCRIBE + SHOW per policy (COMMENT is only in SHOW), DESCRIBE per integration.
      const n1 = await fx.measure(() => s.up(program));
      measured.record("no-op up (3 policies + 1 integration)", n1.t);
      assert.deepEqual(changes(n1.r.summary), { same: 5 });
      assert.deepEqual(
        sorted(n1.t.statements),
        sorted([...READ('"corp_np"', "corp_np"), ...READ("EDGE"), ...READ("ADOPTED"), "DESCRIBE INTEGRATION NP_APP"]),
      );
      assert.equal(n1.t.logins, 1);
    });

    step("Update", async () => {
      // Update: one SET (every changed list) and one UNSET.
      v = 2;
      const u = await fx.measure(() => s.up(program));
      measured.record("update (1 policy)", u.t);
      assert.deepEqual(changes(u.r.summary), { same: 4, update: 1 });
      assert.deepEqual(policyOnly(about(u.t.statements, '"corp_np"', "corp_np")), [
        ...READ('"corp_np"', "corp_np"),
        'ALTER NETWORK POLICY "corp_np" SET ALLOWED_IP_LIST = (\'10.0.0.0/8\'), BLOCKED_NETWORK_RULE_LIST = (DB.SCH."Rule B")',
        'ALTER NETWORK POLICY "corp_np" UNSET COMMENT',
        ...READ('"corp_np"', "corp_np"),
      ]);
      // + the lockout guard's 3 reads (who and where the provider is, the policies in force): a list changes.
      assert.equal(u.t.statements.length, 14);
      assert.equal(u.t.logins, 1);
    });

    step("Out of band", async () => {
      // Out of band: lists changed, the comment set, a list unset, and the integration detached from its policy.
      await fx.admin(
        "ALTER NETWORK POLICY \"corp_np\" SET ALLOWED_IP_LIST = ('9.9.9.9'), COMMENT = 'by hand'",
        'ALTER NETWORK POLICY "corp_np" UNSET BLOCKED_IP_LIST',
        "ALTER NETWORK POLICY EDGE SET BLOCKED_IP_LIST = ('172.16.0.1')",
        "ALTER SECURITY INTEGRATION NP_APP UNSET NETWORK_POLICY",
      );
      const r = await fx.measure(() => s.refresh());
      measured.record("refresh (3 policies + 1 integration, 3 drifted)", r.t);
      assert.deepEqual(changes(r.r.summary), { same: 2, update: 3 });
      assert.equal(r.t.logins, 1);
      assert.deepEqual(
        sorted(r.t.statements),
        sorted([
          ...READ('"corp_np"', "corp_np"),
          ...READ("EDGE"),
          ...READ("ADOPTED"),
          "DESCRIBE INTEGRATION NP_APP",
          SHOW_PARAM,
          // The engine diffs after each refresh read: the lockout guard reads for the two policies whose lists drifted.
          ...[1, 2].flatMap(() => GUARD_READS),
        ]),
      );
      const corpState = (await s.exportDeployment()).deployment.resources.find((x: any) => x.urn.endsWith("::corp"));
      assert.deepEqual(corpState.outputs.allowedIpList, ["9.9.9.9"]);
      assert.equal(corpState.outputs.comment, "by hand");
      assert.equal(corpState.outputs.blockedIpList, undefined);

      const rep = await fx.measure(() => s.up(program));
      measured.record("drift repair up", rep.t);
      assert.deepEqual(changes(rep.r.summary), { same: 2, update: 3 });
      assert.deepEqual(policyOnly(about(rep.t.statements, '"corp_np"', "corp_np")), [
        ...READ('"corp_np"', "corp_np"),
        "ALTER NETWORK POLICY \"corp_np\" SET ALLOWED_IP_LIST = ('10.0.0.0/8'), BLOCKED_IP_LIST = ('10.0.0.99')",
        'ALTER NETWORK POLICY "corp_np" UNSET COMMENT',
        ...READ('"corp_np"', "corp_np"),
      ]);
      assert.deepEqual(about(rep.t.statements, "EDGE"), [
        ...READ("EDGE"),
        "ALTER NETWORK POLICY EDGE UNSET BLOCKED_IP_LIST",
        ...READ("EDGE"),
      ]);
      assert.deepEqual(about(rep.t.statements, "NP_APP"), [
        "DESCRIBE INTEGRATION NP_APP",
        "ALTER SECURITY INTEGRATION NP_APP SET NETWORK_POLICY = '\"corp_np\"'",
        "DESCRIBE INTEGRATION NP_APP",
      ]);
      // + the lockout guard's 3 reads for each of the two policies whose lists change.
      assert.equal(rep.t.statements.length, 22);
      const n2 = await fx.measure(() => s.up(program));
      assert.deepEqual(changes(n2.r.summary), { same: 5 });
      assert.equal(n2.t.statements.length, 7);
      assert.deepEqual(
        n2.t.statements.filter((x) => !/^(DESCRIBE|SHOW)/.test(x)),
        [],
      );
    });

    step("Rename in place", async () => {
      // Rename in place; the integration references the policy object, so its DESCRIBE already shows the new name.
      v = 4;
      const rn = await fx.measure(() => s.up(program));
      measured.record("rename in place", rn.t);
      assert.deepEqual(changes(rn.r.summary), { same: 4, update: 1 });
      assert.deepEqual(policyOnly(about(rn.t.statements, '"corp_np"', "corp_np", '"corp_np_v2"', "corp_np_v2")), [
        ...READ('"corp_np"', "corp_np"),
        'ALTER NETWORK POLICY "corp_np" RENAME TO "corp_np_v2"',
        ...READ('"corp_np_v2"', "corp_np_v2"),
      ]);
      assert.deepEqual(about(rn.t.statements, "NP_APP"), ["DESCRIBE INTEGRATION NP_APP"]);
      assert.equal(rn.t.statements.length, 10);
    });

    step("Out-of-band DROP", async () => {
      // Out-of-band DROP: refresh removes it from state; the next up recreates it.
      await fx.admin("DROP NETWORK POLICY EDGE");
      const r2 = await fx.measure(() => s.refresh());
      assert.deepEqual(changes(r2.r.summary), { same: 4, delete: 1 });
      assert.deepEqual(r2.t.failed, ["002003 DESCRIBE NETWORK POLICY EDGE"]);
      const re = await fx.measure(() => s.up(program));
      measured.record("recreate after out-of-band DROP + refresh", re.t);
      assert.deepEqual(changes(re.r.summary), { same: 4, create: 1 });
      assert.deepEqual(about(re.t.statements, "EDGE"), ["CREATE NETWORK POLICY EDGE ALLOWED_IP_LIST = ('172.16.0.0/12')", ...READ("EDGE")]);
      assert.equal(re.t.statements.length, 8);

      await assertNoPlaintextSecrets(fx, s, []);
    });

    step("Validation errors at preview", async () => {
      // Validation errors at preview: each names its field, and nothing reaches Snowflake.
      const cases: [Record<string, unknown>, string[]][] = [
        [
          { name: "", allowedIpList: ["::1", "10.0.0.0/33"], allowedNetworkRuleList: ["rule"], blockedIpList: ["0.0.0.0/0"] },
          ["name", "allowedIpList[0]", "allowedIpList[1]", "allowedNetworkRuleList[0]", "blockedIpList"],
        ],
        [
          { allowedIpList: ["1.2.3.4", 7], comment: 5, adoptExisting: "yes", ipList: ["1.1.1.1"] },
          ["allowedIpList[1]", "comment", "adoptExisting", "ipList"],
        ],
      ];
      for (const [args, fields] of cases) {
        const m = fx.mark();
        await assert.rejects(
          s.preview(async () => void new NetworkPolicy("bad", args as any)),
          (e: any) => {
            const msg = String(e?.message ?? e);
            for (const f of fields) assert.ok(msg.includes(`${f} `) || msg.includes(`${f}:`), `the error names ${f}`);
            assert.ok(!msg.includes("{<nil>}"), "a list item is named by its path, not printed as {<nil>}");
            return true;
          },
        );
        assert.deepEqual(fx.since(m), { statements: [], references: [], failed: [], logins: 0 }, "an invalid program sends nothing");
      }
    });

    step("Delete", async () => {
      // Delete: the integration first (a policy in use cannot be dropped), then one DROP per policy.
      const del = await fx.measure(() => s.destroy());
      measured.record("delete (3 policies + 1 integration)", del.t);
      assert.deepEqual(
        sorted(del.t.statements),
        sorted([
          "DROP INTEGRATION IF EXISTS NP_APP",
          'DROP NETWORK POLICY IF EXISTS "corp_np_v2"',
          "DROP NETWORK POLICY IF EXISTS EDGE",
          "DROP NETWORK POLICY IF EXISTS ADOPTED",
        ]),
      );
      assert.ok(
        del.t.statements.indexOf("DROP INTEGRATION IF EXISTS NP_APP") <
          del.t.statements.indexOf('DROP NETWORK POLICY IF EXISTS "corp_np_v2"'),
      );
      assert.deepEqual(del.t.failed, []);
      assert.equal(del.t.logins, 1);
      assert.equal((await fx.emu.execAsAdmin("SHOW NETWORK POLICIES")).rows.length, 0);
    });
  },
);
