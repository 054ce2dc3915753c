/**
 * Instruments for the rotation proof and the fault matrix:
 * - {@link KeySlotWatcher} wraps the in-process emulator's `transact`, through which every catalog change passes,
 *   and records each principal's registered fingerprints after every committed change — so "no instant with zero
 *   registered keys" is checked on every state the emulator ever had, not on samples.
 * - {@link StatementTrap} hooks the emulator's SQL entry point to fail, or kill the dynamic provider process
 *   before/after, the Nth statement matching a pattern.
 * - {@link ContinuousClient} calls the emulator in a loop and records every outcome.
 * Only processes started by this test process (descendants of it) are ever killed, by pid.
 */
import * as fs from "node:fs";
import type { Emulator } from "../../emulator/index";
import { normalizePublicKey } from "../../sdk/keys";

export type Principal = { kind: "user"; name: string } | { kind: "oauth"; name: string } | { kind: "external"; name: string };

function fpOfRaw(raw: unknown): string | undefined {
  if (typeof raw !== "string" || raw === "") return undefined;
  try {
    return normalizePublicKey(raw).fingerprint;
  } catch {
    return "UNPARSEABLE";
  }
}

/**
 * Fingerprints a principal can log in with in a catalog at `now` (`undefined` = the principal does not exist): a
 * user's legacy slots plus its named key pairs that are neither disabled nor past `expiresAt` (rotated-out keys in
 * their grace included).
 */
export function registeredKeys(catalog: any, p: Principal, now: number = Date.now()): string[] | undefined {
  if (p.kind === "user") {
    const u = catalog.users?.[p.name];
    if (!u) return undefined;
    const named = ((u.keyPairs ?? []) as any[])
      .filter((k) => !k.disabled && (!k.expiresAt || Date.parse(k.expiresAt) > now))
      .map((k) => `${k.name}=${k.fingerprint}`);
    return [u.rsaPublicKeyFp, u.rsaPublicKey2Fp].filter((x: unknown): x is string => typeof x === "string" && x !== "").concat(named);
  }
  const i = catalog.integrations?.[p.name];
  if (!i) return undefined;
  const names =
    p.kind === "oauth"
      ? ["OAUTH_CLIENT_RSA_PUBLIC_KEY", "OAUTH_CLIENT_RSA_PUBLIC_KEY_2"]
      : ["EXTERNAL_OAUTH_RSA_PUBLIC_KEY", "EXTERNAL_OAUTH_RSA_PUBLIC_KEY_2"];
  return names.map((n) => fpOfRaw(i.properties?.[n])).filter((x): x is string => x !== undefined);
}

export interface SlotEvent {
  time: number;
  principal: string;
  keys: string[];
}

/** Records every committed change of the watched principals' key slots. */
export class KeySlotWatcher {
  readonly events: SlotEvent[] = [];
  /** Zero-key instants after the principal had a key (while `armed`). */
  readonly lockouts: SlotEvent[] = [];
  private readonly last = new Map<string, string>();
  private readonly hadKey = new Set<string>();
  private watched: Principal[] = [];
  /** Set false around intended removals (e.g. `destroy`). */
  armed = true;
  private restore?: () => void;

  constructor(private readonly emu: Emulator) {}

  watch(p: Principal): void {
    this.watched.push(p);
    this.observe(this.emu.engine.catalog());
  }

  install(): this {
    const engine = this.emu.engine as any;
    const orig = engine.transact.bind(engine);
    engine.transact = <T>(fn: (draft: any) => T): T => {
      const out = orig(fn);
      this.observe(engine.catalog());
      return out;
    };
    this.restore = () => {
      engine.transact = orig;
    };
    return this;
  }

  uninstall(): void {
    this.restore?.();
  }

  /** Re-checks after the emulator's clock moved (named keys expire without a catalog change). */
  tick(): void {
    this.observe(this.emu.engine.catalog());
  }

  /** Catalog states and clock ticks examined so far. */
  observed = 0;

  private observe(catalog: any): void {
    this.observed++;
    for (const p of this.watched) {
      const id = `${p.kind}:${p.name}`;
      const keys = registeredKeys(catalog, p, this.emu.engine.now().getTime());
      if (keys === undefined) continue;
      const sig = keys.join(",");
      if (this.last.get(id) === sig) continue;
      this.last.set(id, sig);
      const ev = { time: Date.now(), principal: id, keys };
      this.events.push(ev);
      if (keys.length > 0) this.hadKey.add(id);
      else if (this.hadKey.has(id) && this.armed) this.lockouts.push(ev);
    }
  }
}

