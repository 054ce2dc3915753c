/**
 * Public-key normalisation and Snowflake fingerprints.
 *
 * Snowflake takes an RSA public key as the base64 body of a PEM `PUBLIC KEY` block, i.e.
 * base64(DER SubjectPublicKeyInfo) without header and footer, and shows
 * `SHA256:` + base64(SHA-256(DER SPKI)) in DESCRIBE's `*_FP` rows
 * (https://docs.snowflake.com/en/user-guide/key-pair-auth, "Verify the user's public key fingerprint").
 *
 * Everything here uses node-forge. Error messages never contain the input.
 */
import { createPublicKey } from "node:crypto";
import * as forge from "node-forge";
import { KeyError } from "./errors";

/** A public key in the one form Snowflake compares keys by. */
export interface NormalizedPublicKey {
  /** base64(DER SubjectPublicKeyInfo): no armour, no whitespace. What the provider sends to Snowflake. */
  readonly body: string;
  /** `SHA256:` + base64(SHA-256(DER SPKI)), byte-identical to Snowflake's `*_FP` DESCRIBE rows. */
  readonly fingerprint: string;
  /** Modulus length in bits (RSA), or the curve's field size (EC). */
  readonly bits: number;
  /** `RSA`, or `EC` (only when the caller allowed EC keys). */
  readonly algorithm: "RSA" | "EC";
  /** The EC curve (`P-256`, `P-384`, `P-521`). */
  readonly curve?: EcCurve;
}

/** The EC curves Snowflake accepts for named key pairs (https://docs.snowflake.com/sql-reference/sql/alter-user-add-key-pair). */
export type EcCurve = "P-256" | "P-384" | "P-521";
const EC_CURVES: Readonly<Record<string, { curve: EcCurve; bits: number }>> = {
  prime256v1: { curve: "P-256", bits: 256 },
  secp384r1: { curve: "P-384", bits: 384 },
  secp521r1: { curve: "P-521", bits: 521 },
};
const EC_PUBLIC_KEY_OID = "1.2.840.10045.2.1";

/** Options of {@link normalizePublicKey}. */
export interface NormalizePublicKeyOptions {
  /** Also accept EC keys on P-256/P-384/P-521 (named user key pairs take them; the legacy slots and integrations take RSA only). */
  readonly allowEc?: boolean;
}

/** Snowflake's minimum RSA key size (key-pair-auth docs: "2048-bit RSA key pair"). */
export const MIN_RSA_BITS = 2048;

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const ANY_ARMOUR = /-----(BEGIN|END) ([A-Z0-9 ]+)-----/g;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

type DerKind =
  | "spki"
  | "pkcs1-public"
  | "pkcs8-private"
  | "pkcs8-encrypted"
  | "pkcs1-private"
  | "sec1-private"
  | "dsa-private"
  | "certificate"
  | "unknown";

/**
 * Classifies a DER structure by its shape (RFC 5280 SPKI/Certificate, RFC 8017 RSAPublicKey/RSAPrivateKey,
 * RFC 5208/5958 (Encrypted)PrivateKeyInfo, RFC 5915 ECPrivateKey, OpenSSL's DSA private key).
 */
function classifyDer(der: string): { kind: DerKind; asn: forge.asn1.Asn1 | undefined } {
  let asn: forge.asn1.Asn1;
  try {
    // Lenient on trailing bytes (a base64 body with padding junk), strict on structure.
    asn = forge.asn1.fromDer(der, { strict: false, parseAllBytes: false } as any);
  } catch {
    return { kind: "unknown", asn: undefined };
  }
  const { Class, Type } = forge.asn1;
  if (asn.tagClass !== Class.UNIVERSAL || asn.type !== Type.SEQUENCE || !Array.isArray(asn.value)) return { kind: "unknown", asn };
  const kids = asn.value;
  const t = (i: number) => (kids[i] && kids[i].tagClass === Class.UNIVERSAL ? kids[i].type : -1);
  const allInts = kids.length > 0 && kids.every((k) => k.tagClass === Class.UNIVERSAL && k.type === Type.INTEGER);
  if (kids.length === 2 && t(0) === Type.SEQUENCE && t(1) === Type.BITSTRING) return { kind: "spki", asn };
  if (kids.length === 2 && allInts) return { kind: "pkcs1-public", asn };
  if (kids.length === 2 && t(0) === Type.SEQUENCE && t(1) === Type.OCTETSTRING) return { kind: "pkcs8-encrypted", asn };
  if (kids.length >= 3 && t(0) === Type.INTEGER && t(1) === Type.SEQUENCE && t(2) === Type.OCTETSTRING)
    return { kind: "pkcs8-private", asn };
  if (kids.length === 3 && t(0) === Type.SEQUENCE && t(1) === Type.SEQUENCE && t(2) === Type.BITSTRING) return { kind: "certificate", asn };
  if (kids.length >= 9 && allInts) return { kind: "pkcs1-private", asn };
  if (kids.length === 6 && allInts) return { kind: "dsa-private", asn };
  if (kids.length >= 2 && t(0) === Type.INTEGER && t(1) === Type.OCTETSTRING) return { kind: "sec1-private", asn };
  return { kind: "unknown", asn };
}

