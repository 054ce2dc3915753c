/**
 * Object tags through the real Pulumi engine against the emulator, on each taggable kind (custom OAuth, partner
 * OAuth, External OAuth, network policy): create (CREATE, then one SET TAG) → no-op (one SYSTEM$GET_TAG read, no
 * ALTER) → drift by hand (a changed value, an unset tag; a tag the program never named is left alone) shown at
 * preview and repaired by up → a tag removed from the program is unset, a whole map removed unsets what it managed →
 * refresh reads the truth → preview refuses a value outside ALLOWED_VALUES and a missing tag on the field, sending
 * no write → destroy.
 */
import { ProviderFixture, about, changes, writes } from "../helpers/provider-fixture";
import { after, before, describe } from "node:test";
import { steps } from "../helpers/steps";
import * as assert from "node:assert/strict";
import { createTestStack, type TestStack } from "../helpers/pulumi";
import { ExternalOAuthIntegration, NetworkPolicy, OAuthIntegration, PartnerOAuthIntegration } from "../../sdk/index";

const { fx, measured } = ProviderFixture.forFile(
  "tags",
  "CREATE DATABASE GOV",
  "CREATE SCHEMA GOV.TAGS",
  "CREATE TAG GOV.TAGS.COST_CENTER ALLOWED_VALUES 'fin', 'eng'",
  "CREATE TAG GOV.TAGS.OWNER",
  "CREATE TAG GOV.TAGS.ENV",
);

/** A tag's value on an object as Snowflake reports it (out of band). */
async function tagOf(tag: string, object: string, domain: string): Promise<string | null> {
  const r = await fx.emu.execAsAdmin(`SELECT SYSTEM$GET_TAG('${tag}', '${object}', '${domain}') AS "V"`);
  return r.rows[0]?.[0] ?? null;
}

