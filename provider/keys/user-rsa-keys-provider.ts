/**
 * Implementation of `UserRsaKeys` (`pulumi-nodejs:dynamic/snowflake:UserRsaKeys`): the two RSA public key slots
 * of an existing user, and nothing else about the user.
 *
 * Statements (https://docs.snowflake.com/en/sql-reference/sql/alter-user,
 * https://docs.snowflake.com/en/sql-reference/sql/desc-user):
 *   DESC USER <user>                                                     -- read RSA_PUBLIC_KEY_FP / RSA_PUBLIC_KEY_2_FP
 *   ALTER USER <user> SET RSA_PUBLIC_KEY = '<body>'[, RSA_PUBLIC_KEY_2 = '<body>']   -- at most one per update
 *   ALTER USER <user> UNSET RSA_PUBLIC_KEY[, RSA_PUBLIC_KEY_2]                       -- at most one, after the SET
 *
 * Every diff, create and update reads a fresh DESC USER (never state), so a run interrupted between statements,
 * a failed statement or an out-of-band change shows at preview and is repaired by the next `pulumi up`
 * (see `rotation.ts`).
 *
 * Contracts:
 * - create: adopts the user's slots: declared keys already registered stay where they are; undeclared keys are
 *   removed only if at least one declared key is already registered (else refused unless allowReplacingAllKeys).
 *   If it fails part-way, the next `up` re-plans from the live slots.
 * - update: same planning; a user rename (different `user`) replaces the resource.
 * - delete: UNSETs only the slots holding a key this resource declares; keys it does not declare (set by hand or
 *   by another tool) are left alone. A missing user counts as deleted.
 * - read (refresh): the live fingerprints; a missing user drops the resource from state.
 * @internal
 */
import { sessionRunner, type SqlRunner } from "../connection/runner";
import type * as pulumi from "@pulumi/pulumi";
import { normalizePublicKey } from "../../sdk/keys/public-key";
import { KeyError } from "../../sdk/keys/errors";
import { USER_RSA_KEYS } from "../../model/userRsaKeys";
import { isUnknown } from "../../model/unknown";
import { checkMetaInputs, presentFailures } from "../engine/meta-check";
import { Ident, stringLiteral } from "../sql/quote";
import { isNotFound } from "../sql/errors";
import { planKeySlots, checkKeyTransition, isPlanError, keySlotAssignments, CurrentKeySlots, KeySlotPlan } from "./rotation";
import { USER_KEY_SLOTS } from "../../model/userRsaKeys";

/** Inputs after Pulumi resolved them. */
export interface UserRsaKeysProviderInputs {
  user: string;
  publicKeys: string[];
  allowReplacingAllKeys?: boolean;
}

/** Outputs stored in state (all public). */
export interface UserRsaKeysProviderOutputs extends UserRsaKeysProviderInputs {
  /** Stored user name (what DESC/SHOW print). */
  userName: string;
  /** Fingerprints of the declared keys, in declaration order. */
  fingerprints: string[];
  /** Live slot fingerprints after the last create/update/refresh ("" = empty). */
  rsaPublicKeyFp: string;
  rsaPublicKey2Fp: string;
}

/** Minimal SQL runner, so tests can drive the logic without the shared session. */
export type { SqlRunner } from "../connection/runner";

/** Parses the declared keys; throws a KeyError naming the position (never the key). */
function declared(keys: string[]): { fingerprint: string; body: string }[] {
  return keys.map((k, i) => {
    try {
      const n = normalizePublicKey(k);
      return { fingerprint: n.fingerprint, body: n.body };
    } catch (e) {
      if (e instanceof KeyError) throw new KeyError(e.code, `publicKeys[${i}]: ${e.message}`);
      throw e;
    }
  });
}

function knownFingerprints(keys: unknown): { fps: string[]; failures: pulumi.dynamic.CheckFailure[]; hasUnknown: boolean } {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const fps: string[] = [];
  let hasUnknown = false;
  if (isUnknown(keys)) return { fps, failures, hasUnknown: true };
  if (!Array.isArray(keys))
    return { fps, failures: [{ property: "publicKeys", reason: "publicKeys must be a list of one or two public keys." }], hasUnknown };
  keys.forEach((k, i) => {
    if (isUnknown(k)) {
      hasUnknown = true;
      return;
    }
    if (typeof k !== "string") {
      failures.push({ property: "publicKeys", reason: `publicKeys[${i}] must be a string (PEM or base64 body).` });
      return;
    }
    try {
      fps.push(normalizePublicKey(k).fingerprint);
    } catch (e) {
      failures.push({ property: "publicKeys", reason: `publicKeys[${i}]: ${(e as Error).message}` });
    }
  });
  return { fps, failures, hasUnknown };
}

