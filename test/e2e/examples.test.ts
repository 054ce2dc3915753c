// Every program in examples/ as a user runs it: a program directory with its own Pulumi.yaml, executed by the
// real CLI through the Node.js language host (ts-node type-checks it), against the emulator. Each one is
// brought up, must show no changes on a second up (no ALTER reaches Snowflake), survives a refresh, and is
// destroyed with nothing left behind; the exported state holds the resources under their type tokens.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { withEmulator } from "../emulator/helpers";
import { createLocalProgramStack, repoRoot } from "../helpers/pulumi";

const examples: { dir: string; setup?: string[]; objects: RegExp }[] = [
  { dir: "custom-client", objects: /^(OAUTH_KP_INT|CORP_NETWORK)$/ },
  { dir: "partner-app", objects: /^(TABLEAU_SERVER|TABLEAU_EGRESS)$/ },
  { dir: "external-oauth-okta", objects: /^OKTA_OAUTH$/ },
  {
    dir: "key-rotation",
    setup: ["CREATE USER SVC_LOADER TYPE = SERVICE"],
    objects: /^(ROTATION_DEMO_APP|ROTATION_DEMO_POLICY)$/,
  },
];

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
        assert.ok((first.summary.resourceChanges?.create ?? 0) >= 2, "resources were created");
        const integrations = await emu.execAsAdmin("SHOW INTEGRATIONS");
        const policies = await emu.execAsAdmin("SHOW NETWORK POLICIES");
        const names = [...integrations.rows, ...policies.rows].map((r) => String(r[integrations.columns.findIndex((c) => c.name === "name")] ?? r[1]));
        assert.ok(names.some((n) => ex.objects.test(n)), `Snowflake holds the example's objects (saw ${names.join(", ")})`);

        const state = await s.exportDeployment();
        const types = new Set((state.deployment.resources as { type: string }[]).map((r) => r.type));
        assert.ok([...types].some((t) => t.startsWith("pulumi-nodejs:dynamic/snowflake:")), `state holds the example's resources (${[...types].join(", ")})`);

        const mark = emu.log.entries().length;
        const again = await s.up();
        assert.deepEqual(Object.keys(again.summary.resourceChanges ?? {}), ["same"], "second up changes nothing");
        const writes = emu.log.entries().slice(mark).filter((e) => e.kind === "statement" && /^(CREATE|ALTER|DROP)\b/i.test(e.text));
        assert.deepEqual(writes.map((e) => e.text), [], "no-op up sends no DDL");

        await s.refresh();
        const afterRefresh = await s.preview();
        assert.deepEqual(Object.keys(afterRefresh.changeSummary).filter((k) => k !== "same"), [], "refresh leaves nothing to change");

        await s.destroy();
        const left = (await emu.execAsAdmin("SHOW INTEGRATIONS")).rows.length;
        assert.equal(left, 0, "destroy dropped every integration");
      } finally {
        await s.dispose();
      }
    });
  });
}
