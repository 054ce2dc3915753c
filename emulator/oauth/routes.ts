/**
 * The Snowflake OAuth endpoints of the custom-client flow:
 * - `GET /oauth/authorize`     https://docs.snowflake.com/en/user-guide/oauth-custom#authorization-endpoint
 * - `POST /oauth/token-request` https://docs.snowflake.com/en/user-guide/oauth-custom#token-endpoint
 *
 * Consent is non-interactive (an emulator has no browser): the user is identified by HTTP Basic
 * credentials of an emulator user on the authorize request (or, for tools that cannot send headers,
 * the query parameters `login_hint` + `password` — test use only); consent is granted unless the
 * query has `consent=deny` and the role is not pre-authorized. Errors: 3903xx codes for the authorize
 * endpoint (JSON, HTTP 400/401), RFC 6749 error names in Snowflake's body shape for the token endpoint.
 * Choices without a source are in FIDELITY.md ("Security integrations and OAuth").
 * Never logs or echoes a secret, code, token, password or assertion.
 * @internal
 */
import { createHash, KeyObject, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { checkPassword, UserRecord } from "../catalog/state";
import { userCanUseRole } from "../catalog/privileges";
import type { EmulatorServices } from "../exec/context";
import { blockedRoles, IntegrationRecord, setting } from "../objects/integration";
import { tryParsePublicKey } from "../auth/rsa";
import { clientIp, networkPolicyDeniedMessage, policyAllows } from "../auth/network";
import { claimSeconds, decodeJwt, verifyRs256 } from "../auth/jwt";
import { envOf } from "../exec/integrations";
import { integrationByClientId, newOpaque, purgeExpired } from "./tokens";
import { tokenKey } from "./types";

/** Authorization codes live 10 minutes (FIDELITY.md). */
const CODE_TTL_SECONDS = 600;
const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly logCode: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message));
  }
}

/** Token endpoint error: `{"data":null,"message":...,"code":null,"success":false,"error":...}` (docs). */
function tokenError(status: number, error: string, message: string): HttpFailure {
  return new HttpFailure(status, { data: null, message, code: null, success: false, error }, error);
}
const invalidClient = (): HttpFailure => tokenError(401, "invalid_client", "This is an invalid client.");
const invalidGrant = (message: string): HttpFailure => tokenError(400, "invalid_grant", message);
const invalidRequest = (message: string): HttpFailure => tokenError(400, "invalid_request", message);

/** Authorize endpoint error: documented 3903xx code in the same body shape. */
function authorizeError(code: string, message: string, status = 400): HttpFailure {
  return new HttpFailure(status, { data: null, message, code, success: false }, code);
}

interface Outcome {
  status: number;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
  user: string | null;
  role: string | null;
  logText: string;
}

/** Route `/oauth/*` requests. The body is already gunzipped. */
export async function handleOAuthRequest(req: IncomingMessage, res: ServerResponse, body: Buffer, emu: EmulatorServices): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const method = (req.method ?? "GET").toUpperCase();
  let logText = `${method} ${url.pathname}`;
  let user: string | null = null;
  let role: string | null = null;
  try {
    let out: Outcome;
    if (url.pathname === "/oauth/authorize" && method === "GET") out = authorize(req, url.searchParams, emu);
    else if (url.pathname === "/oauth/token-request" && method === "POST") out = tokenRequest(req, body, emu);
    else throw new HttpFailure(404, { data: null, message: "Not found.", code: null, success: false, error: "invalid_request" }, "404");
    logText = out.logText;
    user = out.user;
    role = out.role;
    send(res, out.status, out.headers, out.body);
    emu.log.append({ kind: "oauth", text: logText, sessionId: null, user, role, outcome: "ok" });
  } catch (e) {
    const f = e instanceof HttpFailure ? e : new HttpFailure(500, { data: null, message: "Internal error.", code: null, success: false, error: "server_error" }, "500");
    if (!(e instanceof HttpFailure)) emu.logger.warn(`oauth: ${e instanceof Error ? e.message : String(e)}`);
    send(res, f.status, f.headers, f.body);
    emu.log.append({ kind: "oauth", text: logText, sessionId: null, user, role, outcome: "error", code: f.logCode });
  }
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: Record<string, unknown>): void {
  const h: Record<string, string> = { "Cache-Control": "no-store", Pragma: "no-cache", ...headers };
  if (body) h["Content-Type"] = "application/json";
  res.writeHead(status, h);
  res.end(body ? JSON.stringify(body) : undefined);
}

