/**
 * OAuthAccountParameters and IntegrationGrant through the real Pulumi engine against the emulator:
 * - the parameter set to FALSE by the program lets an integration block ACCOUNTADMIN alone (with the default TRUE
 *   Snowflake refuses such a list, 003629, and so does preview); drift by hand is repaired; delete unsets it;
 * - USE_ANY_ROLE and USAGE on an integration: created, no-op, revoked by hand → shown at preview and granted again,
 *   revoked at destroy.
 */
import { ProviderFixture, changes } from "../helpers/provider-fixture";
import { after, before, describe } from "node:test";
import * as assert from "node:assert/strict";
import { steps } from "../helpers/steps";
import { createTestStack, type TestStack } from "../helpers/pulumi";
import { IntegrationGrant, OAuthAccountParameters, OAuthIntegration } from "../../sdk/index";

const { fx, measured } = ProviderFixture.forFile("oauth account parameters and grants", "CREATE ROLE ANALYST", "CREATE ROLE AUDITOR");

const PARAM = "OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST";
const writes = (xs: string[]) => xs.filter((x) => /^(ALTER ACCOUNT|GRANT|REVOKE)/.test(x));
const param = async (): Promise<{ value: string; level: string }> => {
  const r = await fx.emu.execAsAdmin(`SHOW PARAMETERS LIKE '${PARAM}' IN ACCOUNT`);
  const names = r.columns.map((c: { name: string }) => c.name);
  const row = Object.fromEntries(names.map((n: string, i: number) => [n, r.rows[0][i]])) as Record<string, string>;
  return { value: String(row.value), level: String(row.level ?? "") };
};
const grants = async (): Promise<string[]> => {
  const r = await fx.emu.execAsAdmin("SHOW GRANTS ON INTEGRATION TOOL");
  const names = r.columns.map((c: { name: string }) => c.name);
  return r.rows
    .map((x: unknown[]) => Object.fromEntries(names.map((n: string, i: number) => [n, x[i]])) as Record<string, string>)
    .filter((g: Record<string, string>) => g.granted_to === "ROLE" && g.grantee_name === "ANALYST")
    .map((g: Record<string, string>) => g.privilege)
    .sort();
};

