/**
 * URLs of the Snowflake OAuth custom-client flow
 * (https://docs.snowflake.com/en/user-guide/oauth-custom, "Authorization endpoint" / "Token endpoint").
 */
import { accountUrl } from "./jwt";
import { isCodeVerifier } from "./pkce";

/** Options of {@link authorizationUrl}. */
export interface AuthorizationUrlOptions {
  /** Account URL (`https://myorg-myaccount.snowflakecomputing.com`, or the emulator's URL) or account identifier. */
  account: string;
  /** The integration's `OAUTH_CLIENT_ID` (contains `+`, `/`, `=`: encoded here). */
  clientId: string;
  /** Must equal the integration's `OAUTH_REDIRECT_URI`. */
  redirectUri: string;
  /** Opaque value echoed back; at most 2048 ASCII characters (error 390305 otherwise). */
  state?: string;
  /** Ask for a refresh token (`refresh_token` scope). Default value is `false`. */
  refreshToken?: boolean;
  /**
   * Role for the session: `session:role:<ROLE>` (case-sensitive, as stored), or `session:role-encoded:<url-encoded>`
   * when the name has characters other than letters, digits, `_` and `$`.
   */
  role?: string;
  /** Extra scopes, appended as given. */
  extraScopes?: string[];
  /** PKCE S256 challenge (`codeChallengeS256(verifier)`); `code_challenge_method=S256` is added with it. */
  codeChallenge?: string;
}

/** The scope list, space-delimited as the docs show. */
export function oauthScope(o: { refreshToken?: boolean; role?: string; extraScopes?: string[] }): string {
  const scopes: string[] = [];
  if (o.refreshToken) scopes.push("refresh_token");
  if (o.role !== undefined) {
    if (o.role === "") throw new RangeError("role must not be empty.");
    scopes.push(/^[A-Za-z0-9_$]+$/.test(o.role) ? `session:role:${o.role}` : `session:role-encoded:${encodeURIComponent(o.role)}`);
  }
  scopes.push(...(o.extraScopes ?? []));
  return scopes.join(" ");
}

/** `GET <account_url>/oauth/authorize?...`, every parameter percent-encoded (spaces as `%20`). */
export function authorizationUrl(o: AuthorizationUrlOptions): string {
  if (!o.clientId) throw new RangeError("clientId is required.");
  if (!o.redirectUri) throw new RangeError("redirectUri is required.");
  if (o.state !== undefined && (o.state.length > 2048 || !/^[\x20-\x7e]*$/.test(o.state))) {
    throw new RangeError("state must be at most 2048 printable ASCII characters (Snowflake error 390305).");
  }
  if (o.codeChallenge !== undefined && !/^[A-Za-z0-9\-_]{43}$/.test(o.codeChallenge)) {
    if (isCodeVerifier(o.codeChallenge)) throw new RangeError("codeChallenge looks like a verifier; pass codeChallengeS256(verifier).");
    throw new RangeError("codeChallenge must be a base64url SHA-256 (43 characters).");
  }
  const params: [string, string][] = [
    ["client_id", o.clientId],
    ["response_type", "code"],
    ["redirect_uri", o.redirectUri],
  ];
  if (o.state !== undefined) params.push(["state", o.state]);
  const scope = oauthScope(o);
  if (scope) params.push(["scope", scope]);
  if (o.codeChallenge !== undefined) params.push(["code_challenge", o.codeChallenge], ["code_challenge_method", "S256"]);
  const q = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
  return `${accountUrl(o.account)}/oauth/authorize?${q}`;
}

/** `<account_url>/oauth/token-request`. */
export function tokenEndpointUrl(account: string): string {
  return `${accountUrl(account)}/oauth/token-request`;
}
