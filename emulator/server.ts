/**
 * HTTP server speaking the driver wire protocol (shared/reference/snowflake-wire-protocol.md), the SQL API v2,
 * the OAuth endpoints (delegated to oauth/routes.ts) and the emulator control endpoints (/__emulator/*).
 * Listens on 127.0.0.1 only. Logical errors are HTTP 200 + success:false (never 5xx, which drivers retry).
 * @internal
 */
import * as http from "node:http";
import { gunzipSync } from "node:zlib";
import { randomBytes, randomUUID } from "node:crypto";
import { AddressInfo } from "node:net";
import { Engine, StatementOutcome, toSnowflakeError, Bind } from "./engine";
import { SnowflakeError } from "./errors";
import { Column, ResultSet, Session, STATEMENT_TYPE } from "./exec/context";
import { handleOAuthRequest } from "./oauth/routes";
import { validateAccessToken } from "./oauth/tokens";
import { JwtError, findUser, verifyKeypairJwt } from "./auth/keypair-jwt";
import { checkPassword } from "./catalog/state";
import { userCanUseRole } from "./catalog/privileges";
import { resolveNameString } from "./exec/common";
import { clientIp, networkPolicyDeniedMessage, policyAllows } from "./auth/network";
import { FaultSpecJson } from "./faults";

const SESSION_VALIDITY_S = 3600;
const MASTER_VALIDITY_S = 14400;

interface SessionState {
  session: Session;
  token: string;
  masterToken: string;
  tokenExpires: number;
  masterExpires: number;
}

/** Stored query responses (for /queries/{id}/result, monitoring, SQL API GET). */
interface StoredQuery {
  body: unknown;
  sqlText: string;
  ok: boolean;
  errorCode?: string;
  errorMessage?: string;
  start: number;
  end: number;
  sessionId: number;
}

const RESULT_PARAMETERS = [
  { name: "TIMEZONE", value: "America/Los_Angeles" },
  { name: "TIMESTAMP_OUTPUT_FORMAT", value: "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM" },
  { name: "TIMESTAMP_NTZ_OUTPUT_FORMAT", value: "YYYY-MM-DD HH24:MI:SS.FF3" },
  { name: "TIMESTAMP_LTZ_OUTPUT_FORMAT", value: "" },
  { name: "TIMESTAMP_TZ_OUTPUT_FORMAT", value: "" },
  { name: "DATE_OUTPUT_FORMAT", value: "YYYY-MM-DD" },
  { name: "TIME_OUTPUT_FORMAT", value: "HH24:MI:SS" },
  { name: "BINARY_OUTPUT_FORMAT", value: "HEX" },
];

export class EmulatorServer {
  private readonly server: http.Server;
  private readonly sessions = new Map<string, SessionState>();
  private readonly masters = new Map<string, SessionState>();
  private readonly queries = new Map<string, StoredQuery>();
  private nextSessionId = 1001;
  private readonly sockets = new Set<import("node:net").Socket>();

