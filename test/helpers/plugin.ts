/**
 * Programs that use the provider plugin (PulumiPlugin.yaml at the repository root) rather than the dynamic
 * resources: a resource is a plain `CustomResource` of type `snowflake-oauth:index:<Class>`, as a Python, YAML or Go
 * SDK would register it.
 */
import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { offlineEnv, pulumiCliRoot, repoRoot } from "./pulumi";

/** Pulumi.yaml `plugins.providers` entry: this package's own directory, started through its PulumiPlugin.yaml. */
export const PLUGIN = { name: "snowflake-oauth", path: repoRoot };

/** A plugin resource; `outputs` names the outputs the test reads (each comes back as `res.out[name]`). */
export class PluginResource extends pulumi.CustomResource {
  readonly out: Record<string, pulumi.Output<any>>;
  constructor(cls: string, name: string, inputs: Record<string, unknown>, outputs: string[] = [], opts: pulumi.CustomResourceOptions = {}) {
    const props: Record<string, unknown> = { ...inputs };
    for (const o of outputs) props[o] ??= undefined;
    super(`snowflake-oauth:index:${cls}`, name, props, opts);
    this.out = Object.fromEntries(outputs.map((o) => [o, (this as any)[o] as pulumi.Output<any>]));
  }
}

/** The stack config of the plugin's default provider (its namespace is the package name). */
export function pluginConfig(t: { url: string; account: string; password?: string }): {
  config: Record<string, string>;
  secretConfig: Record<string, string>;
} {
  return {
    config: { "snowflake-oauth:url": t.url, "snowflake-oauth:account": t.account, "snowflake-oauth:user": "ADMIN" },
    secretConfig: { "snowflake-oauth:password": t.password ?? "admin" },
  };
}

/** An explicit provider of the plugin; its inputs are the connection settings (`url`, `account`, `user`, …). */
export class PluginProvider extends pulumi.ProviderResource {
  constructor(name: string, settings: Record<string, pulumi.Input<string>>) {
    super("snowflake-oauth", name, settings);
  }
}

/**
 * `pulumi package <verb> <this package>` through the real CLI. For a plugin directory the CLI first runs `npm install`
 * in it (the plugin's InstallDependencies); here that directory is the shared checkout every other test runs from, and
 * npm would prune its self-link (scripts/link-self.js), so the tests set `npm_config_dry_run=true` for these commands.
 * A user's own checkout gets that npm install.
 */
export function packageCommand(verb: "add" | "get-schema", cwd: string, stateDir: string): { stdout: string; output: string; ms: number } {
  const start = Date.now();
  const r = spawnSync(path.join(pulumiCliRoot(), "bin", "pulumi"), ["package", verb, repoRoot], {
    cwd,
    env: { ...process.env, ...offlineEnv(stateDir, { npm_config_dry_run: "true" }) },
    encoding: "utf8",
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (r.status !== 0) throw new Error(`pulumi package ${verb} failed (${r.status ?? r.signal}):\n${output}`);
  return { stdout: r.stdout, output, ms: Date.now() - start };
}

/**
 * `pulumi package add <this package>` in a program directory, through the program's language host: it runs the plugin
 * for its schema, generates the SDK (sdks/snowflake-oauth), links it into the program and writes `packages:` to
 * Pulumi.yaml.
 */
export function packageAdd(programDir: string, stateDir: string): { output: string; ms: number } {
  return packageCommand("add", programDir, stateDir);
}
