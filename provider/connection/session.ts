/**
 * ONE Snowflake session per provider process, shared by every resource of a deployment (the dynamic provider runs
 * all resources in one Node process; this module's state is process-wide). Opened lazily on the first statement,
 * so `check()` and a deployment with nothing to read never log in.
 *
 * All statements go through {@link execute}, which logs the SQL (with secret literals redacted) and retries
 * transient faults with exponential backoff — for idempotent statements only:
 *  - always idempotent: DESCRIBE, SHOW, SELECT, `DROP ... IF EXISTS`;
 *  - idempotent by construction: `ALTER ... SET` (absolute assignments) and `ALTER ... UNSET` — applying either twice
 *    leaves the same state, so a retry after an ambiguous failure is safe;
 *  - never retried: CREATE (a retry after a lost reply would hit 002002), `ALTER ... REFRESH OAUTH_CLIENT_SECRET`
 *    (a retry would rotate twice), `ALTER ... RENAME TO` (the second attempt finds no object).
 * Transient = driver network errors (401001/401002/402001/402002), HTTP 5xx the driver gave up on, Snowflake
 * internal errors 000603/000605, and session expiry 390112/390114 (re-login once, then retry).
 * @internal
 */
import type { ConfigReader, DriverOptions, ResolvedSettings } from "./config";
import { chooseAuthenticator, describeSetting, driverOptions, resolveSettings } from "./config";
import { SnowflakeConnectionError } from "./errors";
import { likeLiteral } from "../sql/quote";
import { isNotFound } from "../sql/errors";

/** One statement and how it may be executed. */
export interface Statement {
  readonly sql: string;
  /** Safe to retry after a transient fault (see the module comment). */
  readonly idempotent: boolean;
  /** Literal values to replace with `'***'` in the SQL log. */
  readonly redact?: readonly string[];
}

/** A Snowflake error as the provider reports it. The message never carries a secret. */
export class SnowflakeStatementError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly sqlState: string | undefined,
    readonly sqlForLog: string,
    /** The last attempt failed with a transient fault (network, 5xx, internal error). */
    readonly transient = false,
  ) {
    super(message);
    this.name = "SnowflakeStatementError";
  }
}

/** Codes treated as transient. */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set(["401001", "401002", "402001", "402002", "000603", "000605"]);
const SESSION_EXPIRED: ReadonlySet<string> = new Set(["390112", "390114"]);

interface Conn {
  execute(o: {
    sqlText: string;
    parameters?: Record<string, unknown>;
    complete: (err: any, stmt: any, rows: any[] | undefined) => void;
  }): void;
  destroy(cb: (err: any) => void): void;
}

interface State {
  config?: ConfigReader;
  conn?: Promise<Conn>;
  logins: number;
  statements: number;
  /** Requests sent (a multi-statement request is one). */
  roundTrips: number;
  log: string[];
  params: Map<string, Promise<boolean>>;
  known: Map<string, boolean>;
  roles?: Map<string, Promise<ReadonlySet<string>>>;
  tags?: Map<string, Promise<ReadonlyMap<string, ShownTag>>>;
}

const g = globalThis as unknown as { __snowflakeOAuthSession?: State };
/** Process-wide state (kept on globalThis so two copies of this module in one process still share one session). */
function state(): State {
  if (!g.__snowflakeOAuthSession)
    g.__snowflakeOAuthSession = { logins: 0, statements: 0, roundTrips: 0, log: [], params: new Map(), known: new Map() };
  return g.__snowflakeOAuthSession;
}

/** Store the stack config (called from the dynamic provider's `configure`). Does not connect. */
export function configure(config: ConfigReader | undefined): void {
  const s = state();
  // Keep only the snowflake:* keys, read lazily from the reader the engine gave us.
  s.config = config;
}

/** Counters for tests and the bench: logins, statements and requests (round trips) sent by this process. */
export function stats(): { logins: number; statements: number; roundTrips: number; log: readonly string[] } {
  const s = state();
  return { logins: s.logins, statements: s.statements, roundTrips: s.roundTrips ?? 0, log: s.log };
}

