// Databases, schemas, tags and tag values on integrations, network policies and users, through the real snowflake-sdk.
// "testint" = Snowflake-Labs/terraform-provider-snowflake pkg/sdk/testint/tags_integration_test.go (live-account
// assertions); docs pages are named per test. Behaviours without a source are marked unsourced in FIDELITY.md.
import { connect, destroy, exec, execError } from "../helpers/emulator";
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { Emulator, startEmulator } from "../../emulator/index";

let emu: Emulator;
let admin: any;

const getTag = async (tag: string, object: string, domain: string): Promise<string | null> =>
  (await exec(admin, `SELECT SYSTEM$GET_TAG('${tag}', '${object}', '${domain}') AS "TAG"`))[0].TAG;

before(async () => {
  emu = await startEmulator({ port: 0 });
  admin = await connect(emu);
  await exec(admin, "CREATE DATABASE GOV");
  await exec(admin, "CREATE SCHEMA GOV.TAGS");
  await exec(admin, "CREATE TAG GOV.TAGS.COST_CENTER ALLOWED_VALUES 'fin', 'eng' COMMENT = 'who pays'");
  await exec(admin, 'CREATE TAG GOV.TAGS."Owner"');
  await exec(
    admin,
    "CREATE SECURITY INTEGRATION T_APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://a/cb'",
  );
  await exec(
    admin,
    "CREATE SECURITY INTEGRATION T_EXT TYPE = EXTERNAL_OAUTH ENABLED = TRUE EXTERNAL_OAUTH_TYPE = OKTA EXTERNAL_OAUTH_ISSUER = 'https://idp' EXTERNAL_OAUTH_JWS_KEYS_URL = 'https://idp/keys' EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM = 'sub' EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE = 'LOGIN_NAME'",
  );
  await exec(admin, "CREATE NETWORK POLICY T_NP ALLOWED_IP_LIST = ('10.0.0.0/8')");
  await exec(admin, "CREATE USER T_USER");
});
after(async () => {
  await destroy(admin);
  await emu.stop();
});

