/**
 * https://docs.snowflake.com/en/sql-reference/sql/show-integrations
 *
 * SHOW INTEGRATIONS columns, in order: `name` (text), `type` (text, `<TYPE> - <SUBTYPE>` e.g.
 * `OAUTH - CUSTOM`, `EXTERNAL_OAUTH - OKTA`), `category` (text, `SECURITY`), `enabled` (boolean),
 * `comment` (text, NULL when never set — FIDELITY.md), `created_on` (timestamp_ltz).
 * @internal
 */
import { boolCell, boolCol, Column, ResultSet, STATEMENT_TYPE, textCol, timestampCell, timestampCol } from "../exec/context";

export const SHOW_INTEGRATIONS_COLUMNS: readonly Column[] = [
  textCol("name"),
  textCol("type"),
  textCol("category"),
  boolCol("enabled"),
  textCol("comment"),
  timestampCol("created_on"),
];

export interface ShowIntegrationRow {
  readonly name: string;
  readonly type: string;
  readonly category: "SECURITY";
  readonly enabled: boolean;
  readonly comment: string | null;
  readonly createdOn: string;
}

export function showIntegrationsResult(rows: readonly ShowIntegrationRow[]): ResultSet {
  return {
    columns: SHOW_INTEGRATIONS_COLUMNS,
    rows: rows.map((r) => [r.name, r.type, r.category, boolCell(r.enabled), r.comment, timestampCell(r.createdOn)]),
    statementTypeId: STATEMENT_TYPE.SHOW,
  };
}
