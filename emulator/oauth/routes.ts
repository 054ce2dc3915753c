/**
 * The Snowflake OAuth endpoints of the custom-client flow:
 * - `GET /oauth/authorize`      (authorize.ts)      https://docs.snowflake.com/en/user-guide/oauth-custom#authorization-endpoint
 * - `POST /oauth/token-request` (token-endpoint.ts) https://docs.snowflake.com/en/user-guide/oauth-custom#token-endpoint
 * Every request is logged without its secrets, codes, tokens, passwords or assertions.
 * @internal
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorServices } from "../exec/context";
import { authorize } from "./authorize";
import { tokenRequest } from "./token-endpoint";
import { HttpFailure, Outcome } from "./failures";

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
    const f =
      e instanceof HttpFailure
        ? e
        : new HttpFailure(500, { data: null, message: "Internal error.", code: null, success: false, error: "server_error" }, "500");
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
