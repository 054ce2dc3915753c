/**
 * Roles, grants, ownership and role activation.
 * - CREATE ROLE https://docs.snowflake.com/en/sql-reference/sql/create-role
 * - GRANT ROLE https://docs.snowflake.com/en/sql-reference/sql/grant-role
 * - GRANT <privileges> https://docs.snowflake.com/en/sql-reference/sql/grant-privilege
 * - GRANT OWNERSHIP https://docs.snowflake.com/en/sql-reference/sql/grant-ownership
 * - SHOW GRANTS https://docs.snowflake.com/en/sql-reference/sql/show-grants
 * - SHOW ROLES https://docs.snowflake.com/en/sql-reference/sql/show-roles
 * - USE ROLE https://docs.snowflake.com/en/sql-reference/sql/use-role
 * @internal
 */
import { doesNotExist, insufficientPrivileges, objectExists, SnowflakeError } from "../errors";
import {
  ACCOUNT_PRIVILEGES,
  hasAccountPrivilege,
  isOwner,
  requireAccountPrivilege,
  roleHierarchy,
  userCanUseRole,
} from "../catalog/privileges";
import { Catalog, SYSTEM_ROLES } from "../catalog/state";
import { ObjectType, Statement } from "../sql/ast";
import { likeMatcher, rejectUnknown, STATUS, stringOf } from "./common";
import { ExecContext, ResultSet, STATEMENT_TYPE, statusResult, timestampCell } from "./context";
import { showRolesResult } from "../shapes/show-roles";
import { showPrivilegeGrantsResult, showRoleGrantsResult } from "../shapes/show-grants";

type RoleStatement = Extract<
  Statement,
  {
    kind:
      | "createRole"
      | "dropRole"
      | "showRoles"
      | "grantRole"
      | "grantPrivilege"
      | "grantOwnership"
      | "showGrants"
      | "useRole"
      | "useSecondaryRoles";
  }
>;

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Privileges grantable per object type (ALL expands to these). */
const OBJECT_PRIVILEGES: Record<ObjectType, readonly string[]> = {
  ACCOUNT: ACCOUNT_PRIVILEGES,
  INTEGRATION: ["USAGE", "USE_ANY_ROLE"],
  // MODIFY PROGRAMMATIC AUTHENTICATION METHODS: https://docs.snowflake.com/en/user-guide/key-pair-auth ("GRANT MODIFY
  // PROGRAMMATIC AUTHENTICATION METHODS ON USER my_service_user TO ROLE my_service_owner_role").
  USER: ["MONITOR", "MODIFY PROGRAMMATIC AUTHENTICATION METHODS"],
  ROLE: [],
  "NETWORK POLICY": [],
};

/** Owner role of an object, or undefined if it does not exist. */
function ownerOf(cat: Catalog, type: ObjectType, name: string): string | undefined {
  switch (type) {
    case "USER":
      return has(cat.users, name) ? cat.users[name].owner : undefined;
    case "ROLE":
      return has(cat.roles, name) ? cat.roles[name].owner : undefined;
    case "INTEGRATION":
      return has(cat.integrations, name) ? String(cat.integrations[name].owner) : undefined;
    case "NETWORK POLICY":
      return has(cat.networkPolicies, name) ? cat.networkPolicies[name].owner : undefined;
    case "ACCOUNT":
      return "ACCOUNTADMIN";
  }
}

const KIND_TITLE: Record<ObjectType, string> = {
  USER: "User",
  ROLE: "Role",
  INTEGRATION: "Integration",
  "NETWORK POLICY": "Network policy",
  ACCOUNT: "Account",
};

function requireRole(cat: Catalog, name: string): void {
  if (!has(cat.roles, name)) throw doesNotExist("Role", name);
}

/** Owner of the role, or MANAGE GRANTS, may grant it (GRANT ROLE docs: OWNERSHIP on the role or MANAGE GRANTS). */
function requireGrantAuthority(ctx: ExecContext, type: ObjectType, name: string, owner: string): void {
  if (isOwner(ctx, owner) || hasAccountPrivilege(ctx, "MANAGE GRANTS")) return;
  throw insufficientPrivileges(type === "ACCOUNT" ? `account '${ctx.account}'` : `${type.toLowerCase()} '${name}'`);
}

