/**
 * Fault injection controlled by tests (in-process via `emu.faults`, or `POST /__emulator/faults`).
 * @internal
 */
export interface FailStatementFault {
  /** RegExp or case-insensitive substring matched against the statement text. */
  match: RegExp | string;
  /** Fail the nth matching statement (1-based, counted from when the fault was set). Default 1. */
  nth?: number;
  /** How many statements to fail starting at the nth match. Default 1. */
  times?: number;
  code: string;
  message: string;
  sqlState?: string;
}

export interface HttpFault {
  /** Number of requests to affect. */
  count: number;
  /** Only requests whose path starts with one of these (default: every path except /__emulator). */
  paths?: string[];
  /** Only query requests whose SQL text matches (RegExp, or case-insensitive substring); default: any request. */
  statement?: RegExp | string;
}

export interface FaultSpec {
  /** Delay before every request is handled. */
  latencyMs?: number;
  /** Extra delay for login requests. */
  loginLatencyMs?: number;
  /**
   * Server time per statement of a driver query request, before the answer: a request of k statements
   * waits k times this, as Snowflake runs the statements of a multi-statement request one after another.
   */
  statementLatencyMs?: number;
  failStatement?: FailStatementFault;
  /** Answer the next `count` matching requests with HTTP 503 (drivers retry these). */
  http503?: HttpFault;
  /** Destroy the socket of the next `count` matching requests without answering. */
  dropConnection?: HttpFault;
  /** Handle the next `count` matching requests (statements run and commit), then destroy the socket instead of answering. */
  dropResponse?: HttpFault;
}

/** JSON form of a FaultSpec for the HTTP control endpoint (`match` as a string; `matchRegex` for a regex). */
export interface FaultSpecJson extends Omit<FaultSpec, "failStatement"> {
  failStatement?: Omit<FailStatementFault, "match"> & { match: string; regex?: boolean };
}

export class Faults {
  private spec: FaultSpec = {};
  private matched = 0;
  private failed = 0;
  private http503Left = 0;
  private dropLeft = 0;
  private dropResponseLeft = 0;

  set(spec: FaultSpec): void {
    this.spec = { ...spec };
    this.matched = 0;
    this.failed = 0;
    this.http503Left = spec.http503?.count ?? 0;
    this.dropLeft = spec.dropConnection?.count ?? 0;
    this.dropResponseLeft = spec.dropResponse?.count ?? 0;
  }

  setFromJson(json: FaultSpecJson): void {
    const fs = json.failStatement;
    this.set({
      ...json,
      failStatement: fs ? { ...fs, match: fs.regex ? new RegExp(fs.match, "i") : fs.match } : undefined,
    });
  }

  clear(): void {
    this.set({});
  }

  get latencyMs(): number {
    return this.spec.latencyMs ?? 0;
  }

  get statementLatencyMs(): number {
    return this.spec.statementLatencyMs ?? 0;
  }

  get loginLatencyMs(): number {
    return this.spec.loginLatencyMs ?? 0;
  }

  private static pathMatches(f: HttpFault | undefined, path: string, sqlText?: string): boolean {
    if (!f) return false;
    if (path.startsWith("/__emulator")) return false;
    if (f.statement !== undefined) {
      if (sqlText === undefined) return false;
      const hit = typeof f.statement === "string" ? sqlText.toLowerCase().includes(f.statement.toLowerCase()) : f.statement.test(sqlText);
      if (!hit) return false;
    }
    return !f.paths || f.paths.some((p) => path.startsWith(p));
  }

  /** Consume one 503 for this path if configured. */
  take503(path: string, sqlText?: string): boolean {
    if (this.http503Left > 0 && Faults.pathMatches(this.spec.http503, path, sqlText)) {
      this.http503Left--;
      return true;
    }
    return false;
  }

  /** Consume one dropped connection for this path if configured. */
  takeDrop(path: string, sqlText?: string): boolean {
    if (this.dropLeft > 0 && Faults.pathMatches(this.spec.dropConnection, path, sqlText)) {
      this.dropLeft--;
      return true;
    }
    return false;
  }

  /** Consume one dropped response for this path if configured (the request is still executed). */
  takeDropResponse(path: string, sqlText?: string): boolean {
    if (this.dropResponseLeft > 0 && Faults.pathMatches(this.spec.dropResponse, path, sqlText)) {
      this.dropResponseLeft--;
      return true;
    }
    return false;
  }

  /** If this statement must fail, returns the error to raise. Counts matches. */
  statementFailure(sqlText: string): { code: string; message: string; sqlState: string } | undefined {
    const f = this.spec.failStatement;
    if (!f) return undefined;
    const hit = typeof f.match === "string" ? sqlText.toLowerCase().includes(f.match.toLowerCase()) : f.match.test(sqlText);
    if (!hit) return undefined;
    this.matched++;
    const nth = f.nth ?? 1;
    const times = f.times ?? 1;
    if (this.matched >= nth && this.failed < times) {
      this.failed++;
      return { code: f.code, message: f.message, sqlState: f.sqlState ?? "42000" };
    }
    return undefined;
  }
}
