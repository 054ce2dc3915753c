/**
 * Public entry of the local Snowflake emulator.
 *
 * ```ts
 * const emu = await startEmulator({ port: 0 });          // memory only
 * // snowflake.createConnection({ accessUrl: emu.url, account: emu.account, username: "ADMIN", password: "admin" })
 * await emu.stop();
 * ```
 * Bootstrap admin: user `ADMIN`, password `admin`, default role ACCOUNTADMIN (override with
 * `adminUser` / `adminPassword`; only used when the data dir has no catalog yet).
 */
import { Engine } from "./engine";
import { EmulatorServer } from "./http/server";
import { ExecContext, ResultSet, Session, Logger } from "./exec/context";
import { StatementLog } from "./log";
import { Faults } from "./faults";
import { execute } from "./exec/dispatcher";
import { parseStatement } from "./sql/parser";
import { Cursor } from "./sql/cursor";
import { splitStatements, tokenize } from "./sql/lexer";

export { SnowflakeError, NotSupported } from "./errors";
export type { ResultSet, Column } from "./exec/context";
export type { LogEntry } from "./log";
export type { FaultSpec } from "./faults";

export interface EmulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Directory for `catalog.json` and `statements.log`; undefined = memory only. */
  dataDir?: string;
  /** Account name (default "EMULATOR"). */
  account?: string;
  /** Bootstrap admin user (default "ADMIN"). */
  adminUser?: string;
  /** Bootstrap admin password (default "admin"). */
  adminPassword?: string;
  /** Optional logger for internal errors (default: silent). */
  logger?: Logger;
  /** Treat X-Forwarded-For as the client address where network policies are evaluated (tests). Default false. */
  trustForwardedFor?: boolean;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT` — pass as `accessUrl` to snowflake-sdk. */
  readonly url: string;
  readonly port: number;
  readonly account: string;
  readonly adminUser: string;
  stop(): Promise<void>;
  readonly log: StatementLog;
  readonly faults: Faults;
  /** Run one or more statements as the bootstrap admin (role ACCOUNTADMIN); returns the last result. Throws SnowflakeError. */
  execAsAdmin(sql: string): Promise<ResultSet>;
  /** Expire every driver session token (the next request gets 390112 and the driver renews). */
  expireSessionTokens(): void;
  /** Move the emulator clock forward by `ms` (OAuth token, JWT and session expiry tests). */
  advanceClock(ms: number): void;
  /** @internal the engine (catalog, transact) for in-process helpers. */
  readonly engine: Engine;
}

export const DEFAULT_ACCOUNT = "EMULATOR";
export const DEFAULT_ADMIN_USER = "ADMIN";
export const DEFAULT_ADMIN_PASSWORD = "admin";

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const account = (opts.account ?? DEFAULT_ACCOUNT).toUpperCase();
  const adminUser = (opts.adminUser ?? DEFAULT_ADMIN_USER).toUpperCase();
  const engine = new Engine({
    account,
    dataDir: opts.dataDir,
    adminUser,
    adminPassword: opts.adminPassword ?? DEFAULT_ADMIN_PASSWORD,
    logger: opts.logger,
    trustForwardedFor: opts.trustForwardedFor,
  });
  const server = new EmulatorServer(engine);
  let port: number;
  try {
    port = await server.listen(opts.port ?? 0);
  } catch (e) {
    engine.close();
    throw e;
  }
  const url = `http://127.0.0.1:${port}`;
  engine.setUrl(url);
  let adminSessionId = 1;
  return {
    url,
    port,
    account,
    adminUser,
    log: engine.log,
    faults: engine.faults,
    engine,
    stop: async () => {
      await server.close();
      engine.close();
    },
    expireSessionTokens: () => server.expireSessionTokens(),
    advanceClock: (ms: number) => engine.advanceClock(ms),
    async execAsAdmin(sql: string): Promise<ResultSet> {
      const session: Session = {
        id: adminSessionId++,
        user: adminUser,
        role: "ACCOUNTADMIN",
        secondaryRoles: "ALL",
        // No client address: the harness stands for an administrator elsewhere (FIDELITY.md, CURRENT_IP_ADDRESS()).
      };
      const outcomes = engine.runSql(session, sql, { statementCount: 0 });
      const last = outcomes[outcomes.length - 1];
      if (last.error) throw last.error;
      return last.result as ResultSet;
    },
  };
}

/**
 * Execute SQL directly against a catalog draft without HTTP (unit tests of executors).
 * @internal
 */
export function executeSqlInContext(ctx: ExecContext, sql: string): ResultSet[] {
  const toks = tokenize(sql);
  return splitStatements(sql, toks).map((p) => execute(ctx, parseStatement(new Cursor(p.tokens, p.text))));
}
