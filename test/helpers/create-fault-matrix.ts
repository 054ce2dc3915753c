/**
 * The create/delete fault matrix (issue 10 "Creates and deletes under faults", issue 15): for create, delete and
 * same-name replacement of one object, every statement the provider sends about it is hit by each fault mode:
 *  - `fail`: Snowflake answers with an error (the statement did not run);
 *  - `kill-before` / `kill-after`: the dynamic-provider process is SIGKILLed before the statement runs / right after
 *    it committed (rotation-harness.ts `StatementTrap`);
 *  - `drop-response`: Snowflake runs the statement, then the connection is dropped without an answer (emulator
 *    `dropResponse`). snowflake-sdk resends the query request with the same `requestId`
 *    (node_modules/snowflake-sdk lib/connection/statement.js: `requestId` is fixed per statement and sent in the
 *    query-request URL; its retry middleware resends that URL) and Snowflake answers a known request id with the
 *    original result (https://docs.snowflake.com/en/developer-guide/node-js/nodejs-driver-execute, "requestId … for
 *    resubmitting requests"; SQL API `requestId` + `retry=true`,
 *    https://docs.snowflake.com/en/developer-guide/sql-api/submitting-requests), so these converge on the same `up`;
 *  - `http503`: two transient 503s on that statement's request (the driver retries them).
 * Then `up` runs again (at most twice) and the case must converge: the object exists exactly as declared (or is gone),
 * the state holds exactly one resource for it, no `up` ever ended in "already exists", and the client secret output
 * equals what SYSTEM$SHOW_OAUTH_CLIENT_SECRETS returns.
 */
import { connect, destroy, exec } from "./emulator";
import * as assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import type { Emulator } from "../../emulator/index";
import { createTestStack, type TestStack } from "./pulumi";
import { OAuthIntegration } from "../../sdk/oauthIntegration";
import { NetworkPolicy } from "../../sdk/networkPolicy";
import { StatementTrap, type TrapMode } from "./rotation-harness";

export type FaultMode = TrapMode | "drop-response" | "http503";
export const ALL_MODES: readonly FaultMode[] = ["fail", "kill-before", "kill-after", "drop-response", "http503"];
export type Op = "create" | "replace" | "delete";

/**
 * The modes a statement is run with: the process faults on every statement; the network faults (lost response, 503)
 * on the writes (CREATE, DROP), where a second execution would matter. On reads they exercise the same driver retry
 * and, run once each, doubled the matrix's runtime (beyond the 6-minute budget on two cores).
 */
export function modesFor(text: string, modes: readonly FaultMode[]): FaultMode[] {
  const write = /^\s*(CREATE|DROP)\b/i.test(text);
  return modes.filter((m) => write || (m !== "drop-response" && m !== "http503"));
}
type Variant = 0 | 1 | undefined; // undefined = not declared

interface Subject {
  readonly label: string;
  readonly name: string;
  readonly logical: string;
  readonly ops: readonly Op[];
  declare(v: 0 | 1): Record<string, pulumi.Output<unknown>>;
  /** Statements about this object. */
  mine(text: string): boolean;
  /** Why the live object does not match variant `v` (undefined = it matches); reads as admin. */
  mismatch(admin: any, v: Variant, outputs: Record<string, { value: unknown }>): Promise<string | undefined>;
}

const REDIRECT = "https://app.example.com/cb";

