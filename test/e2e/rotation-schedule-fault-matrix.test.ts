/**
 * Fault matrix of scheduled rotation (RotatingKeyPair), for both user targets: each write of each step (create: ADD /
 * SET; rotate: ROTATE / SET; retire: UNSET) is hit by `fail`, `kill-before` (the provider is SIGKILLed before the
 * statement runs) and `kill-after` (right after it committed). After every faulted `up`, the key clients held (the
 * stack's `currentPrivateKey` before it) still logs in; then `up` runs again (at most twice) and must converge: the key
 * the stack now hands out is registered and logs in, and the schedule's phase matches Snowflake. Every committed
 * catalog state and clock tick is checked for a user with zero valid keys.
 */
import { ProviderFixture } from "../helpers/provider-fixture";
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createTestStack, type TestStack } from "../helpers/pulumi";
import { KeySlotWatcher, StatementTrap, type TrapMode } from "../helpers/rotation-harness";
import { RotatingKeyPair } from "../../sdk/index";
import { snowflakeKeyPairJwt } from "../../sdk/jwt";

const MODES: TrapMode[] = ["fail", "kill-before", "kill-after"];
const TARGETS = ["named", "legacy"] as const;
const WALKS = TARGETS.flatMap((target) =>
  MODES.map((mode) => ({ target, mode, user: `SVC_RF_${target}_${mode.replace("-", "_")}`.toUpperCase() })),
);
const DAY = 86_400_000;

const { fx } = ProviderFixture.forFile("rotation schedule faults", ...WALKS.map((w) => `CREATE USER ${w.user} TYPE = SERVICE`));

async function logsIn(user: string, pem: string): Promise<boolean> {
  const jwt = snowflakeKeyPairJwt({ account: fx.emu.account, user, privateKey: pem, now: fx.emu.engine.now() });
  const r = await fetch(`${fx.emu.url}/api/v2/statements`, {
    method: "POST",
    headers: { Authorization: `Bearer ${jwt}`, "X-Snowflake-Authorization-Token-Type": "KEYPAIR_JWT", "Content-Type": "application/json" },
    body: JSON.stringify({ statement: "SELECT 1", timeout: 30 }),
  });
  return r.status === 200;
}

/** The user's valid fingerprints (legacy slots and named keys Snowflake would accept now). */
async function liveKeys(user: string, target: "named" | "legacy"): Promise<string[]> {
  if (target === "legacy") {
    const d = await fx.emu.execAsAdmin(`DESC USER ${user}`);
    return d.rows
      .filter((r: unknown[]) => /^RSA_PUBLIC_KEY(_2)?_FP$/.test(String(r[0])) && r[1] && r[1] !== "null")
      .map((r: unknown[]) => String(r[1]));
  }
  const r = await fx.emu.execAsAdmin(`SHOW USER KEY PAIRS FOR USER ${user}`);
  const cols = r.columns.map((c: { name: string }) => c.name);
  return r.rows
    .map((x: unknown[]) => Object.fromEntries(cols.map((n: string, j: number) => [n, x[j]])) as Record<string, unknown>)
    .filter((x) => x.status === "ACTIVE" && !/^PUBLIC_KEY_/.test(String(x.name)))
    .map((x) => String(x.fingerprint));
}