  constructor(readonly engine: Engine) {
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

  private nowMs(): number {
    return this.engine.now().getTime();
  }

  /** Mark every session token as expired (tests of the renew path). */
  expireSessionTokens(): void {
    for (const s of this.sessions.values()) s.tokenExpires = 0;
  }

  // -------------------------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const p = url.pathname;
    try {
      const body = await readBody(req);
      const faults = this.engine.faults;
      if (!p.startsWith("/__emulator")) {
        if (faults.takeDrop(p)) {
          req.socket.destroy();
          return;
        }
        const delay = faults.latencyMs + (p === "/session/v1/login-request" ? faults.loginLatencyMs : 0);
        if (delay > 0) await sleep(delay);
        if (faults.take503(p)) {
          sendJson(res, 503, { data: null, code: "503", message: "Service Unavailable (injected)", success: false });
          return;
        }
      }
      await this.route(req, res, url, body);
    } catch (e) {
      if (!(e instanceof SnowflakeError)) this.engine.logger.warn(`emulator: internal error on ${p}: ${e instanceof Error ? e.stack : String(e)}`);
      const err = toSnowflakeError(e);
      if (!res.headersSent) sendJson(res, 200, errorEnvelope(err, randomUUID()));
    }
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: Buffer): Promise<void> {
    const p = url.pathname;
    const m = req.method ?? "GET";
    if (p.startsWith("/oauth/")) return handleOAuthRequest(req, res, body, this.engine);
    if (p === "/session/v1/login-request" && m === "POST") return this.login(req, res, url, body);
    if (p === "/session/token-request" && m === "POST") return this.renew(req, res, body);
    if (p === "/session/heartbeat" && m === "POST") {
      if (!this.auth(req, res)) return;
      return sendJson(res, 200, { data: null, code: null, message: null, success: true });
    }
    if (p === "/session" && m === "POST" && url.searchParams.has("delete")) return this.logout(req, res);
    if (p === "/telemetry/send" && m === "POST") return sendJson(res, 200, { data: "Log Received", code: null, message: null, success: true });
    if (p === "/queries/v1/query-request" && m === "POST") return this.queryRequest(req, res, body);
    if (p === "/queries/v1/abort-request" && m === "POST") {
      if (!this.auth(req, res)) return;
      return sendJson(res, 200, { data: null, code: null, message: null, success: true });
    }
    let mm = /^\/queries\/([^/]+)\/result$/.exec(p);
    if (mm && m === "GET") return this.queryResult(req, res, mm[1]);
    mm = /^\/queries\/([^/]+)\/abort-request$/.exec(p);
    if (mm && m === "POST") {
      if (!this.auth(req, res)) return;
      return sendJson(res, 200, { data: null, code: null, message: null, success: true });
    }
    mm = /^\/monitoring\/queries\/([^/]+)$/.exec(p);
    if (mm && m === "GET") return this.monitoring(req, res, mm[1]);
    if (p === "/api/v2/statements" && m === "POST") return this.sqlApiSubmit(req, res, url, body);
    mm = /^\/api\/v2\/statements\/([^/]+)$/.exec(p);
    if (mm && m === "GET") return this.sqlApiGet(req, res, mm[1]);
    mm = /^\/api\/v2\/statements\/([^/]+)\/cancel$/.exec(p);
    if (mm && m === "POST") return this.sqlApiCancel(req, res, mm[1]);
    if (p === "/__emulator/log" && m === "GET") return sendJson(res, 200, { entries: this.engine.log.entries() });
    if (p === "/__emulator/reset-log" && m === "POST") {
      this.engine.log.reset();
      return sendJson(res, 200, { ok: true });
    }
    if (p === "/__emulator/faults" && m === "POST") {
      const spec = body.length ? (JSON.parse(body.toString("utf8")) as FaultSpecJson) : {};
      this.engine.faults.setFromJson(spec);
      return sendJson(res, 200, { ok: true });
    }
    if (p === "/__emulator/health" && m === "GET") return sendJson(res, 200, { ok: true, account: this.engine.account });
    sendJson(res, 404, { data: null, code: "404", message: `Not found: ${m} ${p}`, success: false });
  }

  // ------------------------------------------------------------------------------------------- login

