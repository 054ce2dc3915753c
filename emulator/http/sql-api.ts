/**
 * SQL API v2: `POST /api/v2/statements`, `GET /api/v2/statements/{handle}`, `POST .../cancel`
 * (https://docs.snowflake.com/en/developer-guide/sql-api/reference). Bearer tokens: KEYPAIR_JWT or OAUTH.
 * @internal
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { Bind, StatementOutcome, toSnowflakeError } from "../engine";
import { SnowflakeError } from "../errors";
import { ResultSet, Session } from "../exec/context";
import { validateAccessToken } from "../oauth/tokens";
import { JwtError, verifyKeypairJwt } from "../auth/keypair-jwt";
import { decodeJwt } from "../auth/jwt";
import { resolveNameString } from "../exec/common";
import { clientIp } from "../auth/network";
import { parseJsonBody, sendJson } from "./io";
import { MULTI_STATEMENT_RESULT, sqlApiError, sqlApiResult } from "./envelopes";
import { statementCount } from "./queries";
import { checkRoleRestriction, sessionRole } from "./session-role";
import type { HttpContext } from "./context";

export interface Caller {
  user: string;
  role?: string;
  secondaryRoles?: "ALL" | "NONE";
  /** KEYPAIR_JWT with a named key pair: its name (for `lastUsedOn`) and ROLE_RESTRICTION. */
  keyPair?: string;
  roleRestriction?: string;
}

interface SubmitBody {
  statement?: string;
  role?: string;
  database?: string;
  schema?: string;
  warehouse?: string;
  bindings?: Record<string, Bind>;
  parameters?: Record<string, unknown>;
}

/** Without the token-type header Snowflake infers it; a JWT whose `iss` has `.SHA256:` is a key-pair JWT. */
function looksLikeKeypairJwt(token: string): boolean {
  const iss = decodeJwt(token)?.payload.iss;
  return typeof iss === "string" && iss.includes(".SHA256:");
}