const PRIVATE_HINT =
  "This looks like a PRIVATE key. Only the public key belongs here; keep the private key in a secret store " +
  "(e.g. derive the public key with `openssl rsa -in rsa_key.p8 -pubout`). The value was not logged or sent anywhere.";

function privateKeyGiven(form: string): KeyError {
  return new KeyError("PRIVATE_KEY_GIVEN", `expected an RSA public key but got a private key (${form}). ${PRIVATE_HINT}`);
}

function unparseable(detail: string): KeyError {
  return new KeyError(
    "UNPARSEABLE",
    `not a valid RSA public key: ${detail}. Expected a PEM "PUBLIC KEY" (SubjectPublicKeyInfo) or "RSA PUBLIC KEY" (PKCS#1), ` +
      "with or without the header and footer lines.",
  );
}

/** Text-level checks for private and foreign formats, run before any base64 decoding. */
function rejectByText(text: string): void {
  for (const m of text.matchAll(ANY_ARMOUR)) {
    const label = m[2];
    if (/PRIVATE KEY/.test(label)) privateKeyThrow(`PEM "${label}"`);
  }
  if (/PuTTY-User-Key-File-/i.test(text)) {
    if (/Private-Lines\s*:/i.test(text)) privateKeyThrow("PuTTY .ppk");
    throw new KeyError("UNSUPPORTED_FORMAT", "PuTTY key files are not supported; export the public key in PEM (PKCS#8/SPKI) form.");
  }
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    let jwk: unknown;
    try {
      jwk = JSON.parse(trimmed);
    } catch {
      jwk = undefined;
    }
    if (jwk && typeof jwk === "object") {
      const o = jwk as Record<string, unknown>;
      if ("d" in o || "p" in o || "q" in o || "dp" in o) privateKeyThrow("JWK with private members");
      throw new KeyError("UNSUPPORTED_FORMAT", "JWK keys are not supported; give the public key as PEM (SubjectPublicKeyInfo).");
    }
  }
  if (/^(ssh-rsa|ssh-ed25519|ecdsa-sha2-\S+|ssh-dss)\s/.test(trimmed)) {
    throw new KeyError(
      "UNSUPPORTED_FORMAT",
      "OpenSSH public keys are not supported; convert with `ssh-keygen -e -m PKCS8 -f key.pub` and pass the PEM it prints.",
    );
  }
}

function privateKeyThrow(form: string): never {
  throw privateKeyGiven(form);
}

/** Extracts the base64 payloads: every PEM block's body, or the whole input when it has no armour. */
function payloads(text: string): { label?: string; b64: string }[] {
  const blocks = [...text.matchAll(PEM_BLOCK)];
  if (blocks.length > 0) return blocks.map((m) => ({ label: m[1], b64: m[2] }));
  // No complete block: strip any stray armour line (header without footer or the reverse).
  return [{ b64: text.replace(ANY_ARMOUR, "") }];
}

/** Removes whitespace, including literal `\n` escape sequences that survive copy-paste from JSON/YAML. */
function compactBase64(s: string): string {
  return s.replace(/\\[nr]/g, "").replace(/\s+/g, "");
}

/** Headers such as `Proc-Type:` inside a PEM block mean legacy OpenSSL encryption (only used for private keys). */
function hasPemHeaders(b64: string): boolean {
  return /^[A-Za-z-]+:/m.test(b64);
}

