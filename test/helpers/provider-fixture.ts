/**
 * Shared fixture of the per-resource life-cycle tests (`provider-<resource>.test.ts`): one in-process emulator per
 * file, started with a distinctive admin password so a state scan for it is meaningful, and the provider's traffic
 * read from the emulator's statement log (only sessions that logged in over the driver; out-of-band changes go
 * through `emu.execAsAdmin`, which never logs in).
 */
import "./emulator"; // sets SNOWFLAKE_DISABLE_PLATFORM_DETECTION before the driver loads
import * as assert from "node:assert/strict";
import { after, before } from "node:test";
import { startEmulator, type Emulator } from "../../emulator/index";
import type { SnowflakeTarget, TestStack } from "./pulumi";
import { rawStateIn, whereIs } from "./state-scan";

/** The admin password of the fixture's emulator; it must never reach state or the statement log. */
export const ADMIN_PASSWORD = "pw-e2e-7c1f9a0d-do-not-store";

const REFERENCE_READ = /^SHOW (ROLES|NETWORK POLICIES)$/;

export interface Traffic {
  /**
   * Every statement the provider sent, in order (redacted text as the emulator logged it), except the reference
   * reads below.
   */
  statements: string[];
  /**
   * The account-wide reads of the reference check (`SHOW ROLES`, `SHOW NETWORK POLICIES`: once per process, again
   * when a name is missing), kept apart so each object's statements stay exact; tests assert them on their own.
   */
  references: string[];
  /** Statements that failed (e.g. a DESCRIBE of a dropped object), as `CODE TEXT`. */
  failed: string[];
  /** Successful logins. */
  logins: number;
}

/** An engine operation's result with the provider traffic it caused. */
export interface Measured<T> {
  r: T;
  t: Traffic;
}

export class ProviderFixture {
  private emulator?: Emulator;

  get emu(): Emulator {
    if (!this.emulator) throw new Error("the fixture's emulator is not running (it starts in the file's before() hook)");
    return this.emulator;
  }

  static async start(): Promise<ProviderFixture> {
    const fx = new ProviderFixture();
    fx.emulator = await startEmulator({ port: 0, adminPassword: ADMIN_PASSWORD });
    return fx;
  }

  /**
   * The fixture of one test file: starts the emulator and runs `setup` (out-of-band SQL) in a before() hook, and in
   * an after() hook prints what `measured` recorded, under `label`, and stops the emulator.
   */
  static forFile(label: string, ...setup: string[]): { fx: ProviderFixture; measured: Measurements } {
    const fx = new ProviderFixture();
    const measured = new Measurements();
    before(async () => {
      fx.emulator = await startEmulator({ port: 0, adminPassword: ADMIN_PASSWORD });
      await fx.admin(...setup);
    });
    after(async () => {
      measured.print(label);
      await fx.emulator?.stop();
    });
    return { fx, measured };
  }

  stop(): Promise<void> {
    return this.emu.stop();
  }

  target(): SnowflakeTarget {
    return { url: this.emu.url, account: this.emu.account, password: ADMIN_PASSWORD };
  }

  /** Out-of-band SQL (as an administrator would type it); not counted as provider traffic. */
  async admin(...sql: string[]): Promise<void> {
    for (const s of sql) await this.emu.execAsAdmin(s);
  }

  mark(): number {
    return this.emu.log.mark();
  }

  /** What the provider sent since `m` (driver sessions only: those with a login entry). */
  since(m: number): Traffic {
    const all = this.emu.log.entries();
    const driverSessions = new Set(all.filter((e) => e.kind === "login" && e.outcome === "ok").map((e) => e.sessionId));
    const es = all.filter((e) => e.seq > m && e.sessionId !== null && driverSessions.has(e.sessionId));
    return {
      statements: es.filter((e) => e.kind === "statement" && !REFERENCE_READ.test(e.text)).map((e) => e.text),
      references: es.filter((e) => e.kind === "statement" && REFERENCE_READ.test(e.text)).map((e) => e.text),
      failed: es.filter((e) => e.kind === "statement" && e.outcome === "error").map((e) => `${e.code} ${e.text}`),
      logins: es.filter((e) => e.kind === "login").length,
    };
  }