/** Close the session (tests). */
export async function closeSession(): Promise<void> {
  const s = state();
  const c = s.conn;
  s.conn = undefined;
  s.params.clear();
  s.known.clear();
  s.roles?.clear();
  s.tags?.clear();
  if (!c) return;
  try {
    const conn = await c;
    await new Promise<void>((res) => conn.destroy(() => res()));
  } catch {
    /* never opened */
  }
}

/** Forget counters and cached parameters (tests). */
export function resetStats(): void {
  const s = state();
  s.logins = 0;
  s.statements = 0;
  s.roundTrips = 0;
  s.log.length = 0;
}

function loadDriver(): any {
  // The driver probes cloud metadata addresses unless this is exactly "true"; only the documented opt-out "false"
  // (workload identity) keeps them on. Unset, empty or any other text means "disabled".
  const detection = process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION;
  if (detection?.toLowerCase() !== "true" && detection?.toLowerCase() !== "false")
    process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = "true";
  const sf = require("snowflake-sdk");
  sf.configure({ logLevel: "OFF" });
  return sf;
}

/**
 * The one message for a failed login: the driver's reason, then user, account and authenticator each with its source,
 * then what to do. Never a secret (the driver's login errors carry none; we never put secrets in its messages).
 */
export function loginFailureMessage(s: ResolvedSettings, err: unknown): string {
  const auth = chooseAuthenticator(s);
  return (
    `Snowflake login failed: ${safeMessage(err)} ` +
    `(${describeSetting("user", s.user)}; ${describeSetting("account", s.account)}; authenticator ${auth.value} ${auth.why}). ` +
    `Check these settings and the credential for ${auth.value}, then run the command again.`
  );
}

function connect(): Promise<Conn> {
  const s = state();
  let settings: ResolvedSettings;
  let opts: DriverOptions;
  try {
    settings = resolveSettings(s.config);
    opts = driverOptions(settings, s.config?.namespace);
  } catch (e) {
    return Promise.reject(e);
  }
  const sf = loadDriver();
  let conn: any;
  try {
    conn = sf.createConnection({ ...opts, application: "pulumi-snowflake-oauth", clientSessionKeepAlive: false });
  } catch (e) {
    // The driver validates options synchronously (e.g. an account name it cannot use).
    return Promise.reject(new SnowflakeConnectionError(loginFailureMessage(settings, e)));
  }
  return new Promise<Conn>((resolve, reject) => {
    const done = (err: any) => {
      if (err) {
        reject(new SnowflakeConnectionError(loginFailureMessage(settings, err)));
      } else {
        s.logins++;
        resolve(conn as Conn);
      }
    };
    conn.connect(done);
  });
}

/** The shared connection, opened on first use; a failed login is not cached. */
function session(): Promise<Conn> {
  const s = state();
  if (!s.conn) {
    s.conn = connect();
    s.conn.catch(() => {
      if (s.conn) s.conn = undefined;
    });
  }
  return s.conn;
}

/** An error message from the driver without anything that could be a secret (we never pass secrets in SQL). */
function safeMessage(err: any): string {
  const code = err?.code !== undefined ? String(err.code) : "";
  const msg = String(err?.message ?? err)
    .split("\n")
    .join(" ");
  return code && !msg.includes(code) ? `${code}: ${msg}` : msg;
}

export function redactSql(stmt: Statement): string {
  let text = stmt.sql;
  for (const r of stmt.redact ?? []) if (r) text = text.split(r).join("***");
  return text;
}

function logSql(line: string): void {
  const s = state();
  s.log.push(line);
  if (s.log.length > 500) s.log.shift();
  const sink = process.env.SNOWFLAKE_OAUTH_SQL_LOG;
  if (!sink) return;
  if (sink === "stderr") process.stderr.write(`[snowflake-oauth] ${line}\n`);
  else {
    try {
      require("node:fs").appendFileSync(sink, `${new Date().toISOString()} ${line}\n`);
    } catch {
      /* logging must never fail a deployment */
    }
  }
}

