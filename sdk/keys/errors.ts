/**
 * Errors raised by the key toolkit. Messages describe what was wrong with a key in general terms and
 * never contain the key, a passphrase or any part of the input: callers may log them freely.
 */

/** Why a key was refused. Stable strings that callers (and `check()` failures) can match on. */
export type KeyErrorCode =
  /** A private key was given where a public key belongs. */
  | "PRIVATE_KEY_GIVEN"
  /** The RSA modulus is shorter than 2048 bits (Snowflake's minimum). */
  | "KEY_TOO_SMALL"
  /** The key parsed, but is not RSA (e.g. EC or Ed25519). */
  | "NOT_RSA"
  /** An EC key on a curve Snowflake does not accept (only P-256, P-384, P-521). */
  | "UNSUPPORTED_CURVE"
  /** An X.509 certificate was given instead of a bare public key. */
  | "CERTIFICATE_GIVEN"
  /** A format we recognise but do not convert (OpenSSH `ssh-rsa`, PuTTY, JWK). */
  | "UNSUPPORTED_FORMAT"
  /** Nothing that parses as a key. */
  | "UNPARSEABLE"
  /** A private key is encrypted and no passphrase was given. */
  | "PASSPHRASE_REQUIRED"
  /** The passphrase does not decrypt the private key (or the encryption scheme is unsupported). */
  | "DECRYPT_FAILED"
  /** A public key was given where a private key belongs. */
  | "PUBLIC_KEY_GIVEN"
  /** An argument outside its allowed set (bits, lifetime, ...). */
  | "INVALID_ARGUMENT";

/** A key was refused. `message` names the problem, never the key. */
export class KeyError extends Error {
  readonly code: KeyErrorCode;
  constructor(code: KeyErrorCode, message: string) {
    super(message);
    this.name = "KeyError";
    this.code = code;
  }
}