// ---------------------------------------------------------------------------------------------
// GET /oauth/authorize

function authorize(req: IncomingMessage, q: URLSearchParams, emu: EmulatorServices): Outcome {
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
  if ((challenge === null) !== (method === null) || (method !== null && method !== "S256") || (challenge !== null && !/^[A-Za-z0-9_-]{43}$/.test(challenge))) {
    throw authorizeError("390311", "Invalid code_challenge or code_challenge_method.");
  }
  if (challenge === null && setting(integ, "OAUTH_ENFORCE_PKCE") === true) {
    throw authorizeError("390311", "PKCE is required by this integration: code_challenge and code_challenge_method=S256 are missing.");
  }
  const user = authenticateUser(req, q, catalog.users);
  // The browser leg is governed by the user's (else the account's) network policy, not the integration's (docs).
  const ip = clientIp(req, emu.trustForwardedFor);
  if (!policyAllows(catalog.networkPolicies, user.networkPolicy ?? catalog.accountParameters.NETWORK_POLICY, ip)) throw networkPolicyDenied(ip);
  const role = scope.role ?? user.defaultRole ?? "PUBLIC";
  const env = envOf(catalog, emu.url());
  if (!catalog.roles[role] || !userCanUseRole(catalog, user.name, role)) {
    throw authorizeError("390308", `Invalid scope: role ${role} cannot be granted to the user.`);
  }
  if (blockedRoles(integ, env).includes(role)) throw authorizeError("390308", `Invalid scope: role ${role} is blocked for this integration.`);
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
    return { status: 302, headers: { Location: location.toString() }, user: user.name, role, logText: "GET /oauth/authorize consent=denied" };
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
    } else if (p === "session:role-any" && setting(integ, "OAUTH_ANY_ROLE_MODE") !== "DISABLE" && setting(integ, "OAUTH_ANY_ROLE_MODE") !== undefined) {
      continue;
    } else throw authorizeError("390308", "Invalid scope.");
  }
  return { role, offline, text: parts.join(" ") };
}

/** HTTP Basic credentials of an emulator user, or `login_hint` + `password` query parameters. */
function authenticateUser(req: IncomingMessage, q: URLSearchParams, users: Readonly<Record<string, UserRecord>>): UserRecord {
  let login: string | undefined;
  let password: string | undefined;
  const auth = req.headers.authorization ?? "";
  if (/^Basic\s+/i.test(auth)) {
    const decoded = Buffer.from(auth.replace(/^Basic\s+/i, ""), "base64").toString("utf8");
    const i = decoded.indexOf(":");
    if (i > 0) {
      login = decoded.slice(0, i);
      password = decoded.slice(i + 1);
    }
  } else if (q.get("login_hint") !== null && q.get("password") !== null) {
    login = q.get("login_hint") ?? undefined;
    password = q.get("password") ?? undefined;
  }
  const fail = (): HttpFailure =>
    new HttpFailure(401, { data: null, message: "Incorrect username or password was specified.", code: "390100", success: false }, "390100", {
      "WWW-Authenticate": 'Basic realm="Snowflake OAuth (emulator)"',
    });
  if (login === undefined || password === undefined) throw fail();
  const wanted = login.toUpperCase();
  const user = Object.values(users).find((u) => u.loginName.toUpperCase() === wanted || u.name === login);
  if (!user || user.disabled || !checkPassword(user.passwordHash, password)) throw fail();
  return user;
}

