// The harness's late-rejection filter (test/helpers/late-rejections.ts). An abandoned deployment's RPC rejects with
// gRPC UNAVAILABLE while a later `up` runs. Through the real CLI, that `up` succeeds, and any other error still
// reaches every handler.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { createTestStack } from "../helpers/pulumi";
import { filtered, install, isAbandonedEngineError } from "../helpers/late-rejections";

function unavailable(): Error {
  // The shape @grpc/grpc-js gives a call whose channel never connected (a ServiceError: code 14).
  return Object.assign(new Error("14 UNAVAILABLE: No connection established. Last error: null. Resolution note: "), { code: 14 });
}

test("an abandoned deployment's UNAVAILABLE rejection during a later up does not fail that up", async () => {
  let rejected = 0;
  const program = async () => {
    // A rejection nobody handles, raised while this run's handlers are installed, as a stale RPC's would be.
    setImmediate(() => {
      rejected++;
      void Promise.reject(unavailable());
    });
    await new Promise((r) => setTimeout(r, 200));
    return { ok: true };
  };
  const s = await createTestStack({ name: "late-rejections", program });
  try {
    const r = await s.up(program);
    assert.equal(rejected, 1, "the program raised the rejection");
    assert.equal(r.outputs.ok.value, true);
    assert.equal(r.summary.result, "succeeded");
  } finally {
    await s.dispose();
  }
});

test("only abandoned-engine errors are dropped; every other reason reaches the listener", () => {
  const seen: unknown[] = [];
  const l = filtered((reason: unknown) => void seen.push(reason));
  l(unavailable());
  l(new Error("Resource monitor is terminating"));
  const other = Object.assign(new Error("14 UNAVAILABLE but no code"), {});
  const grpcOther = Object.assign(new Error("13 INTERNAL: boom"), { code: 13 });
  l(other);
  l(grpcOther);
  l("a string reason");
  assert.deepEqual(seen, [other, grpcOther, "a string reason"]);
  assert.equal(isAbandonedEngineError(undefined), false);
});

test("process.off(event, handler) still removes a handler the filter wrapped", () => {
  install();
  const h = () => undefined;
  const before = process.listenerCount("uncaughtException");
  process.on("uncaughtException", h);
  assert.equal(process.listenerCount("uncaughtException"), before + 1);
  process.off("uncaughtException", h);
  assert.equal(process.listenerCount("uncaughtException"), before);
});
