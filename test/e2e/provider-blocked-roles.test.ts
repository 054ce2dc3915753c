/**
 * Blocked role lists that Snowflake would refuse (003629) fail at preview, through the real Pulumi engine against the
 * emulator: while OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST (External OAuth: EXTERNAL_OAUTH_...) is TRUE, a list
 * naming some but not all privileged roles is refused by `check()` naming the field, before any CREATE/ALTER. A list
 * naming all of them passes without a perpetual diff; with the parameter FALSE any list is accepted and DESCRIBE shows
 * exactly it. Lists naming no privileged role (the other provider-*.test.ts files) cost nothing in `check()`.
 */
import { ADMIN_PASSWORD, ProviderFixture, about, changes, parameterReads } from "../helpers/provider-fixture";
import { after, before, describe } from "node:test";
import { steps } from "../helpers/steps";
import * as assert from "node:assert/strict";
import { createTestStack, type TestStack } from "../helpers/pulumi";
import { ExternalOAuthIntegration, OAuthIntegration, PartnerOAuthIntegration } from "../../sdk/index";

const { fx, measured } = ProviderFixture.forFile("blocked roles", "CREATE ROLE ANALYST");

const P_OAUTH = "OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST";
const P_EXT = "EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST";
const SHOW_PARAM = (p: string) => `SHOW PARAMETERS LIKE '${p}' IN ACCOUNT`;
// One SHOW ROLES per process serves the privileged-roles rule (which privileged roles exist) and the reference check
// (declared roles must exist).
const SHOW_ROLES = "SHOW ROLES";
const DESC = (n: string) => `DESCRIBE INTEGRATION ${n}`;
const sorted = (xs: string[]) => [...xs].sort();

/** A DESCRIBE INTEGRATION value as an administrator sees it. */
async function described(name: string, prop: string): Promise<string | null | undefined> {
  const rows = (await fx.emu.execAsAdmin(DESC(name))).rows;
  return rows.find((r) => r[0] === prop)?.[2];
}

/** The preview/up fails naming `field` and the 003629 refusal; returns the traffic it caused. */
async function refused(op: () => Promise<unknown>, field: string, param: string) {
  const m = fx.mark();
  await assert.rejects(op(), (e: any) => {
    const msg = String(e?.message ?? e);
    assert.ok(msg.includes(field), `the error names ${field}`);
    assert.match(msg, /Snowflake would refuse this list \(003629\)/);
    assert.ok(msg.includes(`while ${param} is TRUE`), "the error names the parameter");
    assert.ok(!msg.includes(ADMIN_PASSWORD));
    return true;
  });
  return fx.since(m);
}

