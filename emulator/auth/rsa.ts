/**
 * The one public-key parser: user RSA_PUBLIC_KEY(_2), OAUTH_CLIENT_RSA_PUBLIC_KEY(_2) and
 * EXTERNAL_OAUTH_RSA_PUBLIC_KEY(_2). Snowflake takes the base64 body of a PEM `PUBLIC KEY` block
 * (DER SubjectPublicKeyInfo), line breaks allowed, RSA of at least 2048 bits, and shows the
 * fingerprint `SHA256:` + base64(sha256(DER)):
 * https://docs.snowflake.com/en/user-guide/key-pair-auth (steps "Assign the public key", "Verify the
 * user's public key fingerprint"); the same fingerprint is computed by snowflakedb/snowflake-connector-nodejs
 * lib/authentication/auth_keypair.js (calculatePublicKeyFingerprint).
 * @internal
 */
import { createHash, createPublicKey, KeyObject } from "node:crypto";
import { SnowflakeError } from "../errors";

export interface ParsedRsaKey {
  readonly key: KeyObject;
  readonly der: Buffer;
  /** `SHA256:<44 base64 chars>` */
  readonly fingerprint: string;
  readonly bits: number;
}

/**
 * The error Snowflake raises for a rejected key. Message: FIDELITY.md (Users, "Invalid key");
 * code/SQLSTATE unsourced (001422 / 22023, the invalid-value class).
 */
export function invalidPublicKey(): SnowflakeError {
  return new SnowflakeError("001422", "22023", "New public key rejected by current policy. Reason: 'Invalid Public key'");
}

/** Fingerprint of DER SPKI bytes. */
export function fingerprintOfDer(der: Buffer): string {
  return "SHA256:" + createHash("sha256").update(der).digest("base64");
}

/**
 * Parse a key body of any type. PEM armour lines are stripped (Snowflake's handling of armour is
 * unsourced, FIDELITY.md) and whitespace ignored. Throws `invalidPublicKey()` for non-base64 or non-SPKI.
 */
export function parsePublicKey(body: string): ParsedRsaKey {
  const b64 = body.replace(/-----(BEGIN|END) [A-Z ]+-----/g, "").replace(/\s+/g, "");
  if (b64.length === 0 || !/^[A-Za-z0-9+/]+=*$/.test(b64)) throw invalidPublicKey();
  const der = Buffer.from(b64, "base64");
  let key: KeyObject;
  try {
    key = createPublicKey({ key: der, format: "der", type: "spki" });
  } catch {
    throw invalidPublicKey();
  }
  return { key, der, fingerprint: fingerprintOfDer(der), bits: key.asymmetricKeyDetails?.modulusLength ?? 0 };
}

/**
 * Parse and validate: RSA ≥ 2048 bits (docs key-pair-auth: "minimum 2048-bit RSA key pair"), or also EC
 * when `allowEc` (External OAuth keys). Throws `invalidPublicKey()`.
 */
export function parseRsaPublicKey(body: string, opts: { allowEc?: boolean } = {}): ParsedRsaKey {
  const parsed = parsePublicKey(body);
  if (parsed.key.asymmetricKeyType === "rsa") {
    if (parsed.bits < 2048) throw invalidPublicKey();
    return parsed;
  }
  if (opts.allowEc === true && parsed.key.asymmetricKeyType === "ec") return parsed;
  throw invalidPublicKey();
}

/** Like `parsePublicKey`, but undefined instead of an error (reading stored values). */
export function tryParsePublicKey(body: string): ParsedRsaKey | undefined {
  try {
    return parsePublicKey(body);
  } catch {
    return undefined;
  }
}

/** EC curves a named key pair may use, by Node's curve name, with the JWS algorithm that signs with each. */
export const EC_CURVES: Readonly<Record<string, { curve: string; alg: "ES256" | "ES384" | "ES512"; hash: string }>> = {
  prime256v1: { curve: "P-256", alg: "ES256", hash: "sha256" },
  secp384r1: { curve: "P-384", alg: "ES384", hash: "sha384" },
  secp521r1: { curve: "P-521", alg: "ES512", hash: "sha512" },
};

export interface ParsedKeyPairKey extends ParsedRsaKey {
  readonly keyType: "RSA" | "EC";
  /** Base64 of the DER SPKI (what a named key pair stores). */
  readonly body: string;
}

/**
 * The PUBLIC_KEY of ADD / ROTATE KEY PAIR: "Both RSA and EC public keys are supported. For EC keys, only the `P-256`,
 * `P-384`, and `P-521` curves are accepted" (https://docs.snowflake.com/sql-reference/sql/alter-user-add-key-pair);
 * RSA keys need 2048 bits as for RSA_PUBLIC_KEY (https://docs.snowflake.com/en/user-guide/key-pair-auth). Anything else:
 * `invalidPublicKey()` (the RSA_PUBLIC_KEY error; unsourced for key pairs).
 */
export function parseKeyPairPublicKey(body: string): ParsedKeyPairKey {
  const parsed = parsePublicKey(body);
  const b64 = parsed.der.toString("base64");
  if (parsed.key.asymmetricKeyType === "rsa") {
    if (parsed.bits < 2048) throw invalidPublicKey();
    return { ...parsed, keyType: "RSA", body: b64 };
  }
  const curve = parsed.key.asymmetricKeyType === "ec" ? parsed.key.asymmetricKeyDetails?.namedCurve : undefined;
  if (curve !== undefined && Object.prototype.hasOwnProperty.call(EC_CURVES, curve)) return { ...parsed, keyType: "EC", body: b64 };
  throw invalidPublicKey();
}
