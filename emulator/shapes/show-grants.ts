/**
 * https://docs.snowflake.com/en/sql-reference/sql/show-grants
 *
 * Two shapes:
 * - privileges (SHOW GRANTS ON ..., TO ROLE ...): `created_on, privilege, granted_on, name, granted_to, grantee_name,
 *   grant_option, granted_by`;
 * - role grants (SHOW GRANTS TO USER ..., OF ROLE ...): `created_on, role, granted_to, grantee_name, granted_by`.
 * `granted_on` uses underscores (`NETWORK_POLICY`); `grant_option` is text `true`/`false`.
 * @internal
 */
import { Column, ResultSet, STATEMENT_TYPE, textCol, timestampCol } from "../exec/context";

export const PRIVILEGE_GRANT_COLUMNS: readonly Column[] = [
  timestampCol("created_on"),
  textCol("privilege"),
  textCol("granted_on"),
  textCol("name"),
  textCol("granted_to"),
  textCol("grantee_name"),
  textCol("grant_option"),
  textCol("granted_by"),
];

export const ROLE_GRANT_COLUMNS: readonly Column[] = [
  timestampCol("created_on"),
  textCol("role"),
  textCol("granted_to"),
  textCol("grantee_name"),
  textCol("granted_by"),
];

export function showPrivilegeGrantsResult(rows: (string | null)[][]): ResultSet {
  return { columns: PRIVILEGE_GRANT_COLUMNS, rows, statementTypeId: STATEMENT_TYPE.SHOW };
}

export function showRoleGrantsResult(rows: (string | null)[][]): ResultSet {
  return { columns: ROLE_GRANT_COLUMNS, rows, statementTypeId: STATEMENT_TYPE.SHOW };
}
