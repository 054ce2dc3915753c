/**
 * One network-policy evaluator on every path (emulator/auth/network.ts): the CIDR mask is checked
 * the same way at driver login and at the OAuth token endpoint. Blocked list first, then allowed list
 * (https://docs.snowflake.com/en/user-guide/network-policies); IPv4 with `/n` masks
 * (https://docs.snowflake.com/en/sql-reference/sql/create-network-policy).
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as http from "node:http";
import { connect, destroy, exec, withEmulator } from "../helpers/emulator";
import { claimSeconds } from "../../emulator/auth/jwt";

function post(url: string, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; json: any }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: u.port, method: "POST", path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

test("CIDR masks are checked at login and at the OAuth token endpoint alike (X-Forwarded-For trusted)", async () => {
  await withEmulator(
    async (emu) => {
      const admin = await connect(emu);
      try {
        await exec(admin, "CREATE NETWORK POLICY np_office ALLOWED_IP_LIST = ('10.1.2.0/24') BLOCKED_IP_LIST = ('10.1.2.9')");
        await exec(admin, "CREATE USER np_u PASSWORD = 'pw' NETWORK_POLICY = np_office");
        await exec(admin, "CREATE SECURITY INTEGRATION np_app TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://example.test/cb' NETWORK_POLICY = 'np_office'");
        const s = JSON.parse((await exec(admin, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('NP_APP') AS S"))[0].S);
        const login = async (ip: string): Promise<string | null> => {
          const body = JSON.stringify({ data: { LOGIN_NAME: "np_u", PASSWORD: "pw", AUTHENTICATOR: "SNOWFLAKE" } });
          const r = await post(emu.url, "/session/v1/login-request", { "Content-Type": "application/json", "X-Forwarded-For": ip }, body);
          return r.json.success ? null : r.json.code;
        };
        const token = async (ip: string): Promise<number> => {
          const auth = "Basic " + Buffer.from(`${s.OAUTH_CLIENT_ID}:${s.OAUTH_CLIENT_SECRET}`).toString("base64");
          const headers = { "Content-Type": "application/x-www-form-urlencoded", Authorization: auth, "X-Forwarded-For": ip };
          return (await post(emu.url, "/oauth/token-request", headers, "grant_type=refresh_token&refresh_token=nope")).status;
        };
        // Inside the /24, outside it by one bit of the mask, and the blocked single address.
        assert.equal(await login("10.1.2.200"), null);
        assert.equal(await login("10.1.3.1"), "390422");
        assert.equal(await login("10.1.2.9"), "390422");
        assert.equal(await token("10.1.2.200"), 400, "allowed: reaches grant checking (invalid_grant)");
        assert.equal(await token("10.1.3.1"), 403);
        assert.equal(await token("10.1.2.9"), 403);
      } finally {
        await destroy(admin);
      }
    },
    { trustForwardedFor: true },
  );
});

test("NumericDate: one rule for key-pair login and OAuth client JWTs (ms above 1e11, unsourced cut-off)", () => {
  assert.equal(claimSeconds(1e11), 1e11);
  assert.equal(claimSeconds(1e11 + 1000), 100000001);
  // snowflake-sdk sends Date.now() milliseconds (snowflake-connector-nodejs lib/authentication/auth_keypair.js).
  assert.equal(claimSeconds(1700000000123), 1700000000);
  assert.equal(claimSeconds(Number.NaN), undefined);
});
