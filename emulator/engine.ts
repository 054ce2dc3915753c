/**
 * The engine: committed catalog + persistence + statement execution for a session.
 * Implements EmulatorServices (what executors and HTTP handlers use).
 *
 * Persistence: `catalog.json` in the data dir, written as temp file + fsync + rename + fsync(dir)
 * inside `transact`, i.e. before the statement's response is sent.
 * @internal
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { randomUUID } from "node:crypto";
import { Catalog, CATALOG_VERSION, initialCatalog } from "./catalog/state";
import { NotSupported, SnowflakeError, statementCountMismatch, syntaxError } from "./errors";
import { EmulatorServices, ExecContext, Logger, ResultSet, Session } from "./exec/context";
import { execute } from "./exec/dispatcher";
import { Faults } from "./faults";
import { LogKind, redactSql, StatementLog } from "./log";
import { Cursor } from "./sql/cursor";
import { splitStatements, Token, tokenize } from "./sql/lexer";
import { parseStatement } from "./sql/parser";

export interface EngineOptions {
  account: string;
  dataDir?: string;
  adminUser: string;
  adminPassword: string;
  logger?: Logger;
  now?: () => Date;
  trustForwardedFor?: boolean;
}

/** One bind value as the drivers send it: `{ type: "TEXT" | "FIXED" | "REAL" | "BOOLEAN" | ..., value }`. */
export interface Bind {
  type?: string;
  value: unknown;
}

export interface StatementOutcome {
  readonly queryId: string;
  readonly text: string;
  readonly result?: ResultSet;
  readonly error?: SnowflakeError;
}

const quietLogger: Logger = { debug: () => undefined, warn: () => undefined };

export class Engine implements EmulatorServices {
  readonly account: string;
  readonly log: StatementLog;
  readonly faults = new Faults();
  readonly logger: Logger;
  readonly trustForwardedFor: boolean;
  private state: Catalog;
  private lastPersisted = "";
  private baseUrl = "";
  private readonly dataDir?: string;
  private readonly clock: () => Date;
  private clockOffsetMs = 0;
  /** Requests that ran SQL (see LogEntry.request). */
  private requests = 0;
  private lockFile?: string;
  private sessionLookup: (id: number) => string | undefined = () => undefined;

  constructor(o: EngineOptions) {
    this.account = o.account.toUpperCase();
    this.dataDir = o.dataDir;
    this.trustForwardedFor = o.trustForwardedFor ?? false;
    this.logger = o.logger ?? quietLogger;
    this.clock = o.now ?? (() => new Date());
    if (o.dataDir) {
      fs.mkdirSync(o.dataDir, { recursive: true });
      this.lockFile = acquireLock(o.dataDir);
    }
    this.log = new StatementLog(o.dataDir, () => this.now());
    const loaded = this.load();
    this.state =
      loaded ?? initialCatalog({ account: this.account, adminUser: o.adminUser, adminPassword: o.adminPassword, now: this.now() });
    if (!loaded) this.persist(this.state);
  }

  /** Release the data-dir lock (called by `Emulator.stop`). */
  close(): void {
    if (this.lockFile) {
      try {
        fs.unlinkSync(this.lockFile);
      } catch {
        // already gone
      }
      this.lockFile = undefined;
    }
  }

  /** Set by the HTTP server: who owns a live session (the sessions live there, not in the catalog). */
  setSessionLookup(fn: (id: number) => string | undefined): void {
    this.sessionLookup = fn;
  }

  sessionUser(id: number): string | undefined {
    return this.sessionLookup(id);
  }

  setUrl(url: string): void {
    this.baseUrl = url;
  }

  url(): string {
    return this.baseUrl;
  }

  now(): Date {
    return new Date(this.clock().getTime() + this.clockOffsetMs);
  }

  /** Move the emulator's clock forward (tests of expiry: OAuth tokens, JWTs, session tokens). */
  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  catalog(): Readonly<Catalog> {
    return this.state;
  }

  transact<T>(fn: (draft: Catalog) => T): T {
    const draft = structuredClone(this.state);
    const out = fn(draft);
    this.persist(draft);
    this.state = draft;
    return out;
  }

  private catalogFile(): string | undefined {
    return this.dataDir ? path.join(this.dataDir, "catalog.json") : undefined;
  }

  private load(): Catalog | undefined {
    const file = this.catalogFile();
    if (!file || !fs.existsSync(file)) return undefined;
    const text = fs.readFileSync(file, "utf8");
    const c = JSON.parse(text) as Catalog;
    if (c.version !== CATALOG_VERSION) throw new Error(`catalog.json: unsupported version ${String(c.version)}`);
    this.lastPersisted = text;
    return c;
  }

