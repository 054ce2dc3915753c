/**
 * UserKeyPair through the real Pulumi engine against the emulator, beside a UserRsaKeys on the same user:
 * create (ADD) → no-op → comment change (MODIFY SET) → drift by hand (disabled, comment) shown at preview and repaired →
 * key change (ROTATE with grace: the old key logs in until the grace ends, then not) → role restriction change
 * (REMOVE + ADD, allowed because the legacy slot holds a key; the login must request the role) → the lockout guard
 * refuses the same change once the named key is the user's only key → a key removed by hand is added back → rename →
 * destroy (REMOVE; the legacy slot is left to UserRsaKeys).
 */
import { ProviderFixture, changes } from "../helpers/provider-fixture";
import "../helpers/emulator";
import { after, before, describe } from "node:test";
import * as assert from "node:assert/strict";
import { sqlApiAt } from "../helpers/clients";
import { steps } from "../helpers/steps";
import { createTestStack, type TestStack } from "../helpers/pulumi";
import { key } from "../helpers/keys";
import { UserKeyPair, UserRsaKeys } from "../../sdk/index";
import type { GeneratedRsaKeyPair } from "../../sdk/keys";

const { fx, measured } = ProviderFixture.forFile(
  "user key pair",
  "CREATE ROLE LOADER",
  "CREATE USER SVC_NK TYPE = SERVICE DEFAULT_ROLE = PUBLIC",
  "GRANT ROLE LOADER TO USER SVC_NK",
);

const writes = (xs: string[]) => xs.filter((x) => /^ALTER USER SVC_NK/.test(x));
const keyRows = async () => (await fx.emu.execAsAdmin("SHOW USER KEY PAIRS FOR USER SVC_NK")).rows;
const col = async (name: string) => {
  const r = await fx.emu.execAsAdmin("SHOW USER KEY PAIRS FOR USER SVC_NK");
  const names = r.columns.map((c: { name: string }) => c.name);
  return r.rows
    .map((row: unknown[]) => Object.fromEntries(names.map((n: string, i: number) => [n, row[i]])))
    .find((x: any) => x.name === name) as Record<string, unknown>;
};

/** A SQL API call signed with the key at the emulator's clock, optionally requesting a role. */
const logsIn = async (k: GeneratedRsaKeyPair, role?: string): Promise<boolean> =>
  (await sqlApiAt(fx.emu, "SVC_NK", k.privateKeyPem, role)).ok;

