/**
 * Implementation of `OAuthAccountParameters`: the two privileged-role account parameters (model
 * `model/oauthAccountParameters.ts`). Every diff and apply reads `SHOW PARAMETERS LIKE '<name>' IN ACCOUNT`; a declared
 * value is also handed to the session, so the integrations' blocked-role checks in the same deployment use it.
 * @internal
 */
import type * as pulumi from "@pulumi/pulumi";
import { OAUTH_ACCOUNT_PARAMETERS, OAUTH_ACCOUNT_PARAMETER_NAMES } from "../../model/oauthAccountParameters";
import { isUnknown } from "../../model/unknown";
import { checkMetaInputs, presentFailures } from "../engine/meta-check";
import { sessionRunner, type SqlRunner } from "../connection/runner";
import { likeLiteral } from "../sql/quote";
import { tellEngine } from "../connection/engine-log";
import { willSend } from "../resources/announce";

type Input = keyof typeof OAUTH_ACCOUNT_PARAMETER_NAMES;
export type OAuthParametersInputs = Partial<Record<Input, boolean>>;
export interface OAuthParametersOutputs extends OAuthParametersInputs {
  managed: string[];
  alreadySet?: string[];
}

const MODEL = OAUTH_ACCOUNT_PARAMETERS;
const INPUTS = Object.keys(OAUTH_ACCOUNT_PARAMETER_NAMES) as Input[];

/** Declared (input, SQL name, value), in statement order. */
function declared(i: OAuthParametersInputs): { input: Input; sql: string; value: boolean }[] {
  return INPUTS.filter((k) => typeof i[k] === "boolean").map((k) => ({ input: k, sql: OAUTH_ACCOUNT_PARAMETER_NAMES[k], value: i[k]! }));
}

/** The live value and whether it is set at the account (level ACCOUNT) rather than Snowflake's default. */
async function live(runner: SqlRunner, sql: string): Promise<{ value: boolean; set: boolean }> {
  const rows = await runner.run(`SHOW PARAMETERS LIKE ${likeLiteral(sql)} IN ACCOUNT`, true);
  const row = rows.find((r) => String(r.key ?? "").toUpperCase() === sql);
  return { value: String(row?.value ?? "true").toLowerCase() === "true", set: String(row?.level ?? "").toUpperCase() === "ACCOUNT" };
}

/** The one SET that converges the account, or undefined. */
async function planSet(runner: SqlRunner, i: OAuthParametersInputs): Promise<{ sql?: string; drifted: Input[] }> {
  const parts: string[] = [];
  const drifted: Input[] = [];
  for (const d of declared(i)) {
    const l = await live(runner, d.sql);
    // Set explicitly even when the default already matches: the account then holds the declared value for good.
    if (l.value !== d.value || !l.set) {
      parts.push(`${d.sql} = ${d.value ? "TRUE" : "FALSE"}`);
      drifted.push(d.input);
    }
  }
  return { sql: parts.length ? `ALTER ACCOUNT SET ${parts.join(" ")}` : undefined, drifted };
}

const tell = (lines: string[]) => tellEngine("info", lines);

let declaredOnce: string | undefined;

export async function check(_olds: unknown, news: OAuthParametersInputs & {}): Promise<pulumi.dynamic.CheckResult> {
  const failures = checkMetaInputs(MODEL, news as Record<string, unknown>);
  const inputs = { ...news, kind: MODEL.kind };
  if (failures.length === 0 && INPUTS.every((k) => !isUnknown(news[k]))) {
    const key = JSON.stringify(declared(news));
    if (declaredOnce !== undefined && declaredOnce !== key)
      failures.push({ property: "", reason: "OAuthAccountParameters: the program declares it twice; the account has one value of each." });
    declaredOnce = key;
    const { declareAccountParameter } = require("../connection/session") as typeof import("../connection/session");
    for (const d of declared(news)) declareAccountParameter(d.sql, d.value);
  }
  return failures.length ? { inputs, failures: presentFailures(MODEL, failures) } : { inputs };
}

