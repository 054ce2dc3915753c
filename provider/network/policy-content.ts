/**
 * What a network policy holds, for the lockout guard: the program's declaration when this deployment declares the
 * policy (or the rule), else what Snowflake shows. `DESCRIBE NETWORK POLICY` rows (name, value: IP lists comma-joined,
 * rule lists as JSON) are parsed by the same functions as the NetworkPolicy resource's diff; `DESCRIBE NETWORK RULE`
 * is one row with `type`, `mode` and `value_list` comma-joined (snowflakedb/terraform-provider-snowflake
 * `pkg/sdk/network_rule_impl_gen.go` `DescNetworkRulesRow.convertErr`).
 * @internal
 */
import { NETWORK_POLICY_TABLE } from "../../model/networkPolicy";
import { isUnknown } from "../../model/unknown";
import { normalizeDeclared, parseCommaList, parseRuleJson, storedQualified } from "../engine/values";
import { isNotFound } from "../sql/errors";
import { Ident, parseQualified, qualifiedToSql } from "../sql/quote";
import type { PolicyContent, RuleContent } from "./admission";
import { describeRule } from "./rule-describe";

export type { SqlRunner } from "../connection/runner";
import type { SqlRunner } from "../connection/runner";

interface DeclaredPolicy {
  readonly allowedIpList: readonly string[];
  readonly blockedIpList: readonly string[];
  readonly allowedRuleNames: readonly string[];
  readonly blockedRuleNames: readonly string[];
}

/** Declarations seen by `check` in this process (this deployment), by stored name. */
const declaredPolicies = new Map<string, DeclaredPolicy | "unknown">();
const declaredRules = new Map<string, RuleContent | "unknown">();

const known = (v: unknown): boolean => !isUnknown(v) && !(Array.isArray(v) && v.some(isUnknown));

/** The canonical `DB.SCHEMA.NAME` SQL of a rule reference. */
export function ruleKey(name: string): string {
  return qualifiedToSql(parseQualified(name));
}

/** A NetworkPolicy's declared lists (its checked inputs), normalised; unknown values make the content unknown. */
function declaredOf(inputs: Record<string, unknown>): DeclaredPolicy | "unknown" {
  const fields = ["allowedIpList", "blockedIpList", "allowedNetworkRuleList", "blockedNetworkRuleList"] as const;
  if (!fields.every((f) => known(inputs[f]))) return "unknown";
  const list = (f: (typeof fields)[number]) =>
    normalizeDeclared(NETWORK_POLICY_TABLE[f], (inputs[f] as unknown[] | undefined) ?? []) as string[];
  return {
    allowedIpList: list("allowedIpList"),
    blockedIpList: list("blockedIpList"),
    allowedRuleNames: list("allowedNetworkRuleList"),
    blockedRuleNames: list("blockedNetworkRuleList"),
  };
}

/** Record a NetworkPolicy's declaration: the attachments of this deployment judge the policy as declared. */
export function declarePolicy(storedName: string, inputs: Record<string, unknown>): void {
  declaredPolicies.set(storedName, declaredOf(inputs));
}

/** Record a NetworkRule's declared content (by its canonical qualified name). */
export function declareRule(qualifiedSql: string, content: RuleContent | "unknown"): void {
  declaredRules.set(qualifiedSql, content);
}

/** "unknown": the content depends on a value not known yet (preview of a new dependency); undefined: no such rule. */
async function ruleContent(runner: SqlRunner, name: string): Promise<RuleContent | "unknown" | undefined> {
  const key = ruleKey(name);
  const declared = declaredRules.get(key);
  if (declared !== undefined) return declared;
  const live = await describeRule(runner, key);
  return live && { name: key, type: live.type, mode: live.mode, values: live.values };
}

async function withRules(runner: SqlRunner, name: string, p: DeclaredPolicy): Promise<PolicyContent | "unknown"> {
  const resolve = async (names: readonly string[]) => {
    const out: RuleContent[] = [];
    for (const n of names) {
      const c = await ruleContent(runner, n);
      if (c === "unknown") return "unknown" as const;
      // A rule that does not exist: Snowflake refuses the policy statement itself, so nothing is judged on it.
      if (c) out.push(c);
    }
    return out;
  };
  const allowedRules = await resolve(p.allowedRuleNames);
  const blockedRules = await resolve(p.blockedRuleNames);
  if (allowedRules === "unknown" || blockedRules === "unknown") return "unknown";
  return { name, allowedIpList: p.allowedIpList, blockedIpList: p.blockedIpList, allowedRules, blockedRules };
}

/** Content of a policy as this deployment will leave it: declared here, or read; undefined when it does not exist. */
export async function policyContent(runner: SqlRunner, storedName: string): Promise<PolicyContent | "unknown" | undefined> {
  const declared = declaredPolicies.get(storedName);
  if (declared === "unknown") return "unknown";
  if (declared) return withRules(runner, storedName, declared);
  return liveContent(runner, storedName);
}

/** Content of a policy as Snowflake shows it now. */
async function liveContent(runner: SqlRunner, storedName: string): Promise<PolicyContent | "unknown" | undefined> {
  let rows: Record<string, unknown>[];
  try {
    rows = await runner.run(`DESCRIBE NETWORK POLICY ${Ident.stored(storedName).toSql()}`, true);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
  const cell = (row: string) => String(rows.find((r) => String(r.name ?? "").toUpperCase() === row)?.value ?? "");
  return withRules(runner, storedName, {
    allowedIpList: parseCommaList(cell("ALLOWED_IP_LIST")),
    blockedIpList: parseCommaList(cell("BLOCKED_IP_LIST")),
    // Stored names (a case-sensitive `DB.SCH.blockme` stays lower case), as the NetworkPolicy diff reads them.
    allowedRuleNames: parseRuleJson(cell("ALLOWED_NETWORK_RULE_LIST")).map(storedQualified),
    blockedRuleNames: parseRuleJson(cell("BLOCKED_NETWORK_RULE_LIST")).map(storedQualified),
  });
}

/** Content of a policy from inputs (a NetworkPolicy's news). */
export async function contentOfInputs(
  runner: SqlRunner,
  storedName: string,
  inputs: Record<string, unknown>,
): Promise<PolicyContent | "unknown"> {
  const d = declaredOf(inputs);
  return d === "unknown" ? "unknown" : withRules(runner, storedName, d);
}