describe("tags: create, no-op, drift repair, removal, refresh, validation, delete on every taggable kind", { timeout: 600_000 }, () => {
  let v = 1;
  const program = async () => {
    new OAuthIntegration("app", {
      name: "tag_app",
      oauthClientType: "CONFIDENTIAL",
      oauthRedirectUri: "https://app.example.com/cb",
      tags: v === 1 ? { "gov.tags.cost_center": "fin", "gov.tags.owner": "team-a" } : { "gov.tags.cost_center": "eng" },
    });
    new PartnerOAuthIntegration("tableau", {
      name: "tag_tableau",
      oauthClient: "TABLEAU_DESKTOP",
      tags: v === 1 ? { "GOV.TAGS.OWNER": "team-b" } : undefined,
    });
    new ExternalOAuthIntegration("okta", {
      name: "tag_okta",
      externalOAuthType: "OKTA",
      externalOAuthIssuer: "https://idp.example.com/okta",
      externalOAuthTokenUserMappingClaim: ["sub"],
      externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
      externalOAuthJwsKeysUrl: ["https://idp.example.com/okta/keys"],
      tags: { "gov.tags.env": "prod" },
    });
    new NetworkPolicy("corp", { name: "tag_np", allowedIpList: ["10.0.0.0/8"], tags: { "gov.tags.owner": "net" } });
  };
  let s: TestStack;
  before(async () => {
    s = await createTestStack({ name: "provider-tags", target: fx.target(), program });
  });
  after(async () => {
    await s?.dispose();
  });
  const step = steps();

  step("create: CREATE takes no tags; one ALTER ... SET TAG per object follows it", async () => {
    const c = await fx.measure(() => s.up(program));
    measured.record("create (4 tagged objects)", c.t);
    assert.deepEqual(changes(c.r.summary), { create: 5 });
    assert.equal(c.t.logins, 1);
    assert.deepEqual(writes(about(c.t.statements, "TAG_APP")).slice(1), [
      "ALTER SECURITY INTEGRATION TAG_APP SET TAG GOV.TAGS.COST_CENTER = 'fin', GOV.TAGS.OWNER = 'team-a'",
    ]);
    assert.match(writes(about(c.t.statements, "TAG_APP"))[0], /^CREATE SECURITY INTEGRATION TAG_APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM /);
    assert.doesNotMatch(writes(about(c.t.statements, "TAG_APP"))[0], /TAG GOV/);
    assert.deepEqual(writes(about(c.t.statements, "TAG_NP")), [
      "CREATE NETWORK POLICY TAG_NP ALLOWED_IP_LIST = ('10.0.0.0/8')",
      "ALTER NETWORK POLICY TAG_NP SET TAG GOV.TAGS.OWNER = 'net'",
    ]);
    assert.equal(await tagOf("GOV.TAGS.COST_CENTER", "TAG_APP", "INTEGRATION"), "fin");
    assert.equal(await tagOf("GOV.TAGS.OWNER", "TAG_TABLEAU", "INTEGRATION"), "team-b");
    assert.equal(await tagOf("GOV.TAGS.ENV", "TAG_OKTA", "INTEGRATION"), "prod");
    assert.equal(await tagOf("GOV.TAGS.OWNER", "TAG_NP", "NETWORK POLICY"), "net");
    // The preview check read each tag schema once (SHOW TAGS IN SCHEMA), not once per tag.
    assert.equal(c.t.statements.filter((x) => x === "SHOW TAGS IN SCHEMA GOV.TAGS").length, 1);
  });

  step("no-op: each tagged object costs one SYSTEM$GET_TAG read and nothing is written", async () => {
    const n = await fx.measure(() => s.up(program));
    measured.record("no-op", n.t);
    assert.deepEqual(changes(n.r.summary), { same: 5 });
    assert.deepEqual(writes(n.t.statements), []);
    assert.deepEqual(
      about(n.t.statements, "'TAG_APP'").filter((x) => x.startsWith("SELECT SYSTEM$GET_TAG")),
      [
        `SELECT SYSTEM$GET_TAG('GOV.TAGS.COST_CENTER', 'TAG_APP', 'INTEGRATION') AS "0", SYSTEM$GET_TAG('GOV.TAGS.OWNER', 'TAG_APP', 'INTEGRATION') AS "1"`,
      ],
    );
    assert.equal(n.t.statements.filter((x) => x.startsWith("SHOW TAGS")).length, 0, "unchanged tags are not checked again");
  });

  step("drift by hand is shown at preview and repaired by up; a tag the program never named is left alone", async () => {
    await fx.admin(
      "ALTER SECURITY INTEGRATION TAG_APP SET TAG GOV.TAGS.OWNER = 'intruder'",
      "ALTER SECURITY INTEGRATION TAG_OKTA UNSET TAG GOV.TAGS.ENV",
      "ALTER NETWORK POLICY TAG_NP SET TAG GOV.TAGS.ENV = 'by-hand'",
    );
    const p = await fx.measure(() => s.preview(program));
    assert.equal(p.r.changeSummary?.update, 2, "TAG_APP and TAG_OKTA drifted");
    assert.match(p.r.stdout + p.r.stderr, /OAuthIntegration TAG_APP: drifted in Snowflake: tags \(TAG\)/);
    assert.match(p.r.stdout + p.r.stderr, /TAG_APP: up will send: ALTER SECURITY INTEGRATION TAG_APP SET TAG GOV.TAGS.OWNER = 'team-a'/);
    assert.deepEqual(writes(p.t.statements), [], "preview writes nothing");
    const u = await fx.measure(() => s.up(program));
    assert.deepEqual(writes(u.t.statements).sort(), [
      "ALTER SECURITY INTEGRATION TAG_APP SET TAG GOV.TAGS.OWNER = 'team-a'",
      "ALTER SECURITY INTEGRATION TAG_OKTA SET TAG GOV.TAGS.ENV = 'prod'",
    ]);
    assert.equal(await tagOf("GOV.TAGS.OWNER", "TAG_APP", "INTEGRATION"), "team-a");
    assert.equal(await tagOf("GOV.TAGS.ENV", "TAG_OKTA", "INTEGRATION"), "prod");
    assert.equal(await tagOf("GOV.TAGS.ENV", "TAG_NP", "NETWORK POLICY"), "by-hand", "an unmanaged tag stays");
    assert.deepEqual(changes((await s.up(program)).summary), { same: 5 });
  });

  step("a tag removed from the program is unset, a changed value is one SET TAG, a removed map unsets what it managed", async () => {
    v = 2;
    const u = await fx.measure(() => s.up(program));
    assert.deepEqual(changes(u.r.summary), { same: 3, update: 2 });
    assert.deepEqual(writes(about(u.t.statements, "TAG_APP")), [
      "ALTER SECURITY INTEGRATION TAG_APP SET TAG GOV.TAGS.COST_CENTER = 'eng'",
      "ALTER SECURITY INTEGRATION TAG_APP UNSET TAG GOV.TAGS.OWNER",
    ]);
    assert.deepEqual(writes(about(u.t.statements, "TAG_TABLEAU")), ["ALTER SECURITY INTEGRATION TAG_TABLEAU UNSET TAG GOV.TAGS.OWNER"]);
    assert.equal(await tagOf("GOV.TAGS.OWNER", "TAG_APP", "INTEGRATION"), null);
    assert.equal(await tagOf("GOV.TAGS.OWNER", "TAG_TABLEAU", "INTEGRATION"), null);
    const n = await fx.measure(() => s.up(program));
    assert.deepEqual(changes(n.r.summary), { same: 5 });
    assert.deepEqual(
      about(n.t.statements, "'TAG_TABLEAU'").filter((x) => x.startsWith("SELECT SYSTEM$GET_TAG")),
      [],
      "no tags managed any more: no tag read",
    );
  });

  step("refresh writes the truth of the managed tags into state", async () => {
    await fx.admin("ALTER NETWORK POLICY TAG_NP SET TAG GOV.TAGS.OWNER = 'changed-by-hand'");
    await s.refresh();
    const dep = await s.exportDeployment();
    const np = (dep.deployment.resources as any[]).find((r) => String(r.type).endsWith(":NetworkPolicy"));
    assert.deepEqual(np.inputs.tags, { "gov.tags.owner": "changed-by-hand" });
    const u = await fx.measure(() => s.up(program));
    assert.deepEqual(writes(u.t.statements), ["ALTER NETWORK POLICY TAG_NP SET TAG GOV.TAGS.OWNER = 'net'"]);
  });

  step("preview refuses a value outside ALLOWED_VALUES and a missing tag, on the field, writing nothing", async () => {
    for (const [tags, why] of [
      [{ "gov.tags.cost_center": "ops" }, /tags\["gov.tags.cost_center"\]: "ops" is not one of the tag's ALLOWED_VALUES \(fin, eng\)/],
      [{ "gov.tags.nope": "x" }, /tags\["gov.tags.nope"\]: tag GOV.TAGS.NOPE does not exist/],
      [{ cost_center: "x" }, /tags\["cost_center"\]: must name a tag as database.schema.tag/],
    ] as const) {
      const m = fx.mark();
      await assert.rejects(
        s.preview(async () => void new NetworkPolicy("bad", { name: "tag_bad", allowedIpList: ["10.0.0.0/8"], tags: { ...tags } })),
        (e: any) => {
          assert.match(String(e?.message ?? e), why);
          return true;
        },
      );
      assert.deepEqual(writes(fx.since(m).statements), []);
    }
  });

  step("destroy drops every object (their tags go with them)", async () => {
    const d = await fx.measure(() => s.destroy());
    assert.equal(d.r.summary.resourceChanges?.delete, 5);
    for (const n of ["TAG_APP", "TAG_TABLEAU", "TAG_OKTA"]) assert.ok(d.t.statements.includes(`DROP INTEGRATION IF EXISTS ${n}`));
    assert.ok(d.t.statements.includes("DROP NETWORK POLICY IF EXISTS TAG_NP"));
  });
});
