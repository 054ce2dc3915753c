/**
 * Key-pair JWTs for Snowflake: the SQL API / REST API token of a user, and the client JWT an OAuth
 * custom client presents at the token endpoint.
 *
 * - SQL API / REST API: https://docs.snowflake.com/en/developer-guide/sql-api/authenticating and
 *   https://docs.snowflake.com/en/developer-guide/snowflake-rest-api/authentication ("Generate a JWT token"):
 *   `iss` = `ACCOUNT.USER.SHA256:<fp>`, `sub` = `ACCOUNT.USER`, account and user in upper case, an account locator
 *   without region, RS256, valid at most one hour after `iat`.
 * - OAuth token endpoint: https://docs.snowflake.com/en/user-guide/oauth-custom ("Key-pair authentication"):
 *   legacy bearer JWT with `iss` = `<client_id>.SHA256:<fp>`, `sub` = `<ACCOUNT>.<client_id>`; or the RFC 7523
 *   client assertion (`iss` = `sub` = client id, `aud` = the token endpoint URL).
 *
 * Keys are parsed and decrypted by node-forge (`loadPrivateKey`); the RS256 signature itself is computed by node:crypto
 * (`RsaPrivateKey.signRs256` explains why: forge's pure-JS RSA costs ~30 ms per signature).
 */
import { randomUUID } from "node:crypto";
import { loadPrivateKey, RsaPrivateKey } from "./keys/private-key";
import { EcPrivateKey, loadEcPrivateKey } from "./keys/ec-private-key";
import { KeyError } from "./keys/errors";

/** Snowflake's upper bound on a key-pair JWT's validity ("valid for at most one hour"). */
export const MAX_JWT_LIFETIME_SECONDS = 3600;
/** Default lifetime: 59 minutes, as Snowflake's sample `sql-api-generate-jwt.py` uses. */
export const DEFAULT_JWT_LIFETIME_SECONDS = 59 * 60;

/** A private key: PEM text (optionally encrypted PKCS#8 with `passphrase`) or a key loaded once with `loadPrivateKey`. */
export type PrivateKeyInput = string | RsaPrivateKey;

/** A user's key for {@link snowflakeKeyPairJwt}: RSA, or EC (P-256/P-384/P-521) for a named key pair. */
export type UserPrivateKeyInput = PrivateKeyInput | EcPrivateKey;

/** Options of {@link snowflakeKeyPairJwt}. */
export interface SnowflakeKeyPairJwtOptions {
  /** Account identifier in any form Snowflake prints: `myorg-myaccount`, `xy12345`, `xy12345.us-east-2.aws`, a full host or URL. */
  account: string;
  /** Login name of the user (upper-cased in the claims, as the docs require). */
  user: string;
  /** RSA for any key slot; EC (ES256/ES384/ES512 by curve) for a named key pair registered with an EC public key. */
  privateKey: UserPrivateKeyInput;
  /** Passphrase of an encrypted private key. */
  passphrase?: string;
  /** Seconds until `exp`, 1–3600. Default value is `3540` (59 minutes). */
  lifetimeSeconds?: number;
  /** Issue time (ms since epoch or a Date); default: now. */
  now?: number | Date;
}

/**
 * Normalises an account identifier for JWT claims, as Snowflake's sample `sql-api-generate-jwt.py`
 * (`prepare_account_name_for_jwt`, linked from the SQL API authentication page) does, after stripping a URL:
 *  1. A scheme (`https://`), path, port and the `.snowflakecomputing.com` / `.snowflakecomputing.cn` suffix are removed,
 *     as is a `.privatelink` segment.
 *  2. If the identifier contains `.global` (a replication/global URL, `<account>-<suffix>.global`), only the part
 *     before the first `-` is kept.
 *  3. Otherwise only the part before the first `.` is kept: an account locator with region/cloud segments
 *     (`xy12345.us-east-2.aws`) becomes the bare locator (`XY12345`); the preferred `orgname-accountname` form has
 *     no dot and is kept whole.
 *  4. The result is upper-cased.
 * Assumption: a dotted `orgname.accountname` (the SQL form) is not distinguishable from `locator.region`, so it is
 * treated as the latter; pass the `orgname-accountname` form instead.
 */