describe("UserKeyPair: life cycle beside UserRsaKeys on one user", { timeout: 600_000 }, () => {
  let legacy: GeneratedRsaKeyPair, k1: GeneratedRsaKeyPair, k2: GeneratedRsaKeyPair;
  const decl: {
    legacy: boolean;
    name: string;
    publicKey?: string;
    comment?: string;
    roleRestriction?: string;
    daysToExpiry?: number;
    graceHours: number;
  } = { legacy: true, name: "loader_key", graceHours: 1 };
  const program = async () => {
    if (decl.legacy) new UserRsaKeys("legacy", { user: "svc_nk", publicKeys: [legacy.publicKeyPem] });
    const k = new UserKeyPair("named", {
      user: "svc_nk",
      name: decl.name,
      publicKey: decl.publicKey!,
      comment: decl.comment,
      roleRestriction: decl.roleRestriction,
      daysToExpiry: decl.daysToExpiry,
      graceHours: decl.graceHours,
    });
    return { fp: k.fingerprint, status: k.status, rotated: k.rotatedKeys };
  };
  let s: TestStack;
  before(async () => {
    [legacy, k1, k2] = await Promise.all([key(0), key(1), key(2)]);
    decl.publicKey = k1.publicKeyPem;
    decl.comment = "v1";
    s = await createTestStack({ name: "user-key-pair", target: fx.target(), program });
  });
  after(async () => {
    await s?.dispose();
  });
  const step = steps();

  step("create: one ADD for the named key and one SET for the legacy slot; both keys log in", async () => {
    const c = await fx.measure(() => s.up(program));
    measured.record("create", c.t);
    assert.deepEqual(changes(c.r.summary), { create: 3 });
    assert.deepEqual(writes(c.t.statements).sort(), [
      "ALTER USER SVC_NK ADD KEY PAIR LOADER_KEY PUBLIC_KEY = '***' COMMENT = 'v1'",
      "ALTER USER SVC_NK SET RSA_PUBLIC_KEY = '***'",
    ]);
    const row = await col("LOADER_KEY");
    assert.equal(row.fingerprint, k1.fingerprint);
    assert.equal(row.status, "ACTIVE");
    assert.equal(c.r.outputs.fp.value, k1.fingerprint);
    assert.ok(await logsIn(k1), "the named key logs in");
    assert.ok(await logsIn(legacy), "the legacy slot logs in");
  });

  step("no-op: one SHOW USER KEY PAIRS, nothing written; UserRsaKeys does not see the named key", async () => {
    const n = await fx.measure(() => s.up(program));
    measured.record("no-op", n.t);
    assert.deepEqual(changes(n.r.summary), { same: 3 });
    assert.deepEqual(writes(n.t.statements), []);
    assert.equal(n.t.statements.filter((x) => x === "SHOW USER KEY PAIRS FOR USER SVC_NK").length, 1);
  });

  step("comment change: one MODIFY SET", async () => {
    decl.comment = "v2";
    const u = await fx.measure(() => s.up(program));
    assert.deepEqual(writes(u.t.statements), ["ALTER USER SVC_NK MODIFY KEY PAIR LOADER_KEY SET COMMENT = 'v2'"]);
    assert.equal((await col("LOADER_KEY")).comment, "v2");
  });

  step("drift by hand (disabled, comment) is shown at preview and repaired by up", async () => {
    await fx.admin("ALTER USER SVC_NK MODIFY KEY PAIR LOADER_KEY SET DISABLED = TRUE COMMENT = 'by hand'");
    assert.equal(await logsIn(k1), false, "a disabled key does not log in");
    const p = await fx.measure(() => s.preview(program));
    assert.equal(p.r.changeSummary?.update, 1);
    const out = p.r.stdout + p.r.stderr;
    assert.match(out, /UserKeyPair SVC_NK\.LOADER_KEY: drifted in Snowflake: disabled, comment/);
    assert.match(out, /up will send: ALTER USER SVC_NK MODIFY KEY PAIR LOADER_KEY SET DISABLED = FALSE COMMENT = 'v2'/);
    assert.deepEqual(writes(p.t.statements), [], "preview writes nothing");
    const u = await fx.measure(() => s.up(program));
    assert.deepEqual(writes(u.t.statements), ["ALTER USER SVC_NK MODIFY KEY PAIR LOADER_KEY SET DISABLED = FALSE COMMENT = 'v2'"]);
    assert.ok(await logsIn(k1));
    assert.deepEqual(changes((await s.up(program)).summary), { same: 3 });
  });

  step("key change: ROTATE with the declared grace; the old key works until the grace ends", async () => {
    decl.publicKey = k2.publicKeyPem;
    const u = await fx.measure(() => s.up(program));
    measured.record("rotate", u.t);
    assert.deepEqual(writes(u.t.statements), [
      "ALTER USER SVC_NK ROTATE KEY PAIR LOADER_KEY PUBLIC_KEY = '***' EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = 1",
    ]);
    const rotated = u.r.outputs.rotated.value as string[];
    assert.equal(rotated.length, 1);
    assert.match(rotated[0], /^LOADER_KEY_ROTATED_\d+$/);
    assert.equal((await col(rotated[0])).fingerprint, k1.fingerprint);
    assert.equal((await col("LOADER_KEY")).comment, "v2", "the comment is inherited");
    assert.ok(await logsIn(k2), "the new key logs in");
    assert.ok(await logsIn(k1), "the old key still logs in during the grace");
    fx.emu.advanceClock(61 * 60_000);
    assert.equal(await logsIn(k1), false, "the old key is refused after the grace");
    assert.ok(await logsIn(k2));
    assert.deepEqual(changes((await s.up(program)).summary), { same: 3 }, "the rotated-out key expiring is not a change");
  });

  step("role restriction: REMOVE then ADD (MODIFY cannot change it), allowed since the legacy slot holds a key", async () => {
    decl.roleRestriction = "loader";
    const u = await fx.measure(() => s.up(program));
    assert.deepEqual(writes(u.t.statements), [
      "ALTER USER SVC_NK REMOVE KEY PAIR LOADER_KEY",
      "ALTER USER SVC_NK ADD KEY PAIR LOADER_KEY PUBLIC_KEY = '***' ROLE_RESTRICTION = 'LOADER' COMMENT = 'v2'",
    ]);
    assert.equal((await col("LOADER_KEY")).role_scope, "LOADER");
    assert.ok(await logsIn(k2, "LOADER"), "a login requesting the restricted role");
    assert.equal(await logsIn(k2, "PUBLIC"), false, "a login requesting another role is refused");
  });

  step("lockout guard: with the legacy slot gone, the same kind of change fails at preview and sends nothing", async () => {
    decl.legacy = false;
    await s.up(program);
    decl.daysToExpiry = 30;
    const mark = fx.emu.log.mark();
    const err = await s.preview(program).then(
      () => undefined,
      (e: Error) => e,
    );
    assert.ok(err, "preview fails");
    assert.match(String(err), /daysToExpiry: Snowflake cannot change daysToExpiry of key pair LOADER_KEY in place/);
    assert.match(String(err), /only valid key of user SVC_NK/);
    assert.deepEqual(
      fx.emu.log
        .statements({ since: mark })
        .map((e) => e.text)
        .filter((x) => /^ALTER USER SVC_NK/.test(x)),
      [],
    );
    decl.daysToExpiry = undefined;
    assert.deepEqual(changes((await s.up(program)).summary), { same: 2 });
  });

  step("a key pair removed by hand is added back by up", async () => {
    await fx.admin("ALTER USER SVC_NK REMOVE KEY PAIR LOADER_KEY");
    const u = await fx.measure(() => s.up(program));
    assert.deepEqual(writes(u.t.statements), [
      "ALTER USER SVC_NK ADD KEY PAIR LOADER_KEY PUBLIC_KEY = '***' ROLE_RESTRICTION = 'LOADER' COMMENT = 'v2'",
    ]);
    assert.equal((await col("LOADER_KEY")).fingerprint, k2.fingerprint);
  });

  step("rename: MODIFY RENAME TO in place (no replacement)", async () => {
    decl.name = "etl_key";
    const u = await fx.measure(() => s.up(program));
    assert.deepEqual(changes(u.r.summary), { same: 1, update: 1 });
    assert.deepEqual(writes(u.t.statements), ["ALTER USER SVC_NK MODIFY KEY PAIR LOADER_KEY RENAME TO ETL_KEY"]);
    assert.equal((await col("ETL_KEY")).fingerprint, k2.fingerprint);
    assert.deepEqual(changes((await s.up(program)).summary), { same: 2 });
  });

  step("destroy: REMOVE KEY PAIR; nothing else of the user is touched", async () => {
    const d = await fx.measure(() => s.destroy());
    assert.deepEqual(writes(d.t.statements), ["ALTER USER SVC_NK REMOVE KEY PAIR ETL_KEY"]);
    assert.deepEqual(
      (await keyRows()).filter((r: unknown[]) => !/_ROTATED_/.test(String(r[0]))),
      [],
    );
  });
});