// ------------------------------------------------------------------------------------------- processes

function ppidOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // pid (comm) state ppid ...; comm may contain spaces/parens: split after the last ')'.
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

function isDescendantOf(pid: number, ancestor: number): boolean {
  let p: number | undefined = pid;
  for (let i = 0; i < 64 && p !== undefined && p > 1; i++) {
    p = ppidOf(p);
    if (p === ancestor) return true;
  }
  return false;
}

/** Pids of dynamic-provider processes started (transitively) by this process. */
export function ourDynamicProviderPids(): number[] {
  const out: number[] = [];
  for (const e of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    const pid = Number(e);
    let cmd: string;
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      continue;
    }
    if (cmd.includes("dynamic-provider") && isDescendantOf(pid, process.pid)) out.push(pid);
  }
  return out;
}

/** SIGKILLs this process's dynamic-provider processes (by pid). Returns how many. */
export function killOurDynamicProviders(): number {
  let n = 0;
  for (const pid of ourDynamicProviderPids()) {
    try {
      process.kill(pid, "SIGKILL");
      n++;
    } catch {
      /* already gone */
    }
  }
  return n;
}

// ------------------------------------------------------------------------------------------- statement trap

export type TrapMode = "fail" | "kill-before" | "kill-after";

/** Fails, or kills the provider around, the Nth statement whose text matches `match` (then disarms itself). */
export class StatementTrap {
  private armedFor?: { match: RegExp; nth: number; mode: TrapMode; seen: number };
  fired = 0;
  killed = 0;
  private restore?: () => void;

  constructor(private readonly emu: Emulator) {}

  install(): this {
    const engine = this.emu.engine as any;
    const orig = engine.runSql.bind(engine);
    engine.runSql = (session: unknown, sqlText: string, opts: unknown) => {
      const a = this.armedFor;
      if (a && a.match.test(sqlText) && ++a.seen === a.nth) {
        this.armedFor = undefined;
        this.fired++;
        if (a.mode === "fail") {
          // Through the emulator's own fault API, so the error is a proper Snowflake error response.
          this.emu.faults.set({
            failStatement: {
              match: sqlText,
              nth: 1,
              code: "090105",
              sqlState: "XX000",
              message: "Injected failure (rotation fault matrix).",
            },
          });
          try {
            return orig(session, sqlText, opts);
          } finally {
            this.emu.faults.clear();
          }
        }
        if (a.mode === "kill-before") {
          this.killed += killOurDynamicProviders();
          throw new Error("provider killed before the statement ran");
        }
        const out = orig(session, sqlText, opts);
        this.killed += killOurDynamicProviders();
        return out;
      }
      return orig(session, sqlText, opts);
    };
    this.restore = () => {
      engine.runSql = orig;
    };
    return this;
  }

  arm(match: RegExp, nth: number, mode: TrapMode): void {
    this.armedFor = { match, nth, mode, seen: 0 };
  }

  disarm(): void {
    this.armedFor = undefined;
  }

  uninstall(): void {
    this.restore?.();
  }
}

// ------------------------------------------------------------------------------------------- continuous client

export interface ClientSample {
  time: number;
  label: string;
  ok: boolean;
  detail?: string;
}

/** Calls `call()` back to back (with `intervalMs` pauses) until stopped; records each outcome under the current label. */
export class ContinuousClient {
  readonly samples: ClientSample[] = [];
  label = "";
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly call: () => Promise<{ ok: boolean; detail?: string }>,
    private readonly intervalMs = 25,
  ) {}

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const label = this.label;
        let r: { ok: boolean; detail?: string };
        try {
          r = await this.call();
        } catch (e) {
          r = { ok: false, detail: (e as Error).message };
        }
        this.samples.push({ time: Date.now(), label, ok: r.ok, detail: r.detail });
        await new Promise((res) => setTimeout(res, this.intervalMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  failures(label?: string): ClientSample[] {
    return this.samples.filter((s) => !s.ok && (label === undefined || s.label === label));
  }

  count(label?: string): number {
    return this.samples.filter((s) => label === undefined || s.label === label).length;
  }
}
