/**
 * Key toolkit: normalisation, fingerprints (checked against OpenSSL and node:crypto), every private-key
 * form refused without echoing it, generation and encrypted PKCS#8 compatibility with OpenSSL.
 */
import { test, describe } from "node:test";
import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import * as forge from "node-forge";
import {
  KeyError,
  normalizePublicKey,
  fingerprint,
  generateRsaKeyPair,
  loadPrivateKey,
  toPublicKeyPem,
  isFingerprint,
} from "../../sdk/keys";
import { key, key4096, encryptedKey, PASSPHRASE, smallKey } from "../helpers/keys";

const HAVE_OPENSSL = spawnSync("openssl", ["version"]).status === 0;

function openssl(args: string[], input: string): Buffer {
  return execFileSync("openssl", args, { input, stdio: ["pipe", "pipe", "pipe"] });
}

/** Fingerprint computed the way Snowflake's docs say, with OpenSSL. */
function opensslFingerprint(pubPem: string): string {
  const der = openssl(["pkey", "-pubin", "-outform", "DER"], pubPem);
  return "SHA256:" + crypto.createHash("sha256").update(der).digest("base64");
}

function bodyOf(pem: string): string {
  return pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
}

/** Asserts `fn` throws a KeyError with `code` whose message contains no 16-char run of `secret`'s base64 body. */
function assertRefused(fn: () => unknown, code: string, secret: string): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof KeyError, `expected KeyError, got ${String(err)}`);
  assert.equal(err.code, code, err.message);
  const flat = bodyOf(secret);
  for (let i = 0; i + 16 <= flat.length; i += 8) {
    assert.ok(!err.message.includes(flat.slice(i, i + 16)), "error message echoes the input");
  }
  assert.ok(!err.message.includes(secret.trim().slice(0, 40)) || secret.trim().length < 40, "error message echoes the input");
}

