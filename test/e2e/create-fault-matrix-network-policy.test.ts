// Create/delete fault matrix (issue 10 "Creates and deletes under faults"; issue 15) of a NetworkPolicy: create and
// delete, each statement hit by every fault mode (see create-fault-matrix-oauth.test.ts and
// test/helpers/create-fault-matrix.ts). One subject per file: each matrix runs in a process of its own.
import { withEmulator } from "../helpers/emulator";
import { test } from "node:test";
import { assertCfm, networkPolicySubject, runCreateFaultMatrix } from "../helpers/create-fault-matrix";

test("create/delete fault matrix: NetworkPolicy create, delete", { timeout: 600_000 }, async () => {
  await withEmulator(async (emu) => assertCfm(await runCreateFaultMatrix(emu, networkPolicySubject())));
});
