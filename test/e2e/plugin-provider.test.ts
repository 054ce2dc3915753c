/**
 * The provider plugin (PulumiPlugin.yaml → package.json main → provider/plugin/main.ts) through the real engine, the
 * Node.js language host's RunPlugin and the emulator. The program registers plain custom resources of type
 * `snowflake-oauth:index:<Class>`, as a Python, YAML or Go SDK does:
 * create → no-op → drift repaired → refresh → `pulumi import` of a hand-made integration (the next up is a no-op) →
 * an import the plugin refuses → connection settings from an explicit provider resource and from the environment →
 * destroy. Secrets (client secrets, the password) stay ciphertext in state.
 */
import { after, before, describe } from "node:test";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ADMIN_PASSWORD, ProviderFixture, assertNoPlaintextSecrets, changes, writes, fails } from "../helpers/provider-fixture";
import { createTestStack, type TestStack } from "../helpers/pulumi";
import { PLUGIN, PluginProvider, PluginResource, pluginConfig } from "../helpers/plugin";
import { steps } from "../helpers/steps";

const { fx, measured } = ProviderFixture.forFile("plugin provider");
const planFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plugin-plan-")), "plan.jsonl");
const HAND_APP =
  "CREATE SECURITY INTEGRATION HAND_APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' " +
  "OAUTH_REDIRECT_URI = 'https://hand.example.com/cb' OAUTH_REFRESH_TOKEN_VALIDITY = 3600 BLOCKED_ROLES_LIST = ('SYSADMIN') COMMENT = 'by hand'";

