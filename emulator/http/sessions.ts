/**
 * Driver sessions: session and master tokens, their expiry, and the check every authenticated
 * request goes through. Unknown token → HTTP 401 390104; expired → HTTP 200 390112 so the driver
 * renews with the master token (FIDELITY.md, "Wire protocol").
 * @internal
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import type { Session } from "../exec/context";
import { sendJson, tokenFromHeader } from "./io";

/** Validity in seconds (unsourced timing, FIDELITY.md). */
export const SESSION_VALIDITY_S = 3600;
export const MASTER_VALIDITY_S = 14400;

export interface SessionState {
  session: Session;
  token: string;
  masterToken: string;
  tokenExpires: number;
  masterExpires: number;
}

const newToken = (tag: string): string => "ver:1-hint:" + tag + randomBytes(24).toString("hex");

export class SessionStore {
  private readonly byToken = new Map<string, SessionState>();
  private readonly byMaster = new Map<string, SessionState>();
  private nextId = 1001;

  constructor(private readonly nowMs: () => number) {}

  /** A fresh session id (driver sessions and SQL API requests share the sequence). */
  newSessionId(): number {
    return this.nextId++;
  }

  open(session: Session): SessionState {
    const now = this.nowMs();
    const st: SessionState = {
      session,
      token: newToken(""),
      masterToken: newToken("m"),
      tokenExpires: now + SESSION_VALIDITY_S * 1000,
      masterExpires: now + MASTER_VALIDITY_S * 1000,
    };
    this.byToken.set(st.token, st);
    this.byMaster.set(st.masterToken, st);
    return st;
  }

  /** New session token for a live master token; undefined when the master token is unknown or expired. */
  renew(masterToken: string | undefined, oldSessionToken: string | undefined): SessionState | undefined {
    const st = masterToken ? this.byMaster.get(masterToken) : undefined;
    if (!st || st.masterExpires < this.nowMs()) return undefined;
    if (oldSessionToken) this.byToken.delete(oldSessionToken);
    this.byToken.delete(st.token);
    st.token = newToken("");
    st.tokenExpires = this.nowMs() + SESSION_VALIDITY_S * 1000;
    this.byToken.set(st.token, st);
    return st;
  }

  close(token: string | undefined): void {
    const st = token ? this.byToken.get(token) : undefined;
    if (!st) return;
    this.byToken.delete(st.token);
    this.byMaster.delete(st.masterToken);
  }

  /** The user of the open session with this id (closed by logout: gone). SQL API requests hold no open session. */
  userOf(id: number): string | undefined {
    for (const st of this.byMaster.values()) if (st.session.id === id) return st.session.user;
    return undefined;
  }

  /** Mark every session token as expired (tests of the renew path). */
  expireAll(): void {
    for (const s of this.byToken.values()) s.tokenExpires = 0;
  }

  /** The live session of a session token; "expired" past its validity; undefined when unknown. */
  find(token: string): SessionState | "expired" | undefined {
    const st = this.byToken.get(token);
    if (!st) return undefined;
    return st.tokenExpires < this.nowMs() ? "expired" : st;
  }

  /** Session for the request's token, or answers the error and returns undefined. */
  authenticate(req: IncomingMessage, res: ServerResponse): SessionState | undefined {
    const t = tokenFromHeader(req);
    const st = t ? this.byToken.get(t) : undefined;
    if (!st) {
      sendJson(res, 401, {
        data: null,
        code: "390104",
        message: "Invalid session token. Please log in again.",
        success: false,
        headers: null,
      });
      return undefined;
    }
    if (st.tokenExpires < this.nowMs()) {
      sendJson(res, 200, {
        data: null,
        code: "390112",
        message: "Your session has expired. Please login again.",
        success: false,
        headers: null,
      });
      return undefined;
    }
    return st;
  }
}
