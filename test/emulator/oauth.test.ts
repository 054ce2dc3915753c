/**
 * The Snowflake OAuth endpoints (custom-client flow) against the in-process emulator, with the real
 * snowflake-sdk using the issued access tokens (`authenticator: "OAUTH"`). HTTP via node:http only.
 */
import { connect, destroy, exec, withEmulator } from "../helpers/emulator";
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import * as http from "node:http";
import { Emulator, startEmulator } from "../../emulator/index";
import { validateAccessToken } from "../../emulator/oauth/tokens";
import { rsaKey, signJwt } from "../helpers/integration-keys";

let emu: Emulator;
let admin: any;
let clientId = "";
let secrets: { OAUTH_CLIENT_SECRET: string; OAUTH_CLIENT_SECRET_2: string } = { OAUTH_CLIENT_SECRET: "", OAUTH_CLIENT_SECRET_2: "" };

const REDIRECT = "https://app.example.com/cb";
const USER = { login: "ouser", password: "o-user-pw-1" };

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  json: any;
}

function request(method: string, pathAndQuery: string, headers: Record<string, string> = {}, body?: string): Promise<Res> {
  const u = new URL(emu.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: u.port, method, path: pathAndQuery, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown = undefined;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = text;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
      });
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const basic = (a: string, b: string): string => "Basic " + Buffer.from(`${a}:${b}`).toString("base64");
const userAuth = (): Record<string, string> => ({ Authorization: basic(USER.login, USER.password) });
const clientAuth = (secret = secrets.OAUTH_CLIENT_SECRET): Record<string, string> => ({ Authorization: basic(clientId, secret) });

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizeUrl(over: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  const params: Record<string, string | undefined> = {
    client_id: clientId,
    response_type: "code",
    redirect_uri: REDIRECT,
    state: "st-1",
    scope: "refresh_token session:role:ANALYST",
    ...over,
  };
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  return "/oauth/authorize?" + q.toString();
}

/** Run /oauth/authorize as USER and return the code from the redirect. */
async function getCode(over: Record<string, string | undefined> = {}): Promise<string> {
  const r = await request("GET", authorizeUrl(over), userAuth());
  assert.equal(r.status, 302, JSON.stringify(r.json));
  const loc = new URL(String(r.headers.location));
  assert.equal(loc.origin + loc.pathname, REDIRECT);
  const code = loc.searchParams.get("code");
  assert.ok(code);
  return code;
}

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

function token(fields: Record<string, string>, headers: Record<string, string> = clientAuth()): Promise<Res> {
  return request("POST", "/oauth/token-request", { "Content-Type": "application/x-www-form-urlencoded", ...headers }, form(fields));
}

async function whoAmI(accessToken: string): Promise<[string, string]> {
  const c = await connect(emu, { authenticator: "OAUTH", token: accessToken, username: undefined });
  try {
    const [row] = await exec(c, "SELECT CURRENT_USER() AS U, CURRENT_ROLE() AS R");
    return [row.U, row.R];
  } finally {
    await destroy(c);
  }
}