describe(
  "OAuthIntegration: a list naming some privileged roles fails at preview; all of them pass with no perpetual diff; parameter FALSE accepts it",
  { timeout: 600_000 },
  () => {
    let blocked: string[] = ["accountadmin"];
    let extra: Record<string, unknown> = {};
    const program = async () => {
      const app = new OAuthIntegration("app", {
        oauthClientType: "CONFIDENTIAL",
        oauthRedirectUri: "https://app.example.com/cb",
        blockedRolesList: blocked,
        ...extra,
      } as any);
      return { effective: app.effectiveBlockedRoles };
    };
    let s: TestStack;
    before(async () => {
      s = await createTestStack({ name: "provider-blocked-roles", target: fx.target(), program });
    });
    after(async () => {
      await s.destroy().catch(() => undefined);
      await s?.dispose();
    });
    const step = steps();

    step("Some but not all privileged roles", async () => {
      // Some but not all privileged roles: the preview fails on the field; check read the parameter and the
      // organisation roles once (one login), and nothing was created. `up` fails the same way before any CREATE.
      const pre = await refused(() => s.preview(program), "blockedRolesList", P_OAUTH);
      measured.record("preview refused (check reads)", pre);
      assert.deepEqual(pre.statements, [SHOW_PARAM(P_OAUTH)]);
      assert.deepEqual(pre.references, [SHOW_ROLES]);
      assert.equal(pre.logins, 1);
      const upr = await refused(() => s.up(program), "blockedRolesList", P_OAUTH);
      assert.deepEqual(upr.statements, [SHOW_PARAM(P_OAUTH)], "up refused at its preview: no CREATE");
      assert.deepEqual(upr.references, [SHOW_ROLES]);
      assert.equal((await fx.emu.execAsAdmin("SHOW INTEGRATIONS")).rows.length, 0);
    });

    step("Invalid input elsewhere", async () => {
      // Invalid input elsewhere: the static failures are reported and nothing is sent (the account rule waits).
      extra = { oauthRefreshTokenValidity: 5 };
      const bad = fx.mark();
      await assert.rejects(s.preview(program), (e: any) => /oauthRefreshTokenValidity/.test(String(e?.message ?? e)));
      assert.deepEqual(fx.since(bad), { statements: [], references: [], failed: [], logins: 0 }, "invalid input sends nothing");
      extra = {};
    });

    step("Quoted lower-case is another role, not ACCOUNTADMIN", async () => {
      // Quoted lower-case is another role, not ACCOUNTADMIN: the privileged rule reads nothing, and the reference check
      // refuses it at preview because no such role exists (Snowflake would refuse the CREATE the same way).
      blocked = ['"accountadmin"'];
      const q = await fx.measure(() =>
        s.preview(program).then(
          () => undefined,
          (e: Error) => e,
        ),
      );
      assert.match(String(q.r), /BLOCKED_ROLES_LIST names role "accountadmin", which does not exist in the account/);
      assert.deepEqual(q.t.statements, []);
      assert.deepEqual(
        q.t.references,
        [SHOW_ROLES, SHOW_ROLES],
        "read once, and once more before refusing (the same up may have created it)",
      );
    });

    step("Every privileged role of the account (no ORGADMIN here), spelled as Snowflake resolves it", async () => {
      // Every privileged role of the account (no ORGADMIN here), spelled as Snowflake resolves it: accepted.
      blocked = ["ACCOUNTADMIN", "securityadmin", "analyst"];
      const pv = await fx.measure(() => s.preview(program));
      assert.equal(pv.r.changeSummary.create, 1);
      assert.deepEqual(pv.t.statements, [SHOW_PARAM(P_OAUTH)]);
      assert.deepEqual(pv.t.references, [SHOW_ROLES], "one read serves the privileged rule and the reference check");
      const c = await fx.measure(() => s.up(program));
      measured.record("create naming all privileged roles", c.t);
      assert.deepEqual(changes(c.r.summary), { create: 1, same: 1 }, "the stack itself exists since the refused up");
      assert.equal(c.t.logins, 1);
      assert.deepEqual(about(c.t.statements, "APP"), [
        "CREATE SECURITY INTEGRATION APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://app.example.com/cb' " +
          "BLOCKED_ROLES_LIST = (ACCOUNTADMIN, SECURITYADMIN, ANALYST)",
        DESC("APP"),
        "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('APP')",
      ]);
      assert.deepEqual(
        c.t.statements.filter((x) => x.startsWith("SHOW")),
        [SHOW_PARAM(P_OAUTH)],
      );
      assert.deepEqual(c.t.references, [SHOW_ROLES]);
      assert.equal(c.t.statements.length, 4);
      assert.deepEqual(c.r.outputs.effective.value, ["ACCOUNTADMIN", "ANALYST", "SECURITYADMIN"]);
    });

    step("No perpetual diff", async () => {
      // No perpetual diff: an unchanged list is not re-checked, so a no-op up sends only DESCRIBE.
      const n1 = await fx.measure(() => s.up(program));
      measured.record("no-op up", n1.t);
      assert.deepEqual(changes(n1.r.summary), { same: 2 });
      assert.deepEqual(n1.t.statements, [DESC("APP")]);
    });

    step("Parameter FALSE", async () => {
      // Parameter FALSE: ACCOUNTADMIN alone is accepted; check reads only the parameter; DESCRIBE shows exactly it.
      await fx.admin(`ALTER ACCOUNT SET ${P_OAUTH} = FALSE`);
      blocked = ["accountadmin"];
      const u = await fx.measure(() => s.up(program));
      measured.record("update with the parameter FALSE", u.t);
      assert.deepEqual(changes(u.r.summary), { same: 1, update: 1 });
      assert.deepEqual(u.t.statements, [
        SHOW_PARAM(P_OAUTH),
        DESC("APP"),
        "ALTER SECURITY INTEGRATION APP SET BLOCKED_ROLES_LIST = (ACCOUNTADMIN)",
        DESC("APP"),
      ]);
      assert.equal(await described("APP", "BLOCKED_ROLES_LIST"), "ACCOUNTADMIN");
      assert.deepEqual(u.r.outputs.effective.value, ["ACCOUNTADMIN"]);
      const n2 = await fx.measure(() => s.up(program));
      assert.deepEqual(changes(n2.r.summary), { same: 2 });
      assert.deepEqual(n2.t.statements, [DESC("APP")]);
    });

    step("Parameter back to TRUE", async () => {
      // Parameter back to TRUE: the unchanged list is not refused (no ALTER carries it) and causes no diff; the
      // new effective list is noticed with one parameter read.
      await fx.admin(`ALTER ACCOUNT SET ${P_OAUTH} = TRUE`);
      const n3 = await fx.measure(() => s.up(program));
      assert.deepEqual(changes(n3.r.summary), { same: 2 });
      assert.deepEqual(about(n3.t.statements, "APP"), [DESC("APP")]);
      assert.deepEqual(parameterReads(n3.t.statements), [SHOW_PARAM(P_OAUTH)]);
      assert.equal(n3.t.statements.length, 2);
    });
  },
);