  private login(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: Buffer): void {
    const json = parseJsonBody(body) as { data?: Record<string, unknown> };
    const d = json.data ?? {};
    const authenticator = String(d.AUTHENTICATOR ?? "SNOWFLAKE").toUpperCase();
    const loginName = typeof d.LOGIN_NAME === "string" ? d.LOGIN_NAME : "";
    const cat = this.engine.catalog();
    const logFail = (err: SnowflakeError, user: string | null, detail?: string): void => {
      this.engine.log.append({
        sessionId: null, user, role: null, kind: "login", text: `LOGIN ${authenticator}`, outcome: "error", code: detail ?? err.code,
      });
      sendJson(res, 200, {
        data: { nextAction: "RETRY_LOGIN", authnMethod: authenticator === "SNOWFLAKE" ? "USERNAME_PASSWORD" : authenticator, loginName, errorCode: err.code, ...(err.data ?? {}) },
        code: err.code,
        message: err.message,
        success: false,
        headers: null,
      });
    };
    let userName: string;
    let tokenRole: string | undefined;
    let tokenSecondary: "ALL" | "NONE" | undefined;
    const ip = clientIp(req, this.engine.trustForwardedFor);
    try {
      if (authenticator === "SNOWFLAKE") {
        const u = findUser(cat, loginName);
        if (!u || !checkPassword(u.passwordHash, typeof d.PASSWORD === "string" ? d.PASSWORD : "")) {
          return logFail(new SnowflakeError("390100", "08004", "Incorrect username or password was specified."), u?.name ?? null);
        }
        userName = u.name;
      } else if (authenticator === "SNOWFLAKE_JWT") {
        const v = verifyKeypairJwt(cat, this.engine.account, String(d.TOKEN ?? ""), this.engine.now());
        if (loginName && findUser(cat, loginName)?.name !== v.user) throw new JwtError("394300");
        userName = v.user;
      } else if (authenticator === "OAUTH") {
        const v = validateAccessToken(this.engine, String(d.TOKEN ?? ""), { ip });
        userName = v.user;
        tokenRole = v.role;
        tokenSecondary = v.secondaryRoles;
        if (loginName && findUser(cat, loginName)?.name !== v.user) {
          // 390309 OAUTH_USERNAMES_MISMATCH (snowflake-sql.md §9); message text unsourced.
          return logFail(new SnowflakeError("390309", "08004", "The user you were trying to authenticate as differs from the user tied to the access token."), loginName);
        }
      } else {
        return logFail(new SnowflakeError("390100", "08004", `Authenticator '${authenticator}' is not supported by the emulator.`), null);
      }
    } catch (e) {
      if (e instanceof JwtError) return logFail(e, loginName || null, e.reason);
      if (e instanceof SnowflakeError) return logFail(e, loginName || null);
      throw e;
    }
    const user = cat.users[userName];
    if (user.disabled) return logFail(new SnowflakeError("390007", "08004", "User access disabled. Contact your local system administrator."), userName);
    const policyName = user.networkPolicy ?? cat.accountParameters["NETWORK_POLICY"];
    if (!policyAllows(cat.networkPolicies, policyName, ip)) {
      return logFail(new SnowflakeError("390422", "08004", networkPolicyDeniedMessage(ip)), userName);
    }
    // Role: the token's role (OAuth), else the connect-string role, else DEFAULT_ROLE if usable, else PUBLIC.
    const roleParam = url.searchParams.get("roleName");
    let role: string;
    if (tokenRole) role = tokenRole;
    else if (roleParam) {
      role = resolveNameString(roleParam);
      if (!cat.roles[role] || !userCanUseRole(cat, userName, role)) {
        const msg = cat.roles[role]
          ? `Role '${role}' specified in the connect string is not granted to this user. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.`
          : `Role '${role}' specified in the connect string does not exist or not authorized. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.`;
        return logFail(new SnowflakeError("390189", "08004", msg), userName);
      }
    } else if (user.defaultRole && cat.roles[user.defaultRole] && userCanUseRole(cat, userName, user.defaultRole)) role = user.defaultRole;
    else role = "PUBLIC";

    const sessionParams = (d.SESSION_PARAMETERS ?? {}) as Record<string, unknown>;
    const opt = (k: string): string | undefined => {
      const v = url.searchParams.get(k);
      return v ? resolveNameString(v) : undefined;
    };
    const session: Session = {
      id: this.nextSessionId++,
      user: userName,
      role,
      secondaryRoles: tokenSecondary ?? (user.defaultSecondaryRoles && user.defaultSecondaryRoles.length === 0 ? "NONE" : "ALL"),
      database: opt("databaseName"),
      schema: opt("schemaName"),
      warehouse: opt("warehouse"),
    };
    const st: SessionState = {
      session,
      token: "ver:1-hint:" + randomBytes(24).toString("hex"),
      masterToken: "ver:1-hint:m" + randomBytes(24).toString("hex"),
      tokenExpires: this.nowMs() + SESSION_VALIDITY_S * 1000,
      masterExpires: this.nowMs() + MASTER_VALIDITY_S * 1000,
    };
    this.sessions.set(st.token, st);
    this.masters.set(st.masterToken, st);
    this.engine.transact((draft) => {
      if (draft.users[userName]) draft.users[userName].lastSuccessLogin = this.engine.now().toISOString();
    });
    this.engine.log.append({ sessionId: session.id, user: userName, role, kind: "login", text: `LOGIN ${authenticator}`, outcome: "ok" });
    const parameters = [
      { name: "CLIENT_SESSION_KEEP_ALIVE", value: sessionParams.CLIENT_SESSION_KEEP_ALIVE === true },
      { name: "CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY", value: Number(sessionParams.CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY ?? 3600) },
      { name: "CLIENT_TELEMETRY_ENABLED", value: false },
      { name: "CLIENT_STAGE_ARRAY_BINDING_THRESHOLD", value: 65280 },
      { name: "AUTOCOMMIT", value: true },
      { name: "QUERY_CONTEXT_CACHE_SIZE", value: 5 },
      ...RESULT_PARAMETERS,
    ];
    sendJson(res, 200, {
      data: {
        token: st.token,
        validityInSeconds: SESSION_VALIDITY_S,
        masterToken: st.masterToken,
        masterValidityInSeconds: MASTER_VALIDITY_S,
        sessionId: session.id,
        parameters,
        sessionInfo: { databaseName: session.database ?? null, schemaName: session.schema ?? null, warehouseName: session.warehouse ?? null, roleName: role },
        displayUserName: userName,
        serverVersion: "9.0.0",
        firstLogin: false,
        idToken: null,
        mfaToken: null,
        healthCheckInterval: 45,
      },
      code: null,
      message: null,
      success: true,
    });
  }

