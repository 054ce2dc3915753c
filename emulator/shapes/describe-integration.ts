/**
 * https://docs.snowflake.com/en/sql-reference/sql/desc-integration
 *
 * DESCRIBE INTEGRATION: four string columns `property`, `property_type`, `property_value`,
 * `property_default`; every cell a non-NULL string (booleans `true`/`false`, lists comma-joined without
 * spaces, unset `''`, List defaults `[]`). The rows themselves come from the kind tables in
 * `objects/integration.ts` (`describeRows`).
 * @internal
 */
import { Column, ResultSet, STATEMENT_TYPE, textCol } from "../exec/context";
import type { DescribeRow } from "../objects/integration-settings";

export const DESCRIBE_INTEGRATION_COLUMNS: readonly Column[] = [
  textCol("property"),
  textCol("property_type"),
  textCol("property_value"),
  textCol("property_default"),
];

export function describeIntegrationResult(rows: readonly DescribeRow[]): ResultSet {
  return { columns: DESCRIBE_INTEGRATION_COLUMNS, rows: rows.map((r) => [...r]), statementTypeId: STATEMENT_TYPE.DESCRIBE };
}
