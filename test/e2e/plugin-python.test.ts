/**
 * A Python program (examples/python-custom-client) using the provider plugin, through the real CLI, the Python
 * language host (pulumi-language-python from sdk/v3 v3.68.0 behind the language-host proxy, built by
 * scripts/build-pulumi-cli.sh), PyPI's pulumi==3.259.0 in the program's own virtualenv, and the emulator.
 * `pulumi package add` generates the Python SDK (pulumi-sdkgen: pkg/v3 codegen/python at v3.259.0), adds
 * ./sdks/snowflake-oauth to requirements.txt and pip-installs it into ./venv. The walk is
 * test/helpers/plugin-program.ts. The v3.68.0 host has no GenerateProgram, so `pulumi import` writes no Python: the
 * imported integration is declared in __main__.py by hand, with the properties it was created with.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { pluginProgramSuite } from "../helpers/plugin-program";

pluginProgramSuite({
  label: "Python",
  example: "python-custom-client",
  host: "pulumi-language-python",
  prefix: "PY",
  importGeneratesCode: false,
  afterPackageAdd(dir, output) {
    assert.match(output, /import pulumi_snowflake_oauth as snowflake_oauth/);
    const reqs = fs.readFileSync(path.join(dir, "requirements.txt"), "utf8").split("\n");
    assert.deepEqual(reqs.filter(Boolean), ["pulumi==3.259.0", "./sdks/snowflake-oauth"]);
    assert.ok(fs.existsSync(path.join(dir, "venv", "bin", "python")), "requirements installed into ./venv");
  },
  declareImported(dir) {
    fs.appendFileSync(
      path.join(dir, "__main__.py"),
      [
        "",
        "hand = snowflake_oauth.OAuthIntegration(",
        '    "hand",',
        '    name="PY_HAND",',
        '    oauth_client_type="PUBLIC",',
        '    oauth_redirect_uri="https://hand.example.com/cb",',
        "    oauth_issue_refresh_tokens=False,",
        '    comment="by hand",',
        ")",
        "",
      ].join("\n"),
    );
  },
});
