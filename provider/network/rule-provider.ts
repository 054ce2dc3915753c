/**
 * Implementation of `NetworkRule` (model `model/networkRule.ts`). Every diff, create and update reads `DESCRIBE NETWORK
 * RULE` (one row: type, mode, value_list comma-joined, comment), so a value list or comment changed by hand shows at
 * preview and is repaired by one `ALTER NETWORK RULE … SET` (and `UNSET COMMENT`). A declaration is also handed to the
 * lockout guard (`policy-content.ts`), which judges the policies of the same program by it.
 * @internal
 */
import { isIPv4, isIPv6 } from "node:net";
import type * as pulumi from "@pulumi/pulumi";
import { NETWORK_RULE, NETWORK_RULE_MODE_TYPES, NETWORK_RULE_TYPE_MODE } from "../../model/networkRule";
import { isUnknown } from "../../model/unknown";
import type { Failure } from "../../model/types";
import { checkMetaInputs, presentFailures } from "../engine/meta-check";
import { sessionRunner, type SqlRunner } from "../connection/runner";
import { isAlreadyExists, isStillAttached, stillAttachedReason } from "../sql/errors";
import { Ident, identifierProblem, qualifiedToSql, stringLiteral } from "../sql/quote";
import { declareRule } from "./policy-content";
import { describeRule as describe, sortedSet, type Live } from "./rule-describe";
import { guardRuleChange } from "./lockout-guard";
import { tellEngine } from "../connection/engine-log";
import { RECOVERY_WINDOW_MS } from "../resources/evidence";
import { willSend } from "../resources/announce";

export interface RuleInputs {
  database: string;
  schema: string;
  name: string;
  type: string;
  mode?: string;
  valueList: string[];
  comment?: string;
  allowLockout?: boolean;
}
export interface RuleOutputs extends RuleInputs {
  qualifiedName: string;
  owner: string;
}

const MODEL = NETWORK_RULE;

function qualified(i: Pick<RuleInputs, "database" | "schema" | "name">): string {
  return qualifiedToSql([Ident.parse(i.database), Ident.parse(i.schema), Ident.parse(i.name)]);
}

/** Value rules of the CREATE NETWORK RULE page, per TYPE (the others are identifiers Snowflake checks itself). */
function valueProblem(type: string, v: string): string | undefined {
  const [addr, bits, extra] = v.trim().split("/");
  if (type === "IPV4") {
    const ok = extra === undefined && isIPv4(addr) && (bits === undefined || (/^\d{1,2}$/.test(bits) && Number(bits) <= 32));
    return ok ? undefined : `${v} is not an IPv4 address or CIDR range`;
  }
  if (type === "IPV6") {
    const ok = extra === undefined && isIPv6(addr) && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= 128));
    return ok ? undefined : `${v} is not an IPv6 address or CIDR range`;
  }
  if (type === "HOST_PORT" || type === "PRIVATE_HOST_PORT") {
    const m = /^([^:\s]+)(?::(\d+)(?:-(\d+))?)?$/.exec(v.trim());
    if (!m) return `${v} is not domain[:port]`;
    for (const p of [m[2], m[3]]) if (p !== undefined && Number(p) > 65535) return `${v}: a port is at most 65535`;
  }
  return undefined;
}

function ruleFailures(i: RuleInputs): Failure[] {
  const out: Failure[] = [];
  const type = String(i.type).toUpperCase();
  const mode = String(i.mode ?? "INGRESS").toUpperCase();
  const onlyMode = NETWORK_RULE_TYPE_MODE[type];
  if (onlyMode && mode !== onlyMode)
    out.push({ property: "mode", reason: `a ${type} rule needs MODE = ${onlyMode} (CREATE NETWORK RULE page), got ${mode}.` });
  const types = NETWORK_RULE_MODE_TYPES[mode];
  if (types && !types.includes(type))
    out.push({ property: "type", reason: `MODE = ${mode} needs TYPE = ${types.join(" or ")} (CREATE NETWORK RULE page), got ${type}.` });
  if (isUnknown(i.valueList)) return out; // judged at up, when it is known
  if (!Array.isArray(i.valueList)) return [...out, { property: "valueList", reason: "must be a list of strings." }];
  if (type === "PRIVATE_HOST_PORT" && i.valueList.length !== 1)
    out.push({ property: "valueList", reason: "a PRIVATE_HOST_PORT rule takes one domain (CREATE NETWORK RULE page)." });
  i.valueList.forEach((v, n) => {
    if (isUnknown(v)) return;
    const why = typeof v === "string" ? valueProblem(type, v) : "must be a string";
    if (why) out.push({ property: "valueList", reason: `entry ${n + 1}: ${why}.` });
  });
  return out;
}

