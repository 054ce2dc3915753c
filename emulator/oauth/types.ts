/**
 * OAuth state kept in the catalog (`catalog.oauth`): authorization codes, access tokens and refresh
 * tokens issued by the emulator's Snowflake OAuth endpoints.
 *
 * Tokens and codes are never stored in clear: each map is keyed by `tokenKey(value)` =
 * hex(sha256(value)), so the persisted catalog cannot be replayed. Records name the integration by its
 * client id, so a dropped or replaced integration (new client id) invalidates everything it issued.
 * @internal
 */
import { createHash } from "node:crypto";

export interface AuthorizationCodeRecord {
  clientId: string;
  integration: string;
  user: string;
  role: string;
  /** redirect_uri as sent to /oauth/authorize (must be repeated at the token endpoint). */
  redirectUri: string;
  scope: string;
  /** The `refresh_token` scope was requested (and consented). */
  offlineAccess: boolean;
  codeChallenge?: string;
  /** ISO time. Codes live 10 minutes (FIDELITY.md). */
  expiresAt: string;
  used: boolean;
}

export interface AccessTokenRecord {
  clientId: string;
  integration: string;
  user: string;
  role: string;
  scope: string;
  issuedAt: string;
  expiresAt: string;
}

export interface RefreshTokenRecord extends AccessTokenRecord {
  /** Set once a refresh token was exchanged while OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED was TRUE. */
  used: boolean;
}

export interface OAuthState {
  codes: Record<string, AuthorizationCodeRecord>;
  accessTokens: Record<string, AccessTokenRecord>;
  refreshTokens: Record<string, RefreshTokenRecord>;
}

export function emptyOAuthState(): OAuthState {
  return { codes: {}, accessTokens: {}, refreshTokens: {} };
}

/** Map key for a code or token: hex(sha256(value)). */
export function tokenKey(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