/**
 * Parses an RSA public key given in any common text form and returns it in Snowflake's form.
 *
 * Accepts: PEM `PUBLIC KEY` (SPKI) or `RSA PUBLIC KEY` (PKCS#1, converted to SPKI), with or without
 * header/footer, with any line breaks, indentation or `\r\n`; a bare base64 body of either structure.
 *
 * Refuses, with a {@link KeyError} whose message never contains the input:
 * - every private-key form (`PRIVATE_KEY_GIVEN`): PEM `PRIVATE KEY`, `RSA PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`,
 *   `EC PRIVATE KEY`, `DSA PRIVATE KEY`, `OPENSSH PRIVATE KEY`, PuTTY `.ppk`, JWK with `d`, and headerless
 *   base64 bodies of PKCS#8, encrypted PKCS#8, PKCS#1, SEC1 and DSA private keys;
 * - RSA keys under 2048 bits (`KEY_TOO_SMALL`), non-RSA keys (`NOT_RSA`), certificates (`CERTIFICATE_GIVEN`),
 *   OpenSSH/PuTTY/JWK public keys (`UNSUPPORTED_FORMAT`), anything else (`UNPARSEABLE`).
 */
export function normalizePublicKey(input: string, options: NormalizePublicKeyOptions = {}): NormalizedPublicKey {
  if (typeof input !== "string" || input.trim() === "") throw unparseable("the value is empty");
  rejectByText(input);
  const parts = payloads(input);
  if (parts.length > 1) {
    // Check every block for private material before complaining about the count.
    for (const p of parts) {
      const b = compactBase64(p.b64);
      if (BASE64.test(b)) {
        const kind = classifyDer(forge.util.decode64(b)).kind;
        if (kind.endsWith("private") || kind === "pkcs8-encrypted") privateKeyThrow(describeKind(kind));
      }
    }
    throw unparseable(`found ${parts.length} PEM blocks; give exactly one public key`);
  }
  const part = parts[0];
  if (part.label && part.label !== "PUBLIC KEY" && part.label !== "RSA PUBLIC KEY") {
    if (part.label === "CERTIFICATE") {
      throw new KeyError(
        "CERTIFICATE_GIVEN",
        "got an X.509 certificate; give its public key instead (`openssl x509 -in cert.pem -pubkey -noout`).",
      );
    }
    throw unparseable(`unexpected PEM block type "${part.label}"`);
  }
  if (hasPemHeaders(part.b64)) privateKeyThrow("legacy OpenSSL-encrypted PEM");
  const b64 = compactBase64(part.b64);
  if (!BASE64.test(b64) || b64.length % 4 === 1) throw unparseable("the body is not base64");
  const der = forge.util.decode64(b64);
  if (der.startsWith("openssh-key-v1\0")) privateKeyThrow("OpenSSH private key");
  const { kind, asn } = classifyDer(der);
  switch (kind) {
    case "spki":
    case "pkcs1-public":
      break;
    case "pkcs8-private":
    case "pkcs8-encrypted":
    case "pkcs1-private":
    case "sec1-private":
    case "dsa-private":
      throw privateKeyGiven(describeKind(kind));
    case "certificate":
      throw new KeyError(
        "CERTIFICATE_GIVEN",
        "got an X.509 certificate; give its public key instead (`openssl x509 -in cert.pem -pubkey -noout`).",
      );
    case "unknown":
      throw unparseable("the body is not a DER SubjectPublicKeyInfo or RSAPublicKey");
  }
  // Some tools label an SPKI body "RSA PUBLIC KEY" (e.g. Terraform's test helper): the DER decides, not the label.
  let key: forge.pki.rsa.PublicKey;
  try {
    if (kind === "spki") {
      const oid = readSpkiOid(asn as forge.asn1.Asn1);
      if (oid === EC_PUBLIC_KEY_OID && options.allowEc) return normalizeEc(der);
      if (oid !== forge.pki.oids.rsaEncryption) {
        throw new KeyError("NOT_RSA", `not an RSA key (algorithm ${oidName(oid)}); Snowflake key-pair authentication needs RSA.`);
      }
    }
    key = forge.pki.publicKeyFromAsn1(asn as forge.asn1.Asn1);
  } catch (e) {
    if (e instanceof KeyError) throw e;
    throw unparseable("the DER structure does not hold an RSA public key");
  }
  const bits = key.n.bitLength();
  if (bits < MIN_RSA_BITS) {
    throw new KeyError("KEY_TOO_SMALL", `RSA key is ${bits} bits; Snowflake requires at least ${MIN_RSA_BITS} bits.`);
  }
  return fromForgePublicKey(key);
}