before(async () => {
  emu = await startEmulator({ port: 0 });
  admin = await connect(emu);
  await exec(admin, "CREATE ROLE ANALYST");
  await exec(admin, "CREATE ROLE REPORTER");
  await exec(admin, `CREATE USER ouser PASSWORD = '${USER.password}' DEFAULT_ROLE = ANALYST`);
  await exec(admin, "GRANT ROLE ANALYST TO USER ouser");
  await exec(admin, "GRANT ROLE REPORTER TO USER ouser");
  await exec(admin, "GRANT ROLE SECURITYADMIN TO USER ouser");
  await exec(
    admin,
    `CREATE SECURITY INTEGRATION app TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL'
      OAUTH_REDIRECT_URI = '${REDIRECT}' OAUTH_ENFORCE_PKCE = TRUE OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED = TRUE
      PRE_AUTHORIZED_ROLES_LIST = ('REPORTER') BLOCKED_ROLES_LIST = ('SYSADMIN')
      OAUTH_CLIENT_RSA_PUBLIC_KEY = '${rsaKey(0).body}'`,
  );
  const [row] = await exec(admin, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('APP') AS S");
  const s = JSON.parse(row.S);
  clientId = s.OAUTH_CLIENT_ID;
  secrets = s;
});

after(async () => {
  await destroy(admin);
  await emu.stop();
});

describe("authorization code flow", () => {
  test("PKCE code flow, token response shape, driver login with the access token, single-use refresh", async () => {
    const p = pkce();
    const r = await request("GET", authorizeUrl({ code_challenge: p.challenge, code_challenge_method: "S256" }), userAuth());
    assert.equal(r.status, 302);
    const loc = new URL(String(r.headers.location));
    assert.equal(loc.searchParams.get("state"), "st-1");
    assert.equal(loc.searchParams.get("scope"), "refresh_token session:role:ANALYST");
    const code = loc.searchParams.get("code") ?? "";

    const t = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: p.verifier });
    assert.equal(t.status, 200, JSON.stringify(t.json));
    assert.equal(t.headers["content-type"], "application/json");
    assert.equal(t.json.token_type, "Bearer");
    assert.equal(t.json.expires_in, 600);
    assert.equal(t.json.username, "OUSER");
    assert.equal(t.json.scope, "refresh_token session:role:ANALYST");
    assert.equal(t.json.refresh_token_expires_in, 7776000);
    assert.equal(typeof t.json.access_token, "string");
    assert.equal(typeof t.json.refresh_token, "string");
    assert.deepEqual(await whoAmI(t.json.access_token), ["OUSER", "ANALYST"]);

    const again = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: p.verifier });
    assert.equal(again.status, 400);
    assert.deepEqual(Object.keys(again.json), ["data", "message", "code", "success", "error"]);
    assert.equal(again.json.error, "invalid_grant");
    assert.equal(again.json.success, false);

    const r1 = await token({ grant_type: "refresh_token", refresh_token: t.json.refresh_token });
    assert.equal(r1.status, 200, JSON.stringify(r1.json));
    assert.equal(r1.json.username, undefined, "username only on code exchange");
    assert.ok(r1.json.refresh_token && r1.json.refresh_token !== t.json.refresh_token, "single-use: a new refresh token");
    assert.deepEqual(await whoAmI(r1.json.access_token), ["OUSER", "ANALYST"]);
    const reuse = await token({ grant_type: "refresh_token", refresh_token: t.json.refresh_token });
    assert.equal(reuse.status, 400);
    assert.equal(reuse.json.error, "invalid_grant");
    const r2 = await token({ grant_type: "refresh_token", refresh_token: r1.json.refresh_token });
    assert.equal(r2.status, 200);
  });

  test("PKCE: enforced challenge, missing or wrong verifier, bad method", async () => {
    const noPkce = await request("GET", authorizeUrl(), userAuth());
    assert.equal(noPkce.status, 400);
    assert.equal(noPkce.json.code, "390311");
    const plain = await request("GET", authorizeUrl({ code_challenge: pkce().challenge, code_challenge_method: "plain" }), userAuth());
    assert.equal(plain.json.code, "390311");
    const p = pkce();
    const code = await getCode({ code_challenge: p.challenge, code_challenge_method: "S256" });
    const missing = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT });
    assert.equal(missing.json.error, "invalid_grant");
    const code2 = await getCode({ code_challenge: p.challenge, code_challenge_method: "S256" });
    const wrong = await token({ grant_type: "authorization_code", code: code2, redirect_uri: REDIRECT, code_verifier: pkce().verifier });
    assert.equal(wrong.json.error, "invalid_grant");
  });

  test("authorize errors: 390304/390305/390306/390307/390308, bad user credentials, consent", async () => {
    const c = pkce();
    const ok = { code_challenge: c.challenge, code_challenge_method: "S256" };
    const codeOf = async (over: Record<string, string | undefined>, headers = userAuth()): Promise<[number, string]> => {
      const r = await request("GET", authorizeUrl({ ...ok, ...over }), headers);
      return [r.status, r.json?.code];
    };
    assert.deepEqual(await codeOf({ client_id: "bogus" }), [400, "390306"]);
    assert.deepEqual(await codeOf({ response_type: "token" }), [400, "390304"]);
    assert.deepEqual(await codeOf({ redirect_uri: "https://evil.example.com/cb" }), [400, "390307"]);
    assert.deepEqual(await codeOf({ state: "x".repeat(2049) }), [400, "390305"]);
    assert.deepEqual(await codeOf({ scope: "session:role:ANALYST session:role:REPORTER" }), [400, "390308"]);
    assert.deepEqual(await codeOf({ scope: "temporary_scope" }), [400, "390308"]);
    assert.deepEqual(await codeOf({ scope: "session:role:SYSADMIN" }), [400, "390308"], "role not granted to the user");
    assert.deepEqual(await codeOf({ scope: "session:role:SECURITYADMIN" }), [400, "390308"], "privileged role is blocked");
    assert.deepEqual(await codeOf({}, { Authorization: basic(USER.login, "wrong") }), [401, "390100"]);
    // The redirect URI's own query string is ignored when matching.
    assert.equal((await codeOf({ redirect_uri: REDIRECT + "?tenant=1" }))[0], 302);
    // state may be 2048 characters.
    assert.equal((await codeOf({ state: "s".repeat(2048) }))[0], 302);
    // consent=deny is honoured unless the role is pre-authorized (REPORTER).
    const denied = await request("GET", authorizeUrl({ ...ok, consent: "deny" }), userAuth());
    assert.equal(denied.status, 302);
    assert.equal(new URL(String(denied.headers.location)).searchParams.get("error"), "access_denied");
    const pre = await request("GET", authorizeUrl({ ...ok, consent: "deny", scope: "session:role:REPORTER" }), userAuth());
    assert.ok(new URL(String(pre.headers.location)).searchParams.get("code"));
    // login_hint + password query (documented test-only alternative to Basic).
    const hint = await request("GET", authorizeUrl({ ...ok, login_hint: USER.login, password: USER.password }));
    assert.equal(hint.status, 302);
  });
});