  private renew(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
    const master = tokenFromHeader(req);
    const st = master ? this.masters.get(master) : undefined;
    if (!st || st.masterExpires < this.nowMs()) {
      return sendJson(res, 200, { data: null, code: "390114", message: "Authentication token has expired.  The user must authenticate again.", success: false, headers: null });
    }
    const j = parseJsonBody(body) as { oldSessionToken?: string };
    if (j.oldSessionToken) this.sessions.delete(j.oldSessionToken);
    this.sessions.delete(st.token);
    st.token = "ver:1-hint:" + randomBytes(24).toString("hex");
    st.tokenExpires = this.nowMs() + SESSION_VALIDITY_S * 1000;
    this.sessions.set(st.token, st);
    sendJson(res, 200, {
      data: { sessionToken: st.token, validityInSecondsST: SESSION_VALIDITY_S, masterToken: st.masterToken, validityInSecondsMT: MASTER_VALIDITY_S, sessionId: st.session.id },
      code: null, message: null, success: true,
    });
  }

  private logout(req: http.IncomingMessage, res: http.ServerResponse): void {
    const t = tokenFromHeader(req);
    const st = t ? this.sessions.get(t) : undefined;
    if (st) {
      this.sessions.delete(st.token);
      this.masters.delete(st.masterToken);
    }
    sendJson(res, 200, { data: null, code: null, message: null, success: true });
  }

  /** Session for the request's token, or answers the error and returns undefined. */
  private auth(req: http.IncomingMessage, res: http.ServerResponse): SessionState | undefined {
    const t = tokenFromHeader(req);
    const st = t ? this.sessions.get(t) : undefined;
    if (!st) {
      sendJson(res, 401, { data: null, code: "390104", message: "Invalid session token. Please log in again.", success: false, headers: null });
      return undefined;
    }
    if (st.tokenExpires < this.nowMs()) {
      sendJson(res, 200, { data: null, code: "390112", message: "Your session has expired. Please login again.", success: false, headers: null });
      return undefined;
    }
    return st;
  }

