// The named-key planner (provider/keys/named-keys.ts) and EC public keys for named key pairs, without Snowflake:
// each rule of the ADD / MODIFY / ROTATE / REMOVE pages gives the statements it should, and a re-plan from the state
// those statements leave is empty.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import {
  DeclaredKeyPair,
  KeyPairRow,
  NamedKeyPlanError,
  otherValidKeys,
  parseKeyPairRows,
  planNamedKey,
  rotatedKeysOf,
} from "../../provider/keys/named-keys";
import { Ident } from "../../provider/sql/quote";
import { normalizePublicKey } from "../../sdk/keys";

const U = Ident.parse("svc_loader");
const NOW = new Date("2026-12-02T00:00:00Z");
const decl = (o: Partial<DeclaredKeyPair> = {}): DeclaredKeyPair => ({
  name: Ident.parse("loader_key"),
  body: "BODY-A",
  fingerprint: "SHA256:A",
  comment: "",
  disabled: false,
  graceHours: 24,
  ...o,
});
const row = (o: Partial<KeyPairRow> = {}): KeyPairRow => ({
  name: "LOADER_KEY",
  fingerprint: "SHA256:A",
  status: "ACTIVE",
  comment: "",
  ...o,
});
const plan = (d: DeclaredKeyPair, rows: KeyPairRow[]) => planNamedKey(U, d, rows, NOW);

