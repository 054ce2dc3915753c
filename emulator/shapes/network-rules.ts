/**
 * SHOW NETWORK RULES and DESCRIBE NETWORK RULE.
 * - SHOW https://docs.snowflake.com/en/sql-reference/sql/show-network-rules: created_on, name, database_name, schema_name,
 *   owner, comment, type, mode, entries_in_valuelist (a number), owner_role_type; the same columns, types and values as
 *   the Terraform provider reads them live (snowflakedb/terraform-provider-snowflake `pkg/sdk/network_rules_gen.go`
 *   `ShowNetworkRulesRow`; testint `network_rule_gen_integration_test.go` "Create", "Show": comment `""` when unset,
 *   `entries_in_valuelist` 0 for `()`, owner_role_type `ROLE`).
 * - DESC https://docs.snowflake.com/en/sql-reference/sql/desc-network-rule: one row, created_on, name, database_name,
 *   schema_name, owner, comment, type, mode, value_list (TF `DescNetworkRulesRow`; `value_list` read with
 *   `ParseCommaSeparatedStringArray`, so comma-separated; `""` for an empty list: testint "Create" `HasValueList()`).
 *   The exact separator (`,` without a space) is unsourced.
 * @internal
 */
import type { NetworkRuleRecord } from "../catalog/state";
import { fixedCol, ResultSet, STATEMENT_TYPE, textCol, timestampCell, timestampCol } from "../exec/context";

export interface ShownRule {
  readonly database: string;
  readonly schema: string;
  readonly rule: NetworkRuleRecord;
}

const HEAD = ["name", "database_name", "schema_name", "owner", "comment", "type", "mode"];

function head(s: ShownRule): string[] {
  const r = s.rule;
  return [r.name, s.database, s.schema, r.owner, r.comment ?? "", r.type, r.mode];
}

export function showNetworkRulesResult(rules: readonly ShownRule[]): ResultSet {
  return {
    columns: [timestampCol("created_on"), ...HEAD.map((n) => textCol(n)), fixedCol("entries_in_valuelist"), textCol("owner_role_type")],
    rows: rules.map((s) => [timestampCell(s.rule.createdOn), ...head(s), String(s.rule.valueList.length), "ROLE"]),
    statementTypeId: STATEMENT_TYPE.SHOW,
  };
}

export function describeNetworkRuleResult(s: ShownRule): ResultSet {
  return {
    columns: [timestampCol("created_on"), ...HEAD.map((n) => textCol(n)), textCol("value_list")],
    rows: [[timestampCell(s.rule.createdOn), ...head(s), s.rule.valueList.join(",")]],
    statementTypeId: STATEMENT_TYPE.DESCRIBE,
  };
}
