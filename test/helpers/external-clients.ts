/**
 * Where the official clients that scripts/bootstrap.sh installs outside the repository live, and why one is missing.
 * The cache paths are computed exactly as scripts/install-snowcli.sh and scripts/build-gosnowflake.sh compute them.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const repoRoot = path.resolve(__dirname, "..", "..", "..");

/** $PULUMI_CLI_CACHE, else $XDG_CACHE_HOME/pulumi-snowflake-oauth, else ~/.cache/pulumi-snowflake-oauth. */
export function cacheRoot(): string {
  if (process.env.PULUMI_CLI_CACHE) return process.env.PULUMI_CLI_CACHE;
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pulumi-snowflake-oauth");
}

/** First 16 hex digits of the sha256 of the files' bytes, concatenated in order. */
export function shortSha(files: string[]): string {
  const h = createHash("sha256");
  for (const f of files) h.update(fs.readFileSync(f));
  return h.digest("hex").slice(0, 16);
}

/** The reason bootstrap left in .work/<name>.unavailable, or a hint to run it. */
export function unavailableReason(name: string, expected: string): string {
  const why = path.join(repoRoot, ".work", `${name}.unavailable`);
  if (fs.existsSync(why)) return fs.readFileSync(why, "utf8").trim();
  return `${expected} is missing (run scripts/bootstrap.sh)`;
}

export interface Client {
  /** The executable, or undefined with `why`. */
  bin?: string;
  why?: string;
}

/** The Snowflake CLI venv of test/snowcli/requirements.txt (scripts/install-snowcli.sh). */
export function snowCli(): Client & { pinned: string } {
  const req = path.join(repoRoot, "test", "snowcli", "requirements.txt");
  const pinned = /^snowflake-cli==(\S+)/m.exec(fs.readFileSync(req, "utf8"))?.[1] ?? "";
  const sum = shortSha([req]);
  const env = path.join(cacheRoot(), `snowcli-${sum}`);
  const bin = path.join(env, "bin", "snow");
  const stamp = path.join(env, ".install-stamp");
  if (fs.existsSync(bin) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === sum) return { bin, pinned };
  return { why: unavailableReason("snowcli", env), pinned };
}

/** The gosnowflake conformance program built from test/go/conformance (scripts/build-gosnowflake.sh). */
export function goConformance(): Client {
  const src = path.join(repoRoot, "test", "go", "conformance");
  // C-locale order of the *.go names, as `LC_ALL=C ls *.go` gives.
  const goFiles = fs
    .readdirSync(src)
    .filter((f) => f.endsWith(".go"))
    .sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1));
  const sum = shortSha(["go.mod", "go.sum", ...goFiles].map((f) => path.join(src, f)));
  const bin = path.join(cacheRoot(), `gosnowflake-${sum}`, "conformance");
  if (fs.existsSync(bin)) return { bin };
  return { why: unavailableReason("gosnowflake", bin) };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a client to completion (never rejects: a failure is in `code`). */
export function run(bin: string, args: string[], env: NodeJS.ProcessEnv, timeout = 120_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(bin, args, { env, timeout, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** The last stdout line parsed as JSON, or a failure that shows the whole run. */
export function lastJsonLine(r: Run, what: string): any {
  const last = r.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`${what} printed no JSON (exit ${r.code}).\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
  }
}
