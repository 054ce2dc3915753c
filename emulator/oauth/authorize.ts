/**
 * `GET /oauth/authorize` (https://docs.snowflake.com/en/user-guide/oauth-custom#authorization-endpoint).
 * Consent is non-interactive (an emulator has no browser): the user is identified by HTTP Basic
 * credentials of an emulator user (or, for tools that cannot send headers, the query parameters
 * `login_hint` + `password` — test use only); consent is granted unless the query has `consent=deny`
 * and the role is not pre-authorized. Unsourced choices: FIDELITY.md ("Security integrations and OAuth").
 * @internal
 */
import type { IncomingMessage } from "node:http";
import { checkPassword, UserRecord } from "../catalog/state";
import { userCanUseRole } from "../catalog/privileges";
import type { EmulatorServices } from "../exec/context";
import type { IntegrationRecord } from "../objects/integration";
import { blockedRoles, setting } from "../objects/integration-settings";
import { clientIp, policyAllows } from "../auth/network";
import { envOf } from "../exec/integrations";
import { integrationByClientId, newOpaque, purgeExpired } from "./tokens";
import { tokenKey } from "./types";
import { authorizeError, basicCredentials, HttpFailure, networkPolicyDenied, Outcome } from "./failures";

/** Authorization codes live 10 minutes (FIDELITY.md). */
const CODE_TTL_SECONDS = 600;

export function authorize(req: IncomingMessage, q: URLSearchParams, emu: EmulatorServices): Outcome {
  const catalog = emu.catalog();
  const clientId = q.get("client_id") ?? "";
  const integ = clientId ? integrationByClientId(catalog, clientId) : undefined;
  if (!integ || setting(integ, "ENABLED") !== true) throw authorizeError("390306", "Invalid client_id.");
  if (q.get("response_type") !== "code") throw authorizeError("390304", "Invalid response_type; only 'code' is supported.");
  const redirectUri = q.get("redirect_uri") ?? "";
  if (!redirectUriAllowed(integ, redirectUri)) throw authorizeError("390307", "Invalid redirect_uri.");
  const state = q.get("state");
  if (state !== null && state.length > 2048) throw authorizeError("390305", "The state parameter is longer than 2048 characters.");
  const scope = parseScope(q.get("scope") ?? "", integ);
  const challenge = q.get("code_challenge");
  const method = q.get("code_challenge_method");
  if (
    (challenge === null) !== (method === null) ||
    (method !== null && method !== "S256") ||
    (challenge !== null && !/^[A-Za-z0-9_-]{43}$/.test(challenge))
  ) {
    throw authorizeError("390311", "Invalid code_challenge or code_challenge_method.");
  }
  if (challenge === null && setting(integ, "OAUTH_ENFORCE_PKCE") === true) {
    throw authorizeError("390311", "PKCE is required by this integration: code_challenge and code_challenge_method=S256 are missing.");
  }
  const user = authenticateUser(req, q, catalog.users);
  // The browser leg is governed by the user's (else the account's) network policy, not the integration's (docs).
  const ip = clientIp(req, emu.trustForwardedFor);
  if (!policyAllows(catalog, user.networkPolicy ?? catalog.accountParameters.NETWORK_POLICY, ip)) throw networkPolicyDenied(ip);
  const role = scope.role ?? user.defaultRole ?? "PUBLIC";
  const env = envOf(catalog, emu.url());
  if (!catalog.roles[role] || !userCanUseRole(catalog, user.name, role)) {
    throw authorizeError("390308", `Invalid scope: role ${role} cannot be granted to the user.`);
  }
  if (blockedRoles(integ, env).includes(role))
    throw authorizeError("390308", `Invalid scope: role ${role} is blocked for this integration.`);
  const allowed = setting(integ, "ALLOWED_ROLES_LIST");
  if (Array.isArray(allowed) && allowed.length > 0 && !allowed.includes(role)) {
    throw authorizeError("390308", `Invalid scope: role ${role} is not allowed for this integration.`);
  }
  const preAuthorized = setting(integ, "PRE_AUTHORIZED_ROLES_LIST");
  const consentSkipped = Array.isArray(preAuthorized) && preAuthorized.includes(role);
  const location = new URL(redirectUri);
  if (q.get("consent") === "deny" && !consentSkipped) {
    location.searchParams.set("error", "access_denied");
    if (state !== null) location.searchParams.set("state", state);
    return {
      status: 302,
      headers: { Location: location.toString() },
      user: user.name,
      role,
      logText: "GET /oauth/authorize consent=denied",
    };
  }
  const code = newOpaque("");
  const scopeText = scope.text;
  emu.transact((draft) => {
    purgeExpired(draft.oauth, emu.now());
    draft.oauth.codes[tokenKey(code)] = {
      clientId,
      integration: integ.name,
      user: user.name,
      role,
      redirectUri,
      scope: scopeText,
      offlineAccess: scope.offline,
      codeChallenge: challenge ?? undefined,
      expiresAt: new Date(emu.now().getTime() + CODE_TTL_SECONDS * 1000).toISOString(),
      used: false,
    };
  });
  location.searchParams.set("code", code);
  if (state !== null) location.searchParams.set("state", state);
  if (q.get("scope") !== null) location.searchParams.set("scope", scopeText);
  return {
    status: 302,
    headers: { Location: location.toString() },
    user: user.name,
    role,
    logText: `GET /oauth/authorize consent=${consentSkipped ? "pre-authorized" : "granted"}`,
  };
}

