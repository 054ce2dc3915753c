/**
 * Implementation of the `KeyPair` dynamic resource (`pulumi-nodejs:dynamic/snowflake:RsaKeyPair`).
 * Loaded by the thin provider object in `sdk/keyPair.ts` with `require()` inside each method, so none of this
 * code or its data is serialized into state. No Snowflake connection.
 *
 * Contracts (pulumi `dynamic/index.ts`):
 * - create: generates a new key; on failure nothing exists.
 * - update: only a passphrase change is an update: the same key is re-encrypted (or decrypted) under the new
 *   passphrase, so the fingerprint never changes.
 * - bits or keepers changes replace the resource (a new key).
 * - delete: nothing to remove outside the state.
 * @internal
 */
import type * as pulumi from "@pulumi/pulumi";
import { generateRsaKeyPair, encodeKeyPair } from "../../sdk/keys/generate";
import { loadPrivateKey } from "../../sdk/keys/private-key";
import { KeyError } from "../../sdk/keys/errors";
import * as forge from "node-forge";
import { KEY_PAIR } from "../../model/keyPair";
import { isUnknown } from "../../model/unknown";
import { checkMetaInputs, presentFailures } from "../engine/meta-check";

/** Inputs after Pulumi resolved them (secrets arrive as plaintext). */
export interface KeyPairProviderInputs {
  bits?: number;
  passphrase?: string;
  keepers?: Record<string, string>;
}

/** Outputs stored in state; `privateKeyPem` and `passphrase` are secret via additionalSecretOutputs. */
export interface KeyPairProviderOutputs {
  bits: number;
  passphrase?: string;
  keepers?: Record<string, string>;
  publicKeyPem: string;
  publicKeyBody: string;
  fingerprint: string;
  privateKeyPem: string;
}

/** Checks every input against the model (`model/keyPair.ts`); no key is generated at check. */
export async function check(_olds: KeyPairProviderInputs, news: KeyPairProviderInputs): Promise<pulumi.dynamic.CheckResult> {
  const failures = checkMetaInputs(KEY_PAIR, news as Record<string, unknown>);
  const inputs = { ...news, kind: KEY_PAIR.kind };
  return failures.length ? { inputs, failures: presentFailures(KEY_PAIR, failures) } : { inputs };
}

function sameKeepers(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  return JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());
}

export async function diff(_id: string, olds: KeyPairProviderOutputs, news: KeyPairProviderInputs): Promise<pulumi.dynamic.DiffResult> {
  const replaces: string[] = [];
  if (isUnknown(news.bits) || (news.bits ?? 2048) !== olds.bits) replaces.push("bits");
  if (isUnknown(news.keepers) || !sameKeepers(olds.keepers, news.keepers)) replaces.push("keepers");
  const passChanged = isUnknown(news.passphrase) || (news.passphrase ?? "") !== (olds.passphrase ?? "");
  const changes = replaces.length > 0 || passChanged;
  return { changes, replaces, deleteBeforeReplace: false };
}

function outputs(
  news: KeyPairProviderInputs,
  kp: { publicKeyPem: string; publicKeyBody: string; fingerprint: string; privateKeyPem: string; bits: number },
): KeyPairProviderOutputs {
  const outs: KeyPairProviderOutputs = {
    bits: kp.bits,
    publicKeyPem: kp.publicKeyPem,
    publicKeyBody: kp.publicKeyBody,
    fingerprint: kp.fingerprint,
    privateKeyPem: kp.privateKeyPem,
  };
  if (news.passphrase) outs.passphrase = news.passphrase;
  if (news.keepers) outs.keepers = news.keepers;
  return outs;
}

export async function create(inputs: KeyPairProviderInputs): Promise<pulumi.dynamic.CreateResult> {
  const bits = (inputs.bits ?? 2048) as 2048 | 4096;
  const kp = await generateRsaKeyPair({ bits, passphrase: inputs.passphrase || undefined });
  // The id is the public fingerprint: unique, stable, and not secret.
  return { id: kp.fingerprint, outs: outputs(inputs, kp) };
}

export async function read(id: string, props: KeyPairProviderOutputs): Promise<pulumi.dynamic.ReadResult> {
  // Nothing outside the state holds this key: refresh keeps what is stored.
  return { id, props };
}

export async function update(_id: string, olds: KeyPairProviderOutputs, news: KeyPairProviderInputs): Promise<pulumi.dynamic.UpdateResult> {
  let key;
  try {
    key = loadPrivateKey(olds.privateKeyPem, olds.passphrase);
  } catch (e) {
    // Never include the key or passphrase; KeyError messages do not.
    throw new KeyError(
      e instanceof KeyError ? e.code : "DECRYPT_FAILED",
      `cannot re-encrypt the stored private key: ${(e as Error).message}`,
    );
  }
  const pkcs8 = forge.pki.privateKeyFromPem(key.toPkcs8Pem());
  const kp = encodeKeyPair(pkcs8, news.passphrase || undefined);
  if (kp.fingerprint !== olds.fingerprint) throw new Error("internal: the re-encoded key has a different fingerprint");
  return { outs: outputs(news, kp) };
}

export async function remove(_id: string, _props: KeyPairProviderOutputs): Promise<void> {
  // Nothing to delete outside the state.
}