export function executeRoleStatement(ctx: ExecContext, st: RoleStatement): ResultSet {
  const cat = ctx.catalog;
  const now = ctx.now().toISOString();
  switch (st.kind) {
    case "createRole": {
      requireAccountPrivilege(ctx, "CREATE ROLE");
      rejectUnknown(st.props, new Set(["COMMENT"]), "ROLE");
      const name = st.name.name;
      if (has(cat.roles, name)) {
        if (st.ifNotExists) return statusResult(STATUS.alreadyExists(name));
        if (!st.orReplace || (SYSTEM_ROLES as readonly string[]).includes(name)) throw objectExists("ROLE", name);
        requireGrantAuthority(ctx, "ROLE", name, cat.roles[name].owner);
        dropRoleRecord(cat, name);
      }
      const comment = st.props.get("COMMENT");
      cat.roles[name] = { name, owner: ctx.session.role, createdOn: now, comment: comment ? stringOf(comment) : undefined };
      // Snowflake grants a new role to its creator's role? No: ownership only. (FIDELITY.md)
      return statusResult(STATUS.created("Role", name));
    }
    case "dropRole": {
      const name = st.name.name;
      if (!has(cat.roles, name)) {
        if (st.ifExists) return statusResult(STATUS.alreadyDropped(name));
        throw doesNotExist("Role", name);
      }
      if ((SYSTEM_ROLES as readonly string[]).includes(name)) throw insufficientPrivileges(`role '${name}'`);
      if (!isOwner(ctx, cat.roles[name].owner)) throw insufficientPrivileges(`role '${name}'`);
      dropRoleRecord(cat, name);
      return statusResult(STATUS.dropped(name));
    }
    case "showRoles":
      return showRoles(ctx, st.like);
    case "grantRole": {
      const role = st.role.name;
      requireRole(cat, role);
      const grantee = st.grantee.name;
      if (st.granteeType === "USER" ? !has(cat.users, grantee) : !has(cat.roles, grantee)) {
        throw doesNotExist(st.granteeType === "USER" ? "User" : "Role", grantee);
      }
      requireGrantAuthority(ctx, "ROLE", role, cat.roles[role].owner);
      const idx = cat.grants.roleGrants.findIndex((g) => g.role === role && g.granteeType === st.granteeType && g.grantee === grantee);
      if (st.revoke) {
        if (idx >= 0) cat.grants.roleGrants.splice(idx, 1);
        return statusResult(STATUS.ok);
      }
      if (st.granteeType === "ROLE" && roleHierarchy(cat, role).has(grantee)) {
        // Unsourced code/text (FIDELITY.md).
        throw new SnowflakeError(
          "003013",
          "42501",
          `SQL execution error:\nGranting role '${role}' to role '${grantee}' would create a cycle.`,
        );
      }
      if (idx < 0) cat.grants.roleGrants.push({ role, granteeType: st.granteeType, grantee, grantedBy: ctx.session.role, createdOn: now });
      return statusResult(STATUS.ok);
    }
    case "grantPrivilege": {
      const role = st.role.name;
      requireRole(cat, role);
      const onName = st.onType === "ACCOUNT" ? ctx.account : (st.onName?.name ?? "");
      const owner = ownerOf(cat, st.onType, onName);
      if (owner === undefined) throw doesNotExist(KIND_TITLE[st.onType], onName);
      requireGrantAuthority(ctx, st.onType, onName, owner);
      const allowed = OBJECT_PRIVILEGES[st.onType];
      const privs = st.privileges.flatMap((p) => (p === "ALL" ? [...allowed] : [p]));
      for (const p of privs) {
        if (p === "OWNERSHIP")
          throw new SnowflakeError("001003", "42000", "SQL compilation error:\nUse GRANT OWNERSHIP to transfer ownership.");
        if (!allowed.includes(p)) {
          throw new SnowflakeError("003011", "42501", `SQL compilation error:\nInvalid privilege ${p} on ${st.onType}.`);
        }
      }
      for (const p of privs) {
        const idx = cat.grants.privilegeGrants.findIndex(
          (g) => g.privilege === p && g.onType === st.onType && g.onName === onName && g.grantee === role,
        );
        if (st.revoke) {
          if (idx >= 0) cat.grants.privilegeGrants.splice(idx, 1);
        } else if (idx < 0) {
          cat.grants.privilegeGrants.push({
            privilege: p,
            onType: st.onType,
            onName,
            grantee: role,
            grantOption: st.withGrantOption,
            grantedBy: ctx.session.role,
            createdOn: now,
          });
        } else if (st.withGrantOption) {
          cat.grants.privilegeGrants[idx].grantOption = true;
        }
      }
      return statusResult(STATUS.ok);
    }
    case "grantOwnership": {
      const role = st.role.name;
      requireRole(cat, role);
      const name = st.onName.name;
      const owner = ownerOf(cat, st.onType, name);
      if (owner === undefined) throw doesNotExist(KIND_TITLE[st.onType], name);
      requireGrantAuthority(ctx, st.onType, name, owner);
      setOwner(cat, st.onType, name, role);
      if (st.currentGrants === "REVOKE") {
        cat.grants.privilegeGrants = cat.grants.privilegeGrants.filter((g) => !(g.onType === st.onType && g.onName === name));
      }
      return statusResult(STATUS.ok);
    }
    case "showGrants":
      return showGrants(ctx, st.target);
    case "useRole": {
      const role = st.role.name;
      if (!has(cat.roles, role)) throw doesNotExist("Role", role);
      if (!userCanUseRole(cat, ctx.session.user, role)) {
        // Snowflake refuses with this text (unsourced code; FIDELITY.md).
        throw new SnowflakeError(
          "003013",
          "42501",
          `SQL access control error:\nRequested role '${role}' is not assigned to the executing user.  Specify another role to activate.`,
        );
      }
      ctx.session.role = role;
      return statusResult(STATUS.ok, STATEMENT_TYPE.USE);
    }
    case "useSecondaryRoles":
      ctx.session.secondaryRoles = st.value;
      return statusResult(STATUS.ok, STATEMENT_TYPE.USE);
  }
}

