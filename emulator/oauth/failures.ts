/**
 * OAuth endpoint failures and the pieces both endpoints share: the error bodies (authorize: 3903xx
 * codes; token endpoint: RFC 6749 names in Snowflake's body shape,
 * https://docs.snowflake.com/en/user-guide/oauth-custom#token-endpoint), the outcome record and
 * HTTP Basic credentials.
 * @internal
 */
import type { IncomingMessage } from "node:http";
import { networkPolicyDeniedMessage } from "../auth/network";

export class HttpFailure extends Error {
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
export function tokenError(status: number, error: string, message: string): HttpFailure {
  return new HttpFailure(status, { data: null, message, code: null, success: false, error }, error);
}
export const invalidClient = (): HttpFailure => tokenError(401, "invalid_client", "This is an invalid client.");
export const invalidGrant = (message: string): HttpFailure => tokenError(400, "invalid_grant", message);
export const invalidRequest = (message: string): HttpFailure => tokenError(400, "invalid_request", message);

/** Authorize endpoint error: documented 3903xx code in the same body shape. */
export function authorizeError(code: string, message: string, status = 400): HttpFailure {
  return new HttpFailure(status, { data: null, message, code, success: false }, code);
}

/** 390422, with the core's login wording (FIDELITY.md, Core). HTTP 403 with the token-endpoint body shape. */
export function networkPolicyDenied(ip: string): HttpFailure {
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

export interface Outcome {
  status: number;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
  user: string | null;
  role: string | null;
  logText: string;
}

/** `Authorization: Basic base64(a:b)` split at the first colon; undefined when absent, null when malformed. */
export function basicCredentials(req: IncomingMessage): { id: string; secret: string } | null | undefined {
  const auth = req.headers.authorization ?? "";
  if (!/^Basic\s+/i.test(auth)) return undefined;
  const decoded = Buffer.from(auth.replace(/^Basic\s+/i, ""), "base64").toString("utf8");
  const i = decoded.indexOf(":");
  return i > 0 ? { id: decoded.slice(0, i), secret: decoded.slice(i + 1) } : null;
}
