/**
 * `check()` of the object kinds: the name, the meta inputs of the model, the property table and its rules
 * (`engine/check.ts`), the key list and its transition, and the account facts the blocked-roles rule reads.
 * Nothing here contacts Snowflake except `sessionAccountFacts`.
 * @internal
 */
import { isUnknown } from "../../model/unknown";
import { isDeepStrictEqual } from "node:util";
import { Ident, identifierProblem } from "../sql/quote";
import { checkInputs, type AccountFacts } from "../engine/check";
import { checkMetaInputs } from "../engine/meta-check";
import type { Failure } from "../../model/types";
import * as session from "../connection/session";
import type { Inputs, KindHooks } from "./hooks";
import { canonicalTag, declaredTags, parseAllowedValues, tagFailures } from "../engine/tags";
import { parseQualified, qualifiedToSql } from "../sql/quote";

export function nameProblem(name: unknown): string | undefined {
  if (isUnknown(name)) return undefined;
  if (typeof name !== "string") return "is required (the object's name as written in SQL)";
  return identifierProblem(name);
}

export function normalizeKeys(keys: unknown): { fingerprint: string; body: string }[] | undefined {
  if (keys === undefined || keys === null) return [];
  if (isUnknown(keys)) return undefined;
  const { normalizePublicKey } = require("../../sdk/keys") as typeof import("../../sdk/keys");
  return (keys as string[]).map((k) => {
    const n = normalizePublicKey(k);
    return { fingerprint: n.fingerprint, body: n.body };
  });
}

export function keyFailures(hooks: KindHooks, olds: Inputs | undefined, news: Inputs): Failure[] {
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
  failures.push(...checkMetaInputs(hooks.model, news));
  if (news.clientSecretRotation !== undefined && !isUnknown(news.clientSecretRotation) && hooks.secretRotation) {
    if (typeof news.clientSecretRotation !== "object" || news.clientSecretRotation === null) {
      failures.push({ property: "clientSecretRotation", reason: "must be an object { secret1?: number; secret2?: number }" });
    } else {
      for (const [k, v] of Object.entries(news.clientSecretRotation)) {
        if (k !== "secret1" && k !== "secret2")
          failures.push({ property: `clientSecretRotation.${k}`, reason: "only secret1 and secret2 can be rotated" });
        else if (!isUnknown(v) && (typeof v !== "number" || !Number.isInteger(v) || v < 0)) {
          failures.push({
            property: `clientSecretRotation.${k}`,
            reason: "must be a non-negative integer counter; change it to rotate the secret",
          });
        }
      }
    }
  }
  failures.push(...checkInputs(hooks.spec, news));
  failures.push(...keyFailures(hooks, olds, news));
  if (hooks.spec.tags) failures.push(...tagFailures(news.tags));
  return failures;
}

/** The account facts of `check`, read through the shared session (logs in on first use; answers cached per process). */
export const sessionAccountFacts: AccountFacts = {
  booleanParameter: (name) => session.accountBooleanParameter(name),
  async existingRoles(names) {
    const shown = await session.accountObjectNames("ROLES");
    return new Set(names.filter((n) => shown.has(n)));
  },
};

/**
 * Roles and network policies named in an input must exist: reported at preview on the field, not found half-way
 * through an `up` (Snowflake refuses a CREATE naming a missing role: "Role 'X' does not exist or not authorized").
 * Only new or changed references are checked, against one `SHOW ROLES` / `SHOW NETWORK POLICIES` per process. When
 * the account cannot be read the rule is skipped and Snowflake's own refusal at apply remains.
 */
type AccountObjectKind = "ROLES" | "NETWORK POLICIES";

/** Kinds already read again after a miss in this process: at most two reads per kind per `pulumi up`. */
const rereadOnce = new Set<AccountObjectKind>();

/**
 * Objects this deployment is about to create, by kind: a new NetworkPolicy's name is known at preview (it is its
 * input), so an integration referring to it would otherwise be refused for naming a policy that does not exist yet.
 * The engine checks the policy first (the integration's input waits for the policy's output), in this same process.
 */
const g = globalThis as unknown as { __snowflakeOAuthPlanned?: Map<AccountObjectKind, Set<string>> };
function planned(kind: AccountObjectKind): Set<string> {
  g.__snowflakeOAuthPlanned ??= new Map();
  let set = g.__snowflakeOAuthPlanned.get(kind);
  if (!set) g.__snowflakeOAuthPlanned.set(kind, (set = new Set()));
  return set;
}

