// What `snowflake-oauth-plan-deletes` takes from the engine's preview output, besides what the end-to-end tests run
// (test/e2e/preview-plan.test.ts: an event log and `pulumi destroy --preview-only --json`; the plugin suites).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { deleteEntries, previewSteps } from "../../provider/resources/preview-deletes";
import { announcementOf } from "../../provider/resources/announce";
import { hooksFor } from "../../provider/resources/hooks";
import { OAUTH_INTEGRATION } from "../../model/index";

const dynamicIntegration = "pulumi-nodejs:dynamic/snowflake:OAuthIntegration";
const step = (op: string, type: string, outputs: Record<string, unknown>, id = "X", extra: object = {}) => ({
  op,
  urn: `urn:pulumi:s::p::${type}::r`,
  oldState: { type, id, outputs, ...extra },
});

test("only this package's object kinds, by either token; other providers' resources are left alone", () => {
  const doc = JSON.stringify({
    steps: [
      step("delete", dynamicIntegration, { storedName: "A" }),
      step("delete", "snowflake-oauth:index:NetworkPolicy", { storedName: "My Policy" }),
      step("delete", "snowflake:index/networkPolicy:NetworkPolicy", { name: "FOREIGN" }),
      step("delete", "snowflake-oauth:index:IntegrationGrant", { integrationName: "A" }),
      step("same", dynamicIntegration, { storedName: "B" }),
    ],
  });
  assert.deepEqual(
    deleteEntries(previewSteps(doc)).map((e) => e.statements),
    [["DROP INTEGRATION IF EXISTS A"], ['DROP NETWORK POLICY IF EXISTS "My Policy"']],
  );
});

test("the old half of a replacement is announced by the replacement itself when names are account-unique", () => {
  const doc = JSON.stringify({ steps: [step("delete-replaced", dynamicIntegration, { storedName: "A" })] });
  assert.deepEqual(deleteEntries(previewSteps(doc)), []);
});

test("a state without a stored name is named by its id; an event log is read line by line", () => {
  const ev = (op: string) =>
    JSON.stringify({
      resourcePreEvent: {
        metadata: { op, urn: "u", type: dynamicIntegration, old: { type: dynamicIntegration, id: "OLD_ID", outputs: {} } },
      },
    });
  const log = [JSON.stringify({ preludeEvent: { config: {} } }), ev("delete"), "", JSON.stringify({ summaryEvent: {} })].join("\n");
  assert.deepEqual(
    deleteEntries(previewSteps(log)).map((e) => [e.object, e.statements[0], e.deletes]),
    [["OLD_ID", "DROP INTEGRATION IF EXISTS OLD_ID", true]],
  );
});

test("input that is neither form is refused, saying what it expects", () => {
  assert.throws(() => previewSteps("Previewing update (dev)\n"), /neither `pulumi preview --json` output nor an engine event log/);
  assert.deepEqual(previewSteps("  \n"), []);
});

test("a retained resource is only forgotten; a secret stored name falls back to the id; no steps is no deletes", () => {
  const doc = JSON.stringify({
    steps: [
      step("delete", dynamicIntegration, { storedName: "KEPT" }, "KEPT", { retainOnDelete: true }),
      step("delete", dynamicIntegration, { storedName: "[secret]" }, "BY_ID"),
    ],
  });
  assert.deepEqual(
    deleteEntries(previewSteps(doc)).map((e) => e.statements),
    [["DROP INTEGRATION IF EXISTS BY_ID"]],
  );
  // `steps` is omitted from `pulumi preview --json` when there are none.
  assert.deepEqual(previewSteps(JSON.stringify({ config: {}, changeSummary: {}, duration: 1 })), []);
});

test("a replacement under a new name announces the CREATE and then the DROP of the old name (create before delete)", () => {
  const hooks = hooksFor(OAUTH_INTEGRATION, async () => undefined);
  const replace = (deleteBeforeReplace: boolean) =>
    announcementOf(hooks, "OLD", [{ op: "replace", props: ["name"], deleteBeforeReplace }], {}, {}, "CREATE SECURITY INTEGRATION NEW")
      .statements;
  assert.deepEqual(replace(false), ["CREATE SECURITY INTEGRATION NEW", "DROP INTEGRATION IF EXISTS OLD"]);
  assert.deepEqual(replace(true), ["DROP INTEGRATION IF EXISTS OLD", "CREATE SECURITY INTEGRATION NEW"]);
});
