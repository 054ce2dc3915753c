/**
 * The end-to-end walk of an examples/<language>-custom-client program that uses the provider plugin, through the real
 * CLI, the program's language host and the emulator, set up as a user would: `pulumi package add <this package>`
 * (generates the SDK, links it, writes `packages:`) → preview shows the SQL → up → no-op → the two-step key rotation
 * (add key B in the free slot, then retire key A) → drift repaired → refresh → `pulumi import` of a hand-made
 * integration, declared in the program afterwards, makes the next up a no-op → destroy (its DROPs named beforehand
 * from `pulumi destroy --preview-only --json`). Client secrets, private keys
 * and the password stay ciphertext in state. Used by test/e2e/plugin-yaml.test.ts and plugin-python.test.ts.
 */
import { after, before, describe } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ProviderFixture, assertNoPlaintextSecrets, changes, writes } from "./provider-fixture";
import { createLocalProgramStack, pulumiCliRoot, repoRoot, workRoot, type TestStack } from "./pulumi";
import { packageAdd, pluginConfig } from "./plugin";
import { announcedStatements, destroyPreviewJson, planDeletes } from "./plan-deletes";
import { steps } from "./steps";

export interface PluginProgram {
  /** "YAML", "Python": in test names and in the network policy's comment. */
  readonly label: string;
  /** The example directory under examples/. */
  readonly example: string;
  /** The language host the program needs (bin/pulumi-language-<x>); the suite skips, naming it, when it is not built. */
  readonly host: string;
  /** Object names are <prefix>_APP, <prefix>_OFFICE and <prefix>_HAND. */
  readonly prefix: string;
  /** Whether the language host generates code for `pulumi import` (GenerateProgram). */
  readonly importGeneratesCode: boolean;
  /** Declares the imported integration `hand` in the program: from the code import generated, or by hand. */
  declareImported(dir: string, generatedCode: string | undefined): void;
  /** Extra checks on the program directory after `pulumi package add`. */
  afterPackageAdd?(dir: string, output: string): void;
}

