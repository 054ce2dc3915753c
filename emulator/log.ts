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
}

export type NewLogEntry = Omit<LogEntry, "seq" | "time">;

export class StatementLog {
  private readonly items: LogEntry[] = [];
  private seq = 0;
  private readonly file?: string;

  constructor(dataDir: string | undefined, private readonly now: () => Date) {
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

/**
 * Replace secret literals in SQL text before logging: the string literal following PASSWORD,
 * RSA_PUBLIC_KEY[_2], OAUTH_CLIENT_RSA_PUBLIC_KEY[_2], EXTERNAL_OAUTH_RSA_PUBLIC_KEY[_2], any *SECRET*
 * or *TOKEN* property becomes '***'. Purely textual and conservative (also applied to unparsable text).
 */
export function redactSql(sql: string): string {
  return sql.replace(
    /\b([A-Z0-9_]*(?:PASSWORD|RSA_PUBLIC_KEY(?:_2)?|SECRET|TOKEN|PRIVATE_KEY)[A-Z0-9_]*)(\s*=?\s*)('(?:[^'\\]|\\.|'')*'|\$\$[\s\S]*?\$\$)/gi,
    (_m, name: string, eq: string) => `${name}${eq}'***'`,
  );
}
