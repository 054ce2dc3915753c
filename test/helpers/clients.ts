/**
 * Clients of the emulator used by the key tests and the continuous-client rotation proof: the SQL API with a
 * user's key-pair JWT, the OAuth token endpoint with an integration's key-pair JWT, the authorization endpoint,
 * and the External OAuth check (a token signed by the client key, verified against DESCRIBE's raw keys).
 * Everything goes to 127.0.0.1 only.
 */
import * as crypto from "node:crypto";
import { snowflakeKeyPairJwt, oauthClientJwt, clientAssertionFields } from "../../sdk/jwt";
import { authorizationUrl, tokenEndpointUrl } from "../../sdk/oauthUrls";
import { normalizePublicKey, RsaPrivateKey } from "../../sdk/keys";

export interface CallResult {
  ok: boolean;
  status: number;
  /** Snowflake code or OAuth error name on failure. */
  code?: string;
  body?: any;
}

/** `POST /api/v2/statements` authenticated by a user's key-pair JWT. */
export async function sqlApi(
  baseUrl: string,
  account: string,
  user: string,
  key: RsaPrivateKey | string,
  statement = "SELECT CURRENT_USER()",
): Promise<CallResult> {
  const jwt = snowflakeKeyPairJwt({ account, user, privateKey: key, lifetimeSeconds: 300 });
  return sqlApiWithToken(baseUrl, jwt, statement);
}

/**
 * `POST /api/v2/statements` as `user`, the JWT signed at the emulator's clock (tests move it with `advanceClock`),
 * optionally requesting a role in the body (a role-restricted named key needs it).
 */
export async function sqlApiAt(
  emu: { url: string; account: string; engine: { now(): Date } },
  user: string,
  privateKey: string,
  role?: string,
): Promise<CallResult> {
  const jwt = snowflakeKeyPairJwt({ account: emu.account, user, privateKey, now: emu.engine.now(), lifetimeSeconds: 300 });
  return sqlApiWithToken(emu.url, jwt, "SELECT CURRENT_ROLE()", role);
}

