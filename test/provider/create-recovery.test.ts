/**
 * CREATE recovery (provider/resources/create.ts) and the same-name delete guard (delete.ts), through the real driver
 * against the emulator. An object that already exists is this create's own only with evidence: every property as
 * declared (defaults included) and created within the recovery window; anything else keeps the "already exists …
 * set adoptExisting" error. Lost responses themselves are answered by the driver's same-requestId retry
 * (snowflake-sdk lib/connection/statement.js; docs.snowflake.com/en/developer-guide/node-js/nodejs-driver-execute).
 */
import { exec } from "../helpers/emulator";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as providers from "../../provider/index";
import { providerAgainstEmulator } from "../helpers/provider";

const fx = providerAgainstEmulator();
const P = providers.oauthIntegration;
const NP = providers.networkPolicy;
const CREATE = (n: string, extra = "") =>
  `CREATE SECURITY INTEGRATION ${n} TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://r.example/cb'${extra}`;
const inputs = (n: string) => ({
  name: n,
  kind: "oauth-custom",
  oauthClientType: "CONFIDENTIAL",
  oauthRedirectUri: "https://r.example/cb",
});
async function secretsOf(n: string): Promise<Record<string, string>> {
  const rows = await exec(fx.admin, `SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('${n}')`);
  return JSON.parse(Object.values(rows[0] as object)[0] as string) as Record<string, string>;
}

test("an existing object identical to the declaration and created just now (a lost earlier attempt) completes the create, client secret read from Snowflake", async () => {
  await exec(fx.admin, CREATE("LOST_ONE"));
  const r = await P.create(inputs("lost_one"));
  const j = await secretsOf("LOST_ONE");
  assert.equal(r.id, "LOST_ONE");
  assert.equal(r.outs.clientId, j.OAUTH_CLIENT_ID);
  assert.equal(r.outs.clientSecret, j.OAUTH_CLIENT_SECRET);
  assert.equal(r.outs.clientSecret2, j.OAUTH_CLIENT_SECRET_2);
  await P.delete(r.id, r.outs);
  assert.deepEqual(await exec(fx.admin, "SHOW INTEGRATIONS LIKE 'LOST_ONE'"), [], "deleting the same object drops it");
});

test("an existing object that differs anywhere DESCRIBE shows (an undeclared comment) is foreign: already exists, adoptExisting", async () => {
  await exec(fx.admin, CREATE("FOREIGN_ONE", " COMMENT = 'someone else'"));
  await assert.rejects(
    P.create(inputs("foreign_one")),
    /FOREIGN_ONE already exists in Snowflake\. To manage it with Pulumi set adoptExisting: true.*comment differ/,
  );
  await exec(fx.admin, "DROP INTEGRATION FOREIGN_ONE");
});

test("an identical object created before the recovery window is foreign", async () => {
  fx.emu.advanceClock(-2 * 3600_000);
  try {
    await exec(fx.admin, CREATE("OLD_ONE"));
  } finally {
    fx.emu.advanceClock(2 * 3600_000);
  }
  await assert.rejects(P.create(inputs("old_one")), /OLD_ONE already exists.*adoptExisting: true.*created at/);
  await exec(fx.admin, "DROP INTEGRATION OLD_ONE");
});

test("network policy: identical and recent completes; differing list is foreign", async () => {
  await exec(fx.admin, "CREATE NETWORK POLICY NP_LOST ALLOWED_IP_LIST = ('10.0.0.0/8')");
  const r = await NP.create({ name: "np_lost", kind: "network-policy", allowedIpList: ["10.0.0.0/8"] });
  assert.equal(r.id, "NP_LOST");
  await NP.delete(r.id, r.outs);
  await exec(fx.admin, "CREATE NETWORK POLICY NP_OTHER ALLOWED_IP_LIST = ('10.0.0.0/8', '192.168.0.0/16')");
  await assert.rejects(
    NP.create({ name: "np_other", kind: "network-policy", allowedIpList: ["10.0.0.0/8"] }),
    /NP_OTHER already exists.*allowedIpList differ/,
  );
  await exec(fx.admin, "DROP NETWORK POLICY NP_OTHER");
});

test("a lost CREATE of a tagged object is judged without its tags (never set), then the create sets them", async () => {
  for (const sql of ["CREATE DATABASE RGOV", "CREATE SCHEMA RGOV.T", "CREATE TAG RGOV.T.OWNER"]) await exec(fx.admin, sql);
  await exec(fx.admin, "CREATE NETWORK POLICY NP_TAGGED ALLOWED_IP_LIST = ('10.0.0.0/8')");
  const r = await NP.create({ name: "np_tagged", kind: "network-policy", allowedIpList: ["10.0.0.0/8"], tags: { "rgov.t.owner": "team" } });
  assert.equal(r.id, "NP_TAGGED");
  const rows = await exec(fx.admin, `SELECT SYSTEM$GET_TAG('RGOV.T.OWNER', 'NP_TAGGED', 'NETWORK POLICY') AS "V"`);
  assert.equal(rows[0].V, "team");
  await NP.delete(r.id, r.outs);
});

test("a failed SET TAG after CREATE reports the object as created (the engine keeps it), naming the id", async () => {
  fx.emu.faults.set({
    failStatement: { match: "ALTER NETWORK POLICY NP_HALF SET TAG", code: "003001", message: "Insufficient privileges", times: 1 },
  });
  try {
    await assert.rejects(
      NP.create({ name: "np_half", kind: "network-policy", allowedIpList: ["10.0.0.0/8"], tags: { "rgov.t.owner": "team" } }),
      (e: any) => e?.id === "NP_HALF" && /Insufficient privileges/.test(String(e.message)),
    );
  } finally {
    fx.emu.faults.clear();
  }
  assert.equal((await exec(fx.admin, "SHOW NETWORK POLICIES LIKE 'NP_HALF'")).length, 1);
  await exec(fx.admin, "DROP NETWORK POLICY NP_HALF");
});

test("same-name replacement repaired after a failed create: the old state entry's delete does not drop the new object", async () => {
  const old = await P.create(inputs("swap"));
  await exec(fx.admin, "DROP INTEGRATION SWAP"); // the replacement's DROP ran; its CREATE failed; next up:
  const fresh = await P.create({ ...inputs("swap"), oauthClientType: "PUBLIC" });
  await P.delete(old.id, old.outs); // the engine deletes the old entry after creating the new one
  const desc = await exec(fx.admin, "DESCRIBE INTEGRATION SWAP");
  assert.equal(desc.find((x: any) => x.property === "OAUTH_CLIENT_TYPE")?.property_value, "PUBLIC", "the new object survives");
  await P.delete(fresh.id, fresh.outs);
  assert.deepEqual(await exec(fx.admin, "SHOW INTEGRATIONS LIKE 'SWAP'"), []);
});