export async function check(
  olds: Partial<UserRsaKeysProviderInputs> | undefined,
  news: UserRsaKeysProviderInputs,
): Promise<pulumi.dynamic.CheckResult> {
  const failures: pulumi.dynamic.CheckFailure[] = checkMetaInputs(USER_RSA_KEYS, news as unknown as Record<string, unknown>);
  if (!isUnknown(news.user)) {
    if (typeof news.user !== "string" || news.user.trim() === "")
      failures.push({ property: "user", reason: "user is required: the name of an existing Snowflake user." });
    else if (Ident.parse(news.user).name.length > 255) failures.push({ property: "user", reason: "user must be at most 255 characters." });
  }
  const now = knownFingerprints(news.publicKeys);
  failures.push(...now.failures);
  if (now.failures.length === 0 && !isUnknown(news.publicKeys)) {
    const count = Array.isArray(news.publicKeys) ? news.publicKeys.length : 0;
    if (count === 0 || count > 2) {
      failures.push({ property: "publicKeys", reason: `declare one or two active public keys (Snowflake has two slots); got ${count}.` });
    } else if (!now.hasUnknown) {
      const before = olds && Array.isArray(olds.publicKeys) ? knownFingerprints(olds.publicKeys) : undefined;
      const sameUser = !olds?.user || isUnknown(news.user) || Ident.parse(String(olds.user)).name === Ident.parse(news.user).name;
      const oldFps = before && before.failures.length === 0 && !before.hasUnknown && sameUser ? before.fps : undefined;
      const optIn = news.allowReplacingAllKeys === true;
      const reason = checkKeyTransition(oldFps, now.fps, optIn);
      if (reason) failures.push({ property: "publicKeys", reason });
    }
  }
  const inputs = { ...news, kind: USER_RSA_KEYS.kind };
  return failures.length ? { inputs, failures: presentFailures(USER_RSA_KEYS, failures) } : { inputs };
}

/**
 * Compares the declaration with the live slots (`DESC USER`), not with state: a key removed or replaced by hand shows
 * at preview and is repaired by `up` (a removed service-user key is a broken login).
 */
export async function diff(
  _id: string,
  olds: UserRsaKeysProviderOutputs,
  news: UserRsaKeysProviderInputs,
  runner: SqlRunner = sessionRunner(),
): Promise<pulumi.dynamic.DiffResult> {
  if (isUnknown(news.user) || Ident.parse(news.user).name !== olds.userName) {
    return { changes: true, replaces: ["user"], deleteBeforeReplace: false };
  }
  const k = knownFingerprints(news.publicKeys);
  if (k.hasUnknown) return { changes: true };
  const want = new Set(k.fps);
  const slots = await readSlots(runner, Ident.stored(olds.userName));
  seenByDiff.set(olds.userName, { at: Date.now(), slots });
  // A user that is gone cannot be repaired by this resource; update reports it with what to do.
  if (!slots) return { changes: true };
  const live = [slots.slot1, slots.slot2].filter((f): f is string => !!f);
  const sameDeclared = want.size === (olds.fingerprints ?? []).length && (olds.fingerprints ?? []).every((f) => want.has(f));
  const liveMatches = new Set(live).size === live.length && live.length === want.size && live.every((f) => want.has(f));
  const optInChanged = (news.allowReplacingAllKeys ?? false) !== (olds.allowReplacingAllKeys ?? false);
  if (!liveMatches) await announceKeyPlan(Ident.stored(olds.userName), slots, news, sameDeclared);
  return { changes: !sameDeclared || !liveMatches || optInChanged };
}

/**
 * The slots `diff` just read, used once by the `update` the engine runs right after it in the same process, so an
 * `up` reads each user once (as the integrations' observation cache does).
 */
const seenByDiff = new Map<string, { at: number; slots: CurrentKeySlots | undefined }>();
const SEEN_TTL_MS = 120_000;

function takeSeen(user: Ident): CurrentKeySlots | undefined | null {
  const seen = seenByDiff.get(user.name);
  seenByDiff.delete(user.name);
  return seen && Date.now() - seen.at < SEEN_TTL_MS ? seen.slots : null;
}

/** Preview notice, as the integrations give it (provider/resources/announce.ts): drift and the statements `up` sends. */
async function announceKeyPlan(user: Ident, slots: CurrentKeySlots, news: UserRsaKeysProviderInputs, sameDeclared: boolean): Promise<void> {
  const { displaySql, willSend } = require("../resources/announce") as typeof import("../resources/announce");
  const { logToEngine } = require("../connection/engine-log") as typeof import("../connection/engine-log");
  let keys: { fingerprint: string; body: string }[];
  try {
    keys = declared(news.publicKeys);
  } catch {
    return;
  }
  const plan = planKeySlots(slots, keys, { allowReplacingAllKeys: news.allowReplacingAllKeys === true });
  const head = `UserRsaKeys ${user.toSql()}`;
  const lines: string[] = [];
  if (sameDeclared) lines.push(`${head}: drifted in Snowflake: publicKeys (RSA_PUBLIC_KEY, RSA_PUBLIC_KEY_2)`);
  if (isPlanError(plan)) lines.push(`${head}: ${plan.error}`);
  else for (const sql of planStatements(user, plan)) lines.push(willSend(head, displaySql(sql)));
  await logToEngine("info", lines.join("\n"));
}