describe(
  "RotatingKeyPair fault matrix: create / rotate / retire × fail / kill-before / kill-after, both targets",
  { timeout: 900_000 },
  () => {
    let trap: StatementTrap;
    let watcher: KeySlotWatcher;
    before(() => {
      trap = new StatementTrap(fx.emu).install();
      watcher = new KeySlotWatcher(fx.emu).install();
      for (const w of WALKS) watcher.watch({ kind: "user", name: w.user });
    });
    after(() => {
      trap?.uninstall();
      watcher?.uninstall();
    });

    for (const w of WALKS) {
      it(`${w.target} × ${w.mode}`, async () => {
        const program = async () => {
          const r = new RotatingKeyPair("r", {
            user: w.user,
            keyPairName: w.target === "named" ? "app_key" : undefined,
            rotateEvery: "10d",
            overlap: "2d",
          });
          return { key: r.currentPrivateKey, fp: r.currentFingerprint, phase: r.phase, previous: r.previousFingerprint };
        };
        const s: TestStack = await createTestStack({
          name: `rsf-${w.target}-${w.mode}`,
          target: fx.target(),
          program,
          env: { SNOWFLAKE_OAUTH_RETRY_BASE_MS: "20" },
        });
        const log: string[] = [];
        try {
          let held = ""; // the key clients hold: the stack's currentPrivateKey after the last successful up
          /** One faulted step: arm, up (fails or not), the held key still works, then converge within two ups. */
          const faulted = async (step: string, statement: RegExp, wantPhase: "steady" | "overlap"): Promise<void> => {
            const fired = trap.fired;
            trap.arm(new RegExp(`^ALTER USER ${w.user} .*${statement.source}`), 1, w.mode);
            const r = await s.up(program).then(
              () => "ok",
              () => "failed",
            );
            trap.disarm();
            assert.equal(trap.fired, fired + 1, `${step}: the trap fired`);
            if (held) assert.ok(await logsIn(w.user, held), `${step}: the key clients held still logs in after the faulted up`);
            let ups = 0;
            for (;;) {
              const o = await s.up(program).then((x) => x.outputs);
              ups++;
              const live = await liveKeys(w.user, w.target);
              const ok = live.includes(o.fp.value) && o.phase.value === wantPhase && (await logsIn(w.user, o.key.value));
              if (ok) {
                held = o.key.value;
                // Steady legacy slots hold the current key only: no orphan of a lost response stays registered.
                if (wantPhase === "steady" && w.target === "legacy") assert.deepEqual(live, [o.fp.value], `${step}: only the current key`);
                break;
              }
              assert.ok(ups < 2, `${step}: converges within two ups (live ${JSON.stringify(live)}, phase ${o.phase.value})`);
            }
            log.push(`${step}: faulted up ${r}, converged after ${ups} up(s)`);
          };
          // After a create whose statement committed but whose state was lost (kill-after), the next create finds a key it
          // cannot tell from one to adopt: it registers its own beside it and keeps the other through one overlap.
          const orphan = w.mode === "kill-after";
          await faulted("create", w.target === "named" ? /ADD KEY PAIR/ : /SET RSA_PUBLIC_KEY/, orphan ? "overlap" : "steady");
          if (orphan) {
            fx.emu.advanceClock(2 * DAY);
            watcher.tick();
            const o = (await s.up(program)).outputs;
            assert.equal(o.phase.value, "steady", "the found key is retired after the overlap");
            assert.deepEqual(await liveKeys(w.user, w.target), [o.fp.value]);
          }
          fx.emu.advanceClock(10 * DAY);
          watcher.tick();
          await faulted("rotate", w.target === "named" ? /ROTATE KEY PAIR/ : /SET RSA_PUBLIC_KEY/, "overlap");
          fx.emu.advanceClock(2 * DAY);
          watcher.tick();
          if (w.target === "legacy") await faulted("retire", /UNSET RSA_PUBLIC_KEY/, "steady");
          else {
            const o = (await s.up(program)).outputs;
            assert.equal(o.phase.value, "steady", "retire: a named pair's old key expired in Snowflake; nothing to send");
            assert.deepEqual(await liveKeys(w.user, w.target), [o.fp.value]);
          }
          console.log(`# ${w.target} × ${w.mode}: ${log.join("; ")}`);
          assert.deepEqual(watcher.lockouts, [], "no user ever had zero valid keys");
        } finally {
          await s.dispose();
        }
      });
    }

    it("counts", () => {
      console.log(
        `# MEASURED rotation schedule faults ${JSON.stringify({ walks: WALKS.length, statesChecked: watcher.observed, zeroKeyInstants: watcher.lockouts.length })}`,
      );
      assert.deepEqual(watcher.lockouts, []);
    });
  },
);
