/**
 * Which handler answers which request. Paths: the driver wire protocol (snowflake-sdk, gosnowflake,
 * snowflake-connector-python), the SQL API v2, the REST resource API for network policies, the OAuth endpoints and
 * the control endpoints.
 * @internal
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleOAuthRequest } from "../oauth/routes";
import { sendJson, sendOk } from "./io";
import { login } from "./login";
import { logout, renew } from "./session-endpoints";
import { monitoring, queryRequest, queryResult } from "./queries";
import { cancel, getStatement, submit } from "./sql-api";
import { handleControl } from "./control";
import { networkPolicies } from "./rest-network-policies";
import type { HttpContext } from "./context";

type Handler = (ctx: HttpContext, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, id: string) => void | Promise<void>;

/** Endpoints that only need a valid session and always succeed (heartbeat, aborts). */
const sessionOk: Handler = (ctx, req, res) => {
  if (ctx.sessions.authenticate(req, res)) sendOk(res);
};

/** `[method, path pattern, handler]`; a pattern's first group is passed as `id`. */
const ROUTES: readonly [string, RegExp, Handler][] = [
  ["POST", /^\/session\/v1\/login-request$/, (ctx, req, res, url, body) => login(ctx, req, res, url, body)],
  ["POST", /^\/session\/token-request$/, (ctx, req, res, _url, body) => renew(ctx, req, res, body)],
  ["POST", /^\/session\/heartbeat$/, sessionOk],
  [
    "POST",
    /^\/telemetry\/send$/,
    (_ctx, _req, res) => sendJson(res, 200, { data: "Log Received", code: null, message: null, success: true }),
  ],
  ["POST", /^\/queries\/v1\/query-request$/, (ctx, req, res, url, body) => queryRequest(ctx, req, res, url, body)],
  ["POST", /^\/queries\/v1\/abort-request$/, sessionOk],
  ["GET", /^\/queries\/([^/]+)\/result$/, (ctx, req, res, _url, _body, id) => queryResult(ctx, req, res, id)],
  ["POST", /^\/queries\/([^/]+)\/abort-request$/, sessionOk],
  ["GET", /^\/monitoring\/queries\/([^/]+)$/, (ctx, req, res, _url, _body, id) => monitoring(ctx, req, res, id)],
  ["POST", /^\/api\/v2\/statements$/, (ctx, req, res, url, body) => submit(ctx, req, res, url, body)],
  ["GET", /^\/api\/v2\/statements\/([^/]+)$/, (ctx, req, res, _url, _body, id) => getStatement(ctx, req, res, id)],
  ["POST", /^\/api\/v2\/statements\/([^/]+)\/cancel$/, (ctx, req, res, _url, _body, id) => cancel(ctx, req, res, id)],
  // REST resource API (network policies only; `{name}:set-tags` and the like are not implemented → 404).
  ...(["GET", "POST"] as const).map((m): [string, RegExp, Handler] => [m, /^\/api\/v2\/network-policies()$/, networkPolicies]),
  ...(["GET", "DELETE"] as const).map((m): [string, RegExp, Handler] => [m, /^\/api\/v2\/network-policies\/([^/:]+)$/, networkPolicies]),
];

export async function route(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
  const p = url.pathname;
  const m = req.method ?? "GET";
  if (p.startsWith("/oauth/")) return handleOAuthRequest(req, res, body, ctx.engine);
  if (p === "/session" && m === "POST" && url.searchParams.has("delete")) return logout(ctx, req, res);
  for (const [method, pattern, handler] of ROUTES) {
    const hit = method === m ? pattern.exec(p) : null;
    if (hit) return handler(ctx, req, res, url, body, hit[1] ?? "");
  }
  if (handleControl(ctx, res, m, p, body)) return;
  sendJson(res, 404, { data: null, code: "404", message: `Not found: ${m} ${p}`, success: false });
}