export function oauthSubject(): Subject {
  const name = "APP_CFM";
  const type = (v: 0 | 1) => (v === 0 ? "CONFIDENTIAL" : "PUBLIC");
  return {
    label: "OAuthIntegration",
    name,
    logical: "app-cfm",
    ops: ["create", "replace", "delete"],
    declare: (v) => {
      const r = new OAuthIntegration("app-cfm", { name, oauthClientType: type(v), oauthRedirectUri: REDIRECT, comment: "fault matrix" });
      return { clientId: r.clientId, secret: r.clientSecret, secret2: r.clientSecret2 };
    },
    mine: (t) => new RegExp(`\\b${name}\\b`, "i").test(t),
    mismatch: async (admin, v, outputs) => {
      const rows = await exec(admin, `SHOW INTEGRATIONS LIKE '${name}'`);
      if (v === undefined) return rows.length ? "still exists" : undefined;
      if (rows.length !== 1) return `${rows.length} objects`;
      const desc = await exec(admin, `DESCRIBE INTEGRATION ${name}`);
      const prop = (p: string) => String(desc.find((r: any) => r.property === p)?.property_value ?? "");
      if (prop("OAUTH_CLIENT_TYPE") !== type(v)) return `client type ${prop("OAUTH_CLIENT_TYPE")}`;
      const cell = Object.values((await exec(admin, `SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('${name}')`))[0] as object)[0] as string;
      const j = JSON.parse(cell) as Record<string, string>;
      if (outputs.clientId?.value !== j.OAUTH_CLIENT_ID) return "clientId output differs from Snowflake";
      if (!outputs.secret?.value || outputs.secret.value !== j.OAUTH_CLIENT_SECRET)
        return "clientSecret output lost or differs from SYSTEM$SHOW_OAUTH_CLIENT_SECRETS";
      if (outputs.secret2?.value !== j.OAUTH_CLIENT_SECRET_2) return "clientSecret2 output differs";
      return undefined;
    },
  };
}

export function networkPolicySubject(): Subject {
  const name = "NP_CFM";
  return {
    label: "NetworkPolicy",
    name,
    logical: "np-cfm",
    ops: ["create", "delete"],
    declare: () => {
      const r = new NetworkPolicy("np-cfm", { name, allowedIpList: ["10.0.0.0/8"], comment: "fault matrix" });
      return { name: r.name };
    },
    mine: (t) => new RegExp(`\\b${name}\\b`, "i").test(t),
    mismatch: async (admin, v) => {
      const rows = await exec(admin, `SHOW NETWORK POLICIES LIKE '${name}'`);
      if (v === undefined) return rows.length ? "still exists" : undefined;
      if (rows.length !== 1) return `${rows.length} objects`;
      return String(rows[0].comment) === "fault matrix" ? undefined : `comment ${rows[0].comment}`;
    },
  };
}

export interface CfmCase {
  op: Op;
  index: number;
  statement: string;
  mode: FaultMode;
  hit: boolean;
  faultedUpFailed: boolean;
  /** 0: converged on the faulted `up` itself; 1 or 2: on that re-run; undefined: did not converge. */
  convergedOn?: number;
  alreadyExists: boolean;
  detail?: string;
}

export interface CfmReport {
  subject: string;
  modes: FaultMode[];
  steps: Partial<Record<Op, string[]>>;
  cases: CfmCase[];
  /** Cases whose fault did not fire on the first run, so they ran again. */
  rerunNotHit: string[];
}

function patternOf(text: string): RegExp {
  const esc = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/'\\\*\\\*\\\*'/g, "'[^']*'");
  // A replacement runs in either direction (CONFIDENTIAL → PUBLIC or back): one pattern for both.
  const either = esc.replace(/'(CONFIDENTIAL|PUBLIC)'/g, "'(?:CONFIDENTIAL|PUBLIC)'");
  return new RegExp(`^\\s*${either}\\s*;?\\s*$`, "i");
}

