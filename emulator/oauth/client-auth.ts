/**
 * Client authentication at the token endpoint: HTTP Basic client id/secret, legacy key-pair Bearer JWT,
 * RFC 7523 `client_assertion`, form fields, or `client_id` alone for PUBLIC clients
 * (https://docs.snowflake.com/en/user-guide/oauth-custom#token-endpoint). Never logs a secret or assertion.
 * @internal
 */
import { createHash, KeyObject, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { EmulatorServices } from "../exec/context";
import type { IntegrationRecord } from "../objects/integration";
import { setting } from "../objects/integration-settings";
import { tryParsePublicKey } from "../auth/rsa";
import { claimSeconds, decodeJwt, verifyRs256 } from "../auth/jwt";
import { envOf } from "../exec/integrations";
import { integrationByClientId } from "./tokens";
import { basicCredentials, invalidClient } from "./failures";

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

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
export function authenticateClient(req: IncomingMessage, form: URLSearchParams, emu: EmulatorServices): IntegrationRecord {
  const catalog = emu.catalog();
  const auth = req.headers.authorization ?? "";
  const basic = basicCredentials(req);
  let integ: IntegrationRecord | undefined;
  if (basic !== undefined) {
    if (basic === null) throw invalidClient();
    const id = decodeCredential(basic.id);
    const secret = decodeCredential(basic.secret);
    integ = integrationByClientId(catalog, id);
    if (!integ || !(secretMatches(secret, integ.oauthClientSecret) || secretMatches(secret, integ.oauthClientSecret2)))
      throw invalidClient();
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

export function clientKeys(integ: IntegrationRecord): { fp: string; key: KeyObject }[] {
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
  if (
    !verifyRs256(
      jwt,
      clientKeys(integ).map((k) => k.key),
    )
  )
    throw invalidClient();
  if (!timesOk(jwt.payload, Math.floor(emu.now().getTime() / 1000), 3600)) throw invalidClient();
  return integ;
}
