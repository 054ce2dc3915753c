/**
 * The slot planner, exhaustively: every current slot state over four keys (both slots ∈ {empty, A, B, C, D})
 * × every declaration (0–2 distinct keys, ordered, plus invalid ones) × every option combination.
 * Each plan is simulated statement by statement (SET, then UNSET) and checked against the invariants,
 * then re-planned from the final state (must be a no-op) and from the state between the two statements
 * (a crash mid-plan: must be allowed and converge).
 */
import { test, describe } from "node:test";
import * as assert from "node:assert/strict";
import { planKeySlots, checkKeyTransition, isPlanError, keySlotAssignments, KeySlotPlan } from "../../provider/keys/rotation";
import { USER_KEY_SLOTS } from "../../model/userRsaKeys";

type Slots = { slot1?: string; slot2?: string };
const FPS = ["A", "B", "C", "D"];
const body = (fp: string) => `body-${fp}`;
const fpOfBody = (b: string) => b.slice(5);

function slotStates(): Slots[] {
  const vals = [undefined, ...FPS];
  const out: Slots[] = [];
  for (const a of vals) for (const b of vals) out.push({ slot1: a, slot2: b });
  return out;
}

function declarations(): string[][] {
  const out: string[][] = [[]];
  for (const a of FPS) out.push([a]);
  for (const a of FPS) for (const b of FPS) if (a !== b) out.push([a, b]);
  return out;
}

function applySet(s: Slots, plan: KeySlotPlan): Slots {
  const n = { ...s };
  for (const x of plan.set) n[x.slot === 1 ? "slot1" : "slot2"] = fpOfBody(x.body);
  return n;
}
function applyUnset(s: Slots, plan: KeySlotPlan): Slots {
  const n = { ...s };
  for (const x of plan.unset) n[x === 1 ? "slot1" : "slot2"] = undefined;
  return n;
}
const keysIn = (s: Slots) => [s.slot1, s.slot2].filter((x): x is string => x !== undefined);
const show = (s: Slots) => `{1:${s.slot1 ?? "-"},2:${s.slot2 ?? "-"}}`;

