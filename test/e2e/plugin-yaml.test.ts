/**
 * A Pulumi YAML program (examples/yaml-custom-client) using the provider plugin, through the real CLI, the YAML
 * language host (pulumi-language-yaml v1.25.0, built by scripts/build-pulumi-cli.sh) and the emulator:
 * preview shows the SQL → up → no-op → the two-step key rotation (add key B in the free slot, then retire key A) →
 * drift repaired → refresh → `pulumi import` of a hand-made integration, with the YAML it generates appended to the
 * program, makes the next up a no-op → destroy. Client secrets, private keys and the password stay ciphertext in state.
 * The program references the package by path (`packages:` in Pulumi.yaml), as `pulumi package add` would write it.
 */
import { after, before, describe } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ProviderFixture, assertNoPlaintextSecrets, changes, writes } from "../helpers/provider-fixture";
import { createLocalProgramStack, pulumiCliRoot, repoRoot, type TestStack } from "../helpers/pulumi";
import { pluginConfig } from "../helpers/plugin";
import { steps } from "../helpers/steps";

const yamlHost = path.join(pulumiCliRoot(), "bin", "pulumi-language-yaml");
const missing = fs.existsSync(yamlHost) ? undefined : `${yamlHost} is not built (scripts/build-pulumi-cli.sh builds it)`;
const { fx, measured } = ProviderFixture.forFile("plugin yaml");

/** The example as a program directory of its own, pointing at this package (what `pulumi package add` records). */
function programDir(): string {
  const dir = path.join(repoRoot, ".work", "yaml", `custom-client-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const text = fs.readFileSync(path.join(repoRoot, "examples", "yaml-custom-client", "Pulumi.yaml"), "utf8");
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `${text}packages:\n  snowflake-oauth: ${JSON.stringify(repoRoot)}\n`);
  return dir;
}

describe("provider plugin from a YAML program", { timeout: 900_000, skip: missing }, () => {
  let s: TestStack;
  let dir: string;
  const step = steps();
  const rotationStep = (n: number) => s.stack.setConfig("rotationStep", { value: String(n) });
  const slots = async () => {
    const r = await fx.emu.execAsAdmin("DESCRIBE INTEGRATION YAML_APP");
    const row = (p: string) => r.rows.find((x) => x[0] === p)?.[2] ?? "";
    return [row("OAUTH_CLIENT_RSA_PUBLIC_KEY_FP"), row("OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP")];
  };
  before(async () => {
    dir = programDir();
    s = await createLocalProgramStack({ name: "plugin-yaml", programDir: dir, ...pluginConfig(fx.target()) });
  });
  after(async () => {
    await s?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  step("preview shows the SQL up will send; up creates the policy, the integration and the keys", async () => {
    const p = await s.preview(undefined as never);
    assert.match(
      p.stdout + p.stderr,
      /NetworkPolicy YAML_OFFICE: up will send: CREATE NETWORK POLICY YAML_OFFICE ALLOWED_IP_LIST = \('127\.0\.0\.1', '10\.0\.0\.0\/8'\)/,
    );
    const c = await fx.measure(() => s.up(undefined as never));
    measured.record("create", c.t);
    assert.deepEqual(changes(c.r.summary), { create: 5 });
    const w = writes(c.t.statements);
    assert.equal(w.length, 2, w.join("\n"));
    assert.match(w[0], /^CREATE NETWORK POLICY YAML_OFFICE /);
    assert.match(w[1], /^CREATE SECURITY INTEGRATION YAML_APP .* NETWORK_POLICY = 'YAML_OFFICE' .*RSA_PUBLIC_KEY = '/);
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
      ["ALTER SECURITY INTEGRATION YAML_APP SET OAUTH_CLIENT_RSA_PUBLIC_KEY_2 = '…'"],
    );
    assert.deepEqual(await slots(), [u.r.outputs.keyA.value, u.r.outputs.keyB.value]);
  });

  step("rotation step 2: key A is retired; key B stays in its slot", async () => {
    await rotationStep(2);
    const u = await fx.measure(() => s.up(undefined as never));
    assert.deepEqual(writes(u.t.statements), ["ALTER SECURITY INTEGRATION YAML_APP UNSET OAUTH_CLIENT_RSA_PUBLIC_KEY"]);
    assert.deepEqual(await slots(), ["", u.r.outputs.keyB.value]);
    assert.deepEqual(changes((await s.up(undefined as never)).summary), { same: 5 });
  });

  step("drift by hand shows at preview and up repairs it", async () => {
    await fx.admin("ALTER SECURITY INTEGRATION YAML_APP SET BLOCKED_ROLES_LIST = ('SYSADMIN', 'PUBLIC')");
    const p = await s.preview(undefined as never);
    assert.equal(p.changeSummary.update, 1);
    assert.match(p.stdout + p.stderr, /OAuthIntegration YAML_APP: drifted in Snowflake: blockedRolesList/);
    const u = await fx.measure(() => s.up(undefined as never));
    assert.deepEqual(writes(u.t.statements), ["ALTER SECURITY INTEGRATION YAML_APP SET BLOCKED_ROLES_LIST = (SYSADMIN)"]);
  });

  step("refresh reads the truth into state", async () => {
    await fx.admin("ALTER NETWORK POLICY YAML_OFFICE SET COMMENT = 'edited by hand'");
    await s.refresh();
    const d = await s.exportDeployment();
    assert.equal(d.deployment.resources.find((r: any) => r.urn.endsWith("::office")).outputs.comment, "edited by hand");
    const u = await fx.measure(() => s.up(undefined as never));
    assert.deepEqual(writes(u.t.statements), ["ALTER NETWORK POLICY YAML_OFFICE SET COMMENT = 'callers allowed to use the YAML client'"]);
  });

  step("import: a hand-made integration; the YAML that import writes, added to the program, makes up a no-op", async () => {
    await fx.admin(
      "CREATE SECURITY INTEGRATION YAML_HAND TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' " +
        "OAUTH_REDIRECT_URI = 'https://hand.example.com/cb' OAUTH_ISSUE_REFRESH_TOKENS = FALSE COMMENT = 'by hand'",
    );
    const im = await s.stack.import({
      resources: [{ type: "snowflake-oauth:index:OAuthIntegration", name: "hand", id: "YAML_HAND" }],
      protect: false,
      generateCode: true,
    });
    const code = im.generatedCode;
    assert.match(code, /type: snowflake-oauth:(index:)?OAuthIntegration/, "the token (YAML writes the short form)");
    assert.match(code, /name: YAML_HAND/);
    assert.match(code, /oauthIssueRefreshTokens: false/);
    // The generated `resources:` block, appended to the program's own.
    const block = code.slice(code.indexOf("resources:") + "resources:".length).replace(/\n\s*options:\n\s*protect: false/, "");
    const file = path.join(dir, "Pulumi.yaml");
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, text.replace("\nresources:\n", `\nresources:${block.replace(/\n+$/, "")}\n`));
    const n = await fx.measure(() => s.up(undefined as never));
    assert.deepEqual(changes(n.r.summary), { same: 6 });
    assert.deepEqual(writes(n.t.statements), []);
  });

  step("destroy drops every object; nothing secret was ever stored in plaintext", async () => {
    await assertNoPlaintextSecrets(fx, s, []);
    const d = await fx.measure(() => s.destroy());
    assert.deepEqual(writes(d.t.statements).sort(), [
      "DROP INTEGRATION IF EXISTS YAML_APP",
      "DROP INTEGRATION IF EXISTS YAML_HAND",
      "DROP NETWORK POLICY IF EXISTS YAML_OFFICE",
    ]);
  });
});
