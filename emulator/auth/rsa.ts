/**
 * RSA public keys as Snowflake takes them: the base64 body of a PEM `PUBLIC KEY` block
 * (DER SubjectPublicKeyInfo), line breaks allowed; fingerprint `SHA256:` + base64(sha256(DER)).
 * Sources: shared/reference/snowflake-sql.md §8 (docs key-pair-auth, TF certs.go, SnowDDL).
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
 * The error Snowflake raises for a rejected key. Message confirmed (TF live test, several reports);
 * code/SQLSTATE unconfirmed — FIDELITY.md records the choice (001422 / 22023, the invalid-value class).
 */
export function invalidPublicKey(): SnowflakeError {
  return new SnowflakeError("001422", "22023", "New public key rejected by current policy. Reason: 'Invalid Public key'");
}

/** Fingerprint of DER SPKI bytes. */
export function fingerprintOfDer(der: Buffer): string {
  return "SHA256:" + createHash("sha256").update(der).digest("base64");
}

/**
 * Parse a key body. Accepts optional PEM armour lines (stripped; Snowflake's behaviour with armour is
 * unconfirmed, see FIDELITY.md) and any whitespace. Rejects non-base64, non-SPKI, non-RSA and keys
 * under 2048 bits with `invalidPublicKey()`.
 */
export function parseRsaPublicKey(body: string): ParsedRsaKey {
  const b64 = body.replace(/-----(BEGIN|END) [A-Z ]+-----/g, "").replace(/\s+/g, "");
  if (b64.length === 0 || !/^[A-Za-z0-9+/]+=*$/.test(b64)) throw invalidPublicKey();
  const der = Buffer.from(b64, "base64");
  let key: KeyObject;
  try {
    key = createPublicKey({ key: der, format: "der", type: "spki" });
  } catch {
    throw invalidPublicKey();
  }
  if (key.asymmetricKeyType !== "rsa") throw invalidPublicKey();
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) throw invalidPublicKey();
  return { key, der, fingerprint: fingerprintOfDer(der), bits };
}
