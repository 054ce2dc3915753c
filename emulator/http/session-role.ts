/**
 * The one rule for a new session's role, at driver login and per SQL API request: the OAuth token's
 * role, else the requested role (connect string / body `role`; must exist and be granted, else 390189),
 * else DEFAULT_ROLE if usable, else PUBLIC (FIDELITY.md, "Wire protocol" and "SQL API v2").
 * @internal
 */
import { SnowflakeError } from "../errors";
import type { Catalog } from "../catalog/state";
import { userCanUseRole } from "../catalog/privileges";
import { resolveNameString } from "../exec/common";

export function sessionRole(
  cat: Readonly<Catalog>,
  user: string,
  tokenRole: string | undefined,
  requested: string | null | undefined,
): string {
  if (tokenRole) return tokenRole;
  if (requested) {
    const role = resolveNameString(requested);
    if (!cat.roles[role] || !userCanUseRole(cat, user, role)) {
      const why = cat.roles[role] ? "is not granted to this user" : "does not exist or not authorized";
      throw new SnowflakeError(
        "390189",
        "08004",
        `Role '${role}' specified in the connect string ${why}. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.`,
      );
    }
    return role;
  }
  const dflt = cat.users[user]?.defaultRole;
  return dflt && cat.roles[dflt] && userCanUseRole(cat, user, dflt) ? dflt : "PUBLIC";
}

/**
 * A named key pair's ROLE_RESTRICTION at login (driver and SQL API): "the key pair can only be used to authenticate if
 * the role requested in the JWT matches this role. If this role is revoked from the user associated with the key pair,
 * any attempts to use the key pair for authentication will fail"
 * (https://docs.snowflake.com/sql-reference/sql/alter-user-add-key-pair). The JWT has no documented role claim, so the
 * requested role is the session role `sessionRole` chose (connect-string / body role, else DEFAULT_ROLE). Code 390189
 * (the login-role family) and both texts are unsourced (FIDELITY.md "Named user key pairs").
 */
export function checkRoleRestriction(cat: Readonly<Catalog>, user: string, role: string, restriction: string | undefined): void {
  if (restriction === undefined) return;
  if (!cat.roles[restriction] || !userCanUseRole(cat, user, restriction)) {
    throw new SnowflakeError(
      "390189",
      "08004",
      `Role '${restriction}' of the key pair's role restriction is not granted to this user. Contact your local system administrator.`,
    );
  }
  if (role !== restriction) {
    throw new SnowflakeError(
      "390189",
      "08004",
      `Role '${role}' is not allowed by the role restriction of the key pair. Attempt to login with role '${restriction}'.`,
    );
  }
}