export async function check(_olds: unknown, news: RuleInputs): Promise<pulumi.dynamic.CheckResult> {
  const failures: Failure[] = checkMetaInputs(MODEL, news as unknown as Record<string, unknown>, { required: true });
  for (const f of ["database", "schema", "name"] as const) {
    const v = news[f];
    if (typeof v !== "string" || isUnknown(v) || failures.some((x) => x.property === f)) continue;
    const why = identifierProblem(v);
    if (why) failures.push({ property: f, reason: `${f} ${why}.` });
  }
  const known = [news.database, news.schema, news.name, news.type, news.mode].every((v) => !isUnknown(v));
  if (failures.length === 0 && known && typeof news.type === "string") failures.push(...ruleFailures(news));
  const inputs = {
    ...news,
    ...(typeof news.type === "string" && !isUnknown(news.type) ? { type: news.type.toUpperCase() } : {}),
    ...(typeof news.mode === "string" && !isUnknown(news.mode) ? { mode: news.mode.toUpperCase() } : {}),
    kind: MODEL.kind,
  };
  if (failures.length === 0 && known) {
    const values =
      Array.isArray(news.valueList) && !isUnknown(news.valueList) && !news.valueList.some(isUnknown) ? news.valueList : undefined;
    declareRule(
      qualified(news),
      values ? { name: qualified(news), type: inputs.type, mode: inputs.mode ?? "INGRESS", values: sortedSet(values) } : "unknown",
    );
  }
  return failures.length ? { inputs, failures: presentFailures(MODEL, failures) } : { inputs };
}

const listSql = (values: readonly string[]) => `(${values.map((v) => stringLiteral(v.trim())).join(", ")})`;

function createSql(i: RuleInputs): string {
  const comment = i.comment !== undefined && i.comment !== "" ? ` COMMENT = ${stringLiteral(i.comment)}` : "";
  return `CREATE NETWORK RULE ${qualified(i)} TYPE = ${i.type.toUpperCase()} VALUE_LIST = ${listSql(i.valueList)} MODE = ${(i.mode ?? "INGRESS").toUpperCase()}${comment}`;
}

/** The ALTERs that converge `live` to the declaration (TYPE and MODE are handled by replacement). */
function alterSql(i: RuleInputs, live: Live): { statements: string[]; drifted: string[] } {
  const q = qualified(i);
  const sets: string[] = [];
  const drifted: string[] = [];
  if (JSON.stringify(sortedSet(i.valueList)) !== JSON.stringify(live.values)) {
    sets.push(`VALUE_LIST = ${listSql(i.valueList)}`);
    drifted.push("valueList");
  }
  const comment = i.comment ?? "";
  const statements: string[] = [];
  if (comment !== live.comment) {
    drifted.push("comment");
    if (comment !== "") sets.push(`COMMENT = ${stringLiteral(comment)}`);
    else statements.push(`ALTER NETWORK RULE ${q} UNSET COMMENT`);
  }
  if (sets.length) statements.unshift(`ALTER NETWORK RULE ${q} SET ${sets.join(" ")}`);
  return { statements, drifted };
}

const tell = (lines: string[]) => tellEngine("info", lines);