/** Network faults on the nth statement matching `pat`: set on the emulator just before that statement's request. */
class NetworkTrap {
  private armed?: { pat: RegExp; before: number; seen: number; mode: "drop-response" | "http503" };
  private restore?: () => void;
  constructor(private readonly emu: Emulator) {}
  install(): this {
    const engine = this.emu.engine as any;
    const orig = engine.runSql.bind(engine);
    engine.runSql = (session: unknown, sqlText: string, opts: unknown) => {
      const out = orig(session, sqlText, opts);
      const a = this.armed;
      if (a && a.pat.test(sqlText) && ++a.seen === a.before) this.set();
      return out;
    };
    this.restore = () => {
      engine.runSql = orig;
    };
    return this;
  }
  private set(): void {
    const a = this.armed!;
    const f = { count: a.mode === "http503" ? 2 : 1, paths: ["/queries/v1/query-request"], statement: a.pat };
    this.emu.faults.set(a.mode === "http503" ? { http503: f } : { dropResponse: f });
  }
  /** Arm for the nth match (1-based): the fault is set after the (n-1)th match ran, or at once for n = 1. */
  arm(pat: RegExp, nth: number, mode: "drop-response" | "http503"): void {
    this.armed = { pat, before: nth - 1, seen: 0, mode };
    if (nth === 1) this.set();
  }
  /** Whether the armed fault was consumed. */
  consumed(): boolean {
    const f = this.emu.faults as any as { http503Left: number; dropResponseLeft: number };
    return this.armed !== undefined && this.armed.seen >= this.armed.before && f.http503Left === 0 && f.dropResponseLeft === 0;
  }
  disarm(): void {
    this.armed = undefined;
    this.emu.faults.clear();
  }
  uninstall(): void {
    this.restore?.();
  }
}

function messageOf(e: unknown): string {
  return String((e as Error)?.message ?? e);
}

