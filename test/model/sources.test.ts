// Every value, default and range of the model says where it comes from: the docs, a live-account assertion
// (the Terraform provider's tests, named by repository and path), or "unsourced".
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { RESOURCES } from "../../model/index";

const cites = (s: string) => /\bdocs\b/.test(s) || /Snowflake-Labs\/terraform-provider-snowflake pkg\//.test(s) || /\bunsourced\b/.test(s);

test("every default and range of every model property cites its source", () => {
  let n = 0;
  for (const m of RESOURCES) {
    for (const [arg, p] of Object.entries(m.object?.table ?? {})) {
      assert.match(p.docs, /^https:\/\/docs\.snowflake\.com\//, `${m.className}.${arg} links its docs page`);
      const sources = [p.default?.source, p.range?.source, ...Object.values(p.rangeByKind ?? {}).map((r) => r.source)].filter(
        (x): x is string => x !== undefined,
      );
      for (const s of sources) {
        n++;
        assert.ok(cites(s), `${m.className}.${arg}: source "${s}" names docs, a live test (repository and path) or says unsourced`);
        if (/\blive:/.test(s) && !/terraform-provider-snowflake/.test(s)) {
          // a live claim without a path must belong to a sentence that also cites the page or a named test
          assert.ok(/TF (testint|testacc)/.test(s), `${m.className}.${arg}: live claim "${s}" names its test`);
        }
      }
    }
  }
  assert.ok(n > 40, `checked ${n} sources`);
});

test("every default lies inside its range and its enum, for every sub-kind", () => {
  for (const m of RESOURCES) {
    for (const [arg, p] of Object.entries(m.object?.table ?? {})) {
      const v = p.default?.value;
      if (typeof v === "number") {
        for (const r of [p.range, ...Object.values(p.rangeByKind ?? {})])
          if (r) assert.ok(v >= r.min && v <= r.max, `${m.className}.${arg}: default ${v} in ${r.min}–${r.max}`);
      }
      if (p.kind === "enum" && typeof v === "string")
        assert.ok(p.values!.includes(v), `${m.className}.${arg}: default ${v} is one of its values`);
    }
  }
});