  // ------------------------------------------------------------------------------------------- queries

  private queryRequest(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
    const st = this.auth(req, res);
    if (!st) return;
    const j = parseJsonBody(body) as {
      sqlText?: string; parameters?: Record<string, unknown>; bindings?: Record<string, Bind>; asyncExec?: boolean; describeOnly?: boolean;
    };
    const sqlText = String(j.sqlText ?? "");
    const start = Date.now();
    if (j.describeOnly) {
      const err = new SnowflakeError("000002", "0A000", "Unsupported feature 'describeOnly'.");
      return sendJson(res, 200, errorEnvelope(err, randomUUID()));
    }
    const count = j.parameters?.MULTI_STATEMENT_COUNT !== undefined ? Number(j.parameters.MULTI_STATEMENT_COUNT) : 1;
    let outcomes: StatementOutcome[];
    try {
      outcomes = this.engine.runSql(st.session, sqlText, { statementCount: count, binds: j.bindings });
    } catch (e) {
      const err = toSnowflakeError(e);
      const qid = randomUUID();
      this.store(qid, errorEnvelope(err, qid), sqlText, st.session.id, start, err);
      return sendJson(res, 200, errorEnvelope(err, qid));
    }
    let response: unknown;
    let parentId: string;
    const last = outcomes[outcomes.length - 1];
    for (const o of outcomes) {
      const b = o.error ? errorEnvelope(o.error, o.queryId) : successEnvelope(o.result as ResultSet, o.queryId, st.session);
      this.store(o.queryId, b, o.text, st.session.id, start, o.error);
    }
    if (outcomes.length === 1 && count === 1) {
      parentId = last.queryId;
      response = this.queries.get(parentId)?.body;
    } else if (last.error) {
      parentId = last.queryId;
      response = errorEnvelope(last.error, last.queryId);
    } else {
      parentId = randomUUID();
      const parent: ResultSet = {
        columns: [{ name: "multiple statement execution", type: "text", nullable: false }],
        rows: [["Multiple statements executed successfully."]],
        statementTypeId: STATEMENT_TYPE.MULTI,
      };
      const env = successEnvelope(parent, parentId, st.session) as { data: Record<string, unknown> };
      env.data.resultIds = outcomes.map((o) => o.queryId).join(",");
      env.data.resultTypes = outcomes.map((o) => String(o.result?.statementTypeId ?? 0)).join(",");
      response = env;
      this.store(parentId, env, sqlText, st.session.id, start);
    }
    if (j.asyncExec) {
      return sendJson(res, 200, {
        data: { queryId: parentId, getResultUrl: `/queries/${parentId}/result`, queryAbortsAfterSecs: 300, progressDesc: null },
        code: "333334",
        message: "Asynchronous execution in progress. Use provided query id to perform query monitoring and management.",
        success: true,
      });
    }
    sendJson(res, 200, response);
  }

  private store(qid: string, body: unknown, sqlText: string, sessionId: number, start: number, err?: SnowflakeError): void {
    this.queries.set(qid, { body, sqlText, ok: !err, errorCode: err?.code, errorMessage: err?.message, start, end: Date.now(), sessionId });
    if (this.queries.size > 5000) {
      const first = this.queries.keys().next().value as string;
      this.queries.delete(first);
    }
  }

  private queryResult(req: http.IncomingMessage, res: http.ServerResponse, id: string): void {
    if (!this.auth(req, res)) return;
    const q = this.queries.get(id);
    if (!q) {
      return sendJson(res, 200, errorEnvelope(new SnowflakeError("000709", "02000", `Statement ${id} not found`), id));
    }
    sendJson(res, 200, q.body);
  }