function runOnce(conn: Conn, sql: string): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    conn.execute({
      sqlText: sql,
      complete: (err, _stmt, rows) => (err ? reject(err) : resolve((rows ?? []) as Record<string, unknown>[])),
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retry policy: attempts and base delay (ms); tests may shrink the delay with SNOWFLAKE_OAUTH_RETRY_BASE_MS. */
export const RETRY = { attempts: 4, baseMs: 200 };

/** Execute one statement on the shared session. */
export async function execute(stmt: Statement): Promise<Record<string, unknown>[]> {
  const [rows] = await withRetries([stmt], (conn) => runOnce(conn, stmt.sql).then((r) => [r]));
  return rows;
}

/**
 * Execute reads (every statement idempotent) as ONE multi-statement request (`MULTI_STATEMENT_COUNT`,
 * https://docs.snowflake.com/en/developer-guide/node-js/nodejs-driver-execute#executing-a-batch-of-sql-statements-multi-statement-support):
 * one round trip, the statements counted and logged one by one. Snowflake runs them in order and stops at the first
 * that fails; the request then fails with that statement's error, and which one it was is not reported, so a caller
 * that needs per-statement outcomes sends them again one by one (see batch.ts). Transient faults retry the request.
 */
export async function executeMulti(stmts: readonly Statement[]): Promise<Record<string, unknown>[][]> {
  if (stmts.length === 1) return [await execute(stmts[0])];
  if (stmts.some((st) => !st.idempotent)) throw new Error("executeMulti sends reads only (idempotent statements)");
  return withRetries(stmts, (conn) => runMulti(conn, stmts));
}

function runMulti(conn: Conn, stmts: readonly Statement[]): Promise<Record<string, unknown>[][]> {
  return new Promise((resolve, reject) => {
    const out: Record<string, unknown>[][] = [];
    conn.execute({
      sqlText: stmts.map((st) => st.sql).join(";\n"),
      parameters: { MULTI_STATEMENT_COUNT: stmts.length },
      complete: (err, stmt, rows) => {
        if (err) return reject(err);
        out.push((rows ?? []) as Record<string, unknown>[]);
        if (stmt?.hasNext?.()) stmt.NextResult();
        else if (out.length !== stmts.length)
          reject(new Error(`multi-statement request answered ${out.length} results for ${stmts.length} statements`));
        else resolve(out);
      },
    });
  });
}

/** One request (one round trip) of `stmts` with the retry policy of the module comment; retried only if all are idempotent. */
async function withRetries<T>(stmts: readonly Statement[], send: (conn: Conn) => Promise<T>): Promise<T> {
  const s = state();
  const shown = stmts.map(redactSql);
  const idempotent = stmts.every((st) => st.idempotent);
  const base = Number(process.env.SNOWFLAKE_OAUTH_RETRY_BASE_MS ?? RETRY.baseMs);
  let relogged = false;
  for (let attempt = 1; ; attempt++) {
    const conn = await session();
    s.statements += stmts.length;
    s.roundTrips++;
    for (const line of shown) logSql(attempt > 1 ? `${line} -- retry ${attempt - 1}` : line);
    try {
      return await send(conn);
    } catch (err: any) {
      const code = err?.code !== undefined ? String(err.code) : undefined;
      if (code && SESSION_EXPIRED.has(code) && !relogged) {
        relogged = true;
        s.conn = undefined;
        continue;
      }
      const status = Number(err?.response?.status ?? err?.statusCode ?? 0);
      const transient = (code !== undefined && TRANSIENT_CODES.has(code)) || status >= 500 || err?.isNetworkError === true;
      if (transient && idempotent && attempt < RETRY.attempts) {
        await sleep(base * 2 ** (attempt - 1));
        continue;
      }
      const what = shown.length === 1 ? `statement: ${shown[0]}` : `multi-statement request: ${shown.join("; ")}`;
      throw new SnowflakeStatementError(`${safeMessage(err)} [${what}]`, code, err?.sqlState, shown.join(";\n"), transient);
    }
  }
}

/**
 * An account parameter as a boolean, read with one `SHOW PARAMETERS LIKE '<name>' IN ACCOUNT` and cached for the life
 * of the process (one deployment).
 */
export function accountBooleanParameter(name: string): Promise<boolean> {
  const s = state();
  let p = s.params.get(name);
  if (!p) {
    p = execute({ sql: `SHOW PARAMETERS LIKE ${likeLiteral(name)} IN ACCOUNT`, idempotent: true }).then((rows) => {
      const row = rows.find((r) => String(r.key ?? "").toUpperCase() === name);
      const v = String(row?.value ?? "true").toLowerCase() === "true";
      s.known.set(name, v);
      return v;
    });
    p.catch(() => s.params.delete(name));
    s.params.set(name, p);
  }
  return p;
}

/**
 * The value this deployment gives an account parameter (an `OAuthAccountParameters` resource): every later
 * {@link accountBooleanParameter} read in this process answers with it, so the integrations judge their blocked role
 * lists by the managed value, not by the one the account holds before this `up`.
 */
export function declareAccountParameter(name: string, value: boolean): void {
  const s = state();
  s.params.set(name, Promise.resolve(value));
  s.known.set(name, value);
}

/**
 * The stored names of every object of `kind` the provider's role can see, read with one `SHOW ROLES` /
 * `SHOW NETWORK POLICIES` (https://docs.snowflake.com/en/sql-reference/sql/show-roles,
 * https://docs.snowflake.com/en/sql-reference/sql/show-network-policies; both print a `name` column) and cached for
 * the life of the process, like {@link accountBooleanParameter}. `fresh` reads again (a name missing from the cached
 * list may belong to an object this same `up` created since). A failed read is not cached.
 */
export function accountObjectNames(kind: "ROLES" | "NETWORK POLICIES", fresh = false): Promise<ReadonlySet<string>> {
  const s = state();
  s.roles ??= new Map();
  if (fresh) s.roles.delete(kind);
  return cachedRead(s.roles, kind, () =>
    execute({ sql: `SHOW ${kind}`, idempotent: true }).then((rows) => new Set(rows.map((r) => String(r.name ?? "")))),
  );
}

/** One read per key for the life of the process; a failed read is forgotten, so the next call reads again. */
function cachedRead<T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
  let p = cache.get(key);
  if (!p) {
    p = read();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/** A tag as SHOW TAGS prints it: its stored name and `allowed_values` cell (NULL = any value). */
export interface ShownTag {
  readonly name: string;
  readonly allowedValues: unknown;
}

/**
 * The tags of one schema, read with one `SHOW TAGS IN SCHEMA <db>.<schema>`
 * (https://docs.snowflake.com/en/sql-reference/sql/show-tags: `name`, `allowed_values` columns) and cached for the life
 * of the process. A schema that does not exist (002003) has no tags; any other failure is not cached and is rethrown.
 */
export function schemaTags(schemaSql: string): Promise<ReadonlyMap<string, ShownTag>> {
  const s = state();
  s.tags ??= new Map();
  return cachedRead(s.tags, schemaSql, () =>
    execute({ sql: `SHOW TAGS IN SCHEMA ${schemaSql}`, idempotent: true }).then(
      (rows) => new Map(rows.map((r) => [String(r.name ?? ""), { name: String(r.name ?? ""), allowedValues: r.allowed_values }])),
      (e) => {
        if (isNotFound(e)) return new Map<string, ShownTag>();
        throw e;
      },
    ),
  );
}

/** An account parameter already read by this process (undefined when not read, still pending, or failed). */
export function knownParameter(name: string): boolean | undefined {
  return state().known.get(name);
}

export { isAlreadyExists, isNotFound } from "../sql/errors";
