/**
 * The REST resource API for network policies (emulator/http/rest-network-policies.ts): snowflakedb/snowflake-rest-api-specs
 * `specifications/network-policy.yaml`. Raw HTTP with the session token of a real login and with a key-pair JWT, then
 * the real client, snowflake-core (pinned in test/python/requirements-core.txt, installed by scripts/bootstrap.sh into
 * .work/coreenv), through test/python/rest_network_policies.py.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { connect, destroy, exec, generateRsaKey, makeKeypairJwt } from "../helpers/emulator";
import { startEmulator, type Emulator } from "../../emulator/index";

let emu: Emulator;
let admin: any;
let token: string;
const key = generateRsaKey("rest");

/** A real password login (the driver's login-request); its session token is what snowflake.core sends. */
async function login(user: string, password: string): Promise<string> {
  const r = await fetch(`${emu.url}/session/v1/login-request`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ data: { ACCOUNT_NAME: emu.account, LOGIN_NAME: user, PASSWORD: password, AUTHENTICATOR: "SNOWFLAKE" } }),
  });
  const j = (await r.json()) as any;
  assert.equal(j.success, true, JSON.stringify(j));
  return j.data.token;
}

async function call(
  method: string,
  p: string,
  opts: { auth?: string; body?: unknown } = {},
): Promise<{ status: number; json: any; rid: string | null }> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (opts.auth !== "") headers.Authorization = opts.auth ?? `Snowflake Token="${token}"`;
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  const r = await fetch(emu.url + p, {
    method,
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body),
  });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null, rid: r.headers.get("x-snowflake-request-id") };
}

before(async () => {
  emu = await startEmulator({ port: 0 });
  admin = await connect(emu);
  await exec(admin, "CREATE ROLE rest_np_admin");
  await exec(admin, "GRANT CREATE NETWORK POLICY ON ACCOUNT TO ROLE rest_np_admin");
  await exec(admin, `CREATE USER rest_svc TYPE = SERVICE DEFAULT_ROLE = rest_np_admin RSA_PUBLIC_KEY = '${key.publicBody}'`);
  await exec(admin, "GRANT ROLE rest_np_admin TO USER rest_svc");
  await exec(admin, "CREATE USER rest_plain PASSWORD = 'pw'");
  token = await login("ADMIN", "admin");
});
after(async () => {
  await destroy(admin);
  await emu.stop();
});

describe("REST /api/v2/network-policies with the session token", () => {
  it("create, fetch, list and drop agree with the SQL the driver sees", async () => {
    const body = { name: "rest_np", allowed_ip_list: ["10.0.0.0/8"], blocked_ip_list: ["10.0.0.1"], comment: "it's rest" };
    const c = await call("POST", "/api/v2/network-policies", { body });
    assert.equal(c.status, 200);
    assert.match(c.json.status, /REST_NP/);
    assert.ok(c.rid, "X-Snowflake-Request-ID");
    const desc = await exec(admin, "DESC NETWORK POLICY rest_np");
    assert.deepEqual(
      desc.map((r: any) => [r.name, r.value]),
      [
        ["ALLOWED_IP_LIST", "10.0.0.0/8"],
        ["BLOCKED_IP_LIST", "10.0.0.1"],
      ],
    );
    const f = await call("GET", "/api/v2/network-policies/rest_np");
    assert.equal(f.status, 200);
    assert.equal(f.json.name, "REST_NP");
    assert.deepEqual(f.json.allowed_ip_list, ["10.0.0.0/8"]);
    assert.deepEqual(f.json.blocked_ip_list, ["10.0.0.1"]);
    assert.equal(f.json.comment, "it's rest");
    assert.equal(f.json.owner, "ACCOUNTADMIN");
    assert.ok(!Number.isNaN(Date.parse(f.json.created_on)));
    const l = await call("GET", "/api/v2/network-policies");
    assert.deepEqual(
      l.json.map((p: any) => p.name),
      ["REST_NP"],
    );
    const d = await call("DELETE", "/api/v2/network-policies/rest_np");
    assert.equal(d.status, 200);
    assert.deepEqual(await exec(admin, "SHOW NETWORK POLICIES LIKE 'REST_NP'"), []);
  });

  it("createMode: errorIfExists 409, ifNotExists keeps the old one, orReplace replaces it", async () => {
    const np = { name: "mode_np", allowed_ip_list: ["10.0.0.0/8"], comment: "first" };
    assert.equal((await call("POST", "/api/v2/network-policies", { body: np })).status, 200);
    const again = await call("POST", "/api/v2/network-policies?createMode=errorIfExists", { body: np });
    assert.equal(again.status, 409);
    assert.equal(again.json.code, "002002");
    assert.equal(again.json.request_id, again.rid);
    assert.equal(
      (await call("POST", "/api/v2/network-policies?createMode=ifNotExists", { body: { ...np, comment: "second" } })).status,
      200,
    );
    assert.equal((await call("GET", "/api/v2/network-policies/mode_np")).json.comment, "first");
    assert.equal(
      (await call("POST", "/api/v2/network-policies?createMode=orReplace", { body: { name: "mode_np", blocked_ip_list: ["1.2.3.4"] } }))
        .status,
      200,
    );
    const f = (await call("GET", "/api/v2/network-policies/MODE_NP")).json;
    assert.deepEqual([f.allowed_ip_list, f.blocked_ip_list, f.comment], [[], ["1.2.3.4"], null]);
    assert.equal((await call("POST", "/api/v2/network-policies?createMode=sometimes", { body: np })).status, 400);
  });

  it("a quoted name keeps its case and comes back quoted; missing ones are 404 unless ifExists", async () => {
    assert.equal(
      (await call("POST", "/api/v2/network-policies", { body: { name: '"Mixed np"', allowed_ip_list: ["10.1.0.0/16"] } })).status,
      200,
    );
    const f = await call("GET", "/api/v2/network-policies/" + encodeURIComponent('"Mixed np"'));
    assert.equal(f.json.name, '"Mixed np"');
    const missing = await call("GET", "/api/v2/network-policies/nope");
    assert.equal(missing.status, 404);
    assert.equal(missing.json.code, "002003");
    assert.equal((await call("DELETE", "/api/v2/network-policies/nope")).status, 404);
    const ie = await call("DELETE", "/api/v2/network-policies/nope?ifExists=true");
    assert.equal(ie.status, 200);
    assert.match(ie.json.status, /already dropped/);
  });

  it("malformed requests are 400; no or a bad token is 401", async () => {
    assert.equal((await call("POST", "/api/v2/network-policies", { body: "{not json" })).status, 400);
    assert.equal((await call("POST", "/api/v2/network-policies", { body: { allowed_ip_list: ["10.0.0.0/8"] } })).status, 400);
    assert.equal((await call("POST", "/api/v2/network-policies", { body: { name: "a b" } })).status, 400);
    assert.equal((await call("POST", "/api/v2/network-policies", { body: { name: "x", allowed_ip_list: "10.0.0.0/8" } })).status, 400);
    assert.equal((await call("GET", "/api/v2/network-policies/" + encodeURIComponent("a b"))).status, 400);
    const none = await call("GET", "/api/v2/network-policies", { auth: "" });
    assert.equal(none.status, 401);
    const bad = await call("GET", "/api/v2/network-policies", { auth: 'Snowflake Token="bogus"' });
    assert.equal(bad.status, 401);
    assert.equal(bad.json.code, "390104");
  });

  it("privileges are the SQL ones: a PUBLIC-only user gets 403 on create", async () => {
    const plain = await login("rest_plain", "pw");
    const r = await call("POST", "/api/v2/network-policies", { auth: `Snowflake Token="${plain}"`, body: { name: "plain_np" } });
    assert.equal(r.status, 403);
    assert.equal(r.json.code, "003001");
  });

  it("a KEYPAIR_JWT bearer token runs as its user with the default role", async () => {
    const auth = `Bearer ${makeKeypairJwt(emu.account, "REST_SVC", key)}`;
    const r = await call("POST", "/api/v2/network-policies", { auth, body: { name: "svc_np", allowed_ip_list: ["10.2.0.0/16"] } });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal((await call("GET", "/api/v2/network-policies/svc_np", { auth })).json.owner, "REST_NP_ADMIN");
  });
});

