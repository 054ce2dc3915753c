/**
 * Diff as data: compare normalised desired inputs with the normalised DESCRIBE observation and return an ordered
 * plan. Pure (no connection); the executor in `provider/resources/` runs it.
 *
 * Order within an update (the key-rotation invariant): `rename` → `set` → `unset` → tags (`SET TAG`, `UNSET TAG`) →
 * `refreshSecret`.
 * SET always precedes UNSET, so a new RSA key is registered before an old one is removed.
 * @internal
 */
import { Ident, stringLiteral } from "../sql/quote";
import { PRIVILEGED_ROLES } from "../../model/oauthCommon";
import type { KeySlotSpec, NormValue, ObjectSpec, PropSpec } from "../../model/types";
import type { CurrentKeySlots, DesiredKey, KeySlotPlan } from "../keys/rotation";
import { isUnknown } from "../../model/unknown";
import { subKindOf } from "./check";
import { normalizeDeclared, normalizeDefault, renderNormalized, renderValue, sameValue } from "./values";
import { planTags, type ObservedTags } from "./tags";
import type { TagSpec } from "../../model/tags";

export type Step =
  | { readonly op: "create"; readonly sql: string; readonly props: readonly string[] }
  | { readonly op: "replace"; readonly props: readonly string[]; readonly deleteBeforeReplace: boolean }
  | { readonly op: "rename"; readonly sql: string; readonly from: string; readonly to: string }
  | { readonly op: "set"; readonly sql: string; readonly props: readonly string[] }
  | { readonly op: "unset"; readonly sql: string; readonly props: readonly string[] }
  | { readonly op: "refreshSecret"; readonly slot: 1 | 2; readonly sql: string };

export type Plan = readonly Step[];

/** The key helper's `planKeySlots` (provider/keys/rotation.ts), bound to one object kind's options. */
export type PlanKeySlots = (
  current: CurrentKeySlots,
  desired: DesiredKey[],
  opts: { allowReplacingAllKeys?: boolean },
) => KeySlotPlan | { error: string };

/** What DESCRIBE showed, normalised. `values[arg]` is undefined when DESCRIBE has no row for it. */
export interface Observed {
  readonly values: Readonly<Record<string, NormValue | undefined>>;
  /** Fingerprints in the key slots (`''`/undefined = empty). */
  readonly keySlots?: { readonly slot1?: string; readonly slot2?: string };
  /** The managed tags' values (`SYSTEM$GET_TAG`), when the object kind takes tags and some are managed. */
  readonly tags?: ObservedTags;
}

export interface PlanRequest {
  readonly spec: ObjectSpec;
  /** Identifier text of the object as declared now. */
  readonly name: string;
  /** Identifier text the object has in Snowflake now (previous `name`); defaults to `name`. */
  readonly currentName?: string;
  /** Checked inputs (may hold unknown placeholders at preview). */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Inputs recorded at the last apply (outputs echo them); used for rows DESCRIBE does not show and for counters. */
  readonly previous?: Readonly<Record<string, unknown>>;
  /** Undefined: the object does not exist (plan a create). */
  readonly observed?: Observed;
  /** Account parameters already known (read only when a plan needs them). */
  readonly parameters?: Readonly<Record<string, boolean | undefined>>;
  /** Key slots, when the object kind has them. */
  readonly keys?: {
    readonly slots: KeySlotSpec;
    /** Undefined while a key is unknown at preview. */
    readonly desired: readonly { fingerprint: string; body: string }[] | undefined;
    readonly allowReplacingAllKeys?: boolean;
    readonly planKeySlots: PlanKeySlots;
  };
  /** Client-secret rotation counters (custom OAuth). */
  readonly secretRotation?: boolean;
  /** Whether a same-name replacement must delete first (integration names are account-unique). */
  readonly namesAreUnique?: boolean;
  /** Whether the object can be renamed in place (network policies). */
  readonly renameInPlace?: boolean;
  /** Object tags, when the kind takes them: the `tags` input now and at the last apply. */
  readonly tags?: { readonly spec: TagSpec; readonly now: unknown; readonly before: unknown };
}