/** Authenticate a bearer request (SQL API, REST resource API); answers 401 and returns undefined on failure. */
export function authenticate(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Caller | undefined {
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
  const fail = (code: string, message: string, detail?: string): undefined => {
    ctx.engine.log.append({
      sessionId: null,
      user: null,
      role: null,
      kind: "sqlapi",
      text: "AUTH",
      outcome: "error",
      code: detail ?? code,
    });
    sendJson(res, 401, { code, message, requestId: randomUUID() });
    return undefined;
  };
  if (!m) return fail("390101", "Authorization header is missing or malformed.");
  const token = m[1].trim();
  let type = String(req.headers["x-snowflake-authorization-token-type"] ?? "").toUpperCase();
  if (!type) type = looksLikeKeypairJwt(token) ? "KEYPAIR_JWT" : "OAUTH";
  try {
    if (type === "KEYPAIR_JWT") {
      const v = verifyKeypairJwt(ctx.engine.catalog(), ctx.engine.account, token, ctx.engine.now());
      // As at driver login (login.ts): a role-restricted key pair runs with that role only.
      return {
        user: v.user,
        keyPair: v.keyPair,
        roleRestriction: v.roleRestriction,
        secondaryRoles: v.roleRestriction !== undefined ? "NONE" : undefined,
      };
    }
    if (type === "OAUTH") return validateAccessToken(ctx.engine, token, { ip: clientIp(req, ctx.engine.trustForwardedFor) });
    return fail("390100", `Unsupported authorization token type '${type}'.`);
  } catch (e) {
    if (e instanceof JwtError) return fail(e.code, e.message, e.reason);
    if (e instanceof SnowflakeError) return fail(e.code, e.message);
    throw e;
  }
}

/** SHOW USER KEY PAIRS `last_used_on`: each bearer request authenticates (https://docs.snowflake.com/sql-reference/sql/show-user-key-pairs). */
export function recordKeyPairUse(ctx: HttpContext, who: Caller): void {
  if (who.keyPair === undefined) return;
  ctx.engine.transact((draft) => {
    const k = draft.users[who.user]?.keyPairs?.find((x) => x.name === who.keyPair);
    if (k) k.lastUsedOn = ctx.engine.now().toISOString();
  });
}

export function submit(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): void {
  const who = authenticate(ctx, req, res);
  if (!who) return;
  const givenId = url.searchParams.get("requestId");
  const requestId = givenId ?? randomUUID();
  // Only a resubmission (`retry=true`, same requestId) gets the original answer (docs; replay.ts).
  const replayed = url.searchParams.get("retry") === "true" ? ctx.replay.lookup("sqlapi", who.user, givenId) : undefined;
  if (replayed) return sendJson(res, replayed.status, replayed.body);
  let j: SubmitBody;
  try {
    j = parseJsonBody(body) as SubmitBody;
  } catch {
    return sendJson(res, 400, { code: "391902", message: "Unable to parse the request body.", requestId });
  }
  if (typeof j.statement !== "string")
    return sendJson(res, 400, { code: "391903", message: "The statement field is required.", requestId });
  let role: string;
  try {
    role = sessionRole(ctx.engine.catalog(), who.user, who.role, j.role);
    checkRoleRestriction(ctx.engine.catalog(), who.user, role, who.roleRestriction);
  } catch (e) {
    const err = e as SnowflakeError;
    return sendJson(res, 422, {
      code: err.code,
      sqlState: err.sqlState,
      message: err.message,
      statementHandle: randomUUID(),
      createdOn: Date.now(),
      requestId,
    });
  }
  recordKeyPairUse(ctx, who);
  const session: Session = {
    id: ctx.sessions.newSessionId(),
    user: who.user,
    role,
    secondaryRoles: who.secondaryRoles ?? "ALL",
    database: j.database ? resolveNameString(j.database) : undefined,
    schema: j.schema ? resolveNameString(j.schema) : undefined,
    warehouse: j.warehouse ? resolveNameString(j.warehouse) : undefined,
    clientIp: clientIp(req, ctx.engine.trustForwardedFor),
  };
  const { status, handle, resp } = execute(ctx, session, j.statement, j, requestId);
  const answer: { status: number; body: unknown } =
    url.searchParams.get("async") === "true"
      ? {
          status: 202,
          body: {
            code: "333334",
            message: "Asynchronous execution in progress. Use provided query id to perform query monitoring and management.",
            statementHandle: handle,
            statementStatusUrl: `/api/v2/statements/${handle}?requestId=${requestId}`,
            requestId,
          },
        }
      : { status, body: resp };
  ctx.replay.remember("sqlapi", who.user, givenId, answer);
  sendJson(res, answer.status, answer.body);
}

/** Run the statement(s), store each result under its handle, and build the response of the request. */
function execute(
  ctx: HttpContext,
  session: Session,
  statement: string,
  j: SubmitBody,
  requestId: string,
): { status: number; handle: string; resp: unknown } {
  const count = statementCount(j.parameters);
  const createdOn = Date.now();
  const keep = (handle: string, status: number, b: unknown, text: string, err?: SnowflakeError): void =>
    ctx.queries.store(handle, { status, body: b }, text, session.id, createdOn, err);
  let outcomes: StatementOutcome[];
  try {
    outcomes = ctx.engine.runSql(session, statement, { statementCount: count, binds: j.bindings, kind: "sqlapi" });
  } catch (e) {
    const err = toSnowflakeError(e);
    const handle = randomUUID();
    const b = sqlApiError(err, handle, createdOn, requestId);
    keep(handle, 422, b, statement, err);
    return { status: 422, handle, resp: b };
  }
  for (const o of outcomes) {
    const b = o.error
      ? sqlApiError(o.error, o.queryId, createdOn, requestId)
      : sqlApiResult(o.result as ResultSet, o.queryId, createdOn, requestId);
    keep(o.queryId, o.error ? 422 : 200, b, o.text, o.error);
  }
  const last = outcomes[outcomes.length - 1];
  if (last.error) return { status: 422, handle: last.queryId, resp: sqlApiError(last.error, last.queryId, createdOn, requestId) };
  if (outcomes.length === 1 && count === 1) {
    return { status: 200, handle: last.queryId, resp: (ctx.queries.get(last.queryId)?.body as { body: unknown }).body };
  }
  const handle = randomUUID();
  const resp = {
    ...(sqlApiResult(MULTI_STATEMENT_RESULT, handle, createdOn, requestId) as Record<string, unknown>),
    statementHandles: outcomes.map((o) => o.queryId),
  };
  keep(handle, 200, resp, statement);
  return { status: 200, handle, resp };
}

export function getStatement(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, handle: string): void {
  if (!authenticate(ctx, req, res)) return;
  const stored = ctx.queries.get(handle)?.body as { status?: number; body?: unknown } | undefined;
  if (stored?.status === undefined)
    return sendJson(res, 404, { code: "333335", message: `Statement ${handle} not found.`, statementHandle: handle });
  sendJson(res, stored.status, stored.body);
}

export function cancel(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, handle: string): void {
  if (!authenticate(ctx, req, res)) return;
  sendJson(res, 200, {
    code: "000604",
    sqlState: "57014",
    message: "SQL execution canceled",
    statementHandle: handle,
    statementStatusUrl: `/api/v2/statements/${handle}`,
  });
}
