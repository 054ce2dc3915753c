/**
 * The driver's query endpoints: `POST /queries/v1/query-request` (single, multi-statement, async),
 * `GET /queries/{id}/result` and `GET /monitoring/queries/{id}` (FIDELITY.md, "Wire protocol").
 * @internal
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { Bind, StatementOutcome, toSnowflakeError } from "../engine";
import { SnowflakeError } from "../errors";
import { ResultSet } from "../exec/context";
import { parseJsonBody, sendJson } from "./io";
import { errorEnvelope, MULTI_STATEMENT_RESULT, successEnvelope } from "./envelopes";
import type { SessionState } from "./sessions";
import type { HttpContext } from "./context";

interface QueryRequestBody {
  sqlText?: string;
  parameters?: Record<string, unknown>;
  bindings?: Record<string, Bind>;
  asyncExec?: boolean;
  describeOnly?: boolean;
}

/** `MULTI_STATEMENT_COUNT` (0 = any number), default 1. */
export function statementCount(parameters: Record<string, unknown> | undefined): number {
  return parameters?.MULTI_STATEMENT_COUNT !== undefined ? Number(parameters.MULTI_STATEMENT_COUNT) : 1;
}

/**
 * A retry carries the same `requestId` (see replay.ts for the sources); its original response is sent
 * again instead of running the statements twice.
 */
export async function queryRequest(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
  const st = ctx.sessions.authenticate(req, res);
  if (!st) return;
  const requestId = url.searchParams.get("requestId");
  const replayed = ctx.replay.lookup("query", st.session.user, requestId);
  if (replayed) return sendJson(res, replayed.status, replayed.body);
  const j = parseJsonBody(body) as QueryRequestBody;
  if (j.describeOnly) {
    const err = new SnowflakeError("000002", "0A000", "Unsupported feature 'describeOnly'.");
    return sendJson(res, 200, errorEnvelope(err, randomUUID()));
  }
  const { parentId, response, ran } = execute(ctx, st, j);
  const answer = j.asyncExec
    ? {
        data: { queryId: parentId, getResultUrl: `/queries/${parentId}/result`, queryAbortsAfterSecs: 300, progressDesc: null },
        code: "333334",
        message: "Asynchronous execution in progress. Use provided query id to perform query monitoring and management.",
        success: true,
      }
    : response;
  // Remembered as soon as the statements ran, before the injected server time: a retry that arrives meanwhile is
  // answered from the first execution, never run again.
  ctx.replay.remember("query", st.session.user, requestId, { status: 200, body: answer });
  const serverMs = ctx.engine.faults.statementLatencyMs * ran;
  if (serverMs > 0) await new Promise((r) => setTimeout(r, serverMs));
  sendJson(res, 200, answer);
}

/** Run the request's statements, store every result, and build the response of the request. */
function execute(ctx: HttpContext, st: SessionState, j: QueryRequestBody): { parentId: string; response: unknown; ran: number } {
  const sqlText = String(j.sqlText ?? "");
  const start = Date.now();
  const count = statementCount(j.parameters);
  const sid = st.session.id;
  let outcomes: StatementOutcome[];
  try {
    outcomes = ctx.engine.runSql(st.session, sqlText, { statementCount: count, binds: j.bindings });
  } catch (e) {
    const err = toSnowflakeError(e);
    const qid = randomUUID();
    ctx.queries.store(qid, errorEnvelope(err, qid), sqlText, sid, start, err);
    return { parentId: qid, response: errorEnvelope(err, qid), ran: 0 };
  }
  for (const o of outcomes) {
    const b = o.error ? errorEnvelope(o.error, o.queryId) : successEnvelope(o.result as ResultSet, o.queryId, st.session);
    ctx.queries.store(o.queryId, b, o.text, sid, start, o.error);
  }
  const last = outcomes[outcomes.length - 1];
  const ran = outcomes.length;
  if (outcomes.length === 1 && count === 1) return { parentId: last.queryId, response: ctx.queries.get(last.queryId)?.body, ran };
  if (last.error) return { parentId: last.queryId, response: errorEnvelope(last.error, last.queryId), ran };
  const parentId = randomUUID();
  const env = successEnvelope(MULTI_STATEMENT_RESULT, parentId, st.session) as { data: Record<string, unknown> };
  env.data.resultIds = outcomes.map((o) => o.queryId).join(",");
  env.data.resultTypes = outcomes.map((o) => String(o.result?.statementTypeId ?? 0)).join(",");
  ctx.queries.store(parentId, env, sqlText, sid, start);
  return { parentId, response: env, ran };
}

export function queryResult(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, id: string): void {
  if (!ctx.sessions.authenticate(req, res)) return;
  const q = ctx.queries.get(id);
  if (!q) return sendJson(res, 200, errorEnvelope(new SnowflakeError("000709", "02000", `Statement ${id} not found`), id));
  sendJson(res, 200, q.body);
}

export function monitoring(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, id: string): void {
  if (!ctx.sessions.authenticate(req, res)) return;
  const q = ctx.queries.get(id);
  const queries = q
    ? [
        {
          id,
          status: q.ok ? "SUCCESS" : "FAILED_WITH_ERROR",
          sqlText: "",
          startTime: q.start,
          endTime: q.end,
          errorCode: q.errorCode ?? null,
          errorMessage: q.errorMessage ?? null,
          stats: { scanBytes: 0, producedRows: 0 },
        },
      ]
    : [];
  sendJson(res, 200, { data: { queries }, code: null, message: null, success: true });
}