export type PlanResult =
  | { readonly kind: "plan"; readonly steps: Plan }
  | { readonly kind: "needsParameter"; readonly parameter: string }
  | { readonly kind: "error"; readonly message: string };

const UNKNOWN_SQL = "<unknown until apply>";

/** Applicable table entries for the sub-kind, in table order. */
export function applicable(spec: ObjectSpec, inputs: Readonly<Record<string, unknown>>): [string, PropSpec][] {
  const sub = subKindOf(spec, inputs);
  return Object.entries(spec.table).filter(([, p]) => !(sub && p.kinds && !p.kinds.includes(sub)));
}

/**
 * `DROP <noun> IF EXISTS <stored name>`: what a delete, and the first half of a same-name replacement, sends. The one
 * builder for the provider's delete and for what preview (and `snowflake-oauth-plan-deletes`) announces.
 */
export function buildDrop(spec: Pick<ObjectSpec, "describeNoun">, storedName: string): string {
  return `DROP ${spec.describeNoun} IF EXISTS ${Ident.stored(storedName).toSql()}`;
}

/** `CREATE <noun> <name> <fixed> <props...>` with every declared property (and key slots) in table order. */
export function buildCreate(req: PlanRequest, keySet: { slot: 1 | 2; body: string }[] = []): Extract<Step, { op: "create" }> {
  const { spec, inputs } = req;
  const parts = [`CREATE ${spec.createNoun} ${Ident.parse(req.name).toSql()}`];
  const fixed = spec.fixedCreate(subKindOf(spec, inputs));
  if (fixed) parts.push(fixed);
  const props: string[] = [];
  for (const [arg, p] of applicable(spec, inputs)) {
    const v = inputs[arg];
    if (v === undefined || v === null) {
      if (p.alwaysAtCreate && p.default) parts.push(`${p.sql} = ${renderNormalized(p, normalizeDefault(p)!)}`);
      continue;
    }
    parts.push(`${p.sql} = ${isUnknown(v) ? UNKNOWN_SQL : renderValue(p, v)}`);
    props.push(arg);
  }
  if (req.keys) {
    for (const s of keySet) {
      const slot = s.slot === 1 ? req.keys.slots.slot1 : req.keys.slots.slot2;
      parts.push(`${slot.sql} = ${stringLiteral(s.body)}`);
      props.push(`rsaPublicKeys[slot${s.slot}]`);
    }
  }
  // COMMENT reads best last, as in Snowflake's docs; move it there if present.
  const i = parts.findIndex((x) => x.startsWith("COMMENT = "));
  if (i > 0) parts.push(...parts.splice(i, 1));
  return { op: "create", sql: parts.join(" "), props };
}

function desiredValue(p: PropSpec, v: unknown): NormValue | undefined {
  if (v === undefined || v === null) return normalizeDefault(p);
  return normalizeDeclared(p, v);
}

/** Compare a blocked-roles list, subtracting privileged roles only when the account parameter says Snowflake adds them. */
function blockedEqual(
  p: PropSpec,
  want: string[],
  seen: string[],
  params: Readonly<Record<string, boolean | undefined>>,
): boolean | { needs: string } {
  if (sameValue(want, seen)) return true;
  const w = new Set(want);
  const s = new Set(seen);
  const onlyPrivilegedExtra = [...s].filter((r) => !w.has(r)).every((r) => PRIVILEGED_ROLES.includes(r)) && [...w].every((r) => s.has(r));
  if (!onlyPrivilegedExtra || !p.privilegedParam) return false;
  const param = params[p.privilegedParam];
  if (param === undefined) return { needs: p.privilegedParam };
  return param;
}

/**
 * The account parameter recorded at the last apply (`privilegedRolesAdded`), when it still decides this comparison:
 * the declared blocked list is unchanged — compared as Snowflake resolves role names (`analyst` = `ANALYST`, unset =
 * `[]`), not as text — and DESCRIBE shows exactly the list recorded then (`effectiveBlockedRoles`). A no-op diff then
 * needs no `SHOW PARAMETERS`.
 */
