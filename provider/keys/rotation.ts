/**
 * The RSA key-slot planner: maps a declared set of one or two public keys onto Snowflake's two slots
 * (`RSA_PUBLIC_KEY`/`_2`, `OAUTH_CLIENT_RSA_PUBLIC_KEY`/`_2`, `EXTERNAL_OAUTH_RSA_PUBLIC_KEY`/`_2`) so that
 * rotation never locks a client out. Pure: no I/O, no clock; the provider runs the plan.
 *
 * A plan is at most two statements, run in this order:
 *   1. one `ALTER ... SET <slot> = '<body>' [, <slot> = '<body>']` carrying every `set` entry;
 *   2. one `ALTER ... UNSET <slot> [, <slot>]` carrying every `unset` slot.
 * (Snowflake's ALTER syntax takes either a SET or an UNSET clause, not both:
 * https://docs.snowflake.com/en/sql-reference/sql/alter-user .)
 *
 * Invariants (tested exhaustively in `test/keys/rotation.test.ts`):
 * - A key that is registered and still declared never moves to another slot (a move is an outage for
 *   clients whose JWT names the key by fingerprint, and for the instant between statements).
 * - A new key goes into a free slot first, else into the slot of a key that is being removed — in the same
 *   SET statement, so the slot is never empty.
 * - SET before UNSET; UNSET only ever names slots whose key is not declared.
 * - If at least one key is registered before the plan, at least one key is registered after each statement,
 *   unless the declaration is empty (which needs the opt-in below).
 * - A plan that removes every currently registered key (declared keys share none with the registered ones)
 *   is refused unless `allowReplacingAllKeys`, because clients still signing with an old key would fail.
 * - The current slots are read from Snowflake (DESCRIBE fingerprints), so out-of-band changes are repaired:
 *   an unknown key is removed, a missing declared key is re-added, the same key in both slots is deduplicated.
 * @internal
 */
import type { KeySlotSpec } from "../../model/types";

/** Slot number: 1 = `..._RSA_PUBLIC_KEY`, 2 = `..._RSA_PUBLIC_KEY_2`. */
export type KeySlot = 1 | 2;

/** Registered fingerprints by slot, as DESCRIBE shows them; `undefined` = empty slot. */
export interface CurrentKeySlots {
  slot1?: string;
  slot2?: string;
}

/** One declared key: its fingerprint (identity) and the base64 SPKI body to send. */
export interface DesiredKey {
  fingerprint: string;
  body: string;
}

/** Options of {@link planKeySlots}. */
export interface PlanKeySlotsOptions {
  /** Allow a transition that removes every registered key at once. Default value is `false`. */
  allowReplacingAllKeys?: boolean;
  /**
   * The object cannot UNSET its key slots (External OAuth: only `ENABLED` and `EXTERNAL_OAUTH_AUDIENCE_LIST`
   * are UNSET-able: https://docs.snowflake.com/en/sql-reference/sql/alter-security-integration-oauth-external). A slot to clear is then overwritten, in the single SET
   * statement, with a declared key that stays registered in the other slot, so the plan never has `unset`
   * entries and the same key may end up in both slots. Default value is `false`.
   */
  slotsCannotBeUnset?: boolean;
}

/** A slot plan: one SET statement with `set`, then one UNSET statement with `unset` (either may be empty). */
export interface KeySlotPlan {
  set: { slot: KeySlot; body: string }[];
  unset: KeySlot[];
}

const SLOTS: readonly KeySlot[] = [1, 2];

function fpOf(current: CurrentKeySlots, slot: KeySlot): string | undefined {
  const v = slot === 1 ? current.slot1 : current.slot2;
  return v === undefined || v === "" ? undefined : v;
}

/** Validates a declaration: at most two keys, no fingerprint twice. Returns the reason or `undefined`. */
export function validateDeclaredKeys(declared: readonly { fingerprint: string }[]): string | undefined {
  if (declared.length > 2) {
    return `at most two public keys can be active (Snowflake has two key slots); ${declared.length} were declared.`;
  }
  if (declared.length === 2 && declared[0].fingerprint === declared[1].fingerprint) {
    return `the same public key (${declared[0].fingerprint}) is declared twice; declare each key once.`;
  }
  return undefined;
}

/**
 * Plans the SET/UNSET statements that take the registered slots `current` to the declared keys `desired`.
 * Returns `{ error }` (naming keys by fingerprint only) for an invalid declaration or a refused transition.
 */
