/**
 * End-to-end through the real Pulumi engine (CLI + dynamic provider process) against the in-process emulator:
 * create, no-op, update, refresh, drift, adopt, replace, delete and validation errors, with exact statement counts
 * and logins per operation from the emulator's log, and a scan of the exported state for plaintext secrets.
 */
import { connect, destroy, exec } from "../helpers/emulator";
import { after, before, describe } from "node:test";
import { steps } from "../helpers/steps";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../emulator/index";
import { createTestStack, type TestStack } from "../helpers/pulumi";
import { ExternalOAuthIntegration, NetworkPolicy, OAuthIntegration, PartnerOAuthIntegration } from "../../sdk/index";

let emu: Emulator;
let admin: any;
let adminSession: number | null = null;

before(async () => {
  emu = await startEmulator({ port: 0 });
  admin = await connect(emu);
  await exec(admin, "SELECT 1");
  adminSession =
    emu.log
      .entries()
      .filter((e) => e.kind === "statement")
      .pop()?.sessionId ?? null;
});
after(async () => {
  await destroy(admin);
  await emu.stop();
});

function mark(): number {
  const e = emu.log.entries();
  return e.length ? e[e.length - 1].seq : 0;
}
/** What the provider (every session but the test's admin one) sent since `m`. */
function since(m: number): { statements: string[]; logins: number } {
  const es = emu.log.entries().filter((e) => e.seq > m && e.sessionId !== adminSession);
  return {
    statements: es.filter((e) => e.kind === "statement").map((e) => e.text),
    logins: es.filter((e) => e.kind === "login" && e.outcome === "ok").length,
  };
}
/** Every file of the stack's file backend, concatenated. */
function rawState(s: TestStack): string {
  const url = String(s.stack.workspace.envVars.PULUMI_BACKEND_URL ?? "");
  const dir = url.replace(/^file:\/\//, "");
  const walk = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  return walk(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => fs.readFileSync(f, "utf8"))
    .join("\n");
}
const target = () => ({ url: emu.url, account: emu.account });
const writes = (s: string[]) => s.filter((x) => !/^(DESCRIBE|SHOW|SELECT)/.test(x));

/** Measured numbers, printed at the end for the report. */
const measured: Record<string, { statements: number; logins: number; writes: string[] }> = {};
function measure(label: string, r: { statements: string[]; logins: number }): void {
  measured[label] = { statements: r.statements.length, logins: r.logins, writes: r.statements };
}

describe("custom OAuth + network policy: create, no-op, update, drift+refresh, out-of-band drop, replace, adopt, validation, destroy", () => {
  let v = 1;
  const program = async () => {
    const np = new NetworkPolicy("corp", { allowedIpList: ["10.0.0.0/8"], comment: v >= 2 ? "corp v2" : undefined });
    const app = new OAuthIntegration("app", {
      oauthClientType: v >= 4 ? "PUBLIC" : "CONFIDENTIAL",
      oauthRedirectUri: "https://app.example.com/cb",
      blockedRolesList: ["sysadmin"],
      networkPolicy: np.name,
      comment: v >= 2 ? "v2" : undefined,
      oauthEnforcePkce: v >= 2 ? true : undefined,
    });
    return { clientId: app.clientId, clientSecret: app.clientSecret, effective: app.effectiveBlockedRoles };
  };
  let s: TestStack;
  let m: number;
  let state: string;
  before(async () => {
    s = await createTestStack({ name: "provider-custom", target: target(), program });
  });
  after(async () => {
    await s?.dispose();
  });
  const step = steps();

  step("Preview of the first deployment", async () => {
    // Preview of the first deployment: nothing is written. The one read is the reference check: the declared roles
    // must exist (SHOW ROLES); the network policy is created by this same deployment, so it is not looked up.
    m = mark();
    const pre = await s.preview(program);
    assert.equal(pre.changeSummary.create, 3);
    assert.deepEqual(since(m), { statements: ["SHOW ROLES"], logins: 1 });
    m = mark();
    const up1 = await s.up(program);
    const c1 = since(m);
    measure("custom+np create", c1);
    assert.equal(up1.summary.resourceChanges?.create, 3);
    assert.equal(c1.logins, 1, "one login per pulumi up");
    assert.deepEqual(writes(c1.statements), [
      "CREATE NETWORK POLICY CORP ALLOWED_IP_LIST = ('10.0.0.0/8')",
      "CREATE SECURITY INTEGRATION APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://app.example.com/cb' NETWORK_POLICY = 'CORP' BLOCKED_ROLES_LIST = (SYSADMIN)",
    ]);
    assert.ok(up1.outputs.clientSecret.secret, "clientSecret is a Pulumi secret");
    assert.ok((up1.outputs.effective.value as string[]).includes("SYSADMIN"));
  });

  step("State scan", async () => {
    // State scan: the real secrets and the password never appear in plaintext.
    const [sec] = await exec(admin, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('APP')");
    const secrets = JSON.parse(String(Object.values(sec)[0]));
    // The raw state files of the file backend (exportDeployment() runs `stack export --show-secrets`).
    state = rawState(s);
    assert.ok(state.includes("ciphertext"), "secret outputs are encrypted in the state file");
    for (const sv of [secrets.OAUTH_CLIENT_SECRET, secrets.OAUTH_CLIENT_SECRET_2]) {
      const i = state.indexOf(sv);
      assert.ok(
        i < 0,
        `no plaintext client secret in state (found near: ${i < 0 ? "" : state.slice(Math.max(0, i - 300), i).replace(sv, "<SECRET>")})`,
      );
    }
    const providerTexts = [...state.matchAll(/"__provider": ?"((?:[^"\\]|\\.)*)"/g)].map((x) => x[1]);
    assert.ok(providerTexts.length > 0);
    for (const t of providerTexts) {
      assert.ok(!/admin|password|127\.0\.0\.1/.test(t), "serialized provider captures no credential or address");
      assert.ok(t.length < 6000, `serialized provider is small (${t.length})`);
    }
  });

  step("No-op", async () => {
    // No-op: DESCRIBEs only.
    m = mark();
    const up2 = await s.up(program);
    const c2 = since(m);
    measure("custom+np no-op up", c2);
    assert.equal(up2.summary.resourceChanges?.same, 3);
    assert.deepEqual(writes(c2.statements), []);
    assert.equal(c2.logins, 1);
  });

  step("Update", async () => {
    // Update: one ALTER per object.
    v = 2;
    m = mark();
    const up3 = await s.up(program);
    const c3 = since(m);
    measure("custom+np update", c3);
    assert.equal(up3.summary.resourceChanges?.update, 2);
    assert.deepEqual(writes(c3.statements), [
      "ALTER NETWORK POLICY CORP SET COMMENT = 'corp v2'",
      "ALTER SECURITY INTEGRATION APP SET OAUTH_ENFORCE_PKCE = TRUE, COMMENT = 'v2'",
    ]);
  });

  step("Drift", async () => {
    // Drift: out-of-band SET and UNSET; refresh notices; next up repairs with one ALTER SET.
    await exec(admin, "ALTER SECURITY INTEGRATION APP SET OAUTH_ENFORCE_PKCE = FALSE, BLOCKED_ROLES_LIST = (PUBLIC)");
    await exec(admin, "ALTER SECURITY INTEGRATION APP UNSET COMMENT");
    m = mark();
    const ref = await s.refresh();
    measure("refresh (drifted)", since(m));
    assert.equal(ref.summary.resourceChanges?.update, 1);
    m = mark();
    await s.up(program);
    const c4 = since(m);
    measure("drift repair up", c4);
    assert.deepEqual(writes(c4.statements), [
      "ALTER SECURITY INTEGRATION APP SET OAUTH_ENFORCE_PKCE = TRUE, BLOCKED_ROLES_LIST = (SYSADMIN), COMMENT = 'v2'",
    ]);
  });

  step("Drift without refresh is repaired by a plain up too", async () => {
    // Drift without refresh is repaired by a plain up too.
    await exec(admin, "ALTER SECURITY INTEGRATION APP SET OAUTH_ENFORCE_PKCE = FALSE");
    m = mark();
    await s.up(program);
    assert.deepEqual(writes(since(m).statements), ["ALTER SECURITY INTEGRATION APP SET OAUTH_ENFORCE_PKCE = TRUE"]);
  });

  step("Out-of-band DROP", async () => {
    // Out-of-band DROP: refresh removes it from state; up recreates it.
    await exec(admin, "DROP INTEGRATION APP");
    const ref2 = await s.refresh();
    assert.equal(ref2.summary.resourceChanges?.delete, 1);
    m = mark();
    const up5 = await s.up(program);
    assert.equal(up5.summary.resourceChanges?.create, 1);
    assert.equal(writes(since(m).statements).length, 1);
  });

  step("Replace (immutable client type)", async () => {
    // Replace (immutable client type): same name, so delete first.
    v = 4;
    m = mark();
    const up6 = await s.up(program);
    const c6 = since(m);
    measure("replace (client type)", c6);
    assert.equal(up6.summary.resourceChanges?.replace, 1);
    assert.deepEqual(
      writes(c6.statements).map((x) => x.split(" OAUTH_CLIENT_TYPE")[0]),
      ["DROP INTEGRATION IF EXISTS APP", "CREATE SECURITY INTEGRATION APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM"],
    );
  });

  step("Validation error at preview", async () => {
    // Validation error at preview: names the field, sends nothing.
    m = mark();
    const bad = async () => {
      new OAuthIntegration("bad", {
        oauthClientType: "CONFIDENTIAL",
        oauthRedirectUri: "http://insecure/cb",
        oauthRefreshTokenValidity: 5,
      });
    };
    await assert.rejects(
      s.preview(bad),
      (e: any) => /oauthRedirectUri/.test(String(e.message)) && /oauthRefreshTokenValidity/.test(String(e.message)),
    );
    assert.deepEqual(since(m).statements, []);
  });

  step("Delete", async () => {
    // Delete.
    m = mark();
    await s.destroy();
    const c7 = since(m);
    measure("custom+np destroy", c7);
    assert.deepEqual(writes(c7.statements), ["DROP INTEGRATION IF EXISTS APP", "DROP NETWORK POLICY IF EXISTS CORP"]);
  });
});

describe("adopt (import by name), partner and External OAuth: create, no-op, update, drift+refresh, replace, validation, delete", () => {
  let v = 1;
  const program = async () => {
    new OAuthIntegration("legacy", {
      oauthClientType: "PUBLIC",
      oauthRedirectUri: "https://legacy/cb",
      comment: "managed",
      adoptExisting: true,
    });
    new PartnerOAuthIntegration("looker", {
      oauthClient: "LOOKER",
      oauthRedirectUri: "https://looker.example.com/cb",
      enabled: v === 1 ? undefined : false,
    });
    new ExternalOAuthIntegration("okta", {
      name: v >= 3 ? "okta_v3" : "okta",
      externalOAuthType: "OKTA",
      externalOAuthIssuer: "https://example.okta.com/oauth2/default",
      externalOAuthJwsKeysUrl: ["https://example.okta.com/oauth2/default/v1/keys"],
      externalOAuthTokenUserMappingClaim: ["sub"],
      externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
      externalOAuthAudienceList: v === 1 ? ["https://acct.snowflakecomputing.com"] : undefined,
    });
  };
  let s: TestStack;
  let m: number;
  before(async () => {
    await exec(
      admin,
      "CREATE SECURITY INTEGRATION LEGACY TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://legacy/cb' COMMENT = 'by hand'",
    );
    s = await createTestStack({ name: "provider-others", target: target(), program });
  });
  after(async () => {
    await s?.dispose();
    console.log("MEASURED " + JSON.stringify(measured, null, 1));
  });
  const step = steps();

  step("create (+ adopt)", async () => {
    m = mark();
    const up1 = await s.up(program);
    const c1 = since(m);
    measure("adopt+partner+external create", c1);
    assert.equal(up1.summary.resourceChanges?.create, 4);
    assert.equal(c1.logins, 1);
    assert.deepEqual(writes(c1.statements).sort(), [
      "ALTER SECURITY INTEGRATION LEGACY SET COMMENT = 'managed'",
      "CREATE SECURITY INTEGRATION LOOKER TYPE = OAUTH OAUTH_CLIENT = LOOKER OAUTH_REDIRECT_URI = 'https://looker.example.com/cb'",
      "CREATE SECURITY INTEGRATION OKTA TYPE = EXTERNAL_OAUTH EXTERNAL_OAUTH_TYPE = OKTA ENABLED = TRUE EXTERNAL_OAUTH_ISSUER = 'https://example.okta.com/oauth2/default' " +
        "EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM = ('sub') EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE = 'LOGIN_NAME' " +
        "EXTERNAL_OAUTH_JWS_KEYS_URL = ('https://example.okta.com/oauth2/default/v1/keys') EXTERNAL_OAUTH_AUDIENCE_LIST = ('https://acct.snowflakecomputing.com')",
    ]);
  });

  step("No-op", async () => {
    // No-op: nothing is written.
    m = mark();
    const up2 = await s.up(program);
    const c2 = since(m);
    measure("3 integrations no-op up", c2);
    assert.equal(up2.summary.resourceChanges?.same, 4);
    assert.deepEqual(writes(c2.statements), []);
  });

  step("Update", async () => {
    // Update: one ALTER per changed object.
    v = 2;
    m = mark();
    await s.up(program);
    assert.deepEqual(writes(since(m).statements).sort(), [
      "ALTER SECURITY INTEGRATION LOOKER SET ENABLED = FALSE",
      "ALTER SECURITY INTEGRATION OKTA UNSET EXTERNAL_OAUTH_AUDIENCE_LIST",
    ]);
  });

  step("Drift on partner and External OAuth", async () => {
    // Drift on partner and External OAuth: refresh notices, up repairs.
    await exec(admin, "ALTER SECURITY INTEGRATION LOOKER SET COMMENT = 'by hand'");
    await exec(admin, "ALTER SECURITY INTEGRATION OKTA SET EXTERNAL_OAUTH_ANY_ROLE_MODE = ENABLE");
    const ref = await s.refresh();
    assert.equal(ref.summary.resourceChanges?.update, 2);
    m = mark();
    await s.up(program);
    assert.deepEqual(writes(since(m).statements).sort(), [
      "ALTER SECURITY INTEGRATION LOOKER UNSET COMMENT",
      "ALTER SECURITY INTEGRATION OKTA SET EXTERNAL_OAUTH_ANY_ROLE_MODE = DISABLE",
    ]);
  });

  step("Rename → replacement", async () => {
    // Rename → replacement; names differ, so create first, then drop.
    v = 3;
    m = mark();
    const up4 = await s.up(program);
    assert.equal(up4.summary.resourceChanges?.replace, 1);
    assert.deepEqual(
      writes(since(m).statements).map((x) => x.slice(0, 60)),
      ["CREATE SECURITY INTEGRATION OKTA_V3 TYPE = EXTERNAL_OAUTH EX", "DROP INTEGRATION IF EXISTS OKTA"],
    );
  });

  step("Validation errors at preview (the engine stops at the first failing resource", async () => {
    // Validation errors at preview (the engine stops at the first failing resource: one program each).
    m = mark();
    const bads: [() => Promise<void>, string][] = [
      [
        async () =>
          void new PartnerOAuthIntegration("t", { oauthClient: "LOOKER", oauthRedirectUri: "https://l/cb", oauthRefreshTokenValidity: 99 }),
        "oauthRefreshTokenValidity",
      ],
      [
        async () =>
          void new ExternalOAuthIntegration("e", {
            externalOAuthType: "OKTA",
            externalOAuthIssuer: "https://i",
            externalOAuthTokenUserMappingClaim: ["sub"],
            externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
          }),
        "externalOAuthJwsKeysUrl",
      ],
      [async () => void new NetworkPolicy("n", { allowedIpList: ["not-an-ip"] }), "allowedIpList[0]"],
    ];
    for (const [bad, field] of bads) await assert.rejects(s.preview(bad), (e: any) => String(e.message).includes(field));
    assert.deepEqual(since(m).statements, []);
  });

  step("Delete", async () => {
    // Delete: one DROP each.
    m = mark();
    await s.destroy();
    assert.deepEqual(writes(since(m).statements).sort(), [
      "DROP INTEGRATION IF EXISTS LEGACY",
      "DROP INTEGRATION IF EXISTS LOOKER",
      "DROP INTEGRATION IF EXISTS OKTA_V3",
    ]);
  });
});

describe("network policy rename in place, drift, adopt; partner replace (oauthClient) deletes first", () => {
  let v = 1;
  const program = async () => {
    const np = new NetworkPolicy("np", {
      name: v >= 2 ? '"edge np"' : "edge",
      allowedIpList: ["10.0.0.0/8"],
      blockedIpList: ["10.0.0.99"],
    });
    new NetworkPolicy("existing", { name: "existing_np", allowedIpList: ["1.1.1.1", "2.2.2.2"], adoptExisting: true });
    new PartnerOAuthIntegration("tableau", { oauthClient: v >= 3 ? "TABLEAU_SERVER" : "TABLEAU_DESKTOP", networkPolicy: np.name });
  };
  let s: TestStack;
  let m: number;
  before(async () => {
    await exec(admin, "CREATE NETWORK POLICY EXISTING_NP ALLOWED_IP_LIST = ('1.1.1.1') COMMENT = 'by hand'");
    s = await createTestStack({ name: "provider-np", target: target(), program });
  });
  after(async () => {
    await s?.dispose();
  });
  const step = steps();

  step("create (+ adopt)", async () => {
    m = mark();
    await s.up(program);
    // The two policies are independent, so the engine may interleave their statements; each policy's own order,
    // and the integration after the policy it references, are fixed.
    const w = writes(since(m).statements);
    assert.deepEqual(
      w.filter((x) => /EXISTING_NP/.test(x)),
      ["ALTER NETWORK POLICY EXISTING_NP SET ALLOWED_IP_LIST = ('1.1.1.1', '2.2.2.2')", "ALTER NETWORK POLICY EXISTING_NP UNSET COMMENT"],
    );
    assert.deepEqual(
      w.filter((x) => !/EXISTING_NP/.test(x)),
      [
        "CREATE NETWORK POLICY EDGE ALLOWED_IP_LIST = ('10.0.0.0/8') BLOCKED_IP_LIST = ('10.0.0.99')",
        "CREATE SECURITY INTEGRATION TABLEAU TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP NETWORK_POLICY = 'EDGE'",
      ],
    );
    assert.equal(w.length, 4);
  });

  step("Drift on a policy", async () => {
    // Drift on a policy: refresh notices, up repairs with one SET (lists) and one UNSET.
    await exec(admin, "ALTER NETWORK POLICY EDGE SET BLOCKED_IP_LIST = ('10.0.0.98'), COMMENT = 'x'");
    const ref = await s.refresh();
    assert.equal(ref.summary.resourceChanges?.update, 1);
    m = mark();
    await s.up(program);
    assert.deepEqual(writes(since(m).statements), [
      "ALTER NETWORK POLICY EDGE SET BLOCKED_IP_LIST = ('10.0.0.99')",
      "ALTER NETWORK POLICY EDGE UNSET COMMENT",
    ]);
  });

  step("Rename in place to a case-sensitive name", async () => {
    // Rename in place to a case-sensitive name. The integration references the policy object, so DESCRIBE already
    // shows the new name: its diff is empty and nothing is sent for it.
    v = 2;
    m = mark();
    const up3 = await s.up(program);
    assert.equal(up3.summary.resourceChanges?.update, 1);
    assert.deepEqual(writes(since(m).statements), ['ALTER NETWORK POLICY EDGE RENAME TO "edge np"']);
  });

  step("No-op after the rename", async () => {
    // No-op after the rename: nothing is written.
    m = mark();
    const up4 = await s.up(program);
    assert.equal(up4.summary.resourceChanges?.same, 4);
    assert.deepEqual(writes(since(m).statements), []);
  });

  step("Partner client change", async () => {
    // Partner client change: same name → DROP first, then CREATE.
    v = 3;
    m = mark();
    const up5 = await s.up(program);
    assert.equal(up5.summary.resourceChanges?.replace, 1);
    assert.deepEqual(writes(since(m).statements), [
      "DROP INTEGRATION IF EXISTS TABLEAU",
      `CREATE SECURITY INTEGRATION TABLEAU TYPE = OAUTH OAUTH_CLIENT = TABLEAU_SERVER NETWORK_POLICY = '"edge np"'`,
    ]);
  });

  step("Delete", async () => {
    // Delete: the integration, then the policies.
    m = mark();
    await s.destroy();
    assert.deepEqual(
      writes(since(m).statements).sort(),
      ["DROP INTEGRATION IF EXISTS TABLEAU", 'DROP NETWORK POLICY IF EXISTS "edge np"', "DROP NETWORK POLICY IF EXISTS EXISTING_NP"].sort(),
    );
  });
});