export async function runCreateFaultMatrix(
  emu: Emulator,
  subject: Subject,
  opts: { modes?: readonly FaultMode[] } = {},
): Promise<CfmReport> {
  const envModes = process.env.CREATE_FAULT_MATRIX_MODES?.split(",")
    .map((m) => m.trim())
    .filter(Boolean) as FaultMode[] | undefined;
  const modes = [...(opts.modes ?? (envModes?.length ? envModes : ALL_MODES))];
  const admin = await connect(emu);
  const trap = new StatementTrap(emu).install();
  const net = new NetworkTrap(emu).install();
  let variant: Variant;
  const program = async () => (variant === undefined ? {} : subject.declare(variant));
  const s: TestStack = await createTestStack({
    name: `cfm-${subject.logical}`,
    program,
    target: { url: emu.url, account: emu.account },
    env: { SNOWFLAKE_OAUTH_RETRY_BASE_MS: "20" },
  });
  const upTo = async (v: Variant) => {
    variant = v;
    return s.up(program);
  };
  const statementsSince = (mark: number) =>
    emu.log
      .statements({ since: mark })
      .filter((e) => subject.mine(e.text))
      .map((e) => e.text);
  /** Why the stack and the account disagree with `variant` (undefined = converged). */
  const why = async (outputs: Record<string, { value: unknown }>): Promise<string | undefined> => {
    const live = await subject.mismatch(admin, variant, outputs);
    if (live) return live;
    const dep = await s.exportDeployment();
    const res = ((dep.deployment?.resources ?? []) as any[]).filter((r) => String(r.urn).endsWith(`::${subject.logical}`));
    const want = variant === undefined ? 0 : 1;
    if (res.length !== want)
      return `state holds ${res.length} resources for it: ${JSON.stringify(res.map((r) => ({ id: r.id, delete: r.delete, pendingReplacement: r.pendingReplacement })))}`;
    if ((dep.deployment?.pending_operations ?? []).length) return "pending operations left in state";
    return undefined;
  };
  const report: CfmReport = { subject: subject.label, modes, steps: {}, cases: [], rerunNotHit: [] };
  const start: Record<Op, Variant[]> = { create: [undefined], replace: [0, 1], delete: [0, 1] };
  const target = (op: Op, from: Variant): Variant => (op === "create" ? 0 : op === "delete" ? undefined : from === 0 ? 1 : 0);
  try {
    // Calibrate: create, (replace,) delete, from a clean start.
    variant = undefined;
    for (const op of subject.ops) {
      if (!start[op].includes(variant)) await upTo(op === "create" ? undefined : 0);
      const mark = emu.log.mark();
      await upTo(target(op, variant));
      report.steps[op] = statementsSince(mark);
      assert.equal(await why((await s.outputs()) as any), undefined, `calibration ${op} converged`);
    }
    // Cases, interleaved create → replace → delete so that most start where the previous one ended.
    const onlyOps = process.env.CREATE_FAULT_MATRIX_OPS?.split(",");
    const lists = subject.ops
      .filter((op) => !onlyOps || onlyOps.includes(op))
      .map((op) => report.steps[op]!.flatMap((t, i) => modesFor(t, modes).map((mode) => ({ op, index: i, mode }))));
    const queue: { op: Op; index: number; mode: FaultMode; again?: boolean }[] = [];
    while (lists.some((l) => l.length)) for (const l of lists) if (l.length) queue.push(l.shift()!);
    for (const c of queue) {
      if (!start[c.op].includes(variant)) await upTo(c.op === "create" ? undefined : 0);
      const to = target(c.op, variant);
      const texts = report.steps[c.op]!;
      const text = texts[c.index];
      const pat = patternOf(text);
      const nth = texts.slice(0, c.index + 1).filter((t) => pat.test(t)).length;
      const firedBefore = trap.fired;
      if (c.mode === "drop-response" || c.mode === "http503") net.arm(pat, nth, c.mode);
      else trap.arm(pat, nth, c.mode);
      const caseMark = emu.log.mark();
      const rec: CfmCase = {
        op: c.op,
        index: c.index,
        statement: text,
        mode: c.mode,
        hit: false,
        faultedUpFailed: false,
        alreadyExists: false,
      };
      let outputs: Record<string, { value: unknown }> | undefined;
      let faultedError: string | undefined;
      try {
        outputs = (await upTo(to)).outputs as any;
      } catch (e) {
        rec.faultedUpFailed = true;
        faultedError = messageOf(e);
        if (/already exists/i.test(faultedError)) rec.alreadyExists = true;
      }
      rec.hit = c.mode === "drop-response" || c.mode === "http503" ? net.consumed() : trap.fired > firedBefore;
      trap.disarm();
      net.disarm();
      if (!rec.hit)
        console.log(
          `  fault not hit (${c.op} #${c.index} ${c.mode}, wanted ${pat}): sent ${JSON.stringify(statementsSince(caseMark))}` +
            (faultedError === undefined ? "; the up succeeded" : `; the up failed: ${faultedError.split("\n").slice(-15).join("\n")}`),
        );
      if (outputs) {
        const w = await why(outputs);
        if (w === undefined) rec.convergedOn = 0;
        else rec.detail = `faulted up: ${w}`;
      }
      for (let attempt = 1; attempt <= 2 && rec.convergedOn === undefined; attempt++) {
        try {
          const w = await why((await upTo(to)).outputs as any);
          if (w === undefined) rec.convergedOn = attempt;
          else {
            rec.detail = `re-run ${attempt}: ${w}`;
            console.log(`  re-run ${attempt} did not converge (${c.op} #${c.index} ${c.mode}): ${w}`);
            if (process.env.CFM_DEBUG) {
              const dep = await s.exportDeployment();
              console.log(
                JSON.stringify(
                  ((dep.deployment?.resources ?? []) as any[])
                    .filter((r) => String(r.urn).endsWith(subject.logical))
                    .map((r) => ({
                      id: r.id,
                      delete: r.delete,
                      pr: r.pendingReplacement,
                      storedName: r.outputs?.storedName,
                      ct: r.outputs?.oauthClientType,
                    })),
                  null,
                  0,
                ),
              );
              console.log(JSON.stringify(statementsSince(caseMark)));
            }
          }
        } catch (e) {
          if (/already exists/i.test(messageOf(e))) rec.alreadyExists = true;
          rec.detail = `re-run ${attempt} failed: ${messageOf(e)
            .split("\n")
            .filter((l) => /error|exists/i.test(l))
            .slice(-4)
            .join(" | ")}`;
          console.log(`  re-run ${attempt} failed (${c.op} #${c.index} ${c.mode}):\n${messageOf(e).split("\n").slice(-30).join("\n")}`);
        }
      }
      // A fault that never fired tested nothing: the case runs once more, at the end (the report counts it). A fault
      // that misses twice fails the matrix ("every fault hit its statement").
      if (!rec.hit && !c.again) {
        report.rerunNotHit.push(`${c.op} #${c.index} ${c.mode}`);
        queue.push({ ...c, again: true });
        continue;
      }
      report.cases.push(rec);
    }
    await upTo(undefined);
  } finally {
    trap.uninstall();
    net.uninstall();
    emu.faults.clear();
    await s.dispose();
    await destroy(admin);
  }
  printCfm(report);
  return report;
}