  private monitoring(req: http.IncomingMessage, res: http.ServerResponse, id: string): void {
    if (!this.auth(req, res)) return;
    const q = this.queries.get(id);
    const queries = q
      ? [{
          id, status: q.ok ? "SUCCESS" : "FAILED_WITH_ERROR", sqlText: "", startTime: q.start, endTime: q.end,
          errorCode: q.errorCode ?? null, errorMessage: q.errorMessage ?? null, stats: { scanBytes: 0, producedRows: 0 },
        }]
      : [];
    sendJson(res, 200, { data: { queries }, code: null, message: null, success: true });
  }

  // ------------------------------------------------------------------------------------------- SQL API v2

  /** Authenticate a SQL API request; answers 401 and returns undefined on failure. */
  private sqlApiAuth(req: http.IncomingMessage, res: http.ServerResponse): { user: string; role?: string; secondaryRoles?: "ALL" | "NONE" } | undefined {
    const h = req.headers.authorization ?? "";
    const m = /^Bearer\s+(.+)$/i.exec(h);
    const fail = (code: string, message: string, detail?: string): undefined => {
      this.engine.log.append({ sessionId: null, user: null, role: null, kind: "sqlapi", text: "AUTH", outcome: "error", code: detail ?? code });
      sendJson(res, 401, { code, message, requestId: randomUUID() });
      return undefined;
    };
    if (!m) return fail("390101", "Authorization header is missing or malformed.");
    const token = m[1].trim();
    let type = String(req.headers["x-snowflake-authorization-token-type"] ?? "").toUpperCase();
    if (!type) type = looksLikeKeypairJwt(token) ? "KEYPAIR_JWT" : "OAUTH";
    try {
      if (type === "KEYPAIR_JWT") {
        return { user: verifyKeypairJwt(this.engine.catalog(), this.engine.account, token, this.engine.now()).user };
      }
      if (type === "OAUTH") {
        const v = validateAccessToken(this.engine, token, { ip: clientIp(req, this.engine.trustForwardedFor) });
        return { user: v.user, role: v.role, secondaryRoles: v.secondaryRoles };
      }
      return fail("390100", `Unsupported authorization token type '${type}'.`);
    } catch (e) {
      if (e instanceof JwtError) return fail(e.code, e.message, e.reason);
      if (e instanceof SnowflakeError) return fail(e.code, e.message);
      throw e;
    }
  }

