/**
 * The serialized dynamic providers. Each method `require`s the implementation from the installed package inside the
 * method, so the closure Pulumi stores in state (`__provider`) holds nothing but this code and the kind's name: no
 * connection, no config, no credential. Credentials are read at run time in the provider process
 * (`configure` → stack config, then env, then connections.toml).
 * @internal
 */
import type * as pulumi from "@pulumi/pulumi";

/** Names of the provider implementations exported by `pulumi-snowflake-oauth/dist/provider/index.js`. */
export type ProviderKind =
  | "oauthIntegration"
  | "partnerOAuthIntegration"
  | "externalOAuthIntegration"
  | "networkPolicy"
  | "keyPair"
  | "userRsaKeys"
  | "userKeyPair"
  | "rotatingKeyPair"
  | "networkPolicyAttachment"
  | "oauthAccountParameters"
  | "integrationGrant"
  | "networkRule";

/** One thin provider per kind; create each once (Pulumi caches the serialized text per provider object). */
export function shim(kind: ProviderKind): pulumi.dynamic.ResourceProvider {
  return {
    async configure(req) {
      await require("pulumi-snowflake-oauth/dist/provider/index.js").configure(req);
    },
    async check(olds, news) {
      return require("pulumi-snowflake-oauth/dist/provider/index.js")[kind].check(olds, news);
    },
    async diff(id, olds, news) {
      return require("pulumi-snowflake-oauth/dist/provider/index.js")[kind].diff(id, olds, news);
    },
    async create(inputs) {
      return require("pulumi-snowflake-oauth/dist/provider/index.js")[kind].create(inputs);
    },
    async read(id, props) {
      return require("pulumi-snowflake-oauth/dist/provider/index.js")[kind].read(id, props);
    },
    async update(id, olds, news) {
      return require("pulumi-snowflake-oauth/dist/provider/index.js")[kind].update(id, olds, news);
    },
    async delete(id, props) {
      return require("pulumi-snowflake-oauth/dist/provider/index.js")[kind].delete(id, props);
    },
  };
}

/** Merge secret outputs (and other fixed options) into user options, so nobody can forget them. */
export function withSecretOutputs<T extends pulumi.CustomResourceOptions>(opts: T | undefined, secrets: string[]): T {
  const o = { ...(opts ?? {}) } as T;
  if (secrets.length) o.additionalSecretOutputs = [...new Set([...(o.additionalSecretOutputs ?? []), ...secrets])];
  return o;
}

/** Throws Pulumi's usual message for a missing required property (skipped when reading an existing resource). */
export function requireArgs(
  resource: string,
  args: Record<string, unknown> | undefined,
  names: string[],
  opts?: pulumi.CustomResourceOptions,
): void {
  if (opts?.id) return;
  for (const n of names) {
    if (args?.[n] === undefined) throw new Error(`Missing required property '${n}' of ${resource}`);
  }
}

/** True when A and B are the same type (compile-time check that an Args interface matches its table). */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
