// The rotation proof for a user principal, through the real Pulumi engine against the emulator:
// a client calls the SQL API continuously with the user's key-pair JWT while three `pulumi up`s walk
// add-new-key → switch client → remove-old-key. Every catalog state is watched for zero registered keys.
import { withEmulator, connect, exec, destroy } from "../helpers/emulator";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { createTestStack } from "../helpers/pulumi";
import { KeyPair } from "../../sdk/keyPair";
import { UserRsaKeys } from "../../sdk/userRsaKeys";
import { loadPrivateKey, RsaPrivateKey } from "../../sdk/keys";
import { sqlApi } from "../helpers/clients";
import { ContinuousClient, KeySlotWatcher } from "../helpers/rotation-harness";

test("user: zero failed SQL API calls across add → switch → remove; the retired key fails afterwards", { timeout: 300_000 }, async () => {
  await withEmulator(async (emu) => {
    const admin = await connect(emu);
    await exec(admin, "CREATE USER SVC_LOADER TYPE = SERVICE");
    const watcher = new KeySlotWatcher(emu).install();
    watcher.watch({ kind: "user", name: "SVC_LOADER" });

    let step = 0;
    const program = async () => {
      const oldKey = step < 3 ? new KeyPair("key-2026-05") : undefined;
      const newKey = step >= 1 ? new KeyPair("key-2026-11") : undefined;
      const declared = step === 0 ? [oldKey!] : step < 3 ? [oldKey!, newKey!] : [newKey!];
      const keys = new UserRsaKeys("svc-loader-keys", { user: "svc_loader", publicKeys: declared.map((k) => k.publicKeyPem) });
      return {
        oldPrivate: oldKey?.privateKeyPem,
        newPrivate: newKey?.privateKeyPem,
        clientUses: step >= 2 ? "new" : "old",
        slot1: keys.rsaPublicKeyFp,
        slot2: keys.rsaPublicKey2Fp,
      };
    };
    const s = await createTestStack({ name: "rotation-user", program, target: { url: emu.url, account: emu.account } });
    let client: ContinuousClient | undefined;
    try {
      const r0 = await s.up(program);
      const oldPriv = loadPrivateKey(r0.outputs.oldPrivate.value);
      let active: RsaPrivateKey = oldPriv;
      client = new ContinuousClient(async () => {
        const r = await sqlApi(emu.url, emu.account, "SVC_LOADER", active);
        return { ok: r.ok, detail: r.ok ? undefined : `${r.status} ${r.code}` };
      });
      client.label = "after create (old key)";
      client.start();
      await new Promise((r) => setTimeout(r, 300));

      client.label = "up 1: add new key";
      step = 1;
      const r1 = await s.up(program);
      assert.equal(r1.summary.resourceChanges?.update, 1);
      const newPriv = loadPrivateKey(r1.outputs.newPrivate.value);
      assert.equal(r1.outputs.slot1.value, oldPriv.fingerprint, "old key never moves");
      assert.equal(r1.outputs.slot2.value, newPriv.fingerprint, "new key in the free slot");
      // Both keys valid now.
      assert.ok((await sqlApi(emu.url, emu.account, "SVC_LOADER", newPriv)).ok);

      client.label = "up 2: switch client";
      step = 2;
      const r2 = await s.up(program);
      assert.equal(r2.outputs.clientUses.value, "new");
      active = newPriv; // the client redeploys with the new key
      await new Promise((r) => setTimeout(r, 300));

      client.label = "up 3: remove old key";
      step = 3;
      const r3 = await s.up(program);
      assert.equal(r3.outputs.slot1.value, "", "old slot emptied");
      assert.equal(r3.outputs.slot2.value, newPriv.fingerprint);
      await new Promise((r) => setTimeout(r, 300));
      client.label = "after";
      await new Promise((r) => setTimeout(r, 200));
      await client.stop();

      const failures = client.failures();
      const perStep = ["after create (old key)", "up 1: add new key", "up 2: switch client", "up 3: remove old key", "after"].map(
        (l) => `${l}: ${client!.count(l)} calls, ${client!.failures(l).length} failed`,
      );
      console.log(`continuous client (user, SQL API KEYPAIR_JWT):\n  ${perStep.join("\n  ")}`);
      assert.equal(failures.length, 0, `failed calls: ${JSON.stringify(failures.slice(0, 5))}`);
      assert.ok(client.count() >= 20, "the client really ran");
      // The retired key fails after the last step; the new one works.
      const retired = await sqlApi(emu.url, emu.account, "SVC_LOADER", oldPriv);
      assert.equal(retired.ok, false);
      assert.equal(retired.code, "390144");
      assert.ok((await sqlApi(emu.url, emu.account, "SVC_LOADER", newPriv)).ok);
      // No instant without a registered key, on every catalog state the emulator had.
      assert.deepEqual(watcher.lockouts, [], "no zero-key instant");
      assert.deepEqual(
        watcher.events.map((e) => e.keys.length),
        [0, 1, 2, 1],
        "slot history: none → old → old+new → new",
      );
      // A second `up` is a no-op that sends nothing.
      const mark = emu.log.mark();
      const again = await s.up(program);
      assert.equal(again.summary.resourceChanges?.update ?? 0, 0);
      assert.deepEqual(
        emu.log.statements({ since: mark }).filter((e) => /ALTER USER/.test(e.text)),
        [],
      );

      watcher.armed = false;
      await s.destroy();
      const desc = await exec(admin, "DESC USER SVC_LOADER");
      assert.equal(desc.find((r: any) => r.property === "RSA_PUBLIC_KEY_2_FP").value, "null", "destroy unsets the declared key");
    } finally {
      await client?.stop();
      watcher.uninstall();
      await s.dispose();
      await destroy(admin);
    }
  });
});