describe("planKeySlots (exhaustive)", () => {
  const OPTS = [
    { allowReplacingAllKeys: false, slotsCannotBeUnset: false },
    { allowReplacingAllKeys: true, slotsCannotBeUnset: false },
    { allowReplacingAllKeys: false, slotsCannotBeUnset: true },
    { allowReplacingAllKeys: true, slotsCannotBeUnset: true },
  ];
  test("every current × declared × options combination keeps the invariants", () => {
    let cases = 0;
    let plans = 0;
    let refused = 0;
    for (const cur of slotStates()) {
      for (const decl of declarations()) {
        for (const opts of OPTS) {
          cases++;
          const ctx = `current ${show(cur)} declared [${decl}] opts ${JSON.stringify(opts)}`;
          const desired = decl.map((f) => ({ fingerprint: f, body: body(f) }));
          const plan = planKeySlots(cur, desired, opts);
          const registered = keysIn(cur);
          const shares = registered.some((f) => decl.includes(f));
          const mustRefuse = registered.length > 0 && !shares && !opts.allowReplacingAllKeys;
          if (isPlanError(plan)) {
            refused++;
            const emptyUnsettable = opts.slotsCannotBeUnset && decl.length === 0 && registered.length > 0;
            assert.ok(mustRefuse || emptyUnsettable, `unexpected refusal: ${ctx}: ${plan.error}`);
            if (mustRefuse) for (const f of new Set(registered)) assert.ok(plan.error.includes(f), `error names ${f}: ${ctx}`);
            continue;
          }
          plans++;
          assert.ok(!mustRefuse, `should have refused: ${ctx}`);
          // Shape: at most one SET per slot, UNSET slots never also SET, no UNSET when unsupported.
          assert.equal(new Set(plan.set.map((x) => x.slot)).size, plan.set.length, ctx);
          for (const u of plan.unset) assert.ok(!plan.set.some((x) => x.slot === u), ctx);
          if (opts.slotsCannotBeUnset) assert.deepEqual(plan.unset, [], ctx);
          // Only declared keys are ever written.
          for (const x of plan.set) assert.ok(decl.includes(fpOfBody(x.body)), ctx);
          const afterSet = applySet(cur, plan);
          const afterUnset = applyUnset(afterSet, plan);
          // UNSET only removes keys that are not declared (or duplicates of declared ones).
          for (const u of plan.unset) {
            const f = u === 1 ? afterSet.slot1 : afterSet.slot2;
            const other = u === 1 ? afterSet.slot2 : afterSet.slot1;
            assert.ok(f === undefined || !decl.includes(f) || f === other, `unset of a needed key: ${ctx}`);
          }
          // Never zero registered keys between statements (unless the declaration itself is empty).
          if (registered.length > 0) {
            assert.ok(keysIn(afterSet).length > 0, `zero keys after SET: ${ctx}`);
            if (decl.length > 0) assert.ok(keysIn(afterUnset).length > 0, `zero keys after UNSET: ${ctx}`);
          }
          // Registered declared keys never move: each stays in a slot it occupied, through both statements.
          for (const f of decl) {
            const slots = ([1, 2] as const).filter((s) => (s === 1 ? cur.slot1 : cur.slot2) === f);
            if (slots.length === 0) continue;
            const holds = (st: Slots) => slots.some((s) => (s === 1 ? st.slot1 : st.slot2) === f);
            assert.ok(holds(afterSet) && holds(afterUnset), `key ${f} moved: ${ctx}`);
            // Without UNSET, a kept key may be copied into the freed slot (a filler); otherwise it is never re-sent.
            if (!opts.slotsCannotBeUnset)
              for (const x of plan.set) assert.ok(fpOfBody(x.body) !== f, `registered key ${f} re-sent: ${ctx}`);
          }
          // Final state equals the declaration (as a set; duplicates only where slots cannot be unset).
          assert.deepEqual(new Set(keysIn(afterUnset)), new Set(decl), `final ${show(afterUnset)}: ${ctx}`);
          if (!opts.slotsCannotBeUnset) assert.equal(keysIn(afterUnset).length, decl.length, `duplicate left: ${ctx}`);
          // Idempotent: planning again from the final state sends nothing.
          const again = planKeySlots(afterUnset, desired, opts);
          assert.ok(!isPlanError(again) && again.set.length === 0 && again.unset.length === 0, `not idempotent: ${ctx}`);
          // Crash between SET and UNSET: re-planning is allowed (no opt-in needed), converges, never zero.
          const resume = planKeySlots(afterSet, desired, { ...opts, allowReplacingAllKeys: false });
          if (decl.length > 0 && keysIn(afterSet).length > 0) {
            assert.ok(!isPlanError(resume), `resume refused: ${ctx}: ${isPlanError(resume) ? resume.error : ""}`);
            const r1 = applySet(afterSet, resume);
            const r2 = applyUnset(r1, resume);
            assert.ok(keysIn(r1).length > 0 && keysIn(r2).length > 0, `resume hits zero: ${ctx}`);
            assert.deepEqual(new Set(keysIn(r2)), new Set(decl), `resume does not converge: ${ctx}`);
          }
          // Minimality: nothing to do exactly when the slots already hold the declaration without extras.
          const already =
            new Set(keysIn(cur)).size === decl.length &&
            decl.every((f) => keysIn(cur).includes(f)) &&
            (opts.slotsCannotBeUnset || keysIn(cur).length === decl.length);
          assert.equal(plan.set.length === 0 && plan.unset.length === 0, already, `minimality: ${ctx}`);
        }
      }
    }
    assert.equal(cases, 25 * 17 * 4);
    console.log(`planKeySlots: ${cases} cases, ${plans} plans, ${refused} refusals`);
  });

  test("invalid declarations: more than two keys, the same key twice", () => {
    const k = (f: string) => ({ fingerprint: f, body: body(f) });
    const three = planKeySlots({}, [k("A"), k("B"), k("C")], {});
    assert.ok(isPlanError(three) && /at most two/.test(three.error));
    const dup = planKeySlots({ slot1: "A" }, [k("A"), k("A")], {});
    assert.ok(isPlanError(dup) && /twice/.test(dup.error));
  });

  test("the three-step rotation, statement by statement", () => {
    const k = (f: string) => ({ fingerprint: f, body: body(f) });
    // Create: one key.
    assert.deepEqual(planKeySlots({}, [k("OLD")], {}), { set: [{ slot: 1, body: "body-OLD" }], unset: [] });
    // Step 1: add the new key → free slot 2; old key untouched.
    assert.deepEqual(planKeySlots({ slot1: "OLD" }, [k("OLD"), k("NEW")], {}), { set: [{ slot: 2, body: "body-NEW" }], unset: [] });
    // Declaration order does not move keys.
    assert.deepEqual(planKeySlots({ slot1: "OLD" }, [k("NEW"), k("OLD")], {}), { set: [{ slot: 2, body: "body-NEW" }], unset: [] });
    // Step 3: remove the old key → UNSET slot 1 only; the new key stays in slot 2.
    assert.deepEqual(planKeySlots({ slot1: "OLD", slot2: "NEW" }, [k("NEW")], {}), { set: [], unset: [1] });
    // Next rotation: the newer key goes into the now-free slot 1.
    assert.deepEqual(planKeySlots({ slot2: "NEW" }, [k("NEW"), k("NEWER")], {}), { set: [{ slot: 1, body: "body-NEWER" }], unset: [] });
    // Replace-all in one step is refused without the opt-in, names both keys, and works with it (free slot first).
    const refused = planKeySlots({ slot1: "OLD" }, [k("NEW")], {});
    assert.ok(isPlanError(refused) && refused.error.includes("OLD") && refused.error.includes("NEW"));
    assert.deepEqual(planKeySlots({ slot1: "OLD" }, [k("NEW")], { allowReplacingAllKeys: true }), {
      set: [{ slot: 2, body: "body-NEW" }],
      unset: [1],
    });
    // Swap one of two keys: overwrite the leaving key's slot in the SET, keep the other.
    assert.deepEqual(planKeySlots({ slot1: "A", slot2: "B" }, [k("A"), k("C")], {}), { set: [{ slot: 2, body: "body-C" }], unset: [] });
  });

  test("drift repair: unknown key removed, missing key re-added, duplicate cleared", () => {
    const k = (f: string) => ({ fingerprint: f, body: body(f) });
    assert.deepEqual(planKeySlots({ slot1: "A", slot2: "X" }, [k("A")], {}), { set: [], unset: [2] });
    assert.deepEqual(planKeySlots({ slot2: "B" }, [k("A"), k("B")], {}), { set: [{ slot: 1, body: "body-A" }], unset: [] });
    assert.deepEqual(planKeySlots({ slot1: "A", slot2: "A" }, [k("A")], {}), { set: [], unset: [2] });
    assert.deepEqual(planKeySlots({ slot1: "A", slot2: "A" }, [k("A")], { slotsCannotBeUnset: true }), { set: [], unset: [] });
    // External OAuth (no UNSET): removing the old key overwrites its slot with the kept key.
    assert.deepEqual(planKeySlots({ slot1: "OLD", slot2: "NEW" }, [k("NEW")], { slotsCannotBeUnset: true }), {
      set: [{ slot: 1, body: "body-NEW" }],
      unset: [],
    });
  });

  test("keySlotAssignments names the properties", () => {
    const a = keySlotAssignments({ set: [{ slot: 2, body: "b" }], unset: [1] }, USER_KEY_SLOTS);
    assert.deepEqual(a, { set: [{ name: "RSA_PUBLIC_KEY_2", body: "b" }], unset: ["RSA_PUBLIC_KEY"] });
  });
});

describe("checkKeyTransition", () => {
  test("allows create, add, remove-one, and refuses replace-all without opt-in", () => {
    assert.equal(checkKeyTransition(undefined, ["A"], false), undefined);
    assert.equal(checkKeyTransition(["A"], ["A", "B"], false), undefined);
    assert.equal(checkKeyTransition(["A", "B"], ["B"], false), undefined);
    assert.equal(checkKeyTransition(["A", "B"], ["B", "C"], false), undefined);
    const r = checkKeyTransition(["A"], ["B"], false);
    assert.ok(r && r.includes("A") && r.includes("B") && /allowReplacingAllKeys/.test(r));
    assert.equal(checkKeyTransition(["A"], ["B"], true), undefined);
    assert.ok(checkKeyTransition(["A", "B"], ["C", "D"], undefined));
  });
  test("validates the declaration", () => {
    assert.match(checkKeyTransition(undefined, [], false)!, /at least one/);
    assert.equal(checkKeyTransition(undefined, [], false, { allowEmpty: true }), undefined);
    assert.match(checkKeyTransition(undefined, ["A", "A"], false)!, /twice/);
    assert.match(checkKeyTransition(undefined, ["A", "B", "C"], false)!, /at most two/);
  });
});
