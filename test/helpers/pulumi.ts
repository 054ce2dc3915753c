/**
 * End-to-end harness: runs Pulumi programs through the real Pulumi CLI (built from the Go module
 * proxy by scripts/build-pulumi-cli.sh) with the Automation API, fully offline: file backend in a
 * per-stack directory, passphrase secrets, isolated PULUMI_HOME, no update checks, no plugin downloads.
 *
 * Inline programs run inside the test process (the Automation API hosts the language runtime);
 * `createLocalProgramStack` runs a program directory (e.g. examples/*) through the Node.js language host.
 */
process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION ??= "true";
import * as automation from "@pulumi/pulumi/automation";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import * as lateRejections from "./late-rejections";

export const repoRoot = path.resolve(__dirname, "..", "..", "..");
export const workRoot = path.join(repoRoot, ".work");

/** Where the emulator (or a real account) is reached; the stack config the provider reads. */
export interface SnowflakeTarget {
  url: string;
  account: string;
  user?: string;
  password?: string;
  role?: string;
}

export interface TestStackOptions {
  /** Short name; a random suffix keeps parallel tests apart. */
  name: string;
  /** Omitted for programs that do not talk to Snowflake. */
  target?: SnowflakeTarget;
  /** Extra stack config (`key` may be namespaced, e.g. `snowflake:role`); values ending up secret go in secretConfig. */
  config?: Record<string, string>;
  secretConfig?: Record<string, string>;
  /** Extra environment for the CLI and its children (the dynamic provider process inherits it). */
  env?: Record<string, string>;
  /** Provider plugins by local path (Pulumi.yaml `plugins.providers`), e.g. this package's own directory. */
  providerPlugins?: { name: string; path: string }[];
}

export type UpResult = automation.UpResult;
export type PreviewResult = automation.PreviewResult;
export type RefreshResult = automation.RefreshResult;
export type DestroyResult = automation.DestroyResult;

export interface OpResult {
  summary: automation.UpdateSummary;
  stdout: string;
  stderr: string;
}

export interface TestStack {
  /** The file backend's directory. */
  readonly stateDir: string;
  readonly stack: automation.Stack;
  readonly workDir: string;
  up(program?: automation.PulumiFn): Promise<automation.UpResult>;
  preview(program?: automation.PulumiFn): Promise<automation.PreviewResult>;
  refresh(): Promise<automation.RefreshResult>;
  destroy(): Promise<automation.DestroyResult>;
  /**
   * The stack's state through the Automation API's export, which passes `--show-secrets`: secrets appear in
   * plaintext here. To prove a secret is not stored in plaintext, read the state file under the stack's
   * state directory instead (see test/helpers/state-scan.ts).
   */
  exportDeployment(): Promise<automation.Deployment>;
  outputs(): Promise<automation.OutputMap>;
  /** Removes the stack and its directories. */
  dispose(): Promise<void>;
}

