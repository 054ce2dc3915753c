// UserRsaKeys through the real engine: preview-time refusals (private key given, replace-all without opt-in),
// the opt-in path, drift seen by refresh and repaired by up, delete leaving foreign keys, and the state scan.
import { withEmulator, connect, exec, destroy } from "../helpers/emulator";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { createTestStack } from "../helpers/pulumi";
import { UserRsaKeys } from "../../sdk/userRsaKeys";
import { key } from "../helpers/keys";
import { rawState } from "../helpers/state-scan";

const slots = async (admin: any, user: string) => {
  const rows = await exec(admin, `DESC USER ${user}`);
  const v = (p: string) => rows.find((r: any) => r.property === p).value;
  return [v("RSA_PUBLIC_KEY_FP"), v("RSA_PUBLIC_KEY_2_FP")];
};

test("UserRsaKeys: preview refusals, opt-in, drift repair, delete, state scan", { timeout: 300_000 }, async () => {
  await withEmulator(async (emu) => {
    const [k0, k1, k2, k3] = await Promise.all([key(0), key(1), key(2), key(3)]);
    const admin = await connect(emu);
    await exec(admin, "CREATE USER SVC_APP TYPE = SERVICE");
    let publicKeys: string[] = [k0.publicKeyPem];
    let allowReplacingAllKeys = false;
    const program = async () => {
      const r = new UserRsaKeys("svc-app-keys", { user: "svc_app", publicKeys, allowReplacingAllKeys });
      return { fp1: r.rsaPublicKeyFp, fp2: r.rsaPublicKey2Fp, fps: r.fingerprints };
    };
    const s = await createTestStack({ name: "user-rsa-keys", program, target: { url: emu.url, account: emu.account } });
    try {
      // A private key where a public key belongs: fails at preview, nothing sent, the key not echoed.
      publicKeys = [k0.privateKeyPem];
      const mark0 = emu.log.mark();
      const err = await s.preview(program).then(
        () => undefined,
        (e: Error) => e,
      );
      assert.ok(err, "preview fails");
      assert.match(String(err), /expected an RSA public key but got a private key/);
      const privBody = k0.privateKeyPem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
      assert.ok(!String(err).includes(privBody.slice(100, 140)), "the private key is not echoed");
      assert.deepEqual(
        emu.log.statements({ since: mark0 }).filter((e) => /SVC_APP/.test(e.text)),
        [],
        "nothing sent",
      );

      publicKeys = [k0.publicKeyPem];
      const r0 = await s.up(program);
      assert.equal(r0.outputs.fp1.value, k0.fingerprint);

      // Replace-all in one step: refused at preview, naming both keys.
      publicKeys = [k1.publicKeyPem];
      const refused = await s.preview(program).then(
        () => undefined,
        (e: Error) => e,
      );
      assert.ok(refused);
      assert.ok(String(refused).includes(k0.fingerprint) && String(refused).includes(k1.fingerprint), String(refused).slice(0, 500));
      assert.deepEqual(await slots(admin, "SVC_APP"), [k0.fingerprint, "null"], "nothing changed");
      // With the opt-in: SET into the free slot, then UNSET the old one.
      allowReplacingAllKeys = true;
      const mark1 = emu.log.mark();
      const r1 = await s.up(program);
      assert.deepEqual(
        emu.log
          .statements({ since: mark1 })
          .filter((e) => /SVC_APP/.test(e.text))
          .map((e) => e.text),
        ["DESC USER SVC_APP", "ALTER USER SVC_APP SET RSA_PUBLIC_KEY_2 = '***'", "ALTER USER SVC_APP UNSET RSA_PUBLIC_KEY"],
      );
      assert.equal(r1.outputs.fp2.value, k1.fingerprint);
      allowReplacingAllKeys = false;
      await s.up(program);

      // Drift: someone adds k3 to slot 1 by hand. refresh sees it; up removes it; k1 stays in slot 2.
      await exec(admin, `ALTER USER SVC_APP SET RSA_PUBLIC_KEY = '${k3.publicKeyBody}'`);
      await s.refresh();
      // (Stack outputs only change on `up`; the refreshed resource state holds the live slots.)
      const refreshed = (JSON.parse(rawState(s.workDir)).checkpoint.latest.resources as any[]).find(
        (r) => r.type === "pulumi-nodejs:dynamic/snowflake:UserRsaKeys",
      );
      assert.equal(refreshed.outputs.rsaPublicKeyFp, k3.fingerprint, "refresh reads the live slot");
      const mark2 = emu.log.mark();
      await s.up(program);
      assert.deepEqual(
        emu.log
          .statements({ since: mark2 })
          .filter((e) => /SVC_APP/.test(e.text))
          .map((e) => e.text),
        ["DESC USER SVC_APP", "ALTER USER SVC_APP UNSET RSA_PUBLIC_KEY"],
      );
      assert.deepEqual(await slots(admin, "SVC_APP"), ["null", k1.fingerprint]);

      // State: only public material; no admin password; a small __provider.
      const state = rawState(s.workDir);
      assert.ok(!state.includes('"admin"'), "no plaintext password");
      const res = (JSON.parse(state).checkpoint.latest.resources as any[]).find(
        (r) => r.type === "pulumi-nodejs:dynamic/snowflake:UserRsaKeys",
      );
      assert.ok(JSON.stringify(res.outputs.__provider).length < 6000);

      // Delete unsets only declared keys: a foreign key in slot 1 survives.
      await exec(admin, `ALTER USER SVC_APP SET RSA_PUBLIC_KEY = '${k2.publicKeyBody}'`);
      await s.destroy();
      assert.deepEqual(await slots(admin, "SVC_APP"), [k2.fingerprint, "null"]);
    } finally {
      await s.dispose();
      await destroy(admin);
    }
  });
});
