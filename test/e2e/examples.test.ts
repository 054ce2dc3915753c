// Every TypeScript program in examples/ (the YAML and Python ones run in plugin-yaml/plugin-python.test.ts) as a user runs it: a program directory with its own Pulumi.yaml, executed by the
// real CLI through the Node.js language host (ts-node type-checks it), against the emulator. Each one is
// brought up, must show no changes on a second up (no ALTER reaches Snowflake), survives a refresh, and is
// destroyed with nothing left behind (no integration, no network policy, no resource in state); the exported state holds the resources under their type tokens.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { withEmulator } from "../helpers/emulator";
import type { Emulator } from "../../emulator/index";
import { createLocalProgramStack, repoRoot } from "../helpers/pulumi";

/** The Snowflake objects each example creates, by kind: after `up` exactly these exist, after `destroy` none. */
const examples: { dir: string; setup?: string[]; integrations: string[]; policies: string[] }[] = [
  { dir: "custom-client", integrations: ["OAUTH_KP_INT"], policies: ["CORP_NETWORK"] },
  { dir: "partner-app", integrations: ["TABLEAU_SERVER"], policies: ["TABLEAU_EGRESS"] },
  { dir: "external-oauth-okta", integrations: ["OKTA_OAUTH"], policies: [] },
  {
    dir: "key-rotation",
    setup: ["CREATE USER SVC_LOADER TYPE = SERVICE"],
    integrations: ["ROTATION_DEMO_APP"],
    policies: ["ROTATION_DEMO_POLICY"],
  },
];

/** The names a SHOW command lists, sorted. */
async function shown(emu: Emulator, sql: string): Promise<string[]> {
  const r = await emu.execAsAdmin(sql);
  const col = r.columns.findIndex((c) => c.name === "name");
  assert.ok(col >= 0, `${sql} has a name column`);
  return r.rows.map((row) => String(row[col])).sort();
}

for (const ex of examples) {
  test(`examples/${ex.dir}: up, no-op up, refresh, destroy through the language host`, async () => {
    await withEmulator(async (emu) => {
      for (const sql of ex.setup ?? []) await emu.execAsAdmin(sql);
      const s = await createLocalProgramStack({
        name: `example-${ex.dir}`,
        programDir: path.join(repoRoot, "examples", ex.dir),
        target: { url: emu.url, account: emu.account },
      });
      try {
        const first = await s.up();
        assert.deepEqual(
          await shown(emu, "SHOW INTEGRATIONS"),
          [...ex.integrations].sort(),
          "up created each of the example's integrations, and only those",
        );
        assert.deepEqual(
          await shown(emu, "SHOW NETWORK POLICIES"),
          [...ex.policies].sort(),
          "up created each of the example's network policies, and only those",
        );

        const state = await s.exportDeployment();
        const resources = (state.deployment.resources as { type: string }[]).filter((r) => !r.type.startsWith("pulumi:providers:"));
        const dynamic = resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/snowflake:"));
        assert.ok(
          dynamic.length >= ex.integrations.length + ex.policies.length,
          `state holds the example's resources (${resources.map((r) => r.type).join(", ")})`,
        );
        assert.deepEqual(first.summary.resourceChanges, { create: resources.length }, "the first up created every resource in state");

        const mark = emu.log.entries().length;
        const again = await s.up();
        assert.deepEqual(Object.keys(again.summary.resourceChanges ?? {}), ["same"], "second up changes nothing");
        const writes = emu.log
          .entries()
          .slice(mark)
          .filter((e) => e.kind === "statement" && /^(CREATE|ALTER|DROP)\b/i.test(e.text));
        assert.deepEqual(
          writes.map((e) => e.text),
          [],
          "no-op up sends no DDL",
        );

        await s.refresh();
        const afterRefresh = await s.preview();
        assert.deepEqual(
          Object.keys(afterRefresh.changeSummary).filter((k) => k !== "same"),
          [],
          "refresh leaves nothing to change",
        );

        await s.destroy();
        assert.deepEqual(await shown(emu, "SHOW INTEGRATIONS"), [], "destroy dropped every integration");
        assert.deepEqual(await shown(emu, "SHOW NETWORK POLICIES"), [], "destroy dropped every network policy");
        const afterDestroy = await s.exportDeployment();
        assert.deepEqual(
          (afterDestroy.deployment.resources ?? []).map((r: { urn: string }) => r.urn),
          [],
          "destroy left nothing in state",
        );
      } finally {
        await s.dispose();
      }
    });
  });
}
