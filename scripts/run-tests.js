// Runs the compiled tests with Node's built-in runner. `npm test` builds and lints first.
// Usage: npm test [-- <substring of test file path> ...]
process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = "true";
process.env.NO_PROXY = "127.0.0.1,localhost";
process.env.no_proxy = "127.0.0.1,localhost";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const filters = process.argv.slice(2);

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".test.js") ? [path.join(dir, e.name)] : []);
}
let files = walk(path.join(root, "dist", "test")).sort();
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error("run-tests: no test files matched");
  process.exit(1);
}
// The end-to-end tests drive the real Pulumi CLI; build it (cached) and put it on PATH.
const cli = spawnSync("bash", [path.join(root, "scripts", "build-pulumi-cli.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
if (cli.status !== 0) {
  console.error("run-tests: building the Pulumi CLI failed");
  process.exit(1);
}
const cliDir = cli.stdout.trim().split("\n").pop();
const env = { ...process.env, PULUMI_CLI_DIR: cliDir, PATH: `${path.join(cliDir, "bin")}:${process.env.PATH}` };
const r = spawnSync(process.execPath, ["--test", "--test-reporter=spec", "--test-concurrency=2", ...files], { stdio: "inherit", env, cwd: root });
process.exit(r.status === null ? 1 : r.status);
