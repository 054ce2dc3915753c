/**
 * EC private keys (P-256, P-384, P-521) for the key-pair JWT of a user's named key pair. Snowflake accepts EC public
 * keys for named key pairs (https://docs.snowflake.com/sql-reference/sql/alter-user-add-key-pair) and ES256 / ES384 /
 * ES512 JWT signatures (https://docs.snowflake.com/en/user-guide/key-pair-auth, "Snowflake supports cryptographic keys
 * generated using the following algorithms"). node-forge has no EC support, so node:crypto parses and signs; the key
 * is held in a private field and never serialised.
 */
import { createPrivateKey, createPublicKey, sign as nodeSign, KeyObject } from "node:crypto";
import { KeyError } from "./errors";
import { normalizePublicKey, type EcCurve, type NormalizedPublicKey } from "./public-key";

/** JWS algorithm and digest per curve (RFC 7518 §3.4). */
const JWS: Readonly<Record<EcCurve, { alg: "ES256" | "ES384" | "ES512"; hash: string }>> = {
  "P-256": { alg: "ES256", hash: "sha256" },
  "P-384": { alg: "ES384", hash: "sha384" },
  "P-521": { alg: "ES512", hash: "sha512" },
};

/** An EC private key ready to sign, with the public half in Snowflake's form. */
export class EcPrivateKey {
  readonly #key: KeyObject;
  readonly publicKey: NormalizedPublicKey;

  /** @internal use {@link loadEcPrivateKey}. */
  constructor(key: KeyObject) {
    this.#key = key;
    const spki = createPublicKey(key).export({ type: "spki", format: "der" }).toString("base64");
    this.publicKey = normalizePublicKey(spki, { allowEc: true });
  }

  get fingerprint(): string {
    return this.publicKey.fingerprint;
  }

  /** The JWS `alg` for this key's curve. */
  get jwsAlgorithm(): "ES256" | "ES384" | "ES512" {
    return JWS[this.publicKey.curve!].alg;
  }

  /** ECDSA over the UTF-8 bytes of `data`, as JWS wants it: the raw `r || s` (IEEE P1363), not DER. */
  sign(data: string): Buffer {
    return nodeSign(JWS[this.publicKey.curve!].hash, Buffer.from(data, "utf8"), { key: this.#key, dsaEncoding: "ieee-p1363" });
  }

  toJSON(): { fingerprint: string } {
    return { fingerprint: this.fingerprint };
  }
}

/**
 * Parses an EC private key: PEM `EC PRIVATE KEY` (SEC1), `PRIVATE KEY` (PKCS#8) or `ENCRYPTED PRIVATE KEY` (with
 * `passphrase`). Errors never contain the key: `PASSPHRASE_REQUIRED`, `DECRYPT_FAILED`, `UNSUPPORTED_CURVE`, `UNPARSEABLE`.
 */
export function loadEcPrivateKey(pem: string, passphrase?: string): EcPrivateKey {
  const text = String(pem).replace(/\\n/g, "\n");
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(text);
  if (encrypted && !passphrase) throw new KeyError("PASSPHRASE_REQUIRED", "the private key is encrypted; a passphrase is required.");
  let key: KeyObject;
  try {
    key = createPrivateKey(encrypted ? { key: text, format: "pem", passphrase } : { key: text, format: "pem" });
  } catch {
    throw new KeyError(encrypted ? "DECRYPT_FAILED" : "UNPARSEABLE", "could not read the EC private key (or wrong passphrase).");
  }
  if (key.asymmetricKeyType !== "ec") throw new KeyError("UNPARSEABLE", "not an EC private key.");
  return new EcPrivateKey(key);
}
