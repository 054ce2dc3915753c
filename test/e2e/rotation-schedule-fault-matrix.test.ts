/**
 * Fault matrix of scheduled rotation (RotatingKeyPair), for every target (a named key pair, a user's legacy slots, a
 * custom OAuth client's and an External OAuth integration's slots): each write of each step (create: ADD / SET, or the
 * integration's CREATE; rotate: ROTATE / SET; retire: UNSET, or External OAuth's overwrite) is hit by `fail`,
 * `kill-before` (the provider is SIGKILLed before the
 * statement runs) and `kill-after` (right after it committed). After every faulted `up`, the key clients held (the
 * stack's `currentPrivateKey` before it) still logs in; then `up` runs again (at most twice) and must converge: the key
 * the stack now hands out is registered and logs in, and the schedule's phase matches Snowflake. Every committed
 * catalog state and clock tick is checked for a user with zero valid keys.
 */
import { ProviderFixture } from "../helpers/provider-fixture";
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createTestStack, type TestStack } from "../helpers/pulumi";
import { KeySlotWatcher, registeredKeys, StatementTrap, type Principal, type TrapMode } from "../helpers/rotation-harness";
import { externalOAuthCallAt, oauthCodeExchangeAt, sqlApiAt } from "../helpers/clients";
import { ExternalOAuthIntegration, OAuthIntegration, RotatingKeyPair } from "../../sdk/index";
import type * as pulumi from "@pulumi/pulumi";

const MODES: TrapMode[] = ["fail", "kill-before", "kill-after"];
type TargetKind = "named" | "legacy" | "oauth" | "external";
const TARGETS: TargetKind[] = ["named", "legacy", "oauth", "external"];
const WALKS = TARGETS.flatMap((target) =>
  MODES.map((mode) => ({ target, mode, user: `RF_${target}_${mode.replace("-", "_")}`.toUpperCase() })),
);
const DAY = 86_400_000;
const REDIRECT = "https://app.example.com/cb";
const isIntegration = (t: TargetKind) => t === "oauth" || t === "external";

const { fx } = ProviderFixture.forFile(
  "rotation schedule faults",
  "CREATE USER ALICE PASSWORD = 'pw'",
  ...WALKS.filter((w) => !isIntegration(w.target)).map((w) => `CREATE USER ${w.user} TYPE = SERVICE`),
);

/** What each step's faulted statement looks like, per target (`name` is the user or the integration). */
function statementOf(t: TargetKind, step: "create" | "rotate" | "retire", name: string): RegExp {
  if (t === "named") return new RegExp(`^ALTER USER ${name} ${step === "create" ? "ADD" : "ROTATE"} KEY PAIR`);
  if (t === "legacy") return new RegExp(`^ALTER USER ${name} ${step === "retire" ? "UNSET" : "SET"} RSA_PUBLIC_KEY`);
  if (step === "create") return new RegExp(`^CREATE SECURITY INTEGRATION ${name} `);
  if (t === "oauth")
    return new RegExp(`^ALTER SECURITY INTEGRATION ${name} ${step === "retire" ? "UNSET" : "SET"} OAUTH_CLIENT_RSA_PUBLIC_KEY`);
  return new RegExp(`^ALTER SECURITY INTEGRATION ${name} SET EXTERNAL_OAUTH_RSA_PUBLIC_KEY`);
}

/** A call signed with `pem` as the target's clients make it. */
async function works(t: TargetKind, name: string, pem: string, clientId: string | undefined): Promise<boolean> {
  if (t === "oauth")
    return (
      await oauthCodeExchangeAt(fx.emu, {
        clientId: clientId!,
        privateKey: pem,
        redirectUri: REDIRECT,
        user: "ALICE",
        password: "pw",
        n: 0,
      })
    ).ok;
  if (t === "external") return (await externalOAuthCallAt(fx.emu, name, pem)).ok;
  return logsIn(name, pem);
}

const logsIn = async (user: string, pem: string): Promise<boolean> => (await sqlApiAt(fx.emu, user, pem)).ok;

