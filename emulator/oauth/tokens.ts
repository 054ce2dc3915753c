/**
 * OAuth access/refresh tokens and authorization codes issued by the emulator's Snowflake OAuth
 * endpoints, and their validation for the `OAUTH` login authenticator and the SQL API.
 *
 * Error codes (https://docs.snowflake.com/en/user-guide/oauth-snowflake-overview, "Error codes"):
 * 390303 OAUTH_ACCESS_TOKEN_INVALID, 390318 OAUTH_ACCESS_TOKEN_EXPIRED.
 * @internal
 */
import { randomBytes, randomUUID } from "node:crypto";
import { SnowflakeError } from "../errors";
import type { Catalog } from "../catalog/state";
import { userCanUseRole } from "../catalog/privileges";
import type { EmulatorServices } from "../exec/context";
import { envOf } from "../exec/integrations";
import type { IntegrationRecord } from "../objects/integration";
import { blockedRoles, setting } from "../objects/integration-settings";
import { networkPolicyDeniedMessage, policyAllows } from "../auth/network";
import { OAuthState, tokenKey } from "./types";

/** 390303 — `Invalid OAuth access token. [<uuid>]`. */
export function invalidAccessToken(): SnowflakeError {
  return new SnowflakeError("390303", "08004", `Invalid OAuth access token. [${randomUUID()}]`);
}

/** 390318 — `OAuth access token expired. [<uuid>]`. */
export function expiredAccessToken(): SnowflakeError {
  return new SnowflakeError("390318", "08004", `OAuth access token expired. [${randomUUID()}]`);
}

/** The Snowflake OAuth integration that owns a client id (undefined when dropped/replaced). */
export function integrationByClientId(catalog: Readonly<Catalog>, clientId: string): IntegrationRecord | undefined {
  return Object.values(catalog.integrations).find((r) => r.type === "OAUTH" && r.oauthClientId === clientId);
}

/** What a valid access token grants. */
export interface AccessTokenGrant {
  user: string;
  role: string;
  /** From the integration's OAUTH_USE_SECONDARY_ROLES: IMPLICIT → "ALL", NONE → "NONE". */
  secondaryRoles: "ALL" | "NONE";
}

/**
 * Validate an access token: it must exist, not be expired, and its integration must still exist
 * (same client id), be enabled, and not block the token's role; the user must still exist, be enabled and
 * hold the role. With `opts.ip`, the integration's
 * network policy (else the account's) must allow that address (docs: the integration's policy also
 * governs the client's queries to Snowflake as a resource server) — else 390422.
 */
export function validateAccessToken(emu: EmulatorServices, token: string, opts: { ip?: string } = {}): AccessTokenGrant {
  const catalog = emu.catalog();
  const rec = catalog.oauth.accessTokens[tokenKey(token)];
  if (!rec) throw invalidAccessToken();
  if (Date.parse(rec.expiresAt) <= emu.now().getTime()) throw expiredAccessToken();
  const integ = integrationByClientId(catalog, rec.clientId);
  if (!integ || setting(integ, "ENABLED") !== true) throw invalidAccessToken();
  if (blockedRoles(integ, envOf(catalog, emu.url())).includes(rec.role)) throw invalidAccessToken();
  const user = catalog.users[rec.user];
  if (!user || user.disabled || !userCanUseRole(catalog, rec.user, rec.role)) throw invalidAccessToken();
  if (opts.ip !== undefined) {
    const policyName = integ.networkPolicy ?? catalog.accountParameters.NETWORK_POLICY;
    if (!policyAllows(catalog, policyName, opts.ip)) throw new SnowflakeError("390422", "08004", networkPolicyDeniedMessage(opts.ip));
  }
  return { user: rec.user, role: rec.role, secondaryRoles: setting(integ, "OAUTH_USE_SECONDARY_ROLES") === "IMPLICIT" ? "ALL" : "NONE" };
}

/** A new opaque token/code value (never stored in clear). */
export function newOpaque(prefix: string): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** Remove expired codes and tokens (called inside a transaction). */
export function purgeExpired(state: OAuthState, now: Date): void {
  const t = now.getTime();
  for (const m of [state.codes, state.accessTokens, state.refreshTokens] as Record<string, { expiresAt: string }>[]) {
    for (const [k, v] of Object.entries(m)) if (Date.parse(v.expiresAt) <= t) delete m[k];
  }
}