export function printCfm(r: CfmReport): void {
  const lines = [`create/delete fault matrix (${r.subject}):`];
  for (const op of Object.keys(r.steps) as Op[]) {
    lines.push(`  ${op}: ${r.steps[op]!.length} statements`);
    r.steps[op]!.forEach((t, i) => {
      const cell = r.cases
        .filter((c) => c.op === op && c.index === i)
        .map(
          (c) =>
            `${c.mode}=${c.hit ? "" : "(not hit) "}${c.convergedOn === undefined ? `NOT converged (${c.detail})` : c.convergedOn === 0 ? "same up" : `re-run ${c.convergedOn}`}${c.alreadyExists ? " ALREADY-EXISTS" : ""}`,
        )
        .join(", ");
      lines.push(`    #${i + 1} ${t.length > 90 ? t.slice(0, 87) + "..." : t}\n       ${cell}`);
    });
  }
  const n = r.cases.length;
  const same = r.cases.filter((c) => c.convergedOn === 0).length;
  const next = r.cases.filter((c) => c.convergedOn === 1).length;
  const second = r.cases.filter((c) => c.convergedOn === 2).length;
  const not = r.cases.filter((c) => c.convergedOn === undefined).length;
  const ae = r.cases.filter((c) => c.alreadyExists).length;
  lines.push(
    `  cases run: ${n}; converged on the same up: ${same}, on the next up: ${next}, on a second re-run: ${second}, not converged: ${not}; "already exists" seen: ${ae}` +
      `; run again because the fault did not fire: ${r.rerunNotHit.length ? r.rerunNotHit.join(", ") : "none"}`,
  );
  console.log(lines.join("\n"));
}

/**
 * Every statement of every op has one case per mode; every fault hit; every case converged, on the next `up` at the
 * latest; no "already exists"; each fail or kill made its `up` fail; lost responses and 503s converge on the same `up`.
 */
export function assertCfm(r: CfmReport): void {
  const want = Object.entries(r.steps)
    .flatMap(([op, texts]) => texts.flatMap((t, i) => modesFor(t, r.modes).map((m) => `${op} #${i} ${m}`)))
    .sort();
  assert.deepEqual(r.cases.map((c) => `${c.op} #${c.index} ${c.mode}`).sort(), want, "full matrix");
  for (const texts of Object.values(r.steps)) assert.ok(texts.length > 0, "each op sent statements");
  assert.deepEqual(
    r.cases.filter((c) => !c.hit).map((c) => `${c.op} #${c.index} ${c.mode}`),
    [],
    "every fault hit its statement",
  );
  assert.deepEqual(
    r.cases.filter((c) => c.convergedOn === undefined).map((c) => `${c.op} #${c.index} ${c.mode}: ${c.detail}`),
    [],
    "every case converges",
  );
  assert.deepEqual(
    r.cases.filter((c) => c.alreadyExists).map((c) => `${c.op} #${c.index} ${c.mode}`),
    [],
    'no "already exists" dead end',
  );
  assert.deepEqual(
    // The detail is why the first re-run did not converge: the failure tail CI shows then says what went wrong.
    r.cases.filter((c) => c.convergedOn === 2).map((c) => `${c.op} #${c.index} ${c.mode}: ${c.detail}`),
    [],
    "converges on the next up, not a later one",
  );
  const network = (m: FaultMode) => m === "drop-response" || m === "http503";
  assert.deepEqual(
    r.cases.filter((c) => !network(c.mode) && !c.faultedUpFailed).map((c) => `${c.op} #${c.index} ${c.mode}`),
    [],
    "every fail/kill made its up fail",
  );
  assert.deepEqual(
    r.cases.filter((c) => network(c.mode) && c.convergedOn !== 0).map((c) => `${c.op} #${c.index} ${c.mode}`),
    [],
    "lost responses and 503s converge on the same up",
  );
}