/** The user's valid fingerprints (legacy slots and named keys Snowflake would accept now). */
async function liveKeys(user: string, target: TargetKind): Promise<string[]> {
  if (isIntegration(target)) {
    const p: Principal = { kind: target === "oauth" ? "oauth" : "external", name: user };
    return [...new Set(registeredKeys(fx.emu.engine.catalog(), p) ?? [])];
  }
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
  "RotatingKeyPair fault matrix: create / rotate / retire × fail / kill-before / kill-after, every target",
  { timeout: 900_000 },
  () => {
    let trap: StatementTrap;
    let watcher: KeySlotWatcher;
    before(() => {
      trap = new StatementTrap(fx.emu).install();
      watcher = new KeySlotWatcher(fx.emu).install();
      for (const w of WALKS)
        watcher.watch(
          isIntegration(w.target) ? { kind: w.target === "oauth" ? "oauth" : "external", name: w.user } : { kind: "user", name: w.user },
        );
    });
    after(() => {
      trap?.uninstall();
      watcher?.uninstall();
    });

    for (const w of WALKS) {
      it(`${w.target} × ${w.mode}`, async () => {
        const program = async () => {
          const r = new RotatingKeyPair("r", {
            ...(isIntegration(w.target) ? { integration: w.user } : { user: w.user }),
            keyPairName: w.target === "named" ? "app_key" : undefined,
            rotateEvery: "10d",
            overlap: "2d",
          });
          let clientId: pulumi.Output<string> | undefined;
          if (w.target === "oauth")
            clientId = new OAuthIntegration("i", {
              name: w.user,
              oauthClientType: "CONFIDENTIAL",
              oauthRedirectUri: REDIRECT,
              rsaPublicKeys: r.publicKeys,
            }).clientId;
          if (w.target === "external")
            new ExternalOAuthIntegration("i", {
              name: w.user,
              externalOAuthType: "CUSTOM",
              externalOAuthIssuer: "https://idp.example",
              externalOAuthTokenUserMappingClaim: ["sub"],
              externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
              rsaPublicKeys: r.publicKeys,
            });
          return { key: r.currentPrivateKey, fp: r.currentFingerprint, phase: r.phase, previous: r.previousFingerprint, clientId };
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
          let clientId: string | undefined;
          /** One faulted step: arm, up (fails or not), the held key still works, then converge within two ups. */
          const faulted = async (step: string, statement: RegExp, wantPhase: "steady" | "overlap"): Promise<void> => {
            const fired = trap.fired;
            trap.arm(statement, 1, w.mode);
            const r = await s.up(program).then(
              () => "ok",
              () => "failed",
            );
            trap.disarm();
            assert.equal(trap.fired, fired + 1, `${step}: the trap fired`);
            if (held)
              assert.ok(await works(w.target, w.user, held, clientId), `${step}: the key clients held still works after the faulted up`);
            let ups = 0;
            for (;;) {
              const o = await s.up(program).then((x) => x.outputs);
              ups++;
              const live = await liveKeys(w.user, w.target);
              clientId = o.clientId?.value ?? clientId;
              const ok = live.includes(o.fp.value) && o.phase.value === wantPhase && (await works(w.target, w.user, o.key.value, clientId));
              if (ok) {
                held = o.key.value;
                // Steady legacy slots hold the current key only: no orphan of a lost response stays registered.
                if (wantPhase === "steady" && w.target !== "named") assert.deepEqual(live, [o.fp.value], `${step}: only the current key`);
                break;
              }
              assert.ok(ups < 2, `${step}: converges within two ups (live ${JSON.stringify(live)}, phase ${o.phase.value})`);
            }
            log.push(`${step}: faulted up ${r}, converged after ${ups} up(s)`);
          };
          // After a create whose statement committed but whose state was lost (kill-after), the next create finds a key it
          // cannot tell from one to adopt: it registers its own beside it and keeps the other through one overlap.
          // (An integration's first key goes in with its CREATE, whose lost state the integration resource recovers.)
          const orphan = w.mode === "kill-after" && !isIntegration(w.target);
          await faulted("create", statementOf(w.target, "create", w.user), orphan ? "overlap" : "steady");
          if (orphan) {
            fx.emu.advanceClock(2 * DAY);
            watcher.tick();
            const o = (await s.up(program)).outputs;
            assert.equal(o.phase.value, "steady", "the found key is retired after the overlap");
            assert.deepEqual(await liveKeys(w.user, w.target), [o.fp.value]);
          }
          fx.emu.advanceClock(10 * DAY);
          watcher.tick();
          await faulted("rotate", statementOf(w.target, "rotate", w.user), "overlap");
          fx.emu.advanceClock(2 * DAY);
          watcher.tick();
          if (w.target !== "named") await faulted("retire", statementOf(w.target, "retire", w.user), "steady");
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
  },
);
