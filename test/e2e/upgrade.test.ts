/**
 * Upgrade from v0.1.0: a stack deployed by the code at commit 4db401b (test/fixtures/upgrade-v0.1.0, made by its
 * generate.ts; see its README.md) is imported into a fresh stack and run with the current code. The old state's
 * serialized providers (`__provider`) `require("pulumi-snowflake-oauth/dist/provider/index.js")` and name a provider
 * kind; here that path resolves to this checkout, so the old closures load the current provider. Preview, a refresh
 * preview (which calls `read` through the OLD closures) and `up` must each see every resource unchanged: no create,
 * update, replace or delete, and no CREATE/ALTER/DROP reaching the emulator.
 */
import "../helpers/emulator"; // sets SNOWFLAKE_DISABLE_PLATFORM_DETECTION before the driver loads
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as automation from "@pulumi/pulumi/automation";
import * as fs from "node:fs";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import { startEmulator } from "../../emulator/index";
import { offlineEnv, pulumiCliRoot, repoRoot } from "../helpers/pulumi";
import { whereIs } from "../helpers/state-scan";
import {
  FIXTURE_ADMIN_PASSWORD,
  FIXTURE_STACK,
  PROGRAM_FILES,
  SCRUBBED_CLIENT_SECRET,
  plainValue,
} from "../fixtures/upgrade-v0.1.0/generate";

const fixtureDir = path.join(repoRoot, "test", "fixtures", "upgrade-v0.1.0");
const SHIM_PATH = "pulumi-snowflake-oauth/dist/provider/index.js";

/** Type token suffix → provider kind the serialized shim names (sdk/internal/shim.ts); every class is in the fixture. */
const KINDS: Record<string, string> = {
  OAuthIntegration: "oauthIntegration",
  PartnerOAuthIntegration: "partnerOAuthIntegration",
  ExternalOAuthIntegration: "externalOAuthIntegration",
  NetworkPolicy: "networkPolicy",
  RsaKeyPair: "keyPair", // the KeyPair class registers as snowflake:RsaKeyPair
  UserRsaKeys: "userRsaKeys",
};
/** The Snowflake objects of the fixture (integrations, the policy, the out-of-band user). */
const OBJECTS = ["UPGRADE_CUSTOM_APP", "UPGRADE_TABLEAU", "UPGRADE_OKTA", "UPGRADE_NP", "SVC_UPGRADE"];

interface StateResource {
  urn: string;
  type: string;
  id?: string;
  custom?: boolean;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** JSON paths of every string containing `needle`. */
function pathsOf(v: unknown, needle: string, p = "$"): string[] {
  if (typeof v === "string") return v.includes(needle) ? [p] : [];
  if (v && typeof v === "object") return Object.entries(v).flatMap(([k, x]) => pathsOf(x, needle, `${p}.${k}`));
  return [];
}

function copyDir(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    if (e.isFile()) fs.copyFileSync(path.join(from, e.name), path.join(to, e.name));
  }
}

const nonZero = (m: Record<string, number> | undefined) => Object.fromEntries(Object.entries(m ?? {}).filter(([, n]) => n > 0));

