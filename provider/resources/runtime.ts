/**
 * The dynamic-provider methods for every object kind, driven by the kind's `ObjectSpec` (its property table and
 * rules) plus a few kind hooks (how to DESCRIBE, key slots, client secrets). Every statement goes through the shared
 * session's executor.
 *
 * Contracts (as in `@pulumi/pulumi/dynamic`):
 *  - `check` fails the preview on invalid input with `{property, reason}` failures. It contacts Snowflake only for a
 *    new or changed blocked role list that names a privileged role (the account parameter, and which privileged roles
 *    exist, each read once per process: see `checkPrivilegedBlockedLists`); invalid input sends nothing.
 *  - `diff` reads the object (one DESCRIBE) and compares desired with observed state; a vanished object is replaced.
 *  - `create` is transactional: if CREATE fails nothing exists. If a statement after a successful CREATE fails, the
 *    error carries the id so the engine records the object (partially initialised) instead of forgetting it.
 *  - `update` sends at most one ALTER ... SET and one ALTER ... UNSET (SET first), plus REFRESH for rotated secrets.
 *  - `delete` is `DROP ... IF EXISTS`: deleting an already-deleted object succeeds. If it fails, the object is
 *    assumed to still exist.
 *  - `read` returns no id when the object is gone, otherwise props and refreshed inputs.
 * @internal
 */
import type { ObjectSpec } from "../../model/types";
import { isUnknown } from "../../model/types";
import { Ident, identifierProblem, likeLiteral, stringLiteral } from "../sql/quote";
import { checkInputs, checkPrivilegedBlockedLists, type AccountFacts, type Failure } from "../engine/check";
import {
  convertIntegrationRows,
  convertNetworkPolicyRows,
  describedRecord,
  observe,
  observedAsInputs,
  type DescribedProperty,
} from "../engine/describe";
import { diffResultOf, plan, recordedParameters, type KeySlotSpec, type Observed, type PlanRequest, type Step } from "../engine/plan";
import { PRIVILEGED_ROLES } from "../../model/oauthCommon";
import * as session from "../connection/session";

/** Hooks that differ between object kinds. */
export interface KindHooks {
  readonly spec: ObjectSpec;
  /** Value of the `kind` discriminator input. */
  readonly discriminator: string;
  /** Key slots (integrations with RSA keys). */
  readonly slots?: KeySlotSpec;
  /** External OAuth cannot UNSET key slots. */
  readonly slotsCannotBeUnset?: boolean;
  /** Custom OAuth: client secrets and their rotation. */
  readonly clientSecrets?: boolean;
  /** Integration names are account-unique: same-name replacement deletes first. */
  readonly namesAreUnique: boolean;
  /** Network policies: `ALTER ... RENAME TO`. */
  readonly renameInPlace?: boolean;
  /** Read the object; undefined when it does not exist. */
  readonly describe: (nameSql: string, storedName: string) => Promise<Map<string, DescribedProperty> | undefined>;
}

type Inputs = Record<string, any>;
type Outputs = Record<string, any>;

/** Inputs that are not table properties. */
const META_INPUTS = ["kind", "name", "adoptExisting", "rsaPublicKeys", "allowReplacingAllKeys", "clientSecretRotation"];

/** Describe an integration (`DESCRIBE INTEGRATION`). */
export async function describeIntegration(nameSql: string): Promise<Map<string, DescribedProperty> | undefined> {
  try {
    return convertIntegrationRows(await session.execute({ sql: `DESCRIBE INTEGRATION ${nameSql}`, idempotent: true }));
  } catch (e) {
    if (session.isNotFound(e)) return undefined;
    throw e;
  }
}

/** Describe a network policy (`DESCRIBE NETWORK POLICY` + `SHOW NETWORK POLICIES LIKE` for the comment). */
export function describeNetworkPolicy(spec: ObjectSpec) {
  return async (nameSql: string, storedName: string): Promise<Map<string, DescribedProperty> | undefined> => {
    let rows: Record<string, unknown>[];
    try {
      rows = await session.execute({ sql: `DESCRIBE NETWORK POLICY ${nameSql}`, idempotent: true });
    } catch (e) {
      if (session.isNotFound(e)) return undefined;
      throw e;
    }
    const out = convertNetworkPolicyRows(rows, spec);
    const shown = await session.execute({ sql: `SHOW NETWORK POLICIES LIKE ${likeLiteral(storedName)}`, idempotent: true });
    const row = shown.find((r) => String(r.name) === storedName);
    if (!row) return undefined;
    out.set("COMMENT", { name: "COMMENT", type: "String", value: row.comment == null ? "" : String(row.comment), default: "" });
    return out;
  };
}

