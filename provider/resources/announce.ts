/**
 * What a reviewer sees at preview beside Pulumi's input diff: for each object whose plan is not empty, the properties
 * that drifted (Snowflake differs from the program although the program did not change them) and the exact
 * statements `up` will send, in order. The dynamic-provider protocol carries no detailed diff
 * (`@pulumi/pulumi/cmd/dynamic-provider` drops it), so this goes to the engine as a diagnostic.
 * Long key literals are shortened; no statement of a plan carries a secret (client secrets are never sent).
 * @internal
 */
import { isDeepStrictEqual } from "node:util";
import type { Step } from "../engine/plan";
import { logToEngine } from "../connection/engine-log";
import type { Inputs, KindHooks, Outputs } from "./hooks";

/** Statement text for display: a long base64 literal (an RSA public key) becomes `'<key: N chars>'`. */
export function displaySql(sql: string): string {
  return sql.replace(/'([A-Za-z0-9+/=]{80,})'/g, (_m, b64: string) => `'<key: ${b64.length} chars>'`);
}

/** Arguments whose change in the plan is drift: declared the same as at the last apply. */
export function driftedArgs(steps: readonly Step[], olds: Outputs, news: Inputs): string[] {
  const changed = new Set<string>();
  for (const s of steps) if (s.op === "set" || s.op === "unset" || s.op === "replace") for (const p of s.props) changed.add(p.replace(/\[.*$/, ""));
  return [...changed].filter((arg) => isDeepStrictEqual(olds[arg] ?? null, news[arg] ?? null));
}

export function planLines(hooks: KindHooks, storedName: string, steps: readonly Step[], olds: Outputs, news: Inputs): string[] {
  if (steps.length === 0) return [];
  const head = `${hooks.spec.resource} ${storedName}`;
  const drifted = driftedArgs(steps, olds, news).map((a) => `${a} (${hooks.spec.table[a]?.sql ?? a})`);
  const lines: string[] = [];
  if (drifted.length) lines.push(`${head}: drifted in Snowflake: ${drifted.join(", ")}`);
  for (const s of steps) {
    if (s.op === "replace") lines.push(`${head}: replace (${s.props.join(", ")} cannot be altered)`);
    else lines.push(`${head}: up will send: ${displaySql(s.sql)}`);
  }
  return lines;
}

export async function announcePlan(hooks: KindHooks, storedName: string, steps: readonly Step[], olds: Outputs, news: Inputs): Promise<void> {
  const lines = planLines(hooks, storedName, steps, olds, news);
  if (lines.length) await logToEngine("info", lines.join("\n"));
}
