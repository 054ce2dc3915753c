/**
 * The rotation proof and the fault matrix, for any of the three principal kinds, through the real Pulumi engine
 * against the in-process emulator.
 *
 * - {@link runRotationWalk}: a client calls the emulator continuously while three `up`s walk
 *   add-new-key → switch client → remove-old-key; zero failures, the retired key fails afterwards.
 * - {@link runFaultMatrix}: calibrates each rotation step (the statements it sends for this principal), then for each
 *   statement × {fail, kill provider before it runs, kill provider after it committed}: bring the principal to the
 *   step's start, run the step with the trap armed (the `up` fails), run it again without (must converge), and
 *   check every catalog state for zero registered keys.
 */
import { connect, exec, destroy } from "./emulator";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type { Emulator } from "../../emulator/index";
import { createTestStack, TestStack } from "./pulumi";
import { UserRsaKeys } from "../../sdk/userRsaKeys";
import { OAuthIntegration } from "../../sdk/oauthIntegration";
import { ExternalOAuthIntegration } from "../../sdk/externalOAuthIntegration";
import { GeneratedRsaKeyPair, loadPrivateKey, RsaPrivateKey } from "../../sdk/keys";
import { createPkcePair } from "../../sdk/pkce";
import { keys as fixtureKeys } from "./keys";
import { sqlApi, authorize, tokenRequest, externalOAuthAccepts } from "./clients";
import { ContinuousClient, KeySlotWatcher, Principal, registeredKeys, StatementTrap, TrapMode } from "./rotation-harness";

export type PrincipalKind = "user" | "oauth" | "external";

interface Adapter {
  principal: Principal;
  /** SQL run as admin before the first `up`. */
  setup: string[];
  /** Declares the resource in a program; returns its live slot fingerprint outputs. */
  declare(
    pems: string[],
    allowReplacingAllKeys: boolean,
  ): { fp1: pulumi.Output<string | undefined>; fp2: pulumi.Output<string | undefined>; clientId?: pulumi.Output<string> };
  /** True for statements the provider sends about this principal. */
  mine(text: string): boolean;
}

const REDIRECT = "https://app.example.com/cb";

function adapter(kind: PrincipalKind, tag: string): Adapter {
  if (kind === "user") {
    const name = `SVC_${tag}`;
    return {
      principal: { kind: "user", name },
      setup: [`CREATE USER ${name} TYPE = SERVICE`],
      declare: (pems, optIn) => {
        const r = new UserRsaKeys(`keys-${tag.toLowerCase()}`, { user: name, publicKeys: pems, allowReplacingAllKeys: optIn });
        return { fp1: r.rsaPublicKeyFp, fp2: r.rsaPublicKey2Fp };
      },
      mine: (t) => new RegExp(`\\bUSER "?${name}"?\\b`, "i").test(t),
    };
  }
  if (kind === "oauth") {
    const name = `APP_${tag}`;
    return {
      principal: { kind: "oauth", name },
      setup: [],
      declare: (pems, optIn) => {
        const r = new OAuthIntegration(`app-${tag.toLowerCase()}`, {
          name,
          oauthClientType: "CONFIDENTIAL",
          oauthRedirectUri: REDIRECT,
          rsaPublicKeys: pems,
          allowReplacingAllKeys: optIn,
        });
        return { fp1: r.rsaPublicKeyFp, fp2: r.rsaPublicKey2Fp, clientId: r.clientId };
      },
      mine: (t) => new RegExp(`\\b${name}\\b`).test(t),
    };
  }
  const name = `IDP_${tag}`;
  return {
    principal: { kind: "external", name },
    setup: [],
    declare: (pems, optIn) => {
      const r = new ExternalOAuthIntegration(`idp-${tag.toLowerCase()}`, {
        name,
        externalOAuthType: "CUSTOM",
        externalOAuthIssuer: "https://idp.example",
        externalOAuthTokenUserMappingClaim: ["sub"],
        externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
        rsaPublicKeys: pems,
        allowReplacingAllKeys: optIn,
      });
      return { fp1: r.rsaPublicKeyFp, fp2: r.rsaPublicKey2Fp };
    },
    mine: (t) => new RegExp(`\\b${name}\\b`).test(t) && !/^DESC(RIBE)? SECURITY INTEGRATION/i.test(t),
  };
}