// ---------------------------------------------------------------------------------------------
// POST /oauth/token-request

function tokenRequest(req: IncomingMessage, body: Buffer, emu: EmulatorServices): Outcome {
  const contentType = String(req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
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
  if (!policyAllows(catalog.networkPolicies, policyName, ip)) throw networkPolicyDenied(ip);
  if (grantType === "") throw invalidRequest("Missing grant_type.");
  if (grantType === "authorization_code") return { ...codeGrant(form, integ, emu), logText };
  if (grantType === "refresh_token") return { ...refreshGrant(form, integ, emu), logText };
  throw tokenError(400, "unsupported_grant_type", "The grant type is not supported.");
}

/** 390422, with the core's login wording (FIDELITY.md, Core). HTTP 403 with the token-endpoint body shape. */
function networkPolicyDenied(ip: string): HttpFailure {
  return new HttpFailure(
    403,
    {
      data: null,
      message: networkPolicyDeniedMessage(ip),
      code: "390422",
      success: false,
      error: "invalid_client",
    },
    "390422",
  );
}

function secretMatches(given: string, stored: string | undefined): boolean {
  if (!stored) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(stored).digest();
  return timingSafeEqual(a, b);
}

function decodeCredential(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Client authentication, in this order: `Authorization: Basic base64(id:secret)` (either secret),
 * `Authorization: Bearer <JWT>` (legacy key pair: iss `<client_id>.SHA256:<fp>`, sub `<ACCOUNT>.<client_id>`),
 * `client_assertion` (RFC 7523: iss = sub = client id, aud = token endpoint), `client_id` + `client_secret`
 * form fields, or — for PUBLIC clients only — `client_id` alone. The integration must be enabled.
 */
function authenticateClient(req: IncomingMessage, form: URLSearchParams, emu: EmulatorServices): IntegrationRecord {
  const catalog = emu.catalog();
  const auth = req.headers.authorization ?? "";
  let integ: IntegrationRecord | undefined;
  if (/^Basic\s+/i.test(auth)) {
    const decoded = Buffer.from(auth.replace(/^Basic\s+/i, ""), "base64").toString("utf8");
    const i = decoded.indexOf(":");
    if (i <= 0) throw invalidClient();
    const id = decodeCredential(decoded.slice(0, i));
    const secret = decodeCredential(decoded.slice(i + 1));
    integ = integrationByClientId(catalog, id);
    if (!integ || !(secretMatches(secret, integ.oauthClientSecret) || secretMatches(secret, integ.oauthClientSecret2))) throw invalidClient();
  } else if (/^Bearer\s+/i.test(auth)) {
    integ = legacyJwtClient(auth.replace(/^Bearer\s+/i, "").trim(), emu);
  } else if (form.get("client_assertion") !== null || form.get("client_assertion_type") !== null) {
    if (form.get("client_assertion_type") !== ASSERTION_TYPE) throw invalidClient();
    integ = clientAssertionClient(form.get("client_assertion") ?? "", form.get("client_id"), emu);
  } else if (form.get("client_id") !== null) {
    integ = integrationByClientId(catalog, form.get("client_id") ?? "");
    const secret = form.get("client_secret");
    if (!integ) throw invalidClient();
    if (secret !== null) {
      if (!(secretMatches(secret, integ.oauthClientSecret) || secretMatches(secret, integ.oauthClientSecret2))) throw invalidClient();
    } else if (setting(integ, "OAUTH_CLIENT_TYPE") !== "PUBLIC") throw invalidClient();
  } else throw invalidClient();
  if (setting(integ, "ENABLED") !== true) throw invalidClient();
  return integ;
}

function clientKeys(integ: IntegrationRecord): { fp: string; key: KeyObject }[] {
  const out: { fp: string; key: KeyObject }[] = [];
  for (const p of ["OAUTH_CLIENT_RSA_PUBLIC_KEY", "OAUTH_CLIENT_RSA_PUBLIC_KEY_2"]) {
    const v = integ.properties[p];
    if (typeof v !== "string") continue;
    const parsed = tryParsePublicKey(v);
    if (parsed) out.push({ fp: parsed.fingerprint, key: parsed.key });
  }
  return out;
}

function timesOk(payload: Record<string, unknown>, now: number, maxLifetime: number): boolean {
  const exp = claimSeconds(payload.exp);
  const iat = claimSeconds(payload.iat);
  const nbf = claimSeconds(payload.nbf);
  if (exp === undefined || exp <= now || exp > now + maxLifetime + 60) return false;
  if (iat !== undefined && (iat > now + 60 || iat < now - 600)) return false;
  if (nbf !== undefined && nbf > now + 60) return false;
  return true;
}

/** Legacy key-pair client auth (docs "Using key-pair authentication"). */
function legacyJwtClient(token: string, emu: EmulatorServices): IntegrationRecord {
  const jwt = decodeJwt(token);
  if (!jwt) throw invalidClient();
  const iss = typeof jwt.payload.iss === "string" ? jwt.payload.iss : "";
  const sub = typeof jwt.payload.sub === "string" ? jwt.payload.sub : "";
  const at = iss.lastIndexOf(".SHA256:");
  if (at <= 0) throw invalidClient();
  const clientId = iss.slice(0, at);
  const fp = iss.slice(at + 1);
  const integ = integrationByClientId(emu.catalog(), clientId);
  if (!integ) throw invalidClient();
  const key = clientKeys(integ).find((k) => k.fp === fp);
  if (!key || !verifyRs256(jwt, [key.key])) throw invalidClient();
  const dot = sub.indexOf(".");
  if (dot <= 0 || sub.slice(0, dot).toUpperCase() !== emu.account.toUpperCase() || sub.slice(dot + 1) !== clientId) throw invalidClient();
  if (!timesOk(jwt.payload, Math.floor(emu.now().getTime() / 1000), 3600)) throw invalidClient();
  return integ;
}

/** RFC 7523 client assertion (docs 2026: iss = sub = client id, aud = token endpoint, exp ≤ 1 h). */
function clientAssertionClient(assertion: string, formClientId: string | null, emu: EmulatorServices): IntegrationRecord {
  const jwt = decodeJwt(assertion);
  if (!jwt) throw invalidClient();
  const iss = jwt.payload.iss;
  if (typeof iss !== "string" || jwt.payload.sub !== iss || (formClientId !== null && formClientId !== iss)) throw invalidClient();
  const integ = integrationByClientId(emu.catalog(), iss);
  if (!integ) throw invalidClient();
  const endpoints = envOf(emu.catalog(), emu.url()).accountUrls.map((u) => u + "/oauth/token-request");
  const aud = jwt.payload.aud;
  const auds = Array.isArray(aud) ? aud : [aud];
  if (!auds.some((a) => typeof a === "string" && endpoints.includes(a))) throw invalidClient();
  if (!verifyRs256(jwt, clientKeys(integ).map((k) => k.key))) throw invalidClient();
  if (!timesOk(jwt.payload, Math.floor(emu.now().getTime() / 1000), 3600)) throw invalidClient();
  return integ;
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
  if (redirectUri !== null && redirectUri !== rec.redirectUri) throw invalidGrant("The redirect_uri does not match the authorization request.");
  if (rec.codeChallenge !== undefined) {
    const verifier = form.get("code_verifier");
    if (!verifier || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) throw invalidGrant("Missing or invalid code_verifier.");
    if (createHash("sha256").update(verifier, "ascii").digest("base64url") !== rec.codeChallenge) throw invalidGrant("The code_verifier does not match the code_challenge.");
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