let cliRoot: string | undefined;
/** Directory holding bin/pulumi; builds the CLI on first use (cached outside the repo). */
export function pulumiCliRoot(): string {
  if (cliRoot) return cliRoot;
  if (process.env.PULUMI_CLI_DIR && fs.existsSync(path.join(process.env.PULUMI_CLI_DIR, "bin", "pulumi"))) {
    cliRoot = process.env.PULUMI_CLI_DIR;
  } else {
    const out = execFileSync("bash", [path.join(repoRoot, "scripts", "build-pulumi-cli.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    cliRoot = out.trim().split("\n").pop()!;
  }
  return cliRoot;
}

/** The environment every Pulumi CLI run gets: offline, isolated, deterministic. */
export function offlineEnv(stateDir: string, extra: Record<string, string> = {}): Record<string, string> {
  const bin = path.join(pulumiCliRoot(), "bin");
  return {
    PATH: [path.join(repoRoot, "node_modules", ".bin"), bin, process.env.PATH ?? ""].join(":"),
    PULUMI_HOME: path.join(workRoot, "pulumi-home"),
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: "test-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DISABLE_REGISTRY_RESOLVE: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    SNOWFLAKE_DISABLE_PLATFORM_DETECTION: "true",
    NO_PROXY: "127.0.0.1,localhost",
    no_proxy: "127.0.0.1,localhost",
    ...extra,
  };
}

function targetConfig(t: SnowflakeTarget | undefined, o: TestStackOptions): automation.ConfigMap {
  const cfg: automation.ConfigMap = {};
  if (t) {
    cfg["snowflake:url"] = { value: t.url };
    cfg["snowflake:account"] = { value: t.account };
    cfg["snowflake:user"] = { value: t.user ?? "ADMIN" };
    cfg["snowflake:password"] = { value: t.password ?? "admin", secret: true };
    if (t.role) cfg["snowflake:role"] = { value: t.role };
  }
  for (const [k, v] of Object.entries(o.config ?? {})) cfg[k] = { value: v };
  for (const [k, v] of Object.entries(o.secretConfig ?? {})) cfg[k] = { value: v, secret: true };
  return cfg;
}

async function wrap(
  stack: automation.Stack,
  workDir: string,
  stateDir: string,
  pulumiCommand: automation.PulumiCommand,
): Promise<TestStack> {
  return {
    stack,
    workDir,
    stateDir,
    up: (program) => stack.up({ program, color: "never" }),
    preview: (program) => stack.preview({ program, color: "never", diff: true }),
    refresh: () => stack.refresh({ color: "never" }),
    destroy: () => stack.destroy({ color: "never" }),
    exportDeployment: () => stack.exportStack(),
    outputs: () => stack.outputs(),
    dispose: async () => {
      try {
        await stack.workspace.removeStack(stack.name, { force: true });
      } catch {
        /* already gone */
      }
      void pulumiCommand;
      fs.rmSync(workDir, { recursive: true, force: true });
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

function dirsFor(name: string): { workDir: string; stateDir: string; stackName: string } {
  const id = `${name.replace(/[^a-zA-Z0-9-]/g, "-").toLowerCase()}-${randomBytes(3).toString("hex")}`;
  const workDir = path.join(workRoot, "stacks", id);
  const stateDir = path.join(workRoot, "state", id);
  fs.mkdirSync(workDir, { recursive: true });
  fs.mkdirSync(stateDir, { recursive: true });
  return { workDir, stateDir, stackName: "test" };
}

/**
 * A stack whose program is a function in the test. The program can be swapped on each `up` to walk a
 * resource through its life cycle. The work dir lives inside the repo so that the dynamic provider
 * process resolves `pulumi-snowflake-oauth` through the repo's node_modules.
 */
export async function createTestStack(o: TestStackOptions & { program: automation.PulumiFn }): Promise<TestStack> {
  lateRejections.install();
  const { workDir, stateDir, stackName } = dirsFor(o.name);
  const env = offlineEnv(stateDir, o.env);
  const pulumiCommand = await automation.PulumiCommand.get({ root: pulumiCliRoot(), skipVersionCheck: true });
  const projectName = `e2e-${o.name.replace(/[^a-zA-Z0-9-]/g, "-")}`;
  const stack = await automation.LocalWorkspace.createOrSelectStack(
    { stackName, projectName, program: o.program },
    {
      workDir,
      envVars: env,
      pulumiCommand,
      projectSettings: {
        name: projectName,
        runtime: "nodejs",
        backend: { url: `file://${stateDir}` },
        // Not in the Automation API's type, but written to Pulumi.yaml as given.
        ...(o.providerPlugins ? ({ plugins: { providers: o.providerPlugins } } as object) : {}),
      },
      secretsProvider: "passphrase",
    },
  );
  await stack.setAllConfig(targetConfig(o.target, o));
  return wrap(stack, workDir, stateDir, pulumiCommand);
}

/** A stack over a program directory with its own Pulumi.yaml (examples/*), run by the Node.js language host. */
export async function createLocalProgramStack(o: TestStackOptions & { programDir: string }): Promise<TestStack> {
  const { stateDir, stackName } = dirsFor(o.name);
  const env = offlineEnv(stateDir, o.env);
  const pulumiCommand = await automation.PulumiCommand.get({ root: pulumiCliRoot(), skipVersionCheck: true });
  const stack = await automation.LocalWorkspace.createOrSelectStack(
    { stackName, workDir: o.programDir },
    { envVars: env, pulumiCommand, secretsProvider: "passphrase" },
  );
  await stack.setAllConfig(targetConfig(o.target, o));
  const t = await wrap(stack, o.programDir, stateDir, pulumiCommand);
  return {
    ...t,
    dispose: async () => {
      try {
        await stack.workspace.removeStack(stack.name, { force: true });
      } catch {
        /* already gone */
      }
      fs.rmSync(stateDir, { recursive: true, force: true });
      fs.rmSync(path.join(o.programDir, `Pulumi.${stackName}.yaml`), { force: true });
    },
  };
}
