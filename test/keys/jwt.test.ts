/**
 * JWT, PKCE and authorization-URL helpers, offline: claims, account normalisation (table-driven),
 * RS256 signatures verified with node:crypto, limits. The emulator round trips are in jwt-emulator.test.ts.
 */
import { test, describe } from "node:test";
import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import { snowflakeKeyPairJwt, oauthClientJwt, normalizeAccountForJwt, decodeJwt, accountUrl, clientAssertionFields } from "../../sdk/jwt";
import { createCodeVerifier, codeChallengeS256, createPkcePair, isCodeVerifier } from "../../sdk/pkce";
import { authorizationUrl, tokenEndpointUrl, oauthScope } from "../../sdk/oauthUrls";
import { loadPrivateKey, KeyError } from "../../sdk/keys";
import { key, encryptedKey, PASSPHRASE } from "../helpers/keys";

function verify(token: string, publicKeyPem: string): boolean {
  const [h, p, s] = token.split(".");
  return crypto.verify("sha256", Buffer.from(`${h}.${p}`), publicKeyPem, Buffer.from(s, "base64url"));
}

describe("normalizeAccountForJwt", () => {
  const cases: [string, string][] = [
    ["myorg-myaccount", "MYORG-MYACCOUNT"],
    ["MyOrg-My_Account", "MYORG-MY_ACCOUNT"],
    ["xy12345", "XY12345"],
    ["xy12345.us-east-2.aws", "XY12345"],
    ["xy12345.east-us-2.azure", "XY12345"],
    ["xy12345.us-east-1", "XY12345"],
    ["xy12345.us-east-1.privatelink", "XY12345"],
    ["https://xy12345.us-east-2.aws.snowflakecomputing.com", "XY12345"],
    ["https://myorg-myaccount.snowflakecomputing.com/", "MYORG-MYACCOUNT"],
    ["myorg-myaccount.privatelink.snowflakecomputing.com", "MYORG-MYACCOUNT"],
    ["http://myorg-myaccount.snowflakecomputing.com:443/oauth/authorize", "MYORG-MYACCOUNT"],
    // Global/replication URLs: the part before the first '-' (Snowflake's sample; airflow's tests agree).
    ["myaccount-abc123.global", "MYACCOUNT"],
    ["myaccount-abc123.global.snowflakecomputing.com", "MYACCOUNT"],
    ["test.global", "TEST.GLOBAL"],
  ];
  for (const [input, expected] of cases) {
    test(`${input} → ${expected}`, () => assert.equal(normalizeAccountForJwt(input), expected));
  }
  test("empty is refused", () => assert.throws(() => normalizeAccountForJwt(" "), KeyError));
});

describe("snowflakeKeyPairJwt", () => {
  test("claims per the SQL API docs, RS256 verifiable with the public key", async () => {
    const k = await key(0);
    const now = 1_700_000_000_000;
    const t = snowflakeKeyPairJwt({
      account: "xy12345.us-east-2.aws",
      user: "svc_user",
      privateKey: k.privateKeyPem,
      now,
      lifetimeSeconds: 600,
    });
    const { header, payload } = decodeJwt(t);
    assert.deepEqual(header, { alg: "RS256", typ: "JWT" });
    assert.deepEqual(payload, {
      iss: `XY12345.SVC_USER.${k.fingerprint}`,
      sub: "XY12345.SVC_USER",
      iat: 1_700_000_000,
      exp: 1_700_000_600,
    });
    assert.ok(verify(t, k.publicKeyPem));
    // Same token with node:crypto's own JWS check of the header algorithm.
    assert.ok(!verify(t, (await key(1)).publicKeyPem));
  });
  test("default lifetime 59 minutes, at most one hour, encrypted keys with passphrase", async () => {
    const k = await encryptedKey();
    const t = snowflakeKeyPairJwt({ account: "a", user: "u", privateKey: k.privateKeyPem, passphrase: PASSPHRASE, now: 0 });
    assert.equal(decodeJwt(t).payload.exp, 3540);
    assert.ok(verify(t, k.publicKeyPem));
    for (const bad of [0, 3601, 1.5, -1]) {
      assert.throws(
        () => snowflakeKeyPairJwt({ account: "a", user: "u", privateKey: k.privateKeyPem, passphrase: PASSPHRASE, lifetimeSeconds: bad }),
        /at most one hour|1 to 3600/,
      );
    }
    assert.throws(
      () => snowflakeKeyPairJwt({ account: "a", user: "u", privateKey: k.privateKeyPem }),
      (e: unknown) => e instanceof KeyError && e.code === "PASSPHRASE_REQUIRED",
    );
    // A pre-loaded key gives the same claims.
    const loaded = loadPrivateKey(k.privateKeyPem, PASSPHRASE);
    const t2 = snowflakeKeyPairJwt({ account: "a", user: "u", privateKey: loaded, now: 0 });
    assert.deepEqual(decodeJwt(t2).payload, decodeJwt(t).payload);
  });
});

