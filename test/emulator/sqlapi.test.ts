// SQL API v2 with KEYPAIR_JWT (and the OAUTH token type's error path).
import { connect, destroy, exec, generateRsaKey, makeKeypairJwt } from "../helpers/emulator";
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { Emulator, startEmulator } from "../../emulator/index";

describe("SQL API v2", () => {
  let emu: Emulator;
  const k1 = generateRsaKey("k1");
  const k2 = generateRsaKey("k2");
  const k3 = generateRsaKey("k3");

  before(async () => {
    emu = await startEmulator({ port: 0 });
    const c = await connect(emu);
    await exec(
      c,
      `CREATE USER api_user TYPE = SERVICE DEFAULT_ROLE = api_role RSA_PUBLIC_KEY = '${k1.publicBody}' RSA_PUBLIC_KEY_2 = '${k2.publicBody}'`,
    );
    await exec(c, "CREATE ROLE api_role");
    await exec(c, "GRANT ROLE api_role TO USER api_user");
    await destroy(c);
  });
  after(async () => {
    await emu.stop();
  });

  async function call(
    token: string,
    body: unknown,
    opts: { type?: string; query?: string; method?: string; path?: string } = {},
  ): Promise<{ status: number; json: any }> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      "Content-Type": "application/json",
      Accept: "application/json",
      "User-Agent": "emulator-test/1.0",
    };
    if (opts.type !== "") headers["X-Snowflake-Authorization-Token-Type"] = opts.type ?? "KEYPAIR_JWT";
    const r = await fetch(emu.url + (opts.path ?? "/api/v2/statements") + (opts.query ?? ""), {
      method: opts.method ?? "POST",
      headers,
      body: opts.method === "GET" ? undefined : JSON.stringify(body),
    });
    return { status: r.status, json: await r.json() };
  }

  it("KEYPAIR_JWT with slot 1 and slot 2: 200 ResultSet shape", async () => {
    for (const k of [k1, k2]) {
      const r = await call(makeKeypairJwt("EMULATOR", "API_USER", k), { statement: "select current_user(), current_role()", timeout: 60 });
      assert.equal(r.status, 200);
      assert.equal(r.json.code, "090001");
      assert.equal(r.json.sqlState, "00000");
      assert.equal(r.json.message, "Statement executed successfully.");
      assert.deepEqual(r.json.data, [["API_USER", "API_ROLE"]]);
      assert.equal(r.json.resultSetMetaData.numRows, 1);
      assert.equal(r.json.resultSetMetaData.format, "jsonv2");
      assert.deepEqual(
        r.json.resultSetMetaData.rowType.map((c: any) => c.name),
        ["CURRENT_USER()", "CURRENT_ROLE()"],
      );
      assert.match(r.json.statementHandle, /^[0-9a-f-]{36}$/);
      assert.ok(r.json.statementStatusUrl.startsWith(`/api/v2/statements/${r.json.statementHandle}`));
    }
  });

  it("role in the body; GET by handle; async 202", async () => {
    const jwt = makeKeypairJwt("EMULATOR", "API_USER", k1);
    const r = await call(jwt, { statement: "select current_role()", role: "public" });
    assert.deepEqual(r.json.data, [["PUBLIC"]]);
    const g = await call(jwt, undefined, { method: "GET", path: `/api/v2/statements/${r.json.statementHandle}` });
    assert.equal(g.status, 200);
    assert.deepEqual(g.json.data, [["PUBLIC"]]);
    const a = await call(jwt, { statement: "select 1" }, { query: "?async=true" });
    assert.equal(a.status, 202);
    assert.equal(a.json.code, "333334");
    const ag = await call(jwt, undefined, { method: "GET", path: `/api/v2/statements/${a.json.statementHandle}` });
    assert.deepEqual(ag.json.data, [["1"]]);
  });

  it("SQL errors → 422 QueryFailureStatus", async () => {
    const r = await call(makeKeypairJwt("EMULATOR", "API_USER", k1), { statement: "DESC USER nobody" });
    assert.equal(r.status, 422);
    assert.equal(r.json.code, "002003");
    assert.equal(r.json.sqlState, "02000");
    assert.equal(r.json.message, "SQL compilation error:\nUser 'NOBODY' does not exist or not authorized.");
    assert.ok(r.json.statementHandle);
  });

  it("multi-statement with MULTI_STATEMENT_COUNT returns statementHandles", async () => {
    const r = await call(makeKeypairJwt("EMULATOR", "API_USER", k1), {
      statement: "select 1; select 2",
      parameters: { MULTI_STATEMENT_COUNT: "2" },
    });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.data, [["Multiple statements executed successfully."]]);
    assert.equal(r.json.statementHandles.length, 2);
    const second = await call(makeKeypairJwt("EMULATOR", "API_USER", k1), undefined, {
      method: "GET",
      path: `/api/v2/statements/${r.json.statementHandles[1]}`,
    });
    assert.deepEqual(second.json.data, [["2"]]);
  });

  it("bad JWTs → 401 390144 (wrong key, expired, lifetime > 1 h, wrong sub); the token type is inferred when absent", async () => {
    const now = Math.floor(Date.now() / 1000);
    const bad = [
      makeKeypairJwt("EMULATOR", "API_USER", k3),
      makeKeypairJwt("EMULATOR", "API_USER", k1, { iat: now - 4000, exp: now - 400 }),
      makeKeypairJwt("EMULATOR", "API_USER", k1, { exp: now + 7200 }),
      makeKeypairJwt("EMULATOR", "API_USER", k1, { sub: "EMULATOR.SOMEONE_ELSE" }),
    ];
    for (const t of bad) {
      const r = await call(t, { statement: "select 1" });
      assert.equal(r.status, 401);
      assert.equal(r.json.code, "390144");
      assert.equal(r.json.message, "JWT token is invalid.");
    }
    const inferred = await call(makeKeypairJwt("EMULATOR", "API_USER", k1), { statement: "select 3" }, { type: "" });
    assert.equal(inferred.status, 200);
  });

  it("OAUTH token type with an unknown token → 401 390303", async () => {
    const r = await call("not-a-token", { statement: "select 1" }, { type: "OAUTH" });
    assert.equal(r.status, 401);
    assert.equal(r.json.code, "390303");
  });

  it("OAUTH access token from the custom-client flow: runs as the token's user and role", async () => {
    const c = await connect(emu);
    await exec(c, "CREATE USER oauth_api PASSWORD = 'oauth-api-pw'");
    await exec(c, "CREATE ROLE api_analyst");
    await exec(c, "GRANT ROLE api_analyst TO USER oauth_api");
    await exec(
      c,
      "CREATE SECURITY INTEGRATION api_oauth TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://app.example.com/cb' ENABLED = TRUE",
    );
    const secrets = JSON.parse((await exec(c, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('API_OAUTH') AS S"))[0].S);
    await destroy(c);
    const q = new URLSearchParams({
      client_id: secrets.OAUTH_CLIENT_ID,
      response_type: "code",
      redirect_uri: "https://app.example.com/cb",
      scope: "session:role:API_ANALYST",
    });
    const basic = (a: string, b: string): string => "Basic " + Buffer.from(`${a}:${b}`).toString("base64");
    const auth = await fetch(`${emu.url}/oauth/authorize?${q}`, {
      redirect: "manual",
      headers: { Authorization: basic("oauth_api", "oauth-api-pw") },
    });
    assert.equal(auth.status, 302);
    const code = new URL(String(auth.headers.get("location"))).searchParams.get("code") ?? "";
    const tok = await fetch(`${emu.url}/oauth/token-request`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Authorization: basic(secrets.OAUTH_CLIENT_ID, secrets.OAUTH_CLIENT_SECRET),
      },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: "https://app.example.com/cb" }).toString(),
    });
    const accessToken = ((await tok.json()) as { access_token: string }).access_token;
    assert.ok(accessToken);
    const r = await call(accessToken, { statement: "select current_user(), current_role()" }, { type: "OAUTH" });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.deepEqual(r.json.data, [["OAUTH_API", "API_ANALYST"]]);
    const inferred = await call(accessToken, { statement: "select 1" }, { type: "" });
    assert.equal(inferred.status, 200, "no token-type header: an opaque token is taken as OAUTH");
    // The same token through the driver: a username that is not the token's user is refused (390309).
    await assert.rejects(connect(emu, { authenticator: "OAUTH", token: accessToken, username: "ADMIN" }), (e: any) => e.code === "390309");
    const ok = await connect(emu, { authenticator: "OAUTH", token: accessToken, username: "oauth_api" });
    assert.deepEqual(await exec(ok, "select current_role() as r, current_secondary_roles() as s"), [
      { R: "API_ANALYST", S: '{"roles":"","value":""}' },
    ]);
    await destroy(ok);
  });

  it("SQL API statements are logged as kind sqlapi", async () => {
    const mark = emu.log.mark();
    await call(makeKeypairJwt("EMULATOR", "API_USER", k1), { statement: "select 4" });
    const st = emu.log.statements({ since: mark });
    assert.deepEqual(
      st.map((e) => [e.kind, e.user, e.role, e.text]),
      [["sqlapi", "API_USER", "API_ROLE", "select 4"]],
    );
  });
});