  private persist(c: Catalog): void {
    const file = this.catalogFile();
    if (!file) return;
    const text = JSON.stringify(c, null, 1);
    if (text === this.lastPersisted) return;
    const tmp = `${file}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, "w", 0o600);
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    try {
      const dfd = fs.openSync(path.dirname(file), "r");
      try {
        fs.fsyncSync(dfd);
      } finally {
        fs.closeSync(dfd);
      }
    } catch {
      // fsync of a directory is not supported everywhere; the rename is still atomic.
    }
    this.lastPersisted = text;
  }

  /**
   * Run SQL text for a session. `statementCount` is MULTI_STATEMENT_COUNT (default 1; 0 = any).
   * Statements run in order; each commits on success; the first failure stops the rest.
   * Returns one outcome per statement executed (the last may carry the error), or throws for errors
   * that concern the whole request (syntax errors in splitting, count mismatch).
   */
  runSql(
    session: Session,
    sqlText: string,
    opts: { statementCount?: number; binds?: Record<string, Bind>; kind?: LogKind } = {},
  ): StatementOutcome[] {
    const kind = opts.kind ?? "statement";
    const request = ++this.requests;
    let parts;
    try {
      parts = splitStatements(sqlText, tokenize(sqlText));
      if (parts.length === 0) {
        const toks = tokenize(sqlText);
        throw syntaxError(toks[toks.length - 1].line, toks[toks.length - 1].col, "<EOF>");
      }
      const want = opts.statementCount ?? 1;
      if (want !== 0 && parts.length !== want) throw statementCountMismatch(parts.length, want);
    } catch (e) {
      const err = toSnowflakeError(e);
      this.logStatement(session, kind, sqlText, request, err);
      throw err;
    }
    const out: StatementOutcome[] = [];
    let bindIndex = 0;
    for (const part of parts) {
      const queryId = randomUUID();
      let tokens = part.tokens;
      if (opts.binds && Object.keys(opts.binds).length) {
        const r = applyBinds(tokens, opts.binds, bindIndex);
        tokens = r.tokens;
        bindIndex = r.next;
      }
      try {
        const result = this.runOne(session, part.text, tokens);
        this.logStatement(session, kind, part.text, request);
        out.push({ queryId, text: part.text, result });
      } catch (e) {
        const err = toSnowflakeError(e);
        this.logStatement(session, kind, part.text, request, err);
        out.push({ queryId, text: part.text, error: err });
        break;
      }
    }
    return out;
  }

  private runOne(session: Session, text: string, tokens: Token[]): ResultSet {
    const fault = this.faults.statementFailure(text);
    if (fault) throw new SnowflakeError(fault.code, fault.sqlState, fault.message);
    const stmt = parseStatement(new Cursor(tokens, text));
    // Session changes (USE ROLE, ALTER SESSION) apply only if the statement succeeds.
    const draftSession: Session = { ...session, params: session.params ? { ...session.params } : undefined };
    const result = this.transact((draft) => {
      const ctx: ExecContext = { catalog: draft, session: draftSession, account: this.account, now: () => this.now(), emulator: this };
      return execute(ctx, stmt);
    });
    Object.assign(session, draftSession);
    return result;
  }

  private logStatement(session: Session, kind: LogKind, text: string, request: number, err?: SnowflakeError): void {
    this.log.append({
      sessionId: session.id,
      user: session.user,
      role: session.role,
      kind,
      text: redactSql(text),
      outcome: err ? "error" : "ok",
      code: err?.code,
      request,
    });
  }
}

/**
 * One emulator per data dir: `emulator.lock` holds the owner's pid. A lock left by a dead process is taken over;
 * a live one (including another emulator in this process that was not stopped) is an error.
 */
function acquireLock(dir: string): string {
  const file = path.join(dir, "emulator.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      return file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(fs.readFileSync(file, "utf8").trim());
      let alive = false;
      try {
        if (pid > 0) {
          process.kill(pid, 0);
          alive = true;
        }
      } catch (err) {
        alive = (err as NodeJS.ErrnoException).code === "EPERM";
      }
      if (alive) throw new Error(`emulator data dir ${dir} is in use by process ${pid} (remove ${file} if that is wrong)`);
      fs.unlinkSync(file);
    }
  }
  throw new Error(`could not lock emulator data dir ${dir}`);
}

/** Replace `?` (positional) and `:N` bind markers with literal tokens. */
function applyBinds(tokens: Token[], binds: Record<string, Bind>, start: number): { tokens: Token[]; next: number } {
  const out: Token[] = [];
  let next = start;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    let key: string | undefined;
    if (t.kind === "symbol" && t.value === "?") key = String(++next);
    else if (t.kind === "symbol" && t.value === ":" && tokens[i + 1]?.kind === "number" && tokens[i + 1].offset === t.offset + 1) {
      key = tokens[i + 1].value;
      i++;
    }
    if (key === undefined) {
      out.push(t);
      continue;
    }
    const b = binds[key];
    if (!b)
      throw new SnowflakeError(
        "002049",
        "42601",
        `SQL compilation error: error line ${t.line} at position ${t.col}\nBind variable ${t.text} not set.`,
      );
    out.push(bindToken(t, b));
  }
  return { tokens: out, next };
}

function bindToken(at: Token, b: Bind): Token {
  const base = { line: at.line, col: at.col, offset: at.offset };
  if (b.value === null || b.value === undefined) return { kind: "word", text: "NULL", value: "NULL", ...base };
  if (Array.isArray(b.value)) throw new NotSupported("array binding");
  const type = (b.type ?? "TEXT").toUpperCase();
  const v = String(b.value);
  if (type === "FIXED" || type === "REAL") return { kind: "number", text: v, value: v, ...base };
  if (type === "BOOLEAN") {
    const w = /^(true|1)$/i.test(v) ? "TRUE" : "FALSE";
    return { kind: "word", text: w, value: w, ...base };
  }
  return { kind: "string", text: "?", value: v, ...base };
}

export function toSnowflakeError(e: unknown): SnowflakeError {
  if (e instanceof SnowflakeError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  // Internal errors: code 000603 / XX000 as Snowflake's "internal error" (FIDELITY.md).
  return new SnowflakeError(
    "000603",
    "XX000",
    `SQL execution internal error:\nProcessing aborted due to error 300010:${hashMsg(msg)}; incident 0.`,
  );
}

function hashMsg(m: string): number {
  let h = 0;
  for (let i = 0; i < m.length; i++) h = (h * 31 + m.charCodeAt(i)) >>> 0;
  return h % 1000000000;
}