describe("snowflake-core (the real client)", () => {
  it("create / fetch / iter / createMode / drop(if_exists) / 403 through snowflake.core", { timeout: 180_000 }, async (t) => {
    const root = path.resolve(__dirname, "..", "..", "..");
    const env = path.join(root, ".work", "coreenv");
    if (!fs.existsSync(path.join(env, ".install-stamp"))) {
      const why = path.join(root, ".work", "coreenv.unavailable");
      t.skip(fs.existsSync(why) ? fs.readFileSync(why, "utf8").trim() : ".work/coreenv is missing (run scripts/bootstrap.sh)");
      return;
    }
    const script = path.join(root, "test", "python", "rest_network_policies.py");
    const out = await new Promise<string>((resolve) =>
      execFile(
        path.join(env, "bin", "python"),
        [script, emu.url, emu.account, "ADMIN", "admin"],
        { timeout: 150_000, env: { ...process.env, NO_PROXY: "127.0.0.1,localhost" } },
        (_e, so) => resolve(so),
      ),
    );
    const r = JSON.parse(out.trim().split("\n").pop() ?? "{}");
    assert.equal(r.ok, true, JSON.stringify(r));
    const pinned = /^snowflake\.core==(\S+)/m.exec(
      fs.readFileSync(path.join(root, "test", "python", "requirements-core.txt"), "utf8"),
    )?.[1];
    assert.equal(r.version, pinned);
    const s = r.steps;
    assert.deepEqual(s.fetch, {
      name: "CORE_NP",
      allowed_network_rule_list: [],
      blocked_network_rule_list: [],
      allowed_ip_list: ["10.0.0.0/8"],
      blocked_ip_list: ["10.0.0.1"],
      comment: "from core",
      owner: "ACCOUNTADMIN",
      owner_role_type: "ROLE",
    });
    assert.equal(s.created_on, true);
    assert.ok(s.list.includes("CORE_NP"));
    assert.equal(s.create_again, 409);
    assert.equal(s.if_not_exists, 200);
    assert.equal(s.comment_after_if_not_exists, "from core");
    assert.deepEqual(s.after_replace.allowed_ip_list, ["192.168.0.0/16"]);
    assert.equal(s.quoted_fetch, '"Mixed core"');
    assert.deepEqual([s.fetch_missing, s.drop_missing, s.drop_missing_if_exists], [404, 404, 200]);
    assert.ok(!s.list_after_drop.includes("CORE_NP"));
    assert.equal(s.create_without_privilege, 403);
  });
});
