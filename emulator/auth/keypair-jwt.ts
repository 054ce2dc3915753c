/**
 * Key-pair JWT verification, shared by login (`AUTHENTICATOR = SNOWFLAKE_JWT`) and the SQL API
 * (`X-Snowflake-Authorization-Token-Type: KEYPAIR_JWT`).
 *
 * Claims (https://docs.snowflake.com/en/developer-guide/sql-api/authenticating, key-pair-auth):
 * `iss = ACCOUNT.USER.SHA256:<fp>`, `sub = ACCOUNT.USER`, `iat`, `exp` (seconds or milliseconds, read by
 * `claimSeconds` in auth/jwt.ts). RS256 only. The key is chosen by the fingerprint among the user's
 * RSA_PUBLIC_KEY and RSA_PUBLIC_KEY_2.
 *
 * Clients see 390144 "JWT token is invalid." for every failure (as Snowflake does); the specific reason
 * code from SYSTEM$GET_LOGIN_FAILURE_DETAILS (3943xx) is in `JwtError.reason` for the statement log.
 * @internal
 */
import { SnowflakeError } from "../errors";
import { Catalog, UserRecord } from "../catalog/state";
import { parseRsaPublicKey } from "./rsa";
import { claimSeconds, decodeJwt, verifyRs256 } from "./jwt";

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

export interface VerifiedJwt {
  readonly user: string;
  /** Which key slot matched (1 = RSA_PUBLIC_KEY, 2 = RSA_PUBLIC_KEY_2). */
  readonly slot: 1 | 2;
}

/**
 * Verify a key-pair JWT against the catalog. `account` is the emulator's account name.
 * Throws JwtError (390144, with `reason`) on any failure.
 */
export function verifyKeypairJwt(catalog: Readonly<Catalog>, account: string, token: string, now: Date): VerifiedJwt {
  const jwt = decodeJwt(token);
  if (!jwt) throw new JwtError(JWT_REASON.MALFORMED);
  const { header, payload } = jwt;
  if (header.alg !== "RS256") throw new JwtError(JWT_REASON.INVALID_ALGORITHM);
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
  let slot: 1 | 2;
  let body: string;
  if (user.rsaPublicKeyFp === fp && user.rsaPublicKey) {
    slot = 1;
    body = user.rsaPublicKey;
  } else if (user.rsaPublicKey2Fp === fp && user.rsaPublicKey2) {
    slot = 2;
    body = user.rsaPublicKey2;
  } else {
    throw new JwtError(JWT_REASON.FINGERPRINT_MISMATCH);
  }
  const key = parseRsaPublicKey(body).key;
  if (!verifyRs256(jwt, [key])) throw new JwtError(JWT_REASON.INVALID_SIGNATURE);
  return { user: user.name, slot };
}

/** Users are found by name or login name, case-insensitively (JWT claims carry upper-cased names). */
export function findUser(catalog: Readonly<Catalog>, nameOrLogin: string): UserRecord | undefined {
  const up = nameOrLogin.toUpperCase();
  if (Object.prototype.hasOwnProperty.call(catalog.users, nameOrLogin)) return catalog.users[nameOrLogin];
  return Object.values(catalog.users).find((u) => u.loginName === up || u.name.toUpperCase() === up);
}