/** The live registered fingerprints of a principal, read from the emulator catalog. */
function live(emu: Emulator, p: Principal): string[] {
  return registeredKeys(emu.engine.catalog(), p) ?? [];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const empty = (v: unknown) => v === undefined || v === null || v === "";

// ------------------------------------------------------------------------------------------------ the walk

export interface WalkReport {
  kind: PrincipalKind;
  calls: { label: string; calls: number; failed: number }[];
  retiredKeyRejected: boolean;
  lockouts: number;
  slotHistory: number[];
}

/** add-new-key → switch client → remove-old-key, with a continuous client. */
export async function runRotationWalk(emu: Emulator, kind: PrincipalKind): Promise<WalkReport> {
  const a = adapter(kind, "WALK");
  const admin = await connect(emu);
  for (const sql of a.setup) await exec(admin, sql);
  if (kind === "oauth") {
    await exec(admin, "CREATE ROLE ANALYST");
    await exec(admin, "CREATE USER ALICE PASSWORD = 'pw' DEFAULT_ROLE = ANALYST");
    await exec(admin, "GRANT ROLE ANALYST TO USER ALICE");
  }
  const [oldK, newK] = await fixtureKeys();
  const watcher = new KeySlotWatcher(emu).install();
  watcher.watch(a.principal);
  let step = 0;
  const program = async () => {
    const pems = step === 0 ? [oldK.publicKeyPem] : step < 3 ? [oldK.publicKeyPem, newK.publicKeyPem] : [newK.publicKeyPem];
    const r = a.declare(pems, false);
    return { fp1: r.fp1, fp2: r.fp2, clientId: r.clientId, clientUses: step >= 2 ? "new" : "old" };
  };
  const s = await createTestStack({ name: `rotation-${kind}`, program, target: { url: emu.url, account: emu.account } });
  const oldPriv = loadPrivateKey(oldK.privateKeyPem);
  const newPriv = loadPrivateKey(newK.privateKeyPem);
  let active: RsaPrivateKey = oldPriv;
  let client: ContinuousClient | undefined;
  try {
    const r0 = await s.up(program);
    const clientId = r0.outputs.clientId?.value as string | undefined;
    let call: (k: RsaPrivateKey) => Promise<{ ok: boolean; detail?: string }>;
    if (kind === "user") {
      call = async (k) => {
        const r = await sqlApi(emu.url, emu.account, a.principal.name, k);
        return { ok: r.ok, detail: r.ok ? undefined : `${r.status} ${r.code}` };
      };
    } else if (kind === "oauth") {
      // One authorization-code flow (PKCE) with the old key, then refresh-token grants authenticated by key-pair JWT,
      // alternating the legacy bearer JWT and the RFC 7523 client assertion.
      const pkce = createPkcePair();
      const code = await authorize(emu.url, {
        clientId: clientId!,
        redirectUri: REDIRECT,
        user: "ALICE",
        password: "pw",
        codeChallenge: pkce.challenge,
      });
      const tok = await tokenRequest(emu.url, emu.account, clientId!, oldPriv, {
        grant_type: "authorization_code",
        code,
        redirect_uri: REDIRECT,
        code_verifier: pkce.verifier,
      });
      assert.ok(tok.ok, `code exchange: ${JSON.stringify(tok.body)}`);
      const refresh = tok.body.refresh_token as string;
      let n = 0;
      call = async (k) => {
        const auth = n++ % 2 === 0 ? "bearer" : "client_assertion";
        const r = await tokenRequest(emu.url, emu.account, clientId!, k, { grant_type: "refresh_token", refresh_token: refresh }, auth);
        return { ok: r.ok, detail: r.ok ? undefined : `${auth} ${r.status} ${r.code}` };
      };
    } else {
      // External OAuth: an IdP token signed by the client's key, verified against DESCRIBE's raw key rows.
      call = async (k) => {
        const rows = await exec(admin, `DESCRIBE SECURITY INTEGRATION ${a.principal.name}`);
        const raw = ["EXTERNAL_OAUTH_RSA_PUBLIC_KEY", "EXTERNAL_OAUTH_RSA_PUBLIC_KEY_2"].map((p) =>
          String(rows.find((r: any) => r.property === p)?.property_value ?? ""),
        );
        return { ok: externalOAuthAccepts(raw, k) };
      };
    }
    client = new ContinuousClient(() => call(active));
    client.label = "after create (old key)";
    client.start();
    await sleep(300);
    client.label = "up 1: add new key";
    step = 1;
    const r1 = await s.up(program);
    assert.equal(r1.outputs.fp1.value, oldK.fingerprint, "old key never moves");
    assert.equal(r1.outputs.fp2.value, newK.fingerprint, "new key into the free slot");
    assert.ok((await call(newPriv)).ok, "both keys valid after step 1");
    client.label = "up 2: switch client";
    step = 2;
    await s.up(program);
    active = newPriv;
    await sleep(300);
    client.label = "up 3: remove old key";
    step = 3;
    const r3 = await s.up(program);
    assert.equal(r3.outputs.fp2.value, newK.fingerprint);
    if (kind !== "external") assert.ok(empty(r3.outputs.fp1?.value), "old slot emptied");
    await sleep(300);
    client.label = "after";
    await sleep(200);
    await client.stop();
    const labels = ["after create (old key)", "up 1: add new key", "up 2: switch client", "up 3: remove old key", "after"];
    const retired = await call(oldPriv);
    const report: WalkReport = {
      kind,
      calls: labels.map((l) => ({ label: l, calls: client!.count(l), failed: client!.failures(l).length })),
      retiredKeyRejected: !retired.ok,
      lockouts: watcher.lockouts.length,
      slotHistory: watcher.events.map((e) => e.keys.length),
    };
    console.log(
      `continuous client (${kind}):\n` +
        report.calls.map((c) => `  ${c.label}: ${c.calls} calls, ${c.failed} failed`).join("\n") +
        `\n  retired key rejected afterwards: ${report.retiredKeyRejected}; zero-key instants: ${report.lockouts}; slot counts: ${report.slotHistory.join(" → ")}`,
    );
    assert.equal(client.failures().length, 0, `failed calls: ${JSON.stringify(client.failures().slice(0, 5))}`);
    assert.ok(client.count() >= 20, "the client really ran");
    assert.ok(report.retiredKeyRejected, "the retired key fails after the last step");
    assert.ok((await call(newPriv)).ok);
    assert.equal(report.lockouts, 0, "no zero-key instant");
    // A further `up` sends no ALTER.
    const mark = emu.log.mark();
    await s.up(program);
    assert.deepEqual(
      emu.log
        .statements({ since: mark })
        .filter((e) => /^ALTER/i.test(e.text))
        .map((e) => e.text),
      [],
    );
    watcher.armed = false;
    await s.destroy();
    return report;
  } finally {
    await client?.stop();
    watcher.uninstall();
    await s.dispose();
    await destroy(admin);
  }
}

// ------------------------------------------------------------------------------------------------ the matrix

type StepKind = "add" | "remove" | "replace-opt-in";

export interface MatrixCase {
  step: StepKind;
  statement: string;
  index: number;
  mode: TrapMode;
  trapFired: boolean;
  firstUpFailed: boolean;
  converged: boolean;
  /** How many re-runs of `up` it took (1 normally; 2 when the first re-run itself failed). */
  reRuns: number;
  lockouts: number;
}

export interface MatrixReport {
  kind: PrincipalKind;
  /** The fault modes every statement was run with. */
  modes: TrapMode[];
  steps: Record<StepKind, string[]>;
  cases: MatrixCase[];
}

/** A regex matching the raw statement whose (redacted) log text is `text`. */
function patternOf(text: string): RegExp {
  const esc = text
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/'\\\*\\\*\\\*'/g, "'[^']*'")
    // The same step may target slot 1 or slot 2 depending on which slot is free in that case.
    .replace(/RSA_PUBLIC_KEY(_2)?\b/g, "RSA_PUBLIC_KEY(?:_2)?");
  return new RegExp(`^\\s*${esc}\\s*;?\\s*$`, "i");
}