/** `POST /api/v2/statements` with a given bearer JWT. */
export async function sqlApiWithToken(
  baseUrl: string,
  jwt: string,
  statement = "SELECT CURRENT_USER()",
  role?: string,
): Promise<CallResult> {
  const r = await fetch(`${baseUrl}/api/v2/statements`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${jwt}`,
      "X-Snowflake-Authorization-Token-Type": "KEYPAIR_JWT",
      "Content-Type": "application/json",
      Accept: "application/json",
    },
    body: JSON.stringify({ statement, timeout: 30, ...(role ? { role } : {}) }),
  });
  const body: any = await r.json().catch(() => undefined);
  return { ok: r.status === 200, status: r.status, code: body?.code, body };
}

/** Runs the authorization step non-interactively (emulator: HTTP Basic user credentials = consent). Returns the code. */
export async function authorize(
  baseUrl: string,
  o: { clientId: string; redirectUri: string; user: string; password: string; role?: string; codeChallenge?: string; state?: string },
): Promise<string> {
  const url = authorizationUrl({
    account: baseUrl,
    clientId: o.clientId,
    redirectUri: o.redirectUri,
    refreshToken: true,
    role: o.role,
    state: o.state ?? "s",
    codeChallenge: o.codeChallenge,
  });
  const r = await fetch(url, {
    redirect: "manual",
    headers: { Authorization: "Basic " + Buffer.from(`${o.user}:${o.password}`).toString("base64") },
  });
  const loc = r.headers.get("location");
  if (r.status !== 302 || !loc) throw new Error(`authorize failed: HTTP ${r.status} ${await r.text()}`);
  const code = new URL(loc).searchParams.get("code");
  if (!code) throw new Error(`authorize redirected without a code: ${new URL(loc).searchParams.get("error")}`);
  return code;
}

export type ClientAuth = "bearer" | "client_assertion";

/** `POST /oauth/token-request` with client authentication by key-pair JWT. */
export async function tokenRequest(
  baseUrl: string,
  account: string,
  clientId: string,
  key: RsaPrivateKey | string,
  form: Record<string, string>,
  auth: ClientAuth = "bearer",
): Promise<CallResult> {
  const endpoint = tokenEndpointUrl(baseUrl);
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" };
  const fields = { ...form };
  if (auth === "bearer") {
    headers.Authorization = `Bearer ${oauthClientJwt({ account, clientId, privateKey: key, form: "bearer" })}`;
  } else {
    Object.assign(
      fields,
      clientAssertionFields(oauthClientJwt({ account, clientId, privateKey: key, form: "client_assertion", audience: endpoint })),
    );
  }
  const r = await fetch(endpoint, { method: "POST", headers, body: new URLSearchParams(fields).toString() });
  const body: any = await r.json().catch(() => undefined);
  return { ok: r.status === 200 && typeof body?.access_token === "string", status: r.status, code: body?.error ?? body?.code, body };
}

/**
 * External OAuth: Snowflake verifies an IdP-issued JWT against EXTERNAL_OAUTH_RSA_PUBLIC_KEY / _2. The emulator
 * does not serve External OAuth logins, so the check is done here exactly that way: sign with the client's key,
 * verify against the keys DESCRIBE INTEGRATION shows raw. `keys` are the two DESC values ("" = empty).
 */
export function externalOAuthAccepts(keys: string[], key: RsaPrivateKey): boolean {
  const input =
    Buffer.from(JSON.stringify({ alg: "RS256", typ: "JWT" })).toString("base64url") +
    "." +
    Buffer.from(JSON.stringify({ iss: "https://idp.example", sub: "SVC", exp: Math.floor(Date.now() / 1000) + 60 })).toString("base64url");
  const sig = key.signRs256(input);
  return keys.some((raw) => {
    if (!raw) return false;
    try {
      const pem = `-----BEGIN PUBLIC KEY-----\n${normalizePublicKey(raw).body}\n-----END PUBLIC KEY-----\n`;
      return crypto.verify("sha256", Buffer.from(input), pem, sig);
    } catch {
      return false;
    }
  });
}

/**
 * A custom OAuth client's authorization-code exchange (PKCE) at the emulator's clock, the client authenticated by its
 * key-pair JWT: the legacy bearer JWT for even `n`, the RFC 7523 client assertion for odd `n`.
 */
export async function oauthCodeExchangeAt(
  emu: { url: string; account: string; engine: { now(): Date } },
  o: { clientId: string; privateKey: string; redirectUri: string; user: string; password: string; n: number },
): Promise<{ ok: boolean; detail?: string }> {
  const { createPkcePair } = require("../../sdk/pkce") as typeof import("../../sdk/pkce");
  const pkce = createPkcePair();
  const code = await authorize(emu.url, {
    clientId: o.clientId,
    redirectUri: o.redirectUri,
    user: o.user,
    password: o.password,
    codeChallenge: pkce.challenge,
  });
  const endpoint = tokenEndpointUrl(emu.url);
  const form: Record<string, string> = {
    grant_type: "authorization_code",
    code,
    redirect_uri: o.redirectUri,
    code_verifier: pkce.verifier,
  };
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" };
  const now = emu.engine.now();
  const jwt = (form2: "bearer" | "client_assertion") =>
    oauthClientJwt({ account: emu.account, clientId: o.clientId, privateKey: o.privateKey, now, form: form2, audience: endpoint });
  if (o.n % 2 === 0) headers.Authorization = `Bearer ${jwt("bearer")}`;
  else Object.assign(form, clientAssertionFields(jwt("client_assertion")));
  const r = await fetch(endpoint, { method: "POST", headers, body: new URLSearchParams(form).toString() });
  const body: any = await r.json().catch(() => undefined);
  return r.status === 200 && typeof body?.access_token === "string"
    ? { ok: true }
    : { ok: false, detail: `${r.status} ${JSON.stringify(body)}` };
}

/** External OAuth at the emulator: an IdP token signed by `pem`, verified against the raw keys DESCRIBE shows. */
export async function externalOAuthCallAt(
  emu: { execAsAdmin(sql: string): Promise<{ rows: unknown[][] }> },
  integration: string,
  pem: string,
): Promise<{ ok: boolean; detail?: string }> {
  const { loadPrivateKey } = require("../../sdk/keys") as typeof import("../../sdk/keys");
  const d = await emu.execAsAdmin(`DESCRIBE SECURITY INTEGRATION ${integration}`);
  const raw = ["EXTERNAL_OAUTH_RSA_PUBLIC_KEY", "EXTERNAL_OAUTH_RSA_PUBLIC_KEY_2"].map((p) =>
    String(d.rows.find((r) => r[0] === p)?.[2] ?? ""),
  );
  return { ok: externalOAuthAccepts(raw, loadPrivateKey(pem)) };
}