describe("PartnerOAuthIntegration and ExternalOAuthIntegration: each list is judged under its own parameter", { timeout: 600_000 }, () => {
  let partnerBlocked: string[] = ["ANALYST"];
  let extBlocked: string[] = ["ACCOUNTADMIN"];
  const program = async () => {
    new PartnerOAuthIntegration("tab", { oauthClient: "TABLEAU_DESKTOP", blockedRolesList: partnerBlocked });
    new ExternalOAuthIntegration("okta", {
      externalOAuthType: "OKTA",
      externalOAuthIssuer: "https://idp.example.com/okta",
      externalOAuthTokenUserMappingClaim: ["sub"],
      externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
      externalOAuthJwsKeysUrl: ["https://idp.example.com/okta/keys"],
      externalOAuthBlockedRolesList: extBlocked,
    });
  };
  let s: TestStack;
  before(async () => {
    await fx.admin(`ALTER ACCOUNT SET ${P_OAUTH} = FALSE`, `ALTER ACCOUNT SET ${P_EXT} = TRUE`);
    s = await createTestStack({ name: "provider-blocked-roles-ext", target: fx.target(), program });
  });
  after(async () => {
    await s.destroy().catch(() => undefined);
    await s?.dispose();
    await fx.admin(`ALTER ACCOUNT SET ${P_OAUTH} = TRUE`, `ALTER ACCOUNT SET ${P_EXT} = TRUE`);
  });
  const step = steps();

  step("External OAuth's parameter TRUE: ACCOUNTADMIN alone is refused at preview", async () => {
    // External OAuth's parameter is TRUE (the Snowflake OAuth one is FALSE): ACCOUNTADMIN alone is refused at preview.
    const pre = await refused(() => s.preview(program), "externalOAuthBlockedRolesList", P_EXT);
    assert.deepEqual(pre.statements, [SHOW_PARAM(P_EXT)]);
    assert.deepEqual(pre.references, [SHOW_ROLES]);
    assert.equal((await fx.emu.execAsAdmin("SHOW INTEGRATIONS")).rows.length, 0);
  });

  step("With its parameter FALSE it is accepted and DESCRIBE shows exactly it", async () => {
    // With its parameter FALSE it is accepted and DESCRIBE shows exactly it.
    await fx.admin(`ALTER ACCOUNT SET ${P_EXT} = FALSE`);
    const c = await fx.measure(() => s.up(program));
    measured.record("create partner + External OAuth (External parameter FALSE)", c.t);
    assert.deepEqual(changes(c.r.summary), { create: 3 });
    assert.deepEqual(parameterReads(c.t.statements), [SHOW_PARAM(P_EXT)], "only the list naming a privileged role reads its parameter");
    assert.deepEqual(c.t.references, [SHOW_ROLES], "roles are read once per up, for the reference check");
    assert.equal(await described("OKTA", "EXTERNAL_OAUTH_BLOCKED_ROLES_LIST"), "ACCOUNTADMIN");
    assert.equal(await described("TAB", "BLOCKED_ROLES_LIST"), "ANALYST");
  });

  step("Partner under OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = TRUE", async () => {
    // Partner under OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = TRUE: SECURITYADMIN alone is refused; the
    // existing integrations are untouched (no ALTER).
    await fx.admin(`ALTER ACCOUNT SET ${P_OAUTH} = TRUE`);
    partnerBlocked = ["SECURITYADMIN"];
    const pr = await refused(() => s.up(program), "blockedRolesList", P_OAUTH);
    assert.deepEqual(
      pr.statements.filter((x) => x.startsWith("ALTER")),
      [],
    );
    assert.deepEqual(
      pr.statements.filter((x) => x.startsWith("SHOW")),
      [SHOW_PARAM(P_OAUTH)],
    );
    assert.deepEqual(pr.references, [SHOW_ROLES]);

    partnerBlocked = ["SECURITYADMIN", "ACCOUNTADMIN"];
    extBlocked = ["ACCOUNTADMIN"];
    const u = await fx.measure(() => s.up(program));
    assert.deepEqual(changes(u.r.summary), { same: 2, update: 1 });
    assert.ok(u.t.statements.includes("ALTER SECURITY INTEGRATION TAB SET BLOCKED_ROLES_LIST = (SECURITYADMIN, ACCOUNTADMIN)"));
    assert.equal(await described("TAB", "BLOCKED_ROLES_LIST"), "ACCOUNTADMIN,SECURITYADMIN");
    const n = await fx.measure(() => s.up(program));
    assert.deepEqual(changes(n.r.summary), { same: 3 });
    assert.deepEqual(sorted(n.t.statements), [DESC("OKTA"), DESC("TAB")], "a no-op up checks no unchanged reference");
  });
});
