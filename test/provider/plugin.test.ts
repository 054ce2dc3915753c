/**
 * The provider plugin's pure parts: the schema is generated from the models (every resource, every input, secret and
 * required flags), secrets survive the boundary, and Configure's settings are read from args or variables.
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { RESOURCES } from "../../model/index";
import { allInputNames, pluginToken } from "../../model/resource";
import { packageSchema } from "../../provider/plugin/schema";
import { unwrapBag, wrapBag } from "../../provider/plugin/secrets";
import { applySettings, settingsOf } from "../../provider/plugin/configure";
import * as session from "../../provider/connection/session";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseUrn } from "../../provider/connection/engine-log";

const schema = packageSchema("9.9.9") as any;
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";

test("schema: one resource per model, with every input of the model and its outputs", () => {
  assert.equal(schema.name, "snowflake-oauth");
  assert.equal(schema.version, "9.9.9");
  assert.deepEqual(Object.keys(schema.resources).sort(), RESOURCES.map(pluginToken).sort());
  for (const m of RESOURCES) {
    const r = schema.resources[pluginToken(m)];
    assert.deepEqual(Object.keys(r.inputProperties).sort(), allInputNames(m).sort(), m.className);
    for (const o of Object.keys(m.outputs)) assert.ok(r.properties[o], `${m.className}.${o} is an output`);
  }
});

test("schema: types, secrets and required inputs follow the model", () => {
  const app = schema.resources["snowflake-oauth:index:OAuthIntegration"];
  assert.deepEqual(app.inputProperties.blockedRolesList.type, "array");
  assert.equal(app.inputProperties.oauthRefreshTokenValidity.type, "integer");
  assert.equal(app.inputProperties.tags.type, "object");
  assert.equal(app.properties.clientSecret.secret, true);
  assert.deepEqual(app.requiredInputs, ["oauthClientType", "oauthRedirectUri"], "name defaults to the logical name");
  assert.equal(app.inputProperties.clientSecretRotation.$ref, "#/types/snowflake-oauth:index:ClientSecretRotation");
  assert.ok(schema.types["snowflake-oauth:index:ClientSecretRotation"].properties.secret1);
  const kp = schema.resources["snowflake-oauth:index:KeyPair"];
  assert.equal(kp.properties.privateKeyPem.secret, true);
  assert.equal(schema.config.variables.password.secret, true);
  assert.equal(schema.config.variables.user.secret, undefined);
});

test("secrets: unwrapped anywhere in a bag, named by their top-level key, and wrapped again once", () => {
  const wrapped = { a: { [SIG]: SECRET, value: "s3cret" }, b: ["x", { [SIG]: SECRET, value: "y" }], c: { k: "v" }, d: 1 };
  const { plain, secret } = unwrapBag(wrapped);
  assert.deepEqual(plain, { a: "s3cret", b: ["x", "y"], c: { k: "v" }, d: 1 });
  assert.deepEqual(secret.sort(), ["a", "b"]);
  const again = wrapBag(plain, ["a", "b", "missing"]);
  assert.deepEqual(again.a, { [SIG]: SECRET, value: "s3cret" });
  assert.deepEqual(again.b, { [SIG]: SECRET, value: ["x", "y"] });
  assert.equal("missing" in again, false);
  assert.deepEqual(wrapBag(again, ["a"]).a, again.a, "never wrapped twice");
});

test("configure: settings from the provider's args (secrets unwrapped), else from the config variables", () => {
  const vars = new Map([
    ["snowflake-oauth:config:account", "ACC"],
    ["snowflake-oauth:config:user", "FROM_VARS"],
    ["snowflake-oauth:config:unrelated", "x"],
  ]);
  assert.deepEqual(settingsOf({ user: "ADMIN", password: { [SIG]: SECRET, value: "pw" } }, vars), {
    user: "ADMIN",
    password: "pw",
    account: "ACC",
  });
});

test("urn: the resource's own type and name, also under a parent", () => {
  assert.deepEqual(parseUrn("urn:pulumi:dev::proj::snowflake-oauth:index:NetworkPolicy::office"), {
    type: "snowflake-oauth:index:NetworkPolicy",
    name: "office",
  });
  assert.deepEqual(parseUrn("urn:pulumi:dev::proj::my:Comp$snowflake-oauth:index:KeyPair::a::b"), {
    type: "snowflake-oauth:index:KeyPair",
    name: "a::b",
  });
});

test("configure: messages name the plugin's settings as its users set them (snowflake-oauth:<key>), never a secret", async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-cfg-"));
  const saved = { ...process.env };
  for (const k of Object.keys(process.env))
    if (k.startsWith("SNOWFLAKE_") && k !== "SNOWFLAKE_DISABLE_PLATFORM_DETECTION") delete process.env[k];
  process.env.SNOWFLAKE_HOME = home; // no connections.toml
  try {
    applySettings({ user: "BOB", password: "pw-never-shown-5f1c" });
    const e = await session.execute({ sql: "SELECT 1", idempotent: true }).then(
      () => undefined,
      (x: Error) => x,
    );
    assert.ok(e, "no account: the session refuses before any network call");
    assert.match(e.message, /Snowflake account is not configured: set stack config snowflake-oauth:account, env SNOWFLAKE_ACCOUNT/);
    assert.match(e.message, /user 'BOB' from stack config snowflake-oauth:user or the provider's user input/);
    assert.match(e.message, /password from stack config snowflake-oauth:password or the provider's password input/);
    assert.doesNotMatch(e.message, /pw-never-shown-5f1c/);
  } finally {
    process.env = saved;
    session.configure(undefined);
    await session.closeSession();
    fs.rmSync(home, { recursive: true, force: true });
  }
});
