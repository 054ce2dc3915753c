/**
 * The key-pair toolkit: normalise and fingerprint RSA public keys exactly as Snowflake does,
 * generate key pairs, and load private keys for signing.
 */
export { KeyError, KeyErrorCode } from "./errors";
export {
  normalizePublicKey,
  fingerprint,
  toPublicKeyPem,
  isFingerprint,
  NormalizedPublicKey,
  NormalizePublicKeyOptions,
  EcCurve,
  MIN_RSA_BITS,
} from "./public-key";
export { generateRsaKeyPair, GenerateRsaKeyPairOptions, GeneratedRsaKeyPair } from "./generate";
export { loadPrivateKey, RsaPrivateKey } from "./private-key";
export { loadEcPrivateKey, EcPrivateKey } from "./ec-private-key";
