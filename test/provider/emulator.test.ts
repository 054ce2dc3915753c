/**
 * Provider methods against the emulator through the real snowflake-sdk: exact statements and counts from the
 * emulator's log, drift detection and repair, adopt, and one login for the whole file (one shared session).
 */
import { generateRsaKey, exec } from "../helpers/emulator";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as providers from "../../provider/index";
import { stats } from "../../provider/connection/session";
import { providerAgainstEmulator } from "../helpers/provider";

const fx = providerAgainstEmulator();

/** Statements the provider sent (its session only), from the emulator's log, since `mark`. */
function sent(mark: number): string[] {
  return fx.emu.log
    .entries()
    .filter((e) => e.seq > mark && e.kind === "statement" && e.user === "ADMIN" && e.sessionId !== adminSession())
    .map((e) => e.text);
}
let adminSessionId: number | null | undefined;
function adminSession(): number | null | undefined {
  return adminSessionId;
}
function mark(): number {
  const e = fx.emu.log.entries();
  return e.length ? e[e.length - 1].seq : 0;
}
async function viaAdmin(sql: string): Promise<any[]> {
  const rows = await exec(fx.admin, sql);
  if (adminSessionId === undefined) {
    const last = fx.emu.log
      .entries()
      .filter((e) => e.kind === "statement")
      .pop();
    adminSessionId = last?.sessionId;
  }
  return rows;
}

const P = providers.oauthIntegration;

test("custom OAuth: create = CREATE + DESCRIBE + SHOW_OAUTH_CLIENT_SECRETS; outputs", async () => {
  await viaAdmin("SELECT 1");
  const m = mark();
  const inputs = {
    name: "my_app",
    kind: "oauth-custom",
    oauthClientType: "CONFIDENTIAL",
    oauthRedirectUri: "https://app.example.com/cb",
    blockedRolesList: ["sysadmin"],
  };
  const r = await P.create((await P.check({}, inputs)).inputs);
  assert.equal(r.id, "MY_APP");
  assert.deepEqual(sent(m), [
    // check: the declared role must exist (one SHOW ROLES per process).
    "SHOW ROLES",
    "CREATE SECURITY INTEGRATION MY_APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://app.example.com/cb' BLOCKED_ROLES_LIST = (SYSADMIN)",
    "DESCRIBE INTEGRATION MY_APP",
    "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('MY_APP')",
    // DESCRIBE shows privileged roles the program did not declare: learn once per process whether Snowflake adds them
    "SHOW PARAMETERS LIKE 'OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST' IN ACCOUNT",
  ]);
  assert.equal(r.outs.privilegedRolesAdded, true);
  assert.ok(r.outs.clientId);
  assert.ok(r.outs.clientSecret && r.outs.clientSecret2);
  assert.ok(String(r.outs.tokenEndpoint).endsWith("/oauth/token-request"));
  assert.deepEqual(
    r.outs.effectiveBlockedRoles.filter((x: string) => x === "SYSADMIN"),
    ["SYSADMIN"],
  );
  (globalThis as any).__customOuts = r.outs;
});

test("custom OAuth: no-op diff sends only the DESCRIBE", async () => {
  const outs = (globalThis as any).__customOuts;
  const news = {
    name: "my_app",
    kind: "oauth-custom",
    oauthClientType: "CONFIDENTIAL",
    oauthRedirectUri: "https://app.example.com/cb",
    blockedRolesList: ["sysadmin"],
  };
  const m1 = mark();
  const d1 = await P.diff("MY_APP", outs, news);
  assert.equal(d1.changes, false);
  assert.deepEqual(sent(m1), ["DESCRIBE INTEGRATION MY_APP"]);
  const m2 = mark();
  const d2 = await P.diff("MY_APP", outs, news);
  assert.equal(d2.changes, false);
  assert.deepEqual(sent(m2), ["DESCRIBE INTEGRATION MY_APP"]);
});