  private sqlApiSubmit(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: Buffer): void {
    const who = this.sqlApiAuth(req, res);
    if (!who) return;
    const requestId = url.searchParams.get("requestId") ?? randomUUID();
    let j: { statement?: string; role?: string; database?: string; schema?: string; warehouse?: string; bindings?: Record<string, Bind>; parameters?: Record<string, unknown> };
    try {
      j = parseJsonBody(body) as typeof j;
    } catch {
      return sendJson(res, 400, { code: "391902", message: "Unable to parse the request body.", requestId });
    }
    if (typeof j.statement !== "string") return sendJson(res, 400, { code: "391903", message: "The statement field is required.", requestId });
    const cat = this.engine.catalog();
    const user = cat.users[who.user];
    let role: string;
    if (who.role) role = who.role;
    else if (j.role) {
      role = resolveNameString(j.role);
      if (!cat.roles[role] || !userCanUseRole(cat, who.user, role)) {
        return sendJson(res, 422, {
          code: "390189", sqlState: "08004",
          message: `Role '${role}' specified in the connect string is not granted to this user. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.`,
          statementHandle: randomUUID(), createdOn: Date.now(), requestId,
        });
      }
    } else role = user?.defaultRole && cat.roles[user.defaultRole] && userCanUseRole(cat, who.user, user.defaultRole) ? user.defaultRole : "PUBLIC";
    const session: Session = {
      id: this.nextSessionId++, user: who.user, role, secondaryRoles: who.secondaryRoles ?? "ALL",
      database: j.database ? resolveNameString(j.database) : undefined,
      schema: j.schema ? resolveNameString(j.schema) : undefined,
      warehouse: j.warehouse ? resolveNameString(j.warehouse) : undefined,
    };
    const count = j.parameters?.MULTI_STATEMENT_COUNT !== undefined ? Number(j.parameters.MULTI_STATEMENT_COUNT) : 1;
    const createdOn = Date.now();
    let outcomes: StatementOutcome[];
    try {
      outcomes = this.engine.runSql(session, j.statement, { statementCount: count, binds: j.bindings, kind: "sqlapi" });
    } catch (e) {
      const err = toSnowflakeError(e);
      const handle = randomUUID();
      const b = sqlApiError(err, handle, createdOn, requestId);
      this.store(handle, { status: 422, body: b }, j.statement, session.id, createdOn, err);
      return sendJson(res, 422, b);
    }
    for (const o of outcomes) {
      const status = o.error ? 422 : 200;
      const b = o.error ? sqlApiError(o.error, o.queryId, createdOn, requestId) : sqlApiResult(o.result as ResultSet, o.queryId, createdOn, requestId);
      this.store(o.queryId, { status, body: b }, o.text, session.id, createdOn, o.error);
    }
    const last = outcomes[outcomes.length - 1];
    let status: number;
    let resp: unknown;
    let handle: string;
    if (last.error) {
      status = 422;
      handle = last.queryId;
      resp = sqlApiError(last.error, last.queryId, createdOn, requestId);
    } else if (outcomes.length === 1 && count === 1) {
      status = 200;
      handle = last.queryId;
      resp = (this.queries.get(handle)?.body as { body: unknown }).body;
    } else {
      status = 200;
      handle = randomUUID();
      resp = {
        ...(sqlApiResult({ columns: [{ name: "multiple statement execution", type: "text", nullable: false }], rows: [["Multiple statements executed successfully."]], statementTypeId: STATEMENT_TYPE.MULTI }, handle, createdOn, requestId) as Record<string, unknown>),
        statementHandles: outcomes.map((o) => o.queryId),
      };
      this.store(handle, { status, body: resp }, j.statement, session.id, createdOn);
    }
    if (url.searchParams.get("async") === "true") {
      return sendJson(res, 202, {
        code: "333334",
        message: "Asynchronous execution in progress. Use provided query id to perform query monitoring and management.",
        statementHandle: handle,
        statementStatusUrl: `/api/v2/statements/${handle}?requestId=${requestId}`,
        requestId,
      });
    }
    sendJson(res, status, resp);
  }

  private sqlApiGet(req: http.IncomingMessage, res: http.ServerResponse, handle: string): void {
    if (!this.sqlApiAuth(req, res)) return;
    const q = this.queries.get(handle);
    const stored = q?.body as { status?: number; body?: unknown } | undefined;
    if (!q || stored?.status === undefined) {
      return sendJson(res, 404, { code: "333335", message: `Statement ${handle} not found.`, statementHandle: handle });
    }
    sendJson(res, stored.status, stored.body);
  }

  private sqlApiCancel(req: http.IncomingMessage, res: http.ServerResponse, handle: string): void {
    if (!this.sqlApiAuth(req, res)) return;
    sendJson(res, 200, {
      code: "000604", sqlState: "57014", message: "SQL execution canceled", statementHandle: handle,
      statementStatusUrl: `/api/v2/statements/${handle}`,
    });
  }
}

// --------------------------------------------------------------------------------------------- helpers

function looksLikeKeypairJwt(token: string): boolean {
  const parts = token.split(".");
  if (parts.length !== 3) return false;
  try {
    const p = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as { iss?: unknown };
    return typeof p.iss === "string" && p.iss.includes(".SHA256:");
  } catch {
    return false;
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      // Decide by magic bytes, not by the header (Python gzips; Node announces but does not).
      if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
        try {
          resolve(gunzipSync(raw));
        } catch (e) {
          reject(e);
        }
      } else resolve(raw);
    });
    req.on("error", reject);
  });
}

function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  return JSON.parse(body.toString("utf8"));
}

