/**
 * What one Pulumi resource class is, as data: its type token, `kind` discriminator, the inputs that are not Snowflake
 * properties, its outputs (and which are secret), its key slots and its docs. Together with the property table
 * (`ObjectSpec`) this is the whole model of an object; `scripts/generate.ts` writes the SDK classes and
 * `provider/DOCS.md` from it, the provider validates and plans from it, and the policy pack matches its type tokens.
 * @internal
 */
import type { KeySlotSpec, ObjectSpec } from "./types";

/** Names of the provider implementations exported by `pulumi-snowflake-oauth/dist/provider/index.js` (stored in state: never rename). */
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

/** The module of every type token: `pulumi-nodejs:dynamic/<module>:<type>`. */
export const TOKEN_MODULE = "snowflake";

/** An input that is not a Snowflake property (`name`, `adoptExisting`, `rsaPublicKeys`, …). */
export interface MetaInput {
  /** The SDK's input type, as TypeScript text inside `pulumi.Input<…>` (lists: the element type, see `list`). */
  readonly tsType: string;
  /** A list of inputs (`pulumi.Input<pulumi.Input<T>[]>`). */
  readonly list?: boolean;
  readonly doc: string;
  readonly required?: boolean;
  /** Sentence on the default, appended to `doc`. */
  readonly defaultDoc?: string;
  /** What the SDK fills in when the user leaves it out: the resource's logical name, or a constant. */
  readonly sdkDefault?: { readonly logicalName: true } | { readonly value: boolean | number | string };
  /** Wrapped in `pulumi.secret` by the SDK and stored encrypted. */
  readonly secret?: boolean;
  /** Type check at preview; returns the reason, or undefined when the value is acceptable. */
  readonly validate?: (v: unknown) => string | undefined;
}

/** An output the provider computes. */
export interface OutputSpec {
  /** TypeScript type text of the output's value. */
  readonly tsType: string;
  readonly doc: string;
  /** Stored encrypted (merged into `additionalSecretOutputs` by the SDK). */
  readonly secret?: boolean;
}

/** One resource class. */
export interface ResourceModel {
  /** SDK class name. */
  readonly className: string;
  /** Last segment of the type token `pulumi-nodejs:dynamic/snowflake:<typeName>`. */
  readonly typeName: string;
  /** Value of the `kind` input, stored in state (policy packs may match on it). */
  readonly kind: string;
  readonly providerKind: ProviderKind;
  /** The class TSDoc: what it manages. */
  readonly summary: string;
  /** TypeScript and SQL example for the class TSDoc (as the tests run it). */
  readonly example?: string;
  readonly docs: readonly string[];
  /** The Snowflake object and its property table; absent for resources that are not an object (KeyPair, UserRsaKeys). */
  readonly object?: ObjectSpec;
  /** Inputs besides the property table, in SDK order (before the table's). */
  readonly inputs: Readonly<Record<string, MetaInput>>;
  /** Inputs declared after the table's (keys, options). */
  readonly trailingInputs?: Readonly<Record<string, MetaInput>>;
  readonly outputs: Readonly<Record<string, OutputSpec>>;
  readonly keySlots?: KeySlotSpec;
  /** Changing these inputs replaces the resource (`replaceOnChanges`). */
  readonly replaceOnChanges?: readonly string[];
  /** Inputs echoed as typed outputs on the class (besides the outputs above). */
  readonly echoedInputs?: readonly string[];
}

/** The full type token of a resource. */
export function typeToken(m: Pick<ResourceModel, "typeName">): string {
  return `pulumi-nodejs:dynamic/${TOKEN_MODULE}:${m.typeName}`;
}

/** The package name of the provider plugin (PulumiPlugin.yaml): its schema's `name` and its tokens' first segment. */
export const PLUGIN_PACKAGE = "snowflake-oauth";

/** The type token of the same resource served by the provider plugin: `snowflake-oauth:index:<ClassName>`. */
export function pluginToken(m: Pick<ResourceModel, "className">): string {
  return `${PLUGIN_PACKAGE}:index:${m.className}`;
}

/** Every input of a resource, meta and table, in SDK order. */
export function allInputNames(m: ResourceModel): string[] {
  return [...Object.keys(m.inputs), ...Object.keys(m.object?.table ?? {}), ...Object.keys(m.trailingInputs ?? {})];
}

/** Meta inputs (leading and trailing). */
export function metaInputs(m: ResourceModel): Record<string, MetaInput> {
  return { ...m.inputs, ...m.trailingInputs };
}

/** Required inputs, meta and table. */
export function requiredInputs(m: ResourceModel): string[] {
  const meta = Object.entries(metaInputs(m))
    .filter(([, i]) => i.required)
    .map(([k]) => k);
  const table = Object.entries(m.object?.table ?? {})
    .filter(([, p]) => p.required)
    .map(([k]) => k);
  return [...meta, ...table];
}

/** Secret outputs and inputs, for `additionalSecretOutputs`. */
export function secretNames(m: ResourceModel): string[] {
  const outs = Object.entries(m.outputs)
    .filter(([, o]) => o.secret)
    .map(([k]) => k);
  const ins = Object.entries(metaInputs(m))
    .filter(([, i]) => i.secret)
    .map(([k]) => k);
  return [...outs, ...ins];
}
