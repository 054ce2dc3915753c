/**
 * The provider plugin's resource methods: each type token `snowflake-oauth:index:<Class>` runs the SAME provider
 * implementation as the dynamic resource of that class (provider/index.ts): the same check, diff, plan, SQL and fault
 * handling. What differs is only the boundary:
 *  - inputs arrive with secret wrappers and leave with them (secrets.ts);
 *  - what the TypeScript SDK adds in the program, the plugin adds here: the `kind` discriminator, SDK defaults (the
 *    logical name for `name`), the `__secretInputs` list, and Pulumi's message for a missing required input;
 *  - `read` without state is an import: the object is read (DESCRIBE) and its inputs returned, so `pulumi import`
 *    writes a program whose next `up` is a no-op. Only the Snowflake objects that can be read back whole support it.
 * @internal
 */
import type * as provider from "@pulumi/pulumi/provider";
import { RESOURCES } from "../../model/index";
import { metaInputs, pluginToken, requiredInputs, secretNames, type ResourceModel } from "../../model/resource";
import * as impls from "../index";
import { forResource, parseUrn } from "../connection/engine-log";
import { unwrapBag, wrapBag } from "./secrets";

type Bag = Record<string, any>;
interface Impl {
  check(olds: Bag, news: Bag): Promise<{ inputs?: Bag; failures?: { property: string; reason: string }[] }>;
  diff(id: string, olds: Bag, news: Bag): Promise<provider.DiffResult>;
  create(inputs: Bag): Promise<{ id: string; outs?: Bag }>;
  read(id: string, props?: Bag): Promise<{ id?: string; props?: Bag; inputs?: Bag }>;
  update(id: string, olds: Bag, news: Bag): Promise<{ outs?: Bag }>;
  delete(id: string, props: Bag): Promise<void>;
}

/** Keys only the provider implementation uses; never shown to the engine as inputs or outputs. */
const INTERNAL = ["kind", "__secretInputs", "__provider", "__urn"];

/** The kinds whose object `read` rebuilds every input from DESCRIBE, so an import needs nothing but the name. */
const IMPORTABLE = new Set(["oauthIntegration", "partnerOAuthIntegration", "externalOAuthIntegration", "networkPolicy"]);

const BY_TOKEN = new Map<string, ResourceModel>(RESOURCES.map((m) => [pluginToken(m), m]));

function modelOf(urn: string): { model: ResourceModel; impl: Impl; name: string } {
  const { type, name } = parseUrn(urn);
  const model = BY_TOKEN.get(type);
  if (!model) throw new Error(`snowflake-oauth: unknown resource type ${type}`);
  return { model, impl: (impls as unknown as Record<string, Impl>)[model.providerKind], name };
}

function tableSecrets(m: ResourceModel): string[] {
  return Object.entries(m.object?.table ?? {})
    .filter(([, p]) => p.secret)
    .map(([k]) => k);
}

/** A bag from the engine, as the provider implementation takes it, and the names that were secret. */
function inbound(m: ResourceModel, bag: Bag | undefined): { plain: Bag; secret: string[] } {
  const { plain, secret } = unwrapBag(bag);
  for (const k of INTERNAL) delete plain[k];
  const declaredSecret = Object.entries(metaInputs(m))
    .filter(([, i]) => i.secret)
    .map(([k]) => k);
  const secretInputs = [...new Set([...secret, ...declaredSecret])].filter((k) => plain[k] !== undefined);
  plain.kind = m.kind;
  if (secretInputs.length) plain.__secretInputs = secretInputs;
  return { plain, secret };
}

/** A bag for the engine: internal keys dropped, every secret wrapped. */
function outbound(m: ResourceModel, bag: Bag | undefined, secret: readonly string[]): Bag {
  const out: Bag = { ...(bag ?? {}) };
  for (const k of INTERNAL) delete out[k];
  return wrapBag(out, [...secret, ...secretNames(m), ...tableSecrets(m)]);
}