export function planKeySlots(
  current: { slot1?: string; slot2?: string },
  desired: { fingerprint: string; body: string }[],
  opts: { allowReplacingAllKeys?: boolean; slotsCannotBeUnset?: boolean },
): { set: { slot: 1 | 2; body: string }[]; unset: (1 | 2)[] } | { error: string } {
  const invalid = validateDeclaredKeys(desired);
  if (invalid) return { error: invalid };
  const desiredFps = new Set(desired.map((d) => d.fingerprint));
  const registered = SLOTS.map((s) => fpOf(current, s)).filter((f): f is string => f !== undefined);

  if (registered.length > 0 && !registered.some((f) => desiredFps.has(f)) && !opts.allowReplacingAllKeys) {
    const regList = [...new Set(registered)].join(", ");
    const newList = desired.length > 0 ? desired.map((d) => d.fingerprint).join(", ") : "no key";
    return {
      error:
        `refusing to replace every registered public key at once: registered ${regList}; declared ${newList}. ` +
        "Clients still signing with a registered key would fail. Rotate in three steps — declare the old and the new " +
        "key together, switch clients to the new key, then drop the old key — or set allowReplacingAllKeys to accept the outage.",
    };
  }

  // 1. Keep: each declared key that is registered stays in its (lowest) slot.
  const keptSlot = new Map<string, KeySlot>();
  for (const s of SLOTS) {
    const f = fpOf(current, s);
    if (f !== undefined && desiredFps.has(f) && !keptSlot.has(f)) keptSlot.set(f, s);
  }
  const keptSlots = new Set(keptSlot.values());
  // 2. Free slots first (empty), then slots whose key goes away (undeclared, or a duplicate of a kept key).
  const empty = SLOTS.filter((s) => fpOf(current, s) === undefined);
  const leaving = SLOTS.filter((s) => fpOf(current, s) !== undefined && !keptSlots.has(s));
  const available = [...empty, ...leaving];
  const set: { slot: KeySlot; body: string }[] = [];
  for (const d of desired) {
    if (keptSlot.has(d.fingerprint)) continue;
    const slot = available.shift();
    if (slot === undefined) return { error: "internal: no slot left for a declared key" }; // unreachable: ≤ 2 keys
    set.push({ slot, body: d.body });
  }
  const written = new Set(set.map((x) => x.slot));
  // 3. UNSET the slots whose key goes away and that no SET overwrote.
  let unset = leaving.filter((s) => !written.has(s));
  if (opts.slotsCannotBeUnset && unset.length > 0) {
    // A duplicate of a kept key can simply stay when the slot cannot be unset.
    unset = unset.filter((s) => !desiredFps.has(fpOf(current, s) ?? ""));
    // Overwrite the others, in the same SET, with a declared key registered in the other slot after the SET.
    const filler = (s: KeySlot): string | undefined => {
      const other: KeySlot = s === 1 ? 2 : 1;
      const setOther = set.find((x) => x.slot === other);
      if (setOther) return setOther.body;
      const otherFp = fpOf(current, other);
      const d = desired.find((k) => k.fingerprint === otherFp);
      return d?.body;
    };
    const still: KeySlot[] = [];
    for (const s of unset) {
      const body = filler(s);
      if (body === undefined) still.push(s);
      else set.push({ slot: s, body });
    }
    unset = still;
    if (unset.length > 0) {
      return {
        error: "this object cannot UNSET its key slots, and no declared key is left to fill the freed slot; declare at least one key.",
      };
    }
  }
  set.sort((a, b) => a.slot - b.slot);
  unset.sort((a, b) => a - b);
  return { set, unset };
}

/** True when `p` is a refusal. */
export function isPlanError(p: KeySlotPlan | { error: string }): p is { error: string } {
  return "error" in p;
}

/** True when the plan sends nothing. */
export function isEmptyPlan(p: KeySlotPlan): boolean {
  return p.set.length === 0 && p.unset.length === 0;
}

/**
 * Preview-time check (`check()`) of a change of declared keys, comparing declarations only (the live slots
 * are compared at `diff`/`update` by {@link planKeySlots}). Returns the failure reason or `undefined`.
 *
 * - `oldDeclared`: fingerprints declared by the previous inputs (`undefined` at create).
 * - `newDeclared`: fingerprints declared now (must be 1–2 distinct keys unless `allowEmpty`).
 * - `optIn`: the resource's `allowReplacingAllKeys`.
 * Fingerprints that are not yet known (preview of a key generated in the same update) must be left out by
 * the caller; a declaration with unknowns passes.
 */
export function checkKeyTransition(
  oldDeclared: readonly string[] | undefined,
  newDeclared: readonly string[],
  optIn: boolean | undefined,
  opts: { allowEmpty?: boolean } = {},
): string | undefined {
  const invalid = validateDeclaredKeys(newDeclared.map((fingerprint) => ({ fingerprint })));
  if (invalid) return invalid;
  if (newDeclared.length === 0 && !opts.allowEmpty) return "declare at least one public key.";
  if (!oldDeclared || oldDeclared.length === 0 || optIn) return undefined;
  if (oldDeclared.some((f) => newDeclared.includes(f))) return undefined;
  return (
    `this change replaces every active public key at once (${oldDeclared.join(", ")} → ` +
    `${newDeclared.length ? newDeclared.join(", ") : "no key"}); clients still using an old key would fail. ` +
    "Rotate in three steps — add the new key next to the old one, switch clients, then remove the old key — " +
    "or set allowReplacingAllKeys: true to accept the outage."
  );
}

/**
 * The plan as property assignments, for the caller's SQL builder (quoting stays in `provider/sql/quote.ts`):
 * `set` becomes one `ALTER ... SET name = '<body>', ...`, `unset` one `ALTER ... UNSET name, ...`.
 */
export function keySlotAssignments(
  plan: KeySlotPlan,
  slots: Pick<KeySlotSpec, "slot1" | "slot2">,
): { set: { name: string; body: string }[]; unset: string[] } {
  const n = (s: KeySlot) => (s === 1 ? slots.slot1.sql : slots.slot2.sql);
  return { set: plan.set.map((x) => ({ name: n(x.slot), body: x.body })), unset: plan.unset.map(n) };
}
