/**
 * Scheduled rotation over 120 simulated days, through the real Pulumi engine against the emulator, for every target
 * (a named key pair, legacy slots, a custom OAuth client and an External OAuth integration). The emulator's clock moves 3 days between `pulumi up`s; the
 * provider reads Snowflake's clock, so nobody edits the program. Continuous clients (the SQL API for the users, the
 * token endpoint for the OAuth client, an IdP token checked against DESCRIBE for External OAuth) call the whole time,
 * each signing with the `currentPrivateKey` it read from the stack after the last `up` (so during an `up` they still
 * use the previous key). Every catalog state the emulator committed, and every clock tick, is checked for a principal
 * with zero valid keys. Prints the counts.
 */
import { ProviderFixture } from "../helpers/provider-fixture";
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createTestStack, type TestStack } from "../helpers/pulumi";
import { ContinuousClient, KeySlotWatcher } from "../helpers/rotation-harness";
import * as pulumi from "@pulumi/pulumi";
import { externalOAuthCallAt, oauthCodeExchangeAt, sqlApiAt } from "../helpers/clients";
import { ExternalOAuthIntegration, OAuthIntegration, RotatingKeyPair } from "../../sdk/index";

const { fx } = ProviderFixture.forFile(
  "rotation schedule",
  "CREATE USER SVC_NAMED TYPE = SERVICE",
  "CREATE USER SVC_LEGACY TYPE = SERVICE",
  "CREATE USER ALICE PASSWORD = 'pw'",
);
const REDIRECT = "https://app.example.com/cb";

const DAY = 86_400_000;
const STEP_DAYS = 3;
const DAYS = 120;

/** A SQL API call as `user`, signed with `pem` at the emulator's clock. */
async function call(user: string, pem: string): Promise<{ ok: boolean; detail?: string }> {
  const r = await sqlApiAt(fx.emu, user, pem);
  return r.ok ? { ok: true } : { ok: false, detail: `${r.status} ${r.code}` };
}

