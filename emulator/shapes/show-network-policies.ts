/**
 * https://docs.snowflake.com/en/sql-reference/sql/show-network-policies
 *
 * Columns: created_on, name, comment (`''` when unset), entries_in_allowed_ip_list, entries_in_blocked_ip_list,
 * entries_in_allowed_network_rules, entries_in_blocked_network_rules (numbers). No owner column
 * (https://docs.snowflake.com/en/sql-reference/sql/show-network-policies).
 * @internal
 */
import { NetworkPolicyRecord } from "../catalog/state";
import { fixedCol, ResultSet, STATEMENT_TYPE, textCol, timestampCell, timestampCol } from "../exec/context";

export function showNetworkPoliciesResult(policies: readonly NetworkPolicyRecord[]): ResultSet {
  const rows = policies.map((p) => [
    timestampCell(p.createdOn),
    p.name,
    p.comment ?? "",
    String(p.allowedIpList.length),
    String(p.blockedIpList.length),
    String(p.allowedNetworkRuleList.length),
    String(p.blockedNetworkRuleList.length),
  ]);
  return {
    columns: [
      timestampCol("created_on"),
      textCol("name"),
      textCol("comment"),
      fixedCol("entries_in_allowed_ip_list"),
      fixedCol("entries_in_blocked_ip_list"),
      fixedCol("entries_in_allowed_network_rules"),
      fixedCol("entries_in_blocked_network_rules"),
    ],
    rows,
    statementTypeId: STATEMENT_TYPE.SHOW,
  };
}