  /** Run `op` and return its result with the provider traffic it caused. */
  async measure<T>(op: () => Promise<T>): Promise<Measured<T>> {
    const m = this.mark();
    const r = await op();
    return { r, t: this.since(m) };
  }
}

/**
 * The statements about one object, in order. `name` is the object's SQL text (`APP`, `"corp_np"`) or stored name; a
 * statement is about it when the name appears as a whole token (string literals `'APP'` included).
 */
export function about(statements: string[], ...names: string[]): string[] {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const res = names.map((n) => new RegExp(`(^|[\\s('])${esc(n)}($|[\\s)',])`));
  return statements.filter((s) => res.some((re) => re.test(s)));
}

/** Statements that are neither about one of the named objects nor account-level reads — must be none. */
export function unaccounted(statements: string[], ...names: string[]): string[] {
  const mine = new Set(about(statements, ...names));
  return statements.filter(
    (s) => !mine.has(s) && !/^SHOW PARAMETERS LIKE '(EXTERNAL_)?OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST' IN ACCOUNT$/.test(s),
  );
}

/** The account-parameter reads among `statements`. */
export function parameterReads(statements: string[]): string[] {
  return statements.filter((s) => s.startsWith("SHOW PARAMETERS"));
}

/**
 * No plaintext secret in the stack's stored checkpoint (secret outputs must be ciphertext there), in the emulator's
 * statement log, or in the serialized provider. `exportDeployment()` decrypts (`--show-secrets`), so the stored file
 * is what is scanned; the export is checked for the password only (never stored, not even encrypted).
 */
export async function assertNoPlaintextSecrets(fx: ProviderFixture, s: TestStack, secrets: string[]): Promise<void> {
  const state = rawStateIn(s.stateDir);
  const stored = JSON.parse(state) as unknown;
  for (const v of [...secrets, ADMIN_PASSWORD]) {
    assert.ok(v.length >= 8, "scanning for a meaningful value");
    assert.equal(whereIs(stored, v), undefined, `a secret is stored in plaintext at ${whereIs(stored, v)}`);
  }
  // The decrypted export shows where secrets sit: the password may only be a secret value (Pulumi keeps the stack
  // config as the dynamic provider's inputs, encrypted; the raw scan above proves it is ciphertext on disk).
  const exported = await s.exportDeployment();
  for (const p of pathsOf(exported, ADMIN_PASSWORD)) assert.match(p, /\.plaintext$/, `the password is only stored as a secret (${p})`);
  for (const e of fx.emu.log.entries()) {
    for (const v of [...secrets, ADMIN_PASSWORD]) assert.ok(!e.text.includes(v), `no secret in the statement log (entry ${e.seq})`);
  }
  for (const m of state.matchAll(/"__provider": ?"((?:[^"\\]|\\.)*)"/g)) {
    assert.ok(!/127\.0\.0\.1|snowflake:password/.test(m[1]), "the serialized provider captures no address or credential");
  }
}

/** JSON paths of every string containing `needle` (prints no value). */
function pathsOf(v: unknown, needle: string, path = "$"): string[] {
  if (typeof v === "string") return v.includes(needle) ? [path] : [];
  if (v && typeof v === "object") return Object.entries(v).flatMap(([k, x]) => pathsOf(x, needle, `${path}.${k}`));
  return [];
}

/** The DDL among `statements` (what a test counts as writes). */
export function writes(statements: string[]): string[] {
  return statements.filter((x) => /^(CREATE|ALTER|DROP)/.test(x));
}

/** The error text of an operation expected to fail (the CLI's output included), or undefined when it succeeded. */
export function fails(p: Promise<unknown>): Promise<string | undefined> {
  return p.then(
    () => undefined,
    (e: Error) => String(e),
  );
}

/** The resource counts of an update summary, without zero entries. */
export function changes(summary: { resourceChanges?: Record<string, number> }): Record<string, number> {
  return Object.fromEntries(Object.entries(summary.resourceChanges ?? {}).filter(([, n]) => n > 0));
}

/** Measured numbers collected by a test file, printed at its end for the report. */
export class Measurements {
  private readonly rows: Record<string, { statements: number; logins: number }> = {};
  record(label: string, t: Traffic): void {
    this.rows[label] = { statements: t.statements.length, logins: t.logins };
  }
  print(kind: string): void {
    console.log(`MEASURED ${kind} ${JSON.stringify(this.rows)}`);
  }
}