/**
 * The matrix covered every statement of every step in every mode, once: each step sent at least one statement and
 * the cases are exactly (step, statement index, mode) for all of them, in no particular order.
 */
export function assertFullMatrix(r: MatrixReport): void {
  for (const [step, texts] of Object.entries(r.steps)) assert.ok(texts.length > 0, `calibration of step ${step} sent statements`);
  assert.ok(r.modes.length > 0, "at least one fault mode");
  const want = Object.entries(r.steps)
    .flatMap(([step, texts]) => texts.flatMap((_, i) => r.modes.map((m) => `${step} #${i} ${m}`)))
    .sort();
  const got = r.cases.map((c) => `${c.step} #${c.index} ${c.mode}`).sort();
  assert.deepEqual(got, want, `every statement of every step has exactly one case per mode (${r.cases.length} cases)`);
}

export async function runFaultMatrix(emu: Emulator, kind: PrincipalKind, opts: { modes?: TrapMode[] } = {}): Promise<MatrixReport> {
  // KEY_FAULT_MATRIX_MODES=fail (comma list) shrinks the matrix for quick runs; the default is all three modes.
  const envModes = process.env.KEY_FAULT_MATRIX_MODES?.split(",")
    .map((m) => m.trim())
    .filter(Boolean) as TrapMode[] | undefined;
  const modes: TrapMode[] = opts.modes ?? (envModes?.length ? envModes : ["fail", "kill-before", "kill-after"]);
  const a = adapter(kind, "MATRIX");
  const admin = await connect(emu);
  for (const sql of a.setup) await exec(admin, sql);
  const pool: GeneratedRsaKeyPair[] = await fixtureKeys();
  const watcher = new KeySlotWatcher(emu).install();
  watcher.watch(a.principal);
  const trap = new StatementTrap(emu).install();
  let declared: GeneratedRsaKeyPair[] = [pool[0]];
  let optIn = false;
  const program = async () => {
    const r = a.declare(
      declared.map((k) => k.publicKeyPem),
      optIn,
    );
    return { fp1: r.fp1, fp2: r.fp2 };
  };
  const s: TestStack = await createTestStack({ name: `matrix-${kind}`, program, target: { url: emu.url, account: emu.account } });
  const fresh = () => pool.find((k) => !declared.includes(k) && !live(emu, a.principal).includes(k.fingerprint))!;
  const next = (step: StepKind): { keys: GeneratedRsaKeyPair[]; optIn: boolean } => {
    if (step === "add") return { keys: [declared[0], fresh()], optIn: false };
    if (step === "remove") return { keys: [declared[1]], optIn: false };
    return { keys: [fresh()], optIn: true };
  };
  const needs = (step: StepKind) => (step === "remove" ? 2 : 1);
  const upTo = async (keys: GeneratedRsaKeyPair[], o: boolean) => {
    declared = keys;
    optIn = o;
    return s.up(program);
  };
  const statementsSince = (mark: number) =>
    emu.log
      .statements({ since: mark })
      .filter((e) => a.mine(e.text))
      .map((e) => e.text);
  const check = () => {
    const want = new Set(declared.map((k) => k.fingerprint));
    const got = live(emu, a.principal);
    return got.length > 0 && got.every((f) => want.has(f)) && [...want].every((f) => got.includes(f));
  };
  const report: MatrixReport = { kind, modes, steps: { add: [], remove: [], "replace-opt-in": [] }, cases: [] };
  try {
    await s.up(program);
    // Calibrate: the statements each step sends for this principal, in order.
    for (const step of ["add", "remove", "replace-opt-in"] as StepKind[]) {
      if (declared.length !== needs(step)) await upTo(next("remove").keys, false);
      const n = next(step);
      const mark = emu.log.mark();
      await upTo(n.keys, n.optIn);
      report.steps[step] = statementsSince(mark);
      assert.ok(check(), `calibration ${step} converged`);
    }
    // The matrix. Cases are ordered so that most start where the previous one ended.
    const queue: { step: StepKind; index: number; mode: TrapMode }[] = [];
    const addCases = report.steps.add.flatMap((_, i) => modes.map((m) => ({ step: "add" as StepKind, index: i, mode: m })));
    const removeCases = report.steps.remove.flatMap((_, i) => modes.map((m) => ({ step: "remove" as StepKind, index: i, mode: m })));
    while (addCases.length || removeCases.length) {
      if (addCases.length) queue.push(addCases.shift()!);
      if (removeCases.length) queue.push(removeCases.shift()!);
    }
    queue.push(
      ...report.steps["replace-opt-in"].flatMap((_, i) => modes.map((m) => ({ step: "replace-opt-in" as StepKind, index: i, mode: m }))),
    );
    for (const c of queue) {
      if (declared.length !== needs(c.step)) await upTo(declared.length === 2 ? next("remove").keys : next("add").keys, false);
      const texts = report.steps[c.step];
      const text = texts[c.index];
      const pat = patternOf(text);
      const nth = texts.slice(0, c.index + 1).filter((t) => pat.test(t.replace(/'\*\*\*'/g, "'x'"))).length;
      const lockoutsBefore = watcher.lockouts.length;
      const n = next(c.step);
      trap.arm(pat, nth, c.mode);
      const firedBefore = trap.fired;
      const caseMark = emu.log.mark();
      let firstUpFailed = false;
      try {
        await upTo(n.keys, n.optIn);
      } catch {
        firstUpFailed = true;
      }
      trap.disarm();
      const trapFired = trap.fired > firedBefore;
      if (!trapFired) {
        // Say what ran instead, so a miss can be told apart from a different plan.
        console.log(`  trap not hit (${c.step} #${c.index} ${c.mode}, wanted ${pat}): sent ${JSON.stringify(statementsSince(caseMark))}`);
      }
      // Re-run `up` as an operator would. A re-run that itself fails is retried once and counted apart
      // (`reRuns: 2`), with its whole error printed: the matrix reports it rather than hiding it.
      let converged = false;
      let reRuns = 0;
      for (let attempt = 1; attempt <= 2 && !converged; attempt++) {
        reRuns = attempt;
        try {
          await upTo(n.keys, n.optIn);
          converged = check();
        } catch (e) {
          console.log(
            `  re-run ${attempt} failed (${c.step} #${c.index} ${c.mode}):\n${(e as Error).message.split("\n").slice(-40).join("\n")}`,
          );
        }
      }
      report.cases.push({
        step: c.step,
        statement: text,
        index: c.index,
        mode: c.mode,
        trapFired,
        firstUpFailed,
        converged,
        reRuns,
        lockouts: watcher.lockouts.length - lockoutsBefore,
      });
    }
    watcher.armed = false;
    await s.destroy();
  } finally {
    trap.uninstall();
    watcher.uninstall();
    await s.dispose();
    await destroy(admin);
  }
  printMatrix(report);
  return report;
}