describe(
  "RotatingKeyPair: 120 simulated days, on a named key pair, legacy slots, a custom OAuth client and an External OAuth integration",
  { timeout: 900_000 },
  () => {
    const program = async () => {
      const named = new RotatingKeyPair("named", { user: "svc_named", keyPairName: "app_key", rotateEvery: "21d", overlap: "6d" });
      const legacy = new RotatingKeyPair("legacy", { user: "svc_legacy", rotateEvery: "21d", overlap: "6d" });
      const appKey = new RotatingKeyPair("app-key", { integration: "sched_app", rotateEvery: "21d", overlap: "6d" });
      const app = new OAuthIntegration("app", {
        name: "sched_app",
        oauthClientType: "CONFIDENTIAL",
        oauthRedirectUri: REDIRECT,
        rsaPublicKeys: appKey.publicKeys,
      });
      const idpKey = new RotatingKeyPair("idp-key", { integration: "sched_idp", rotateEvery: "21d", overlap: "6d" });
      new ExternalOAuthIntegration("idp", {
        name: "sched_idp",
        externalOAuthType: "CUSTOM",
        externalOAuthIssuer: "https://idp.example",
        externalOAuthTokenUserMappingClaim: ["sub"],
        externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
        rsaPublicKeys: idpKey.publicKeys,
      });
      return {
        namedKey: named.currentPrivateKey,
        legacyKey: legacy.currentPrivateKey,
        appKey: appKey.currentPrivateKey,
        idpKey: idpKey.currentPrivateKey,
        clientId: app.clientId,
        rotations: pulumi.all([named.rotations, legacy.rotations, appKey.rotations, idpKey.rotations]),
        phases: pulumi.all([named.phase, legacy.phase, appKey.phase, idpKey.phase]),
      };
    };
    const PRINCIPALS = [
      { kind: "user", name: "SVC_NAMED" },
      { kind: "user", name: "SVC_LEGACY" },
      { kind: "oauth", name: "SCHED_APP" },
      { kind: "external", name: "SCHED_IDP" },
    ] as const;
    let s: TestStack;
    let watcher: KeySlotWatcher;
    before(async () => {
      s = await createTestStack({ name: "rotation-schedule", target: fx.target(), program });
      watcher = new KeySlotWatcher(fx.emu).install();
      for (const p of PRINCIPALS) watcher.watch(p);
    });
    after(async () => {
      watcher?.uninstall();
      await s?.dispose();
    });

    it("4+ rotations per target, 0 failed client calls, 0 instants with zero valid keys, quiet ups between steps", async () => {
      const keys = { named: "", legacy: "", app: "", idp: "" };
      const first = await s.up(program);
      const take = (o: Record<string, { value: any }>) => {
        keys.named = o.namedKey.value;
        keys.legacy = o.legacyKey.value;
        keys.app = o.appKey.value;
        keys.idp = o.idpKey.value;
      };
      take(first.outputs);
      const clientId = first.outputs.clientId.value as string;
      let n = 0;
      const clients = {
        named: new ContinuousClient(() => call("SVC_NAMED", keys.named), 40),
        legacy: new ContinuousClient(() => call("SVC_LEGACY", keys.legacy), 40),
        app: new ContinuousClient(
          () =>
            oauthCodeExchangeAt(fx.emu, { clientId, privateKey: keys.app, redirectUri: REDIRECT, user: "ALICE", password: "pw", n: n++ }),
          60,
        ),
        idp: new ContinuousClient(() => externalOAuthCallAt(fx.emu, "SCHED_IDP", keys.idp), 60),
      };
      const all = Object.values(clients);
      assert.match(keys.named, /BEGIN PRIVATE KEY/);
      // Preview says what the next step is and when, and sends nothing.
      const p0 = await s.preview(program);
      assert.equal(p0.changeSummary?.update ?? 0, 0);
      assert.match(
        p0.stdout + p0.stderr,
        /RotatingKeyPair SVC_NAMED\.APP_KEY: next step: rotate at \S+ \(in 21\.0 days\); this up sends nothing/,
      );
      for (const c of all) c.start();
      let ups = 1;
      let quietUps = 0;
      let writingUps = 0;
      let writes = 0;
      const allSent: string[] = [];
      let previous = JSON.stringify([first.outputs.rotations.value, first.outputs.phases.value]);
      try {
        for (let day = STEP_DAYS; day <= DAYS; day += STEP_DAYS) {
          // Clients pause while the clock jumps: a JWT signed just before a 3-day jump would be stale on arrival.
          for (const c of all) await c.stop();
          fx.emu.advanceClock(STEP_DAYS * DAY);
          watcher.tick();
          for (const c of all) c.start();
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
            .filter((x) => /^ALTER (USER|SECURITY INTEGRATION)/.test(x));
          const o = r.outputs;
          const now = JSON.stringify([o.rotations.value, o.phases.value]);
          if (process.env.ROTATION_SCHEDULE_TRACE) console.log(`# day ${day}: ${JSON.stringify(sent)}`);
          if (sent.length) writingUps++;
          else quietUps++;
          writes += sent.length;
          allSent.push(...sent);
          if (now === previous) assert.deepEqual(sent, [], `day ${day}: an up between steps sends no write`);
          previous = now;
          // Clients pick up the keys the stack now holds.
          take(o);
          // Each tick, the clients make calls at the new time before the clock moves on.
          await new Promise((res) => setTimeout(res, 200));
        }
      } finally {
        for (const c of all) await c.stop();
      }
      const [rn, rl, ra, ri] = (JSON.parse(previous) as number[][])[0];
      const counts = {
        days: DAYS,
        ups,
        quietUps,
        writingUps,
        writes,
        rotations: { named: rn - 1, legacy: rl - 1, oauth: ra - 1, external: ri - 1 },
        calls: Object.fromEntries(Object.entries(clients).map(([k, c]) => [k, c.count()])),
        failedCalls: Object.fromEntries(Object.entries(clients).map(([k, c]) => [k, c.failures().length])),
        statesChecked: watcher.observed,
        zeroKeyInstants: watcher.lockouts.length,
      };
      console.log(`# MEASURED rotation schedule ${JSON.stringify(counts)}`);
      for (const [k, v] of Object.entries(counts.rotations)) assert.ok(v >= 4, `${k} rotations: ${v}`);
      for (const [k, c] of Object.entries(clients)) {
        assert.deepEqual(c.failures().slice(0, 3), [], `no failed call (${k})`);
        assert.ok(c.count() > 100, `the ${k} client ran throughout (${c.count()} calls)`);
      }
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
      // The integrations' slots: SET the free slot, then UNSET the old one (External OAuth has no UNSET: the old slot is
      // overwritten with the current key); the integration resources, declaring `publicKeys`, never send a key write.
      const app = allSent.filter((x) => x.startsWith("ALTER SECURITY INTEGRATION SCHED_APP"));
      assert.equal(app.filter((x) => / SET OAUTH_CLIENT_RSA_PUBLIC_KEY/.test(x)).length, counts.rotations.oauth);
      assert.equal(app.filter((x) => / UNSET OAUTH_CLIENT_RSA_PUBLIC_KEY/.test(x)).length, counts.rotations.oauth);
      const idp = allSent.filter((x) => x.startsWith("ALTER SECURITY INTEGRATION SCHED_IDP"));
      assert.equal(idp.length, 2 * counts.rotations.external);
      assert.ok(idp.every((x) => / SET EXTERNAL_OAUTH_RSA_PUBLIC_KEY/.test(x)));
    });
  },
);
