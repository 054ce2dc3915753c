/**
 * `POST /oauth/token-request` grants: authorization_code (with PKCE) and refresh_token
 * (https://docs.snowflake.com/en/user-guide/oauth-custom#token-endpoint). The integration's network
 * policy (else the account's) governs the caller. Unsourced choices: FIDELITY.md.
 * @internal
 */
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { userCanUseRole } from "../catalog/privileges";
import type { EmulatorServices } from "../exec/context";
import type { IntegrationRecord } from "../objects/integration";
import { blockedRoles, setting } from "../objects/integration-settings";
import { clientIp, policyAllows } from "../auth/network";
import { envOf } from "../exec/integrations";
import { newOpaque, purgeExpired } from "./tokens";
import { tokenKey } from "./types";
import { authenticateClient } from "./client-auth";
import { invalidGrant, invalidRequest, networkPolicyDenied, Outcome, tokenError } from "./failures";

export function tokenRequest(req: IncomingMessage, body: Buffer, emu: EmulatorServices): Outcome {
  const contentType = String(req.headers["content-type"] ?? "")
    .split(";")[0]
    .trim()
    .toLowerCase();
  if (contentType !== "application/x-www-form-urlencoded") {
    throw invalidRequest("The request must be sent with Content-Type: application/x-www-form-urlencoded.");
  }
  const form = new URLSearchParams(body.toString("utf8"));
  const grantType = form.get("grant_type") ?? "";
  const logText = `POST /oauth/token-request grant_type=${/^[a-z_]{1,40}$/.test(grantType) ? grantType : "?"}`;
  const catalog = emu.catalog();
  const integ = authenticateClient(req, form, emu);
  const ip = clientIp(req, emu.trustForwardedFor);
  const policyName = integ.networkPolicy ?? catalog.accountParameters.NETWORK_POLICY;
  if (!policyAllows(catalog, policyName, ip)) throw networkPolicyDenied(ip);
  if (grantType === "") throw invalidRequest("Missing grant_type.");
  if (grantType === "authorization_code") return { ...codeGrant(form, integ, emu), logText };
  if (grantType === "refresh_token") return { ...refreshGrant(form, integ, emu), logText };
  throw tokenError(400, "unsupported_grant_type", "The grant type is not supported.");
}

/** The user and role a grant is for must still be usable and the role not blocked. */
function checkGrantee(emu: EmulatorServices, integ: IntegrationRecord, user: string, role: string): void {
  const catalog = emu.catalog();
  const u = catalog.users[user];
  if (!u || u.disabled || !userCanUseRole(catalog, user, role)) throw invalidGrant("The user or role of this grant is no longer valid.");
  if (blockedRoles(integ, envOf(catalog, emu.url())).includes(role)) throw invalidGrant(`Role ${role} is blocked for this integration.`);
}

function codeGrant(form: URLSearchParams, integ: IntegrationRecord, emu: EmulatorServices): Omit<Outcome, "logText"> {
  const code = form.get("code");
  if (!code) throw invalidRequest("Missing code.");
  const key = tokenKey(code);
  const rec = emu.catalog().oauth.codes[key];
  const now = emu.now();
  if (!rec || rec.used || rec.clientId !== integ.oauthClientId || Date.parse(rec.expiresAt) <= now.getTime()) {
    throw invalidGrant("The authorization code is invalid, expired or already used.");
  }
  const redirectUri = form.get("redirect_uri");
  if (redirectUri !== null && redirectUri !== rec.redirectUri)
    throw invalidGrant("The redirect_uri does not match the authorization request.");
  if (rec.codeChallenge !== undefined) {
    const verifier = form.get("code_verifier");
    if (!verifier || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) throw invalidGrant("Missing or invalid code_verifier.");
    if (createHash("sha256").update(verifier, "ascii").digest("base64url") !== rec.codeChallenge)
      throw invalidGrant("The code_verifier does not match the code_challenge.");
  }
  checkGrantee(emu, integ, rec.user, rec.role);
  const issueRefresh = rec.offlineAccess && setting(integ, "OAUTH_ISSUE_REFRESH_TOKENS") === true;
  const tokens = emu.transact((draft) => {
    const c = draft.oauth.codes[key];
    if (!c || c.used) throw invalidGrant("The authorization code is invalid, expired or already used.");
    c.used = true;
    const refreshExpires = new Date(now.getTime() + Number(setting(integ, "OAUTH_REFRESH_TOKEN_VALIDITY")) * 1000).toISOString();
    return issue(draft.oauth, integ, rec.user, rec.role, rec.scope, now, issueRefresh ? refreshExpires : undefined);
  });
  return {
    status: 200,
    headers: {},
    body: { ...tokens, username: emu.catalog().users[rec.user]?.loginName ?? rec.user },
    user: rec.user,
    role: rec.role,
  };
}

function refreshGrant(form: URLSearchParams, integ: IntegrationRecord, emu: EmulatorServices): Omit<Outcome, "logText"> {
  const token = form.get("refresh_token");
  if (!token) throw invalidRequest("Missing refresh_token.");
  const key = tokenKey(token);
  const rec = emu.catalog().oauth.refreshTokens[key];
  const now = emu.now();
  if (!rec || rec.used || rec.clientId !== integ.oauthClientId || Date.parse(rec.expiresAt) <= now.getTime()) {
    throw invalidGrant("The refresh token is invalid, expired or already used.");
  }
  checkGrantee(emu, integ, rec.user, rec.role);
  const singleUse = setting(integ, "OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED") === true;
  const tokens = emu.transact((draft) => {
    const r = draft.oauth.refreshTokens[key];
    if (!r || r.used) throw invalidGrant("The refresh token is invalid, expired or already used.");
    if (singleUse) r.used = true;
    // A single-use refresh token is replaced by a new one that keeps the original expiry (FIDELITY.md).
    return issue(draft.oauth, integ, rec.user, rec.role, rec.scope, now, singleUse ? rec.expiresAt : undefined);
  });
  return { status: 200, headers: {}, body: tokens, user: rec.user, role: rec.role };
}

/** Store a new access token (and refresh token when `refreshExpiresAt`); returns the response fields. */
function issue(
  state: Parameters<typeof purgeExpired>[0],
  integ: IntegrationRecord,
  user: string,
  role: string,
  scope: string,
  now: Date,
  refreshExpiresAt: string | undefined,
): Record<string, unknown> {
  purgeExpired(state, now);
  const clientId = integ.oauthClientId ?? "";
  const validity = Number(setting(integ, "OAUTH_ACCESS_TOKEN_VALIDITY") ?? 600);
  const access = newOpaque("ver:1-hint:emu-");
  const base = { clientId, integration: integ.name, user, role, scope, issuedAt: now.toISOString() };
  state.accessTokens[tokenKey(access)] = { ...base, expiresAt: new Date(now.getTime() + validity * 1000).toISOString() };
  const out: Record<string, unknown> = { access_token: access, token_type: "Bearer", expires_in: validity };
  if (refreshExpiresAt !== undefined) {
    const refresh = newOpaque("ver:1-hint:emu-r-");
    state.refreshTokens[tokenKey(refresh)] = { ...base, expiresAt: refreshExpiresAt, used: false };
    out.refresh_token = refresh;
    out.refresh_token_expires_in = Math.max(0, Math.floor((Date.parse(refreshExpiresAt) - now.getTime()) / 1000));
  }
  out.scope = scope;
  return out;
}
