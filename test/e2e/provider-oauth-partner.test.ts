/**
 * PartnerOAuthIntegration (TABLEAU_DESKTOP, TABLEAU_SERVER, LOOKER) through the real Pulumi engine against the
 * emulator, in one stack life cycle: create (+ adopt by name) → no-op → update (SET, SET + UNSET) → out-of-band
 * SET/UNSET → refresh → repair → no-op → replace (client change: drop first; rename: create first) → validation
 * errors at preview → destroy. Exact statements per object, their count, one login per engine operation.
 */
import {
  ProviderFixture,
  about,
  assertNoPlaintextSecrets,
  changes,
  parameterReads,
  unaccounted,
  type Measured,
} from "../helpers/provider-fixture";
import { after, before, describe } from "node:test";
import { steps } from "../helpers/steps";
import * as assert from "node:assert/strict";
import { createTestStack, type TestStack, type RefreshResult } from "../helpers/pulumi";
import { PartnerOAuthIntegration } from "../../sdk/index";

const { fx, measured } = ProviderFixture.forFile(
  "PartnerOAuthIntegration",
  "CREATE ROLE ANALYST",
  "CREATE SECURITY INTEGRATION TABLEAU_OLD TYPE = OAUTH OAUTH_CLIENT = TABLEAU_SERVER COMMENT = 'by hand'",
);

const SHOW_PARAM = "SHOW PARAMETERS LIKE 'OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST' IN ACCOUNT";
const DESC = (n: string) => `DESCRIBE INTEGRATION ${n}`;
const OBJECTS = ["DESKTOP", "SERVER", "LOOKER", "LOOKER_V2", "TABLEAU_OLD"];
const sorted = (xs: string[]) => [...xs].sort();

