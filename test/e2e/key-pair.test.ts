// KeyPair through the real engine: create, no-op up, passphrase change (same key re-encrypted),
// keepers change (new key), state scan (no plaintext private key or passphrase; tiny __provider).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { createTestStack } from "../helpers/pulumi";
import { rawState, whereIs } from "../helpers/state-scan";
import { KeyPair } from "../../sdk/keyPair";

const TYPE = "pulumi-nodejs:dynamic/snowflake:RsaKeyPair";

test("KeyPair: stable across ups, private key and passphrase secret, passphrase change re-encrypts the same key", async () => {
  let passphrase: string | undefined = "first-pass-phrase";
  let keepers: Record<string, string> = { generation: "1" };
  const program = async () => {
    const k = new KeyPair("k", { bits: 2048, passphrase, keepers });
    return { fp: k.fingerprint, pub: k.publicKeyPem, body: k.publicKeyBody, priv: k.privateKeyPem };
  };
  const s = await createTestStack({ name: "key-pair", program });
  try {
    const first = await s.up(program);
    const fp = first.outputs.fp.value as string;
    assert.match(fp, /^SHA256:[A-Za-z0-9+/]{43}=$/);
    assert.equal(first.outputs.priv.secret, true, "privateKeyPem is a secret output");
    const priv1 = first.outputs.priv.value as string;
    assert.match(priv1, /BEGIN ENCRYPTED PRIVATE KEY/);
    const obj = crypto.createPrivateKey({ key: priv1, format: "pem", passphrase: "first-pass-phrase" });
    assert.equal(crypto.createPublicKey(obj).export({ type: "spki", format: "der" }).toString("base64"), first.outputs.body.value);

    const again = await s.up(program);
    assert.equal(again.summary.resourceChanges?.same, 2, "second up changes nothing");
    assert.equal(again.outputs.fp.value, fp);

    // The Automation API exports with --show-secrets, so scan the backend's checkpoint file itself.
    const state = rawState(s.workDir);
    const body = priv1.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
    assert.ok(
      !state.includes(body.slice(0, 40)),
      `no plaintext private key in state (at ${whereIs(JSON.parse(state), body.slice(0, 40))})`,
    );
    assert.ok(!state.includes("first-pass-phrase"), "no plaintext passphrase in state");
    const res = (JSON.parse(state).checkpoint.latest.resources as any[]).find((r) => r.type === TYPE);
    assert.ok(res, "explicit type token");
    assert.ok(res.outputs.privateKeyPem.ciphertext, "privateKeyPem stored encrypted");
    const providerText = JSON.stringify(res.outputs.__provider);
    assert.ok(providerText.length < 6000, `__provider is small (${providerText.length} chars)`);
    assert.ok(
      providerText.includes("pulumi-snowflake-oauth/dist/provider/index.js") && providerText.includes("keyPair"),
      "__provider requires the installed implementation by name",
    );

    // Passphrase change → update; the same key, re-encrypted; then decrypting with the new passphrase works.
    passphrase = "second-pass-phrase";
    const changed = await s.up(program);
    assert.equal(changed.summary.resourceChanges?.update, 1);
    assert.equal(changed.outputs.fp.value, fp, "same key");
    const priv2 = changed.outputs.priv.value as string;
    assert.notEqual(priv2, priv1);
    crypto.createPrivateKey({ key: priv2, format: "pem", passphrase: "second-pass-phrase" });
    assert.throws(() => crypto.createPrivateKey({ key: priv2, format: "pem", passphrase: "first-pass-phrase" }));

    // No passphrase → unencrypted PKCS#8, still the same key.
    passphrase = undefined;
    const plain = await s.up(program);
    assert.equal(plain.outputs.fp.value, fp);
    assert.match(plain.outputs.priv.value as string, /^-----BEGIN PRIVATE KEY-----/);

    // Keepers change → a new key.
    keepers = { generation: "2" };
    const replaced = await s.up(program);
    assert.equal(replaced.summary.resourceChanges?.replace, 1);
    assert.notEqual(replaced.outputs.fp.value, fp);

    await s.destroy();
  } finally {
    await s.dispose();
  }
});

test("KeyPair: bad bits fail at preview with a property-level message", async () => {
  const program = async () => {
    new KeyPair("bad", { bits: 1024 as 2048 });
    return {};
  };
  const s = await createTestStack({ name: "key-pair-bad", program });
  try {
    await assert.rejects(s.preview(program), /bits must be 2048 or 4096/);
  } finally {
    await s.dispose();
  }
  void pulumi;
});
