/**
 * Stored query responses, for `/queries/{id}/result`, monitoring and SQL API GET by handle.
 * Bounded (oldest dropped first) so a long-running emulator does not grow without limit.
 * @internal
 */
import type { SnowflakeError } from "../errors";

export interface StoredQuery {
  body: unknown;
  sqlText: string;
  ok: boolean;
  errorCode?: string;
  errorMessage?: string;
  start: number;
  end: number;
  sessionId: number;
}

const MAX_STORED = 5000;

export class QueryStore {
  private readonly queries = new Map<string, StoredQuery>();

  store(qid: string, body: unknown, sqlText: string, sessionId: number, start: number, err?: SnowflakeError): void {
    this.queries.set(qid, { body, sqlText, ok: !err, errorCode: err?.code, errorMessage: err?.message, start, end: Date.now(), sessionId });
    if (this.queries.size > MAX_STORED) this.queries.delete(this.queries.keys().next().value as string);
  }

  get(qid: string): StoredQuery | undefined {
    return this.queries.get(qid);
  }
}
