// The install story as a new user lives it: `npm pack` the package, install the tarball (with its peer dependencies)
// into a fresh program directory outside the repository, and run that program through the real CLI against the
// emulator: up, a no-op up, a preview with the shipped policy pack and its example config, destroy. Prints how long
// pack + install took (a number, not a check).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { withEmulator } from "../helpers/emulator";
import type { Emulator } from "../../emulator/index";
import { createLocalProgramStack, repoRoot } from "../helpers/pulumi";

const PROGRAM = `// A user's program: the package as installed from its tarball.
const { NetworkPolicy, OAuthIntegration } = require("pulumi-snowflake-oauth");
const corp = new NetworkPolicy("corp", { name: "pack_np", allowedIpList: ["10.0.0.0/8"] });
const app = new OAuthIntegration("app", {
  name: "pack_app",
  oauthClientType: "CONFIDENTIAL",
  oauthRedirectUri: "https://app.example.com/cb",
  oauthRefreshTokenValidity: 3600,
  networkPolicy: corp.name,
});
exports.clientId = app.clientId;
`;

const repoPackage = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
  version: string;
  devDependencies: Record<string, string>;
};

async function shown(emu: Emulator, sql: string): Promise<string[]> {
  const r = await emu.execAsAdmin(sql);
  const col = r.columns.findIndex((c) => c.name === "name");
  return r.rows.map((row) => String(row[col])).sort();
}

test("npm pack → install into a fresh program → up, no-op, policy pack preview, destroy", { timeout: 900_000 }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sf-oauth-pack-"));
  const env = { ...process.env, PATH: `${path.join(repoRoot, "node_modules", ".bin")}:${process.env.PATH ?? ""}` };
  try {
    const t0 = Date.now();
    // The tarball of what the test run built (pretest runs `npm run build`; `prepare` would build again).
    const out = execFileSync("npm", ["pack", "--ignore-scripts", "--pack-destination", tmp, "--json"], {
      cwd: repoRoot,
      env,
      encoding: "utf8",
    });
    const tarball = path.join(tmp, (JSON.parse(out) as { filename: string }[])[0].filename);
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    for (const f of [
      "dist/sdk/index.js",
      "dist/provider/index.js",
      "dist/policy/index.js",
      "dist/policy/PulumiPolicy.yaml",
      "policy/policy-config.example.json",
      "provider/keys/RUNBOOK.md",
      "emulator/FIDELITY.md",
    ])
      assert.ok(files.includes(f), `the package ships ${f}`);
    assert.ok(!files.some((f) => f.startsWith("dist/test/")), "no test code is shipped");

    const dir = path.join(tmp, "program");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: pack-smoke\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "pack-smoke", private: true, main: "index.js" }, null, 2));
    fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
    const peers = [
      `@pulumi/pulumi@${repoPackage.devDependencies["@pulumi/pulumi"]}`,
      `@pulumi/policy@${repoPackage.devDependencies["@pulumi/policy"]}`,
    ];
    execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", tarball, ...peers], {
      cwd: dir,
      env,
      stdio: "pipe",
    });
    console.log(`npm pack + install: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const installed = path.join(dir, "node_modules", "pulumi-snowflake-oauth");
    assert.ok(!fs.lstatSync(installed).isSymbolicLink(), "the package is installed from the tarball, not linked to the repository");
    assert.ok(
      !fs.existsSync(path.join(installed, "node_modules", "@pulumi", "pulumi")),
      "one copy of @pulumi/pulumi (a peer, not a nested dependency)",
    );
    const planDeletes = path.join(dir, "node_modules", ".bin", "snowflake-oauth-plan-deletes");
    assert.match(
      execFileSync(planDeletes, ["--help"], { encoding: "utf8" }),
      /^usage: pulumi preview --json \| snowflake-oauth-plan-deletes/,
      "the installed package's bin runs",
    );

    await withEmulator(async (emu) => {
      const s = await createLocalProgramStack({ name: "npm-pack", programDir: dir, target: { url: emu.url, account: emu.account } });
      try {
        const up = await s.up();
        assert.deepEqual(up.summary.resourceChanges, { create: 3 });
        assert.deepEqual(await shown(emu, "SHOW INTEGRATIONS"), ["PACK_APP"]);
        assert.deepEqual(await shown(emu, "SHOW NETWORK POLICIES"), ["PACK_NP"]);
        assert.deepEqual(Object.keys((await s.up()).summary.resourceChanges ?? {}), ["same"]);

        const pv = await s.stack.preview({
          color: "never",
          policyPacks: [path.join(installed, "dist", "policy")],
          policyPackConfigs: [path.join(installed, "policy", "policy-config.example.json")],
        });
        assert.match(pv.stdout, /snowflake-oauth@v?0\.1\.0/, "the shipped pack ran");
        assert.deepEqual(Object.keys(pv.changeSummary), ["same"]);

        await s.destroy();
        assert.deepEqual(await shown(emu, "SHOW INTEGRATIONS"), []);
        assert.deepEqual(await shown(emu, "SHOW NETWORK POLICIES"), []);
      } finally {
        await s.dispose();
      }
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
