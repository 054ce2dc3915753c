/**
 * Key-pair JWT verification, shared by login (`AUTHENTICATOR = SNOWFLAKE_JWT`) and the SQL API
 * (`X-Snowflake-Authorization-Token-Type: KEYPAIR_JWT`).
 *
 * Claims (https://docs.snowflake.com/en/developer-guide/sql-api/authenticating, key-pair-auth):
 * `iss = ACCOUNT.USER.SHA256:<fp>`, `sub = ACCOUNT.USER`, `iat`, `exp` (seconds or milliseconds, read by
 * `claimSeconds` in auth/jwt.ts). The key is chosen by the fingerprint among the user's RSA_PUBLIC_KEY and
 * RSA_PUBLIC_KEY_2 (RS256) and every ACTIVE named key pair, rotated-out keys in their grace period included
 * (https://docs.snowflake.com/sql-reference/sql/alter-user-rotate-key-pair: "The prior key is retained for a
 * configurable grace period"). RSA keys sign RS256; EC keys ES256 (P-256), ES384 (P-384), ES512 (P-521)
 * (https://docs.snowflake.com/en/user-guide/key-pair-auth, supported algorithms). An EXPIRED or DISABLED key, a removed
 * one or a tombstone past its grace period is refused like an unknown key (394304; the reason is unsourced).
 *
 * Clients see 390144 "JWT token is invalid." for every failure (as Snowflake does); the specific reason
 * code from SYSTEM$GET_LOGIN_FAILURE_DETAILS (3943xx) is in `JwtError.reason` for the statement log.
 * @internal
 */
import { SnowflakeError } from "../errors";
import type { KeyObject } from "node:crypto";
import { Catalog, UserRecord } from "../catalog/state";
import { keyPairStatus, liveKeyPairs } from "../catalog/key-pairs";
import { EC_CURVES, parseKeyPairPublicKey, parseRsaPublicKey } from "./rsa";
import { claimSeconds, decodeJwt, verifyJws } from "./jwt";

export const JWT_REASON = {
  ACCOUNT_MISMATCH: "394307",
  INVALID_USER_IN_ISSUER: "394300",
  MISSING_ISSUE_OR_EXPIRATION_TIME: "394301",
  INVALID_ISSUE_TIME: "394302",
  INVALID_EXPIRATION_TIME: "394303",
  FINGERPRINT_MISMATCH: "394304",
  INVALID_ALGORITHM: "394305",
  INVALID_SIGNATURE: "394306",
  MALFORMED: "390144",
} as const;

export class JwtError extends SnowflakeError {
  constructor(readonly reason: string) {
    super("390144", "08004", "JWT token is invalid.", { data: { errorCode: "390144" } });
    this.name = "JwtError";
  }
}

/** Allowed clock skew for `iat` in the future, and the maximum lifetime `exp - iat` (1 hour). */
const SKEW_SEC = 60;
const MAX_LIFETIME_SEC = 3600;

/** Strip region/cloud segments: `xy123.us-east-1` → `XY123`. */
export function accountLocator(account: string): string {
  return account.split(".")[0].toUpperCase();
}

/** Every `alg` a key-pair JWT may carry; which one fits is decided by the key the fingerprint selects. */
const ALGORITHMS = new Set(["RS256", "ES256", "ES384", "ES512"]);

export interface VerifiedJwt {
  readonly user: string;
  /** Which legacy key slot matched (1 = RSA_PUBLIC_KEY, 2 = RSA_PUBLIC_KEY_2); undefined for a named key pair. */
  readonly slot?: 1 | 2;
  /** The named key pair that matched (its stored name at login time). */
  readonly keyPair?: string;
  /** That key pair's ROLE_RESTRICTION, which the login's session role must equal (`session-role.ts`). */
  readonly roleRestriction?: string;
}

/** The key a fingerprint selects, with the one `alg` that may sign for it. */
interface SelectedKey {
  readonly key: KeyObject;
  readonly alg: string;
  readonly slot?: 1 | 2;
  readonly keyPair?: string;
  readonly roleRestriction?: string;
}

