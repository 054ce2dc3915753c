// UserRsaKeys drift shows at preview, through the real engine: diff reads DESC USER (the truth), not state, so a key
// removed by hand (a broken service-user login) is an update in `pulumi preview` before anyone runs refresh, and the
// next `up` puts it back with one DESC USER and one ALTER.
import { withEmulator, connect, exec, destroy } from "../helpers/emulator";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { createTestStack } from "../helpers/pulumi";
import { UserRsaKeys } from "../../sdk/userRsaKeys";
import { key } from "../helpers/keys";

test("UserRsaKeys: a key removed by hand shows at preview and up restores it", { timeout: 300_000 }, async () => {
  await withEmulator(async (emu) => {
    const k0 = await key(0);
    const admin = await connect(emu);
    await exec(admin, "CREATE USER SVC_DRIFT TYPE = SERVICE");
    const program = async () => {
      new UserRsaKeys("svc-drift-keys", { user: "SVC_DRIFT", publicKeys: [k0.publicKeyPem] });
    };
    const s = await createTestStack({ name: "user-rsa-keys-drift", program, target: { url: emu.url, account: emu.account } });
    try {
      await s.up(program);
      const clean = await s.preview(program);
      assert.equal(clean.changeSummary.update ?? 0, 0, "no drift, no update");
      assert.equal(clean.changeSummary.same, 2, "stack + UserRsaKeys unchanged");

      await exec(admin, "ALTER USER SVC_DRIFT UNSET RSA_PUBLIC_KEY");
      const mark = emu.log.mark();
      const drifted = await s.preview(program);
      assert.equal(drifted.changeSummary.update, 1, "the removed key is an update at preview");
      assert.match(drifted.stderr, /UserRsaKeys SVC_DRIFT: drifted in Snowflake: publicKeys \(RSA_PUBLIC_KEY, RSA_PUBLIC_KEY_2\)/);
      assert.match(drifted.stderr, /UserRsaKeys SVC_DRIFT: up will send: ALTER USER SVC_DRIFT SET RSA_PUBLIC_KEY = '<key: \d+ chars>'/);
      assert.deepEqual(
        emu.log
          .statements({ since: mark })
          .filter((e) => /SVC_DRIFT/.test(e.text))
          .map((e) => e.text),
        ["DESC USER SVC_DRIFT"],
        "preview only reads",
      );

      const mark2 = emu.log.mark();
      await s.up(program);
      assert.deepEqual(
        emu.log
          .statements({ since: mark2 })
          .filter((e) => /SVC_DRIFT/.test(e.text))
          .map((e) => e.text),
        ["DESC USER SVC_DRIFT", "ALTER USER SVC_DRIFT SET RSA_PUBLIC_KEY = '***'"],
        "the update reuses the diff's read, then one SET",
      );
      const rows = await exec(admin, "DESC USER SVC_DRIFT");
      assert.equal(rows.find((r: any) => r.property === "RSA_PUBLIC_KEY_FP").value, k0.fingerprint);
      const after = await s.preview(program);
      assert.equal(after.changeSummary.update ?? 0, 0, "repaired: no diff");
    } finally {
      await s.destroy().catch(() => undefined);
      await s.dispose();
      await destroy(admin);
    }
  });
});
