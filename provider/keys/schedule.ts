/**
 * Scheduled rotation, the pure part: which step is due, and the statements of each step for each target, from the
 * stored schedule state and the live keys (never from state alone). No I/O, no clock of its own: `now` is Snowflake's.
 *
 * Steps (one per `up`):
 * - `create`  : register the first key (named: ADD, or ROTATE an existing pair of that name with the overlap as grace;
 *               legacy: SET a free slot, keeping a key found in the other slot until the overlap ends);
 * - `rotate`  : the current key is `rotateEvery` old, or no longer registered (drift, a lost response): a new key beside
 *               the current one (named: ROTATE … EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = overlap; legacy: SET);
 * - `retire`  : the overlap has passed: legacy UNSETs the old key; a named pair's old key has expired in Snowflake;
 * - `none`.
 * @internal
 */
import { NAMED_KEY_PAIRS } from "../../model/userKeyPair";
import type { KeySlotSpec } from "../../model/types";
import { Ident, stringLiteral } from "../sql/quote";
import { hoursLeft, type KeyPairRow } from "./named-keys";
import { isPlanError, keySlotAssignments, planKeySlots, type CurrentKeySlots } from "./rotation";

export interface ScheduleState {
  phase: "steady" | "overlap";
  /** ISO instant the current key was registered. */
  rotatedAt: string;
  currentFingerprint: string;
  currentBody: string;
  previousFingerprint: string;
}

export interface Cadence {
  rotateEveryMs: number;
  overlapMs: number;
}

export type Target = { kind: "named"; user: Ident; name: Ident } | { kind: "legacy"; user: Ident } | { kind: "integration"; name: Ident };

/**
 * The live keys of a target: a named pair's SHOW rows, or two slots (a user's legacy slots, an integration's) with
 * what the ALTER names (`USER X`, `SECURITY INTEGRATION X`) and the slots' SQL names; `absent` = an integration not
 * created yet (its resource takes the first key from `publicKeys`).
 */
export type Live =
  { kind: "named"; rows: KeyPairRow[] } | { kind: "slots"; slots: CurrentKeySlots; alter: string; spec: KeySlotSpec } | { kind: "absent" };

export type StepName = "create" | "rotate" | "retire" | "none";

/** When the next step falls due, and which. */
export function nextStep(s: ScheduleState, c: Cadence): { step: "rotate" | "retire"; at: Date } {
  const t = Date.parse(s.rotatedAt);
  return s.phase === "overlap" ? { step: "retire", at: new Date(t + c.overlapMs) } : { step: "rotate", at: new Date(t + c.rotateEveryMs) };
}

/** Is the current key registered and usable on the target? */
export function currentRegistered(t: Target, live: Live, fp: string): boolean {
  if (live.kind === "named" && t.kind === "named")
    return live.rows.some((r) => r.name === t.name.name && !r.rotatedTo && r.fingerprint === fp && r.status === "ACTIVE");
  if (live.kind === "slots") return live.slots.slot1 === fp || live.slots.slot2 === fp;
  return false;
}

/** The step due at `now`: a missing current key is rotated at once (clients hold it, so a new key beside it is safe). */
export function dueStep(t: Target, live: Live, s: ScheduleState, c: Cadence, now: Date): StepName {
  // An integration not created yet: nothing to rotate; its resource registers `publicKeys` when it creates it.
  if (live.kind === "absent") return "none";
  if (!currentRegistered(t, live, s.currentFingerprint)) return "rotate";
  const n = nextStep(s, c);
  return now.getTime() >= n.at.getTime() ? n.step : "none";
}

export class SchedulePlanError extends Error {}

const hours = (ms: number) => Math.max(0, Math.round(ms / 3_600_000));

