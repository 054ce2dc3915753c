/**
 * https://docs.snowflake.com/en/sql-reference/sql/show-users
 *
 * SHOW USERS columns in the docs' order (plus `has_pat`, `has_workload_identity`). Flags are text `true`/`false`
 * (FIDELITY.md). Which users are visible is decided by the executor.
 * @internal
 */
import { UserRecord } from "../catalog/state";
import { ResultSet, STATEMENT_TYPE, textCol, timestampCell, timestampCol } from "../exec/context";

const SHOW_USERS_COLUMNS = [
  timestampCol("created_on"),
  textCol("name"),
  textCol("login_name"),
  textCol("display_name"),
  textCol("first_name"),
  textCol("last_name"),
  textCol("email"),
  textCol("mins_to_unlock"),
  textCol("days_to_expiry"),
  textCol("comment"),
  textCol("disabled"),
  textCol("must_change_password"),
  textCol("snowflake_lock"),
  textCol("default_warehouse"),
  textCol("default_namespace"),
  textCol("default_role"),
  textCol("default_secondary_roles"),
  textCol("ext_authn_duo"),
  textCol("ext_authn_uid"),
  textCol("mins_to_bypass_mfa"),
  textCol("owner"),
  timestampCol("last_success_login"),
  timestampCol("expires_at_time"),
  timestampCol("locked_until_time"),
  textCol("has_password"),
  textCol("has_rsa_public_key"),
  textCol("type"),
  textCol("has_mfa"),
  textCol("has_pat"),
  textCol("has_workload_identity"),
];

export function showUsersResult(users: readonly UserRecord[]): ResultSet {
  const b = (x: boolean): string => (x ? "true" : "false");
  const rows = users.map((u) => [
    timestampCell(u.createdOn),
    u.name,
    u.loginName,
    u.displayName ?? "",
    u.firstName ?? null,
    u.lastName ?? null,
    u.email ?? null,
    null,
    null,
    u.comment ?? null,
    b(u.disabled),
    b(u.mustChangePassword),
    "false",
    u.defaultWarehouse ?? null,
    u.defaultNamespace ?? null,
    u.defaultRole ?? null,
    u.defaultSecondaryRoles === undefined ? '["ALL"]' : JSON.stringify(u.defaultSecondaryRoles),
    "false",
    null,
    null,
    u.owner,
    timestampCell(u.lastSuccessLogin),
    null,
    null,
    b(!!u.passwordHash),
    b(!!(u.rsaPublicKey || u.rsaPublicKey2)),
    u.type ?? null,
    "false",
    "false",
    "false",
  ]);
  return { columns: SHOW_USERS_COLUMNS, rows, statementTypeId: STATEMENT_TYPE.SHOW };
}