function selectKey(user: Readonly<UserRecord>, fp: string, now: Date): SelectedKey {
  if (user.rsaPublicKeyFp === fp && user.rsaPublicKey) return { key: parseRsaPublicKey(user.rsaPublicKey).key, alg: "RS256", slot: 1 };
  if (user.rsaPublicKey2Fp === fp && user.rsaPublicKey2) return { key: parseRsaPublicKey(user.rsaPublicKey2).key, alg: "RS256", slot: 2 };
  const k = liveKeyPairs(user, now).find((x) => x.fingerprint === fp && keyPairStatus(x, now) === "ACTIVE");
  if (!k) throw new JwtError(JWT_REASON.FINGERPRINT_MISMATCH);
  const parsed = parseKeyPairPublicKey(k.publicKey);
  const curve = parsed.key.asymmetricKeyDetails?.namedCurve;
  const alg = parsed.keyType === "RSA" ? "RS256" : EC_CURVES[curve ?? ""].alg;
  return { key: parsed.key, alg, keyPair: k.name, roleRestriction: k.roleRestriction };
}

/**
 * Verify a key-pair JWT against the catalog. `account` is the emulator's account name.
 * Throws JwtError (390144, with `reason`) on any failure.
 */
export function verifyKeypairJwt(catalog: Readonly<Catalog>, account: string, token: string, now: Date): VerifiedJwt {
  const jwt = decodeJwt(token);
  if (!jwt) throw new JwtError(JWT_REASON.MALFORMED);
  const { header, payload } = jwt;
  if (typeof header.alg !== "string" || !ALGORITHMS.has(header.alg)) throw new JwtError(JWT_REASON.INVALID_ALGORITHM);
  const iss = typeof payload.iss === "string" ? payload.iss : "";
  const sub = typeof payload.sub === "string" ? payload.sub : "";
  const m = /^([^.]+(?:\.[^.]+)*?)\.([^.]+)\.(SHA256:[A-Za-z0-9+/=]+)$/.exec(iss);
  if (!m) throw new JwtError(JWT_REASON.INVALID_USER_IN_ISSUER);
  const [, issAccount, issUser, fp] = m;
  if (
    accountLocator(issAccount) !== accountLocator(account).replace(/\./g, "-") &&
    accountLocator(issAccount) !== accountLocator(account)
  ) {
    throw new JwtError(JWT_REASON.ACCOUNT_MISMATCH);
  }
  const subParts = sub.split(".");
  if (subParts.length < 2 || subParts[subParts.length - 1].toUpperCase() !== issUser.toUpperCase()) {
    throw new JwtError(JWT_REASON.INVALID_USER_IN_ISSUER);
  }
  const user = findUser(catalog, issUser);
  if (!user) throw new JwtError(JWT_REASON.INVALID_USER_IN_ISSUER);
  const iat = claimSeconds(payload.iat);
  const exp = claimSeconds(payload.exp);
  if (iat === undefined || exp === undefined) throw new JwtError(JWT_REASON.MISSING_ISSUE_OR_EXPIRATION_TIME);
  const nowSec = now.getTime() / 1000;
  if (iat > nowSec + SKEW_SEC) throw new JwtError(JWT_REASON.INVALID_ISSUE_TIME);
  if (exp <= nowSec || exp - iat > MAX_LIFETIME_SEC + SKEW_SEC || nowSec - iat > MAX_LIFETIME_SEC) {
    throw new JwtError(JWT_REASON.INVALID_EXPIRATION_TIME);
  }
  const sel = selectKey(user, fp, now);
  if (header.alg !== sel.alg) throw new JwtError(JWT_REASON.INVALID_ALGORITHM);
  if (!verifyJws(jwt, sel.key, sel.alg)) throw new JwtError(JWT_REASON.INVALID_SIGNATURE);
  return { user: user.name, slot: sel.slot, keyPair: sel.keyPair, roleRestriction: sel.roleRestriction };
}

/** Users are found by name or login name, case-insensitively (JWT claims carry upper-cased names). */
export function findUser(catalog: Readonly<Catalog>, nameOrLogin: string): UserRecord | undefined {
  const up = nameOrLogin.toUpperCase();
  if (Object.prototype.hasOwnProperty.call(catalog.users, nameOrLogin)) return catalog.users[nameOrLogin];
  return Object.values(catalog.users).find((u) => u.loginName === up || u.name.toUpperCase() === up);
}
