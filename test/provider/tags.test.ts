// Object tags as units: the `tags` input's checks, the SYSTEM$GET_TAG read, the SET TAG / UNSET TAG plan (only the
// managed tags, fewest statements), refresh, and the preview check against SHOW TAGS (stubbed account).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { OAUTH_INTEGRATION } from "../../model/oauthCustom";
import { NETWORK_POLICY_RESOURCE } from "../../model/networkPolicy";
import { INTEGRATION_TAGS, NETWORK_POLICY_TAGS } from "../../model/tags";
import { RESOURCES } from "../../model/index";
import { UNKNOWN } from "../../model/unknown";
import { hooksFor } from "../../provider/resources/hooks";
import { tagReferenceFailures } from "../../provider/resources/validate";
import { plan } from "../../provider/engine/plan";
import {
  canonicalTag,
  getTagsSql,
  managedTags,
  parseAllowedValues,
  parseTagsRow,
  planTags,
  refreshedTags,
  tagFailures,
} from "../../provider/engine/tags";
import * as providers from "../../provider/index";

test("tag names resolve as Snowflake resolves db.schema.tag identifiers", () => {
  assert.equal(canonicalTag("gov.tags.cost_center"), "GOV.TAGS.COST_CENTER");
  assert.equal(canonicalTag('gov."Tags".owner'), 'GOV."Tags".OWNER');
  assert.equal(canonicalTag('"my.db".s.t'), '"my.db".S.T');
  assert.equal(canonicalTag("cost_center"), undefined);
  assert.equal(canonicalTag("s.t"), undefined);
  assert.equal(canonicalTag("a.b.c.d"), undefined);
});

test("the tags input: shape, names, duplicates, value length and count are refused on the field", () => {
  assert.deepEqual(tagFailures({ "gov.tags.cost_center": "fin" }), []);
  assert.deepEqual(tagFailures(UNKNOWN), []);
  assert.deepEqual(tagFailures({ "gov.tags.cost_center": UNKNOWN }), []);
  assert.match(tagFailures(["x"])[0].reason, /must be an object/);
  assert.deepEqual(
    tagFailures({ cost_center: "x" }).map((f) => f.property),
    ['tags["cost_center"]'],
  );
  const dup = tagFailures({ "gov.tags.owner": "a", "GOV.TAGS.OWNER": "b" });
  assert.equal(dup.length, 1);
  assert.match(dup[0].reason, /names the same tag as "gov.tags.owner" \(GOV.TAGS.OWNER\)/);
  assert.match(tagFailures({ "gov.tags.owner": 7 })[0].reason, /must be a string/);
  assert.match(tagFailures({ "gov.tags.owner": "x".repeat(257) })[0].reason, /at most 256 characters/);
  assert.deepEqual(tagFailures({ "gov.tags.owner": "x".repeat(256) }), []);
  const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`gov.tags.t${i}`, "v"]));
  assert.match(tagFailures(many).find((f) => f.property === "tags")!.reason, /at most 50 tags/);
});

