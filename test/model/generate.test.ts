// The SDK classes and provider/DOCS.md follow the model: a property added to one model file appears, with its text,
// range and default, in the generated Args interface and in the reference table; and the committed files are exactly
// what the generator writes from today's model.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { OAUTH_INTEGRATION } from "../../model/oauthCustom";
import { RESOURCES } from "../../model/index";
import type { ResourceModel } from "../../model/resource";
import type { PropSpec } from "../../model/types";
import { generatedFiles, renderedFiles } from "../../scripts/generate/index";
import { resourceSection } from "../../scripts/generate/docs";
import { renderSdkClass } from "../../scripts/generate/sdk-class";

const root = path.resolve(__dirname, "..", "..", "..");

test("committed generated files equal the generator's output from the model", async () => {
  const files = await generatedFiles();
  assert.equal(files.size, RESOURCES.length + 1);
  for (const [rel, text] of files) {
    assert.equal(fs.readFileSync(path.join(root, rel), "utf8"), text, `${rel} is stale: run npm run generate`);
    assert.match(text, /Generated from model\/.+ by scripts\/generate/, `${rel} carries the generated-file header`);
  }
});

test("a property added to one model file reaches the SDK Args (TSDoc with range and default) and DOCS.md", () => {
  const extra: PropSpec = {
    doc: "How long a widget lives, in seconds.",
    sql: "OAUTH_WIDGET_LIFETIME",
    kind: "int",
    range: { min: 5, max: 50, source: "test" },
    default: { value: 10, source: "test default" },
    set: true,
    reset: "setDefault",
    describe: { row: "OAUTH_WIDGET_LIFETIME", parse: "int" },
    docs: "https://example.invalid/docs",
  };
  const model: ResourceModel = {
    ...OAUTH_INTEGRATION,
    object: { ...OAUTH_INTEGRATION.object!, table: { ...OAUTH_INTEGRATION.object!.table, oauthWidgetLifetime: extra } },
  };
  const sdk = renderSdkClass(model, { file: "model/oauthCustom.ts", exportName: "OAUTH_INTEGRATION" });
  assert.match(
    sdk,
    /\/\*\* How long a widget lives, in seconds\. Range: 5–50\. Default value is `10`\. \*\/\n {2}oauthWidgetLifetime\?: pulumi\.Input<number>;/,
  );
  const docs = resourceSection(model);
  assert.match(
    docs,
    /\| `oauthWidgetLifetime` \| `OAUTH_WIDGET_LIFETIME` \| integer \| 5–50 \(test\) \| `10` \(test default\) \| ALTER SET \| `SET OAUTH_WIDGET_LIFETIME = <default>` \| yes \|/,
  );
  assert.doesNotMatch(
    renderSdkClass(OAUTH_INTEGRATION, { file: "model/oauthCustom.ts", exportName: "OAUTH_INTEGRATION" }),
    /oauthWidgetLifetime/,
  );
});

test("per-partner ranges reach the SDK TSDoc and DOCS.md from the same model entry check() enforces", () => {
  const files = renderedFiles();
  const sdk = files.get("sdk/partnerOAuthIntegration.ts")!;
  const docs = files.get("provider/DOCS.md")!;
  const { OAUTH_PARTNER_TABLE } = require("../../model/oauthPartner") as typeof import("../../model/oauthPartner");
  const byKind = OAUTH_PARTNER_TABLE.oauthRefreshTokenValidity.rangeByKind;
  for (const [kind, r] of Object.entries(byKind)) {
    const text = `${kind} ${r.min}–${r.max}`;
    assert.ok(sdk.replace(/\n\s*\* /g, " ").includes(text), `SDK TSDoc names ${text}`);
    assert.ok(docs.includes(text), `DOCS.md names ${text}`);
  }
});

test("every resource's secret outputs and type token are in the generated class", async () => {
  const files = await generatedFiles();
  for (const m of RESOURCES) {
    const sdk = files.get(`sdk/${m.providerKind}.ts`)!;
    assert.ok(sdk.includes(`static readonly __pulumiType = "pulumi-nodejs:dynamic/snowflake:${m.typeName}"`), m.className);
    assert.ok(sdk.includes(`declare readonly kind: pulumi.Output<"${m.kind}">`), m.className);
    for (const k of Object.keys(m.outputs)) assert.ok(sdk.includes(`declare readonly ${k}:`), `${m.className}.${k}`);
  }
});
