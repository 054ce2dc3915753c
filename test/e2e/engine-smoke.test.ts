// The harness itself: the real CLI runs an inline program whose dynamic resource is served by
// @pulumi/pulumi's dynamic provider process, offline, and the state comes back through export.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { createTestStack } from "../helpers/pulumi";

const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: any) {
    return { id: `id-${inputs.value}`, outs: { value: inputs.value, doubled: inputs.value * 2 } };
  },
  async update(_id: string, _olds: any, news: any) {
    return { outs: { value: news.value, doubled: news.value * 2 } };
  },
};

class Smoke extends pulumi.dynamic.Resource {
  declare readonly doubled: pulumi.Output<number>;
  constructor(name: string, value: number) {
    super(provider, name, { value, doubled: undefined }, {}, "test", "Smoke");
  }
}

test("the real Pulumi CLI runs a dynamic resource offline: up, no-op up, update, destroy", async () => {
  let value = 21;
  const program = async () => {
    const r = new Smoke("smoke", value);
    return { doubled: r.doubled };
  };
  const s = await createTestStack({ name: "engine-smoke", program });
  try {
    const first = await s.up(program);
    assert.equal(first.outputs.doubled.value, 42);
    assert.equal(first.summary.resourceChanges?.create, 2); // stack + resource
    const again = await s.up(program);
    assert.equal(again.summary.resourceChanges?.same, 2);
    value = 5;
    const changed = await s.up(program);
    assert.equal(changed.outputs.doubled.value, 10);
    assert.equal(changed.summary.resourceChanges?.update, 1);
    const state = await s.exportDeployment();
    const res = (state.deployment.resources as any[]).find((r) => r.type === "pulumi-nodejs:dynamic/test:Smoke");
    assert.ok(res, "resource with the explicit type token is in state");
    await s.destroy();
  } finally {
    await s.dispose();
  }
});