describe("provider plugin: custom resources served from PulumiPlugin.yaml", { timeout: 900_000 }, () => {
  let imported: Record<string, unknown> | undefined;
  const program = async () => {
    const office = new PluginResource("NetworkPolicy", "office", { allowedIpList: ["10.0.0.0/8"] }, ["storedName"]);
    const app = new PluginResource(
      "OAuthIntegration",
      "app",
      {
        name: "plug_app",
        oauthClientType: "CONFIDENTIAL",
        oauthRedirectUri: "https://app.example.com/cb",
        networkPolicy: office.out.storedName,
      },
      ["clientId", "clientSecret", "storedName"],
    );
    if (imported) new PluginResource("OAuthIntegration", "hand", imported);
    return { clientId: app.out.clientId, clientSecret: app.out.clientSecret, policy: office.out.storedName };
  };
  let s: TestStack;
  before(async () => {
    s = await createTestStack({
      name: "plugin",
      ...pluginConfig(fx.target()),
      env: { SNOWFLAKE_OAUTH_PLAN: planFile },
      providerPlugins: [PLUGIN],
      program,
    });
  });
  after(async () => {
    await s?.dispose();
  });
  const step = steps();

  step("create: the plugin sends the same SQL as the dynamic resources; client secrets are secret outputs", async () => {
    const c = await fx.measure(() => s.up(program));
    measured.record("create", c.t);
    assert.deepEqual(changes(c.r.summary), { create: 3 });
    assert.deepEqual(writes(c.t.statements), [
      "CREATE NETWORK POLICY OFFICE ALLOWED_IP_LIST = ('10.0.0.0/8')",
      "CREATE SECURITY INTEGRATION PLUG_APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://app.example.com/cb' NETWORK_POLICY = 'OFFICE'",
    ]);
    assert.equal(c.t.logins, 1, "one login per up");
    assert.equal(c.r.outputs.policy.value, "OFFICE");
    assert.equal(c.r.outputs.clientSecret.secret, true, "the plugin marks the client secret secret (no SDK option needed)");
    assert.match(
      c.r.stdout,
      /OAuthIntegration PLUG_APP: up will send: CREATE SECURITY INTEGRATION PLUG_APP/,
      "preview notices reach the engine",
    );
    const d = await s.exportDeployment();
    const types = d.deployment.resources.map((r: any) => r.type).sort();
    assert.deepEqual(types, [
      "pulumi:providers:snowflake-oauth",
      "pulumi:pulumi:Stack",
      "snowflake-oauth:index:NetworkPolicy",
      "snowflake-oauth:index:OAuthIntegration",
    ]);
    await assertNoPlaintextSecrets(fx, s, [String(c.r.outputs.clientSecret.value)]);
  });

  step("no-op: reads only, nothing written", async () => {
    const n = await fx.measure(() => s.up(program));
    measured.record("no-op", n.t);
    assert.deepEqual(changes(n.r.summary), { same: 3 });
    assert.deepEqual(writes(n.t.statements), []);
  });

  step("drift: a hand change shows at preview and up repairs it with one ALTER", async () => {
    await fx.admin("ALTER SECURITY INTEGRATION PLUG_APP SET OAUTH_REFRESH_TOKEN_VALIDITY = 7200");
    const p = await s.preview(program);
    assert.equal(p.changeSummary.update, 1);
    assert.match(p.stdout + p.stderr, /OAuthIntegration PLUG_APP: drifted in Snowflake: oauthRefreshTokenValidity/);
    assert.match(p.stdout + p.stderr, /up will send: ALTER SECURITY INTEGRATION PLUG_APP SET OAUTH_REFRESH_TOKEN_VALIDITY = 7776000/);
    // The plugin knows each call's resource: the plan file names its URN and plugin token.
    const plan = fs
      .readFileSync(planFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    assert.deepEqual(plan, [
      {
        urn: "urn:pulumi:test::e2e-plugin::snowflake-oauth:index:OAuthIntegration::app",
        type: "snowflake-oauth:index:OAuthIntegration",
        kind: "oauth-custom",
        object: "PLUG_APP",
        statements: ["ALTER SECURITY INTEGRATION PLUG_APP SET OAUTH_REFRESH_TOKEN_VALIDITY = 7776000"],
        replaces: false,
        drifted: ["oauthRefreshTokenValidity"],
      },
    ]);
    const u = await fx.measure(() => s.up(program));
    assert.deepEqual(writes(u.t.statements), ["ALTER SECURITY INTEGRATION PLUG_APP SET OAUTH_REFRESH_TOKEN_VALIDITY = 7776000"]);
    assert.deepEqual(changes((await s.up(program)).summary), { same: 3 });
  });

  step("refresh: the truth is read into state; the next up converges it to the program", async () => {
    await fx.admin("ALTER SECURITY INTEGRATION PLUG_APP SET COMMENT = 'edited by hand'");
    await s.refresh();
    const d = await s.exportDeployment();
    const app = d.deployment.resources.find((r: any) => r.urn.endsWith("::app"));
    assert.equal(app.outputs.comment, "edited by hand");
    const u = await fx.measure(() => s.up(program));
    assert.deepEqual(writes(u.t.statements), ["ALTER SECURITY INTEGRATION PLUG_APP UNSET COMMENT"]);
  });

  step("import: a hand-made integration is read whole; declaring what import recorded makes the next up a no-op", async () => {
    await fx.admin(HAND_APP);
    const m = fx.mark();
    await s.stack.import({
      resources: [{ type: "snowflake-oauth:index:OAuthIntegration", name: "hand", id: "HAND_APP" }],
      protect: false,
      generateCode: false, // the Node.js host (v3.68.0) has no GenerateProgram; the YAML test generates code
    });
    assert.deepEqual(writes(fx.since(m).statements), [], "import writes nothing");
    const d = await s.exportDeployment();
    const hand = d.deployment.resources.find((r: any) => r.urn.endsWith("::hand"));
    assert.deepEqual(hand.inputs, {
      blockedRolesList: ["SYSADMIN"],
      comment: "by hand",
      name: "HAND_APP",
      oauthClientType: "PUBLIC",
      oauthRedirectUri: "https://hand.example.com/cb",
      oauthRefreshTokenValidity: 3600,
    });
    assert.equal(typeof hand.outputs.clientId, "string", "the client id is read at import");
    imported = hand.inputs;
    const n = await fx.measure(() => s.up(program));
    assert.deepEqual(changes(n.r.summary), { same: 4 });
    assert.deepEqual(writes(n.t.statements), []);
  });

  step("import of a resource that is not one readable object is refused, naming why", async () => {
    const err = await fails(
      s.stack.import({ resources: [{ type: "snowflake-oauth:index:KeyPair", name: "kp", id: "x" }], protect: false, generateCode: false }),
    );
    assert.ok(err, "the import fails");
    assert.match(err, /KeyPair cannot be imported: it is not one Snowflake object/);
  });

  step("connection settings from an explicit provider resource, and from the environment", async () => {
    const t = fx.target();
    const prog = async () => {
      const explicit = new PluginProvider("explicit", {
        url: t.url,
        account: t.account,
        user: "ADMIN",
        password: pulumi.secret(ADMIN_PASSWORD),
      });
      new PluginResource("NetworkPolicy", "by-explicit", { name: "plug_explicit", allowedIpList: ["10.1.0.0/16"] }, [], {
        provider: explicit,
      });
      new PluginResource("NetworkPolicy", "by-env", { name: "plug_env", allowedIpList: ["10.2.0.0/16"] });
    };
    const env = { SNOWFLAKE_URL: t.url, SNOWFLAKE_ACCOUNT: t.account, SNOWFLAKE_USER: "ADMIN", SNOWFLAKE_PASSWORD: ADMIN_PASSWORD };
    const other = await createTestStack({ name: "plugin-conn", env, providerPlugins: [PLUGIN], program: prog });
    try {
      const c = await fx.measure(() => other.up(prog));
      assert.deepEqual(writes(c.t.statements).sort(), [
        "CREATE NETWORK POLICY PLUG_ENV ALLOWED_IP_LIST = ('10.2.0.0/16')",
        "CREATE NETWORK POLICY PLUG_EXPLICIT ALLOWED_IP_LIST = ('10.1.0.0/16')",
      ]);
      assert.equal(c.t.logins, 2, "one login per provider process");
      await assertNoPlaintextSecrets(fx, other, []);
      await other.destroy();
    } finally {
      await other.dispose();
    }
  });

  step("destroy: every object is dropped", async () => {
    const d = await fx.measure(() => s.destroy());
    assert.deepEqual(writes(d.t.statements).sort(), [
      "DROP INTEGRATION IF EXISTS HAND_APP",
      "DROP INTEGRATION IF EXISTS PLUG_APP",
      "DROP NETWORK POLICY IF EXISTS OFFICE",
    ]);
  });
});