export function recordedParameters(
  req: Pick<PlanRequest, "spec" | "previous" | "inputs" | "observed">,
): Record<string, boolean | undefined> {
  const prev = req.previous;
  const blocked = Object.entries(req.spec.table).find(([, p]) => p.privilegedParam);
  if (!prev || !blocked || !req.observed || typeof prev.privilegedRolesAdded !== "boolean") return {};
  const [arg, p] = blocked;
  const before = prev[arg];
  const now = req.inputs[arg];
  if (isUnknown(before) || isUnknown(now)) return {};
  if (!sameValue(desiredValue(p, before), desiredValue(p, now))) return {};
  const seen = req.observed.values[arg];
  const lastSeen = prev.effectiveBlockedRoles;
  if (!Array.isArray(seen) || !Array.isArray(lastSeen) || !sameValue(seen, [...(lastSeen as string[])].sort())) return {};
  return { [p.privilegedParam!]: prev.privilegedRolesAdded };
}

/** Plan the statements that take the object from `observed` to `inputs`. */
export function plan(req: PlanRequest): PlanResult {
  const { spec, inputs } = req;
  const nameSql = Ident.parse(req.currentName ?? req.name).toSql();
  const steps: Step[] = [];

  // Key slots first: they may refuse the whole change.
  let keyPlan: { set: { slot: 1 | 2; body: string }[]; unset: (1 | 2)[] } = { set: [], unset: [] };
  let keysUnknown = false;
  if (req.keys) {
    if (req.keys.desired === undefined) keysUnknown = true;
    else {
      const current = req.observed?.keySlots ?? {};
      const cur = { slot1: current.slot1 || undefined, slot2: current.slot2 || undefined };
      const r = req.keys.planKeySlots(cur, [...req.keys.desired], { allowReplacingAllKeys: req.keys.allowReplacingAllKeys });
      if ("error" in r) return { kind: "error", message: `rsaPublicKeys: ${r.error}` };
      keyPlan = r;
    }
  }

  if (!req.observed) {
    // CREATE takes no tags (the CREATE pages have no TAG clause); they follow in one ALTER ... SET TAG.
    const tagSteps = req.tags ? planTags(spec.alterNoun, Ident.parse(req.name).toSql(), req.tags.now, undefined, undefined) : [];
    return { kind: "plan", steps: [buildCreate(req, keyPlan.set), ...tagSteps] };
  }

  // Rename / replacement by name.
  const oldName = req.currentName !== undefined ? Ident.parse(req.currentName).name : undefined;
  const newName = isUnknown(req.name) ? undefined : Ident.parse(req.name).name;
  const replaceProps: string[] = [];
  if (isUnknown(req.name) || (oldName !== undefined && newName !== oldName)) {
    if (req.renameInPlace && newName !== undefined) {
      steps.push({
        op: "rename",
        sql: `ALTER ${spec.alterNoun} ${nameSql} RENAME TO ${Ident.parse(req.name).toSql()}`,
        from: oldName!,
        to: newName,
      });
    } else replaceProps.push("name");
  }
  const target = steps.length ? Ident.parse(req.name).toSql() : nameSql;

  const sets: string[] = [];
  const setProps: string[] = [];
  const unsets: string[] = [];
  const unsetProps: string[] = [];
  const params = req.parameters ?? {};

  for (const [arg, p] of applicable(spec, inputs)) {
    const raw = inputs[arg];
    if (isUnknown(raw)) {
      if (p.immutable || !p.set) replaceProps.push(arg);
      else {
        sets.push(`${p.sql} = ${UNKNOWN_SQL}`);
        setProps.push(arg);
      }
      continue;
    }
    const want = desiredValue(p, raw);
    let seen = req.observed.values[arg];
    if (seen === undefined) {
      // Not shown by DESCRIBE: compare with what was applied last time (drift cannot be seen for this row).
      // Adopting an existing object there is no last time: take the declaration as the truth.
      if (req.previous === undefined) continue;
      const prev = req.previous[arg];
      seen = prev === undefined || isUnknown(prev) ? normalizeDefault(p) : normalizeDeclared(p, prev);
    }
    let equal: boolean;
    if (p.privilegedParam && Array.isArray(want) && Array.isArray(seen)) {
      const r = blockedEqual(p, want, seen, params);
      if (typeof r === "object") return { kind: "needsParameter", parameter: r.needs };
      equal = r;
    } else equal = sameValue(want, seen);
    if (equal) continue;

    if (p.immutable || !p.set) {
      replaceProps.push(arg);
      continue;
    }
    if (raw !== undefined && raw !== null) {
      sets.push(`${p.sql} = ${renderValue(p, raw)}`);
      setProps.push(arg);
      continue;
    }
    switch (p.reset) {
      case "unset":
        unsets.push(p.sql);
        unsetProps.push(arg);
        break;
      case "setDefault":
        sets.push(`${p.sql} = ${renderNormalized(p, normalizeDefault(p)!)}`);
        setProps.push(arg);
        break;
      case "setEmpty":
        sets.push(`${p.sql} = ()`);
        setProps.push(arg);
        break;
      case "replace":
        replaceProps.push(arg);
        break;
    }
  }

  if (keysUnknown) {
    sets.push(`${req.keys!.slots.slot1.sql} = ${UNKNOWN_SQL}`);
    setProps.push("rsaPublicKeys");
  } else if (req.keys) {
    for (const s of keyPlan.set) {
      sets.push(`${(s.slot === 1 ? req.keys.slots.slot1 : req.keys.slots.slot2).sql} = ${stringLiteral(s.body)}`);
      setProps.push(`rsaPublicKeys[slot${s.slot}]`);
    }
    for (const u of keyPlan.unset) {
      unsets.push((u === 1 ? req.keys.slots.slot1 : req.keys.slots.slot2).sql);
      unsetProps.push(`rsaPublicKeys[slot${u}]`);
    }
  }

  if (replaceProps.length) {
    const sameName = !replaceProps.includes("name");
    // One object per sub-kind (partner applications): the new one cannot exist beside the old one of its sub-kind.
    const sub = req.spec.subKindArg;
    const oneAtATime = req.spec.onePerSubKind !== undefined && !(sub !== undefined && replaceProps.includes(sub));
    const deleteBeforeReplace = (sameName && !!req.namesAreUnique) || oneAtATime;
    return { kind: "plan", steps: [{ op: "replace", props: replaceProps, deleteBeforeReplace }] };
  }

  if (sets.length) steps.push({ op: "set", sql: `ALTER ${spec.alterNoun} ${target} SET ${sets.join(", ")}`, props: setProps });
  if (unsets.length) steps.push({ op: "unset", sql: `ALTER ${spec.alterNoun} ${target} UNSET ${unsets.join(", ")}`, props: unsetProps });
  if (req.tags) steps.push(...planTags(spec.alterNoun, target, req.tags.now, req.tags.before, req.observed.tags));

  if (req.secretRotation) {
    const now = (inputs.clientSecretRotation ?? {}) as Record<string, unknown>;
    const before = (req.previous?.clientSecretRotation ?? {}) as Record<string, unknown>;
    for (const slot of [1, 2] as const) {
      const k = `secret${slot}`;
      if (isUnknown(now[k]) || (now[k] !== undefined && now[k] !== before[k])) {
        steps.push({
          op: "refreshSecret",
          slot,
          sql: `ALTER ${spec.alterNoun} ${target} REFRESH ${slot === 1 ? "OAUTH_CLIENT_SECRET" : "OAUTH_CLIENT_SECRET_2"}`,
        });
      }
    }
  }
  return { kind: "plan", steps };
}

/** The engine's DiffResult view of a plan. */
export function diffResultOf(steps: Plan): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean } {
  const rep = steps.find((s): s is Extract<Step, { op: "replace" }> => s.op === "replace");
  return { changes: steps.length > 0, replaces: rep ? [...rep.props] : [], deleteBeforeReplace: rep?.deleteBeforeReplace ?? false };
}
