/**
 * Inputs and outputs shared by several resource models (name, adoption, key slots, DESCRIBE echo).
 * @internal
 */
import type { MetaInput, OutputSpec } from "./resource";

const boolean = (v: unknown) => (typeof v === "boolean" ? undefined : "must be a boolean");

/** Validator of a meta input that must be a non-empty string (`what` names it in the reason). */
export const nonEmptyString = (what: string) => (v: unknown) =>
  typeof v === "string" && v.trim() !== "" ? undefined : `${what} must be a non-empty string.`;

/** `name` of an integration (names are unique in the account, so a change replaces it). */
export const INTEGRATION_NAME: MetaInput = {
  tsType: "string",
  doc:
    'The integration\'s name as written in SQL: `my_app` resolves to `MY_APP`; write `"My App"` (with the double ' +
    "quotes) for a case-sensitive name. Integration names are unique in the account. Changing it replaces the integration.",
  defaultDoc: "Default value is the resource's logical name.",
  sdkDefault: { logicalName: true },
};

/** Take over an existing object of this name. */
export function adoptExisting(noun: string): MetaInput {
  return {
    tsType: "boolean",
    doc:
      `Adopt ${noun} of this name that already exists (instead of failing with "already exists"), converging it to the ` +
      "declared properties. Pulumi's `import` option does not work for dynamic resources (pulumi/pulumi#16175).",
    defaultDoc: "Default value is `false`.",
    validate: boolean,
  };
}

/** Accept a key change that replaces every registered key at once. */
export const ALLOW_REPLACING_ALL_KEYS: MetaInput = {
  tsType: "boolean",
  doc: "Accept a change that replaces every registered key at once (clients still on an old key fail after it).",
  defaultDoc: "Default value is `false`.",
  validate: boolean,
};

/** Counters whose change runs `ALTER ... REFRESH OAUTH_CLIENT_SECRET[_2]`. */
export const CLIENT_SECRET_ROTATION: MetaInput = {
  tsType: "{ secret1?: pulumi.Input<number>; secret2?: pulumi.Input<number> }",
  doc:
    "Client-secret rotation counters: change `secret1` (or `secret2`) to run `ALTER ... REFRESH OAUTH_CLIENT_SECRET` " +
    "(`_2`). Rotate one secret at a time, moving clients to the other in between.",
  defaultDoc: "Default: no rotation.",
};

/** The 0–2 public keys of an integration's key slots. */
export function rsaPublicKeys(doc: string): MetaInput {
  return { tsType: "string", list: true, doc, defaultDoc: "Default value is `[]`." };
}

export const STORED_NAME: OutputSpec = {
  tsType: "string",
  doc: "The name Snowflake stores (`MY_APP`): what SHOW and DESCRIBE print.",
};

export function described(what: string): OutputSpec {
  return { tsType: "Record<string, string>", doc: `The ${what} result, \`{PROPERTY: value}\`.` };
}

/** Outputs of an object with two key slots. */
export function keySlotOutputs(slot1Row: string, slot2Row: string): Record<string, OutputSpec> {
  return {
    rsaPublicKeyFp: { tsType: "string | undefined", doc: `Fingerprint in key slot 1 (from \`${slot1Row}\`).` },
    rsaPublicKey2Fp: { tsType: "string | undefined", doc: `Fingerprint in key slot 2 (from \`${slot2Row}\`).` },
    rsaPublicKeyFingerprints: { tsType: "string[]", doc: "Registered fingerprints, in slot order." },
  };
}

export function effectiveBlockedRoles(row: string): OutputSpec {
  return {
    tsType: "string[]",
    doc: `${row} as Snowflake applies it: the declared roles plus the privileged roles it adds.`,
  };
}