describe("databases, schemas and tags", () => {
  it("CREATE DATABASE makes it current with PUBLIC and INFORMATION_SCHEMA; CREATE SCHEMA makes it current (docs create-database, create-schema)", async () => {
    await exec(admin, "CREATE DATABASE D1");
    assert.deepEqual(await exec(admin, 'SELECT CURRENT_DATABASE() AS "D", CURRENT_SCHEMA() AS "S"'), [{ D: "D1", S: "PUBLIC" }]);
    await exec(admin, "CREATE SCHEMA S1");
    assert.deepEqual(await exec(admin, 'SELECT CURRENT_SCHEMA() AS "S"'), [{ S: "S1" }]);
    // An unqualified tag resolves against the current database and schema.
    await exec(admin, "CREATE TAG local_tag");
    assert.equal((await exec(admin, "SHOW TAGS IN SCHEMA D1.S1")).map((r: any) => r.name).join(), "LOCAL_TAG");
    const e = await execError(admin, "CREATE DATABASE D1");
    assert.equal(e.code, "002002");
    await exec(admin, "DROP DATABASE D1");
    assert.equal((await execError(admin, "SHOW TAGS IN SCHEMA D1.S1")).code, "002003");
  });

  it("SHOW TAGS prints the columns live accounts print, allowed_values as a quoted list, NULL when any value (TF tags_gen.go tagRow)", async () => {
    const rows = await exec(admin, "SHOW TAGS LIKE 'COST%' IN SCHEMA GOV.TAGS");
    assert.equal(rows.length, 1);
    const r = rows[0];
    assert.deepEqual(Object.keys(r), [
      "created_on",
      "name",
      "database_name",
      "schema_name",
      "owner",
      "comment",
      "allowed_values",
      "owner_role_type",
      "propagate",
      "on_conflict",
    ]);
    assert.equal(r.name, "COST_CENTER");
    assert.equal(r.database_name, "GOV");
    assert.equal(r.schema_name, "TAGS");
    assert.equal(r.owner, "ACCOUNTADMIN");
    assert.equal(r.comment, "who pays");
    assert.equal(r.allowed_values, '["fin","eng"]');
    const owner = (await exec(admin, "SHOW TAGS IN SCHEMA GOV.TAGS")).find((x: any) => x.name === "Owner");
    assert.equal(owner.allowed_values, null);
  });

  it("SET TAG / UNSET TAG on custom and External OAuth integrations, read back by SYSTEM$GET_TAG (testint TestInt_TagsAssociations)", async () => {
    for (const i of ["T_APP", "T_EXT"]) {
      await exec(admin, `ALTER SECURITY INTEGRATION ${i} SET TAG GOV.TAGS.COST_CENTER = 'fin', GOV.TAGS."Owner" = 'team'`);
      assert.equal(await getTag("GOV.TAGS.COST_CENTER", i, "INTEGRATION"), "fin");
      assert.equal(await getTag('"GOV"."TAGS"."Owner"', `"${i}"`, "integration"), "team");
      await exec(admin, `ALTER INTEGRATION ${i} SET TAG GOV.TAGS.COST_CENTER = 'eng'`);
      assert.equal(await getTag("gov.tags.cost_center", i.toLowerCase(), "INTEGRATION"), "eng", "a second SET replaces the value");
      await exec(admin, `ALTER SECURITY INTEGRATION ${i} UNSET TAG GOV.TAGS.COST_CENTER`);
      assert.equal(await getTag("GOV.TAGS.COST_CENTER", i, "INTEGRATION"), null, "NULL when not set (docs system_get_tag)");
    }
  });

  it("several SYSTEM$GET_TAG calls in one SELECT, each its own column", async () => {
    const rows = await exec(
      admin,
      `SELECT SYSTEM$GET_TAG('GOV.TAGS.COST_CENTER', 'T_APP', 'INTEGRATION') AS "0", SYSTEM$GET_TAG('GOV.TAGS."Owner"', 'T_APP', 'INTEGRATION') AS "1"`,
    );
    assert.deepEqual(rows, [{ "0": null, "1": "team" }]);
  });

  it("network policies and users take tags (docs alter-network-policy, alter-user); a rename keeps them", async () => {
    await exec(admin, "ALTER NETWORK POLICY T_NP SET TAG GOV.TAGS.COST_CENTER = 'fin'");
    assert.equal(await getTag("GOV.TAGS.COST_CENTER", "T_NP", "NETWORK POLICY"), "fin");
    await exec(admin, "ALTER NETWORK POLICY T_NP RENAME TO T_NP2");
    assert.equal(await getTag("GOV.TAGS.COST_CENTER", "T_NP2", "NETWORK POLICY"), "fin");
    await exec(admin, "ALTER USER T_USER SET TAG GOV.TAGS.COST_CENTER = 'eng'");
    assert.equal(await getTag("GOV.TAGS.COST_CENTER", "T_USER", "USER"), "eng");
    await exec(admin, "ALTER USER T_USER UNSET TAG GOV.TAGS.COST_CENTER");
    assert.equal(await getTag("GOV.TAGS.COST_CENTER", "T_USER", "USER"), null);
  });

  it("CREATE USER ... WITH TAG (...) sets the tags with the user (docs create-user; the form TF renders, pkg/sdk/users_ext_test.go)", async () => {
    await exec(admin, "CREATE USER T_TAGGED TYPE = SERVICE WITH TAG (GOV.TAGS.COST_CENTER = 'fin', GOV.TAGS.\"Owner\" = 'svc')");
    assert.equal(await getTag("GOV.TAGS.COST_CENTER", "T_TAGGED", "USER"), "fin");
    assert.equal(await getTag('GOV.TAGS."Owner"', "T_TAGGED", "USER"), "svc");
    const e = await execError(admin, "CREATE USER T_TAGGED2 TAG (GOV.TAGS.COST_CENTER = 'nope')");
    assert.match(e.message, /is not allowed for tag/);
    assert.equal((await exec(admin, "SHOW USERS LIKE 'T_TAGGED2'")).length, 0, "a refused tag creates no user");
  });

  it("a value outside ALLOWED_VALUES, an unknown tag and an unsupported domain are refused (docs object-tagging/work; testint 391801)", async () => {
    const bad = await execError(admin, "ALTER SECURITY INTEGRATION T_APP SET TAG GOV.TAGS.COST_CENTER = 'ops'");
    assert.match(bad.message, /Tag value 'ops' is not allowed for tag 'GOV.TAGS.COST_CENTER'/);
    assert.equal(await getTag("GOV.TAGS.COST_CENTER", "T_APP", "INTEGRATION"), null, "nothing was set");
    const missing = await execError(admin, "ALTER SECURITY INTEGRATION T_APP SET TAG GOV.TAGS.NOPE = 'x'");
    assert.equal(missing.code, "002003");
    assert.match(missing.message, /Tag 'GOV.TAGS.NOPE' does not exist or not authorized/);
    const domain = await execError(admin, "SELECT SYSTEM$GET_TAG('GOV.TAGS.COST_CENTER', 'X', 'APPLICATION')");
    assert.equal(domain.code, "391801");
    assert.match(domain.message, /Object tagging not supported for object type APPLICATION/);
    const obj = await execError(admin, "ALTER NETWORK POLICY NO_SUCH SET TAG GOV.TAGS.COST_CENTER = 'fin'");
    assert.equal(obj.code, "002003");
  });

  it("a role without APPLY TAG (nor ownership of tag and object) cannot set a tag (docs tag privileges)", async () => {
    await exec(admin, "CREATE ROLE TAGGER");
    await exec(admin, "CREATE USER TAG_USER PASSWORD = 'pw-tagger' DEFAULT_ROLE = TAGGER");
    await exec(admin, "GRANT ROLE TAGGER TO USER TAG_USER");
    await exec(admin, "CREATE NETWORK POLICY TAGGER_NP ALLOWED_IP_LIST = ('10.0.0.0/8')");
    await exec(admin, "GRANT OWNERSHIP ON NETWORK POLICY TAGGER_NP TO ROLE TAGGER");
    const tagger = await connect(emu, { username: "TAG_USER", password: "pw-tagger" });
    try {
      const e = await execError(tagger, "ALTER NETWORK POLICY TAGGER_NP SET TAG GOV.TAGS.COST_CENTER = 'fin'");
      assert.equal(e.code, "003001");
      await exec(admin, "GRANT APPLY TAG ON ACCOUNT TO ROLE TAGGER");
      await exec(tagger, "ALTER NETWORK POLICY TAGGER_NP SET TAG GOV.TAGS.COST_CENTER = 'fin'");
      assert.equal(await getTag("GOV.TAGS.COST_CENTER", "TAGGER_NP", "NETWORK POLICY"), "fin");
    } finally {
      await destroy(tagger);
    }
  });

  it("a dropped and re-created object starts without tags; a dropped tag leaves no values (unsourced)", async () => {
    await exec(admin, "CREATE NETWORK POLICY T_GONE ALLOWED_IP_LIST = ('10.0.0.0/8')");
    await exec(admin, "ALTER NETWORK POLICY T_GONE SET TAG GOV.TAGS.\"Owner\" = 'x'");
    await exec(admin, "DROP NETWORK POLICY T_GONE");
    emu.advanceClock(5);
    await exec(admin, "CREATE NETWORK POLICY T_GONE ALLOWED_IP_LIST = ('10.0.0.0/8')");
    assert.equal(await getTag('GOV.TAGS."Owner"', "T_GONE", "NETWORK POLICY"), null);
    await exec(admin, "CREATE TAG GOV.TAGS.TEMP");
    await exec(admin, "ALTER NETWORK POLICY T_GONE SET TAG GOV.TAGS.TEMP = 'x'");
    await exec(admin, "DROP TAG GOV.TAGS.TEMP");
    await exec(admin, "CREATE TAG GOV.TAGS.TEMP");
    assert.equal(await getTag("GOV.TAGS.TEMP", "T_GONE", "NETWORK POLICY"), null);
  });
});