function tokenFromHeader(req: http.IncomingMessage): string | undefined {
  const h = req.headers.authorization ?? "";
  const m = /^Snowflake Token="(.*)"$/.exec(h);
  return m ? m[1] : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

/** rowtype entry with every key the three drivers read (§3, §5.1). */
export function rowtypeOf(c: Column): Record<string, unknown> {
  const base = { name: c.name, database: "", schema: "", table: "", nullable: c.nullable, type: c.type, collation: null };
  switch (c.type) {
    case "text":
    case "variant":
      return { ...base, byteLength: 16777216, length: 16777216, precision: null, scale: null };
    case "fixed":
      return { ...base, byteLength: null, length: null, precision: c.precision ?? 38, scale: c.scale ?? 0 };
    case "timestamp_ltz":
    case "timestamp_ntz":
      return { ...base, byteLength: null, length: null, precision: c.precision ?? 0, scale: c.scale ?? 9 };
    default:
      return { ...base, byteLength: null, length: null, precision: null, scale: null };
  }
}

/**
 * Wire encoding of cells: boolean columns are sent as "1"/"0" as Snowflake does (wire-protocol.md §6.1; the
 * Python connector only reads "1"/"TRUE" as true). Executors may produce "true"/"false".
 */
function wireRows(r: ResultSet): (string | null)[][] {
  const boolIdx = r.columns.map((c, i) => (c.type === "boolean" ? i : -1)).filter((i) => i >= 0);
  if (boolIdx.length === 0) return r.rows;
  return r.rows.map((row) => {
    const out = [...row];
    for (const i of boolIdx) {
      const v = out[i];
      if (v !== null) out[i] = v === "true" || v === "1" || v === "TRUE" ? "1" : "0";
    }
    return out;
  });
}

function successEnvelope(r: ResultSet, queryId: string, s: Session): unknown {
  return {
    data: {
      parameters: RESULT_PARAMETERS,
      rowtype: r.columns.map(rowtypeOf),
      rowset: wireRows(r),
      total: r.rows.length,
      returned: r.rows.length,
      queryId,
      databaseProvider: null,
      finalDatabaseName: s.database ?? null,
      finalSchemaName: s.schema ?? null,
      finalWarehouseName: s.warehouse ?? null,
      finalRoleName: s.role,
      numberOfBinds: 0,
      arrayBindSupported: false,
      statementTypeId: r.statementTypeId,
      version: 1,
      sendResultTime: Date.now(),
      queryResultFormat: "json",
      queryContext: { entries: [] },
    },
    code: null,
    message: null,
    success: true,
  };
}

export function errorEnvelope(err: SnowflakeError, queryId: string): unknown {
  return {
    data: {
      internalError: false, unredactedFromSecureObject: false, errorCode: err.code, age: 0, sqlState: err.sqlState, queryId,
      line: -1, pos: -1, type: "COMPILATION", ...(err.data ?? {}),
    },
    code: err.code,
    message: err.message,
    success: false,
    headers: null,
  };
}

function sqlApiResult(r: ResultSet, handle: string, createdOn: number, requestId: string): unknown {
  return {
    resultSetMetaData: {
      numRows: r.rows.length,
      format: "jsonv2",
      partitionInfo: [{ rowCount: r.rows.length, uncompressedSize: JSON.stringify(r.rows).length }],
      rowType: r.columns.map(rowtypeOf),
    },
    data: wireRows(r),
    code: "090001",
    statementStatusUrl: `/api/v2/statements/${handle}?requestId=${requestId}`,
    requestId,
    sqlState: "00000",
    statementHandle: handle,
    message: "Statement executed successfully.",
    createdOn,
  };
}

function sqlApiError(err: SnowflakeError, handle: string, createdOn: number, requestId: string): unknown {
  return {
    code: err.code,
    message: err.message,
    sqlState: err.sqlState,
    statementHandle: handle,
    statementStatusUrl: `/api/v2/statements/${handle}?requestId=${requestId}`,
    requestId,
    createdOn,
  };
}
