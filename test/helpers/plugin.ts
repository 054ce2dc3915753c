/**
 * Programs that use the provider plugin (PulumiPlugin.yaml at the repository root) rather than the dynamic
 * resources: a resource is a plain `CustomResource` of type `snowflake-oauth:index:<Class>`, as a Python, YAML or Go
 * SDK would register it.
 */
import * as pulumi from "@pulumi/pulumi";
import { repoRoot } from "./pulumi";

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
