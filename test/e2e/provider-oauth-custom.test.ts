/**
 * OAuthIntegration (custom client) through the real Pulumi engine against the emulator, in one stack life cycle:
 * preview → create (+ adopt an existing integration by name) → no-op → re-spelled role names (no-op) → update
 * (one SET, one UNSET, a secret rotation) → out-of-band SET/UNSET → refresh → repair → no-op → out-of-band DROP
 * repaired by a plain up → replace (immutable client type) → transient faults (idempotent ALTER retried, CREATE not)
 * → validation errors at preview → destroy.
 * Every step asserts the exact statements per object, their count, and one login per engine operation.
 */
import {
  ADMIN_PASSWORD,
  ProviderFixture,
  about,
  assertNoPlaintextSecrets,
  changes,
  parameterReads,
  unaccounted,
  type Measured,
  writes,
} from "../helpers/provider-fixture";
import { after, before, describe } from "node:test";
import { steps } from "../helpers/steps";
import * as assert from "node:assert/strict";
import { createTestStack, type TestStack, type UpResult } from "../helpers/pulumi";
import { OAuthIntegration } from "../../sdk/index";

const { fx, measured } = ProviderFixture.forFile(
  "OAuthIntegration",
  "CREATE ROLE ANALYST",
  'CREATE ROLE "Mixed"',
  "CREATE ROLE REPORTER",
  "CREATE SECURITY INTEGRATION LEGACY TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' " +
    "OAUTH_REDIRECT_URI = 'https://legacy.example.com/cb' OAUTH_REFRESH_TOKEN_VALIDITY = 86400 COMMENT = 'by hand'",
);

const SHOW_PARAM = "SHOW PARAMETERS LIKE 'OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST' IN ACCOUNT";
const SECRETS = (n: string) => `SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('${n}')`;
const DESC = (n: string) => `DESCRIBE INTEGRATION ${n}`;

