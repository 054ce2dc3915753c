/**
 * Loading RSA private keys (for signing JWTs) with node-forge.
 *
 * The loaded key is held in an ECMAScript private field, so `JSON.stringify`, `console.log` and
 * `util.inspect` of an {@link RsaPrivateKey} never show key material.
 */
import * as forge from "node-forge";
import { createPrivateKey, sign as nodeSign, KeyObject } from "node:crypto";
import { KeyError } from "./errors";
import { fromForgePublicKey, NormalizedPublicKey } from "./public-key";

/** An RSA private key ready to sign, with the public half in Snowflake's form. */
export class RsaPrivateKey {
  readonly #key: forge.pki.rsa.PrivateKey;
  #nodeKey: KeyObject | undefined;
  /** The public half: SPKI body, Snowflake fingerprint, bits. */
  readonly publicKey: NormalizedPublicKey;

  /** @internal use {@link loadPrivateKey}. */
  constructor(key: forge.pki.rsa.PrivateKey) {
    this.#key = key;
    this.publicKey = fromForgePublicKey(forge.pki.setRsaPublicKey(key.n, key.e));
  }

  /** Snowflake fingerprint of the public half (`SHA256:...`). */
  get fingerprint(): string {
    return this.publicKey.fingerprint;
  }

  /**
   * RSASSA-PKCS1-v1_5 with SHA-256 (JWS `RS256`) over the UTF-8 bytes of `data`; returns the raw signature bytes.
   *
   * Signing uses node:crypto, not node-forge: forge's pure-JavaScript modular exponentiation costs ~30 ms of CPU
   * per 2048-bit signature (measured here), which a client minting a JWT per call cannot afford. The key is still
   * parsed and decrypted by node-forge; node:crypto only receives forge's unencrypted PKCS#8 DER, in memory.
   */
  signRs256(data: string): Buffer {
    this.#nodeKey ??= createPrivateKey({
      key: Buffer.from(forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(this.#key))).getBytes(), "binary"),
      format: "der",
      type: "pkcs8",
    });
    return nodeSign("sha256", Buffer.from(data, "utf8"), this.#nodeKey);
  }

  /** Unencrypted PKCS#8 PEM of this key. Handle as a secret. */
  toPkcs8Pem(): string {
    return forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(this.#key)));
  }

  toJSON(): { fingerprint: string } {
    return { fingerprint: this.fingerprint };
  }
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/;

/**
 * Parses an RSA private key: PEM `PRIVATE KEY` (PKCS#8), `ENCRYPTED PRIVATE KEY` (PKCS#8 encrypted under
 * `passphrase`, as `openssl pkcs8 -topk8` writes it: PBES2 with PBKDF2-HMAC-SHA1/SHA256 and AES or 3DES),
 * `RSA PRIVATE KEY` (PKCS#1, optionally with legacy OpenSSL `Proc-Type` encryption), or a headerless
 * base64 body of an unencrypted PKCS#8/PKCS#1 key.
 *
 * Errors (never containing the key or passphrase): `PASSPHRASE_REQUIRED`, `DECRYPT_FAILED`,
 * `PUBLIC_KEY_GIVEN`, `NOT_RSA`, `UNPARSEABLE`.
 */
export function loadPrivateKey(pem: string, passphrase?: string): RsaPrivateKey {
  if (typeof pem !== "string" || pem.trim() === "") throw new KeyError("UNPARSEABLE", "private key is empty");
  const text = pem.replace(/\\n/g, "\n");
  const block = PEM_BLOCK.exec(text);
  const label = block ? block[1] : undefined;
  if (label === "PUBLIC KEY" || label === "RSA PUBLIC KEY") {
    throw new KeyError("PUBLIC_KEY_GIVEN", "expected a private key but got a public key.");
  }
  if (label === "OPENSSH PRIVATE KEY") {
    throw new KeyError("UNSUPPORTED_FORMAT", "OpenSSH private keys are not supported; convert with `ssh-keygen -p -m PKCS8 -f key`.");
  }
  if (label === "EC PRIVATE KEY" || label === "DSA PRIVATE KEY") {
    throw new KeyError("NOT_RSA", "not an RSA private key; Snowflake key-pair authentication needs RSA.");
  }
  const encrypted = label === "ENCRYPTED PRIVATE KEY" || (label === "RSA PRIVATE KEY" && /Proc-Type:\s*4,ENCRYPTED/.test(block![0]));
  if (encrypted) {
    if (passphrase === undefined || passphrase === "") {
      throw new KeyError("PASSPHRASE_REQUIRED", "the private key is encrypted; a passphrase is required.");
    }
    // PKCS#5 passwords are octets: OpenSSL and Node use the UTF-8 bytes; node-forge wants a binary string.
    let key: forge.pki.rsa.PrivateKey | null = null;
    try {
      key = forge.pki.decryptRsaPrivateKey(block![0], forge.util.encodeUtf8(passphrase)) as forge.pki.rsa.PrivateKey | null;
    } catch {
      key = null;
    }
    if (!key) {
      throw new KeyError(
        "DECRYPT_FAILED",
        "could not decrypt the private key: wrong passphrase, or an encryption scheme node-forge does not support " +
          "(use `openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256`).",
      );
    }
    return new RsaPrivateKey(key);
  }
  let der: string;
  if (block) {
    if (label !== "PRIVATE KEY" && label !== "RSA PRIVATE KEY") {
      throw new KeyError("UNPARSEABLE", `unexpected PEM block type "${label}" where an RSA private key belongs.`);
    }
    der = forge.pem.decode(block[0])[0].body;
  } else {
    const b64 = text.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, "").replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw new KeyError("UNPARSEABLE", "private key is neither PEM nor base64.");
    der = forge.util.decode64(b64);
  }
  let asn: forge.asn1.Asn1;
  try {
    asn = forge.asn1.fromDer(der);
  } catch {
    throw new KeyError("UNPARSEABLE", "private key is not valid DER.");
  }
  const kids = Array.isArray(asn.value) ? asn.value : [];
  if (kids.length === 2 && kids[0].type === forge.asn1.Type.SEQUENCE && kids[1].type === forge.asn1.Type.OCTETSTRING) {
    // Headerless EncryptedPrivateKeyInfo.
    if (!passphrase) throw new KeyError("PASSPHRASE_REQUIRED", "the private key is encrypted; a passphrase is required.");
    try {
      const info = forge.pki.decryptPrivateKeyInfo(asn, forge.util.encodeUtf8(passphrase));
      if (!info) throw new Error("decrypt");
      return new RsaPrivateKey(forge.pki.privateKeyFromAsn1(info));
    } catch {
      throw new KeyError("DECRYPT_FAILED", "could not decrypt the private key (wrong passphrase or unsupported scheme).");
    }
  }
  if (kids.length === 2) {
    // SubjectPublicKeyInfo or RSAPublicKey.
    throw new KeyError("PUBLIC_KEY_GIVEN", "expected a private key but got a public key.");
  }
  try {
    return new RsaPrivateKey(forge.pki.privateKeyFromAsn1(asn));
  } catch {
    throw new KeyError("UNPARSEABLE", "not an RSA private key (PKCS#8 or PKCS#1 expected).");
  }
}
