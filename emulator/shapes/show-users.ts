/**
 * https://docs.snowflake.com/en/sql-reference/sql/show-users
 *
 * SHOW USERS columns in the docs' order (plus `has_pat`, `has_workload_identity`). Flags are text `true`/`false`
 * (FIDELITY.md). Which users are visible is decided by the executor.
 * @internal
 */
import { UserRecord } from "../catalog/state";
import { ResultSet, STATEMENT_TYPE, textCol, timestampCell, timestampCol } from "../exec/context";
import { remaining } from "./describe-user";

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

/**
 * One row per user. `full = false` (a user the current role neither owns nor may manage) keeps only name, created_on,
 * owner and the two timestamps; the other columns are null and the has_* flags false (TF testint
 * `issue #2817: check what fields are available when using a user with insufficient privileges …`).
 * `type` is PERSON when never set or unset (testint `create: no options`, `alter: unset type`).
 */
export function showUsersResult(users: readonly { user: UserRecord; full: boolean }[], now: Date): ResultSet {
  const b = (x: boolean): string => (x ? "true" : "false");
  const rows = users.map(({ user: u, full }) => {
    const expires = u.expiresAt !== undefined ? timestampCell(u.expiresAt) : null;
    const locked = remaining(u.lockedUntil, now, "mins") !== undefined ? timestampCell(u.lockedUntil) : null;
    if (!full) {
      const r: (string | null)[] = SHOW_USERS_COLUMNS.map(() => null);
      r[0] = timestampCell(u.createdOn);
      r[1] = u.name;
      r[20] = u.owner;
      r[22] = expires;
      r[23] = locked;
      for (const i of [24, 25, 27, 28, 29]) r[i] = "false";
      return r;
    }
    return [
      timestampCell(u.createdOn),
      u.name,
      u.loginName,
      u.displayName ?? "",
      u.firstName ?? null,
      u.lastName ?? null,
      u.email ?? null,
      remaining(u.lockedUntil, now, "mins") ?? null,
      remaining(u.expiresAt, now, "days") ?? null,
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
      remaining(u.bypassMfaUntil, now, "mins") ?? null,
      u.owner,
      timestampCell(u.lastSuccessLogin),
      expires,
      locked,
      b(!!u.passwordHash),
      b(!!(u.rsaPublicKey || u.rsaPublicKey2)),
      u.type ?? "PERSON",
      "false",
      "false",
      b(!!u.workloadIdentity),
    ];
  });
  return { columns: SHOW_USERS_COLUMNS, rows, statementTypeId: STATEMENT_TYPE.SHOW };
}
