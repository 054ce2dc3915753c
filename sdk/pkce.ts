/**
 * PKCE (RFC 7636) for the Snowflake OAuth authorization-code flow. Snowflake supports only
 * `code_challenge_method=S256` (https://docs.snowflake.com/en/user-guide/oauth-custom, "Proof Key for Code Exchange").
 * Random bytes and SHA-256 come from node:crypto (no key material is involved).
 */
import { createHash, randomBytes } from "node:crypto";

/** RFC 7636 §4.1 `unreserved` characters: ALPHA / DIGIT / "-" / "." / "_" / "~". */
const UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** True when `v` is a valid RFC 7636 code verifier (43–128 unreserved characters). */
export function isCodeVerifier(v: unknown): v is string {
  return typeof v === "string" && VERIFIER.test(v);
}

/** A random code verifier of `length` (43–128) unreserved characters, without modulo bias. Default value is `64`. */
export function createCodeVerifier(length = 64): string {
  if (!Number.isInteger(length) || length < 43 || length > 128)
    throw new RangeError("code verifier length must be 43 to 128 (RFC 7636 §4.1).");
  const out: string[] = [];
  const limit = 256 - (256 % UNRESERVED.length); // 198: accept bytes below a multiple of 66
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < limit) out.push(UNRESERVED[b % UNRESERVED.length]);
      if (out.length === length) break;
    }
  }
  return out.join("");
}

/** `BASE64URL(SHA256(ASCII(code_verifier)))` (RFC 7636 §4.2, S256). */
export function codeChallengeS256(verifier: string): string {
  if (!isCodeVerifier(verifier)) throw new RangeError("not a valid code verifier (43–128 characters of A-Z a-z 0-9 - . _ ~).");
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/** A verifier and its S256 challenge. Keep `verifier` private until the token request. */
export function createPkcePair(length = 64): { verifier: string; challenge: string; method: "S256" } {
  const verifier = createCodeVerifier(length);
  return { verifier, challenge: codeChallengeS256(verifier), method: "S256" };
}