function storedNameOf(props: Outputs | undefined, id: string): string {
  return typeof props?.storedName === "string" ? props.storedName : id;
}

function nameProblem(name: unknown): string | undefined {
  if (isUnknown(name)) return undefined;
  if (typeof name !== "string") return "is required (the object's name as written in SQL)";
  return identifierProblem(name);
}

function normalizeKeys(keys: unknown): { fingerprint: string; body: string }[] | undefined {
  if (keys === undefined || keys === null) return [];
  if (isUnknown(keys)) return undefined;
  const { normalizePublicKey } = require("../../sdk/keys") as typeof import("../../sdk/keys");
  return (keys as string[]).map((k) => {
    const n = normalizePublicKey(k);
    return { fingerprint: n.fingerprint, body: n.body };
  });
}

function keyFailures(hooks: KindHooks, olds: Inputs | undefined, news: Inputs): Failure[] {
  if (!hooks.slots) return [];
  const keys = news.rsaPublicKeys;
  if (keys === undefined || keys === null || isUnknown(keys)) return [];
  if (!Array.isArray(keys)) return [{ property: "rsaPublicKeys", reason: "must be a list of 0–2 PEM public keys" }];
  const { normalizePublicKey } = require("../../sdk/keys") as typeof import("../../sdk/keys");
  const { checkKeyTransition } = require("../keys/rotation") as typeof import("../keys/rotation");
  const failures: Failure[] = [];
  const fps: string[] = [];
  keys.forEach((k, i) => {
    if (isUnknown(k)) return;
    try {
      fps.push(normalizePublicKey(k).fingerprint);
    } catch (e: any) {
      failures.push({ property: `rsaPublicKeys[${i}]`, reason: String(e?.message ?? "is not a valid RSA public key") });
    }
  });
  if (failures.length) return failures;
  if (keys.some(isUnknown)) return [];
  let oldFps: string[] | undefined;
  if (olds && Array.isArray(olds.rsaPublicKeys) && !olds.rsaPublicKeys.some(isUnknown)) {
    try {
      oldFps = olds.rsaPublicKeys.map((k: string) => normalizePublicKey(k).fingerprint);
    } catch {
      oldFps = undefined;
    }
  }
  const why = checkKeyTransition(oldFps, fps, news.allowReplacingAllKeys === true, { allowEmpty: true });
  return why ? [{ property: "rsaPublicKeys", reason: why }] : [];
}

/** Validation failures for new inputs (no Snowflake contact). */
export function checkAll(hooks: KindHooks, olds: Inputs | undefined, news: Inputs): Failure[] {
  const failures: Failure[] = [];
  const np = nameProblem(news.name);
  if (np) failures.push({ property: "name", reason: np });
  if (news.kind !== undefined && news.kind !== hooks.discriminator) {
    failures.push({ property: "kind", reason: `must be '${hooks.discriminator}' for ${hooks.spec.resource}` });
  }
  for (const k of Object.keys(news)) {
    if (k === "__provider" || META_INPUTS.includes(k) || k in hooks.spec.table) continue;
    if (!hooks.slots && (k === "rsaPublicKeys" || k === "allowReplacingAllKeys")) continue;
    failures.push({ property: k, reason: `is not an input of ${hooks.spec.resource}` });
  }
  if (!hooks.slots && news.rsaPublicKeys !== undefined) failures.push({ property: "rsaPublicKeys", reason: `is not an input of ${hooks.spec.resource}` });
  if (news.adoptExisting !== undefined && typeof news.adoptExisting !== "boolean" && !isUnknown(news.adoptExisting)) {
    failures.push({ property: "adoptExisting", reason: "must be a boolean" });
  }
  if (news.clientSecretRotation !== undefined && !isUnknown(news.clientSecretRotation)) {
    if (!hooks.clientSecrets) failures.push({ property: "clientSecretRotation", reason: `is not an input of ${hooks.spec.resource}` });
    else if (typeof news.clientSecretRotation !== "object" || news.clientSecretRotation === null) {
      failures.push({ property: "clientSecretRotation", reason: "must be an object { secret1?: number; secret2?: number }" });
    } else {
      for (const [k, v] of Object.entries(news.clientSecretRotation)) {
        if (k !== "secret1" && k !== "secret2") failures.push({ property: `clientSecretRotation.${k}`, reason: "only secret1 and secret2 can be rotated" });
        else if (!isUnknown(v) && (typeof v !== "number" || !Number.isInteger(v) || v < 0)) {
          failures.push({ property: `clientSecretRotation.${k}`, reason: "must be a non-negative integer counter; change it to rotate the secret" });
        }
      }
    }
  }
  failures.push(...checkInputs(hooks.spec, news));
  failures.push(...keyFailures(hooks, olds, news));
  return failures;
}