function setOwner(cat: Catalog, type: ObjectType, name: string, role: string): void {
  switch (type) {
    case "USER":
      cat.users[name].owner = role;
      return;
    case "ROLE":
      cat.roles[name].owner = role;
      return;
    case "INTEGRATION":
      cat.integrations[name].owner = role;
      return;
    case "NETWORK POLICY":
      cat.networkPolicies[name].owner = role;
      return;
    case "ACCOUNT":
      return;
  }
}

function dropRoleRecord(cat: Catalog, name: string): void {
  delete cat.roles[name];
  cat.grants.roleGrants = cat.grants.roleGrants.filter((g) => g.role !== name && !(g.granteeType === "ROLE" && g.grantee === name));
  cat.grants.privilegeGrants = cat.grants.privilegeGrants.filter((g) => g.grantee !== name);
  // Objects owned by a dropped role pass to the role that dropped it in Snowflake; keep the name (FIDELITY.md).
}

// ---------------------------------------------------------------------------------------------
// SHOW ROLES — https://docs.snowflake.com/en/sql-reference/sql/show-roles

function showRoles(ctx: ExecContext, like: string | undefined): ResultSet {
  const cat = ctx.catalog;
  const match = likeMatcher(like);
  const active = roleHierarchy(cat, ctx.session.role);

  const defaultRole = cat.users[ctx.session.user]?.defaultRole;
  const rows = Object.values(cat.roles)
    .filter((r) => match(r.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((r) => [
      timestampCell(r.createdOn),
      r.name,
      r.name === defaultRole ? "Y" : "N",
      r.name === ctx.session.role ? "Y" : "N",
      r.name !== ctx.session.role && active.has(r.name) ? "Y" : "N",
      String(cat.grants.roleGrants.filter((g) => g.role === r.name && g.granteeType === "USER").length),
      String(cat.grants.roleGrants.filter((g) => g.role === r.name && g.granteeType === "ROLE").length),
      String(cat.grants.roleGrants.filter((g) => g.granteeType === "ROLE" && g.grantee === r.name).length),
      r.owner,
      r.comment ?? "",
      r.owner ? "ROLE" : "",
    ]);
  return showRolesResult(rows);
}

// ---------------------------------------------------------------------------------------------
// SHOW GRANTS — https://docs.snowflake.com/en/sql-reference/sql/show-grants (minimal)

function granted(type: string): string {
  return type.replace(" ", "_");
}

/** Ownership rows of every object owned by `role` (or on one object). */
function ownershipRows(cat: Catalog, filter: (type: ObjectType, name: string, owner: string) => boolean): (string | null)[][] {
  const out: (string | null)[][] = [];
  const add = (type: ObjectType, name: string, owner: string, createdOn: string): void => {
    if (owner && filter(type, name, owner))
      out.push([timestampCell(createdOn), "OWNERSHIP", granted(type), name, "ROLE", owner, "true", owner]);
  };
  for (const u of Object.values(cat.users)) add("USER", u.name, u.owner, u.createdOn);
  for (const r of Object.values(cat.roles)) add("ROLE", r.name, r.owner, r.createdOn);
  for (const i of Object.values(cat.integrations))
    add("INTEGRATION", String(i.name), String(i.owner), String((i as { createdOn?: string }).createdOn ?? ""));
  for (const p of Object.values(cat.networkPolicies)) add("NETWORK POLICY", p.name, p.owner, p.createdOn);
  return out;
}

function showGrants(ctx: ExecContext, target: Extract<RoleStatement, { kind: "showGrants" }>["target"]): ResultSet {
  const cat = ctx.catalog;
  const privRow = (g: Catalog["grants"]["privilegeGrants"][number]): (string | null)[] => [
    timestampCell(g.createdOn),
    g.privilege,
    granted(g.onType),
    g.onName,
    "ROLE",
    g.grantee,
    g.grantOption ? "true" : "false",
    g.grantedBy,
  ];
  switch (target.type) {
    case "account":
      return showPrivilegeGrantsResult(cat.grants.privilegeGrants.filter((g) => g.onType === "ACCOUNT").map(privRow));
    case "on": {
      const name = target.name?.name ?? "";
      if (ownerOf(cat, target.objectType, name) === undefined) throw doesNotExist(KIND_TITLE[target.objectType], name);
      const rows = [
        ...ownershipRows(cat, (t, n) => t === target.objectType && n === name),
        ...cat.grants.privilegeGrants.filter((g) => g.onType === target.objectType && g.onName === name).map(privRow),
      ];
      return showPrivilegeGrantsResult(rows);
    }
    case "toRole": {
      const role = target.name.name;
      requireRole(cat, role);
      const rows = [
        ...cat.grants.roleGrants
          .filter((g) => g.granteeType === "ROLE" && g.grantee === role)
          .map((g) => [timestampCell(g.createdOn), "USAGE", "ROLE", g.role, "ROLE", role, "false", g.grantedBy]),
        ...cat.grants.privilegeGrants.filter((g) => g.grantee === role).map(privRow),
        ...ownershipRows(cat, (_t, _n, owner) => owner === role),
      ];
      return showPrivilegeGrantsResult(rows);
    }
    case "toUser":
    case "current": {
      const user = target.type === "toUser" ? target.name.name : ctx.session.user;
      if (!has(cat.users, user)) throw doesNotExist("User", user);
      const rows = cat.grants.roleGrants
        .filter((g) => g.granteeType === "USER" && g.grantee === user)
        .map((g) => [timestampCell(g.createdOn), g.role, "USER", user, g.grantedBy]);
      return showRoleGrantsResult(rows);
    }
    case "ofRole": {
      const role = target.name.name;
      requireRole(cat, role);
      const rows = cat.grants.roleGrants
        .filter((g) => g.role === role)
        .map((g) => [timestampCell(g.createdOn), role, g.granteeType, g.grantee, g.grantedBy]);
      return showRoleGrantsResult(rows);
    }
  }
}
