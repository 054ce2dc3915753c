/**
 * Append-only statement log: every login, statement, SQL API call and OAuth request, kept in memory
 * and (with a data dir) appended to `statements.log` as JSON lines. Text is redacted before it gets here
 * (see `redactSql`); this module never sees secrets.
 * @internal
 */
import * as fs from "node:fs";
import * as path from "node:path";

export type LogKind = "login" | "statement" | "sqlapi" | "oauth";

export interface LogEntry {
  readonly seq: number;
  /** ISO time. */
  readonly time: string;
  readonly sessionId: number | null;
  readonly user: string | null;
  readonly role: string | null;
  readonly kind: LogKind;
  /** Redacted SQL text, or a short description (login: authenticator; oauth: path). */
  readonly text: string;
  readonly outcome: "ok" | "error";
  /** Snowflake error code when outcome is "error". */
  readonly code?: string;
  /**
   * The HTTP request that carried the statement (driver query-request or SQL API call), numbered per emulator
   * process: statements of one multi-statement request share it, so distinct values count round trips.
   */
  readonly request?: number;
}

export type NewLogEntry = Omit<LogEntry, "seq" | "time">;

export class StatementLog {
  private readonly items: LogEntry[] = [];
  private seq = 0;
  private readonly file?: string;

  constructor(
    dataDir: string | undefined,
    private readonly now: () => Date,
  ) {
    if (dataDir) {
      this.file = path.join(dataDir, "statements.log");
      if (fs.existsSync(this.file)) {
        for (const line of fs.readFileSync(this.file, "utf8").split("\n")) {
          if (!line.trim()) continue;
          try {
            const e = JSON.parse(line) as LogEntry;
            this.seq = Math.max(this.seq, e.seq);
          } catch {
            // a torn last line after a crash is ignored
          }
        }
      }
    }
  }

  /** Append one entry; returns it. */
  append(e: NewLogEntry): LogEntry {
    const entry: LogEntry = { seq: ++this.seq, time: this.now().toISOString(), ...e };
    this.items.push(entry);
    if (this.file) fs.appendFileSync(this.file, JSON.stringify(entry) + "\n");
    return entry;
  }

  /** All entries of this process (in memory), oldest first. */
  entries(): LogEntry[] {
    return [...this.items];
  }

  /** Statement entries (driver and SQL API), optionally only those with seq > since. */
  statements(opts: { since?: number } = {}): LogEntry[] {
    return this.items.filter((e) => (e.kind === "statement" || e.kind === "sqlapi") && e.seq > (opts.since ?? 0));
  }

  /** Login entries, optionally after a mark. */
  logins(opts: { since?: number } = {}): LogEntry[] {
    return this.items.filter((e) => e.kind === "login" && e.seq > (opts.since ?? 0));
  }

  /** Current sequence number; pass it as `since` to count what happens after this point. */
  mark(): number {
    return this.seq;
  }

  /** Forget in-memory entries (the file is append-only and kept). */
  reset(): void {
    this.items.length = 0;
  }
}

/** Names of properties whose value is secret (matched case-insensitively, as whole words). */
const SECRET_NAME = String.raw`\b([A-Z0-9_]*(?:PASSWORD|RSA_PUBLIC_KEY(?:_2)?|SECRET|TOKEN|PRIVATE_KEY|PASSPHRASE|PWD|CODE|[A-Z0-9]_KEY(?![A-Z0-9_]))[A-Z0-9_]*)`;
/** A literal or quoted value: '…' (`''` and backslash escapes), $$…$$, "…"; one never closed runs to the end. */
const LITERAL = String.raw`'(?:[^'\\]|\\[\s\S]|'')*(?:'|$)|\$\$[\s\S]*?(?:\$\$|$)|"(?:[^"]|"")*(?:"|$)`;
/**
 * One left-to-right scan: a secret name and the literal after it (groups 1–2), else a literal, a quoted identifier or
 * a comment consumed whole, so that words INSIDE literals (`COMMENT = 'uses a token'`) are never taken for names.
 */
const SCAN = new RegExp(String.raw`${SECRET_NAME}(\s*=?\s*)(?:${LITERAL})|${LITERAL}|--[^\n]*|/\*[\s\S]*?(?:\*/|$)`, "gi");

/**
 * Replace secret literals in SQL text before logging: the literal following PASSWORD, RSA_PUBLIC_KEY[_2],
 * OAUTH_CLIENT_RSA_PUBLIC_KEY[_2], EXTERNAL_OAUTH_RSA_PUBLIC_KEY[_2], any *SECRET*, *TOKEN*, *PRIVATE_KEY*,
 * *PASSPHRASE*, *PWD* or *CODE* property, or a property ending in `_KEY` (MASTER_KEY), becomes '***'.
 * Purely textual and conservative (also applied to unparsable text): a literal that is never closed (a typo such as
 * `PASSWORD = 'abc\'`, where `\'` escapes the quote) is redacted to the end of the text, and a double-quoted value is
 * redacted like a literal. Text inside other literals is left alone.
 */
export function redactSql(sql: string): string {
  return sql.replace(SCAN, (m: string, name: string | undefined, eq: string | undefined) => (name === undefined ? m : `${name}${eq}'***'`));
}
