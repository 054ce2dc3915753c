/**
 * Fault matrix of the named-key steps (UserKeyPair): every write of create (ADD), key change (ROTATE), comment change
 * (MODIFY), role-restriction change (REMOVE, then ADD) and delete (REMOVE) is hit by each mode: Snowflake answers with
 * an error (`fail`), or the dynamic-provider process is SIGKILLed before the statement runs (`kill-before`) or right
 * after it committed (`kill-after`). Then `up` runs again (at most twice) and the case must converge: the key pair is
 * exactly as declared (or gone), the state records its fingerprint, and the declared key logs in. Each case has its
 * own user (with a legacy key, so the REMOVE + ADD of a role change is allowed: that legacy key is also why this file
 * cannot observe a zero-key instant; the scheduled-rotation matrix, with no such key, does) and its own resource.
 */
import { ProviderFixture } from "../helpers/provider-fixture";
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { sqlApiAt } from "../helpers/clients";
import { createTestStack, type TestStack } from "../helpers/pulumi";
import { StatementTrap, type TrapMode } from "../helpers/rotation-harness";
import { key } from "../helpers/keys";
import { UserKeyPair } from "../../sdk/index";
import type { GeneratedRsaKeyPair } from "../../sdk/keys";

type Variant = { key: 1 | 2; comment?: string; role?: string } | undefined;
interface Case {
  step: string;
  from: Variant;
  to: Variant;
  /** The statement hit (the nth match in the step). */
  statement: RegExp;
}

const STEPS: Case[] = [
  { step: "create", from: undefined, to: { key: 1 }, statement: /ADD KEY PAIR/ },
  { step: "key change", from: { key: 1 }, to: { key: 2 }, statement: /ROTATE KEY PAIR/ },
  { step: "comment", from: { key: 1 }, to: { key: 1, comment: "x" }, statement: /MODIFY KEY PAIR/ },
  { step: "role: remove", from: { key: 1 }, to: { key: 1, role: "R_FM" }, statement: /REMOVE KEY PAIR/ },
  { step: "role: add", from: { key: 1 }, to: { key: 1, role: "R_FM" }, statement: /ADD KEY PAIR/ },
  { step: "delete", from: { key: 1 }, to: undefined, statement: /REMOVE KEY PAIR/ },
];
const MODES: TrapMode[] = ["fail", "kill-before", "kill-after"];
const CASES = STEPS.flatMap((c) => MODES.map((mode) => ({ ...c, mode })));
const userOf = (i: number) => `SVC_FM${i}`;

const { fx } = ProviderFixture.forFile(
  "named-key fault matrix",
  "CREATE ROLE R_FM",
  ...CASES.flatMap((_, i) => [`CREATE USER ${userOf(i)} TYPE = SERVICE`, `GRANT ROLE R_FM TO USER ${userOf(i)}`]),
);

const logsIn = async (user: string, k: GeneratedRsaKeyPair, role?: string): Promise<boolean> =>
  (await sqlApiAt(fx.emu, user, k.privateKeyPem, role)).ok;

describe("UserKeyPair fault matrix: every write × fail / kill-before / kill-after converges", { timeout: 900_000 }, () => {
  let keys: Record<1 | 2, GeneratedRsaKeyPair>;
  let legacy: GeneratedRsaKeyPair;
  const variants: Variant[] = CASES.map((c) => c.from);
  const program = async () => {
    variants.forEach((v, i) => {
      if (!v) return;
      new UserKeyPair(`fm${i}`, {
        user: userOf(i),
        name: "k",
        publicKey: keys[v.key].publicKeyPem,
        comment: v.comment,
        roleRestriction: v.role,
        graceHours: 0,
      });
    });
  };
  let s: TestStack;
  let trap: StatementTrap;
  before(async () => {
    [keys, legacy] = await Promise.all([Promise.all([key(1), key(2)]).then(([a, b]) => ({ 1: a, 2: b })), key(0)]);
    for (let i = 0; i < CASES.length; i++) await fx.admin(`ALTER USER ${userOf(i)} SET RSA_PUBLIC_KEY = '${legacy.publicKeyBody}'`);
    s = await createTestStack({
      name: "named-key-fault-matrix",
      target: fx.target(),
      program,
      env: { SNOWFLAKE_OAUTH_RETRY_BASE_MS: "20" },
    });
    trap = new StatementTrap(fx.emu).install();
    await s.up(program);
  });
  after(async () => {
    trap?.uninstall();
    await s?.dispose();
  });

  /** Why user i's key pair and the state disagree with its variant (undefined = converged). */
  async function mismatch(i: number): Promise<string | undefined> {
    const v = variants[i];
    const r = await fx.emu.execAsAdmin(`SHOW USER KEY PAIRS FOR USER ${userOf(i)}`);
    const cols = r.columns.map((c: { name: string }) => c.name);
    const row = r.rows
      .map((x: unknown[]) => Object.fromEntries(cols.map((n: string, j: number) => [n, x[j]])))
      .find((x: any) => x.name === "K") as Record<string, unknown> | undefined;
    const dep = await s.exportDeployment();
    const res = ((dep.deployment?.resources ?? []) as any[]).filter((x) => String(x.urn).endsWith(`::fm${i}`));
    if (res.length !== (v ? 1 : 0)) return `state holds ${res.length} resources`;
    if (!v) return row ? "the key pair still exists" : undefined;
    if (!row) return "the key pair is missing";
    if (row.fingerprint !== keys[v.key].fingerprint) return `fingerprint ${String(row.fingerprint)}`;
    // State records what Snowflake holds (delete compares against it).
    if (res[0].outputs?.fingerprint !== keys[v.key].fingerprint) return "state records a stale fingerprint";
    if ((row.comment ?? null) !== (v.comment ?? null)) return `comment ${String(row.comment)}`;
    if ((row.role_scope ?? null) !== (v.role ?? null)) return `role ${String(row.role_scope)}`;
    if (!(await logsIn(userOf(i), keys[v.key], v.role))) return "the declared key does not log in";
    return undefined;
  }

  it(`${CASES.length} cases converge within two further ups`, async () => {
    const report: string[] = [];
    for (const [i, c] of CASES.entries()) {
      trap.arm(new RegExp(`^ALTER USER ${userOf(i)} .*${c.statement.source}`), 1, c.mode);
      variants[i] = c.to;
      const fired = trap.fired;
      const faulted = await s.up(program).then(
        () => "ok",
        () => "failed",
      );
      trap.disarm();
      assert.equal(trap.fired, fired + 1, `case ${i} (${c.step}, ${c.mode}): the trap fired`);
      let ups = 0;
      let why = await mismatch(i);
      while (why !== undefined && ups < 2) {
        ups++;
        await s.up(program);
        why = await mismatch(i);
      }
      report.push(`${c.step} × ${c.mode}: faulted up ${faulted}, converged after ${ups} more up(s)`);
      assert.equal(why, undefined, `case ${i} (${c.step}, ${c.mode}) converges: ${why}`);
    }
    console.log(`# MEASURED named-key fault matrix ${JSON.stringify({ cases: CASES.length })}`);
    for (const line of report) console.log(`# ${line}`);
  });
});