describe(
  "PartnerOAuthIntegration (3 partners): create, adopt, no-op, update, drift, refresh, repair, replace, validation, delete through the engine",
  { timeout: 600_000 },
  () => {
    let v = 1;
    const program = async () => {
      new PartnerOAuthIntegration("desktop", {
        oauthClient: v >= 4 ? "TABLEAU_SERVER" : "TABLEAU_DESKTOP",
        oauthRefreshTokenValidity: v === 1 ? 36000 : 3600,
        blockedRolesList: ["analyst"],
        oauthUseSecondaryRoles: v >= 2 ? "IMPLICIT" : undefined,
      });
      new PartnerOAuthIntegration("server", {
        oauthClient: "TABLEAU_SERVER",
        comment: v === 1 ? "tableau cloud" : undefined,
        enabled: v >= 2 ? false : undefined,
      });
      new PartnerOAuthIntegration("looker", {
        name: v >= 4 ? "looker_v2" : "looker",
        oauthClient: "LOOKER",
        oauthRedirectUri: v === 1 ? "https://looker.example.com/cb" : "https://looker.example.com/cb2",
      });
      new PartnerOAuthIntegration("old", {
        name: "tableau_old",
        oauthClient: "TABLEAU_SERVER",
        oauthIssueRefreshTokens: false,
        adoptExisting: true,
      });
    };
    let s: TestStack;
    let r: Measured<RefreshResult>;
    let looker: any;
    before(async () => {
      s = await createTestStack({ name: "provider-oauth-partner", target: fx.target(), program });
    });
    after(async () => {
      await s?.dispose();
    });
    const step = steps();

    step("Create 3 + adopt 1", async () => {
      // Create 3 + adopt 1: one login; the parameter is read once for the whole `up`.
      const c = await fx.measure(() => s.up(program));
      measured.record("create (3 new + 1 adopted)", c.t);
      assert.deepEqual(changes(c.r.summary), { create: 5 });
      assert.equal(c.t.logins, 1);
      assert.deepEqual(about(c.t.statements, "DESKTOP"), [
        "CREATE SECURITY INTEGRATION DESKTOP TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP OAUTH_REFRESH_TOKEN_VALIDITY = 36000 BLOCKED_ROLES_LIST = (ANALYST)",
        DESC("DESKTOP"),
      ]);
      assert.deepEqual(about(c.t.statements, "SERVER"), [
        "CREATE SECURITY INTEGRATION SERVER TYPE = OAUTH OAUTH_CLIENT = TABLEAU_SERVER COMMENT = 'tableau cloud'",
        DESC("SERVER"),
      ]);
      assert.deepEqual(about(c.t.statements, "LOOKER"), [
        "CREATE SECURITY INTEGRATION LOOKER TYPE = OAUTH OAUTH_CLIENT = LOOKER OAUTH_REDIRECT_URI = 'https://looker.example.com/cb'",
        DESC("LOOKER"),
      ]);
      assert.deepEqual(about(c.t.statements, "TABLEAU_OLD"), [
        DESC("TABLEAU_OLD"),
        "ALTER SECURITY INTEGRATION TABLEAU_OLD SET OAUTH_ISSUE_REFRESH_TOKENS = FALSE",
        "ALTER SECURITY INTEGRATION TABLEAU_OLD UNSET COMMENT",
        DESC("TABLEAU_OLD"),
      ]);
      assert.deepEqual(parameterReads(c.t.statements), [SHOW_PARAM]);
      assert.deepEqual(unaccounted(c.t.statements, ...OBJECTS), []);
      assert.equal(c.t.statements.length, 11);
    });

    step("No-op", async () => {
      // No-op: one DESCRIBE per integration.
      const n1 = await fx.measure(() => s.up(program));
      measured.record("no-op up (4 integrations)", n1.t);
      assert.deepEqual(changes(n1.r.summary), { same: 5 });
      assert.deepEqual(sorted(n1.t.statements), sorted(["DESKTOP", "SERVER", "LOOKER", "TABLEAU_OLD"].map(DESC)));
      assert.equal(n1.t.logins, 1);
    });

    step("Update", async () => {
      // Update: at most one SET and one UNSET per object; the diff's DESCRIBE is reused by update.
      v = 2;
      const u = await fx.measure(() => s.up(program));
      measured.record("update (3 of 4 changed)", u.t);
      assert.deepEqual(changes(u.r.summary), { same: 2, update: 3 });
      assert.equal(u.t.logins, 1);
      assert.deepEqual(about(u.t.statements, "DESKTOP"), [
        DESC("DESKTOP"),
        "ALTER SECURITY INTEGRATION DESKTOP SET OAUTH_REFRESH_TOKEN_VALIDITY = 3600, OAUTH_USE_SECONDARY_ROLES = IMPLICIT",
        DESC("DESKTOP"),
      ]);
      assert.deepEqual(about(u.t.statements, "SERVER"), [
        DESC("SERVER"),
        "ALTER SECURITY INTEGRATION SERVER SET ENABLED = FALSE",
        "ALTER SECURITY INTEGRATION SERVER UNSET COMMENT",
        DESC("SERVER"),
      ]);
      assert.deepEqual(about(u.t.statements, "LOOKER"), [
        DESC("LOOKER"),
        "ALTER SECURITY INTEGRATION LOOKER SET OAUTH_REDIRECT_URI = 'https://looker.example.com/cb2'",
        DESC("LOOKER"),
      ]);
      assert.deepEqual(about(u.t.statements, "TABLEAU_OLD"), [DESC("TABLEAU_OLD")]);
      assert.equal(u.t.statements.length, 11, "no SHOW PARAMETERS on update");
    });

    step("Out-of-band SET and UNSET on three partners", async () => {
      // Out-of-band SET and UNSET on three partners; refresh reads each object once.
      await fx.admin(
        "ALTER SECURITY INTEGRATION DESKTOP SET OAUTH_ISSUE_REFRESH_TOKENS = FALSE, BLOCKED_ROLES_LIST = ()",
        "ALTER SECURITY INTEGRATION SERVER UNSET ENABLED",
        "ALTER SECURITY INTEGRATION LOOKER SET COMMENT = 'by hand', OAUTH_REDIRECT_URI = 'https://elsewhere.example.com/cb'",
      );
      r = await fx.measure(() => s.refresh());
      measured.record("refresh (4 integrations, 3 drifted)", r.t);
      assert.deepEqual(changes(r.r.summary), { same: 2, update: 3 });
      assert.equal(r.t.logins, 1);
      assert.deepEqual(sorted(r.t.statements), sorted([...["DESKTOP", "SERVER", "LOOKER", "TABLEAU_OLD"].map(DESC), SHOW_PARAM]));
      looker = (await s.exportDeployment()).deployment.resources.find((x: any) => x.urn.endsWith("::looker"));
      assert.equal(looker.outputs.oauthRedirectUri, "https://elsewhere.example.com/cb");
      assert.equal(looker.outputs.comment, "by hand");
    });

    step("Repair with one SET (+ one UNSET) per drifted object", async () => {
      // Repair with one SET (+ one UNSET) per drifted object; the next up sends no ALTER.
      const rep = await fx.measure(() => s.up(program));
      measured.record("drift repair up", rep.t);
      assert.deepEqual(changes(rep.r.summary), { same: 2, update: 3 });
      assert.deepEqual(about(rep.t.statements, "DESKTOP"), [
        DESC("DESKTOP"),
        "ALTER SECURITY INTEGRATION DESKTOP SET OAUTH_ISSUE_REFRESH_TOKENS = TRUE, BLOCKED_ROLES_LIST = (ANALYST)",
        DESC("DESKTOP"),
      ]);
      assert.deepEqual(about(rep.t.statements, "SERVER"), [
        DESC("SERVER"),
        "ALTER SECURITY INTEGRATION SERVER SET ENABLED = FALSE",
        DESC("SERVER"),
      ]);
      assert.deepEqual(about(rep.t.statements, "LOOKER"), [
        DESC("LOOKER"),
        "ALTER SECURITY INTEGRATION LOOKER SET OAUTH_REDIRECT_URI = 'https://looker.example.com/cb2'",
        "ALTER SECURITY INTEGRATION LOOKER UNSET COMMENT",
        DESC("LOOKER"),
      ]);
      assert.equal(rep.t.statements.length, 11);
      const n2 = await fx.measure(() => s.up(program));
      assert.deepEqual(changes(n2.r.summary), { same: 5 });
      assert.deepEqual(sorted(n2.t.statements), sorted(["DESKTOP", "SERVER", "LOOKER", "TABLEAU_OLD"].map(DESC)));
    });

    step("Replace", async () => {
      // Replace: OAUTH_CLIENT cannot be altered (same name → drop first); a new name of the same client → drop first
      // too (Snowflake allows one partner integration of a client per account: TF live tests, model/oauthPartner.ts).
      v = 4;
      const x = await fx.measure(() => s.up(program));
      measured.record("replace (client change + rename)", x.t);
      assert.deepEqual(changes(x.r.summary), { same: 3, replace: 2 });
      assert.equal(x.t.logins, 1);
      assert.deepEqual(about(x.t.statements, "DESKTOP"), [
        DESC("DESKTOP"),
        "DROP INTEGRATION IF EXISTS DESKTOP",
        "CREATE SECURITY INTEGRATION DESKTOP TYPE = OAUTH OAUTH_CLIENT = TABLEAU_SERVER OAUTH_REFRESH_TOKEN_VALIDITY = 3600 OAUTH_USE_SECONDARY_ROLES = IMPLICIT BLOCKED_ROLES_LIST = (ANALYST)",
        DESC("DESKTOP"),
      ]);
      assert.deepEqual(about(x.t.statements, "LOOKER", "LOOKER_V2"), [
        DESC("LOOKER"),
        "DROP INTEGRATION IF EXISTS LOOKER",
        "CREATE SECURITY INTEGRATION LOOKER_V2 TYPE = OAUTH OAUTH_CLIENT = LOOKER OAUTH_REDIRECT_URI = 'https://looker.example.com/cb2'",
        DESC("LOOKER_V2"),
      ]);
      assert.deepEqual(parameterReads(x.t.statements), [SHOW_PARAM], "a created object learns the parameter once per process");
      assert.deepEqual(unaccounted(x.t.statements, ...OBJECTS), []);
      assert.equal(x.t.statements.length, 11);

      await assertNoPlaintextSecrets(fx, s, []);
    });

    step("Validation errors at preview", async () => {
      // Validation errors at preview: each names its field, and nothing reaches Snowflake.
      const cases: [Record<string, unknown>, string[]][] = [
        [
          // A role both allowed and blocked is accepted (the CREATE page: blocked wins).
          {
            oauthClient: "TABLEAU_SERVER",
            oauthRedirectUri: "https://x.example.com",
            rsaPublicKeys: [],
            oauthRefreshTokenValidity: 10,
            allowedRolesList: ["analyst"],
            blockedRolesList: ["ANALYST"],
          },
          ["oauthRedirectUri", "rsaPublicKeys", "oauthRefreshTokenValidity"],
        ],
        [
          { oauthClient: "LOOKER", oauthRefreshTokenValidity: 60, allowedRolesList: ["r"], oauthUseSecondaryRoles: "IMPLICIT" },
          ["oauthRedirectUri", "oauthRefreshTokenValidity", "oauthUseSecondaryRoles"],
        ],
        // LOOKER takes http:// (live), but not a relative URI.
        [
          { oauthClient: "LOOKER", oauthRedirectUri: "looker/cb", blockedRolesList: ["a", "A"], oauthUseSecondaryRoles: "ALL" },
          ["oauthRedirectUri", "blockedRolesList", "oauthUseSecondaryRoles"],
        ],
        [
          { oauthClient: "SALESFORCE", comment: 5, clientSecretRotation: { secret3: 1 }, name: "" },
          ["oauthClient", "comment", "clientSecretRotation.secret3", "name"],
        ],
      ];
      for (const [args, fields] of cases) {
        const m = fx.mark();
        await assert.rejects(
          s.preview(async () => void new PartnerOAuthIntegration("bad", args as any)),
          (e: any) => {
            const msg = String(e?.message ?? e);
            for (const f of fields) assert.ok(msg.includes(`${f} `) || msg.includes(`${f}:`), `the error names ${f}`);
            return true;
          },
        );
        assert.deepEqual(fx.since(m), { statements: [], references: [], failed: [], logins: 0 }, "an invalid program sends nothing");
      }

      const del = await fx.measure(() => s.destroy());
      measured.record("delete (4 integrations)", del.t);
      assert.deepEqual(
        sorted(del.t.statements),
        sorted(["DESKTOP", "SERVER", "LOOKER_V2", "TABLEAU_OLD"].map((n) => `DROP INTEGRATION IF EXISTS ${n}`)),
      );
      assert.equal(del.t.logins, 1);
      assert.equal((await fx.emu.execAsAdmin("SHOW INTEGRATIONS")).rows.length, 0);
    });
  },
);