describe("OAuthAccountParameters and IntegrationGrant", { timeout: 600_000 }, () => {
  const decl = { manageParam: true, auditor: false };
  const program = async () => {
    const params = decl.manageParam ? new OAuthAccountParameters("params", { oauthAddPrivilegedRolesToBlockedList: false }) : undefined;
    const tool = new OAuthIntegration(
      "tool",
      {
        name: "tool",
        oauthClientType: "CONFIDENTIAL",
        oauthRedirectUri: "https://tool.example.com/cb",
        blockedRolesList: decl.manageParam ? ["ACCOUNTADMIN"] : [],
      },
      { dependsOn: params ? [params] : [] },
    );
    new IntegrationGrant("any-role", { integration: tool.name, privilege: "USE_ANY_ROLE", role: "analyst" });
    new IntegrationGrant("usage", { integration: tool.name, privilege: "USAGE", role: "analyst" });
    if (decl.auditor) new IntegrationGrant("auditor", { integration: tool.name, privilege: "USAGE", role: "auditor" });
    return {};
  };
  let s: TestStack;
  before(async () => {
    s = await createTestStack({ name: "oauth-params-grants", target: fx.target(), program });
  });
  after(async () => {
    await s?.dispose();
  });
  const step = steps();

  step("create: the parameter first, then the integration blocking ACCOUNTADMIN alone, then two GRANTs", async () => {
    assert.deepEqual(await param(), { value: "true", level: "" });
    const c = await fx.measure(() => s.up(program));
    measured.record("create", c.t);
    assert.deepEqual(changes(c.r.summary), { create: 5 });
    assert.deepEqual(writes(c.t.statements).sort(), [
      `ALTER ACCOUNT SET ${PARAM} = FALSE`,
      "GRANT USAGE ON INTEGRATION TOOL TO ROLE ANALYST",
      "GRANT USE_ANY_ROLE ON INTEGRATION TOOL TO ROLE ANALYST",
    ]);
    const i = c.t.statements.findIndex((x) => x.startsWith("ALTER ACCOUNT SET"));
    const j = c.t.statements.findIndex((x) => x.startsWith("CREATE SECURITY INTEGRATION TOOL"));
    assert.ok(i >= 0 && j > i, "the parameter is set before the integration is created");
    assert.deepEqual(await param(), { value: "false", level: "ACCOUNT" });
    assert.deepEqual(await grants(), ["USAGE", "USE_ANY_ROLE"]);
  });

  step("no-op: reads only", async () => {
    const n = await fx.measure(() => s.up(program));
    measured.record("no-op", n.t);
    assert.deepEqual(changes(n.r.summary), { same: 5 });
    assert.deepEqual(writes(n.t.statements), []);
  });

  step("drift: a grant revoked by hand is shown at preview and granted again", async () => {
    await fx.admin("REVOKE USE_ANY_ROLE ON INTEGRATION TOOL FROM ROLE ANALYST");
    const p = await fx.measure(() => s.preview(program));
    const out = p.r.stdout + p.r.stderr;
    assert.match(out, /IntegrationGrant TOOL: drifted in Snowflake: the grant is missing/);
    assert.match(out, /up will send: GRANT USE_ANY_ROLE ON INTEGRATION TOOL TO ROLE ANALYST/);
    assert.deepEqual(writes(p.t.statements), []);
    const u = await fx.measure(() => s.up(program));
    assert.deepEqual(writes(u.t.statements), ["GRANT USE_ANY_ROLE ON INTEGRATION TOOL TO ROLE ANALYST"]);
    assert.deepEqual(await grants(), ["USAGE", "USE_ANY_ROLE"]);
  });

  step("drift: the parameter set back by hand is shown at preview and set again", async () => {
    await fx.admin(`ALTER ACCOUNT SET ${PARAM} = TRUE`);
    const p = await fx.measure(() => s.preview(program));
    assert.match(
      p.r.stdout + p.r.stderr,
      new RegExp(`OAuthAccountParameters ACCOUNT: drifted in Snowflake: oauthAddPrivilegedRolesToBlockedList \\(${PARAM}\\)`),
    );
    const u = await fx.measure(() => s.up(program));
    assert.deepEqual(writes(u.t.statements), [`ALTER ACCOUNT SET ${PARAM} = FALSE`]);
  });

  step("a grant that existed before its resource is left in place when the resource is deleted", async () => {
    await fx.admin("GRANT USAGE ON INTEGRATION TOOL TO ROLE AUDITOR");
    decl.auditor = true;
    const c = await fx.measure(() => s.up(program));
    assert.deepEqual(changes(c.r.summary), { same: 5, create: 1 });
    assert.deepEqual(writes(c.t.statements), [], "already granted: nothing to send");
    decl.auditor = false;
    const d = await fx.measure(() => s.up(program));
    assert.deepEqual(changes(d.r.summary), { same: 5, delete: 1 });
    assert.deepEqual(writes(d.t.statements), [], "the resource granted nothing, so it revokes nothing");
    assert.match(d.r.stdout + d.r.stderr, /IntegrationGrant TOOL: left in place: the grant existed before this resource/);
    const r = await fx.emu.execAsAdmin("SHOW GRANTS ON INTEGRATION TOOL");
    const names = r.columns.map((x: { name: string }) => x.name);
    const auditor = r.rows.filter((x: unknown[]) => x[names.indexOf("grantee_name")] === "AUDITOR");
    assert.equal(auditor.length, 1, "AUDITOR keeps USAGE");
  });

  step("without the parameter resource, the same list fails at preview (Snowflake's default TRUE would refuse it)", async () => {
    await fx.admin(`ALTER ACCOUNT UNSET ${PARAM}`);
    const probe = async () => {
      const p = new OAuthAccountParameters("params", {});
      new OAuthIntegration(
        "probe",
        {
          name: "probe",
          oauthClientType: "CONFIDENTIAL",
          oauthRedirectUri: "https://p.example.com/cb",
          blockedRolesList: ["ACCOUNTADMIN"],
        },
        { dependsOn: [p] },
      );
      return {};
    };
    const err = await s.preview(probe).then(
      () => undefined,
      (e: Error) => String(e),
    );
    assert.ok(err, "preview fails");
    assert.match(err, /003629/);
    await fx.admin(`ALTER ACCOUNT SET ${PARAM} = FALSE`);
  });

  step("destroy: REVOKEs and the parameter unset (back to the default)", async () => {
    const d = await fx.measure(() => s.destroy());
    assert.deepEqual(writes(d.t.statements).sort(), [
      `ALTER ACCOUNT UNSET ${PARAM}`,
      "REVOKE USAGE ON INTEGRATION TOOL FROM ROLE ANALYST",
      "REVOKE USE_ANY_ROLE ON INTEGRATION TOOL FROM ROLE ANALYST",
    ]);
    assert.deepEqual(await param(), { value: "true", level: "" });
  });
});
