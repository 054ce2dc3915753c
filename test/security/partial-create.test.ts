/**
 * Checklist 4 (nothing half-applied): a create whose CREATE succeeded but whose read-back (DESCRIBE) failed is
 * reported to the engine as "created but not initialised" with the object's id. The engine then keeps that record in
 * state, so everything that later loads the provider from state (refresh, delete, destroy) must still find it:
 * the partial record must carry the serialized provider (`__provider`) like every other record does.
 */
import { connect, destroy, exec } from "../helpers/emulator";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { startEmulator } from "../../emulator/index";
import { createTestStack } from "../helpers/pulumi";
import { NetworkPolicy, OAuthIntegration } from "../../sdk/index";

test(
  "partial create (CREATE ok, DESCRIBE failed) is kept in state with its provider: refresh, up and destroy work",
  { timeout: 300_000 },
  async () => {
    const emu = await startEmulator({ port: 0 });
    const admin = await connect(emu);
    const program = async () => {
      new NetworkPolicy("partial", { name: "partial_np", allowedIpList: ["10.1.0.0/16"] });
    };
    const s = await createTestStack({ name: "sec-partial-create", target: { url: emu.url, account: emu.account }, program });
    try {
      emu.faults.set({
        failStatement: {
          match: "DESCRIBE NETWORK POLICY PARTIAL_NP",
          code: "003001",
          message: "SQL access control error:\nInsufficient privileges",
          times: 1,
        },
      });
      await assert.rejects(s.up(program), /Insufficient privileges/);
      emu.faults.clear();
      // The object exists and the engine recorded it (not forgotten).
      assert.equal((await exec(admin, "SHOW NETWORK POLICIES LIKE 'PARTIAL_NP'")).length, 1);
      const dep = await s.exportDeployment();
      const rec = (dep.deployment.resources as any[]).find((r) => String(r.type).endsWith(":NetworkPolicy"));
      assert.ok(rec, "the partially created policy is in state");
      assert.equal(rec.id, "PARTIAL_NP");
      assert.equal(typeof rec.outputs.__provider, "string", "the partial record carries the serialized provider");

      // refresh loads the provider from state.
      await s.refresh();
      // destroy loads the provider from state and drops the object.
      await s.destroy();
      assert.equal((await exec(admin, "SHOW NETWORK POLICIES LIKE 'PARTIAL_NP'")).length, 0);

      // Same again, but converge with a plain up instead of destroying.
      emu.faults.set({
        failStatement: {
          match: "DESCRIBE NETWORK POLICY PARTIAL_NP",
          code: "003001",
          message: "SQL access control error:\nInsufficient privileges",
          times: 1,
        },
      });
      await assert.rejects(s.up(program));
      emu.faults.clear();
      const up = await s.up(program);
      assert.equal(up.summary.result, "succeeded");
      const again = await s.up(program);
      assert.equal(again.summary.resourceChanges?.same, 2, "converged: a further up changes nothing");
      await s.destroy();
    } finally {
      emu.faults.clear();
      await s.dispose();
      await destroy(admin);
      await emu.stop();
    }
  },
);

test(
  "update failing between SET and UNSET: state keeps the old record, the next up sends only what is missing",
  { timeout: 300_000 },
  async () => {
    const emu = await startEmulator({ port: 0 });
    const admin = await connect(emu);
    let v = 1;
    const program = async () => {
      new NetworkPolicy("half", {
        name: "half_np",
        allowedIpList: v === 1 ? ["10.1.0.0/16"] : ["10.2.0.0/16"],
        comment: v === 1 ? "first" : undefined,
      });
    };
    const s = await createTestStack({ name: "sec-half-update", target: { url: emu.url, account: emu.account }, program });
    const writes = (from: number) =>
      emu.log
        .statements({ since: from })
        .map((e) => e.text)
        .filter((t) => /^(CREATE|ALTER|DROP)/.test(t) && /HALF_NP/.test(t));
    try {
      await s.up(program);
      v = 2;
      emu.faults.set({
        failStatement: { match: "UNSET COMMENT", code: "003001", message: "SQL access control error:\nInsufficient privileges", times: 1 },
      });
      let m = emu.log.mark();
      await assert.rejects(s.up(program), /Insufficient privileges/);
      emu.faults.clear();
      assert.deepEqual(
        emu.log
          .statements({ since: m })
          .filter((e) => /^ALTER/.test(e.text))
          .map((e) => [e.text, e.outcome]),
        [
          ["ALTER NETWORK POLICY HALF_NP SET ALLOWED_IP_LIST = ('10.2.0.0/16')", "ok"],
          ["ALTER NETWORK POLICY HALF_NP UNSET COMMENT", "error"],
        ],
      );
      m = emu.log.mark();
      await s.up(program);
      assert.deepEqual(writes(m), ["ALTER NETWORK POLICY HALF_NP UNSET COMMENT"], "the next up converges from the live object");
      m = emu.log.mark();
      const again = await s.up(program);
      assert.equal(again.summary.resourceChanges?.same, 2);
      assert.deepEqual(writes(m), []);
      await s.destroy();
      // Deleting an object that is already gone succeeds.
      await s.up(program);
      await exec(admin, "DROP NETWORK POLICY HALF_NP");
      await s.destroy();
    } finally {
      emu.faults.clear();
      await s.dispose();
      await destroy(admin);
      await emu.stop();
    }
  },
);

test(
  "custom OAuth: CREATE ok but reading the client secrets failed; the next up fetches them (secret outputs)",
  { timeout: 300_000 },
  async () => {
    const emu = await startEmulator({ port: 0 });
    const admin = await connect(emu);
    const program = async () => {
      const app = new OAuthIntegration("half-app", {
        name: "half_app",
        oauthClientType: "CONFIDENTIAL",
        oauthRedirectUri: "https://app.example.com/cb",
      });
      return { clientSecret: app.clientSecret, clientId: app.clientId };
    };
    const s = await createTestStack({ name: "sec-half-secrets", target: { url: emu.url, account: emu.account }, program });
    try {
      emu.faults.set({
        failStatement: {
          match: "SYSTEM$SHOW_OAUTH_CLIENT_SECRETS",
          code: "003001",
          message: "SQL access control error:\nInsufficient privileges",
          times: 1,
        },
      });
      await assert.rejects(s.up(program), /Insufficient privileges/);
      emu.faults.clear();
      const up = await s.up(program);
      const [row] = await exec(admin, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('HALF_APP')");
      const live = JSON.parse(String(Object.values(row)[0]));
      assert.equal(up.outputs.clientSecret.secret, true);
      assert.equal(up.outputs.clientSecret.value, live.OAUTH_CLIENT_SECRET, "the next up recorded the client secret");
      assert.equal(up.outputs.clientId.value, live.OAUTH_CLIENT_ID);
      await s.destroy();
    } finally {
      emu.faults.clear();
      await s.dispose();
      await destroy(admin);
      await emu.stop();
    }
  },
);