export async function diff(
  _id: string,
  olds: RuleOutputs,
  news: RuleInputs,
  runner: SqlRunner = sessionRunner(),
): Promise<pulumi.dynamic.DiffResult> {
  const parts = [news.database, news.schema, news.name, news.type, news.mode];
  if (parts.some(isUnknown)) return { changes: true };
  const replaces = (["database", "schema", "name"] as const).filter((k) => Ident.parse(news[k]).name !== Ident.parse(olds[k]).name);
  if (replaces.length) return { changes: true, replaces, deleteBeforeReplace: false };
  const q = qualified(news);
  const live = await describe(runner, q);
  if (!live) return { changes: true, replaces: ["name"], deleteBeforeReplace: true };
  const typeMode = [
    ...(live.type !== news.type.toUpperCase() ? ["type"] : []),
    ...(live.mode !== (news.mode ?? "INGRESS").toUpperCase() ? ["mode"] : []),
  ];
  if (typeMode.length) {
    await tell([`NetworkRule ${q}: replaced (TYPE and MODE cannot be altered): DROP NETWORK RULE IF EXISTS ${q}; ${createSql(news)}`]);
    return { changes: true, replaces: typeMode, deleteBeforeReplace: true };
  }
  if (isUnknown(news.valueList) || news.valueList.some(isUnknown) || isUnknown(news.comment)) return { changes: true };
  const { statements, drifted } = alterSql(news, live);
  if (drifted.includes("valueList") && news.allowLockout !== true) {
    const why = await guardRuleChange(runner, q);
    if (why) throw new Error(`NetworkRule ${q}: ${why}`);
  }
  const byHand = drifted.filter(
    (f) =>
      JSON.stringify((olds as unknown as Record<string, unknown>)[f] ?? "") ===
      JSON.stringify((news as unknown as Record<string, unknown>)[f] ?? ""),
  );
  const lines = [
    ...(byHand.length ? [`NetworkRule ${q}: drifted in Snowflake: ${byHand.join(", ")}`] : []),
    ...statements.map((s) => willSend(`NetworkRule ${q}`, s)),
  ];
  await tell(lines);
  return { changes: statements.length > 0 };
}

function outputs(i: RuleInputs, live: Live): RuleOutputs {
  return {
    ...i,
    type: i.type.toUpperCase(),
    mode: (i.mode ?? "INGRESS").toUpperCase(),
    qualifiedName: qualified(i),
    owner: live.owner,
  };
}

export async function create(inputs: RuleInputs, runner: SqlRunner = sessionRunner()): Promise<pulumi.dynamic.CreateResult> {
  const q = qualified(inputs);
  try {
    await runner.run(createSql(inputs), false);
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
    // A CREATE whose response was lost, re-run: the rule is this create's only when it is exactly the declared one and
    // was created recently (the evidence rule of provider/resources/create.ts); else it is someone else's.
    const live = await describe(runner, q);
    const same =
      live &&
      live.type === inputs.type.toUpperCase() &&
      live.mode === (inputs.mode ?? "INGRESS").toUpperCase() &&
      alterSql(inputs, live).statements.length === 0;
    if (!same) throw new Error(`NetworkRule ${q} already exists and differs from the program; drop it or change the program to match it.`);
    if (live.createdOn === undefined || Date.now() - live.createdOn > RECOVERY_WINDOW_MS)
      throw new Error(
        `NetworkRule ${q} already exists (created ${live.createdOn === undefined ? "at an unknown time" : new Date(live.createdOn).toISOString()}) ` +
          "and this deployment did not create it; drop it or give the rule another name.",
      );
  }
  const live = await describe(runner, q);
  if (!live) throw new Error(`NetworkRule ${q} vanished right after it was created`);
  return { id: q, outs: outputs(inputs, live) };
}

export async function update(
  _id: string,
  _olds: RuleOutputs,
  news: RuleInputs,
  runner: SqlRunner = sessionRunner(),
): Promise<pulumi.dynamic.UpdateResult> {
  const q = qualified(news);
  const live = await describe(runner, q);
  if (!live) throw new Error(`NetworkRule ${q} does not exist any more; run pulumi refresh, then pulumi up to recreate it`);
  for (const sql of alterSql(news, live).statements) await runner.run(sql, true);
  return { outs: outputs(news, (await describe(runner, q)) ?? live) };
}

export async function read(id: string, props: RuleOutputs, runner: SqlRunner = sessionRunner()): Promise<pulumi.dynamic.ReadResult> {
  const live = await describe(runner, props?.qualifiedName ?? id);
  if (!live) return {};
  const next: RuleOutputs = { ...props, valueList: live.values, type: live.type, mode: live.mode, owner: live.owner };
  if (live.comment !== "") next.comment = live.comment;
  else delete next.comment;
  return { id, props: next };
}

export async function remove(id: string, props: RuleOutputs, runner: SqlRunner = sessionRunner()): Promise<void> {
  const q = props?.qualifiedName ?? id;
  try {
    await runner.run(`DROP NETWORK RULE IF EXISTS ${q}`, true);
  } catch (e) {
    if (!isStillAttached(e)) throw e;
    // Snowflake refused the DROP as a whole: the rule and the resource stay, for the next up.
    throw new Error(
      `NetworkRule ${q}: not deleted, a network policy still names it: ${stillAttachedReason(e)} ` +
        "Remove it from the policy's rule lists first, then run pulumi up again.",
    );
  }
}