/** Reads the two slot fingerprints; `undefined` result = the user does not exist. */
export async function readSlots(runner: SqlRunner, user: Ident): Promise<CurrentKeySlots | undefined> {
  let rows: Record<string, unknown>[];
  try {
    rows = await runner.run(`DESC USER ${user.toSql()}`, true);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
  const cell = (name: string): string | undefined => {
    const row = rows.find((r) => String(r.property ?? r.PROPERTY ?? "").toUpperCase() === name);
    const v = row ? String(row.value ?? row.VALUE ?? "") : "";
    return v === "" || v === "null" ? undefined : v;
  };
  return { slot1: cell("RSA_PUBLIC_KEY_FP"), slot2: cell("RSA_PUBLIC_KEY_2_FP") };
}

/** SQL of a plan: the SET statement (if any) then the UNSET statement (if any). Literals through `quote.ts`. */
export function planStatements(user: Ident, plan: KeySlotPlan): string[] {
  const a = keySlotAssignments(plan, USER_KEY_SLOTS);
  const out: string[] = [];
  if (a.set.length) out.push(`ALTER USER ${user.toSql()} SET ${a.set.map((x) => `${x.name} = ${stringLiteral(x.body)}`).join(", ")}`);
  if (a.unset.length) out.push(`ALTER USER ${user.toSql()} UNSET ${a.unset.join(", ")}`);
  return out;
}

function applyPlan(cur: CurrentKeySlots, plan: KeySlotPlan, fpByBody: Map<string, string>): CurrentKeySlots {
  const n = { ...cur };
  for (const x of plan.set) n[x.slot === 1 ? "slot1" : "slot2"] = fpByBody.get(x.body);
  for (const u of plan.unset) n[u === 1 ? "slot1" : "slot2"] = undefined;
  return n;
}

/** Plans from the live slots and runs SET then UNSET. Returns the resulting slots. */
export async function converge(
  runner: SqlRunner,
  user: Ident,
  keys: string[],
  allowReplacingAllKeys: boolean,
  reuseDiff = false,
): Promise<CurrentKeySlots> {
  const want = declared(keys);
  const seen = reuseDiff ? takeSeen(user) : null;
  const cur = seen === null ? await readSlots(runner, user) : seen;
  if (!cur)
    throw new Error(
      `User '${user.name}' does not exist or is not visible to the provider's role; UserRsaKeys manages the keys of an existing user.`,
    );
  const plan = planKeySlots(cur, want, { allowReplacingAllKeys });
  if (isPlanError(plan)) throw new Error(`User '${user.name}': ${plan.error}`);
  // Statements run strictly in order: the SET must succeed before the UNSET is sent.
  for (const sql of planStatements(user, plan)) await runner.run(sql, true);
  return applyPlan(cur, plan, new Map(want.map((w) => [w.body, w.fingerprint])));
}

function outputs(inputs: UserRsaKeysProviderInputs, user: Ident, slots: CurrentKeySlots): UserRsaKeysProviderOutputs {
  return {
    user: inputs.user,
    publicKeys: inputs.publicKeys,
    allowReplacingAllKeys: inputs.allowReplacingAllKeys ?? false,
    userName: user.name,
    fingerprints: declared(inputs.publicKeys).map((d) => d.fingerprint),
    rsaPublicKeyFp: slots.slot1 ?? "",
    rsaPublicKey2Fp: slots.slot2 ?? "",
  };
}

export async function create(inputs: UserRsaKeysProviderInputs, runner: SqlRunner = sessionRunner()): Promise<pulumi.dynamic.CreateResult> {
  const user = Ident.parse(inputs.user);
  const slots = await converge(runner, user, inputs.publicKeys, inputs.allowReplacingAllKeys === true);
  return { id: user.name, outs: outputs(inputs, user, slots) };
}

export async function update(
  _id: string,
  _olds: UserRsaKeysProviderOutputs,
  news: UserRsaKeysProviderInputs,
  runner: SqlRunner = sessionRunner(),
): Promise<pulumi.dynamic.UpdateResult> {
  const user = Ident.parse(news.user);
  const slots = await converge(runner, user, news.publicKeys, news.allowReplacingAllKeys === true, true);
  return { outs: outputs(news, user, slots) };
}

export async function read(
  id: string,
  props: UserRsaKeysProviderOutputs,
  runner: SqlRunner = sessionRunner(),
): Promise<pulumi.dynamic.ReadResult> {
  const user = Ident.stored(props?.userName ?? id);
  const slots = await readSlots(runner, user);
  if (!slots) return {};
  return { id, props: { ...props, rsaPublicKeyFp: slots.slot1 ?? "", rsaPublicKey2Fp: slots.slot2 ?? "" } };
}

export async function remove(id: string, props: UserRsaKeysProviderOutputs, runner: SqlRunner = sessionRunner()): Promise<void> {
  const user = Ident.stored(props?.userName ?? id);
  const slots = await readSlots(runner, user);
  if (!slots) return;
  const mine = new Set(props.fingerprints ?? []);
  const unset: (1 | 2)[] = [];
  if (slots.slot1 && mine.has(slots.slot1)) unset.push(1);
  if (slots.slot2 && mine.has(slots.slot2)) unset.push(2);
  for (const sql of planStatements(user, { set: [], unset })) await runner.run(sql, true);
}
