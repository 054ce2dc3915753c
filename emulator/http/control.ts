/**
 * Emulator control endpoints for out-of-process tests: `GET /__emulator/log`, `POST /__emulator/reset-log`,
 * `POST /__emulator/faults` (JSON FaultSpec), `GET /__emulator/health`. Not Snowflake API; never faulted.
 * @internal
 */
import type { ServerResponse } from "node:http";
import type { FaultSpecJson } from "../faults";
import { sendJson } from "./io";
import type { HttpContext } from "./context";

/** Answers a control request; false when `method path` is not one. */
export function handleControl(ctx: HttpContext, res: ServerResponse, method: string, path: string, body: Buffer): boolean {
  const key = `${method} ${path}`;
  if (key === "GET /__emulator/log") sendJson(res, 200, { entries: ctx.engine.log.entries() });
  else if (key === "POST /__emulator/reset-log") {
    ctx.engine.log.reset();
    sendJson(res, 200, { ok: true });
  } else if (key === "POST /__emulator/faults") {
    ctx.engine.faults.setFromJson(body.length ? (JSON.parse(body.toString("utf8")) as FaultSpecJson) : {});
    sendJson(res, 200, { ok: true });
  } else if (key === "GET /__emulator/health") sendJson(res, 200, { ok: true, account: ctx.engine.account });
  else return false;
  return true;
}