test("custom OAuth: refresh (read, then the engine's diff) reads the object once; the next diff reads it again", async () => {
  const outs = (globalThis as any).__customOuts;
  const news = {
    name: "my_app",
    kind: "oauth-custom",
    oauthClientType: "CONFIDENTIAL",
    oauthRedirectUri: "https://app.example.com/cb",
    blockedRolesList: ["sysadmin"],
  };
  const m1 = mark();
  const r = await P.read("MY_APP", outs);
  assert.equal(r.id, "MY_APP");
  assert.equal((await P.diff("MY_APP", r.props, r.inputs)).changes, false);
  assert.deepEqual(
    sent(m1).filter((x) => !x.startsWith("SHOW PARAMETERS")),
    ["DESCRIBE INTEGRATION MY_APP"],
  );
  // The read's observation is used once: a later diff (e.g. the next `up` in the same process) describes again.
  const m2 = mark();
  assert.equal((await P.diff("MY_APP", r.props, news)).changes, false);
  assert.deepEqual(sent(m2), ["DESCRIBE INTEGRATION MY_APP"]);
});

test("custom OAuth: update = (diff's DESCRIBE) + one SET + one UNSET + DESCRIBE; drift (out-of-band SET/UNSET) repaired", async () => {
  let outs = (globalThis as any).__customOuts;
  const base = { name: "my_app", kind: "oauth-custom", oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://app.example.com/cb" };
  await viaAdmin("CREATE NETWORK POLICY corp ALLOWED_IP_LIST = ('10.0.0.0/8')");
  const news1 = { ...base, blockedRolesList: ["sysadmin"], comment: "hello", networkPolicy: "corp", oauthEnforcePkce: true };
  const m = mark();
  const d = await P.diff("MY_APP", outs, news1);
  assert.equal(d.changes, true);
  const u = await P.update("MY_APP", outs, news1);
  assert.deepEqual(sent(m), [
    "DESCRIBE INTEGRATION MY_APP",
    "ALTER SECURITY INTEGRATION MY_APP SET OAUTH_ENFORCE_PKCE = TRUE, NETWORK_POLICY = 'CORP', COMMENT = 'hello'",
    "DESCRIBE INTEGRATION MY_APP",
  ]);
  outs = u.outs;
  // out-of-band changes
  await viaAdmin("ALTER SECURITY INTEGRATION MY_APP SET OAUTH_ENFORCE_PKCE = FALSE, BLOCKED_ROLES_LIST = (PUBLIC)");
  await viaAdmin("ALTER SECURITY INTEGRATION MY_APP UNSET COMMENT");
  const m2 = mark();
  const read: any = await P.read("MY_APP", outs);
  assert.equal(read.inputs?.oauthEnforcePkce, undefined, "back at its default → undeclared");
  assert.deepEqual(read.inputs?.blockedRolesList, ["PUBLIC"]);
  assert.equal(read.inputs?.comment, undefined);
  assert.deepEqual(
    sent(m2).filter((s) => !s.startsWith("SHOW PARAMETERS")),
    ["DESCRIBE INTEGRATION MY_APP"],
  );
  // The diff right after the read (as in `pulumi up --refresh`) uses the read's DESCRIBE; update uses the diff's.
  const m3 = mark();
  assert.equal((await P.diff("MY_APP", read.props, news1)).changes, true);
  const u2 = await P.update("MY_APP", read.props, news1);
  assert.deepEqual(sent(m3), [
    "ALTER SECURITY INTEGRATION MY_APP SET OAUTH_ENFORCE_PKCE = TRUE, BLOCKED_ROLES_LIST = (SYSADMIN), COMMENT = 'hello'",
    "DESCRIBE INTEGRATION MY_APP",
  ]);
  // back to the minimal program: SET defaults + UNSET
  const m4 = mark();
  await P.diff("MY_APP", u2.outs, base);
  const u3 = await P.update("MY_APP", u2.outs, base);
  assert.deepEqual(sent(m4), [
    "DESCRIBE INTEGRATION MY_APP",
    "ALTER SECURITY INTEGRATION MY_APP SET OAUTH_ENFORCE_PKCE = FALSE, BLOCKED_ROLES_LIST = ()",
    "ALTER SECURITY INTEGRATION MY_APP UNSET NETWORK_POLICY, COMMENT",
    "DESCRIBE INTEGRATION MY_APP",
  ]);
  assert.equal((await P.diff("MY_APP", u3.outs, base)).changes, false);
  (globalThis as any).__customOuts = u3.outs;
});

test("custom OAuth: key slots by fingerprint, secret rotation, out-of-band DROP → read returns no id", async () => {
  let outs = (globalThis as any).__customOuts;
  const base = { name: "my_app", kind: "oauth-custom", oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://app.example.com/cb" };
  const k1 = generateRsaKey("p1");
  const k2 = generateRsaKey("p2");
  const pem = (k: { publicBody: string }) => `-----BEGIN PUBLIC KEY-----\n${k.publicBody}\n-----END PUBLIC KEY-----\n`;
  const news = { ...base, rsaPublicKeys: [pem(k1)] };
  const m = mark();
  await P.diff("MY_APP", outs, news);
  outs = (await P.update("MY_APP", outs, news)).outs;
  assert.equal(outs.rsaPublicKeyFp, k1.fingerprint);
  // the emulator's log redacts key bodies
  assert.deepEqual(sent(m).slice(1, 2), ["ALTER SECURITY INTEGRATION MY_APP SET OAUTH_CLIENT_RSA_PUBLIC_KEY = '***'"]);
  assert.equal((await P.diff("MY_APP", outs, news)).changes, false);
  // rotation step 1 (add) then step 3 (remove old): SET never after UNSET
  const both = { ...base, rsaPublicKeys: [pem(k1), pem(k2)] };
  await P.diff("MY_APP", outs, both);
  outs = (await P.update("MY_APP", outs, both)).outs;
  assert.deepEqual(outs.rsaPublicKeyFingerprints, [k1.fingerprint, k2.fingerprint]);
  const only2 = { ...base, rsaPublicKeys: [pem(k2)] };
  const m2 = mark();
  await P.diff("MY_APP", outs, only2);
  outs = (await P.update("MY_APP", outs, only2)).outs;
  assert.deepEqual(sent(m2), [
    "DESCRIBE INTEGRATION MY_APP",
    "ALTER SECURITY INTEGRATION MY_APP UNSET OAUTH_CLIENT_RSA_PUBLIC_KEY",
    "DESCRIBE INTEGRATION MY_APP",
  ]);
  // out-of-band key removal is seen by fingerprint and repaired by SET
  await viaAdmin("ALTER SECURITY INTEGRATION MY_APP UNSET OAUTH_CLIENT_RSA_PUBLIC_KEY_2");
  const mk = mark();
  assert.equal((await P.diff("MY_APP", outs, only2)).changes, true);
  outs = (await P.update("MY_APP", outs, only2)).outs;
  assert.equal(sent(mk)[1], "ALTER SECURITY INTEGRATION MY_APP SET OAUTH_CLIENT_RSA_PUBLIC_KEY = '***'");
  assert.deepEqual(outs.rsaPublicKeyFingerprints, [k2.fingerprint]);
  // secret rotation
  const before = outs.clientSecret;
  const rot = { ...only2, clientSecretRotation: { secret1: 1 } };
  const m3 = mark();
  await P.diff("MY_APP", outs, rot);
  outs = (await P.update("MY_APP", outs, rot)).outs;
  assert.deepEqual(sent(m3), [
    "DESCRIBE INTEGRATION MY_APP",
    "ALTER SECURITY INTEGRATION MY_APP REFRESH OAUTH_CLIENT_SECRET",
    "DESCRIBE INTEGRATION MY_APP",
    "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('MY_APP')",
  ]);
  assert.notEqual(outs.clientSecret, before);
  assert.equal((await P.diff("MY_APP", outs, rot)).changes, false);
  // out-of-band drop
  await viaAdmin("DROP INTEGRATION MY_APP");
  assert.deepEqual(await P.read("MY_APP", outs), {});
  const d = await P.diff("MY_APP", outs, rot);
  assert.deepEqual(d, { changes: true, replaces: ["name"], deleteBeforeReplace: true });
  const m4 = mark();
  await P.delete("MY_APP", outs);
  assert.deepEqual(sent(m4), ["DROP INTEGRATION IF EXISTS MY_APP"]);
});

test("adopt: CREATE on an existing name fails with a hint; adoptExisting converges it", async () => {
  await viaAdmin(
    "CREATE SECURITY INTEGRATION ADOPT_ME TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://a/cb' COMMENT = 'old'",
  );
  const inputs = { name: "adopt_me", kind: "oauth-custom", oauthClientType: "PUBLIC", oauthRedirectUri: "https://a/cb" };
  await assert.rejects(P.create(inputs), /already exists.*adoptExisting: true/);
  const m = mark();
  const r = await P.create({ ...inputs, adoptExisting: true });
  assert.deepEqual(sent(m), [
    "DESCRIBE INTEGRATION ADOPT_ME",
    "ALTER SECURITY INTEGRATION ADOPT_ME UNSET COMMENT",
    "DESCRIBE INTEGRATION ADOPT_ME",
    "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('ADOPT_ME')",
  ]);
  assert.equal((await P.diff("ADOPT_ME", r.outs, { ...inputs, adoptExisting: true })).changes, false);
  await P.delete("ADOPT_ME", r.outs);
});

test("partner, External OAuth and network policy: create / no-op / update / delete statements", async () => {
  const PP = providers.partnerOAuthIntegration;
  const m = mark();
  const t = await PP.create({ name: "tableau", kind: "oauth-partner", oauthClient: "TABLEAU_DESKTOP", oauthRefreshTokenValidity: 36000 });
  assert.deepEqual(sent(m), [
    "CREATE SECURITY INTEGRATION TABLEAU TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP OAUTH_REFRESH_TOKEN_VALIDITY = 36000",
    "DESCRIBE INTEGRATION TABLEAU",
  ]);
  assert.equal(
    (
      await PP.diff("TABLEAU", t.outs, {
        name: "tableau",
        kind: "oauth-partner",
        oauthClient: "TABLEAU_DESKTOP",
        oauthRefreshTokenValidity: 36000,
      })
    ).changes,
    false,
  );
  await PP.delete("TABLEAU", t.outs);

  const EP = providers.externalOAuthIntegration;
  const ext = {
    name: "okta",
    kind: "external-oauth",
    externalOAuthType: "OKTA",
    externalOAuthIssuer: "https://idp",
    externalOAuthTokenUserMappingClaim: ["sub"],
    externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
    externalOAuthJwsKeysUrl: ["https://idp/keys"],
    externalOAuthAudienceList: ["aud"],
  };
  const m2 = mark();
  const e = await EP.create(ext);
  assert.deepEqual(sent(m2), [
    "CREATE SECURITY INTEGRATION OKTA TYPE = EXTERNAL_OAUTH EXTERNAL_OAUTH_TYPE = OKTA ENABLED = TRUE EXTERNAL_OAUTH_ISSUER = 'https://idp' EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM = ('sub') " +
      "EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE = 'LOGIN_NAME' EXTERNAL_OAUTH_JWS_KEYS_URL = ('https://idp/keys') EXTERNAL_OAUTH_AUDIENCE_LIST = ('aud')",
    "DESCRIBE INTEGRATION OKTA",
    "SHOW PARAMETERS LIKE 'EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST' IN ACCOUNT",
  ]);
  assert.equal((await EP.diff("OKTA", e.outs, ext)).changes, false);
  const ext2 = { ...ext, externalOAuthAudienceList: undefined, comment: "c" };
  const m3 = mark();
  await EP.diff("OKTA", e.outs, ext2);
  const e2 = await EP.update("OKTA", e.outs, ext2);
  assert.deepEqual(sent(m3), [
    "DESCRIBE INTEGRATION OKTA",
    "ALTER SECURITY INTEGRATION OKTA SET COMMENT = 'c'",
    "ALTER SECURITY INTEGRATION OKTA UNSET EXTERNAL_OAUTH_AUDIENCE_LIST",
    "DESCRIBE INTEGRATION OKTA",
  ]);
  assert.equal((await EP.diff("OKTA", e2.outs, ext2)).changes, false);
  await EP.delete("OKTA", e2.outs);

  const NP = providers.networkPolicy;
  const np = { name: "np1", kind: "network-policy", allowedIpList: ["192.168.1.0/24"], comment: "c" };
  const m4 = mark();
  const n = await NP.create(np);
  assert.deepEqual(sent(m4), [
    "CREATE NETWORK POLICY NP1 ALLOWED_IP_LIST = ('192.168.1.0/24') COMMENT = 'c'",
    "DESCRIBE NETWORK POLICY NP1",
    "SHOW NETWORK POLICIES LIKE 'NP1'",
  ]);
  assert.equal((await NP.diff("NP1", n.outs, np)).changes, false);
  const np2 = { name: "np2", kind: "network-policy", allowedIpList: ["10.0.0.0/8"] };
  const m5 = mark();
  await NP.diff("NP1", n.outs, np2);
  const n2 = await NP.update("NP1", n.outs, np2);
  assert.deepEqual(sent(m5), [
    "DESCRIBE NETWORK POLICY NP1",
    "SHOW NETWORK POLICIES LIKE 'NP1'",
    // The lockout guard (a list changes): who and where the provider is, and the policies in force (none here).
    "SELECT CURRENT_USER() AS U, CURRENT_IP_ADDRESS() AS IP",
    "SHOW PARAMETERS LIKE 'NETWORK_POLICY' IN USER ADMIN",
    "SHOW PARAMETERS LIKE 'NETWORK_POLICY' IN ACCOUNT",
    "ALTER NETWORK POLICY NP1 RENAME TO NP2",
    "ALTER NETWORK POLICY NP2 SET ALLOWED_IP_LIST = ('10.0.0.0/8')",
    "ALTER NETWORK POLICY NP2 UNSET COMMENT",
    "DESCRIBE NETWORK POLICY NP2",
    "SHOW NETWORK POLICIES LIKE 'NP2'",
  ]);
  assert.equal(n2.outs.storedName, "NP2");
  assert.equal((await NP.diff("NP1", n2.outs, np2)).changes, false);
  await NP.delete("NP1", n2.outs);
});

test("retries: a transient fault on DESCRIBE/ALTER SET is retried; CREATE and REFRESH are not", async () => {
  process.env.SNOWFLAKE_OAUTH_RETRY_BASE_MS = "5";
  const inputs = { name: "retry_me", kind: "oauth-custom", oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://r/cb" };
  fx.emu.faults.set({
    failStatement: { match: "CREATE SECURITY INTEGRATION RETRY_ME", code: "000603", message: "Processing aborted due to error 300010." },
  });
  await assert.rejects(P.create(inputs), (e: any) => e.code === "000603");
  fx.emu.faults.clear();
  const r = await P.create(inputs);
  fx.emu.faults.set({
    failStatement: { match: "DESCRIBE INTEGRATION RETRY_ME", code: "000603", message: "Processing aborted due to error 300010.", times: 2 },
  });
  const m = mark();
  assert.equal((await P.diff("RETRY_ME", r.outs, inputs)).changes, false);
  assert.deepEqual(sent(m), ["DESCRIBE INTEGRATION RETRY_ME", "DESCRIBE INTEGRATION RETRY_ME", "DESCRIBE INTEGRATION RETRY_ME"]);
  const news = { ...inputs, comment: "x" };
  fx.emu.faults.set({
    failStatement: { match: "ALTER SECURITY INTEGRATION RETRY_ME SET", code: "000603", message: "Processing aborted due to error 300010." },
  });
  const u = await P.update("RETRY_ME", r.outs, news);
  assert.equal(u.outs.comment, "x");
  fx.emu.faults.set({
    failStatement: { match: "REFRESH OAUTH_CLIENT_SECRET", code: "000603", message: "Processing aborted due to error 300010." },
  });
  await assert.rejects(P.update("RETRY_ME", u.outs, { ...news, clientSecretRotation: { secret1: 1 } }), (e: any) => e.code === "000603");
  fx.emu.faults.set({
    failStatement: {
      match: "DESCRIBE INTEGRATION RETRY_ME",
      code: "002003",
      message: "SQL compilation error:\nIntegration 'RETRY_ME' does not exist or not authorized.",
    },
  });
  const m2 = mark();
  assert.deepEqual(await P.read("RETRY_ME", u.outs), {}, "non-transient errors are not retried");
  assert.equal(sent(m2).length, 1);
  fx.emu.faults.clear();
  await P.delete("RETRY_ME", u.outs);
});

test("one login for every statement of this file (shared session)", () => {
  const logins = fx.emu.log.entries().filter((e) => e.kind === "login" && e.outcome === "ok").length;
  assert.equal(stats().logins, 1);
  assert.equal(logins, 2, "the provider's session + the test's admin connection");
});