export function pluginProgramSuite(p: PluginProgram): void {
  const hostPath = path.join(pulumiCliRoot(), "bin", p.host);
  const missing = fs.existsSync(hostPath) ? undefined : `${hostPath} is not built (scripts/build-pulumi-cli.sh builds it)`;
  const { fx, measured } = ProviderFixture.forFile(`plugin ${p.label}`);
  const APP = `${p.prefix}_APP`;
  const OFFICE = `${p.prefix}_OFFICE`;
  const HAND = `${p.prefix}_HAND`;

  describe(`provider plugin from a ${p.label} program (pulumi package add)`, { timeout: 900_000, skip: missing }, () => {
    let s: TestStack;
    let dir: string;
    const step = steps();
    const rotationStep = (n: number) => s.stack.setConfig("rotationStep", { value: String(n) });
    const slots = async () => {
      const r = await fx.emu.execAsAdmin(`DESCRIBE INTEGRATION ${APP}`);
      const row = (x: string) => r.rows.find((y) => y[0] === x)?.[2] ?? "";
      return [row("OAUTH_CLIENT_RSA_PUBLIC_KEY_FP"), row("OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP")];
    };
    before(async () => {
      // The example as a program directory of its own, outside examples/ so that nothing is generated there.
      dir = path.join(workRoot, p.example, String(process.pid));
      fs.rmSync(dir, { recursive: true, force: true });
      fs.cpSync(path.join(repoRoot, "examples", p.example), dir, { recursive: true });
    });
    after(async () => {
      await s?.dispose();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    step("pulumi package add generates the SDK, links it and records the package in Pulumi.yaml", async () => {
      const stateDir = path.join(dir, ".state");
      fs.mkdirSync(stateDir, { recursive: true });
      const { output, ms } = packageAdd(dir, stateDir);
      console.log(`# MEASURED pulumi package add (${p.label}): ${ms} ms`);
      assert.match(output, /Added package Snowflake OAuth/);
      assert.ok(fs.existsSync(path.join(dir, "sdks", "snowflake-oauth")), "the SDK is generated into sdks/snowflake-oauth");
      const project = fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
      assert.ok(project.includes(`packages:\n  snowflake-oauth: ${repoRoot}\n`), project);
      p.afterPackageAdd?.(dir, output);
      s = await createLocalProgramStack({ name: `plugin-${p.label.toLowerCase()}`, programDir: dir, ...pluginConfig(fx.target()) });
    });

    step("preview shows the SQL up will send; up creates the policy, the integration and the keys", async () => {
      const pv = await s.preview(undefined as never);
      assert.match(
        pv.stdout + pv.stderr,
        new RegExp(
          `NetworkPolicy ${OFFICE}: up will send: CREATE NETWORK POLICY ${OFFICE} ALLOWED_IP_LIST = \\('127\\.0\\.0\\.1', '10\\.0\\.0\\.0/8'\\)`,
        ),
      );
      const c = await fx.measure(() => s.up(undefined as never));
      measured.record("create", c.t);
      assert.deepEqual(changes(c.r.summary), { create: 5 });
      const w = writes(c.t.statements);
      assert.equal(w.length, 2, w.join("\n"));
      assert.match(w[0], new RegExp(`^CREATE NETWORK POLICY ${OFFICE} `));
      assert.match(w[1], new RegExp(`^CREATE SECURITY INTEGRATION ${APP} .* NETWORK_POLICY = '${OFFICE}' .*RSA_PUBLIC_KEY = '`));
      const o = c.r.outputs;
      assert.equal(o.clientSecret.secret, true);
      assert.deepEqual(await slots(), [o.keyA.value, ""], "key A in slot 1");
      await assertNoPlaintextSecrets(fx, s, [String(o.clientSecret.value)]);
      const d = await s.exportDeployment();
      const keyA = d.deployment.resources.find((r: any) => r.urn.endsWith("::keyA"));
      assert.equal(
        keyA.outputs.privateKeyPem["4dabf18193072939515e22adb298388d"],
        "1b47061264138c4ac30d75fd1eb44270",
        "the private key is a secret",
      );
    });

    step("no-op: reads only, nothing written", async () => {
      const n = await fx.measure(() => s.up(undefined as never));
      measured.record("no-op", n.t);
      assert.deepEqual(changes(n.r.summary), { same: 5 });
      assert.deepEqual(writes(n.t.statements), []);
    });

    step("rotation step 1: key B goes into the free slot, key A stays: clients switch with no gap", async () => {
      await rotationStep(1);
      const u = await fx.measure(() => s.up(undefined as never));
      assert.deepEqual(
        writes(u.t.statements).map((x) => x.replace(/'[^']*'/, "'…'")),
        [`ALTER SECURITY INTEGRATION ${APP} SET OAUTH_CLIENT_RSA_PUBLIC_KEY_2 = '…'`],
      );
      assert.deepEqual(await slots(), [u.r.outputs.keyA.value, u.r.outputs.keyB.value]);
    });

    step("rotation step 2: key A is retired; key B stays in its slot", async () => {
      await rotationStep(2);
      const u = await fx.measure(() => s.up(undefined as never));
      assert.deepEqual(writes(u.t.statements), [`ALTER SECURITY INTEGRATION ${APP} UNSET OAUTH_CLIENT_RSA_PUBLIC_KEY`]);
      assert.deepEqual(await slots(), ["", u.r.outputs.keyB.value]);
      assert.deepEqual(changes((await s.up(undefined as never)).summary), { same: 5 });
    });

    step("drift by hand shows at preview and up repairs it", async () => {
      await fx.admin(`ALTER SECURITY INTEGRATION ${APP} SET BLOCKED_ROLES_LIST = ('SYSADMIN', 'PUBLIC')`);
      const pv = await s.preview(undefined as never);
      assert.equal(pv.changeSummary.update, 1);
      assert.match(pv.stdout + pv.stderr, new RegExp(`OAuthIntegration ${APP}: drifted in Snowflake: blockedRolesList`));
      const u = await fx.measure(() => s.up(undefined as never));
      assert.deepEqual(writes(u.t.statements), [`ALTER SECURITY INTEGRATION ${APP} SET BLOCKED_ROLES_LIST = (SYSADMIN)`]);
    });

    step("refresh reads the truth into state", async () => {
      await fx.admin(`ALTER NETWORK POLICY ${OFFICE} SET COMMENT = 'edited by hand'`);
      await s.refresh();
      const d = await s.exportDeployment();
      assert.equal(d.deployment.resources.find((r: any) => r.urn.endsWith("::office")).outputs.comment, "edited by hand");
      const u = await fx.measure(() => s.up(undefined as never));
      assert.deepEqual(writes(u.t.statements), [
        `ALTER NETWORK POLICY ${OFFICE} SET COMMENT = 'callers allowed to use the ${p.label} client'`,
      ]);
    });

    step("import: a hand-made integration, then declared in the program: the next up is a no-op", async () => {
      await fx.admin(
        `CREATE SECURITY INTEGRATION ${HAND} TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' ` +
          "OAUTH_REDIRECT_URI = 'https://hand.example.com/cb' OAUTH_ISSUE_REFRESH_TOKENS = FALSE COMMENT = 'by hand'",
      );
      const im = await s.stack.import({
        resources: [{ type: "snowflake-oauth:index:OAuthIntegration", name: "hand", id: HAND }],
        protect: false,
        generateCode: p.importGeneratesCode,
      });
      const d = await s.exportDeployment();
      const hand = d.deployment.resources.find((r: any) => r.urn.endsWith("::hand"));
      assert.equal(hand?.id, HAND, "the import is in state");
      assert.equal(hand.inputs.oauthIssueRefreshTokens, false, "inputs read from DESCRIBE");
      p.declareImported(dir, p.importGeneratesCode ? im.generatedCode : undefined);
      const n = await fx.measure(() => s.up(undefined as never));
      assert.deepEqual(changes(n.r.summary), { same: 6 });
      assert.deepEqual(writes(n.t.statements), []);
    });

    step("destroy drops every object; nothing secret was ever stored in plaintext", async () => {
      await assertNoPlaintextSecrets(fx, s, []);
      // What the preview of the destroy names (the plugin's type tokens) is what the destroy sends.
      const announced = announcedStatements(planDeletes(await destroyPreviewJson(s)));
      const d = await fx.measure(() => s.destroy());
      assert.deepEqual(writes(d.t.statements).sort(), [
        `DROP INTEGRATION IF EXISTS ${APP}`,
        `DROP INTEGRATION IF EXISTS ${HAND}`,
        `DROP NETWORK POLICY IF EXISTS ${OFFICE}`,
      ]);
      assert.deepEqual(announced.sort(), writes(d.t.statements).sort(), "announced by snowflake-oauth-plan-deletes");
    });
  });
}