describe("named-key planner", () => {
  it("missing → one ADD with every declared clause; disabled → SET DISABLED after it", () => {
    assert.deepEqual(plan(decl({ roleRestriction: "LOADER", daysToExpiry: 90, comment: "it's" }), []).statements, [
      "ALTER USER SVC_LOADER ADD KEY PAIR LOADER_KEY PUBLIC_KEY = 'BODY-A' ROLE_RESTRICTION = 'LOADER' DAYS_TO_EXPIRY = 90 COMMENT = 'it''s'",
    ]);
    assert.deepEqual(plan(decl({ disabled: true }), []).statements, [
      "ALTER USER SVC_LOADER ADD KEY PAIR LOADER_KEY PUBLIC_KEY = 'BODY-A'",
      "ALTER USER SVC_LOADER MODIFY KEY PAIR LOADER_KEY SET DISABLED = TRUE",
    ]);
  });

  it("in sync → nothing; reserved legacy rows are ignored when SHOW lists them", () => {
    const rows = parseKeyPairRows([
      { name: "LOADER_KEY", fingerprint: "A", status: "ACTIVE", comment: null, role_scope: null, expires_at: null, rotated_to: null },
      { name: "PUBLIC_KEY_1", fingerprint: "SHA256:L", status: "ACTIVE" },
    ]);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].fingerprint, "SHA256:A", "a fingerprint printed without the prefix is read with it");
    assert.deepEqual(plan(decl(), rows).statements, []);
  });

  it("a new public key → ROTATE with the declared grace; the rotated-out key is reported", () => {
    const p = plan(decl({ body: "BODY-B", fingerprint: "SHA256:B", graceHours: 6 }), [row()]);
    assert.deepEqual(p.statements, [
      "ALTER USER SVC_LOADER ROTATE KEY PAIR LOADER_KEY PUBLIC_KEY = 'BODY-B' EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = 6",
    ]);
    assert.equal(p.reRegister, false);
    const after = [row({ fingerprint: "SHA256:B" }), row({ name: "LOADER_KEY_ROTATED_1764633600000", rotatedTo: "LOADER_KEY" })];
    assert.deepEqual(plan(decl({ body: "BODY-B", fingerprint: "SHA256:B" }), after).statements, [], "re-plan after the rotation is empty");
    assert.deepEqual(rotatedKeysOf(after, "LOADER_KEY"), ["LOADER_KEY_ROTATED_1764633600000"]);
  });

  it("comment and disabled → one MODIFY SET; an emptied comment → MODIFY UNSET COMMENT", () => {
    assert.deepEqual(plan(decl({ comment: "x", disabled: true }), [row()]).statements, [
      "ALTER USER SVC_LOADER MODIFY KEY PAIR LOADER_KEY SET DISABLED = TRUE COMMENT = 'x'",
    ]);
    assert.deepEqual(plan(decl(), [row({ comment: "by hand", status: "DISABLED" })]).statements, [
      "ALTER USER SVC_LOADER MODIFY KEY PAIR LOADER_KEY UNSET COMMENT",
      "ALTER USER SVC_LOADER MODIFY KEY PAIR LOADER_KEY SET DISABLED = FALSE",
    ]);
  });

  it("role restriction or expiry → REMOVE then ADD (MODIFY cannot change them), marked for the lockout guard", () => {
    const p = plan(decl({ roleRestriction: "LOADER" }), [row()]);
    assert.deepEqual(p.statements, [
      "ALTER USER SVC_LOADER REMOVE KEY PAIR LOADER_KEY",
      "ALTER USER SVC_LOADER ADD KEY PAIR LOADER_KEY PUBLIC_KEY = 'BODY-A' ROLE_RESTRICTION = 'LOADER'",
    ]);
    assert.equal(p.reRegister, true);
    assert.deepEqual(p.fields, ["roleRestriction"]);
    // expiry: added by the program, removed by hand, or the declared days changed since the last apply
    assert.equal(plan(decl({ daysToExpiry: 30 }), [row()]).reRegister, true);
    assert.equal(plan(decl(), [row({ expiresAt: "2027-01-01T00:00:00Z" })]).reRegister, true);
    assert.equal(plan(decl({ daysToExpiry: 30, previousDaysToExpiry: 90 }), [row({ expiresAt: "2027-01-01T00:00:00Z" })]).reRegister, true);
    assert.equal(
      plan(decl({ daysToExpiry: 30, previousDaysToExpiry: 30 }), [row({ expiresAt: "2027-01-01T00:00:00Z" })]).statements.length,
      0,
    );
  });

  it("a case-sensitive role is written as SQL names it inside the literal", () => {
    assert.deepEqual(plan(decl({ roleRestriction: "Mixed Role" }), []).statements, [
      `ALTER USER SVC_LOADER ADD KEY PAIR LOADER_KEY PUBLIC_KEY = 'BODY-A' ROLE_RESTRICTION = '"Mixed Role"'`,
    ]);
  });

  it("nothing is removed when the ADD after it would be refused, or when the key changes with the role", () => {
    // Rotating back to a key still active as this pair's rotated-out key: Snowflake would refuse the duplicate.
    const rows = [row({ fingerprint: "SHA256:B" }), row({ name: "LOADER_KEY_ROTATED_1", rotatedTo: "LOADER_KEY" })];
    assert.throws(
      () => plan(decl(), rows),
      (e: unknown) => e instanceof NamedKeyPlanError && /unique/.test(e.message),
    );
    assert.throws(() => plan(decl(), [row({ name: "OTHER" })]), /unique/, "a missing pair whose key is active under another name");
    assert.throws(
      () => plan(decl({ fingerprint: "SHA256:B", roleRestriction: "R" }), [row()]),
      (e: unknown) => e instanceof NamedKeyPlanError && /cannot change in the same up/.test(e.message),
    );
  });

  it("rename → MODIFY RENAME TO, then the rest of the plan", () => {
    const d = decl({ name: Ident.parse("new_key"), previousName: Ident.stored("LOADER_KEY"), comment: "c" });
    assert.deepEqual(plan(d, [row()]).statements, [
      "ALTER USER SVC_LOADER MODIFY KEY PAIR LOADER_KEY RENAME TO NEW_KEY",
      "ALTER USER SVC_LOADER MODIFY KEY PAIR NEW_KEY SET COMMENT = 'c'",
    ]);
  });

  it("refusals: the 10-key limit (rotated-out keys count), a grace beyond the key's life, a key active under another name", () => {
    const ten = Array.from({ length: 10 }, (_, i) => row({ name: `K${i}`, fingerprint: `SHA256:K${i}` }));
    assert.throws(
      () => plan(decl(), ten),
      (e: unknown) => e instanceof NamedKeyPlanError && /10 key pairs/.test(e.message),
    );
    // Ten rows, two of them this pair and its rotated-out key: a rotation would need an eleventh.
    const full = [...ten.slice(0, 8), row(), row({ name: "LOADER_KEY_ROTATED_1", rotatedTo: "LOADER_KEY", fingerprint: "SHA256:Z" })];
    assert.throws(() => plan(decl({ fingerprint: "SHA256:B" }), full), /grace ends/);
    assert.throws(
      () => plan(decl({ fingerprint: "SHA256:B", graceHours: 48, daysToExpiry: 30 }), [row({ expiresAt: "2026-12-03T00:00:00Z" })]),
      (e: unknown) => e instanceof NamedKeyPlanError && e.field === "graceHours" && /24 hours/.test(e.message),
    );
    assert.throws(() => plan(decl({ fingerprint: "SHA256:B" }), [row(), row({ name: "OTHER", fingerprint: "SHA256:B" })]), /unique/);
  });

  it("lockout guard counts the user's other ACTIVE keys and legacy slots", () => {
    const rows = [row(), row({ name: "OTHER", status: "DISABLED" }), row({ name: "X_ROTATED_1", rotatedTo: "X" })];
    assert.equal(otherValidKeys(rows, "LOADER_KEY", 0), 1, "another pair's rotated-out key in grace still authenticates");
    assert.equal(
      otherValidKeys([row(), row({ name: "LOADER_KEY_ROTATED_1", rotatedTo: "LOADER_KEY" })], "LOADER_KEY", 0),
      0,
      "not the pair's own",
    );
    assert.equal(otherValidKeys([row()], "LOADER_KEY", 0), 0);
    assert.equal(otherValidKeys([row()], "LOADER_KEY", 1), 1);
  });
});

