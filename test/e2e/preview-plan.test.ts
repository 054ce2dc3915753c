// Preview says what drifted and what `up` will send, through the real engine: a property changed by hand is named
// (input and SQL property) although Pulumi's input diff marks nothing, and the statements preview announces are the
// ones `up` then sends, in order: both come from the same plan function.
import { describe } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createTestStack, type TestStack } from "../helpers/pulumi";
import { announcedStatements as sent, destroyPreviewJson, planDeletes as runPlanDeletes } from "../helpers/plan-deletes";
import { ProviderFixture } from "../helpers/provider-fixture";
import { steps } from "../helpers/steps";
import * as pulumi from "@pulumi/pulumi";
import { NetworkPolicy } from "../../sdk/networkPolicy";
import { OAuthIntegration } from "../../sdk/oauthIntegration";

describe("preview: drift named, SQL plan announced, and the plan is what up sends", { timeout: 400_000 }, () => {
  const { fx } = ProviderFixture.forFile("preview-plan");
  let s: TestStack;
  let comment: pulumi.Input<string> = "v1";
  let ips = ["10.0.0.0/8"];
  let clientType: "CONFIDENTIAL" | "PUBLIC" = "CONFIDENTIAL";
  let npName: string | undefined;
  let withApp = true;
  let appName: string | undefined;
  const planFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), "plan.jsonl");
  const planEntries = () =>
    fs.existsSync(planFile)
      ? fs
          .readFileSync(planFile, "utf8")
          .trim()
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l))
      : [];
  const program = async () => {
    const np = new NetworkPolicy("plan_np", { name: npName, allowedIpList: ips });
    if (!withApp) return;
    new OAuthIntegration("plan_app", {
      name: appName,
      oauthClientType: clientType,
      oauthRedirectUri: "https://app/cb",
      comment,
      networkPolicy: np.name,
    });
  };
  const step = steps();
  const planDeletes = (input: string) => runPlanDeletes(input, planFile);

  step("create: preview announces each CREATE (check runs; the engine calls no diff for a new resource)", async () => {
    s = await createTestStack({ name: "preview-plan", target: fx.target(), program, env: { SNOWFLAKE_OAUTH_PLAN: planFile } });
    const pv = await s.preview(program);
    const announced = sent(pv.stderr);
    assert.ok(announced.includes("CREATE NETWORK POLICY PLAN_NP ALLOWED_IP_LIST = ('10.0.0.0/8')"), announced.join("\n"));
    // The policy's name is unknown until it exists, so the integration's CREATE shows the placeholder.
    assert.ok(
      announced.some((x) =>
        x.startsWith("CREATE SECURITY INTEGRATION PLAN_APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL'"),
      ),
      announced.join("\n"),
    );
    const entries = planEntries();
    assert.deepEqual(
      entries.map((e) => [e.urn, e.type, e.kind, e.object, e.replaces]).sort(),
      [
        [
          "urn:pulumi:test::e2e-preview-plan::pulumi-nodejs:dynamic/snowflake:NetworkPolicy::plan_np",
          "pulumi-nodejs:dynamic/snowflake:NetworkPolicy",
          "network-policy",
          "PLAN_NP",
          false,
        ],
        [
          "urn:pulumi:test::e2e-preview-plan::pulumi-nodejs:dynamic/snowflake:OAuthIntegration::plan_app",
          "pulumi-nodejs:dynamic/snowflake:OAuthIntegration",
          "oauth-custom",
          "PLAN_APP",
          false,
        ],
      ],
      "the plan file has one entry per resource",
    );
    const m = fx.mark();
    await s.up(program);
    const creates = fx.since(m).statements.filter((x) => x.startsWith("CREATE"));
    assert.ok(creates.includes("CREATE NETWORK POLICY PLAN_NP ALLOWED_IP_LIST = ('10.0.0.0/8')"), "the announced CREATE is the one sent");
    const quiet = await s.preview(program);
    assert.deepEqual(sent(quiet.stderr), [], "a no-op preview announces nothing");
    assert.deepEqual(planEntries(), [], "and leaves the plan file empty, not holding the last run's plan");
  });

  step("drift by hand is named at preview", async () => {
    await fx.admin("ALTER SECURITY INTEGRATION PLAN_APP SET OAUTH_ENFORCE_PKCE = TRUE");
    const pv = await s.preview(program);
    assert.equal(pv.changeSummary.update, 1);
    assert.match(pv.stderr, /OAuthIntegration PLAN_APP: drifted in Snowflake: oauthEnforcePkce \(OAUTH_ENFORCE_PKCE\)/);
    assert.deepEqual(sent(pv.stderr), ["ALTER SECURITY INTEGRATION PLAN_APP SET OAUTH_ENFORCE_PKCE = FALSE"]);
  });

  step("preview's statements are exactly what up sends (drift + SET + UNSET, two objects)", async () => {
    comment = "";
    ips = ["10.0.0.0/8", "192.168.0.0/16"];
    await fx.admin("ALTER NETWORK POLICY PLAN_NP SET BLOCKED_IP_LIST = ('10.1.1.1')");
    const pv = await s.preview(program);
    const announced = sent(pv.stderr);
    assert.ok(announced.length >= 3, announced.join("\n"));
    const m = fx.mark();
    await s.up(program);
    const writes = fx.since(m).statements.filter((x) => /^(ALTER|CREATE|DROP)/.test(x));
    assert.deepEqual([...writes].sort(), [...announced].sort(), "the same statements");
    for (const obj of ["PLAN_APP", "PLAN_NP"]) {
      const mine = (xs: string[]) => xs.filter((x) => x.includes(obj));
      assert.deepEqual(mine(writes), mine(announced), `${obj}: the same order`);
    }
    const after = await s.preview(program);
    assert.deepEqual(sent(after.stderr), [], "converged: nothing announced");
  });

  step("a secret input never appears in the announced plan or the plan file", async () => {
    const secret = "s3cret-comment-9f2e";
    comment = pulumi.secret(secret);
    const pv = await s.preview(program);
    assert.ok(sent(pv.stderr).includes("ALTER SECURITY INTEGRATION PLAN_APP SET COMMENT = '***'"), pv.stderr);
    assert.ok(!pv.stderr.includes(secret) && !pv.stdout.includes(secret), "not in the CLI output");
    assert.ok(!fs.readFileSync(planFile, "utf8").includes(secret), "not in the plan file");
    await s.up(program);
    comment = "";
  });

  step("rename: preview announces the RENAME that up sends", async () => {
    npName = "plan_np_2";
    const pv = await s.preview(program);
    const announced = sent(pv.stderr).filter((x) => x.startsWith("ALTER NETWORK POLICY"));
    assert.deepEqual(announced, ["ALTER NETWORK POLICY PLAN_NP RENAME TO PLAN_NP_2"]);
    const m = fx.mark();
    await s.up(program);
    const writes = fx.since(m).statements.filter((x) => /^(ALTER|CREATE|DROP) NETWORK POLICY/.test(x));
    assert.deepEqual(writes, announced, "renamed in place, as announced");
    assert.ok(
      planEntries().some((e) => e.object === "PLAN_NP" && e.statements.includes("ALTER NETWORK POLICY PLAN_NP RENAME TO PLAN_NP_2")),
      "the plan file holds the rename",
    );
  });

  step("replace: preview announces the DROP and the CREATE that up sends, in that order", async () => {
    clientType = "PUBLIC";
    const pv = await s.preview(program);
    assert.equal(pv.changeSummary.replace, 1);
    assert.match(pv.stderr, /OAuthIntegration PLAN_APP: replaced/);
    const announced = sent(pv.stderr);
    const m = fx.mark();
    await s.up(program);
    const writes = fx.since(m).statements.filter((x) => /^(ALTER|CREATE|DROP)/.test(x));
    assert.deepEqual(writes, announced, "DROP then CREATE, exactly as announced");
    assert.match(writes[0], /^DROP INTEGRATION IF EXISTS PLAN_APP$/);
    assert.ok(
      planEntries().some((e) => e.object === "PLAN_APP" && e.replaces === true),
      "the plan file marks the replacement",
    );
  });

  step("replace under a new name: preview announces the CREATE and the DROP of the old name, as up sends them", async () => {
    appName = "plan_app_2";
    const pv = await s.preview(program);
    assert.equal(pv.changeSummary.replace, 1);
    const announced = sent(pv.stderr);
    assert.equal(announced.length, 2, announced.join("\n"));
    assert.match(announced[0], /^CREATE SECURITY INTEGRATION PLAN_APP_2 /);
    assert.equal(announced[1], "DROP INTEGRATION IF EXISTS PLAN_APP");
    const m = fx.mark();
    await s.up(program);
    const writes = fx.since(m).statements.filter((x) => /^(ALTER|CREATE|DROP)/.test(x));
    assert.deepEqual(writes, announced, "created first, the old one dropped at the end, as announced");
  });

  step("delete: the engine's preview events give the DROP that up sends (the provider is not called for a delete)", async () => {
    withApp = false;
    const events: string[] = [];
    const pv = await s.stack.preview({ program, color: "never", onEvent: (e) => events.push(JSON.stringify(e)) });
    assert.equal(pv.changeSummary.delete, 1);
    assert.deepEqual(sent(pv.stderr), [], "the provider announces nothing: the engine did not call it");
    const before = planEntries().length;
    const out = planDeletes(events.join("\n"));
    assert.deepEqual(sent(out), ["DROP INTEGRATION IF EXISTS PLAN_APP_2"], out);
    assert.match(out, /^OAuthIntegration PLAN_APP_2: deleted$/m);
    const added = planEntries().slice(before);
    assert.deepEqual(added, [
      {
        urn: "urn:pulumi:test::e2e-preview-plan::pulumi-nodejs:dynamic/snowflake:OAuthIntegration::plan_app",
        type: "pulumi-nodejs:dynamic/snowflake:OAuthIntegration",
        kind: "oauth-custom",
        object: "PLAN_APP_2",
        statements: ["DROP INTEGRATION IF EXISTS PLAN_APP_2"],
        replaces: false,
        drifted: [],
        deletes: true,
      },
    ]);
    const m = fx.mark();
    await s.up(program);
    const writes = fx.since(m).statements.filter((x) => /^(ALTER|CREATE|DROP)/.test(x));
    assert.deepEqual(writes, sent(out), "up sent exactly the announced DROP");
  });

  step("destroy: `pulumi destroy --preview-only --json` gives the DROP that destroy sends", async () => {
    const json = await destroyPreviewJson(s);
    const out = planDeletes(json);
    assert.deepEqual(sent(out), ["DROP NETWORK POLICY IF EXISTS PLAN_NP_2"], out);
    const m = fx.mark();
    await s.destroy();
    const writes = fx.since(m).statements.filter((x) => /^(ALTER|CREATE|DROP)/.test(x));
    assert.deepEqual(writes, sent(out), "destroy sent exactly the announced DROP");
    assert.equal(planDeletes("").trim(), "", "an empty preview deletes nothing");
    await s.dispose();
  });
});
