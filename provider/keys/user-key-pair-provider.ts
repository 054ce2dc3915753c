/**
 * Implementation of `UserKeyPair` (`pulumi-nodejs:dynamic/snowflake:UserKeyPair`): one named key pair of an existing
 * user. The model is `model/userKeyPair.ts`, the planning `named-keys.ts`.
 *
 * Every diff, create and update reads `SHOW USER KEY PAIRS FOR USER` (never state), so a key rotated, disabled or
 * removed by hand, or a run interrupted between statements, shows at preview and is repaired by the next `up`:
 * - create: a key pair of the declared name with the declared key already registered (a lost ADD response, or a
 *   re-run) is adopted and converged; one with another key is refused (it is not ours to rotate).
 * - update: the planned statements in order; a REMOVE + ADD (role restriction or expiry changed) only while another
 *   key of the user stays valid.
 * - delete: REMOVE only when the key under the name is the declared one. A missing user or key counts as deleted.
 * - read (refresh): the live row; a missing key pair or user drops the resource from state.
 * @internal
 */
import type * as pulumi from "@pulumi/pulumi";
import { NAMED_KEY_PAIRS, USER_KEY_PAIR } from "../../model/userKeyPair";
import { isUnknown } from "../../model/unknown";
import type { Failure } from "../../model/types";
import { normalizePublicKey, type NormalizedPublicKey } from "../../sdk/keys/public-key";
import { checkMetaInputs, presentFailures } from "../engine/meta-check";
import { Ident, identifierProblem, redactFragments, secretFragments } from "../sql/quote";
import { isNotFound } from "../sql/errors";
import {
  DeclaredKeyPair,
  KeyPairRow,
  NamedKeyPlan,
  NamedKeyPlanError,
  otherValidKeys,
  parseKeyPairRows,
  planNamedKey,
  rotatedKeysOf,
} from "./named-keys";
import { readSlots } from "./user-rsa-keys-provider";
import { sessionRunner, type SqlRunner } from "../connection/runner";
import { serverNow } from "./server-clock";

/** Inputs after Pulumi resolved them (SDK defaults filled in). */
export interface UserKeyPairInputs {
  user: string;
  name: string;
  publicKey: string;
  roleRestriction?: string;
  daysToExpiry?: number;
  comment?: string;
  disabled?: boolean;
  graceHours?: number;
}

/** Outputs stored in state (all public: a public key is not a secret). */
export interface UserKeyPairOutputs extends UserKeyPairInputs {
  userName: string;
  keyPairName: string;
  fingerprint: string;
  algorithm: "RSA" | "EC";
  status: string;
  expiresAt: string;
  rotatedKeys: string[];
}

function parseKey(k: unknown): NormalizedPublicKey {
  return normalizePublicKey(String(k), { allowEc: true });
}

/** (user, fingerprint) → key pair name, from every `check` in this process: one key may not be declared twice for a user. */
const declaredKeys = new Map<string, string>();

export async function check(_olds: Partial<UserKeyPairInputs> | undefined, news: UserKeyPairInputs): Promise<pulumi.dynamic.CheckResult> {
  const failures: Failure[] = checkMetaInputs(USER_KEY_PAIR, news as unknown as Record<string, unknown>);
  const known = (v: unknown): v is string => typeof v === "string" && !isUnknown(v);
  for (const f of ["user", "name", "roleRestriction"] as const) {
    const v = news[f];
    if (!known(v)) continue;
    const why = identifierProblem(v);
    if (why) failures.push({ property: f, reason: `${f} ${why}.` });
  }
  if (known(news.name)) {
    const stored = Ident.parse(news.name).name;
    if (NAMED_KEY_PAIRS.reservedNames.includes(stored))
      failures.push({
        property: "name",
        reason: `${stored} is reserved for the legacy RSA_PUBLIC_KEY / RSA_PUBLIC_KEY_2 slots; manage those with UserRsaKeys.`,
      });
    else if (NAMED_KEY_PAIRS.rotatedName.test(stored))
      failures.push({
        property: "name",
        reason: `${stored} has the shape Snowflake gives rotated-out keys (<name>_ROTATED_<epoch_ms>); choose another name.`,
      });
  }
  if (news.publicKey === undefined) failures.push({ property: "publicKey", reason: "publicKey is required." });
  else if (!isUnknown(news.publicKey)) {
    try {
      const k = parseKey(news.publicKey);
      if (known(news.user) && known(news.name)) {
        const id = `${Ident.parse(news.user).name}\u0000${k.fingerprint}`;
        const name = Ident.parse(news.name).name;
        const other = declaredKeys.get(id);
        if (other !== undefined && other !== name)
          failures.push({
            property: "publicKey",
            reason: `the same public key (${k.fingerprint}) is declared for key pairs ${other} and ${name} of this user; Snowflake requires each active key to be unique.`,
          });
        else declaredKeys.set(id, name);
      }
    } catch (e) {
      failures.push({ property: "publicKey", reason: (e as Error).message });
    }
  }
  const inputs = { ...news, kind: USER_KEY_PAIR.kind };
  // publicKey failures are reported without the property so the engine does not print the key beside them.
  const shown = failures.map((f) => (f.property === "publicKey" ? { property: "", reason: `publicKey: ${f.reason}` } : f));
  return shown.length ? { inputs, failures: presentFailures(USER_KEY_PAIR, shown) } : { inputs };
}