test("check() names the tag in its failure, for every taggable resource", async () => {
  for (const p of [providers.oauthIntegration, providers.networkPolicy]) {
    const news =
      p === providers.networkPolicy
        ? { name: "np", allowedIpList: ["10.0.0.0/8"], tags: { owner: "x" } }
        : { name: "app", oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://a/cb", tags: { owner: "x" } };
    const r = await p.check({}, news);
    assert.ok(
      r.failures.some(
        (f: { property: string; reason: string }) => f.property === "" && f.reason.startsWith('tags["owner"]: must name a tag'),
      ),
      JSON.stringify(r.failures),
    );
  }
  // Every resource with a Snowflake object takes tags, from the model.
  for (const m of RESOURCES) if (m.object) assert.ok(m.object.tags && m.trailingInputs?.tags, `${m.className} takes tags`);
});

test("one SELECT reads every managed tag, as SYSTEM$GET_TAG(tag, object, domain) columns", () => {
  const tags = managedTags({ "gov.tags.owner": "a" }, { "gov.tags.cost_center": "b", "gov.tags.owner": "a" });
  assert.deepEqual(tags, ["GOV.TAGS.COST_CENTER", "GOV.TAGS.OWNER"]);
  assert.equal(
    getTagsSql(INTEGRATION_TAGS, "MY_APP", tags),
    `SELECT SYSTEM$GET_TAG('GOV.TAGS.COST_CENTER', 'MY_APP', 'INTEGRATION') AS "0", SYSTEM$GET_TAG('GOV.TAGS.OWNER', 'MY_APP', 'INTEGRATION') AS "1"`,
  );
  assert.equal(
    getTagsSql(NETWORK_POLICY_TAGS, "my np", ['"g".S.T']),
    `SELECT SYSTEM$GET_TAG('"g".S.T', '"my np"', 'NETWORK POLICY') AS "0"`,
  );
  assert.deepEqual(parseTagsRow(tags, { "0": null, "1": "a" }), { "GOV.TAGS.COST_CENTER": null, "GOV.TAGS.OWNER": "a" });
});

test("the tag plan: one SET TAG for new or changed values, one UNSET TAG for dropped managed tags, nothing else", () => {
  const steps = planTags(
    "SECURITY INTEGRATION",
    "APP",
    { "gov.tags.owner": "team-a", "gov.tags.env": "prod", "gov.tags.same": "x" },
    { "gov.tags.owner": "team-a", "gov.tags.gone": "y", "gov.tags.same": "x", "gov.tags.already_gone": "z" },
    {
      "GOV.TAGS.OWNER": "someone-else",
      "GOV.TAGS.ENV": null,
      "GOV.TAGS.SAME": "x",
      "GOV.TAGS.GONE": "y",
      "GOV.TAGS.ALREADY_GONE": null,
    },
  );
  assert.deepEqual(
    steps.map((s) => s.sql),
    [
      "ALTER SECURITY INTEGRATION APP SET TAG GOV.TAGS.OWNER = 'team-a', GOV.TAGS.ENV = 'prod'",
      "ALTER SECURITY INTEGRATION APP UNSET TAG GOV.TAGS.GONE",
    ],
  );
  assert.deepEqual(steps[0].props, ["tags[GOV.TAGS.OWNER]", "tags[GOV.TAGS.ENV]"]);
  // In sync: nothing.
  assert.deepEqual(planTags("NETWORK POLICY", "NP", { "g.s.t": "v" }, { "g.s.t": "v" }, { "G.S.T": "v" }), []);
  // No tags declared, none before: nothing (a resource without tags sends what it sent before).
  assert.deepEqual(planTags("NETWORK POLICY", "NP", undefined, undefined, undefined), []);
  // Removing the whole map unsets what it managed.
  assert.deepEqual(
    planTags("NETWORK POLICY", "NP", undefined, { "g.s.t": "v" }, { "G.S.T": "v" }).map((s) => s.sql),
    ["ALTER NETWORK POLICY NP UNSET TAG G.S.T"],
  );
  // Values are string literals through the one quoting module.
  assert.equal(
    planTags("NETWORK POLICY", "NP", { "g.s.t": "it's \\ ok" }, undefined, undefined)[0].sql,
    "ALTER NETWORK POLICY NP SET TAG G.S.T = 'it''s \\\\ ok'",
  );
  // Unknown at preview.
  assert.equal(
    planTags("NETWORK POLICY", "NP", UNKNOWN, undefined, undefined)[0].sql,
    "ALTER NETWORK POLICY NP SET TAG <unknown until apply>",
  );
});

test("plan(): CREATE takes no tags, one ALTER ... SET TAG follows it; an update puts tags after the property ALTERs", () => {
  const spec = OAUTH_INTEGRATION.object!;
  const inputs = { name: "app", oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://a/cb", tags: { "gov.tags.owner": "a" } };
  const created = plan({ spec, name: "app", inputs, tags: { spec: spec.tags!, now: inputs.tags, before: undefined } });
  assert.equal(created.kind, "plan");
  if (created.kind !== "plan") return;
  assert.deepEqual(
    created.steps.map((s) => s.op),
    ["create", "set"],
  );
  assert.ok(!("sql" in created.steps[0] && /TAG/.test(created.steps[0].sql)));
  assert.equal((created.steps[1] as { sql: string }).sql, "ALTER SECURITY INTEGRATION APP SET TAG GOV.TAGS.OWNER = 'a'");
  // No `tags` in the request (a kind without tags): exactly one step, the CREATE.
  const plain = plan({ spec, name: "app", inputs: { ...inputs, tags: undefined } });
  assert.equal(plain.kind === "plan" && plain.steps.length, 1);
});

test("refresh writes back the managed tags that are set, under the keys the program wrote", () => {
  assert.deepEqual(refreshedTags({ "gov.tags.owner": "a", "gov.tags.env": "p" }, { "GOV.TAGS.OWNER": "b", "GOV.TAGS.ENV": null }), {
    "gov.tags.owner": "b",
  });
  assert.equal(refreshedTags(undefined, {}), undefined);
});

test("allowed_values as SHOW TAGS prints it (a JSON-style list; NULL = any value)", () => {
  assert.deepEqual(parseAllowedValues('["fin","eng"]'), ["fin", "eng"]);
  assert.deepEqual(parseAllowedValues("[fin, eng]"), ["fin", "eng"]);
  assert.equal(parseAllowedValues(null), undefined);
});

test("preview refuses a missing tag and a value outside ALLOWED_VALUES, one SHOW TAGS per schema, changed entries only", async () => {
  const hooks = hooksFor(NETWORK_POLICY_RESOURCE, async () => undefined);
  const reads: string[] = [];
  const tagsOf = async (schema: string) => {
    reads.push(schema);
    if (schema === "GOV.TAGS")
      return new Map([
        ["COST_CENTER", { name: "COST_CENTER", allowedValues: '["fin","eng"]' }],
        ["OWNER", { name: "OWNER", allowedValues: null }],
      ]);
    return new Map();
  };
  const f = await tagReferenceFailures(
    hooks,
    { tags: { "gov.tags.owner": "kept" } },
    {
      tags: { "gov.tags.cost_center": "ops", "gov.tags.owner": "kept", "gov.tags.ghost": "x", "other.s.t": "y" },
    },
    tagsOf,
  );
  assert.deepEqual(
    f.map((x) => `${x.property}: ${x.reason}`),
    [
      'tags["gov.tags.cost_center"]: "ops" is not one of the tag\'s ALLOWED_VALUES (fin, eng)',
      'tags["gov.tags.ghost"]: tag GOV.TAGS.GHOST does not exist (or the provider\'s role cannot see it); create it first',
      'tags["other.s.t"]: tag OTHER.S.T does not exist (or the provider\'s role cannot see it); create it first',
    ],
  );
  assert.deepEqual(reads, ["GOV.TAGS", "GOV.TAGS", "OTHER.S"], "the stub is asked per entry; the session caches per schema");
  // An unreadable account skips the rule.
  assert.deepEqual(
    await tagReferenceFailures(hooks, undefined, { tags: { "g.s.t": "v" } }, async () => {
      throw new Error("offline");
    }),
    [],
  );
});
