/**
 * The one JWT reader, for key-pair login / SQL API (auth/keypair-jwt.ts) and OAuth client
 * authentication (oauth/client-auth.ts). Compact serialisation, `alg` = RS256 (and, for EC keys of named key
 * pairs, ES256 / ES384 / ES512), signature checked against public keys; claims are returned unvalidated
 * (callers check iss/sub/aud/exp).
 * https://datatracker.ietf.org/doc/html/rfc7519 , https://datatracker.ietf.org/doc/html/rfc7515,
 * ECDSA signatures: https://datatracker.ietf.org/doc/html/rfc7518#section-3.4 (R || S, fixed width)
 * @internal
 */
import { KeyObject, verify } from "node:crypto";

export interface DecodedJwt {
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
  readonly signingInput: string;
  readonly signature: Buffer;
}

/** Decode without verifying. Undefined when the text is not a compact JWS with JSON header and payload. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8")) as unknown;
    const payload = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as unknown;
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload, signingInput: parts[0] + "." + parts[1], signature: Buffer.from(parts[2], "base64url") };
  } catch {
    return undefined;
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** True if `alg` is RS256 and the signature verifies with one of `keys`. */
export function verifyRs256(jwt: DecodedJwt, keys: readonly KeyObject[]): boolean {
  if (jwt.header.alg !== "RS256") return false;
  return keys.some((k) => {
    try {
      return verify("sha256", Buffer.from(jwt.signingInput), k, jwt.signature);
    } catch {
      return false;
    }
  });
}

/** The JWS hash of each ECDSA algorithm (RFC 7518 §3.4). */
const ES_HASH: Readonly<Record<string, string>> = { ES256: "sha256", ES384: "sha384", ES512: "sha512" };

/**
 * True if the signature verifies with `key` under `alg` (RS256, ES256, ES384 or ES512). ECDSA signatures are the JWS
 * raw `R || S` form (`dsaEncoding: "ieee-p1363"`). The caller decides which `alg` fits the key.
 */
export function verifyJws(jwt: DecodedJwt, key: KeyObject, alg: string): boolean {
  if (jwt.header.alg !== alg) return false;
  try {
    if (alg === "RS256") return verify("sha256", Buffer.from(jwt.signingInput), key, jwt.signature);
    const hash = ES_HASH[alg];
    if (!hash) return false;
    return verify(hash, Buffer.from(jwt.signingInput), { key, dsaEncoding: "ieee-p1363" }, jwt.signature);
  } catch {
    return false;
  }
}

/**
 * Values above this are milliseconds. RFC 7519 NumericDate is seconds, but snowflake-sdk sends
 * `iat`/`exp` as `Date.now()` milliseconds (snowflakedb/snowflake-connector-nodejs
 * lib/authentication/auth_keypair.js) and Snowflake accepts them. The cut-off itself is unsourced:
 * 1e11 s is the year 5138, 1e11 ms is 1973, so neither real reading is misclassified.
 */
const MS_THRESHOLD = 1e11;

/** The one NumericDate rule: a claim in whole seconds, or undefined when it is not a finite number. */
export function claimSeconds(v: unknown): number | undefined {
  if (typeof v !== "number" || !Number.isFinite(v)) return undefined;
  return v > MS_THRESHOLD ? Math.floor(v / 1000) : v;
}
