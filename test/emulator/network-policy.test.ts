/**
 * One network-policy evaluator on every path (emulator/auth/network.ts): the CIDR mask is checked
 * the same way at driver login and at the OAuth token endpoint. Blocked list first, then allowed list
 * (https://docs.snowflake.com/en/user-guide/network-policies); IPv4 with `/n` masks
 * (https://docs.snowflake.com/en/sql-reference/sql/create-network-policy).
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as http from "node:http";
import { connect, destroy, exec, execError, withEmulator, loginCode } from "../helpers/emulator";
import { claimSeconds } from "../../emulator/auth/jwt";
import { ALLOWED_IP_LIST_MAX_CHARS } from "../../emulator/exec/network-policies";

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
        await exec(
          admin,
          "CREATE SECURITY INTEGRATION np_app TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://example.test/cb' NETWORK_POLICY = 'np_office'",
        );
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

test("ALLOWED_IP_LIST = () with no network rules, or an empty policy, admits no IPv4 address; a blocked-only policy admits the rest (CREATE NETWORK POLICY page, network-policies guide)", async () => {
  await withEmulator(async (emu) => {
    const admin = await connect(emu);
    try {
      await exec(admin, "CREATE NETWORK POLICY np_empty ALLOWED_IP_LIST = ()");
      await exec(admin, "CREATE NETWORK POLICY np_unset BLOCKED_IP_LIST = ('10.0.0.1')");
      await exec(admin, "CREATE USER ne_u PASSWORD = 'pw-ne-1' NETWORK_POLICY = np_empty");
      await exec(admin, "CREATE USER nu_u PASSWORD = 'pw-nu-1' NETWORK_POLICY = np_unset");
      assert.equal(await loginCode(emu, "ne_u", "pw-ne-1"), "390422", "explicitly empty: 127.0.0.1 is refused");
      assert.equal(await loginCode(emu, "nu_u", "pw-nu-1"), null, "never set: allowed");
      // DESCRIBE/SHOW cannot tell the two apart (no row, count 0: TF testint network_policies "Alter - set empty allowed ip list").
      assert.deepEqual(await exec(admin, "DESC NETWORK POLICY np_empty"), []);
      await exec(admin, "ALTER NETWORK POLICY np_empty UNSET ALLOWED_IP_LIST");
      assert.equal(await loginCode(emu, "ne_u", "pw-ne-1"), "390422", "UNSET: the policy is now empty, which allows no IPv4 address");
      await exec(admin, "ALTER NETWORK POLICY np_empty SET BLOCKED_IP_LIST = ('10.0.0.1')");
      assert.equal(await loginCode(emu, "ne_u", "pw-ne-1"), null, "never set, with a blocked entry: the rest is admitted");
      await exec(admin, "ALTER NETWORK POLICY np_empty SET ALLOWED_IP_LIST = ()");
      assert.equal(await loginCode(emu, "ne_u", "pw-ne-1"), "390422", "ALTER SET = (): refused again");
      await exec(admin, "ALTER NETWORK POLICY np_empty SET ALLOWED_IP_LIST = ('127.0.0.1')");
      assert.equal(await loginCode(emu, "ne_u", "pw-ne-1"), null);
    } finally {
      await destroy(admin);
    }
  });
});

test("an IP in both ALLOWED_IP_LIST and BLOCKED_IP_LIST is accepted, and blocked (blocked list applied first: CREATE NETWORK POLICY page)", async () => {
  await withEmulator(async (emu) => {
    const admin = await connect(emu);
    try {
      await exec(admin, "CREATE NETWORK POLICY np_both ALLOWED_IP_LIST = ('127.0.0.1', '10.0.0.1') BLOCKED_IP_LIST = ('127.0.0.1')");
      assert.deepEqual(await exec(admin, "DESC NETWORK POLICY np_both"), [
        { name: "ALLOWED_IP_LIST", value: "127.0.0.1,10.0.0.1" },
        { name: "BLOCKED_IP_LIST", value: "127.0.0.1" },
      ]);
      await exec(admin, "CREATE USER nb_u PASSWORD = 'pw-nb-1' NETWORK_POLICY = np_both");
      assert.equal(await loginCode(emu, "nb_u", "pw-nb-1"), "390422");
    } finally {
      await destroy(admin);
    }
  });
});

test("ALLOWED_IP_LIST over 100,000 characters is refused at CREATE and ALTER (docs limit; code/text unsourced)", async () => {
  await withEmulator(async (emu) => {
    const admin = await connect(emu);
    try {
      // Entries `10.x.y.z`; the comma-joined text is what is counted (FIDELITY.md).
      const ips: string[] = [];
      for (let i = 0; ips.join(",").length <= ALLOWED_IP_LIST_MAX_CHARS; i++)
        ips.push(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
      const fits = ips.slice(0, -1);
      assert.ok(fits.join(",").length <= ALLOWED_IP_LIST_MAX_CHARS && ips.join(",").length > ALLOWED_IP_LIST_MAX_CHARS);
      const list = (xs: string[]): string => "(" + xs.map((x) => `'${x}'`).join(", ") + ")";
      await exec(admin, `CREATE NETWORK POLICY np_big ALLOWED_IP_LIST = ${list(fits)}`);
      const create = await execError(admin, `CREATE NETWORK POLICY np_big2 ALLOWED_IP_LIST = ${list(ips)}`);
      assert.equal(create.code, "001422");
      assert.match(create.message, /ALLOWED_IP_LIST exceeds the maximum of 100000 characters/);
      const alter = await execError(admin, `ALTER NETWORK POLICY np_big SET ALLOWED_IP_LIST = ${list(ips)}`);
      assert.equal(alter.code, "001422");
      assert.equal((await exec(admin, "SHOW NETWORK POLICIES LIKE 'NP_BIG'"))[0].entries_in_allowed_ip_list, fits.length);
    } finally {
      await destroy(admin);
    }
  });
});

test("NumericDate: one rule for key-pair login and OAuth client JWTs (ms above 1e11, unsourced cut-off)", () => {
  assert.equal(claimSeconds(1e11), 1e11);
  assert.equal(claimSeconds(1e11 + 1000), 100000001);
  // snowflake-sdk sends Date.now() milliseconds (snowflake-connector-nodejs lib/authentication/auth_keypair.js).
  assert.equal(claimSeconds(1700000000123), 1700000000);
  assert.equal(claimSeconds(Number.NaN), undefined);
});
