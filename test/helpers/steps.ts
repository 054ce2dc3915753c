/**
 * Named steps of one life cycle, for use inside a `describe` whose steps share a stack. node:test runs the tests of
 * a `describe` one after another, so each step sees the state the previous ones left; each is its own test, so a
 * failure names its step. A step after a failed one would fail for a reason that is not its own (the stack is not
 * where it expects), so it is skipped instead, and its skip message names the step that failed.
 */
import { it } from "node:test";

export type Step = (name: string, fn: () => Promise<void>) => void;

export function steps(): Step {
  let failed: string | undefined;
  let n = 0;
  return (name, fn) => {
    const label = `${String(++n).padStart(2, "0")} ${name}`;
    it(label, async (t) => {
      if (failed !== undefined) {
        t.skip(`depends on step "${failed}", which failed`);
        return;
      }
      try {
        await fn();
      } catch (e) {
        failed = label;
        throw e;
      }
    });
  };
}
