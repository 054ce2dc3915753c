/**
 * What a reviewer sees at preview beside Pulumi's input diff: for each object whose plan is not empty, the properties
 * that drifted (Snowflake differs from the program although the program did not change them) and the exact
 * statements `up` will send, in order. The dynamic-provider protocol carries no detailed diff
 * (`@pulumi/pulumi/cmd/dynamic-provider` passes only id, olds and news), so this goes to the engine as a diagnostic
 * attached to the resource (its URN comes as the `__urn` input, sdk/internal/resource.ts, or from the plugin's
 * request) and, when `SNOWFLAKE_OAUTH_PLAN=<file>` is set, to that file as one JSON object per line
 * (`{urn, type, kind, object, statements, replaces, drifted}`; `type` is the type token, `object` the stored name).
 * Creates are announced by `check` (the engine calls no `diff` for a new resource); a replacement is announced as its
 * DROP and CREATE, in the order the engine runs them (DROP first when the name stays and names are unique). Deletes
 * are not announced here: the engine asks the provider nothing about them before it runs them;
 * `snowflake-oauth-plan-deletes` (preview-deletes.ts) adds them from the engine's own preview output. Long key literals are shortened; no planned statement carries a secret
 * (client secrets are never sent).
 * @internal
 */
import * as fs from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { typeToken } from "../../model/resource";
import { buildDrop, type Step } from "../engine/plan";
import { currentUrn, engineAddress, logToEngine, parseUrn } from "../connection/engine-log";
import { redactFragments } from "../sql/quote";
import type { Inputs, KindHooks, Outputs } from "./hooks";

/** Statement text for display: a long base64 literal (an RSA public key) becomes `'<key: N chars>'`. */
export function displaySql(sql: string): string {
  return sql.replace(/'([A-Za-z0-9+/=]{80,})'/g, (_m, b64: string) => `'<key: ${b64.length} chars>'`);
}

/** The one line format of a planned statement, which reviewers and tests read: `<head>: up will send: <sql>`. */
export function willSend(head: string, sql: string): string {
  return `${head}: up will send: ${sql}`;
}

/** Arguments whose change in the plan is drift: declared the same as at the last apply. */
export function driftedArgs(steps: readonly Step[], olds: Outputs, news: Inputs): string[] {
  const changed = new Set<string>();
  for (const s of steps)
    if (s.op === "set" || s.op === "unset" || s.op === "replace") for (const p of s.props) changed.add(p.replace(/\[.*$/, ""));
  return [...changed].filter((arg) => isDeepStrictEqual(olds[arg] ?? null, news[arg] ?? null));
}

/** One object's announcement. */
export interface Announcement {
  readonly statements: readonly string[];
  readonly replaces: boolean;
  readonly drifted: readonly string[];
}

/** The statements of a plan; a replacement becomes its DROP (names unique) and `createSql`. */
export function announcementOf(
  hooks: KindHooks,
  storedName: string,
  steps: readonly Step[],
  olds: Outputs,
  news: Inputs,
  createSql?: string,
): Announcement {
  const statements: string[] = [];
  let replaces = false;
  for (const s of steps) {
    if (s.op === "replace") {
      replaces = true;
      // Delete before replace (same name): DROP, then CREATE. Otherwise (a new name) the engine creates the new
      // object first and drops the old one at the end of the run.
      if (s.deleteBeforeReplace) statements.push(buildDrop(hooks.spec, storedName));
      if (createSql) statements.push(createSql);
      if (!s.deleteBeforeReplace) statements.push(buildDrop(hooks.spec, storedName));
    } else statements.push(s.sql);
  }
  return { statements, replaces, drifted: driftedArgs(steps, olds, news) };
}

export function planLines(hooks: KindHooks, storedName: string, a: Announcement): string[] {
  if (a.statements.length === 0 && !a.replaces) return [];
  const head = `${hooks.spec.resource} ${storedName}`;
  const lines: string[] = [];
  if (a.drifted.length)
    lines.push(
      `${head}: drifted in Snowflake: ${a.drifted.map((d) => `${d} (${d === "tags" ? "TAG" : (hooks.spec.table[d]?.sql ?? d)})`).join(", ")}`,
    );
  if (a.replaces) lines.push(`${head}: replaced (a property that cannot be altered changed)`);
  for (const sql of a.statements) lines.push(willSend(head, displaySql(sql)));
  return lines;
}

/** The plan file this process has started (startPlanFile). */
let startedFile: string | undefined;

/**
 * Empties `SNOWFLAKE_OAUTH_PLAN` once per run: at `configure`, so that a run which plans nothing leaves it empty rather
 * than holding an earlier run's plan (which the policy pack would judge again), and at the latest before the first
 * entry. Every provider process of one run (the dynamic provider, each plugin instance) knows the same engine address,
 * which `<file>.run` records, so a second process of the run does not erase the first one's entries.
 */
export function startPlanFile(): void {
  const file = process.env.SNOWFLAKE_OAUTH_PLAN;
  if (!file || startedFile === file) return;
  startedFile = file;
  const run = engineAddress() ?? `pid ${process.pid}`;
  try {
    if (fs.existsSync(file) && fs.readFileSync(`${file}.run`, "utf8") === run) return;
  } catch {
    /* no run recorded yet */
  }
  try {
    fs.writeFileSync(`${file}.run`, run);
    fs.writeFileSync(file, "");
  } catch {
    /* the plan file must never fail a deployment */
  }
}

function record(hooks: KindHooks, storedName: string, a: Announcement): void {
  const file = process.env.SNOWFLAKE_OAUTH_PLAN;
  if (!file) return;
  startPlanFile();
  const urn = currentUrn();
  appendPlanEntry(file, {
    ...(urn ? { urn } : {}),
    // The plugin's calls carry the URN (and so the plugin's token); a dynamic provider's do not.
    type: urn ? parseUrn(urn).type : typeToken(hooks.model),
    kind: hooks.discriminator,
    object: storedName,
    statements: a.statements.map(displaySql),
    replaces: a.replaces,
    drifted: [...a.drifted],
  });
}

/** One line of the plan file. `deletes` marks an entry added by `snowflake-oauth-plan-deletes`. */
export interface PlanEntry {
  urn?: string;
  type: string;
  kind: string;
  object: string;
  statements: string[];
  replaces: boolean;
  drifted: string[];
  deletes?: true;
}

/** Appends one entry; the plan file must never fail a deployment. */
export function appendPlanEntry(file: string, entry: PlanEntry): void {
  try {
    fs.appendFileSync(file, JSON.stringify(entry) + "\n");
  } catch {
    /* best effort */
  }
}

/** What this process announced already: the engine checks a replacement twice (with and without old inputs). */
const announced = new Set<string>();

export async function announce(hooks: KindHooks, storedName: string, plain: Announcement, redact: readonly string[] = []): Promise<void> {
  // Secret input values never reach the CLI or the plan file.
  const a = redact.length ? { ...plain, statements: plain.statements.map((x) => redactFragments(x, redact)) } : plain;
  const lines = planLines(hooks, storedName, a);
  if (lines.length === 0) return;
  // By statement alone (it names its object): a replacement under a new name is announced by the diff of the old name
  // and checked again as a create of the new one.
  if (a.statements.length && a.statements.every((sql) => announced.has(`${hooks.spec.resource}:${sql}`))) return;
  for (const sql of a.statements) announced.add(`${hooks.spec.resource}:${sql}`);

  record(hooks, storedName, a);
  await logToEngine("info", lines.join("\n"));
}