test(
  "upgrade from v0.1.0: the old state (its serialized providers) previews, refreshes and updates with no change",
  { timeout: 600_000 },
  async () => {
    const deploymentText = fs.readFileSync(path.join(fixtureDir, "deployment.json"), "utf8");
    const fixture = JSON.parse(deploymentText) as automation.Deployment;
    const resources = fixture.deployment.resources as StateResource[];

    // The fixture holds every resource class, each with the old shim: the package path and its kind's name.
    const dynamic = resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
    const classes = new Set(dynamic.map((r) => r.type.split(":").pop()!));
    assert.deepEqual([...classes].sort(), Object.keys(KINDS).sort(), "every resource class is in the fixture");
    for (const r of dynamic) {
      const shim = String(r.inputs?.__provider ?? "");
      const kind = KINDS[r.type.split(":").pop()!];
      assert.ok(shim.includes(SHIM_PATH), `${r.urn}: the serialized provider requires ${SHIM_PATH}`);
      assert.ok(shim.includes(`"${kind}"`) || shim.includes(`'${kind}'`), `${r.urn}: the serialized provider names the kind ${kind}`);
    }

    // Secrets are ciphertext in the fixture: the private keys and the client secret are secret objects, no PEM anywhere.
    const catalogText = fs.readFileSync(path.join(fixtureDir, "emulator-data", "catalog.json"), "utf8");
    for (const [name, text] of [
      ["deployment.json", deploymentText],
      ["catalog.json", catalogText],
    ]) {
      assert.ok(!/PRIVATE KEY/.test(text), `${name}: no private key PEM`);
      assert.ok(!text.includes(FIXTURE_ADMIN_PASSWORD), `${name}: no admin password`);
    }
    const custom = resources.find((r) => r.type.endsWith(":OAuthIntegration"))!;
    const keyPairs = resources.filter((r) => r.type.endsWith(":RsaKeyPair"));
    for (const v of [custom.outputs?.clientSecret, ...keyPairs.map((k) => k.outputs?.privateKeyPem)]) {
      assert.ok(v && typeof v === "object" && "ciphertext" in v, "a secret output is stored as ciphertext");
    }
    assert.equal(
      fixture.deployment.secrets_providers?.type,
      "passphrase",
      "passphrase secrets provider (PULUMI_CONFIG_PASSPHRASE=test-passphrase)",
    );

    // The connection URL is stack config, not a resource input: the state holds it in the default provider's config
    // (what the engine hands the dynamic provider) and, as the account reported them, in the integrations' endpoint
    // outputs (DESCRIBE's OAUTH_*_ENDPOINT*). Never in a resource's inputs or a serialized provider. A user's account URL
    // does not change across an upgrade; this run's emulator has another port, so every occurrence is re-pointed.
    const urls = new Set(deploymentText.match(/http:\/\/127\.0\.0\.1:\d+/g) ?? []);
    assert.equal(urls.size, 1, "one emulator URL in the fixture");
    const oldUrl = [...urls][0];
    const urlPaths = resources.flatMap((r) => pathsOf(r, oldUrl, r.type));
    assert.ok(urlPaths.includes("pulumi:providers:pulumi-nodejs.inputs.snowflake:url"), "the URL is the provider's snowflake:url config");
    for (const p of urlPaths) {
      assert.match(
        p,
        /^(pulumi:providers:pulumi-nodejs\.(inputs|outputs)\.snowflake:url|pulumi-nodejs:dynamic\/snowflake:\w+\.outputs\.(authorizationEndpoint|tokenEndpoint|described\.OAUTH_\w*ENDPOINTS?))$/,
        `the URL is only provider config or a reported endpoint (${p})`,
      );
    }

    const id = `upgrade-${randomBytes(3).toString("hex")}`;
    const base = path.join(repoRoot, ".work", "upgrade", id);
    const dataDir = path.join(base, "emulator-data");
    const workDir = path.join(repoRoot, ".work", "stacks", id); // inside the repo: the program resolves this checkout's package
    const stateDir = path.join(repoRoot, ".work", "state", id);
    copyDir(path.join(fixtureDir, "emulator-data"), dataDir);
    fs.mkdirSync(workDir, { recursive: true });
    fs.mkdirSync(stateDir, { recursive: true });
    for (const f of PROGRAM_FILES) fs.copyFileSync(path.join(fixtureDir, "program", f), path.join(workDir, f));

    const emu = await startEmulator({ port: 0, dataDir });
    let stack: automation.Stack | undefined;
    try {
      // The emulator came back with the fixture's objects (and the fixture's admin, whose password we log in with).
      const shown = await emu.execAsAdmin("SHOW INTEGRATIONS");
      const nameCol = shown.columns.findIndex((c) => c.name === "name");
      const integrations = shown.rows.map((r) => String(r[nameCol]));
      assert.deepEqual(integrations.sort(), ["UPGRADE_CUSTOM_APP", "UPGRADE_OKTA", "UPGRADE_TABLEAU"]);

      const env = offlineEnv(stateDir);
      const pulumiCommand = await automation.PulumiCommand.get({ root: pulumiCliRoot(), skipVersionCheck: true });
      stack = await automation.LocalWorkspace.createOrSelectStack(
        { stackName: FIXTURE_STACK, workDir },
        { envVars: env, pulumiCommand, secretsProvider: "passphrase" },
      );
      await stack.setAllConfig({
        "snowflake:url": { value: emu.url },
        "snowflake:account": { value: emu.account },
        "snowflake:user": { value: "ADMIN" },
        "snowflake:password": { value: FIXTURE_ADMIN_PASSWORD, secret: true },
      });
      await stack.importStack(JSON.parse(deploymentText.split(oldUrl).join(emu.url)) as automation.Deployment);

      // After import, the decrypted view: the plaintext secrets are nowhere in the committed files.
      const imported = (await stack.exportStack()).deployment.resources as StateResource[];
      assert.equal(imported.length, resources.length, "every resource imported");
      const plainSecrets = [
        String(plainValue(imported.find((r) => r.type.endsWith(":OAuthIntegration"))!.outputs?.clientSecret)),
        ...imported.filter((r) => r.type.endsWith(":RsaKeyPair")).map((k) => String(plainValue(k.outputs?.privateKeyPem))),
      ];
      for (const s of plainSecrets) {
        assert.ok(s.length >= 40 && s !== SCRUBBED_CLIENT_SECRET, "a real secret to scan for");
        const body = s.includes("\n") ? s.split("\n")[1] : s;
        assert.equal(whereIs(fixture, body), undefined, "no plaintext secret in deployment.json");
        assert.ok(!catalogText.includes(body), "no plaintext secret in catalog.json");
      }

      // One `same` per resource in state but the default provider (the engine does not count providers): the stack and
      // the seven dynamic resources. Nothing else.
      const expected = { same: resources.filter((r) => !r.type.startsWith("pulumi:providers:")).length };
      assert.equal(expected.same, 1 + dynamic.length);
      const mark = emu.log.mark();
      const preview = await stack.preview({ color: "never", diff: true });
      assert.deepEqual(
        nonZero(preview.changeSummary),
        expected,
        `preview of the old state with the current code changes nothing:\n${preview.stdout}`,
      );

      // `refresh --preview-only` refuses the harness's PULUMI_SKIP_CONFIRMATIONS (it implies --yes): drop it for this run.
      const ws = stack.workspace as automation.LocalWorkspace;
      delete ws.envVars.PULUMI_SKIP_CONFIRMATIONS;
      const refresh = await stack.previewRefresh({ color: "never" });
      ws.envVars.PULUMI_SKIP_CONFIRMATIONS = "true";
      assert.deepEqual(
        nonZero(refresh.changeSummary),
        expected,
        `refresh preview (read through the old serialized providers) finds no drift:\n${refresh.stdout}`,
      );

      const up = await stack.up({ color: "never" });
      assert.deepEqual(
        nonZero(up.summary.resourceChanges),
        expected,
        `up of the old state with the current code changes nothing:\n${up.stdout}`,
      );

      const statements = emu.log.entries().filter((e) => e.seq > mark && e.kind === "statement");
      const writes = statements.filter((e) => /^\s*(CREATE|ALTER|DROP)\b/i.test(e.text)).map((e) => e.text);
      assert.deepEqual(writes, [], "no CREATE/ALTER/DROP reached Snowflake");
      const failed = statements.filter((e) => e.outcome === "error").map((e) => `${e.code} ${e.text}`);
      assert.deepEqual(failed, [], "no statement failed");
      // The current provider did look: every Snowflake object was described (so "no changes" was an observation).
      for (const o of OBJECTS)
        assert.ok(
          statements.some((e) => new RegExp(`\\b${o}\\b`).test(e.text)),
          `the provider read ${o}`,
        );

      // Same physical resources afterwards: every resource keeps its URN and id (a replacement would change the id of
      // a key pair or re-create an integration).
      const after = (await stack.exportStack()).deployment.resources as StateResource[];
      const ids = (rs: StateResource[]) =>
        rs
          .filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"))
          .map((r) => `${r.urn} ${r.id}`)
          .sort();
      assert.deepEqual(ids(after), ids(resources), "no resource was replaced");
      const outs = await stack.outputs();
      assert.equal(outs.clientId.value, custom.outputs?.clientId, "the client id is unchanged");
    } finally {
      if (stack) await stack.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
      await emu.stop();
      for (const d of [base, workDir, stateDir]) fs.rmSync(d, { recursive: true, force: true });
    }
  },
);
