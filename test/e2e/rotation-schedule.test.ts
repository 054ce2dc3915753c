/**
 * Scheduled rotation over 120 simulated days, through the real Pulumi engine against the emulator, for both user
 * targets (a named key pair and the legacy slots). The emulator's clock moves 3 days between `pulumi up`s; the
 * provider reads Snowflake's clock, so nobody edits the program. Continuous clients call the SQL API the whole time,
 * each signing with the `currentPrivateKey` it read from the stack after the last `up` (so during an `up` they still
 * use the previous key). Every catalog state the emulator committed, and every clock tick, is checked for a user
 * with zero valid keys. Prints the counts.
 */
import { ProviderFixture } from "../helpers/provider-fixture";
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createTestStack, type TestStack } from "../helpers/pulumi";
import { ContinuousClient, KeySlotWatcher } from "../helpers/rotation-harness";
import { RotatingKeyPair } from "../../sdk/index";
import { snowflakeKeyPairJwt } from "../../sdk/jwt";

const { fx } = ProviderFixture.forFile(
  "rotation schedule",
  "CREATE USER SVC_NAMED TYPE = SERVICE",
  "CREATE USER SVC_LEGACY TYPE = SERVICE",
);

const DAY = 86_400_000;
const STEP_DAYS = 3;
const DAYS = 120;

