/**
 * What a statement executor receives (ExecContext) and returns (ResultSet), and the services the
 * emulator offers to executors and HTTP handlers (EmulatorServices).
 * @internal
 */
import { Catalog } from "../catalog/state";
import type { StatementLog } from "../log";
import type { Faults } from "../faults";

/** Column types the emulator emits (snowflake-sdk 3.3.0 `lib/connection/result/data_types.js`; lower case as on the wire). */
export type ColumnType = "text" | "boolean" | "fixed" | "real" | "timestamp_ltz" | "timestamp_ntz" | "variant";

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly precision?: number;
  readonly scale?: number;
}

/** A statement's result. Cells are the wire encodings (FIDELITY.md, Wire protocol): strings or null. */
export interface ResultSet {
  readonly columns: readonly Column[];
  readonly rows: (string | null)[][];
  /** Wire `statementTypeId` (tekumara/fakesnow `fakesnow/statement_type.py`): 4096 SELECT, 17408 SHOW, 17664 DESCRIBE, 17152 USE, 24576 DDL. */
  readonly statementTypeId: number;
}

export const STATEMENT_TYPE = {
  SELECT: 4096,
  SHOW: 17408,
  DESCRIBE: 17664,
  USE: 17152,
  ALTER_SESSION: 16640,
  /** BEGIN/COMMIT/ROLLBACK (0x5000; fakesnow `statement_type.py`, after snowflake-jdbc SFStatementType). */
  TCL: 20480,
  DDL: 24576,
  MULTI: 40960,
} as const;

/** A driver session (or an SQL API request's implicit session). */
export interface Session {
  readonly id: number;
  user: string;
  /** Current primary role (stored name). */
  role: string;
  /** Secondary roles in effect: ALL = every role granted to the user. */
  secondaryRoles: "ALL" | "NONE";
  database?: string;
  schema?: string;
  warehouse?: string;
  /** Session parameters set with ALTER SESSION (name → text value). */
  params?: Record<string, string>;
  /** The address the session connected from, as the policy evaluator saw it (`CURRENT_IP_ADDRESS()`). */
  readonly clientIp?: string;
}

/** Minimal logger; the emulator is quiet unless a logger is passed to startEmulator. */
export interface Logger {
  debug(msg: string): void;
  warn(msg: string): void;
}

/** Services shared by executors and HTTP handlers (OAuth routes get this as `emu`). */
export interface EmulatorServices {
  /** Account name (upper case), e.g. "EMULATOR". */
  readonly account: string;
  /** Base URL, `http://127.0.0.1:PORT`. */
  url(): string;
  /** Current time (tests may shift the clock; use this, not `new Date()`). */
  now(): Date;
  readonly log: StatementLog;
  readonly faults: Faults;
  readonly logger: Logger;
  /** The committed catalog. Treat as read-only. */
  catalog(): Readonly<Catalog>;
  /**
   * Run `fn` against a deep copy of the catalog. If it returns, the copy becomes the committed
   * catalog and is persisted (atomically, fsynced) before `transact` returns; if it throws,
   * nothing changes. Synchronous, so transactions never interleave.
   */
  transact<T>(fn: (draft: Catalog) => T): T;
  /** The user of a live driver session by id (SYSTEM$CANCEL_ALL_QUERIES); undefined when no such session is open. */
  sessionUser(id: number): string | undefined;
  /** Honour X-Forwarded-For as the client address (OAuth network-policy tests). Default false. */
  readonly trustForwardedFor?: boolean;
}

/** Everything a statement executor sees. */
export interface ExecContext {
  /** Mutable draft of the catalog for this statement (committed only if the statement succeeds). */
  readonly catalog: Catalog;
  readonly session: Session;
  readonly account: string;
  now(): Date;
  readonly emulator: EmulatorServices;
}

// ---------------------------------------------------------------------------------------------
// Column and cell helpers

export function textCol(name: string, nullable = true): Column {
  return { name, type: "text", nullable };
}
export function boolCol(name: string, nullable = true): Column {
  return { name, type: "boolean", nullable };
}
export function fixedCol(name: string, nullable = true, precision = 38, scale = 0): Column {
  return { name, type: "fixed", nullable, precision, scale };
}
export function timestampCol(name: string, nullable = true): Column {
  return { name, type: "timestamp_ltz", nullable, precision: 0, scale: 3 };
}
export function variantCol(name: string, nullable = true): Column {
  return { name, type: "variant", nullable };
}

/** Wire encoding of a timestamp_ltz cell with scale 3: epoch seconds with 3 fraction digits. */
export function timestampCell(iso: string | Date | undefined): string | null {
  if (iso === undefined) return null;
  const ms = typeof iso === "string" ? Date.parse(iso) : iso.getTime();
  if (Number.isNaN(ms)) return null;
  return (ms / 1000).toFixed(3);
}

/** Wire encoding of a boolean cell. */
export function boolCell(b: boolean): string {
  return b ? "true" : "false";
}

/** One `status` text column with one row: what Snowflake returns for DDL (statementTypeId 24576). */
export function statusResult(text: string, statementTypeId: number = STATEMENT_TYPE.DDL): ResultSet {
  return { columns: [textCol("status", true)], rows: [[text]], statementTypeId };
}

/** Display form of a timestamp for text cells (DESC USER): `YYYY-MM-DD HH:MM:SS.fff` in UTC. */
export function timestampText(iso: string): string {
  return new Date(iso).toISOString().replace("T", " ").replace("Z", "");
}
