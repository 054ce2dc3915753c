// Fault matrix for the key slots of a custom-client OAuth integration: every statement of every rotation step
// fails, or the provider process is killed before it runs / after it committed; the next `up` must converge with no
// zero-key instant.
import { withEmulator } from "../helpers/emulator";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { assertFullMatrix, runFaultMatrix } from "../helpers/rotation-e2e";

test("fault matrix: oauth integration key slots", { timeout: 1_200_000 }, async () => {
  await withEmulator(async (emu) => {
    const r = await runFaultMatrix(emu, "oauth");
    assertFullMatrix(r);
    assert.deepEqual(
      r.cases.filter((c) => !c.trapFired),
      [],
      "every armed statement was hit",
    );
    assert.deepEqual(
      r.cases.filter((c) => !c.firstUpFailed),
      [],
      "every injected fault made its `up` fail",
    );
    assert.deepEqual(
      r.cases.filter((c) => !c.converged),
      [],
      "every case converges",
    );
    assert.equal(
      r.cases.reduce((n, c) => n + c.lockouts, 0),
      0,
      "no zero-key instant",
    );
  });
});
