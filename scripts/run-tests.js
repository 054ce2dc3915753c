// Runs the compiled tests with Node's built-in runner. `npm test` builds and lints first.
// Usage: npm test [-- <substring of test file path> ...]
// Two phases: every test file but the fault matrices (key rotation, create/delete) runs two at a time; then the fault
// matrices, which kill and restart their own provider processes (by pid) around individual statements, run in a phase
// of their own, also two at a time: each matrix keeps about one core (measured: a matrix alone uses 94% of one core),
// and their assertions are about convergence, never about time.
process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = "true";
process.env.NO_PROXY = "127.0.0.1,localhost";
process.env.no_proxy = "127.0.0.1,localhost";
const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const filters = process.argv.slice(2);

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".test.js") ? [path.join(dir, e.name)] : []));
}
let files = walk(path.join(root, "dist", "test")).sort();
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error("run-tests: no test files matched");
  process.exit(1);
}
// The end-to-end tests drive the real Pulumi CLI; build it (cached) and put it on PATH.
const cli = spawnSync("bash", [path.join(root, "scripts", "build-pulumi-cli.sh")], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
});
if (cli.status !== 0) {
  console.error("run-tests: building the Pulumi CLI failed");
  process.exit(1);
}
const cliDir = cli.stdout.trim().split("\n").pop();
const env = { ...process.env, PULUMI_CLI_DIR: cliDir, PATH: `${path.join(cliDir, "bin")}:${process.env.PATH}` };

/** Runs one phase, echoing its output, and returns the pass/fail counts from the runner's summary. */
function phase(phaseFiles, concurrency) {
  return new Promise((resolve) => {
    if (phaseFiles.length === 0) return resolve({ pass: 0, fail: 0, status: 0 });
    const child = spawn(process.execPath, ["--test", "--test-reporter=spec", `--test-concurrency=${concurrency}`, ...phaseFiles], {
      env,
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let tail = "";
    child.stdout.on("data", (d) => {
      process.stdout.write(d);
      tail = (tail + d.toString()).slice(-4000);
    });
    child.on("close", (status) => {
      const num = (k) => Number((tail.match(new RegExp(`ℹ ${k} (\\d+)`)) ?? [])[1] ?? 0);
      resolve({ pass: num("pass"), fail: num("fail") + num("cancelled"), status: status ?? 1 });
    });
  });
}

(async () => {
  const serial = files.filter((f) => /fault-matrix/.test(f));
  const parallel = files.filter((f) => !serial.includes(f));
  const a = await phase(parallel, 2);
  const b = await phase(serial, 2);
  const failed = a.fail + b.fail;
  const ok = a.status === 0 && b.status === 0 && failed === 0;
  console.log(`\n${a.pass + b.pass} passed, ${failed} failed`);
  process.exit(ok ? 0 : 1);
})();
