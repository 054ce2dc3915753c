/**
 * Session token renewal (`/session/token-request`, with the master token) and logout
 * (`/session?delete=true`). Renewal after 390112 is what the drivers do (FIDELITY.md, "Wire protocol").
 * @internal
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseJsonBody, sendJson, sendOk, tokenFromHeader } from "./io";
import { MASTER_VALIDITY_S, SESSION_VALIDITY_S } from "./sessions";
import type { HttpContext } from "./context";

export function renew(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const j = parseJsonBody(body) as { oldSessionToken?: string };
  const st = ctx.sessions.renew(tokenFromHeader(req), j.oldSessionToken);
  if (!st) {
    return sendJson(res, 200, {
      data: null,
      code: "390114",
      message: "Authentication token has expired.  The user must authenticate again.",
      success: false,
      headers: null,
    });
  }
  sendJson(res, 200, {
    data: {
      sessionToken: st.token,
      validityInSecondsST: SESSION_VALIDITY_S,
      masterToken: st.masterToken,
      validityInSecondsMT: MASTER_VALIDITY_S,
      sessionId: st.session.id,
    },
    code: null,
    message: null,
    success: true,
  });
}

export function logout(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): void {
  ctx.sessions.close(tokenFromHeader(req));
  sendOk(res);
}
