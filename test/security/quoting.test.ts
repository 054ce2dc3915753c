/**
 * Checklist 3 (quoting through one module): hostile names and comments — `'`, `"`, `\`, newline, `;`, unicode,
 * LIKE wildcards, and injection attempts such as `x; DROP USER ADMIN` — through the provider methods against the
 * emulator: each object is created under exactly that name, reads back equal (the next diff is empty), and is
 * dropped; nothing else in the account changes.
 */
import { exec } from "../helpers/emulator";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as providers from "../../provider/index";
import * as userKeys from "../../provider/keys/user-rsa-keys-provider";
import { Ident, likeLiteral, stringLiteral } from "../../provider/sql/quote";
import { key } from "../helpers/keys";
import { providerAgainstEmulator } from "../helpers/provider";

const fx = providerAgainstEmulator();

const HOSTILE_NAMES = [
  "x; DROP USER ADMIN",
  'a"; DROP USER ADMIN; --',
  "x' OR '1'='1",
  "back\\slash \\' end\\",
  "line1\nline2",
  "ünï ☃ 名前",
  "np_%x",
];
const HOSTILE_COMMENT = 'it\'s "quoted" \\ back\\nslash; DROP USER ADMIN; --\nnew line ☃ 名前 $$ end\\';

async function accountUsers(): Promise<string[]> {
  return (await exec(fx.admin, "SHOW USERS")).map((r: any) => String(r.name)).sort();
}

test("network policies: hostile names and comments round-trip, no injection", async () => {
  const usersBefore = await accountUsers();
  const P = providers.networkPolicy;
  for (const raw of HOSTILE_NAMES) {
    const name = Ident.stored(raw).toSql();
    const inputs = { name, allowedIpList: ["10.0.0.0/8"], comment: HOSTILE_COMMENT };
    const checked = await P.check({}, inputs);
    assert.deepEqual(checked.failures, [], raw);
    const r = await P.create(checked.inputs);
    assert.equal(r.id, raw, "stored under exactly that name");
    const shown = (await exec(fx.admin, "SHOW NETWORK POLICIES")).filter((x: any) => x.name === raw);
    assert.equal(shown.length, 1, `exactly one policy named ${JSON.stringify(raw)}`);
    assert.equal(shown[0].comment, HOSTILE_COMMENT, "comment stored exactly");
    const d = await P.diff(r.id, { ...r.outs, __provider: "x" }, checked.inputs);
    assert.equal(d.changes, false, `no diff after create for ${JSON.stringify(raw)}`);
    const read = await P.read(r.id, r.outs);
    assert.equal(read.props?.comment, HOSTILE_COMMENT);
    await P.delete(r.id, r.outs);
    assert.equal((await exec(fx.admin, "SHOW NETWORK POLICIES")).filter((x: any) => x.name === raw).length, 0);
    await P.delete(r.id, r.outs); // already gone: still succeeds
  }
  assert.deepEqual(await accountUsers(), usersBefore, "no user dropped or created");
});

test("custom OAuth integration: hostile name and comment round-trip; client secrets are found", async () => {
  const usersBefore = await accountUsers();
  const P = providers.oauthIntegration;
  for (const raw of HOSTILE_NAMES) {
    const inputs = {
      name: Ident.stored(raw).toSql(),
      oauthClientType: "CONFIDENTIAL",
      oauthRedirectUri: "https://app.example.com/cb",
      comment: HOSTILE_COMMENT,
    };
    const checked = await P.check({}, inputs);
    assert.deepEqual(checked.failures, [], raw);
    const r = await P.create(checked.inputs);
    assert.equal(r.id, raw);
    assert.equal(typeof r.outs.clientSecret, "string", "SYSTEM$SHOW_OAUTH_CLIENT_SECRETS found the integration");
    const d = await P.diff(r.id, r.outs, checked.inputs);
    assert.equal(d.changes, false, `no diff after create for ${JSON.stringify(raw)}`);
    await P.delete(r.id, r.outs);
    await assert.rejects(exec(fx.admin, `DESCRIBE INTEGRATION ${Ident.stored(raw).toSql()}`));
  }
  assert.deepEqual(await accountUsers(), usersBefore);
});

test("UserRsaKeys: a user with a hostile name; key bodies go through the literal quoting", async () => {
  const k = await key(1);
  for (const raw of ["svc; DROP USER ADMIN", 'o\'brien \\ "x"']) {
    const sql = Ident.stored(raw).toSql();
    await exec(fx.admin, `CREATE USER ${sql} TYPE = SERVICE COMMENT = ${stringLiteral(HOSTILE_COMMENT)}`);
    const checked = await userKeys.check(undefined, { user: sql, publicKeys: [k.publicKeyPem] });
    assert.equal(checked.failures, undefined);
    const r = await userKeys.create({ user: sql, publicKeys: [k.publicKeyPem] });
    assert.equal(r.id, raw);
    assert.equal(r.outs.rsaPublicKeyFp, k.fingerprint);
    await userKeys.remove(r.id, r.outs);
    const rows = await exec(fx.admin, `DESC USER ${sql}`);
    assert.equal(rows.find((x: any) => x.property === "RSA_PUBLIC_KEY_FP").value, "null");
    await exec(fx.admin, `DROP USER ${sql}`);
  }
  assert.ok((await accountUsers()).includes("ADMIN"));
});

test("planStatements builds the key literal with stringLiteral (no hand-made quoting)", () => {
  // A body that is not canonical base64 must still be a well-formed literal.
  const [stmt] = userKeys.planStatements(Ident.parse("u"), { set: [{ slot: 1, body: "a'b\\c" }], unset: [] });
  assert.equal(stmt, `ALTER USER U SET RSA_PUBLIC_KEY = ${stringLiteral("a'b\\c")}`);
});

test("likeLiteral: a backslash in a name becomes the one-character wildcard; the rest is a plain literal", () => {
  assert.equal(likeLiteral("CORP"), "'CORP'");
  assert.equal(likeLiteral("a\\b'c"), "'a_b''c'");
});