/** A SQL API call as `user`, signed with `pem` at the emulator's clock. */
async function call(user: string, pem: string): Promise<{ ok: boolean; detail?: string }> {
  const jwt = snowflakeKeyPairJwt({ account: fx.emu.account, user, privateKey: pem, now: fx.emu.engine.now(), lifetimeSeconds: 300 });
  const r = await fetch(`${fx.emu.url}/api/v2/statements`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${jwt}`,
      "X-Snowflake-Authorization-Token-Type": "KEYPAIR_JWT",
      "Content-Type": "application/json",
      Accept: "application/json",
    },
    body: JSON.stringify({ statement: "SELECT CURRENT_USER()", timeout: 30 }),
  });
  return r.status === 200 ? { ok: true } : { ok: false, detail: `${r.status} ${JSON.stringify(await r.json().catch(() => ""))}` };
}

describe("RotatingKeyPair: 120 simulated days, a named key pair and the legacy slots", { timeout: 900_000 }, () => {
  const program = async () => {
    const named = new RotatingKeyPair("named", { user: "svc_named", keyPairName: "app_key", rotateEvery: "21d", overlap: "6d" });
    const legacy = new RotatingKeyPair("legacy", { user: "svc_legacy", rotateEvery: "21d", overlap: "6d" });
    return {
      namedKey: named.currentPrivateKey,
      legacyKey: legacy.currentPrivateKey,
      namedRotations: named.rotations,
      legacyRotations: legacy.rotations,
      namedNext: named.nextStepAt,
      legacyPhase: legacy.phase,
    };
  };
  let s: TestStack;
  let watcher: KeySlotWatcher;
  before(async () => {
    s = await createTestStack({ name: "rotation-schedule", target: fx.target(), program });
    watcher = new KeySlotWatcher(fx.emu).install();
    watcher.watch({ kind: "user", name: "SVC_NAMED" });
    watcher.watch({ kind: "user", name: "SVC_LEGACY" });
  });
  after(async () => {
    watcher?.uninstall();
    await s?.dispose();
  });

  it("4+ rotations per target, 0 failed client calls, 0 instants with zero valid keys, quiet ups between steps", async () => {
    const keys = { named: "", legacy: "" };
    const clients = {
      named: new ContinuousClient(() => call("SVC_NAMED", keys.named), 40),
      legacy: new ContinuousClient(() => call("SVC_LEGACY", keys.legacy), 40),
    };
    const first = await s.up(program);
    keys.named = first.outputs.namedKey.value;
    keys.legacy = first.outputs.legacyKey.value;
    assert.match(keys.named, /BEGIN PRIVATE KEY/);
    // Preview says what the next step is and when, and sends nothing.
    const p0 = await s.preview(program);
    assert.equal(p0.changeSummary?.update ?? 0, 0);
    assert.match(
      p0.stdout + p0.stderr,
      /RotatingKeyPair SVC_NAMED\.APP_KEY: next step: rotate at \S+ \(in 21\.0 days\); this up sends nothing/,
    );
    clients.named.start();
    clients.legacy.start();
    let ups = 1;
    let quietUps = 0;
    let writingUps = 0;
    let writes = 0;
    const allSent: string[] = [];
    let previous = { named: 1, legacy: 1, phase: first.outputs.legacyPhase.value as string };
    try {
      for (let day = STEP_DAYS; day <= DAYS; day += STEP_DAYS) {
        // Clients pause while the clock jumps: a JWT signed just before a 3-day jump would be stale on arrival.
        await clients.named.stop();
        await clients.legacy.stop();
        fx.emu.advanceClock(STEP_DAYS * DAY);
        watcher.tick();
        clients.named.start();
        clients.legacy.start();
        if (day === 21) {
          const p = await s.preview(program);
          const out = p.stdout + p.stderr;
          assert.match(out, /RotatingKeyPair SVC_NAMED\.APP_KEY: rotate now/);
          assert.match(
            out,
            /up will send: ALTER USER SVC_NAMED ROTATE KEY PAIR APP_KEY PUBLIC_KEY = '<new key>' EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = 144/,
          );
          assert.match(out, /up will send: ALTER USER SVC_LEGACY SET RSA_PUBLIC_KEY_2 = '<new key>'/);
        }
        const mark = fx.emu.log.mark();
        const r = await s.up(program);
        ups++;
        const sent = fx.emu.log
          .statements({ since: mark })
          .map((e) => e.text)
          .filter((x) => /^ALTER USER/.test(x));
        const o = r.outputs;
        const stepped =
          o.namedRotations.value !== previous.named ||
          o.legacyRotations.value !== previous.legacy ||
          o.legacyPhase.value !== previous.phase;
        if (process.env.ROTATION_SCHEDULE_TRACE) console.log(`# day ${day}: ${JSON.stringify(sent)}`);
        if (sent.length) writingUps++;
        else quietUps++;
        writes += sent.length;
        allSent.push(...sent);
        if (!stepped) assert.deepEqual(sent, [], `day ${day}: an up between steps sends no write`);
        previous = { named: o.namedRotations.value, legacy: o.legacyRotations.value, phase: o.legacyPhase.value };
        // Clients pick up the key the stack now holds.
        keys.named = o.namedKey.value;
        keys.legacy = o.legacyKey.value;
        // Each tick, both clients make calls at the new time before the clock moves on.
        await new Promise((res) => setTimeout(res, 150));
      }
    } finally {
      await clients.named.stop();
      await clients.legacy.stop();
    }
    const counts = {
      days: DAYS,
      ups,
      quietUps,
      writingUps,
      writes,
      rotations: { named: previous.named - 1, legacy: previous.legacy - 1 },
      calls: { named: clients.named.count(), legacy: clients.legacy.count() },
      failedCalls: { named: clients.named.failures().length, legacy: clients.legacy.failures().length },
      statesChecked: watcher.observed,
      zeroKeyInstants: watcher.lockouts.length,
    };
    console.log(`# MEASURED rotation schedule ${JSON.stringify(counts)}`);
    assert.ok(counts.rotations.named >= 4, `named rotations: ${counts.rotations.named}`);
    assert.ok(counts.rotations.legacy >= 4, `legacy rotations: ${counts.rotations.legacy}`);
    assert.deepEqual(clients.named.failures().slice(0, 3), [], "no failed call (named)");
    assert.deepEqual(clients.legacy.failures().slice(0, 3), [], "no failed call (legacy)");
    assert.ok(counts.calls.named > 100 && counts.calls.legacy > 100, "clients ran throughout");
    assert.deepEqual(watcher.lockouts, [], "no instant with zero valid keys");
    assert.ok(quietUps > writingUps, "most ups fall between steps and send nothing");
    // Each target used its own mechanism: the named pair only ROTATE (Snowflake expires the old key), the legacy
    // slots SET then UNSET.
    const named = allSent.filter((x) => x.startsWith("ALTER USER SVC_NAMED"));
    assert.equal(named.length, counts.rotations.named);
    assert.ok(
      named.every((x) =>
        /^ALTER USER SVC_NAMED ROTATE KEY PAIR APP_KEY PUBLIC_KEY = '\*\*\*' EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = 144$/.test(x),
      ),
    );
    const legacy = allSent.filter((x) => x.startsWith("ALTER USER SVC_LEGACY"));
    assert.equal(legacy.filter((x) => / SET RSA_PUBLIC_KEY/.test(x)).length, counts.rotations.legacy);
    assert.equal(legacy.filter((x) => / UNSET RSA_PUBLIC_KEY/.test(x)).length, counts.rotations.legacy);
  });
});