describe("token endpoint", () => {
  const codeWithPkce = async (scope = "refresh_token session:role:ANALYST"): Promise<{ code: string; verifier: string }> => {
    const p = pkce();
    return { code: await getCode({ scope, code_challenge: p.challenge, code_challenge_method: "S256" }), verifier: p.verifier };
  };

  test("client authentication: secret 2, client_secret_post, wrong secret, unknown grant, missing grant", async () => {
    let c = await codeWithPkce();
    assert.equal(
      (
        await token(
          { grant_type: "authorization_code", code: c.code, code_verifier: c.verifier },
          clientAuth(secrets.OAUTH_CLIENT_SECRET_2),
        )
      ).status,
      200,
    );
    c = await codeWithPkce();
    const post = await token(
      {
        grant_type: "authorization_code",
        code: c.code,
        code_verifier: c.verifier,
        client_id: clientId,
        client_secret: secrets.OAUTH_CLIENT_SECRET,
      },
      {},
    );
    assert.equal(post.status, 200);
    const wrong = await token({ grant_type: "authorization_code", code: c.code }, clientAuth("bm9wZQ=="));
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.json, {
      data: null,
      message: "This is an invalid client.",
      code: null,
      success: false,
      error: "invalid_client",
    });
    assert.equal((await token({}, {})).json.error, "invalid_client");
    // RFC 6749 §2.3.1: id and secret may be form-urlencoded inside Basic (ids and secrets contain + / =).
    c = await codeWithPkce();
    const encoded = await token(
      { grant_type: "authorization_code", code: c.code, code_verifier: c.verifier },
      { Authorization: basic(encodeURIComponent(clientId), encodeURIComponent(secrets.OAUTH_CLIENT_SECRET)) },
    );
    assert.equal(encoded.status, 200);
    const json = await request(
      "POST",
      "/oauth/token-request",
      { ...clientAuth(), "Content-Type": "application/json" },
      JSON.stringify({ grant_type: "refresh_token" }),
    );
    assert.equal(json.status, 400);
    assert.equal(json.json.error, "invalid_request");
    const unsupported = await token({ grant_type: "password", username: "x", password: "y" });
    assert.equal(unsupported.status, 400);
    assert.equal(unsupported.json.error, "unsupported_grant_type");
    assert.equal((await token({ code: "x" })).json.error, "invalid_request");
    assert.equal((await token({ grant_type: "refresh_token" })).json.error, "invalid_request");
    assert.equal((await token({ grant_type: "refresh_token", refresh_token: "nope" })).json.error, "invalid_grant");
  });

  test("key-pair JWT, legacy Authorization: Bearer (iss = client_id.SHA256:fp, sub = ACCOUNT.client_id)", async () => {
    const k = rsaKey(0);
    const now = Math.floor(Date.now() / 1000);
    const jwt = (over: Record<string, unknown> = {}, key = k.privateKey): string =>
      signJwt({ iss: `${clientId}.${k.fingerprint}`, sub: `${emu.account}.${clientId}`, iat: now, exp: now + 30, ...over }, key);
    const c = await codeWithPkce();
    // Payload exactly as the docs' Python sample: grant_type + code only.
    const ok = await token(
      { grant_type: "authorization_code", code: c.code, code_verifier: c.verifier },
      { Authorization: `Bearer ${jwt()}` },
    );
    assert.equal(ok.status, 200, JSON.stringify(ok.json));
    const refreshed = await token(
      { grant_type: "refresh_token", refresh_token: ok.json.refresh_token },
      { Authorization: `Bearer ${jwt()}` },
    );
    assert.equal(refreshed.status, 200);
    const c2 = await codeWithPkce();
    for (const bad of [
      jwt({}, rsaKey(1).privateKey),
      jwt({ exp: now - 10 }),
      jwt({ sub: `OTHER.${clientId}` }),
      jwt({ iss: `${clientId}.${rsaKey(1).fingerprint}` }),
    ]) {
      const r = await token(
        { grant_type: "authorization_code", code: c2.code, code_verifier: c2.verifier },
        { Authorization: `Bearer ${bad}` },
      );
      assert.equal(r.status, 401);
      assert.equal(r.json.error, "invalid_client");
    }
  });

  test("key-pair JWT, RFC 7523 client_assertion, verified against either registered key", async () => {
    const now = Math.floor(Date.now() / 1000);
    const assertion = (key = rsaKey(0).privateKey, over: Record<string, unknown> = {}): string =>
      signJwt({ iss: clientId, sub: clientId, aud: `${emu.url}/oauth/token-request`, iat: now, exp: now + 300, ...over }, key);
    const fields = (a: string, c: { code: string; verifier: string }): Record<string, string> => ({
      grant_type: "authorization_code",
      code: c.code,
      code_verifier: c.verifier,
      redirect_uri: REDIRECT,
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: a,
    });
    const c = await codeWithPkce();
    assert.equal((await token(fields(assertion(), c), {})).status, 200);
    const c2 = await codeWithPkce();
    assert.equal((await token(fields(assertion(rsaKey(1).privateKey), c2), {})).json.error, "invalid_client", "key 2 not registered yet");
    await exec(admin, `ALTER INTEGRATION app SET OAUTH_CLIENT_RSA_PUBLIC_KEY_2 = '${rsaKey(1).oneLine}'`);
    try {
      assert.equal((await token(fields(assertion(rsaKey(1).privateKey), c2), {})).status, 200);
      const c3 = await codeWithPkce();
      assert.equal(
        (await token(fields(assertion(rsaKey(0).privateKey, { aud: "https://other/oauth/token-request" }), c3), {})).json.error,
        "invalid_client",
      );
      assert.equal(
        (await token(fields(assertion(rsaKey(0).privateKey, { exp: now + 7200 }), c3), {})).json.error,
        "invalid_client",
        "exp more than 1 h ahead",
      );
    } finally {
      await exec(admin, "ALTER INTEGRATION app UNSET OAUTH_CLIENT_RSA_PUBLIC_KEY_2");
    }
  });

  test("no refresh token without the refresh_token scope or with OAUTH_ISSUE_REFRESH_TOKENS = FALSE", async () => {
    let c = await codeWithPkce("session:role:ANALYST");
    let t = await token({ grant_type: "authorization_code", code: c.code, code_verifier: c.verifier });
    assert.equal(t.status, 200);
    assert.equal(t.json.refresh_token, undefined);
    await exec(admin, "ALTER INTEGRATION app SET OAUTH_ISSUE_REFRESH_TOKENS = FALSE, OAUTH_ACCESS_TOKEN_VALIDITY = 120");
    try {
      c = await codeWithPkce();
      t = await token({ grant_type: "authorization_code", code: c.code, code_verifier: c.verifier });
      assert.equal(t.json.refresh_token, undefined);
      assert.equal(t.json.expires_in, 120);
    } finally {
      await exec(admin, "ALTER INTEGRATION app SET OAUTH_ISSUE_REFRESH_TOKENS = TRUE, OAUTH_ACCESS_TOKEN_VALIDITY = 600");
    }
  });

  test("disabled integration: authorize 390306, token invalid_client, issued access tokens rejected (390303)", async () => {
    const c = await codeWithPkce();
    const t = await token({ grant_type: "authorization_code", code: c.code, code_verifier: c.verifier });
    await exec(admin, "ALTER INTEGRATION app SET ENABLED = FALSE");
    try {
      const p = pkce();
      assert.equal(
        (await request("GET", authorizeUrl({ code_challenge: p.challenge, code_challenge_method: "S256" }), userAuth())).json.code,
        "390306",
      );
      const r = await token({ grant_type: "refresh_token", refresh_token: t.json.refresh_token });
      assert.equal(r.status, 401);
      assert.equal(r.json.error, "invalid_client");
      await assert.rejects(whoAmI(t.json.access_token), (e: any) => String(e.code) === "390303");
    } finally {
      await exec(admin, "ALTER INTEGRATION app UNSET ENABLED");
    }
    assert.deepEqual(await whoAmI(t.json.access_token), ["OUSER", "ANALYST"]);
  });

  test("a role blocked after the code was issued is refused at the token endpoint", async () => {
    const c = await codeWithPkce();
    await exec(admin, "ALTER INTEGRATION app SET BLOCKED_ROLES_LIST = ('SYSADMIN', 'ANALYST')");
    try {
      const t = await token({ grant_type: "authorization_code", code: c.code, code_verifier: c.verifier });
      assert.equal(t.status, 400);
      assert.equal(t.json.error, "invalid_grant");
    } finally {
      await exec(admin, "ALTER INTEGRATION app SET BLOCKED_ROLES_LIST = ('SYSADMIN')");
    }
  });

  test("the integration's network policy is enforced against the caller address (127.0.0.1)", async () => {
    await exec(admin, "CREATE NETWORK POLICY np_office ALLOWED_IP_LIST = ('10.1.0.0/16')");
    await exec(admin, "CREATE NETWORK POLICY np_local ALLOWED_IP_LIST = ('127.0.0.0/8') BLOCKED_IP_LIST = ('10.0.0.1')");
    const c = await codeWithPkce();
    await exec(admin, "ALTER INTEGRATION app SET NETWORK_POLICY = 'np_office'");
    try {
      const denied = await token({ grant_type: "authorization_code", code: c.code, code_verifier: c.verifier });
      assert.equal(denied.status, 403);
      assert.equal(denied.json.code, "390422");
      assert.match(denied.json.message, /IP\/Token 127\.0\.0\.1 is not allowed/);
      await exec(admin, "ALTER INTEGRATION app SET NETWORK_POLICY = 'np_local'");
      assert.equal((await token({ grant_type: "authorization_code", code: c.code, code_verifier: c.verifier })).status, 200);
    } finally {
      await exec(admin, "ALTER INTEGRATION app UNSET NETWORK_POLICY");
    }
  });

  test("X-Forwarded-For is the caller address only when the emulator trusts it (trustForwardedFor)", async () => {
    await exec(admin, "CREATE NETWORK POLICY np_vpn ALLOWED_IP_LIST = ('10.9.0.0/16')");
    await exec(admin, "ALTER INTEGRATION app SET NETWORK_POLICY = 'np_vpn'");
    try {
      const c = await codeWithPkce();
      const fields = { grant_type: "authorization_code", code: c.code, code_verifier: c.verifier };
      const r = await token(fields, { ...clientAuth(), "X-Forwarded-For": "10.9.1.2" });
      assert.equal(r.status, 403, "not trusted by default: the socket address 127.0.0.1 is checked");
    } finally {
      await exec(admin, "ALTER INTEGRATION app UNSET NETWORK_POLICY");
    }
    await withEmulator(
      async (e2) => {
        const c2 = await connect(e2);
        try {
          await exec(c2, "CREATE NETWORK POLICY np_vpn ALLOWED_IP_LIST = ('10.9.0.0/16')");
          await exec(
            c2,
            `CREATE SECURITY INTEGRATION app TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = '${REDIRECT}' NETWORK_POLICY = 'np_vpn'`,
          );
          const s = JSON.parse((await exec(c2, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('APP') AS S"))[0].S);
          const port = new URL(e2.url).port;
          const post = (xff: string): Promise<number> =>
            new Promise((resolve, reject) => {
              const req = http.request(
                {
                  host: "127.0.0.1",
                  port,
                  method: "POST",
                  path: "/oauth/token-request",
                  headers: {
                    "Content-Type": "application/x-www-form-urlencoded",
                    Authorization: basic(s.OAUTH_CLIENT_ID, s.OAUTH_CLIENT_SECRET),
                    "X-Forwarded-For": xff,
                  },
                },
                (res) => {
                  res.resume();
                  res.on("end", () => resolve(res.statusCode ?? 0));
                },
              );
              req.on("error", reject);
              req.end(form({ grant_type: "refresh_token", refresh_token: "nope" }));
            });
          assert.equal(await post("10.9.1.2, 127.0.0.1"), 400, "allowed address: reaches grant checking (invalid_grant)");
          assert.equal(await post("192.0.2.1"), 403);
        } finally {
          await destroy(c2);
        }
      },
      { trustForwardedFor: true },
    );
  });

  test("authorize honours the user's network policy; validateAccessToken({ ip }) the integration's", async () => {
    const c = await codeWithPkce();
    const t = await token({ grant_type: "authorization_code", code: c.code, code_verifier: c.verifier });
    await exec(admin, "CREATE NETWORK POLICY np_user_deny ALLOWED_IP_LIST = ('10.7.0.0/16')");
    await exec(admin, "ALTER USER ouser SET NETWORK_POLICY = np_user_deny");
    try {
      const p = pkce();
      const r = await request("GET", authorizeUrl({ code_challenge: p.challenge, code_challenge_method: "S256" }), userAuth());
      assert.equal(r.status, 403);
      assert.equal(r.json.code, "390422");
    } finally {
      await exec(admin, "ALTER USER ouser UNSET NETWORK_POLICY");
    }
    const grant = validateAccessToken(emu.engine, t.json.access_token, { ip: "127.0.0.1" });
    assert.deepEqual(grant, { user: "OUSER", role: "ANALYST", secondaryRoles: "NONE" });
    await exec(admin, "ALTER INTEGRATION app SET NETWORK_POLICY = 'np_user_deny', OAUTH_USE_SECONDARY_ROLES = IMPLICIT");
    try {
      assert.throws(
        () => validateAccessToken(emu.engine, t.json.access_token, { ip: "127.0.0.1" }),
        (e: any) => e.code === "390422",
      );
      assert.equal(validateAccessToken(emu.engine, t.json.access_token).secondaryRoles, "ALL", "no address given: policy not checked");
    } finally {
      await exec(admin, "ALTER INTEGRATION app UNSET NETWORK_POLICY, OAUTH_USE_SECONDARY_ROLES");
    }
  });

  test("expired and unknown access tokens: 390318 / 390303 at login", async () => {
    const c = await codeWithPkce();
    const t = await token({ grant_type: "authorization_code", code: c.code, code_verifier: c.verifier });
    await assert.rejects(whoAmI("ver:1-hint:emu-bogus"), (e: any) => String(e.code) === "390303");
    emu.engine.transact((draft) => {
      for (const rec of Object.values(draft.oauth.accessTokens)) rec.expiresAt = new Date(Date.now() - 1000).toISOString();
    });
    await assert.rejects(whoAmI(t.json.access_token), (e: any) => String(e.code) === "390318");
    // A refresh token past OAUTH_REFRESH_TOKEN_VALIDITY is refused.
    emu.engine.transact((draft) => {
      for (const rec of Object.values(draft.oauth.refreshTokens)) rec.expiresAt = new Date(Date.now() - 1000).toISOString();
    });
    const r = await token({ grant_type: "refresh_token", refresh_token: t.json.refresh_token });
    assert.equal(r.status, 400);
    assert.equal(r.json.error, "invalid_grant");
  });

  test("CREATE OR REPLACE invalidates the old client id", async () => {
    await exec(
      admin,
      `CREATE SECURITY INTEGRATION app2 TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = '${REDIRECT}'`,
    );
    const s = JSON.parse((await exec(admin, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('APP2') AS S"))[0].S);
    // PUBLIC client: client_id alone authenticates (no PKCE enforced here).
    const r = await request("GET", authorizeUrl({ client_id: s.OAUTH_CLIENT_ID, scope: "session:role:ANALYST" }), userAuth());
    const code = new URL(String(r.headers.location)).searchParams.get("code") ?? "";
    await exec(
      admin,
      `CREATE OR REPLACE SECURITY INTEGRATION app2 TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = '${REDIRECT}'`,
    );
    const t = await token({ grant_type: "authorization_code", code, client_id: s.OAUTH_CLIENT_ID }, {});
    assert.equal(t.json.error, "invalid_client");
  });

  test("the statement log has oauth entries without codes, tokens or secrets", () => {
    const entries = emu.log.entries().filter((e) => e.kind === "oauth");
    assert.ok(
      entries.some((e) => e.text === "POST /oauth/token-request grant_type=authorization_code" && e.outcome === "ok" && e.user === "OUSER"),
    );
    assert.ok(entries.some((e) => e.outcome === "error" && e.code === "invalid_client"));
    const all = JSON.stringify(emu.log.entries());
    assert.ok(!all.includes(secrets.OAUTH_CLIENT_SECRET) && !all.includes(USER.password));
    assert.ok(!/ver:1-hint/.test(all));
  });
});
