/**
 * RSA key-pair generation for Snowflake key-pair authentication, with node-forge.
 *
 * node-forge's `rsa.generateKeyPair` delegates the prime search to Node's native `crypto.generateKeyPair`
 * when it runs under Node (forge `lib/rsa.js`), so generation does not block the event loop; the
 * encoding (SPKI, PKCS#8, PBES2 encryption) is node-forge's own.
 */
import * as forge from "node-forge";
import { KeyError } from "./errors";
import { fromForgePublicKey, toPublicKeyPem } from "./public-key";

/** Options of {@link generateRsaKeyPair}. */
export interface GenerateRsaKeyPairOptions {
  /** Modulus size. Snowflake needs at least 2048. Default value is `2048`. */
  readonly bits?: 2048 | 4096;
  /**
   * When set, the private key is written as encrypted PKCS#8 (`ENCRYPTED PRIVATE KEY`): PBES2 with
   * PBKDF2-HMAC-SHA256 (2048 iterations, 16-byte salt) and AES-256-CBC — the same scheme
   * `openssl pkcs8 -topk8 -v2 aes-256-cbc` writes with OpenSSL 3, and what snowflake-sdk's
   * `privateKeyPass` (Node's `crypto.createPrivateKey`) decrypts.
   */
  readonly passphrase?: string;
}

/** A freshly generated key pair. `privateKeyPem` is a secret. */
export interface GeneratedRsaKeyPair {
  /** PEM `PUBLIC KEY` (SubjectPublicKeyInfo), 64-column lines. */
  readonly publicKeyPem: string;
  /** base64(DER SPKI), no armour or whitespace: the value for `RSA_PUBLIC_KEY` / `OAUTH_CLIENT_RSA_PUBLIC_KEY`. */
  readonly publicKeyBody: string;
  /** `SHA256:` + base64(SHA-256(DER SPKI)), as DESCRIBE shows it. */
  readonly fingerprint: string;
  /** PEM `PRIVATE KEY` (PKCS#8), or `ENCRYPTED PRIVATE KEY` when a passphrase was given. Secret. */
  readonly privateKeyPem: string;
  /** Modulus size in bits. */
  readonly bits: number;
}

/** Iteration count OpenSSL uses by default for `pkcs8 -topk8` (PKCS5_DEFAULT_ITER). */
const PBKDF2_ITERATIONS = 2048;

/** Generates an RSA key pair (public exponent 65537). */
export async function generateRsaKeyPair(options: GenerateRsaKeyPairOptions = {}): Promise<GeneratedRsaKeyPair> {
  const bits = options.bits ?? 2048;
  if (bits !== 2048 && bits !== 4096) throw new KeyError("INVALID_ARGUMENT", "bits must be 2048 or 4096.");
  if (options.passphrase !== undefined && (typeof options.passphrase !== "string" || options.passphrase.length === 0)) {
    throw new KeyError("INVALID_ARGUMENT", "passphrase must be a non-empty string when given.");
  }
  const pair = await new Promise<forge.pki.rsa.KeyPair>((resolve, reject) =>
    forge.pki.rsa.generateKeyPair({ bits, e: 0x10001 }, (err, kp) => (err ? reject(err) : resolve(kp))),
  );
  return encodeKeyPair(pair.privateKey, options.passphrase);
}

/** @internal Encodes a forge private key the way {@link generateRsaKeyPair} does. */
export function encodeKeyPair(privateKey: forge.pki.rsa.PrivateKey, passphrase?: string): GeneratedRsaKeyPair {
  const pub = fromForgePublicKey(forge.pki.setRsaPublicKey(privateKey.n, privateKey.e));
  const info = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(privateKey));
  const privateKeyPem = passphrase
    ? forge.pki.encryptedPrivateKeyToPem(
        // PKCS#5 passwords are octet strings; OpenSSL and Node use the UTF-8 bytes, forge wants a binary string.
        forge.pki.encryptPrivateKeyInfo(info, forge.util.encodeUtf8(passphrase), {
          algorithm: "aes256",
          count: PBKDF2_ITERATIONS,
          saltSize: 16,
          prfAlgorithm: "sha256",
        } as forge.pki.EncryptionOptions),
      )
    : forge.pki.privateKeyInfoToPem(info);
  return {
    publicKeyPem: toPublicKeyPem(pub.body),
    publicKeyBody: pub.body,
    fingerprint: pub.fingerprint,
    privateKeyPem: privateKeyPem.replace(/\r\n/g, "\n"),
    bits: pub.bits,
  };
}
