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