function declaredOf(news: UserKeyPairInputs, olds?: UserKeyPairOutputs): DeclaredKeyPair {
  const k = parseKey(news.publicKey);
  const name = Ident.parse(news.name);
  return {
    name,
    previousName: olds?.keyPairName ? Ident.stored(olds.keyPairName) : undefined,
    body: k.body,
    fingerprint: k.fingerprint,
    roleRestriction: news.roleRestriction !== undefined ? Ident.parse(news.roleRestriction).name : undefined,
    daysToExpiry: news.daysToExpiry,
    previousDaysToExpiry: olds ? (olds.daysToExpiry ?? null) : undefined,
    comment: news.comment ?? "",
    disabled: news.disabled === true,
    graceHours: news.graceHours ?? NAMED_KEY_PAIRS.defaultGraceHours,
  };
}

/** The user's named key pairs; undefined = the user does not exist (or is not visible). */
export async function readKeyPairs(runner: SqlRunner, user: Ident): Promise<KeyPairRow[] | undefined> {
  try {
    return parseKeyPairRows(await runner.run(`SHOW USER KEY PAIRS FOR USER ${user.toSql()}`, true));
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** The rows `diff` just read, used once by the `update` the engine runs right after it in this process. */
const seenByDiff = new Map<string, { at: number; rows: KeyPairRow[] }>();
const SEEN_TTL_MS = 120_000;
const seenKey = (user: Ident, name: string) => `${user.name}\u0000${name}`;

function missingUser(user: Ident): Error {
  return new Error(
    `User '${user.name}' does not exist or is not visible to the provider's role; UserKeyPair manages a key pair of an existing user.`,
  );
}

/** Plans, with the lockout guard: a REMOVE + ADD needs another valid key of the user meanwhile. */
async function planFor(runner: SqlRunner, user: Ident, d: DeclaredKeyPair, rows: KeyPairRow[]): Promise<NamedKeyPlan> {
  const live = rows.find((r) => r.name === d.name.name && !r.rotatedTo);
  const now = live?.expiresAt && live.fingerprint !== d.fingerprint ? await serverNow(runner) : new Date();
  const plan = planNamedKey(user, d, rows, now);
  if (plan.reRegister) {
    const slots = await readSlots(runner, user);
    const legacy = slots ? [slots.slot1, slots.slot2].filter((s) => !!s).length : 0;
    if (otherValidKeys(rows, d.name.name, legacy) === 0)
      throw new NamedKeyPlanError(
        plan.fields[0],
        `Snowflake cannot change ${plan.fields.join(" or ")} of key pair ${d.name.name} in place: it must be removed and ` +
          `added again, and it is the only valid key of user ${user.name}, so clients would have no key in between. Add a ` +
          "second key first (another UserKeyPair, or UserRsaKeys), then change this one.",
      );
  }
  return plan;
}

function failText(e: unknown, name: string): Error {
  if (e instanceof NamedKeyPlanError) return new Error(`UserKeyPair ${name}: ${e.field}: ${e.message}`);
  return e as Error;
}

async function announce(user: Ident, d: DeclaredKeyPair, plan: NamedKeyPlan, drifted: string[], news: UserKeyPairInputs): Promise<void> {
  const { displaySql, willSend } = require("../resources/announce") as typeof import("../resources/announce");
  const { logToEngine } = require("../connection/engine-log") as typeof import("../connection/engine-log");
  // An input the program made secret (a comment, say) is redacted like everywhere else.
  const secret = secretFragments(news as unknown as Record<string, unknown>);
  const head = `UserKeyPair ${user.toSql()}.${d.name.toSql()}`;
  const lines: string[] = [];
  if (drifted.length) lines.push(`${head}: drifted in Snowflake: ${drifted.join(", ")}`);
  for (const sql of plan.statements) lines.push(willSend(head, redactFragments(displaySql(sql), secret)));
  if (lines.length) await logToEngine("info", lines.join("\n"));
}

/**
 * A declared input differs from the last apply's, although Snowflake may already match (a run killed after its
 * statement committed, or `graceHours`, which only shapes future statements): the update then sends nothing and
 * records the outputs, so state never keeps a stale fingerprint that delete would compare against.
 */
function inputsChanged(olds: UserKeyPairOutputs, news: UserKeyPairInputs): boolean {
  const norm = (i: Partial<UserKeyPairInputs>) => [
    i.name === undefined ? "" : Ident.parse(i.name).name,
    i.publicKey === undefined ? "" : parseKey(i.publicKey).fingerprint,
    i.roleRestriction === undefined ? "" : Ident.parse(i.roleRestriction).name,
    i.daysToExpiry ?? "",
    i.comment ?? "",
    i.disabled === true,
    i.graceHours ?? NAMED_KEY_PAIRS.defaultGraceHours,
  ];
  return JSON.stringify(norm(olds)) !== JSON.stringify(norm(news));
}

export async function diff(
  _id: string,
  olds: UserKeyPairOutputs,
  news: UserKeyPairInputs,
  runner: SqlRunner = sessionRunner(),
): Promise<pulumi.dynamic.DiffResult> {
  if (isUnknown(news.user) || Ident.parse(news.user).name !== olds.userName) {
    return { changes: true, replaces: ["user"], deleteBeforeReplace: false };
  }
  const declaredValues = [news.name, news.publicKey, news.roleRestriction, news.comment, news.daysToExpiry, news.disabled, news.graceHours];
  if (declaredValues.some(isUnknown)) return { changes: true };
  const user = Ident.stored(olds.userName);
  const rows = await readKeyPairs(runner, user);
  if (!rows) return { changes: true }; // update reports the missing user with what to do
  const d = declaredOf(news, olds);
  seenByDiff.set(seenKey(user, d.name.name), { at: Date.now(), rows });
  let plan: NamedKeyPlan;
  try {
    plan = await planFor(runner, user, d, rows);
  } catch (e) {
    throw failText(e, d.name.name);
  }
  // Drift: a field the plan changes although the program declares what it declared at the last apply.
  const sameAsState = (f: string): boolean => {
    const o = olds as unknown as Record<string, unknown>;
    const n = news as unknown as Record<string, unknown>;
    return f === "publicKey" ? parseKey(news.publicKey).fingerprint === olds.fingerprint : (o[f] ?? "") === (n[f] ?? "");
  };
  const drifted = [...new Set(plan.fields)].filter((f) => f !== "name" && sameAsState(f));
  await announce(user, d, plan, drifted, news);
  return { changes: plan.statements.length > 0 || inputsChanged(olds, news) };
}

/**
 * One plan-and-apply per user at a time in this process: two key pairs of one user re-registered in the same `up`
 * would otherwise each count the other as the key that stays valid, and both REMOVEs could land.
 */
const userLocks = new Map<string, Promise<unknown>>();
async function withUserLock<T>(user: string, fn: () => Promise<T>): Promise<T> {
  const before = userLocks.get(user) ?? Promise.resolve();
  const run = before.then(fn, fn);
  const tail = run.catch(() => undefined);
  userLocks.set(user, tail);
  try {
    return await run;
  } finally {
    if (userLocks.get(user) === tail) userLocks.delete(user);
  }
}

/** Plans from the live rows (the diff's, when fresh) and runs the statements strictly in order; returns fresh rows. */
async function converge(runner: SqlRunner, news: UserKeyPairInputs, olds: UserKeyPairOutputs | undefined): Promise<KeyPairRow[]> {
  const user = Ident.parse(news.user);
  return withUserLock(user.name, async () => {
    const d = declaredOf(news, olds);
    const seen = seenByDiff.get(seenKey(user, d.name.name));
    seenByDiff.delete(seenKey(user, d.name.name));
    let rows = seen && Date.now() - seen.at < SEEN_TTL_MS ? seen.rows : await readKeyPairs(runner, user);
    if (!rows) throw missingUser(user);
    if (!olds) {
      const existing = rows.find((r) => r.name === d.name.name && !r.rotatedTo);
      if (existing && existing.fingerprint !== d.fingerprint)
        throw new Error(
          `UserKeyPair ${d.name.name}: user ${user.name} already has a key pair named ${d.name.name} with another key ` +
            `(${existing.fingerprint}); remove it or choose another name.`,
        );
    }
    let plan: NamedKeyPlan;
    try {
      plan = await planFor(runner, user, d, rows);
      if (plan.reRegister && seen) {
        // A REMOVE is judged on rows read now, not at diff time (another key of the user may have changed since).
        rows = (await readKeyPairs(runner, user)) ?? [];
        plan = await planFor(runner, user, d, rows);
      }
    } catch (e) {
      throw failText(e, d.name.name);
    }
    // Each statement depends on the one before (ADD before SET DISABLED, REMOVE before ADD): never batched.
    for (const sql of plan.statements) await runner.run(sql, true);
    if (plan.statements.length === 0) return rows;
    return (await readKeyPairs(runner, user)) ?? [];
  });
}

function outputs(inputs: UserKeyPairInputs, rows: readonly KeyPairRow[]): UserKeyPairOutputs {
  const user = Ident.parse(inputs.user);
  const name = Ident.parse(inputs.name).name;
  const k = parseKey(inputs.publicKey);
  const live = rows.find((r) => r.name === name && !r.rotatedTo);
  return {
    user: inputs.user,
    name: inputs.name,
    publicKey: inputs.publicKey,
    ...(inputs.roleRestriction !== undefined ? { roleRestriction: inputs.roleRestriction } : {}),
    ...(inputs.daysToExpiry !== undefined ? { daysToExpiry: inputs.daysToExpiry } : {}),
    ...(inputs.comment !== undefined ? { comment: inputs.comment } : {}),
    disabled: inputs.disabled === true,
    graceHours: inputs.graceHours ?? NAMED_KEY_PAIRS.defaultGraceHours,
    userName: user.name,
    keyPairName: name,
    fingerprint: k.fingerprint,
    algorithm: k.algorithm,
    status: live?.status ?? "",
    expiresAt: live?.expiresAt ?? "",
    rotatedKeys: rotatedKeysOf(rows, name),
  };
}

export async function create(inputs: UserKeyPairInputs, runner: SqlRunner = sessionRunner()): Promise<pulumi.dynamic.CreateResult> {
  const rows = await converge(runner, inputs, undefined);
  const outs = outputs(inputs, rows);
  return { id: `${outs.userName}/${outs.keyPairName}`, outs };
}

export async function update(
  _id: string,
  olds: UserKeyPairOutputs,
  news: UserKeyPairInputs,
  runner: SqlRunner = sessionRunner(),
): Promise<pulumi.dynamic.UpdateResult> {
  return { outs: outputs(news, await converge(runner, news, olds)) };
}

export async function read(id: string, props: UserKeyPairOutputs, runner: SqlRunner = sessionRunner()): Promise<pulumi.dynamic.ReadResult> {
  const user = Ident.stored(props?.userName ?? id.split("/")[0]);
  const rows = await readKeyPairs(runner, user);
  const name = props?.keyPairName ?? id.split("/").slice(1).join("/");
  const live = rows?.find((r) => r.name === name && !r.rotatedTo);
  if (!rows || !live) return {};
  return {
    id,
    props: { ...props, status: live.status, expiresAt: live.expiresAt ?? "", rotatedKeys: rotatedKeysOf(rows, name) },
  };
}

export async function remove(id: string, props: UserKeyPairOutputs, runner: SqlRunner = sessionRunner()): Promise<void> {
  const user = Ident.stored(props?.userName ?? id.split("/")[0]);
  const rows = await readKeyPairs(runner, user);
  const name = props?.keyPairName ?? id.split("/").slice(1).join("/");
  const live = rows?.find((r) => r.name === name && !r.rotatedTo);
  if (!live) return;
  // A key registered under the name by someone else (or by a rotation whose state was lost) is not ours to remove.
  if (live.fingerprint !== props.fingerprint) {
    const { logToEngine } = require("../connection/engine-log") as typeof import("../connection/engine-log");
    await logToEngine(
      "warning",
      `UserKeyPair ${user.toSql()}.${Ident.stored(name).toSql()}: left in place: it holds ${live.fingerprint}, not the ` +
        `declared ${props.fingerprint}. Remove it by hand if it is not in use (ALTER USER … REMOVE KEY PAIR).`,
    );
    return;
  }
  await runner.run(`ALTER USER ${user.toSql()} REMOVE KEY PAIR ${Ident.stored(name).toSql()}`, true);
}