export function normalizeAccountForJwt(account: string): string {
  if (typeof account !== "string" || account.trim() === "") throw new KeyError("INVALID_ARGUMENT", "account must be a non-empty string.");
  let a = account.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  a = a.replace(/[/:?#].*$/, "");
  a = a.replace(/\.snowflakecomputing\.(com|cn)$/i, "").replace(/\.privatelink$/i, "");
  if (a.toLowerCase().includes(".global")) {
    const i = a.indexOf("-");
    if (i > 0) a = a.slice(0, i);
  } else {
    const i = a.indexOf(".");
    if (i > 0) a = a.slice(0, i);
  }
  return a.toUpperCase();
}

function asKey(k: PrivateKeyInput, passphrase?: string): RsaPrivateKey {
  return k instanceof RsaPrivateKey ? k : loadPrivateKey(k, passphrase);
}

/** RSA first (node-forge); a PEM forge cannot read as RSA is tried as EC (node:crypto), else the RSA error stands. */
function asUserKey(k: UserPrivateKeyInput, passphrase?: string): RsaPrivateKey | EcPrivateKey {
  if (k instanceof EcPrivateKey || k instanceof RsaPrivateKey) return k;
  try {
    return loadPrivateKey(k, passphrase);
  } catch (e) {
    if (!(e instanceof KeyError) || !["NOT_RSA", "UNPARSEABLE", "DECRYPT_FAILED"].includes(e.code)) throw e;
    try {
      return loadEcPrivateKey(k, passphrase);
    } catch (ec) {
      // An EC key the EC loader recognised (a curve Snowflake refuses, a missing passphrase) says so; else the RSA reason.
      if (ec instanceof KeyError && (ec.code === "UNSUPPORTED_CURVE" || ec.code === "PASSPHRASE_REQUIRED")) throw ec;
      throw e;
    }
  }
}

function nowSeconds(now?: number | Date): number {
  const ms = now === undefined ? Date.now() : now instanceof Date ? now.getTime() : now;
  return Math.floor(ms / 1000);
}

function lifetime(s: number | undefined): number {
  const v = s ?? DEFAULT_JWT_LIFETIME_SECONDS;
  if (!Number.isInteger(v) || v < 1 || v > MAX_JWT_LIFETIME_SECONDS) {
    throw new KeyError(
      "INVALID_ARGUMENT",
      `lifetimeSeconds must be an integer from 1 to ${MAX_JWT_LIFETIME_SECONDS} (Snowflake accepts at most one hour).`,
    );
  }
  return v;
}

const b64url = (b: Buffer) => b.toString("base64url");

/** Signs a JWT with RS256. */
export function signRs256Jwt(payload: Record<string, unknown>, key: RsaPrivateKey): string {
  const head = b64url(Buffer.from(JSON.stringify({ alg: "RS256", typ: "JWT" }), "utf8"));
  const body = b64url(Buffer.from(JSON.stringify(payload), "utf8"));
  const input = `${head}.${body}`;
  return `${input}.${b64url(key.signRs256(input))}`;
}

/** Signs a JWT with ES256/ES384/ES512 (by the key's curve). */
export function signEcJwt(payload: Record<string, unknown>, key: EcPrivateKey): string {
  const head = b64url(Buffer.from(JSON.stringify({ alg: key.jwsAlgorithm, typ: "JWT" }), "utf8"));
  const body = b64url(Buffer.from(JSON.stringify(payload), "utf8"));
  const input = `${head}.${body}`;
  return `${input}.${b64url(key.sign(input))}`;
}

/**
 * The key-pair JWT for the SQL API and REST APIs. Send it as `Authorization: Bearer <jwt>` with
 * `X-Snowflake-Authorization-Token-Type: KEYPAIR_JWT`.
 */
export function snowflakeKeyPairJwt(o: SnowflakeKeyPairJwtOptions): string {
  if (typeof o.user !== "string" || o.user.trim() === "") throw new KeyError("INVALID_ARGUMENT", "user must be a non-empty string.");
  const key = asUserKey(o.privateKey, o.passphrase);
  const account = normalizeAccountForJwt(o.account);
  const user = o.user.trim().toUpperCase();
  const iat = nowSeconds(o.now);
  // The fingerprint names the key, legacy slot or named pair alike (SHOW USER KEY PAIRS `fingerprint`).
  const claims = { iss: `${account}.${user}.${key.fingerprint}`, sub: `${account}.${user}`, iat, exp: iat + lifetime(o.lifetimeSeconds) };
  return key instanceof EcPrivateKey ? signEcJwt(claims, key) : signRs256Jwt(claims, key);
}

/** Options of {@link oauthClientJwt}. */
export interface OAuthClientJwtOptions {
  /** Account identifier (see {@link normalizeAccountForJwt}); used for `sub` (bearer) and the default `aud` (assertion). */
  account: string;
  /** The integration's `OAUTH_CLIENT_ID` (case-sensitive base64; never upper-cased). */
  clientId: string;
  privateKey: PrivateKeyInput;
  passphrase?: string;
  /** Seconds until `exp`, 1–3600. Default value is `300`. */
  lifetimeSeconds?: number;
  now?: number | Date;
  /**
   * `"bearer"` (default): the legacy `Authorization: Bearer` JWT, `iss` = `<client_id>.SHA256:<fp>`,
   * `sub` = `<ACCOUNT>.<client_id>`. `"client_assertion"`: RFC 7523 `private_key_jwt`, `iss` = `sub` = client id,
   * `aud` = token endpoint, with a fresh `jti`; send it as the `client_assertion` form field.
   */
  form?: "bearer" | "client_assertion";
  /** `aud` of a client assertion. Default value is `https://<account>.snowflakecomputing.com/oauth/token-request`. */
  audience?: string;
}

/** The JWT an OAuth custom client with a registered RSA key presents at `/oauth/token-request`. */
export function oauthClientJwt(o: OAuthClientJwtOptions): string {
  if (typeof o.clientId !== "string" || o.clientId === "") throw new KeyError("INVALID_ARGUMENT", "clientId must be a non-empty string.");
  const key = asKey(o.privateKey, o.passphrase);
  const iat = nowSeconds(o.now);
  const exp = iat + lifetime(o.lifetimeSeconds ?? 300);
  if ((o.form ?? "bearer") === "bearer") {
    const account = normalizeAccountForJwt(o.account);
    return signRs256Jwt({ iss: `${o.clientId}.${key.fingerprint}`, sub: `${account}.${o.clientId}`, iat, exp }, key);
  }
  const aud = o.audience ?? `${accountUrl(o.account)}/oauth/token-request`;
  return signRs256Jwt({ iss: o.clientId, sub: o.clientId, aud, iat, exp, jti: randomUUID() }, key);
}

/** Form fields of an RFC 7523 client assertion (`private_key_jwt`) for the token request body. */
export function clientAssertionFields(assertion: string): Record<string, string> {
  return { client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: assertion };
}

/**
 * `https://<account>.snowflakecomputing.com` for an account identifier; a value that already is a URL is kept
 * (without trailing slash). Underscores become hyphens in host names (account-identifier docs, "URLs").
 */
export function accountUrl(account: string): string {
  const a = account.trim();
  if (/^https?:\/\//i.test(a)) return a.replace(/\/+$/, "");
  if (/\.snowflakecomputing\.(com|cn)$/i.test(a)) return `https://${a.toLowerCase()}`;
  return `https://${a.toLowerCase().replace(/_/g, "-")}.snowflakecomputing.com`;
}

/** Splits a JWT into its decoded header and payload without verifying it (for tests and diagnostics). */
export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [h, p] = token.split(".");
  return {
    header: JSON.parse(Buffer.from(h, "base64url").toString("utf8")),
    payload: JSON.parse(Buffer.from(p, "base64url").toString("utf8")),
  };
}