/** Longest common suffix of `names` (the `LIKE` pattern that finds all of them with one SHOW). */
function commonSuffix(names: readonly string[]): string {
  let suffix = names[0] ?? "";
  for (const n of names) while (!n.endsWith(suffix)) suffix = suffix.slice(1);
  return suffix;
}

/** The account facts of `check`, read through the shared session (logs in on first use; answers cached per process). */
export const sessionAccountFacts: AccountFacts = {
  booleanParameter: (name) => session.accountBooleanParameter(name),
  async existingRoles(names) {
    const shown = await session.rolesLike(`%${commonSuffix(names)}`);
    return new Set(names.filter((n) => shown.has(n)));
  },
};

/**
 * Fresh observation cache, each entry used once, in the same process: the DESCRIBE done by `read` is reused by the
 * `diff` the engine runs right after it during a refresh (so a refresh reads each object once), and the one done by
 * `diff` by the `update` that follows. A `diff` never reuses another `diff`'s observation (a preview's, say).
 */
type ObservedBy = "read" | "diff";
const observations = new Map<string, { at: number; by: ObservedBy; described: Map<string, DescribedProperty> | undefined }>();
const OBSERVATION_TTL_MS = 120_000;

async function describeFresh(hooks: KindHooks, storedName: string, reuseFrom: ObservedBy): Promise<Map<string, DescribedProperty> | undefined> {
  const key = `${hooks.spec.resource}:${storedName}`;
  const cached = observations.get(key);
  observations.delete(key);
  if (cached && cached.by === reuseFrom && Date.now() - cached.at < OBSERVATION_TTL_MS) return cached.described;
  return hooks.describe(Ident.stored(storedName).toSql(), storedName);
}

function remember(hooks: KindHooks, storedName: string, by: ObservedBy, described: Map<string, DescribedProperty> | undefined): void {
  observations.set(`${hooks.spec.resource}:${storedName}`, { at: Date.now(), by, described });
}

/**
 * Plan with the account parameters the comparison needs, each read at most once per process. When the blocked list
 * DESCRIBE shows is exactly what was recorded after the last apply (`effectiveBlockedRoles`) and the declared list is
 * unchanged, the parameter value recorded then (`privilegedRolesAdded`) is reused: a no-op `up` sends only DESCRIBE.
 */
async function planWithParameters(req: PlanRequest) {
  const parameters: Record<string, boolean | undefined> = recordedParameters(req);
  for (;;) {
    const r = plan({ ...req, parameters });
    if (r.kind !== "needsParameter") return r;
    parameters[r.parameter] = await session.accountBooleanParameter(r.parameter);
  }
}

function requestFor(hooks: KindHooks, news: Inputs, olds: Outputs | undefined, observed: Observed | undefined, storedName?: string): PlanRequest {
  let desiredKeys: { fingerprint: string; body: string }[] | undefined;
  if (hooks.slots) desiredKeys = normalizeKeys(news.rsaPublicKeys);
  const { planKeySlots } = require("../keys/rotation") as typeof import("../keys/rotation");
  return {
    spec: hooks.spec,
    name: news.name,
    currentName: storedName !== undefined ? Ident.stored(storedName).toSql() : undefined,
    inputs: news,
    previous: olds,
    observed,
    namesAreUnique: hooks.namesAreUnique,
    renameInPlace: hooks.renameInPlace,
    secretRotation: hooks.clientSecrets,
    keys: hooks.slots
      ? {
          slots: hooks.slots,
          desired: desiredKeys,
          allowReplacingAllKeys: news.allowReplacingAllKeys === true,
          planKeySlots: (c, d, o) => planKeySlots(c, d, { ...o, slotsCannotBeUnset: hooks.slotsCannotBeUnset }),
        }
      : undefined,
  };
}