/** @internal Builds the normalised form from a node-forge public key (re-encoded canonically as DER SPKI). */
export function fromForgePublicKey(key: forge.pki.rsa.PublicKey): NormalizedPublicKey {
  const spkiDer = forge.asn1.toDer(forge.pki.publicKeyToAsn1(key)).getBytes();
  return { body: forge.util.encode64(spkiDer), fingerprint: fingerprintOfDer(spkiDer), bits: key.n.bitLength(), algorithm: "RSA" };
}

/** An EC SPKI (forge has no EC support, so node:crypto parses it and re-encodes it canonically). */
function normalizeEc(der: string): NormalizedPublicKey {
  let named: string | undefined;
  let spkiDer: string;
  try {
    const key = createPublicKey({ key: Buffer.from(der, "binary"), format: "der", type: "spki" });
    named = key.asymmetricKeyDetails?.namedCurve;
    spkiDer = key.export({ type: "spki", format: "der" }).toString("binary");
  } catch {
    throw unparseable("the DER structure does not hold an EC public key");
  }
  const c = named ? EC_CURVES[named] : undefined;
  if (!c) {
    throw new KeyError("UNSUPPORTED_CURVE", `EC key on curve ${named ?? "(unnamed)"}; Snowflake accepts only P-256, P-384 and P-521.`);
  }
  return { body: forge.util.encode64(spkiDer), fingerprint: fingerprintOfDer(spkiDer), bits: c.bits, algorithm: "EC", curve: c.curve };
}

/** @internal `SHA256:` + base64(sha256(der)), der as a forge binary string. */
export function fingerprintOfDer(der: string): string {
  const md = forge.md.sha256.create();
  md.update(der, "raw");
  return "SHA256:" + forge.util.encode64(md.digest().getBytes());
}

/** @internal The fingerprint of a base64 DER text, unvalidated (what DESCRIBE printed). */
export function fingerprintOfBase64Der(b64: string): string {
  return fingerprintOfDer(forge.util.decode64(b64));
}

/**
 * Snowflake's fingerprint of a public key: `SHA256:` + base64(SHA-256(DER SubjectPublicKeyInfo)).
 * Byte-identical to `RSA_PUBLIC_KEY_FP`, `RSA_PUBLIC_KEY_2_FP`, `OAUTH_CLIENT_RSA_PUBLIC_KEY_FP` and `..._2_FP`.
 * Accepts every form {@link normalizePublicKey} accepts (PKCS#1 keys are fingerprinted as their SPKI form).
 */
export function fingerprint(publicKey: string): string {
  return normalizePublicKey(publicKey).fingerprint;
}

/** Wraps a base64 SPKI body as a PEM `PUBLIC KEY` block with 64-column lines. */
export function toPublicKeyPem(body: string): string {
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join("\n")}\n-----END PUBLIC KEY-----\n`;
}

/** True when `s` has the exact shape of a Snowflake fingerprint (`SHA256:` + 44 base64 chars). */
export function isFingerprint(s: unknown): s is string {
  return typeof s === "string" && /^SHA256:[A-Za-z0-9+/]{43}=$/.test(s);
}

function readSpkiOid(spki: forge.asn1.Asn1): string {
  const alg = (spki.value as forge.asn1.Asn1[])[0];
  const oidNode = (alg.value as forge.asn1.Asn1[])[0];
  return forge.asn1.derToOid(oidNode.value as string);
}

function oidName(oid: string): string {
  const known: Record<string, string> = {
    "1.2.840.10045.2.1": "EC",
    "1.3.101.112": "Ed25519",
    "1.3.101.113": "Ed448",
    "1.2.840.10040.4.1": "DSA",
    "1.2.840.113549.1.1.10": "RSASSA-PSS",
  };
  return known[oid] ?? `OID ${oid}`;
}

function describeKind(kind: DerKind): string {
  switch (kind) {
    case "pkcs8-private":
      return "PKCS#8 PrivateKeyInfo";
    case "pkcs8-encrypted":
      return "encrypted PKCS#8";
    case "pkcs1-private":
      return "PKCS#1 RSAPrivateKey";
    case "sec1-private":
      return "SEC1 EC private key";
    case "dsa-private":
      return "DSA private key";
    default:
      return kind;
  }
}
