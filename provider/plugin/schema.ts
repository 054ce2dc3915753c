/**
 * The provider plugin's Pulumi package schema, generated from the resource models: one resource per model, its
 * inputs (meta inputs and the property table, in SDK order), its outputs, which are secret, and which are required.
 * The SDKs that `pulumi package add` / `gen-sdk` write for Python, Go or YAML come from this, so a property added to
 * a model reaches every language without another edit.
 * Schema format: https://www.pulumi.com/docs/iac/extending-pulumi/schema/
 * @internal
 */
import { RESOURCES } from "../../model/index";
import { metaInputs, pluginToken, PLUGIN_PACKAGE, requiredInputs, type ResourceModel } from "../../model/resource";
import type { PropSpec } from "../../model/types";
import { SECRET_SETTINGS, SETTING_KEYS } from "../connection/sourced";

/** A schema type reference (the subset this package needs). */
export interface TypeSpec {
  type?: "string" | "integer" | "number" | "boolean" | "array" | "object";
  items?: TypeSpec;
  additionalProperties?: TypeSpec;
  $ref?: string;
}
interface PropertySpec extends TypeSpec {
  description?: string;
  secret?: boolean;
}
interface ObjectTypeSpec {
  type: "object";
  description?: string;
  properties: Record<string, PropertySpec>;
  required?: string[];
}

const STRING: TypeSpec = { type: "string" };

/**
 * The schema type of a model's TypeScript type text (`string`, `"A" | "B"`, `2048 | 4096`, `Record<string, …>`,
 * `{ a?: pulumi.Input<number>; … }`). An object literal becomes a named type, registered in `types`.
 */
export function typeOfTs(ts: string, typeName: string, types: Record<string, ObjectTypeSpec>): TypeSpec {
  const t = ts.replace(/\s*\|\s*undefined$/, "").trim();
  if (t === "string" || /^"[^"]*"(\s*\|\s*"[^"]*")*$/.test(t)) return STRING;
  if (t === "boolean") return { type: "boolean" };
  if (t === "number") return { type: "number" };
  if (/^\d+(\s*\|\s*\d+)*$/.test(t)) return { type: "integer" };
  if (t.endsWith("[]")) return { type: "array", items: typeOfTs(t.slice(0, -2), typeName, types) };
  if (/^Record<string,/.test(t)) return { type: "object", additionalProperties: STRING };
  const obj = /^\{(.*)\}$/.exec(t);
  if (obj) {
    const properties: Record<string, PropertySpec> = {};
    for (const field of obj[1]
      .split(";")
      .map((f) => f.trim())
      .filter(Boolean)) {
      const m = /^(\w+)\??:\s*(?:pulumi\.Input<(.+)>|(.+))$/.exec(field);
      if (!m) throw new Error(`schema: cannot type field ${field} of ${typeName}`);
      properties[m[1]] = typeOfTs(m[2] ?? m[3], `${typeName}${m[1]}`, types);
    }
    const token = `${PLUGIN_PACKAGE}:index:${typeName}`;
    const spec: ObjectTypeSpec = { type: "object", properties };
    if (types[token] && JSON.stringify(types[token]) !== JSON.stringify(spec)) throw new Error(`schema: two shapes for type ${token}`);
    types[token] = spec;
    return { $ref: `#/types/${token}` };
  }
  throw new Error(`schema: no schema type for TypeScript type ${ts} (${typeName})`);
}

/** The schema type of a property-table entry. */
export function typeOfProp(p: PropSpec): TypeSpec {
  switch (p.kind) {
    case "bool":
      return { type: "boolean" };
    case "int":
      return { type: "integer" };
    case "string":
    case "enum":
    case "identifierRef":
      return STRING;
    case "roleList":
    case "stringList":
    case "ipList":
    case "qualifiedList":
      return { type: "array", items: STRING };
  }
}

const upperFirst = (s: string) => s[0].toUpperCase() + s.slice(1);

function describe(doc: string, extra?: string): string {
  return extra ? `${doc} ${extra}` : doc;
}

/** Inputs, outputs and required names of one resource. */
function resourceSpec(m: ResourceModel, types: Record<string, ObjectTypeSpec>) {
  const inputProperties: Record<string, PropertySpec> = {};
  for (const [k, i] of Object.entries(metaInputs(m))) {
    // An object input is a named type shared by every resource that has it (`ClientSecretRotation`).
    const t = typeOfTs(i.list ? `${i.tsType}[]` : i.tsType, upperFirst(k), types);
    inputProperties[k] = { ...t, description: describe(i.doc, i.defaultDoc), ...(i.secret ? { secret: true } : {}) };
  }
  for (const [k, p] of Object.entries(m.object?.table ?? {})) {
    inputProperties[k] = { ...typeOfProp(p), description: describe(p.doc, p.defaultDoc), ...(p.secret ? { secret: true } : {}) };
  }
  // What the SDK fills in (the logical name, a constant) is not required of the program: the plugin fills it in too.
  const defaulted = new Set(
    Object.entries(metaInputs(m))
      .filter(([, i]) => i.sdkDefault)
      .map(([k]) => k),
  );
  const requiredIns = requiredInputs(m).filter((k) => !defaulted.has(k));
  const properties: Record<string, PropertySpec> = { ...inputProperties };
  for (const [k, o] of Object.entries(m.outputs)) {
    properties[k] = { ...typeOfTs(o.tsType, upperFirst(k), types), description: o.doc, ...(o.secret ? { secret: true } : {}) };
  }
  return {
    description: m.summary,
    inputProperties,
    requiredInputs: requiredIns,
    properties,
    // Outputs the provider always sets (required in the SDKs' output types).
    required: [...Object.keys(m.outputs).filter((k) => !/\bundefined\b/.test(m.outputs[k].tsType)), ...requiredIns],
  };
}

/** The package schema the plugin serves from GetSchema. */
export function packageSchema(version: string): Record<string, unknown> {
  const types: Record<string, ObjectTypeSpec> = {};
  const resources: Record<string, unknown> = {};
  for (const m of RESOURCES) resources[pluginToken(m)] = resourceSpec(m, types);
  return {
    name: PLUGIN_PACKAGE,
    displayName: "Snowflake OAuth",
    version,
    description:
      "Snowflake OAuth security integrations, External OAuth, network policies and zero-downtime RSA key rotation, " +
      "planned from DESCRIBE.",
    license: "Apache-2.0",
    repository: "https://github.com/pulumi-snowflake-oauth/pulumi-snowflake-oauth",
    config: { variables: configVariables() },
    provider: {
      description: "Connection settings; any left unset come from the environment or connections.toml.",
      inputProperties: configVariables(),
    },
    resources,
    types,
    language: {
      nodejs: { packageName: "@pulumi-snowflake-oauth/plugin-sdk" },
      python: { packageName: "pulumi_snowflake_oauth" },
      go: { importBasePath: "example.com/pulumi-snowflake-oauth/sdk/go/snowflakeoauth", generateResourceContainerTypes: false },
    },
  };
}

/** The connection settings, as stack config `snowflake-oauth:<key>` or inputs of an explicit provider resource. */
function configVariables(): Record<string, PropertySpec> {
  const out: Record<string, PropertySpec> = { connectionName: { type: "string", description: "A connection of connections.toml." } };
  for (const k of SETTING_KEYS) {
    out[k] = {
      type: "string",
      description: `Snowflake connection setting \`${k}\` (as stack config \`snowflake:${k}\` of the dynamic resources).`,
      ...(SECRET_SETTINGS.has(k) ? { secret: true } : {}),
    };
  }
  return out;
}