function observationOf(hooks: KindHooks, described: Map<string, DescribedProperty>, inputs: Inputs): Observed {
  return observe(hooks.spec, described, inputs, hooks.slots);
}

async function runSteps(steps: readonly Step[]): Promise<void> {
  for (const s of steps) {
    switch (s.op) {
      case "set":
      case "unset":
        await session.execute({ sql: s.sql, idempotent: true });
        break;
      case "rename":
      case "refreshSecret":
      case "create":
        await session.execute({ sql: s.sql, idempotent: false });
        break;
      case "replace":
        throw new Error(`${s.props.join(", ")} cannot be changed in place; the engine should have replaced the object`);
    }
  }
}

async function clientSecrets(storedName: string): Promise<{ clientId?: string; clientSecret?: string; clientSecret2?: string }> {
  const rows = await session.execute({ sql: `SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS(${stringLiteral(storedName)})`, idempotent: true });
  const cell = rows[0] ? Object.values(rows[0])[0] : undefined;
  if (typeof cell !== "string") return {};
  const j = JSON.parse(cell) as Record<string, string | null>;
  return { clientId: j.OAUTH_CLIENT_ID ?? undefined, clientSecret: j.OAUTH_CLIENT_SECRET ?? undefined, clientSecret2: j.OAUTH_CLIENT_SECRET_2 ?? undefined };
}

/** Outputs from inputs + a DESCRIBE (+ secrets when known). */
function outputsOf(
  hooks: KindHooks,
  inputs: Inputs,
  storedName: string,
  described: Map<string, DescribedProperty>,
  secrets: { clientId?: string; clientSecret?: string; clientSecret2?: string } | undefined,
  previous?: Outputs,
): Outputs {
  const observed = observationOf(hooks, described, inputs);
  const outs: Outputs = { ...inputs, kind: hooks.discriminator, storedName, described: describedRecord(described) };
  delete outs.__provider;
  if (hooks.spec.describeNoun === "INTEGRATION") {
    const v = (row: string) => described.get(row)?.value || undefined;
    outs.clientId = v("OAUTH_CLIENT_ID") ?? secrets?.clientId;
    outs.authorizationEndpoint = v("OAUTH_AUTHORIZATION_ENDPOINT");
    outs.tokenEndpoint = v("OAUTH_TOKEN_ENDPOINT");
    const blocked = Object.entries(hooks.spec.table).find(([, p]) => p.privilegedParam);
    if (blocked) {
      outs.effectiveBlockedRoles = (observed.values[blocked[0]] as string[] | undefined) ?? [];
      const known = session.knownParameter(blocked[1].privilegedParam!);
      outs.privilegedRolesAdded = known ?? (typeof previous?.privilegedRolesAdded === "boolean" ? previous.privilegedRolesAdded : undefined);
    }
  }
  if (hooks.clientSecrets) {
    outs.clientSecret = secrets?.clientSecret;
    outs.clientSecret2 = secrets?.clientSecret2;
  }
  if (hooks.slots) {
    outs.rsaPublicKeyFp = observed.keySlots?.slot1 || undefined;
    outs.rsaPublicKey2Fp = observed.keySlots?.slot2 || undefined;
    outs.rsaPublicKeyFingerprints = [observed.keySlots?.slot1, observed.keySlots?.slot2].filter((x): x is string => !!x);
  }
  for (const k of Object.keys(outs)) if (outs[k] === undefined) delete outs[k];
  return outs;
}

/**
 * After a write, record whether Snowflake adds privileged roles to the blocked list (read once per process, only
 * when DESCRIBE shows privileged roles the program did not declare and the state does not know it yet), so later
 * diffs of an unchanged list need no `SHOW PARAMETERS`.
 */
