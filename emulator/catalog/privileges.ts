/**
 * Role hierarchy and privilege checks.
 *
 * Model (https://docs.snowflake.com/en/user-guide/security-access-control-overview):
 * - A role's hierarchy is the role plus every role granted to it, transitively. The system roles
 *   are seeded with Snowflake's default grants: SECURITYADMIN and SYSADMIN to ACCOUNTADMIN,
 *   USERADMIN to SECURITYADMIN. PUBLIC is in every hierarchy.
 * - The session's active roles are the primary role's hierarchy plus, with secondary roles ALL,
 *   the hierarchies of every role granted to the user.
 * - Account privileges (CREATE INTEGRATION, CREATE USER, ...) are explicit grants ON ACCOUNT.
 * - Ownership: an object's `owner` role; any role whose hierarchy contains the owner acts as owner.
 * @internal
 */
import { doesNotExist, insufficientPrivileges } from "../errors";
import type { ExecContext } from "../exec/context";
import { Catalog } from "./state";

/** The role plus every role granted to it (transitively), plus PUBLIC. */
export function roleHierarchy(catalog: Catalog, role: string): Set<string> {
  const out = new Set<string>();
  const stack = [role];
  while (stack.length) {
    const r = stack.pop() as string;
    if (out.has(r)) continue;
    out.add(r);
    for (const g of catalog.grants.roleGrants) {
      if (g.granteeType === "ROLE" && g.grantee === r) stack.push(g.role);
    }
  }
  out.add("PUBLIC");
  return out;
}

/** Roles granted directly to a user (plus PUBLIC). */
export function rolesGrantedToUser(catalog: Catalog, user: string): Set<string> {
  const out = new Set<string>(["PUBLIC"]);
  for (const g of catalog.grants.roleGrants) {
    if (g.granteeType === "USER" && g.grantee === user) out.add(g.role);
  }
  return out;
}

/** May `user` activate `role` (USE ROLE, login role)? True if the role is in the hierarchy of a role granted to the user. */
export function userCanUseRole(catalog: Catalog, user: string, role: string): boolean {
  for (const r of rolesGrantedToUser(catalog, user)) {
    if (roleHierarchy(catalog, r).has(role)) return true;
  }
  return false;
}

/** Every role active in the session: primary hierarchy plus secondary roles. */
export function currentRoleHierarchy(ctx: Pick<ExecContext, "catalog" | "session">): Set<string> {
  const out = roleHierarchy(ctx.catalog, ctx.session.role);
  if (ctx.session.secondaryRoles === "ALL") {
    for (const r of rolesGrantedToUser(ctx.catalog, ctx.session.user)) {
      for (const x of roleHierarchy(ctx.catalog, r)) out.add(x);
    }
  }
  return out;
}

/** Does any active role hold `privilege` ON ACCOUNT? (ACCOUNTADMIN is not special-cased: it holds the seeded grants.) */
export function hasAccountPrivilege(ctx: Pick<ExecContext, "catalog" | "session">, privilege: string): boolean {
  const roles = currentRoleHierarchy(ctx);
  return ctx.catalog.grants.privilegeGrants.some(
    (g) => g.onType === "ACCOUNT" && g.privilege === privilege.toUpperCase() && roles.has(g.grantee),
  );
}

/** Throws 003001 `Insufficient privileges to operate on account 'ACCT'` unless the session holds the account privilege. */
export function requireAccountPrivilege(ctx: ExecContext, privilege: string): void {
  if (!hasAccountPrivilege(ctx, privilege)) throw insufficientPrivileges(`account '${ctx.account}'`);
}

/** True if an active role is (or inherits) the owner role. */
export function isOwner(ctx: Pick<ExecContext, "catalog" | "session">, ownerRole: string): boolean {
  return currentRoleHierarchy(ctx).has(ownerRole);
}

/** Does an active role hold any privilege (or ownership) on the object? */
export function hasAnyPrivilegeOn(ctx: Pick<ExecContext, "catalog" | "session">, onType: string, name: string, ownerRole: string): boolean {
  const roles = currentRoleHierarchy(ctx);
  if (roles.has(ownerRole)) return true;
  return ctx.catalog.grants.privilegeGrants.some((g) => g.onType === onType.toUpperCase() && g.onName === name && roles.has(g.grantee));
}

/** Does an active role hold `privilege` on the object (`onType` as stored in grants, e.g. `USER`)? Ownership not included. */
export function hasPrivilegeOn(ctx: Pick<ExecContext, "catalog" | "session">, onType: string, name: string, privilege: string): boolean {
  const roles = currentRoleHierarchy(ctx);
  return ctx.catalog.grants.privilegeGrants.some(
    (g) => g.onType === onType.toUpperCase() && g.onName === name && g.privilege === privilege && roles.has(g.grantee),
  );
}

/**
 * Require OWNERSHIP of an object. `kind` is the lower-case object kind used in the message
 * (`integration`, `user`, `network policy`); `kindTitle` the one for "does not exist" (`Integration`).
 * Without any privilege on the object Snowflake hides it: 002003; with some privilege but not
 * ownership: 003001.
 */
export function requireOwnership(ctx: ExecContext, kind: string, name: string, ownerRole: string): void {
  if (isOwner(ctx, ownerRole)) return;
  if (!hasAnyPrivilegeOn(ctx, kind, name, ownerRole)) {
    throw doesNotExist(kind.charAt(0).toUpperCase() + kind.slice(1), name);
  }
  throw insufficientPrivileges(`${kind} '${name}'`);
}

/** Privileges that exist in the emulator's model of account-level grants. */
export const ACCOUNT_PRIVILEGES = [
  "CREATE INTEGRATION",
  "CREATE NETWORK POLICY",
  "CREATE USER",
  "CREATE ROLE",
  "CREATE DATABASE",
  "CREATE WAREHOUSE",
  "MANAGE GRANTS",
  "APPLY AUTHENTICATION POLICY",
  "ATTACH POLICY",
  "APPLY TAG",
] as const;