/** Records that a valid new object of `hooks`' kind named `name` will be created by this deployment. */
export function notePlannedCreate(hooks: KindHooks, name: string): void {
  if (hooks.spec.describeNoun === "NETWORK POLICY") planned("NETWORK POLICIES").add(Ident.parse(name).name);
}

export async function referenceFailures(
  hooks: KindHooks,
  previous: Inputs | undefined,
  news: Inputs,
  names: (kind: AccountObjectKind, fresh?: boolean) => Promise<ReadonlySet<string>> = session.accountObjectNames,
): Promise<Failure[]> {
  const failures: Failure[] = [];
  for (const [arg, p] of Object.entries(hooks.spec.table)) {
    const v = news[arg];
    if (v === undefined || v === null || isUnknown(v) || isDeepStrictEqual(v, previous?.[arg])) continue;
    const kind: AccountObjectKind | undefined =
      p.kind === "roleList" ? "ROLES" : p.kind === "identifierRef" ? "NETWORK POLICIES" : undefined;
    if (!kind) continue;
    const wanted = (Array.isArray(v) ? v : [v])
      .filter((x): x is string => typeof x === "string" && x !== "")
      .map((x) => Ident.parse(x).name)
      .filter((n) => !planned(kind).has(n));
    if (wanted.length === 0) continue;
    let known: ReadonlySet<string>;
    try {
      known = await names(kind);
    } catch {
      continue;
    }
    let missing = wanted.filter((n) => !known.has(n));
    if (missing.length && !rereadOnce.has(kind)) {
      rereadOnce.add(kind);
      try {
        known = await names(kind, true);
        missing = wanted.filter((n) => !known.has(n));
      } catch {
        continue;
      }
    }
    const what = kind === "ROLES" ? "role" : "network policy";
    for (const n of missing) {
      failures.push({
        property: arg,
        reason: `${p.sql} names ${what} ${Ident.stored(n).toSql()}, which does not exist in the account (or the provider's role cannot see it)`,
      });
    }
  }
  return failures;
}

/**
 * Tags named in `tags` must exist and each value must be one of the tag's ALLOWED_VALUES when it has them
 * (https://docs.snowflake.com/en/user-guide/object-tagging/work: "Users cannot assign a value to a tag unless the
 * value is in the defined list"). Only new or changed entries are checked, against one `SHOW TAGS IN SCHEMA` per
 * schema per process; when the account cannot be read the rule is skipped and Snowflake's refusal at apply remains.
 */
export async function tagReferenceFailures(
  hooks: KindHooks,
  previous: Inputs | undefined,
  news: Inputs,
  tagsOf: (schemaSql: string) => Promise<ReadonlyMap<string, session.ShownTag>> = session.schemaTags,
): Promise<Failure[]> {
  if (!hooks.spec.tags) return [];
  const now = declaredTags(news.tags);
  if (now === "unknown") return [];
  const before = declaredTags(previous?.tags);
  const failures: Failure[] = [];
  const keyOf = new Map<string, string>();
  if (news.tags && typeof news.tags === "object")
    for (const k of Object.keys(news.tags)) {
      const tag = canonicalTag(k);
      if (tag) keyOf.set(tag, k);
    }
  for (const [tag, value] of now) {
    if (isUnknown(value) || typeof value !== "string") continue;
    if (before !== "unknown" && before.get(tag) === value) continue;
    const parts = parseQualified(tag);
    let shown: ReadonlyMap<string, session.ShownTag>;
    try {
      shown = await tagsOf(qualifiedToSql(parts.slice(0, 2)));
    } catch {
      continue;
    }
    const path = `tags[${JSON.stringify(keyOf.get(tag) ?? tag)}]`;
    const t = shown.get(parts[2].name);
    if (!t) {
      failures.push({ property: path, reason: `tag ${tag} does not exist (or the provider's role cannot see it); create it first` });
      continue;
    }
    const allowed = parseAllowedValues(t.allowedValues);
    if (allowed && !allowed.includes(value))
      failures.push({ property: path, reason: `${JSON.stringify(value)} is not one of the tag's ALLOWED_VALUES (${allowed.join(", ")})` });
  }
  return failures;
}
