/**
 * https://docs.snowflake.com/en/sql-reference/sql/desc-network-policy
 *
 * Two text columns `name`, `value`; only non-empty lists produce a row; IP lists comma-joined in the given order;
 * network-rule lists as JSON `[{"fullyQualifiedRuleName":"DB.SCH.R"}]` (Snowflake-Labs/terraform-provider-snowflake
 * `pkg/sdk/network_policies_ext.go` and testint `network_policies_gen_integration_test.go` "Describe"; Titan-Systems/titan
 * `titan/data_provider.py`; littleK0i/SnowDDL `snowddl/resolver/network_policy.py`).
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