/** Statements that register `next` beside whatever is live (create and rotate). `current` = the key clients hold. */
export function registerStatements(
  t: Target,
  live: Live,
  next: { fingerprint: string; body: string },
  current: { fingerprint: string; body: string } | undefined,
  c: Cadence,
  now: Date,
): { statements: string[]; previousFingerprint: string } {
  if (t.kind === "named" && live.kind === "named") {
    const row = live.rows.find((r) => r.name === t.name.name && !r.rotatedTo);
    if (live.rows.length >= NAMED_KEY_PAIRS.maxPerUser)
      throw new SchedulePlanError(
        `user ${t.user.name} has ${live.rows.length} key pairs (rotated-out keys in grace included); Snowflake allows ` +
          `${NAMED_KEY_PAIRS.maxPerUser}, so the key cannot be ${row ? "rotated" : "added"} until one expires or is removed.`,
      );
    const pfx = `ALTER USER ${t.user.toSql()}`;
    // A pair adopted with DAYS_TO_EXPIRY (inherited by every ROTATE): the grace may not exceed the hours it has left.
    const left = hoursLeft(row?.expiresAt, now);
    if (row && left !== undefined && hours(c.overlapMs) > left)
      throw new SchedulePlanError(
        `key pair ${row.name} expires in ${left} hours, less than the ${hours(c.overlapMs)}-hour overlap Snowflake would ` +
          "keep the old key for (0 to the hours remaining); shorten overlap, or re-register the pair without DAYS_TO_EXPIRY.",
      );
    if (!row)
      return { statements: [`${pfx} ADD KEY PAIR ${t.name.toSql()} PUBLIC_KEY = ${stringLiteral(next.body)}`], previousFingerprint: "" };
    return {
      statements: [
        `${pfx} ROTATE KEY PAIR ${t.name.toSql()} PUBLIC_KEY = ${stringLiteral(next.body)} ` +
          `EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = ${hours(c.overlapMs)}`,
      ],
      previousFingerprint: row.fingerprint,
    };
  }
  if (live.kind === "absent") return { statements: [], previousFingerprint: "" };
  if (live.kind !== "slots") throw new SchedulePlanError("target and live keys disagree");
  const slots = live.slots;
  const liveFps = [slots.slot1, slots.slot2].filter((f): f is string => !!f);
  // Keep the key clients hold; else keep one live key (the other slot may be an orphan of a lost response).
  const keep = current && liveFps.includes(current.fingerprint) ? current : liveFps[0] ? { fingerprint: liveFps[0], body: "" } : undefined;
  const declared = keep ? [keep, next] : [next];
  const plan = planKeySlots(slots, declared, { allowReplacingAllKeys: false, slotsCannotBeUnset: live.spec.cannotBeUnset });
  if (isPlanError(plan)) throw new SchedulePlanError(plan.error);
  return { statements: slotStatements(live, plan), previousFingerprint: keep?.fingerprint ?? "" };
}

/**
 * Statements of the retire step: the slots UNSET every slot but the current key's (External OAuth, which has no
 * UNSET, overwrites it with the current key); a named pair sends nothing.
 */
export function retireStatements(t: Target, live: Live, current: { fingerprint: string; body: string }): string[] {
  if (t.kind === "named" || live.kind !== "slots") return [];
  const plan = planKeySlots(live.slots, [current], { allowReplacingAllKeys: false, slotsCannotBeUnset: live.spec.cannotBeUnset });
  if (isPlanError(plan)) throw new SchedulePlanError(plan.error);
  return slotStatements(live, plan);
}

function slotStatements(
  live: Extract<Live, { kind: "slots" }>,
  plan: { set: { slot: 1 | 2; body: string }[]; unset: (1 | 2)[] },
): string[] {
  const a = keySlotAssignments(plan, live.spec);
  const out: string[] = [];
  if (a.set.length) out.push(`ALTER ${live.alter} SET ${a.set.map((x) => `${x.name} = ${stringLiteral(x.body)}`).join(", ")}`);
  if (a.unset.length) out.push(`ALTER ${live.alter} UNSET ${a.unset.join(", ")}`);
  return out;
}

/** Statements of a delete: the named pair when it still holds our key; legacy slots holding our keys. */
export function removeStatements(t: Target, live: Live, ours: readonly string[]): string[] {
  if (t.kind === "named" && live.kind === "named") {
    const row = live.rows.find((r) => r.name === t.name.name && !r.rotatedTo);
    return row && ours.includes(row.fingerprint) ? [`ALTER USER ${t.user.toSql()} REMOVE KEY PAIR ${t.name.toSql()}`] : [];
  }
  // An integration's keys go with the integration (its own resource declares `publicKeys`); only a user's slots are unset.
  if (live.kind !== "slots" || t.kind !== "legacy") return [];
  const unset: (1 | 2)[] = [];
  if (live.slots.slot1 && ours.includes(live.slots.slot1)) unset.push(1);
  if (live.slots.slot2 && ours.includes(live.slots.slot2)) unset.push(2);
  return unset.length ? slotStatements(live, { set: [], unset }) : [];
}