describe("oauthClientJwt", () => {
  const clientId = "kMoBQd6lZ0iRIB5W+LjzHc3CQqM=";
  test("legacy bearer: iss client_id.fp, sub ACCOUNT.client_id (client id keeps its case)", async () => {
    const k = await key(1);
    const t = oauthClientJwt({ account: "myorg-myaccount", clientId, privateKey: k.privateKeyPem, now: 1000_000 });
    const { payload } = decodeJwt(t);
    assert.equal(payload.iss, `${clientId}.${k.fingerprint}`);
    assert.equal(payload.sub, `MYORG-MYACCOUNT.${clientId}`);
    assert.equal(payload.iat, 1000);
    assert.equal(payload.exp, 1300);
    assert.ok(verify(t, k.publicKeyPem));
  });
  test("RFC 7523 client assertion: iss = sub = client id, aud = token endpoint, fresh jti", async () => {
    const k = await key(1);
    const a1 = oauthClientJwt({ account: "myorg-myaccount", clientId, privateKey: k.privateKeyPem, form: "client_assertion" });
    const a2 = oauthClientJwt({ account: "myorg-myaccount", clientId, privateKey: k.privateKeyPem, form: "client_assertion" });
    const p = decodeJwt(a1).payload;
    assert.equal(p.iss, clientId);
    assert.equal(p.sub, clientId);
    assert.equal(p.aud, "https://myorg-myaccount.snowflakecomputing.com/oauth/token-request");
    assert.notEqual(p.jti, decodeJwt(a2).payload.jti);
    assert.ok((p.exp as number) - (p.iat as number) <= 3600);
    assert.ok(verify(a1, k.publicKeyPem));
    const custom = oauthClientJwt({
      account: "x",
      clientId,
      privateKey: k.privateKeyPem,
      form: "client_assertion",
      audience: "http://127.0.0.1:1/oauth/token-request",
    });
    assert.equal(decodeJwt(custom).payload.aud, "http://127.0.0.1:1/oauth/token-request");
    assert.deepEqual(Object.keys(clientAssertionFields(a1)), ["client_assertion_type", "client_assertion"]);
  });
});

describe("PKCE", () => {
  test("RFC 7636 Appendix B vector", () => {
    assert.equal(codeChallengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });
  test("verifiers: charset, bounds, no bias in 200 draws", () => {
    for (const n of [43, 64, 128]) {
      const v = createCodeVerifier(n);
      assert.equal(v.length, n);
      assert.ok(isCodeVerifier(v));
    }
    assert.throws(() => createCodeVerifier(42), RangeError);
    assert.throws(() => createCodeVerifier(129), RangeError);
    assert.throws(() => codeChallengeS256("short"), RangeError);
    assert.throws(() => codeChallengeS256("a".repeat(42) + "!"), RangeError);
    const seen = new Set(Array.from({ length: 200 }, () => createCodeVerifier(43)).join(""));
    assert.ok(seen.size >= 60, "uses (nearly) the whole alphabet");
    const p = createPkcePair();
    assert.equal(p.method, "S256");
    assert.equal(p.challenge, codeChallengeS256(p.verifier));
  });
});

describe("authorizationUrl", () => {
  test("every parameter, encoded; scopes refresh_token and session:role", () => {
    const u = authorizationUrl({
      account: "https://myorg-myaccount.snowflakecomputing.com/",
      clientId: "ab+c/d=",
      redirectUri: "https://app.example.com/cb",
      state: "st 1",
      refreshToken: true,
      role: "ANALYST",
      codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    });
    const url = new URL(u);
    assert.equal(url.origin + url.pathname, "https://myorg-myaccount.snowflakecomputing.com/oauth/authorize");
    assert.equal(url.searchParams.get("client_id"), "ab+c/d=");
    assert.equal(url.searchParams.get("response_type"), "code");
    assert.equal(url.searchParams.get("redirect_uri"), "https://app.example.com/cb");
    assert.equal(url.searchParams.get("state"), "st 1");
    assert.equal(url.searchParams.get("scope"), "refresh_token session:role:ANALYST");
    assert.equal(url.searchParams.get("code_challenge_method"), "S256");
    assert.ok(u.includes("client_id=ab%2Bc%2Fd%3D"));
    assert.ok(u.includes("scope=refresh_token%20session%3Arole%3AANALYST"));
  });
  test("role-encoded for special role names; limits", () => {
    assert.equal(oauthScope({ role: "My Role" }), "session:role-encoded:My%20Role");
    assert.throws(() => authorizationUrl({ account: "a", clientId: "c", redirectUri: "r", state: "x".repeat(2049) }), /2048/);
    assert.throws(
      () => authorizationUrl({ account: "a", clientId: "c", redirectUri: "r", codeChallenge: createCodeVerifier(64) }),
      /verifier/,
    );
    assert.equal(tokenEndpointUrl("MyOrg-My_Acct"), "https://myorg-my-acct.snowflakecomputing.com/oauth/token-request");
    assert.equal(accountUrl("http://127.0.0.1:8080/"), "http://127.0.0.1:8080");
  });
});