/** What the TypeScript SDK does in the constructor: defaults, then Pulumi's message for a missing required input. */
function withDefaults(m: ResourceModel, news: Bag, logicalName: string): { news: Bag; failures: provider.CheckFailure[] } {
  const out = { ...news };
  for (const [k, i] of Object.entries(metaInputs(m))) {
    if (out[k] === undefined && i.sdkDefault) out[k] = "logicalName" in i.sdkDefault ? logicalName : i.sdkDefault.value;
  }
  const failures = requiredInputs(m)
    .filter((k) => out[k] === undefined || out[k] === null)
    .map((k) => ({ property: k, reason: `Missing required property '${k}' of ${m.className}` }));
  return { news: out, failures };
}

/** Re-throw a create/update failure with its properties in the engine's form (an object kept in state). */
function rethrow(m: ResourceModel, e: any, secret: readonly string[]): never {
  if (e && typeof e === "object" && e.id && e.properties) throw { ...e, properties: outbound(m, e.properties, secret) };
  throw e;
}

type Methods = Pick<provider.Provider, "check" | "diff" | "create" | "read" | "update" | "delete">;

const methods: Methods = {
  async check(urn, olds, news) {
    const { model, impl, name } = modelOf(urn);
    const o = inbound(model, olds);
    const n = inbound(model, news);
    const d = withDefaults(model, n.plain, name);
    if (d.failures.length) return { inputs: outbound(model, d.news, n.secret), failures: d.failures };
    const r = await impl.check(olds && Object.keys(olds).length ? o.plain : {}, d.news);
    return { inputs: outbound(model, r.inputs ?? d.news, n.secret), failures: r.failures ?? [] };
  },

  async diff(id, urn, olds, news) {
    const { model, impl } = modelOf(urn);
    return impl.diff(id, inbound(model, olds).plain, inbound(model, news).plain);
  },

  async create(urn, inputs) {
    const { model, impl } = modelOf(urn);
    const i = inbound(model, inputs);
    try {
      const r = await impl.create(i.plain);
      return { id: r.id, outs: outbound(model, r.outs, i.secret) };
    } catch (e) {
      rethrow(model, e, i.secret);
    }
  },

  async read(id, urn, props) {
    const { model, impl } = modelOf(urn);
    const importing = !props || Object.keys(props).length === 0;
    if (importing && !IMPORTABLE.has(model.providerKind)) {
      throw new Error(
        `${model.className} cannot be imported: it is not one Snowflake object whose inputs DESCRIBE shows ` +
          "(declare it in the program instead; key material never leaves Snowflake).",
      );
    }
    const p = inbound(model, importing ? {} : props);
    const r = await impl.read(id, importing ? undefined : p.plain);
    if (!r.id) return { id: undefined as unknown as string, props: {} };
    const inputs: Bag = { ...(r.inputs ?? {}) };
    // An import knows the object only by its id, the name Snowflake stores.
    if (importing && inputs.name === undefined && "name" in metaInputs(model)) inputs.name = id;
    return { id: r.id, props: outbound(model, r.props, p.secret), inputs: outbound(model, inputs, p.secret) };
  },

  async update(id, urn, olds, news) {
    const { model, impl } = modelOf(urn);
    const n = inbound(model, news);
    try {
      const r = await impl.update(id, inbound(model, olds).plain, n.plain);
      return { outs: outbound(model, r.outs, n.secret) };
    } catch (e) {
      rethrow(model, e, n.secret);
    }
  },

  async delete(id, urn, props) {
    const { model, impl } = modelOf(urn);
    await impl.delete(id, inbound(model, props).plain);
  },
};

/** Every method runs as a call for its resource: preview notices and warnings attach to it, the plan file names it. */
export const resourceProvider: Methods = Object.fromEntries(
  Object.entries(methods).map(([k, f]) => [
    k,
    (...args: any[]) => forResource(String(k === "check" || k === "create" ? args[0] : args[1]), () => (f as any)(...args)),
  ]),
) as Methods;
