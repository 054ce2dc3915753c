/**
 * https://docs.snowflake.com/en/sql-reference/sql/desc-network-policy
 *
 * Two text columns `name`, `value`; only non-empty lists produce a row; IP lists comma-joined in the given order;
 * network-rule lists as JSON `[{"fullyQualifiedRuleName":"DB.SCH.R"}]` (snowflake-sql.md §6.4: TF live tests, Titan, SnowDDL).
 * @internal
 */
import { NetworkPolicyRecord } from "../catalog/state";
import { ResultSet, STATEMENT_TYPE, textCol } from "../exec/context";

export function describeNetworkPolicyResult(p: NetworkPolicyRecord): ResultSet {
  const rows: string[][] = [];
  if (p.allowedIpList.length) rows.push(["ALLOWED_IP_LIST", p.allowedIpList.join(",")]);
  if (p.blockedIpList.length) rows.push(["BLOCKED_IP_LIST", p.blockedIpList.join(",")]);
  const rules = (l: string[]): string => JSON.stringify(l.map((r) => ({ fullyQualifiedRuleName: r })));
  if (p.allowedNetworkRuleList.length) rows.push(["ALLOWED_NETWORK_RULE_LIST", rules(p.allowedNetworkRuleList)]);
  if (p.blockedNetworkRuleList.length) rows.push(["BLOCKED_NETWORK_RULE_LIST", rules(p.blockedNetworkRuleList)]);
  return { columns: [textCol("name"), textCol("value")], rows, statementTypeId: STATEMENT_TYPE.DESCRIBE };
}

