/**
 * Network rules in the catalog, by fully-qualified name (`DB.SCHEMA.RULE`, stored names joined by `.`, as network
 * policies keep them), and the policies that reference a rule.
 * @internal
 */
import type { Catalog, NetworkPolicyRecord, NetworkRuleRecord } from "./state";

export const qualifiedRuleName = (d: string, s: string, n: string): string => `${d}.${s}.${n}`;

/** Every rule with its database and schema. */
export function allRules(cat: Pick<Catalog, "databases">): { database: string; schema: string; rule: NetworkRuleRecord }[] {
  const out: { database: string; schema: string; rule: NetworkRuleRecord }[] = [];
  for (const db of Object.values(cat.databases ?? {}))
    for (const schema of Object.values(db.schemas))
      for (const rule of Object.values(schema.networkRules ?? {})) out.push({ database: db.name, schema: schema.name, rule });
  return out;
}

/** The rule a policy's list entry names, or undefined (a dropped schema or database takes its rules with it). */
export function ruleByQualifiedName(cat: Pick<Catalog, "databases">, fqn: string): NetworkRuleRecord | undefined {
  return allRules(cat).find((r) => qualifiedRuleName(r.database, r.schema, r.rule.name) === fqn)?.rule;
}

/** Policies whose allowed or blocked rule list names `fqn`. */
export function policiesReferencing(cat: Pick<Catalog, "networkPolicies">, fqn: string): NetworkPolicyRecord[] {
  return Object.values(cat.networkPolicies).filter((p) => p.allowedNetworkRuleList.includes(fqn) || p.blockedNetworkRuleList.includes(fqn));
}