export async function diff(
  _id: string,
  olds: OAuthParametersOutputs,
  news: OAuthParametersInputs,
  runner: SqlRunner = sessionRunner(),
): Promise<pulumi.dynamic.DiffResult> {
  if (INPUTS.some((k) => isUnknown(news[k]))) return { changes: true };
  const { sql, drifted } = await planSet(runner, news);
  const head = "OAuthAccountParameters ACCOUNT";
  const lines: string[] = [];
  const driftedNow = drifted.filter((k) => olds[k] === news[k]);
  if (driftedNow.length)
    lines.push(`${head}: drifted in Snowflake: ${driftedNow.map((k) => `${k} (${OAUTH_ACCOUNT_PARAMETER_NAMES[k]})`).join(", ")}`);
  if (sql) lines.push(willSend(head, sql));
  await tell(lines);
  const managedChanged = JSON.stringify(declared(olds).map((d) => d.sql)) !== JSON.stringify(declared(news).map((d) => d.sql));
  return { changes: sql !== undefined || managedChanged };
}

async function apply(runner: SqlRunner, news: OAuthParametersInputs, olds?: OAuthParametersOutputs): Promise<OAuthParametersOutputs> {
  // A parameter already holding the declared value at account level when it comes under management was set by
  // someone else: remembered, so delete leaves it. One this resource sets (now or later) is its own.
  const before = new Set(olds?.alreadySet ?? []);
  const alreadySet: string[] = [];
  for (const d of declared(news)) {
    const wasManaged = olds !== undefined && declared(olds).some((o) => o.sql === d.sql && o.value === d.value);
    if (wasManaged ? before.has(d.sql) : await heldByHand(runner, d)) alreadySet.push(d.sql);
  }
  const { sql, drifted } = await planSet(runner, news);
  if (sql) await runner.run(sql, true);
  // A parameter no longer declared goes back to unmanaged: unset it if it still holds what this resource set.
  if (olds) await unsetOurs(runner, olds, new Set(declared(news).map((d) => d.sql)));
  const set = new Set<string>(drifted.map((k) => OAUTH_ACCOUNT_PARAMETER_NAMES[k]));
  return { ...news, managed: declared(news).map((d) => d.sql), alreadySet: alreadySet.filter((k) => !set.has(k)) };
}

async function heldByHand(runner: SqlRunner, d: { sql: string; value: boolean }): Promise<boolean> {
  const l = await live(runner, d.sql);
  return l.set && l.value === d.value;
}

async function unsetOurs(runner: SqlRunner, props: OAuthParametersOutputs, keep: ReadonlySet<string>): Promise<void> {
  const names: string[] = [];
  const notOurs = new Set(props.alreadySet ?? []);
  for (const d of declared(props)) {
    if (keep.has(d.sql) || notOurs.has(d.sql)) continue;
    const l = await live(runner, d.sql);
    if (l.set && l.value === d.value) names.push(d.sql);
  }
  if (names.length) await runner.run(`ALTER ACCOUNT UNSET ${names.join(", ")}`, true);
}

export async function create(inputs: OAuthParametersInputs, runner: SqlRunner = sessionRunner()): Promise<pulumi.dynamic.CreateResult> {
  return { id: "ACCOUNT", outs: await apply(runner, inputs) };
}

export async function update(
  _id: string,
  olds: OAuthParametersOutputs,
  news: OAuthParametersInputs,
  runner: SqlRunner = sessionRunner(),
): Promise<pulumi.dynamic.UpdateResult> {
  return { outs: await apply(runner, news, olds) };
}

/** Refresh: the live values of the managed parameters. */
export async function read(
  id: string,
  props: OAuthParametersOutputs,
  runner: SqlRunner = sessionRunner(),
): Promise<pulumi.dynamic.ReadResult> {
  const next: OAuthParametersOutputs = { ...props };
  for (const d of declared(props)) next[d.input] = (await live(runner, d.sql)).value;
  return { id, props: next };
}

export async function remove(_id: string, props: OAuthParametersOutputs, runner: SqlRunner = sessionRunner()): Promise<void> {
  await unsetOurs(runner, props, new Set());
}
