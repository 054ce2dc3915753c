/**
 * A Pulumi YAML program (examples/yaml-custom-client) using the provider plugin, through the real CLI, the YAML
 * language host (pulumi-language-yaml v1.25.0 behind the language-host proxy, built by scripts/build-pulumi-cli.sh) and
 * the emulator. The walk is test/helpers/plugin-program.ts; `pulumi import` writes the YAML for the imported
 * integration, which is appended to the program's `resources:`.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { pluginProgramSuite } from "../helpers/plugin-program";

pluginProgramSuite({
  label: "YAML",
  example: "yaml-custom-client",
  host: "pulumi-language-yaml",
  prefix: "YAML",
  importGeneratesCode: true,
  declareImported(dir, code) {
    assert.ok(code);
    assert.match(code, /type: snowflake-oauth:(index:)?OAuthIntegration/, "the token (YAML writes the short form)");
    assert.match(code, /name: YAML_HAND/);
    assert.match(code, /oauthIssueRefreshTokens: false/);
    // The generated `resources:` block, appended to the program's own.
    const block = code.slice(code.indexOf("resources:") + "resources:".length).replace(/\n\s*options:\n\s*protect: false/, "");
    const file = path.join(dir, "Pulumi.yaml");
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, text.replace("\nresources:\n", `\nresources:${block.replace(/\n+$/, "")}\n`));
  },
});
