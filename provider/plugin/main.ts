/**
 * The package's `main`: the TypeScript SDK for programs, and the provider plugin when the engine starts the package
 * as one. PulumiPlugin.yaml (`runtime: nodejs`) makes this package directory a source-based plugin; the engine starts
 * it through the Node.js language host's RunPlugin, which runs `@pulumi/pulumi/cmd/run-plugin <package dir>
 * <engine address>`, and that `require`s the directory, i.e. this file (pulumi/pulumi
 * sdk/nodejs/cmd/pulumi-language-nodejs/main.go `RunPlugin`). Loaded any other way (a program's `import`), it only
 * re-exports the SDK and starts nothing.
 * @internal
 */
import * as path from "node:path";
export * from "../../sdk/index";

/** Started as a plugin: by run-plugin (which fakes argv to `[node, run-plugin, ...args]`), or as `node main.js <addr>`. */
function launchedAsPlugin(): boolean {
  const entry = require.main?.filename ?? "";
  return require.main === module || /[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]run-plugin[\\/]/.test(entry);
}

async function serve(args: string[]): Promise<void> {
  const { main } = require("@pulumi/pulumi/provider") as typeof import("@pulumi/pulumi/provider");
  const { patchProviderServer } = require("./server-patches") as typeof import("./server-patches");
  const { resourceProvider } = require("./adapter") as typeof import("./adapter");
  const { packageSchema } = require("./schema") as typeof import("./schema");
  const { attachEngine } = require("../connection/engine-log") as typeof import("../connection/engine-log");
  const version: string = require(path.join(__dirname, "..", "..", "..", "package.json")).version;
  patchProviderServer();
  attachEngine(args.find((a) => /^(127\.0\.0\.1|localhost):\d+$/.test(a)));
  const schema = JSON.stringify(packageSchema(version));
  await main({ version, getSchema: async () => schema, ...resourceProvider }, args);
}

if (launchedAsPlugin()) {
  process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION ??= "true";
  void serve(process.argv.slice(2));
}