async function learnPrivilegedParameter(hooks: KindHooks, described: Map<string, DescribedProperty>, inputs: Inputs, previous: Outputs | undefined): Promise<void> {
  const blocked = Object.entries(hooks.spec.table).find(([, p]) => p.privilegedParam);
  if (!blocked || !blocked[1].describe) return;
  const param = blocked[1].privilegedParam!;
  if (typeof previous?.privilegedRolesAdded === "boolean" || session.knownParameter(param) !== undefined) return;
  const seen = observe(hooks.spec, described, inputs).values[blocked[0]];
  const declared = new Set(Array.isArray(inputs[blocked[0]]) ? (inputs[blocked[0]] as string[]).map((r) => Ident.parse(r).name) : []);
  if (Array.isArray(seen) && seen.some((r) => PRIVILEGED_ROLES.includes(r) && !declared.has(r))) await session.accountBooleanParameter(param);
}

/** Build the provider object for one kind. */
export function makeProvider(hooks: KindHooks) {
  const { spec } = hooks;

  async function finish(inputs: Inputs, storedName: string, prevSecrets: Outputs | undefined, fetchSecrets: boolean, createdId?: string): Promise<Outputs> {
    try {
      const described = await hooks.describe(Ident.stored(storedName).toSql(), storedName);
      if (!described) throw new Error(`${spec.resource} ${storedName} vanished right after it was written`);
      let secrets: { clientId?: string; clientSecret?: string; clientSecret2?: string } | undefined;
      if (hooks.clientSecrets) {
        const idNow = described.get("OAUTH_CLIENT_ID")?.value;
        if (fetchSecrets || !prevSecrets?.clientSecret || (idNow && prevSecrets.clientId && idNow !== prevSecrets.clientId)) {
          secrets = await clientSecrets(storedName);
        } else secrets = { clientId: prevSecrets.clientId, clientSecret: prevSecrets.clientSecret, clientSecret2: prevSecrets.clientSecret2 };
      }
      await learnPrivilegedParameter(hooks, described, inputs, prevSecrets);
      return outputsOf(hooks, inputs, storedName, described, secrets, prevSecrets);
    } catch (e: any) {
      if (createdId === undefined) throw e;
      // The object exists: report it as created-but-unhealthy so the engine keeps it in state.
      throw { id: createdId, properties: { ...inputs, kind: hooks.discriminator, storedName }, reasons: [String(e?.message ?? e)], message: String(e?.message ?? e) };
    }
  }

  return {
    async check(olds: Inputs, news: Inputs) {
      const previous = olds && Object.keys(olds).length ? olds : undefined;
      const failures = checkAll(hooks, previous, news);
      // Only valid input may reach the account-dependent rule (invalid input sends nothing). A connection failure
      // there skips the rule rather than failing the preview on the account (see `checkPrivilegedBlockedLists`).
      if (failures.length === 0) failures.push(...(await checkPrivilegedBlockedLists(spec, previous, news, sessionAccountFacts)));
      return { inputs: { ...news, kind: hooks.discriminator }, failures };
    },

    async diff(id: string, olds: Outputs, news: Inputs) {
      const storedName = storedNameOf(olds, id);
      const described = await describeFresh(hooks, storedName, "read");
      remember(hooks, storedName, "diff", described);
      if (!described) return { changes: true, replaces: ["name"], deleteBeforeReplace: true };
      const observed = observationOf(hooks, described, news);
      const r = await planWithParameters(requestFor(hooks, news, olds, observed, storedName));
      if (r.kind === "error") throw new Error(`${spec.resource} ${storedName}: ${r.message}`);
      if (r.kind !== "plan") throw new Error("unreachable");
      return diffResultOf(r.steps);
    },

    async create(inputs: Inputs) {
      const storedName = Ident.parse(inputs.name).name;
      const nameSql = Ident.stored(storedName).toSql();
      let existing: Map<string, DescribedProperty> | undefined;
      if (inputs.adoptExisting === true) existing = await hooks.describe(nameSql, storedName);
      if (existing) {
        const observed = observationOf(hooks, existing, inputs);
        const r = await planWithParameters(requestFor(hooks, inputs, undefined, observed, storedName));
        if (r.kind === "error") throw new Error(`${spec.resource} ${storedName}: ${r.message}`);
        if (r.kind !== "plan") throw new Error("unreachable");
        const rep = r.steps.find((s) => s.op === "replace");
        if (rep && rep.op === "replace") {
          throw new Error(
            `cannot adopt ${spec.resource} ${storedName}: ${rep.props.join(", ")} differ(s) from the existing object and cannot be altered; ` +
              "change the program to match it, or drop the object first",
          );
        }
        await runSteps(r.steps.filter((s) => s.op !== "refreshSecret"));
        return { id: storedName, outs: await finish(inputs, storedName, undefined, true, storedName) };
      }
      const r = await planWithParameters(requestFor(hooks, inputs, undefined, undefined));
      if (r.kind === "error") throw new Error(`${spec.resource} ${storedName}: ${r.message}`);
      if (r.kind !== "plan") throw new Error("unreachable");
      try {
        await runSteps(r.steps);
      } catch (e) {
        if (session.isAlreadyExists(e)) {
          throw new Error(
            `${spec.resource} ${storedName} already exists in Snowflake. To manage it with Pulumi set adoptExisting: true ` +
              "(the provider then converges it to the declared properties), or choose another name.",
          );
        }
        throw e;
      }
      return { id: storedName, outs: await finish(inputs, storedName, undefined, true, storedName) };
    },

    async read(id: string, props?: Outputs) {
      const previous = props ?? {};
      const storedName = storedNameOf(previous, id);
      const described = await hooks.describe(Ident.stored(storedName).toSql(), storedName);
      if (!described) return {};
      remember(hooks, storedName, "read", described);
      const observed = observationOf(hooks, described, previous);
      const blocked = Object.entries(spec.table).find(([, p]) => p.privilegedParam);
      const params: Record<string, boolean | undefined> = {};
      if (blocked) {
        const seen = (observed.values[blocked[0]] as string[] | undefined) ?? [];
        if (seen.some((r) => PRIVILEGED_ROLES.includes(r))) {
          params[blocked[1].privilegedParam!] = await session.accountBooleanParameter(blocked[1].privilegedParam!);
        }
      }
      const prevInputs: Inputs = {};
      for (const k of Object.keys(previous)) if (k in spec.table || META_INPUTS.includes(k)) prevInputs[k] = previous[k];
      const refreshed = observedAsInputs(spec, observed, prevInputs, params);
      const inputs: Inputs = { ...prevInputs, ...refreshed };
      for (const k of Object.keys(spec.table)) if (!(k in refreshed)) delete inputs[k];
      let secrets: Outputs | undefined;
      if (hooks.clientSecrets) {
        const idNow = described.get("OAUTH_CLIENT_ID")?.value;
        secrets = idNow && previous.clientId && idNow !== previous.clientId ? await clientSecrets(storedName) : previous;
      }
      return { id, props: outputsOf(hooks, inputs, storedName, described, secrets, previous), inputs: { ...inputs, kind: hooks.discriminator } };
    },

    async update(id: string, olds: Outputs, news: Inputs) {
      const storedName = storedNameOf(olds, id);
      const described = await describeFresh(hooks, storedName, "diff");
      if (!described) throw new Error(`${spec.resource} ${storedName} does not exist any more; run pulumi refresh, then pulumi up to recreate it`);
      const observed = observationOf(hooks, described, news);
      const r = await planWithParameters(requestFor(hooks, news, olds, observed, storedName));
      if (r.kind === "error") throw new Error(`${spec.resource} ${storedName}: ${r.message}`);
      if (r.kind !== "plan") throw new Error("unreachable");
      await runSteps(r.steps);
      const renamed = r.steps.find((s) => s.op === "rename");
      const newStored = renamed && renamed.op === "rename" ? renamed.to : storedName;
      const rotated = r.steps.some((s) => s.op === "refreshSecret");
      return { outs: await finish(news, newStored, olds, rotated) };
    },

    async delete(id: string, props: Outputs) {
      const storedName = storedNameOf(props, id);
      await session.execute({ sql: `DROP ${spec.describeNoun} IF EXISTS ${Ident.stored(storedName).toSql()}`, idempotent: true });
    },
  };
}
