/**
 * https://docs.snowflake.com/en/sql-reference/sql/show-roles
 *
 * Columns: created_on, name, is_default, is_current, is_inherited (`Y`/`N`), assigned_to_users, granted_to_roles,
 * granted_roles (numbers), owner, comment, owner_role_type.
 * @internal
 */
import { Column, fixedCol, ResultSet, STATEMENT_TYPE, textCol, timestampCol } from "../exec/context";

export const SHOW_ROLES_COLUMNS: readonly Column[] = [
  timestampCol("created_on"),
  textCol("name"),
  textCol("is_default"),
  textCol("is_current"),
  textCol("is_inherited"),
  fixedCol("assigned_to_users"),
  fixedCol("granted_to_roles"),
  fixedCol("granted_roles"),
  textCol("owner"),
  textCol("comment"),
  textCol("owner_role_type"),
];

export function showRolesResult(rows: (string | null)[][]): ResultSet {
  return { columns: SHOW_ROLES_COLUMNS, rows, statementTypeId: STATEMENT_TYPE.SHOW };
}