describe("normalizePublicKey", () => {
  test("SPKI PEM: body is the DER SPKI base64, fingerprint matches OpenSSL and node:crypto", async () => {
    const k = await key(0);
    const n = normalizePublicKey(k.publicKeyPem);
    assert.equal(n.body, bodyOf(k.publicKeyPem));
    assert.equal(n.bits, 2048);
    const der = crypto.createPublicKey(k.publicKeyPem).export({ type: "spki", format: "der" });
    assert.equal(n.fingerprint, "SHA256:" + crypto.createHash("sha256").update(der).digest("base64"));
    assert.ok(isFingerprint(n.fingerprint));
    assert.equal(n.fingerprint.length, 51);
    if (HAVE_OPENSSL) assert.equal(n.fingerprint, opensslFingerprint(k.publicKeyPem));
    assert.equal(fingerprint(k.publicKeyPem), n.fingerprint);
  });

  test("accepts every armour and line-break variant with the same result", async () => {
    const k = await key(0);
    const body = bodyOf(k.publicKeyPem);
    const expect = normalizePublicKey(k.publicKeyPem);
    const lines64 = body.match(/.{1,64}/g)!;
    const variants = [
      body,
      `\n  ${body}\n`,
      lines64.join("\n"),
      lines64.join("\r\n") + "\r\n",
      lines64.map((l) => "    " + l).join("\n"),
      body.match(/.{1,76}/g)!.join("\n"),
      k.publicKeyPem.replace(/\n/g, "\r\n"),
      k.publicKeyPem.replace(/\n/g, "\\n"),
      `-----BEGIN PUBLIC KEY-----${body}-----END PUBLIC KEY-----`,
      `-----BEGIN PUBLIC KEY-----\n${body}\n`,
      `${lines64.join("\n")}\n-----END PUBLIC KEY-----`,
      // The docs' oauth_kp_int example: literal starting with a newline and indented lines.
      "\n  " + lines64.join("\n  ") + "\n  ",
    ];
    for (const v of variants) assert.deepEqual(normalizePublicKey(v), expect);
  });

  test("PKCS#1 RSA PUBLIC KEY is converted to SPKI (same body and fingerprint)", async () => {
    const k = await key(1);
    const pkcs1 = crypto.createPublicKey(k.publicKeyPem).export({ type: "pkcs1", format: "pem" }).toString();
    assert.match(pkcs1, /BEGIN RSA PUBLIC KEY/);
    const expect = normalizePublicKey(k.publicKeyPem);
    assert.deepEqual(normalizePublicKey(pkcs1), expect);
    assert.deepEqual(normalizePublicKey(bodyOf(pkcs1)), expect, "headerless PKCS#1 body");
    // An SPKI body under an "RSA PUBLIC KEY" label (Terraform's test helper does this) is also accepted.
    assert.deepEqual(normalizePublicKey(k.publicKeyPem.replace(/PUBLIC KEY/g, "RSA PUBLIC KEY")), expect);
  });

  test("4096-bit keys", async () => {
    const k = await key4096();
    const n = normalizePublicKey(k.publicKeyPem);
    assert.equal(n.bits, 4096);
    if (HAVE_OPENSSL) assert.equal(n.fingerprint, opensslFingerprint(k.publicKeyPem));
  });

  test("refuses every private-key form, never echoing it", async () => {
    const k = await key(2);
    const obj = crypto.createPrivateKey(k.privateKeyPem);
    const pkcs8 = obj.export({ type: "pkcs8", format: "pem" }).toString();
    const pkcs1 = obj.export({ type: "pkcs1", format: "pem" }).toString();
    const encPkcs8 = obj.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" }).toString();
    const legacyEnc = obj.export({ type: "pkcs1", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" }).toString();
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const sec1 = ec.privateKey.export({ type: "sec1", format: "pem" }).toString();
    const ecPkcs8 = ec.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const jwk = JSON.stringify(obj.export({ format: "jwk" }));
    const dsa = "-----BEGIN DSA PRIVATE KEY-----\nMIIBuwIBAAKBgQD\n-----END DSA PRIVATE KEY-----\n";
    const opensshBody = Buffer.concat([Buffer.from("openssh-key-v1\0"), crypto.randomBytes(200)]).toString("base64");
    const openssh = `-----BEGIN OPENSSH PRIVATE KEY-----\n${opensshBody}\n-----END OPENSSH PRIVATE KEY-----\n`;
    const ppk = "PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nPublic-Lines: 1\nAAAA\nPrivate-Lines: 1\nAAAA\n";
    const cases: [string, string][] = [
      ["PKCS#8 PEM", pkcs8],
      ["PKCS#8 headerless", bodyOf(pkcs8)],
      [
        "PKCS#8 headerless, wrapped",
        bodyOf(pkcs8)
          .match(/.{1,64}/g)!
          .join("\n"),
      ],
      ["PKCS#1 PEM", pkcs1],
      ["PKCS#1 headerless", bodyOf(pkcs1)],
      ["encrypted PKCS#8 PEM", encPkcs8],
      ["encrypted PKCS#8 headerless", bodyOf(encPkcs8)],
      ["legacy encrypted PKCS#1", legacyEnc],
      ["legacy encrypted PKCS#1 without armour", legacyEnc.replace(/-----[^-]+-----/g, "")],
      ["SEC1 EC PEM", sec1],
      ["SEC1 EC headerless", bodyOf(sec1)],
      ["EC PKCS#8 headerless", bodyOf(ecPkcs8)],
      ["JWK", jwk],
      ["DSA PEM", dsa],
      ["OpenSSH private", openssh],
      ["OpenSSH private headerless", opensshBody],
      ["PuTTY", ppk],
      ["public + private concatenated", k.publicKeyPem + pkcs8],
      ["private header mislabelled as public", pkcs8.replace(/PRIVATE KEY/g, "PUBLIC KEY")],
    ];
    for (const [name, input] of cases) {
      try {
        assertRefused(() => normalizePublicKey(input), "PRIVATE_KEY_GIVEN", input);
      } catch (e) {
        assert.fail(`${name}: ${(e as Error).message}`);
      }
    }
  });

  test("refuses small, non-RSA, certificates, foreign formats and garbage", async () => {
    const small = smallKey().publicKey.export({ type: "spki", format: "pem" }).toString();
    assertRefused(() => normalizePublicKey(small), "KEY_TOO_SMALL", small);
    assert.match(
      catchMsg(() => normalizePublicKey(small)),
      /1024 bits.*at least 2048/,
    );
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey.export({ type: "spki", format: "pem" }).toString();
    assertRefused(() => normalizePublicKey(ec), "NOT_RSA", ec);
    const ed = crypto.generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString();
    assertRefused(() => normalizePublicKey(ed), "NOT_RSA", ed);
    const k = await key(0);
    const cert = selfSignedCert(k.privateKeyPem);
    assertRefused(() => normalizePublicKey(cert), "CERTIFICATE_GIVEN", cert);
    assertRefused(() => normalizePublicKey(bodyOf(cert)), "CERTIFICATE_GIVEN", cert);
    const ssh = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 user@host";
    assertRefused(() => normalizePublicKey(ssh), "UNSUPPORTED_FORMAT", ssh);
    const pubJwk = JSON.stringify(crypto.createPublicKey(k.publicKeyPem).export({ format: "jwk" }));
    assertRefused(() => normalizePublicKey(pubJwk), "UNSUPPORTED_FORMAT", pubJwk);
    for (const junk of [
      "",
      "   ",
      "not a key",
      "MIIB!!!",
      "QUJD",
      bodyOf(k.publicKeyPem).slice(0, 100),
      "-----BEGIN FOO-----\nQUJD\n-----END FOO-----",
    ]) {
      assertRefused(() => normalizePublicKey(junk), "UNPARSEABLE", junk);
    }
    assertRefused(() => normalizePublicKey(k.publicKeyPem + k.publicKeyPem), "UNPARSEABLE", "");
  });

  test("toPublicKeyPem round-trips", async () => {
    const k = await key(3);
    const n = normalizePublicKey(k.publicKeyPem);
    assert.equal(toPublicKeyPem(n.body), k.publicKeyPem);
  });
});

describe("generateRsaKeyPair", () => {
  test("unencrypted: PKCS#8 PEM that node:crypto and OpenSSL read; public half matches", async () => {
    const k = await key(0);
    assert.match(k.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.match(k.publicKeyPem, /^-----BEGIN PUBLIC KEY-----\n/);
    assert.equal(k.bits, 2048);
    const pub = crypto.createPublicKey(crypto.createPrivateKey(k.privateKeyPem)).export({ type: "spki", format: "der" });
    assert.equal(pub.toString("base64"), k.publicKeyBody);
    assert.equal(k.fingerprint, fingerprint(k.publicKeyPem));
    if (HAVE_OPENSSL) {
      const pubFromOpenssl = openssl(["pkey", "-pubout"], k.privateKeyPem).toString();
      assert.equal(normalizePublicKey(pubFromOpenssl).fingerprint, k.fingerprint);
    }
  });

  test("encrypted PKCS#8: OpenSSL `pkcs8` and node:crypto (snowflake-sdk's privateKeyPass path) decrypt it", async () => {
    const k = await encryptedKey();
    assert.match(k.privateKeyPem, /^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    assert.ok(!k.privateKeyPem.includes("BEGIN PRIVATE KEY"));
    // snowflake-sdk auth_keypair.js: crypto.createPrivateKey({ key, format: "pem", passphrase }).
    const obj = crypto.createPrivateKey({ key: k.privateKeyPem, format: "pem", passphrase: PASSPHRASE });
    assert.equal(crypto.createPublicKey(obj).export({ type: "spki", format: "der" }).toString("base64"), k.publicKeyBody);
    assert.throws(() => crypto.createPrivateKey({ key: k.privateKeyPem, format: "pem", passphrase: "wrong" }));
    if (HAVE_OPENSSL) {
      const info = openssl(["asn1parse"], k.privateKeyPem).toString();
      assert.match(info, /PBES2/);
      assert.match(info, /hmacWithSHA256/);
      assert.match(info, /aes-256-cbc/);
      const dec = openssl(["pkcs8", "-passin", `pass:${PASSPHRASE}`], k.privateKeyPem).toString();
      assert.match(dec, /BEGIN PRIVATE KEY/);
      assert.equal(loadPrivateKey(dec).fingerprint, k.fingerprint);
    }
  });

  test("rejects other sizes and an empty passphrase", async () => {
    await assert.rejects(
      generateRsaKeyPair({ bits: 1024 as 2048 }),
      (e: unknown) => e instanceof KeyError && e.code === "INVALID_ARGUMENT",
    );
    await assert.rejects(generateRsaKeyPair({ passphrase: "" }), (e: unknown) => e instanceof KeyError && e.code === "INVALID_ARGUMENT");
  });
});

describe("loadPrivateKey", () => {
  test("PKCS#8, PKCS#1, headerless, encrypted (ours and OpenSSL's), legacy encrypted", async () => {
    const k = await key(1);
    const obj = crypto.createPrivateKey(k.privateKeyPem);
    const forms = [
      k.privateKeyPem,
      obj.export({ type: "pkcs1", format: "pem" }).toString(),
      bodyOf(k.privateKeyPem),
      k.privateKeyPem.replace(/\n/g, "\\n"),
    ];
    for (const f of forms) assert.equal(loadPrivateKey(f).fingerprint, k.fingerprint);
    const legacy = obj.export({ type: "pkcs1", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" }).toString();
    assert.equal(loadPrivateKey(legacy, "pw").fingerprint, k.fingerprint);
    const enc = await encryptedKey();
    assert.equal(loadPrivateKey(enc.privateKeyPem, PASSPHRASE).fingerprint, enc.fingerprint);
    if (HAVE_OPENSSL) {
      for (const prf of ["hmacWithSHA256", "hmacWithSHA1"]) {
        const o = openssl(["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-v2prf", prf, "-passout", "pass:pw"], k.privateKeyPem).toString();
        assert.equal(loadPrivateKey(o, "pw").fingerprint, k.fingerprint, prf);
      }
    }
  });

  test("errors: passphrase required, wrong passphrase, public key given; never echoing", async () => {
    const enc = await encryptedKey();
    assertRefused(() => loadPrivateKey(enc.privateKeyPem), "PASSPHRASE_REQUIRED", enc.privateKeyPem);
    assertRefused(() => loadPrivateKey(enc.privateKeyPem, "nope"), "DECRYPT_FAILED", enc.privateKeyPem);
    assert.ok(!catchMsg(() => loadPrivateKey(enc.privateKeyPem, "nope-secret-pw")).includes("nope-secret-pw"));
    const k = await key(1);
    assertRefused(() => loadPrivateKey(k.publicKeyPem), "PUBLIC_KEY_GIVEN", k.publicKeyPem);
    assertRefused(() => loadPrivateKey(bodyOf(k.publicKeyPem)), "PUBLIC_KEY_GIVEN", k.publicKeyPem);
  });

  test("the loaded key never shows its material", async () => {
    const k = await key(1);
    const loaded = loadPrivateKey(k.privateKeyPem);
    const shown = JSON.stringify(loaded) + require("node:util").inspect(loaded, { depth: 10, showHidden: true });
    assert.ok(!shown.includes(bodyOf(k.privateKeyPem).slice(40, 80)));
    assert.ok(shown.includes(k.fingerprint));
    // It signs RS256 verifiably.
    const sig = loaded.signRs256("hello");
    assert.ok(crypto.verify("sha256", Buffer.from("hello"), k.publicKeyPem, sig));
  });
});

function catchMsg(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return "";
}

function selfSignedCert(privatePem: string): string {
  const priv = forge.pki.privateKeyFromPem(privatePem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(priv.n, priv.e);
  cert.serialNumber = "01";
  cert.validity.notBefore = new Date(0);
  cert.validity.notAfter = new Date(86400000);
  cert.setSubject([{ name: "commonName", value: "test" }]);
  cert.setIssuer([{ name: "commonName", value: "test" }]);
  cert.sign(priv, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}