describe(
  "OAuthIntegration: create, adopt, no-op, update, drift, refresh, repair, drop, replace, validation, delete through the engine",
  { timeout: 600_000 },
  () => {
    let v = 1;
    let blocked = ["analyst", '"Mixed"'];
    const program = async () => {
      const app = new OAuthIntegration("app", {
        oauthClientType: v >= 5 ? "PUBLIC" : "CONFIDENTIAL",
        oauthRedirectUri: "https://app.example.com/cb",
        blockedRolesList: blocked,
        preAuthorizedRolesList: v === 1 ? ["reporter"] : undefined,
        oauthUseSecondaryRoles: v === 1 ? "IMPLICIT" : undefined,
        comment: v === 1 ? "v1" : v >= 6 ? "v6" : undefined,
        oauthEnforcePkce: v >= 2 ? true : undefined,
        enabled: v >= 2 ? false : undefined,
        oauthRefreshTokenValidity: v >= 2 ? 86400 : undefined,
        clientSecretRotation: v >= 2 ? { secret1: 1 } : undefined,
      });
      const legacy = new OAuthIntegration("legacy", {
        oauthClientType: "PUBLIC",
        oauthRedirectUri: "https://legacy.example.com/cb",
        oauthEnforcePkce: true,
        adoptExisting: true,
      });
      if (v >= 7) new OAuthIntegration("extra", { oauthClientType: "PUBLIC", oauthRedirectUri: "https://extra.example.com/cb" });
      return {
        s1: app.clientSecret,
        s2: app.clientSecret2,
        id: app.clientId,
        effective: app.effectiveBlockedRoles,
        l1: legacy.clientSecret,
        l2: legacy.clientSecret2,
      };
    };
    const secretsSeen = new Set<string>();
    const keep = (o: Record<string, { value: unknown }>) => {
      for (const k of ["s1", "s2", "l1", "l2"]) if (typeof o[k]?.value === "string") secretsSeen.add(o[k].value);
    };
    let s: TestStack;
    let c: Measured<UpResult>;
    before(async () => {
      s = await createTestStack({ name: "provider-oauth-custom", target: fx.target(), program });
    });
    after(async () => {
      await s?.dispose();
    });
    const step = steps();

    step("Preview of a first deployment", async () => {
      // Preview of a first deployment: check only. The one read is the adoption notice: LEGACY (adoptExisting) is looked
      // up once, and preview says it will be adopted rather than created.
      const pre = await fx.measure(() => s.preview(program));
      assert.equal(pre.r.changeSummary.create, 3);
      assert.deepEqual(
        pre.t,
        { statements: [DESC("LEGACY")], references: ["SHOW ROLES"], failed: [], logins: 1 },
        "and one SHOW ROLES: the declared roles must exist",
      );
      assert.match(
        pre.r.stderr,
        /OAuthIntegration LEGACY: adoptExisting: the existing integration will be adopted and converged to the program, not created/,
      );
    });

    step("Create + adopt", async () => {
      // Create + adopt. One login for the whole `up`; the privileged-roles parameter is read once.
      c = await fx.measure(() => s.up(program));
      measured.record("create (1 new + 1 adopted)", c.t);
      assert.deepEqual(changes(c.r.summary), { create: 3 });
      assert.equal(c.t.logins, 1);
      assert.deepEqual(about(c.t.statements, "APP"), [
        "CREATE SECURITY INTEGRATION APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://app.example.com/cb' " +
          "PRE_AUTHORIZED_ROLES_LIST = (REPORTER) OAUTH_USE_SECONDARY_ROLES = IMPLICIT BLOCKED_ROLES_LIST = (ANALYST, \"Mixed\") COMMENT = 'v1'",
        DESC("APP"),
        SECRETS("APP"),
      ]);
      assert.deepEqual(about(c.t.statements, "LEGACY"), [
        DESC("LEGACY"), // read once by check (the adoption notice) and reused by create
        "ALTER SECURITY INTEGRATION LEGACY SET OAUTH_ENFORCE_PKCE = TRUE, OAUTH_REFRESH_TOKEN_VALIDITY = 7776000",
        "ALTER SECURITY INTEGRATION LEGACY UNSET COMMENT",
        DESC("LEGACY"),
        SECRETS("LEGACY"),
      ]);
      assert.deepEqual(parameterReads(c.t.statements), [SHOW_PARAM]);
      assert.deepEqual(unaccounted(c.t.statements, "APP", "LEGACY"), []);
      assert.equal(c.t.statements.length, 9);
      assert.deepEqual(c.t.references, ["SHOW ROLES"], "the roles are read once for the whole up");
      assert.deepEqual(c.r.outputs.effective.value, ["ACCOUNTADMIN", "ANALYST", "Mixed", "SECURITYADMIN"]);
      assert.ok(c.r.outputs.s1.secret && c.r.outputs.l1.secret, "client secrets are Pulumi secrets");
      keep(c.r.outputs);
    });

    step("No-op", async () => {
      // No-op: one DESCRIBE per integration, nothing else (the parameter is remembered in state).
      const n1 = await fx.measure(() => s.up(program));
      measured.record("no-op up (2 integrations)", n1.t);
      assert.deepEqual(changes(n1.r.summary), { same: 3 });
      assert.deepEqual([...n1.t.statements].sort(), [DESC("APP"), DESC("LEGACY")]);
      assert.equal(n1.t.logins, 1);
    });

    step("Role names compared as Snowflake resolves them", async () => {
      // Role names compared as Snowflake resolves them: `analyst` = `ANALYST`; `"Mixed"` stays case-sensitive.
      blocked = ["ANALYST", '"Mixed"'];
      const n2 = await fx.measure(() => s.up(program));
      assert.deepEqual(changes(n2.r.summary), { same: 3 });
      assert.deepEqual([...n2.t.statements].sort(), [DESC("APP"), DESC("LEGACY")], "re-spelled role names: DESCRIBE only");
    });

    step("Update", async () => {
      // Update: one SET with every changed property, one UNSET, then the rotation; the DESCRIBE of diff is reused.
      v = 2;
      const u = await fx.measure(() => s.up(program));
      measured.record("update (SET + UNSET + REFRESH)", u.t);
      assert.deepEqual(changes(u.r.summary), { same: 2, update: 1 });
      assert.equal(u.t.logins, 1);
      assert.deepEqual(about(u.t.statements, "APP"), [
        DESC("APP"),
        "ALTER SECURITY INTEGRATION APP SET OAUTH_ENFORCE_PKCE = TRUE, PRE_AUTHORIZED_ROLES_LIST = (), ENABLED = FALSE, OAUTH_REFRESH_TOKEN_VALIDITY = 86400",
        "ALTER SECURITY INTEGRATION APP UNSET OAUTH_USE_SECONDARY_ROLES, COMMENT",
        "ALTER SECURITY INTEGRATION APP REFRESH OAUTH_CLIENT_SECRET",
        DESC("APP"),
        SECRETS("APP"),
      ]);
      assert.deepEqual(about(u.t.statements, "LEGACY"), [DESC("LEGACY")]);
      assert.equal(u.t.statements.length, 7);
      assert.notEqual(u.r.outputs.s1.value, c.r.outputs.s1.value, "secret 1 rotated");
      assert.equal(u.r.outputs.s2.value, c.r.outputs.s2.value, "secret 2 kept");
      keep(u.r.outputs);
    });

    step("Out-of-band SET and UNSET", async () => {
      // Out-of-band SET and UNSET; refresh reads them back into state.
      await fx.admin(
        "ALTER SECURITY INTEGRATION APP SET OAUTH_ENFORCE_PKCE = FALSE, COMMENT = 'by hand', BLOCKED_ROLES_LIST = (ANALYST)",
        "ALTER SECURITY INTEGRATION APP UNSET ENABLED",
      );
      const r = await fx.measure(() => s.refresh());
      measured.record("refresh (2 integrations, 1 drifted)", r.t);
      assert.deepEqual(changes(r.r.summary), { same: 2, update: 1 });
      assert.equal(r.t.logins, 1);
      assert.deepEqual(about(r.t.statements, "APP"), [DESC("APP")]);
      assert.deepEqual(about(r.t.statements, "LEGACY"), [DESC("LEGACY")]);
      assert.deepEqual(parameterReads(r.t.statements), [SHOW_PARAM]);
      assert.equal(r.t.statements.length, 3);
      const refreshed = (await s.exportDeployment()).deployment.resources.find((x: any) => x.urn.endsWith("::app"));
      assert.equal(refreshed.outputs.comment, "by hand");
      assert.equal(refreshed.outputs.oauthEnforcePkce, undefined, "back at the default: undeclared");
      assert.equal(refreshed.outputs.enabled, undefined, "back at the default: undeclared");
      assert.equal(refreshed.outputs.oauthRefreshTokenValidity, 86400, "unchanged out of band: kept");
      assert.deepEqual(refreshed.outputs.blockedRolesList, ["ANALYST"]);
    });

    step("A preview now shows the repair (diff reads each object once) and writes nothing", async () => {
      // A preview now shows the repair (diff reads each object once) and writes nothing.
      const pv = await fx.measure(() => s.preview(program));
      assert.equal(pv.r.changeSummary.update, 1);
      assert.deepEqual([...pv.t.statements].sort(), [DESC("APP"), DESC("LEGACY")]);
      assert.equal(pv.t.logins, 1);
    });

    step("The next up repairs every drifted property with one SET and one UNSET", async () => {
      // The next up repairs every drifted property with one SET and one UNSET; the one after sends no ALTER.
      const rep = await fx.measure(() => s.up(program));
      measured.record("drift repair up", rep.t);
      assert.deepEqual(changes(rep.r.summary), { same: 2, update: 1 });
      assert.deepEqual(about(rep.t.statements, "APP"), [
        DESC("APP"),
        'ALTER SECURITY INTEGRATION APP SET OAUTH_ENFORCE_PKCE = TRUE, ENABLED = FALSE, BLOCKED_ROLES_LIST = (ANALYST, "Mixed")',
        "ALTER SECURITY INTEGRATION APP UNSET COMMENT",
        DESC("APP"),
      ]);
      assert.deepEqual(unaccounted(rep.t.statements, "APP", "LEGACY"), []);
      assert.deepEqual(about(rep.t.statements, "LEGACY"), [DESC("LEGACY")]);
      assert.equal(rep.t.statements.length, 5, "no SHOW PARAMETERS: the declared list is unchanged and DESCRIBE shows what state recorded");
      const n3 = await fx.measure(() => s.up(program));
      assert.deepEqual(changes(n3.r.summary), { same: 3 });
      assert.deepEqual([...n3.t.statements].sort(), [DESC("APP"), DESC("LEGACY")]);
    });

    step("Out-of-band DROP, no refresh", async () => {
      // Out-of-band DROP, no refresh: the plain up sees it gone and recreates it (new client id and secrets).
      await fx.admin("DROP INTEGRATION APP");
      const d = await fx.measure(() => s.up(program));
      measured.record("recreate after out-of-band DROP", d.t);
      assert.deepEqual(changes(d.r.summary), { same: 2, replace: 1 });
      assert.deepEqual(about(d.t.statements, "APP"), [
        DESC("APP"),
        "DROP INTEGRATION IF EXISTS APP",
        "CREATE SECURITY INTEGRATION APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://app.example.com/cb' " +
          'OAUTH_ENFORCE_PKCE = TRUE ENABLED = FALSE OAUTH_REFRESH_TOKEN_VALIDITY = 86400 BLOCKED_ROLES_LIST = (ANALYST, "Mixed")',
        DESC("APP"),
        SECRETS("APP"),
      ]);
      assert.deepEqual(d.t.failed, [`002003 ${DESC("APP")}`]);
      assert.deepEqual(parameterReads(d.t.statements), [SHOW_PARAM], "a created object learns the parameter once per process");
      assert.deepEqual(unaccounted(d.t.statements, "APP", "LEGACY"), []);
      assert.equal(d.t.statements.length, 7);
      assert.notEqual(d.r.outputs.id.value, c.r.outputs.id.value);
      keep(d.r.outputs);
    });

    step("Out-of-band DROP and re-CREATE with the same properties: up reads the new client id and secrets", async () => {
      // Every property matches the program, so there is nothing to SET, but Snowflake generated a new client id and new
      // secrets: outputs that kept the old ones would hand clients credentials that no longer exist.
      const before = await s.outputs();
      await fx.admin("DROP INTEGRATION APP");
      await fx.admin(
        "CREATE SECURITY INTEGRATION APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://app.example.com/cb' " +
          'OAUTH_ENFORCE_PKCE = TRUE ENABLED = FALSE OAUTH_REFRESH_TOKEN_VALIDITY = 86400 BLOCKED_ROLES_LIST = (ANALYST, "Mixed")',
      );
      const p = await s.preview(program);
      assert.equal(p.changeSummary.update, 1);
      assert.match(p.stdout + p.stderr, /OAuthIntegration APP: its client id changed in Snowflake/);
      const u = await fx.measure(() => s.up(program));
      assert.deepEqual(changes(u.r.summary), { same: 2, update: 1 });
      assert.deepEqual(about(u.t.statements, "APP"), [DESC("APP"), DESC("APP"), SECRETS("APP")]);
      assert.deepEqual(writes(u.t.statements), []);
      const live = JSON.parse(
        Object.values((await fx.emu.execAsAdmin("SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('APP')")).rows[0])[0] as string,
      ) as Record<string, string>;
      assert.notEqual(u.r.outputs.id.value, before.id.value);
      assert.equal(u.r.outputs.id.value, live.OAUTH_CLIENT_ID);
      assert.equal(u.r.outputs.s1.value, live.OAUTH_CLIENT_SECRET);
      assert.equal(u.r.outputs.s2.value, live.OAUTH_CLIENT_SECRET_2);
      keep(u.r.outputs);
      assert.deepEqual(changes((await s.up(program)).summary), { same: 3 }, "then a no-op");
    });

    step("Replace (OAUTH_CLIENT_TYPE cannot be altered)", async () => {
      // Replace (OAUTH_CLIENT_TYPE cannot be altered): same name, so the old one is dropped first.
      v = 5;
      const x = await fx.measure(() => s.up(program));
      measured.record("replace (client type)", x.t);
      assert.deepEqual(changes(x.r.summary), { same: 2, replace: 1 });
      assert.equal(x.t.logins, 1);
      assert.deepEqual(about(x.t.statements, "APP"), [
        DESC("APP"),
        "DROP INTEGRATION IF EXISTS APP",
        "CREATE SECURITY INTEGRATION APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://app.example.com/cb' " +
          'OAUTH_ENFORCE_PKCE = TRUE ENABLED = FALSE OAUTH_REFRESH_TOKEN_VALIDITY = 86400 BLOCKED_ROLES_LIST = (ANALYST, "Mixed")',
        DESC("APP"),
        SECRETS("APP"),
      ]);
      assert.deepEqual(parameterReads(x.t.statements), [SHOW_PARAM]);
      assert.deepEqual(unaccounted(x.t.statements, "APP", "LEGACY"), []);
      assert.equal(x.t.statements.length, 7);
      keep(x.r.outputs);
    });

    step("Transient faults (000603)", async () => {
      // Transient faults (000603): an idempotent ALTER ... SET is retried within the same session (still one login);
      // a CREATE is never retried — the up fails, and the next up creates the object.
      const transient = {
        code: "000603",
        sqlState: "XX000",
        message: "SQL execution internal error:\nProcessing aborted due to error 300010:391167117; incident 1.",
      };
      v = 6;
      fx.emu.faults.set({ failStatement: { match: "ALTER SECURITY INTEGRATION APP SET", ...transient } });
      const f1 = await fx.measure(() => s.up(program));
      measured.record("update with one transient fault (retried)", f1.t);
      assert.deepEqual(changes(f1.r.summary), { same: 2, update: 1 });
      assert.deepEqual(about(f1.t.statements, "APP"), [
        DESC("APP"),
        "ALTER SECURITY INTEGRATION APP SET COMMENT = 'v6'",
        "ALTER SECURITY INTEGRATION APP SET COMMENT = 'v6'",
        DESC("APP"),
      ]);
      assert.deepEqual(f1.t.failed, ["000603 ALTER SECURITY INTEGRATION APP SET COMMENT = 'v6'"]);
      assert.equal(f1.t.logins, 1);
      v = 7;
      fx.emu.faults.set({ failStatement: { match: "CREATE SECURITY INTEGRATION EXTRA", ...transient } });
      const f2m = fx.mark();
      await assert.rejects(s.up(program), (e: any) => /000603/.test(String(e?.message ?? e)));
      const f2 = fx.since(f2m);
      assert.deepEqual(
        about(f2.statements, "EXTRA"),
        [
          "CREATE SECURITY INTEGRATION EXTRA TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://extra.example.com/cb'",
        ],
        "CREATE is not retried",
      );
      assert.equal(f2.logins, 1);
      fx.emu.faults.clear();
      const f3 = await fx.measure(() => s.up(program));
      assert.deepEqual(changes(f3.r.summary), { same: 3, create: 1 });
      assert.deepEqual(about(f3.t.statements, "EXTRA"), [
        "CREATE SECURITY INTEGRATION EXTRA TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://extra.example.com/cb'",
        DESC("EXTRA"),
        SECRETS("EXTRA"),
      ]);
      keep(f3.r.outputs);
    });

    step("No plaintext secret (every client secret seen so far, the password) in stored state or the statement log", async () => {
      // No plaintext secret (every client secret seen so far, the password) in stored state or the statement log.
      assert.ok(secretsSeen.size >= 6, `collected the client secrets (${secretsSeen.size})`);
      await assertNoPlaintextSecrets(fx, s, [...secretsSeen]);
    });

    step("Validation errors at preview", async () => {
      // Validation errors at preview: each names its field, and nothing reaches Snowflake.
      const bad = (args: Record<string, unknown>) => async () => {
        new OAuthIntegration("bad", { oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://ok.example.com/cb", ...args } as any);
      };
      const cases: [Record<string, unknown>, string[]][] = [
        [
          {
            name: "n".repeat(300),
            oauthClientType: "SECRET",
            enabled: "yes",
            oauthRefreshTokenValidity: 30,
            oauthAccessTokenValidity: 1.5,
            blockedRolesList: ["sysadmin", "SYSADMIN"],
            preAuthorizedRolesList: [""],
            oauthAnyRoleMode: "ALWAYS",
            oauthRedirectUri: "http://insecure.example.com/cb",
            clientSecretRotation: { secret1: -1, secret3: 1 },
            rsaPublicKeys: ["garbage"],
            oauthClientSecret: "x",
          },
          [
            "name",
            "oauthClientType",
            "enabled",
            "oauthRefreshTokenValidity",
            "oauthAccessTokenValidity",
            "blockedRolesList",
            "preAuthorizedRolesList[0]",
            "oauthAnyRoleMode",
            "oauthRedirectUri",
            "clientSecretRotation.secret1",
            "clientSecretRotation.secret3",
            "rsaPublicKeys[0]",
            "oauthClientSecret",
          ],
        ],
        [
          {
            oauthRedirectUri: "not a uri",
            allowedRolesList: ["analyst"],
            blockedRolesList: ["ANALYST", "R1"],
            oauthUseSecondaryRoles: "IMPLICIT",
            preAuthorizedRolesList: ["accountadmin", "r1"],
          },
          // A role both allowed and blocked is accepted (the CREATE page: blocked wins); the rest is refused.
          ["oauthRedirectUri", "oauthUseSecondaryRoles", "preAuthorizedRolesList"],
        ],
      ];
      for (const [args, fields] of cases) {
        const m = fx.mark();
        await assert.rejects(s.preview(bad(args)), (e: any) => {
          const msg = String(e?.message ?? e);
          for (const f of fields)
            assert.ok(msg.includes(`${f} `) || msg.includes(`${f}:`) || msg.includes(`'${f}'`), `the error names ${f}`);
          assert.ok(!msg.includes(ADMIN_PASSWORD));
          return true;
        });
        assert.deepEqual(fx.since(m), { statements: [], references: [], failed: [], logins: 0 }, "an invalid program sends nothing");
      }
      const pr = await s.exportDeployment();
      assert.equal(
        pr.deployment.resources.filter((x: any) => x.type.endsWith(":OAuthIntegration")).length,
        3,
        "a failed preview changes no state",
      );
    });

    step("Delete", async () => {
      // Delete: one DROP each.
      const del = await fx.measure(() => s.destroy());
      measured.record("delete (3 integrations)", del.t);
      assert.deepEqual([...del.t.statements].sort(), [
        "DROP INTEGRATION IF EXISTS APP",
        "DROP INTEGRATION IF EXISTS EXTRA",
        "DROP INTEGRATION IF EXISTS LEGACY",
      ]);
      assert.equal(del.t.logins, 1);
      assert.equal((await fx.emu.execAsAdmin("SHOW INTEGRATIONS")).rows.length, 0);
    });
  },
);