export function printMatrix(r: MatrixReport): void {
  const lines = [`fault matrix (${r.kind}):`];
  for (const step of Object.keys(r.steps) as StepKind[]) {
    lines.push(`  step ${step}: ${r.steps[step].length} statements`);
    r.steps[step].forEach((t, i) => {
      const cs = r.cases.filter((c) => c.step === step && c.index === i);
      const cell = cs
        .map(
          (c) =>
            `${c.mode}=${c.trapFired ? "" : "(not hit) "}${c.converged ? "converged" : "NOT converged"}${c.lockouts ? ` LOCKOUT×${c.lockouts}` : ""}`,
        )
        .join(", ");
      lines.push(`    #${i + 1} ${t.length > 90 ? t.slice(0, 87) + "..." : t}\n       ${cell}`);
    });
  }
  const run = r.cases.length;
  const conv = r.cases.filter((c) => c.converged).length;
  const lock = r.cases.reduce((n, c) => n + c.lockouts, 0);
  const failedFirst = r.cases.filter((c) => c.firstUpFailed).length;
  const second = r.cases.filter((c) => c.reRuns > 1).length;
  lines.push(
    `  cases run: ${run} (faulted up failed: ${failedFirst}), converged on re-run: ${conv} (${second} needed a second re-run), lockouts (zero-key instants): ${lock}`,
  );
  console.log(lines.join("\n"));
}