describe("EC public keys for named key pairs", () => {
  const ec = (namedCurve: string) => generateKeyPairSync("ec", { namedCurve }).publicKey.export({ type: "spki", format: "pem" }).toString();

  it("P-256, P-384 and P-521 are accepted with allowEc; their fingerprint is SHA-256 of the DER SPKI", () => {
    for (const [curve, want] of [
      ["prime256v1", "P-256"],
      ["secp384r1", "P-384"],
      ["secp521r1", "P-521"],
    ] as const) {
      const pem = ec(curve);
      const k = normalizePublicKey(pem, { allowEc: true });
      assert.equal(k.algorithm, "EC");
      assert.equal(k.curve, want);
      // The DER of the input key itself (node:crypto's export), not the body the function produced.
      const { createHash, createPublicKey } = require("node:crypto") as typeof import("node:crypto");
      const der = createPublicKey(pem).export({ type: "spki", format: "der" });
      assert.equal(k.body, der.toString("base64"));
      assert.equal(k.fingerprint, "SHA256:" + createHash("sha256").update(der).digest("base64"));
    }
  });

  it("other curves are refused; EC is refused where only RSA is taken (legacy slots, integrations)", () => {
    assert.throws(() => normalizePublicKey(ec("secp256k1"), { allowEc: true }), { code: "UNSUPPORTED_CURVE" });
    assert.throws(() => normalizePublicKey(ec("prime256v1")), { code: "NOT_RSA" });
  });
});

describe("snowflakeKeyPairJwt with EC keys (named key pairs)", () => {
  const { snowflakeKeyPairJwt, decodeJwt } = require("../../sdk/jwt") as typeof import("../../sdk/jwt");
  const { verify } = require("node:crypto") as typeof import("node:crypto");

  it("ES256 / ES384 / ES512 by curve, iss names the EC key's fingerprint, the signature verifies (raw r||s)", () => {
    for (const [curve, alg, hash] of [
      ["prime256v1", "ES256", "sha256"],
      ["secp384r1", "ES384", "sha384"],
      ["secp521r1", "ES512", "sha512"],
    ] as const) {
      const pair = generateKeyPairSync("ec", { namedCurve: curve });
      const pem = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
      const jwt = snowflakeKeyPairJwt({ account: "xy12345.us-east-2.aws", user: "svc", privateKey: pem, now: 1_800_000_000_000 });
      const { header, payload } = decodeJwt(jwt);
      assert.equal(header.alg, alg);
      const fp = normalizePublicKey(pair.publicKey.export({ type: "spki", format: "pem" }).toString(), { allowEc: true }).fingerprint;
      assert.equal(payload.iss, `XY12345.SVC.${fp}`);
      const [h, p, s] = jwt.split(".");
      assert.ok(verify(hash, Buffer.from(`${h}.${p}`), { key: pair.publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(s, "base64url")));
    }
  });

  it("an encrypted EC PKCS#8 key needs its passphrase; the error never shows the key", () => {
    const pair = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const pem = pair.privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" }).toString();
    assert.equal(decodeJwt(snowflakeKeyPairJwt({ account: "a", user: "u", privateKey: pem, passphrase: "pw" })).header.alg, "ES256");
    assert.throws(
      () => snowflakeKeyPairJwt({ account: "a", user: "u", privateKey: pem }),
      (e: Error) => !e.message.includes(pem.slice(40, 80)),
    );
  });
});