/** redirect_uri must equal OAUTH_REDIRECT_URI or one of OAUTH_ALTERNATE_REDIRECT_URIS, ignoring query strings. */
function redirectUriAllowed(integ: IntegrationRecord, uri: string): boolean {
  if (!uri) return false;
  try {
    new URL(uri);
  } catch {
    return false;
  }
  const strip = (u: string): string => u.split("?")[0];
  const registered = [setting(integ, "OAUTH_REDIRECT_URI"), ...[setting(integ, "OAUTH_ALTERNATE_REDIRECT_URIS")].flat()];
  return registered.some((r) => typeof r === "string" && r !== "" && strip(r) === strip(uri));
}

/**
 * Scope: space-delimited `refresh_token`, one `session:role:<ROLE>` (case-sensitive) or
 * `session:role-encoded:<urlencoded ROLE>`, `session:role-any` (needs OAUTH_ANY_ROLE_MODE ≠ DISABLE).
 */
function parseScope(scope: string, integ: IntegrationRecord): { role?: string; offline: boolean; text: string } {
  let role: string | undefined;
  let offline = false;
  const parts = scope.split(/\s+/).filter((s) => s.length > 0);
  const setRole = (r: string): void => {
    if (role !== undefined || r === "") throw authorizeError("390308", "Invalid scope.");
    role = r;
  };
  for (const p of parts) {
    if (p === "refresh_token") offline = true;
    else if (p.startsWith("session:role:")) setRole(p.slice("session:role:".length));
    else if (p.startsWith("session:role-encoded:")) {
      try {
        setRole(decodeURIComponent(p.slice("session:role-encoded:".length)));
      } catch {
        throw authorizeError("390308", "Invalid scope.");
      }
    } else if (
      p === "session:role-any" &&
      setting(integ, "OAUTH_ANY_ROLE_MODE") !== "DISABLE" &&
      setting(integ, "OAUTH_ANY_ROLE_MODE") !== undefined
    ) {
      continue;
    } else throw authorizeError("390308", "Invalid scope.");
  }
  return { role, offline, text: parts.join(" ") };
}

/** HTTP Basic credentials of an emulator user, or `login_hint` + `password` query parameters. */
function authenticateUser(req: IncomingMessage, q: URLSearchParams, users: Readonly<Record<string, UserRecord>>): UserRecord {
  let login: string | undefined;
  let password: string | undefined;
  const basic = basicCredentials(req);
  if (basic) {
    login = basic.id;
    password = basic.secret;
  } else if (basic === undefined && q.get("login_hint") !== null && q.get("password") !== null) {
    login = q.get("login_hint") ?? undefined;
    password = q.get("password") ?? undefined;
  }
  const fail = (): HttpFailure =>
    new HttpFailure(
      401,
      { data: null, message: "Incorrect username or password was specified.", code: "390100", success: false },
      "390100",
      {
        "WWW-Authenticate": 'Basic realm="Snowflake OAuth (emulator)"',
      },
    );
  if (login === undefined || password === undefined) throw fail();
  const wanted = login.toUpperCase();
  const user = Object.values(users).find((u) => u.loginName.toUpperCase() === wanted || u.name === login);
  if (!user || user.disabled || !checkPassword(user.passwordHash, password)) throw fail();
  return user;
}
