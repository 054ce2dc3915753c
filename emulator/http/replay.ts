/**
 * Request-id replay: a request whose `requestId` was already answered gets the original response,
 * not a second execution.
 * - snowflake-sdk puts `requestId` in the query-request URL (lib/connection/statement.js,
 *   sendRequestPreExec) and its retry middleware resends the same URL plus `clientStartTime` /
 *   `retryCount` (/ `retryReason`) after a network error (lib/http/axios_instance.ts), i.e. the same id.
 * - SQL API: resubmit with the same `requestId` and `retry=true`
 *   (https://docs.snowflake.com/en/developer-guide/sql-api/submitting-requests ,
 *   https://docs.snowflake.com/en/developer-guide/sql-api/reference).
 * Retention: not documented publicly — unsourced choice: 1 hour and at most 5000 ids (FIDELITY.md).
 * Ids are kept per user so one user's id never returns another user's result (unsourced).
 * @internal
 */
export const REPLAY_RETENTION_MS = 3600_000;
const MAX_IDS = 5000;

export interface ReplayedResponse {
  readonly status: number;
  readonly body: unknown;
}

export class RequestReplay {
  private readonly seen = new Map<string, { at: number; resp: ReplayedResponse }>();

  constructor(private readonly nowMs: () => number) {}

  private static key(scope: string, user: string, requestId: string): string {
    return `${scope}\u0000${user}\u0000${requestId}`;
  }

  /** The stored response for this id, if any and still within retention. */
  lookup(scope: string, user: string, requestId: string | null): ReplayedResponse | undefined {
    if (!requestId) return undefined;
    const k = RequestReplay.key(scope, user, requestId);
    const hit = this.seen.get(k);
    if (!hit) return undefined;
    if (this.nowMs() - hit.at > REPLAY_RETENTION_MS) {
      this.seen.delete(k);
      return undefined;
    }
    return hit.resp;
  }

  remember(scope: string, user: string, requestId: string | null, resp: ReplayedResponse): void {
    if (!requestId) return;
    this.seen.set(RequestReplay.key(scope, user, requestId), { at: this.nowMs(), resp });
    if (this.seen.size > MAX_IDS) this.seen.delete(this.seen.keys().next().value as string);
  }
}
