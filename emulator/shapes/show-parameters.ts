/**
 * https://docs.snowflake.com/en/sql-reference/sql/show-parameters
 *
 * SHOW PARAMETERS columns: `key`, `value`, `default`, `level` (`""` at the default, else ACCOUNT / USER / SESSION),
 * `description`, `type` (BOOLEAN, STRING, NUMBER) — all text.
 * @internal
 */
import { Column, ResultSet, STATEMENT_TYPE, textCol } from "../exec/context";

export const SHOW_PARAMETERS_COLUMNS: readonly Column[] = [
  textCol("key"),
  textCol("value"),
  textCol("default"),
  textCol("level"),
  textCol("description"),
  textCol("type"),
];

export interface ParameterRow {
  readonly key: string;
  readonly value: string;
  readonly default: string;
  readonly level: "" | "ACCOUNT" | "USER" | "SESSION";
  readonly description: string;
  readonly type: string;
}

export function showParametersResult(rows: readonly ParameterRow[]): ResultSet {
  return {
    columns: SHOW_PARAMETERS_COLUMNS,
    rows: rows.map((r) => [r.key, r.value, r.default, r.level, r.description, r.type]),
    statementTypeId: STATEMENT_TYPE.SHOW,
  };
}
