// Preview-time checks of UserKeyPair and RotatingKeyPair (their `check`), without Snowflake: each bad input fails with
// a reason naming the field, and a public key is never echoed beside its failure.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import * as ukp from "../../provider/keys/user-key-pair-provider";
import * as rkp from "../../provider/keys/rotating-key-pair-provider";
import { key, smallKey } from "../helpers/keys";

const reasons = (r: { failures?: { property: string; reason: string }[] }) => (r.failures ?? []).map((f) => `${f.property}|${f.reason}`);

describe("UserKeyPair check", () => {
  it("accepts RSA and EC P-256 keys", async () => {
    const k = await key(0);
    assert.deepEqual(reasons(await ukp.check(undefined, { user: "svc_a", name: "k1", publicKey: k.publicKeyPem })), []);
    const ec = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey.export({ type: "spki", format: "pem" }).toString();
    assert.deepEqual(reasons(await ukp.check(undefined, { user: "svc_a", name: "k_ec", publicKey: ec })), []);
  });

  it("refuses reserved and rotated-shaped names, expiry < 1, negative grace, bad curves, small and private keys", async () => {
    const k = await key(1);
    const base = { user: "svc_b", name: "k", publicKey: k.publicKeyPem };
    assert.match(reasons(await ukp.check(undefined, { ...base, name: "public_key_1" })).join(), /^name\|PUBLIC_KEY_1 is reserved/);
    assert.match(reasons(await ukp.check(undefined, { ...base, name: "K_ROTATED_1764633600000" })).join(), /rotated-out keys/);
    assert.match(
      reasons(await ukp.check(undefined, { ...base, daysToExpiry: 0 })).join(),
      /^daysToExpiry\|daysToExpiry must be an integer ≥ 1/,
    );
    assert.match(reasons(await ukp.check(undefined, { ...base, graceHours: -1 })).join(), /^graceHours\|/);
    const k1 = generateKeyPairSync("ec", { namedCurve: "secp256k1" }).publicKey.export({ type: "spki", format: "pem" }).toString();
    const bad = reasons(await ukp.check(undefined, { ...base, publicKey: k1 })).join();
    assert.match(bad, /^\|publicKey: EC key on curve secp256k1; Snowflake accepts only P-256, P-384 and P-521/);
    const small = smallKey().publicKey.export({ type: "spki", format: "pem" }).toString();
    assert.match(reasons(await ukp.check(undefined, { ...base, publicKey: small })).join(), /1024 bits/);
    const priv = reasons(await ukp.check(undefined, { ...base, publicKey: k.privateKeyPem })).join();
    assert.match(priv, /private key/);
    assert.ok(!priv.includes(k.privateKeyPem.slice(40, 90)), "the key is not echoed");
  });

  it("refuses one public key declared for two key pairs of the same user (and allows it for another user)", async () => {
    const k = await key(2);
    assert.deepEqual(reasons(await ukp.check(undefined, { user: "svc_dup", name: "first", publicKey: k.publicKeyPem })), []);
    assert.match(
      reasons(await ukp.check(undefined, { user: "svc_dup", name: "second", publicKey: k.publicKeyPem })).join(),
      /declared for key pairs FIRST and SECOND of this user/,
    );
    assert.deepEqual(reasons(await ukp.check(undefined, { user: "svc_other", name: "second", publicKey: k.publicKeyPem })), []);
    assert.deepEqual(reasons(await ukp.check(undefined, { user: "svc_dup", name: "first", publicKey: k.publicKeyPem })), [], "re-check");
  });
});

describe("RotatingKeyPair check", () => {
  it("durations are whole days or hours, the overlap is shorter than the period, names are checked", async () => {
    const ok = { user: "svc_r", rotateEvery: "30d", overlap: "7d" };
    assert.deepEqual(reasons(await rkp.check(undefined, ok)), []);
    assert.match(
      reasons(await rkp.check(undefined, { ...ok, rotateEvery: "1 month" })).join(),
      /^rotateEvery\|rotateEvery must be a whole number/,
    );
    assert.match(
      reasons(await rkp.check(undefined, { ...ok, overlap: "30d" })).join(),
      /^overlap\|overlap \(30d\) must be shorter than rotateEvery/,
    );
    assert.match(
      reasons(await rkp.check(undefined, { ...ok, keyPairName: "PUBLIC_KEY_2" })).join(),
      /^keyPairName\|PUBLIC_KEY_2 is reserved/,
    );
    assert.match(reasons(await rkp.check(undefined, { ...ok, bits: 1024 as 2048 })).join(), /^bits\|/);
    assert.match(
      reasons(await rkp.check(undefined, { ...ok, integration: "app" })).join(),
      /^integration\|give exactly one of user and integration/,
    );
    assert.match(reasons(await rkp.check(undefined, { rotateEvery: "30d", overlap: "7d" })).join(), /^user\|give exactly one/);
    assert.match(
      reasons(await rkp.check(undefined, { integration: "app", keyPairName: "k", rotateEvery: "30d", overlap: "7d" })).join(),
      /^keyPairName\|keyPairName names a user's key pair/,
    );
  });
});
