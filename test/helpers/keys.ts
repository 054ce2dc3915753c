/**
 * Test keys, generated once per process and cached: key generation is CPU-heavy and the tests run on
 * two shared cores. Four 2048-bit pairs (`key(0..3)`), one 4096-bit pair on demand, and one small
 * 1024-bit key for the "too small" cases.
 */
import * as crypto from "node:crypto";
import { GeneratedRsaKeyPair, generateRsaKeyPair } from "../../sdk/keys";

const cache = new Map<string, Promise<GeneratedRsaKeyPair>>();

/** The i-th cached 2048-bit key pair (i in 0..3), unencrypted PKCS#8. */
export function key(i: 0 | 1 | 2 | 3): Promise<GeneratedRsaKeyPair> {
  return cached(`k${i}`, () => generateRsaKeyPair({ bits: 2048 }));
}

/** All four 2048-bit pairs. */
export function keys(): Promise<GeneratedRsaKeyPair[]> {
  return Promise.all([key(0), key(1), key(2), key(3)]);
}

/** One 4096-bit pair, generated at most once per process. */
export function key4096(): Promise<GeneratedRsaKeyPair> {
  return cached("k4096", () => generateRsaKeyPair({ bits: 4096 }));
}

/** A 2048-bit pair whose private key is encrypted PKCS#8 under {@link PASSPHRASE}. */
export function encryptedKey(): Promise<GeneratedRsaKeyPair> {
  return cached("enc", () => generateRsaKeyPair({ bits: 2048, passphrase: PASSPHRASE }));
}

/** The passphrase of {@link encryptedKey}. */
export const PASSPHRASE = "correct horse battery staple ü";

let small: crypto.KeyPairKeyObjectResult | undefined;
/** A 1024-bit RSA key (too small for Snowflake), via node:crypto because it only feeds negative tests. */
export function smallKey(): crypto.KeyPairKeyObjectResult {
  small ??= crypto.generateKeyPairSync("rsa", { modulusLength: 1024 });
  return small;
}

function cached(k: string, make: () => Promise<GeneratedRsaKeyPair>): Promise<GeneratedRsaKeyPair> {
  let p = cache.get(k);
  if (!p) {
    p = make();
    cache.set(k, p);
  }
  return p;
}
