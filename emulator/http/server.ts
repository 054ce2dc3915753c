/**
 * The HTTP server's lifecycle and the per-request frame: read the body, apply injected faults
 * (faults.ts), route, and turn any error into the driver envelope. Listens on 127.0.0.1 only.
 * Logical errors are HTTP 200 + success:false, never 5xx, which drivers retry (FIDELITY.md, "Wire protocol").
 * @internal
 */
import * as http from "node:http";
import type { Socket, AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { Engine, toSnowflakeError } from "../engine";
import { SnowflakeError } from "../errors";
import { readBody, sendJson, sleep } from "./io";
import { errorEnvelope } from "./envelopes";
import { SessionStore } from "./sessions";
import { QueryStore } from "./query-store";
import { RequestReplay } from "./replay";
import { route } from "./router";
import type { HttpContext } from "./context";

const LOGIN_PATH = "/session/v1/login-request";

/** The request is handled as usual, but the answer never leaves: the socket is destroyed instead (a lost response). */
function dropResponseOf(req: http.IncomingMessage, res: http.ServerResponse): void {
  res.writeHead = (() => res) as typeof res.writeHead;
  res.end = (() => {
    req.socket.destroy();
    return res;
  }) as typeof res.end;
}

/** The SQL text of a driver query request or SQL API submission (for faults that target one statement). */
function sqlTextOf(body: Buffer): string | undefined {
  if (body.length === 0) return undefined;
  try {
    const j = JSON.parse(body.toString("utf8")) as { sqlText?: unknown; statement?: unknown };
    const t = j.sqlText ?? j.statement;
    return typeof t === "string" ? t : undefined;
  } catch {
    return undefined;
  }
}

export class EmulatorServer {
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly ctx: HttpContext;

  constructor(readonly engine: Engine) {
    const nowMs = (): number => engine.now().getTime();
    this.ctx = { engine, sessions: new SessionStore(nowMs), queries: new QueryStore(), replay: new RequestReplay(nowMs) };
    const sessions = this.ctx.sessions;
    engine.setSessionLookup((id) => sessions.userOf(id));
    this.server = http.createServer((req, res) => {
      void this.handle(req, res);
    });
    this.server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    this.server.keepAliveTimeout = 5000;
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => {
        this.server.off("error", reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  /** Mark every session token as expired (tests of the renew path). */
  expireSessionTokens(): void {
    this.ctx.sessions.expireAll();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const p = url.pathname;
    try {
      const body = await readBody(req);
      if (!p.startsWith("/__emulator") && !(await this.applyFaults(req, res, p, sqlTextOf(body)))) return;
      await route(this.ctx, req, res, url, body);
    } catch (e) {
      if (!(e instanceof SnowflakeError))
        this.engine.logger.warn(`emulator: internal error on ${p}: ${e instanceof Error ? e.stack : String(e)}`);
      if (!res.headersSent) sendJson(res, 200, errorEnvelope(toSnowflakeError(e), randomUUID()));
    }
  }

  /** Injected faults before routing; false when the request was answered (503) or dropped. */
  private async applyFaults(req: http.IncomingMessage, res: http.ServerResponse, p: string, sqlText: string | undefined): Promise<boolean> {
    const faults = this.engine.faults;
    if (faults.takeDrop(p, sqlText)) {
      req.socket.destroy();
      return false;
    }
    const delay = faults.latencyMs + (p === LOGIN_PATH ? faults.loginLatencyMs : 0);
    if (delay > 0) await sleep(delay);
    if (faults.take503(p, sqlText)) {
      sendJson(res, 503, { data: null, code: "503", message: "Service Unavailable (injected)", success: false });
      return false;
    }
    if (faults.takeDropResponse(p, sqlText)) dropResponseOf(req, res);
    return true;
  }
}
