// Wire protocol through the real snowflake-sdk: logins, queries, multi-statement, results, session upkeep.
import { ADMIN, connect, destroy, exec, execError, generateRsaKey, makeKeypairJwt, withEmulator } from "../helpers/emulator";
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { Emulator, startEmulator } from "../../emulator/index";

async function post(
  emu: Emulator,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  gzip = false,
): Promise<{ status: number; json: any }> {
  const raw = Buffer.from(JSON.stringify(body));
  const r = await fetch(emu.url + path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
    body: gzip ? gzipSync(raw) : raw,
  });
  return { status: r.status, json: await r.json() };
}

describe("wire protocol", () => {
  let emu: Emulator;
  let admin: any;
  const k1 = generateRsaKey("k1");
  const k2 = generateRsaKey("k2");
  const k3 = generateRsaKey("k3");

  before(async () => {
    emu = await startEmulator({ port: 0 });
    admin = await connect(emu);
    await exec(admin, "CREATE USER svc TYPE = SERVICE DEFAULT_ROLE = PUBLIC");
    await exec(admin, `ALTER USER svc SET RSA_PUBLIC_KEY = '${k1.publicBody}'`);
  });
  after(async () => {
    await destroy(admin);
    await emu.stop();
  });

  it("password login: ok, role and user are the session's", async () => {
    const rows = await exec(admin, "SELECT CURRENT_USER(), CURRENT_ROLE(), CURRENT_ACCOUNT()");
    assert.deepEqual(rows, [{ "CURRENT_USER()": "ADMIN", "CURRENT_ROLE()": "ACCOUNTADMIN", "CURRENT_ACCOUNT()": "EMULATOR" }]);
  });

  it("password login: wrong password → 390100", async () => {
    await assert.rejects(connect(emu, { password: "nope" }), (e: any) => {
      assert.equal(e.code, "390100");
      assert.equal(e.message, "Incorrect username or password was specified.");
      return true;
    });
    await assert.rejects(connect(emu, { username: "NOBODY" }), (e: any) => e.code === "390100");
  });

  it("login with a role not granted → 390189", async () => {
    await exec(admin, "CREATE USER IF NOT EXISTS plain PASSWORD = 'pw'");
    await assert.rejects(connect(emu, { username: "plain", password: "pw", role: "ACCOUNTADMIN" }), (e: any) => e.code === "390189");
  });

  it("key-pair login with slot 1 and slot 2; wrong key → 390144", async () => {
    const c1 = await connect(emu, { username: "svc", authenticator: "SNOWFLAKE_JWT", privateKey: k1.privatePem });
    assert.deepEqual(await exec(c1, "SELECT CURRENT_USER() AS U"), [{ U: "SVC" }]);
    await destroy(c1);
    await assert.rejects(connect(emu, { username: "svc", authenticator: "SNOWFLAKE_JWT", privateKey: k2.privatePem }), (e: any) => {
      assert.equal(e.code, "390144");
      assert.equal(e.message, "JWT token is invalid.");
      return true;
    });
    await exec(admin, `ALTER USER svc SET RSA_PUBLIC_KEY_2 = '${k2.publicBody}'`);
    const c2 = await connect(emu, { username: "svc", authenticator: "SNOWFLAKE_JWT", privateKey: k2.privatePem });
    assert.deepEqual(await exec(c2, "SELECT CURRENT_USER() AS U"), [{ U: "SVC" }]);
    await destroy(c2);
    await assert.rejects(
      connect(emu, { username: "svc", authenticator: "SNOWFLAKE_JWT", privateKey: k3.privatePem }),
      (e: any) => e.code === "390144",
    );
    const fails = emu.log.logins().filter((l) => l.outcome === "error" && l.user === "svc");
    assert.ok(
      fails.some((l) => l.code === "394304"),
      "fingerprint mismatch reason is logged",
    );
  });

  it("key-pair JWT checks at login-request: expired, future iat, bad signature, wrong alg, wrong account", async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string][] = [
      [makeKeypairJwt("EMULATOR", "SVC", k1, { iat: now - 7200, exp: now - 3600 }), "394303"],
      [makeKeypairJwt("EMULATOR", "SVC", k1, { iat: now + 600, exp: now + 900 }), "394302"],
      [makeKeypairJwt("EMULATOR", "SVC", k1, { signWith: k3.privateKey }), "394306"],
      [makeKeypairJwt("OTHER", "SVC", k1), "394307"],
      [makeKeypairJwt("EMULATOR", "GHOST", k1), "394300"],
      [makeKeypairJwt("EMULATOR", "SVC", k1, { exp: now + 7200 }), "394303"],
    ];
    for (const [token, reason] of cases) {
      const mark = emu.log.mark();
      const r = await post(emu, "/session/v1/login-request", {
        data: { ACCOUNT_NAME: "EMULATOR", LOGIN_NAME: "SVC", AUTHENTICATOR: "SNOWFLAKE_JWT", TOKEN: token },
      });
      assert.equal(r.status, 200);
      assert.equal(r.json.success, false);
      assert.equal(r.json.code, "390144");
      assert.equal(emu.log.logins({ since: mark })[0].code, reason);
    }
    const ms = makeKeypairJwt("EMULATOR", "SVC", k1, { iat: Date.now(), exp: Date.now() + 120000 });
    const ok = await post(emu, "/session/v1/login-request", { data: { LOGIN_NAME: "SVC", AUTHENTICATOR: "SNOWFLAKE_JWT", TOKEN: ms } });
    assert.equal(ok.json.success, true, "millisecond iat/exp (Node's form) accepted");
  });

  it("OAUTH authenticator with an unknown token → 390303", async () => {
    await assert.rejects(
      connect(emu, { authenticator: "OAUTH", token: "not-a-token", username: undefined }),
      (e: any) => e.code === "390303",
    );
  });

  it("gzip request bodies are sniffed by magic bytes", async () => {
    const r = await post(emu, "/session/v1/login-request", { data: { LOGIN_NAME: "admin", PASSWORD: "admin" } }, {}, true);
    assert.equal(r.json.success, true);
    const token = r.json.data.token;
    const q = await post(emu, "/queries/v1/query-request", { sqlText: "select 42" }, { Authorization: `Snowflake Token="${token}"` }, true);
    assert.deepEqual(q.json.data.rowset, [["42"]]);
    assert.equal(q.json.data.returned, 1);
    assert.match(q.json.data.queryId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const b = await post(
      emu,
      "/queries/v1/query-request",
      { sqlText: "select true, false, 'x'" },
      { Authorization: `Snowflake Token="${token}"` },
    );
    assert.deepEqual(b.json.data.rowset, [["1", "0", "x"]], "booleans on the wire are 1/0");
    for (const col of b.json.data.rowtype) {
      assert.deepEqual(Object.keys(col).sort(), [
        "byteLength",
        "collation",
        "database",
        "length",
        "name",
        "nullable",
        "precision",
        "scale",
        "schema",
        "table",
        "type",
      ]);
    }
  });

  it("unknown session token → HTTP 401 390104", async () => {
    const q = await post(emu, "/queries/v1/query-request", { sqlText: "select 1" }, { Authorization: 'Snowflake Token="bogus"' });
    assert.equal(q.status, 401);
    assert.equal(q.json.code, "390104");
  });

  it("multi-statement with MULTI_STATEMENT_COUNT, children fetched by id", async () => {
    const results: any[][] = [];
    await new Promise<void>((resolve, reject) => {
      admin.execute({
        sqlText: "select 1 as a; select 'x' as b; show roles like 'PUBLIC'",
        parameters: { MULTI_STATEMENT_COUNT: 3 },
        complete: (err: unknown, stmt: any, rows: any[]) => {
          if (err) return reject(err);
          results.push(rows);
          if (stmt.hasNext()) stmt.NextResult();
          else resolve();
        },
      });
    });
    assert.equal(results.length, 3);
    assert.deepEqual(results[0], [{ A: 1 }]);
    assert.deepEqual(results[1], [{ B: "x" }]);
    assert.equal(results[2][0].name, "PUBLIC");
  });

  it("multi-statement: the first failing statement ends the request with its error; earlier ones are committed", async () => {
    const e = await new Promise<any>((resolve) => {
      admin.execute({
        sqlText: "create role ms_ok; drop user ms_missing; create role ms_never",
        parameters: { MULTI_STATEMENT_COUNT: 0 },
        complete: (err: unknown) => resolve(err),
      });
    });
    assert.equal(e.code, "002003");
    assert.equal((await exec(admin, "show roles like 'MS_%'")).map((r: any) => r.name).join(","), "MS_OK");
  });

  it("query status by id (monitoring) and cancel", async () => {
    const qid: string = await new Promise((resolve, reject) => {
      admin.execute({ sqlText: "select 8", complete: (err: unknown, stmt: any) => (err ? reject(err) : resolve(stmt.getQueryId())) });
    });
    assert.equal(await admin.getQueryStatus(qid), "SUCCESS");
    await new Promise<void>((resolve, reject) => {
      const st = admin.execute({ sqlText: "select 9", complete: () => undefined });
      st.cancel((err: unknown) => (err ? reject(err) : resolve()));
    });
  });

  it("statement count mismatch → 000008", async () => {
    const e = await execError(admin, "select 1; select 2");
    assert.equal(e.code, "000008");
    assert.equal(e.message, "Actual statement count 2 did not match the desired statement count 1.");
  });

  it("async execution and fetching the result by query id", async () => {
    const qid: string = await new Promise((resolve, reject) => {
      admin.execute({
        sqlText: "select 7 as n",
        asyncExec: true,
        complete: (err: unknown, stmt: any) => (err ? reject(err) : resolve(stmt.getQueryId())),
      });
    });
    const rows: any[] = await new Promise((resolve, reject) => {
      admin.getResultsFromQueryId({ queryId: qid, complete: (err: unknown, _s: unknown, r: any[]) => (err ? reject(err) : resolve(r)) });
    });
    assert.deepEqual(rows, [{ N: 7 }]);
  });

  it("session token expiry → driver renews with the master token and retries", async () => {
    const c = await connect(emu);
    emu.expireSessionTokens();
    assert.deepEqual(await exec(c, "select 5 as five"), [{ FIVE: 5 }]);
    await destroy(c);
  });

  it("advanceClock past the session validity → 390112 → renew; the master token still works", async () => {
    const c = await connect(emu);
    emu.advanceClock(3601 * 1000);
    assert.deepEqual(await exec(c, "select 6 as six"), [{ SIX: 6 }]);
    await destroy(c);
  });

  it("heartbeat and logout", async () => {
    const c = await connect(emu);
    assert.equal(await c.isValidAsync(), true);
    await destroy(c);
  });

  it("binds replace ? markers (TEXT, FIXED)", async () => {
    const rows = await exec(admin, "select ? as s, ? as n", { binds: ["it's", 3] });
    assert.deepEqual(rows, [{ S: "it's", N: 3 }]);
  });

  it("login is logged; statements are logged with user and role", async () => {
    const mark = emu.log.mark();
    const c = await connect(emu, ADMIN);
    await exec(c, "select 1");
    await destroy(c);
    assert.equal(emu.log.logins({ since: mark }).length, 1);
    const st = emu.log.statements({ since: mark });
    assert.equal(st.length, 1);
    assert.equal(st[0].user, "ADMIN");
    assert.equal(st[0].role, "ACCOUNTADMIN");
    assert.equal(st[0].outcome, "ok");
  });
});

describe("withEmulator helper", () => {
  it("starts and stops", async () => {
    await withEmulator(async (emu) => {
      const c = await connect(emu);
      assert.deepEqual(await exec(c, "select true as t, null as z"), [{ T: true, Z: null }]);
      await destroy(c);
    });
  });
});
