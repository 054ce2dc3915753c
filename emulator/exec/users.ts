/**
 * CREATE / ALTER / DESCRIBE / SHOW / DROP USER.
 * - https://docs.snowflake.com/en/sql-reference/sql/create-user
 * - https://docs.snowflake.com/en/sql-reference/sql/alter-user
 * - https://docs.snowflake.com/en/sql-reference/sql/desc-user
 * - https://docs.snowflake.com/en/sql-reference/sql/show-users
 * One property table (USER_PROPERTIES) drives CREATE, ALTER SET and ALTER UNSET.
 * @internal
 */
import { doesNotExist, insufficientPrivileges, invalidProperty, objectExists } from "../errors";
import { parseRsaPublicKey } from "../auth/rsa";
import { hasAccountPrivilege, isOwner, requireAccountPrivilege } from "../catalog/privileges";
import { Catalog, hashPassword, UserRecord, UserType } from "../catalog/state";
import { Assignment } from "../sql/cursor";
import { Props, Statement } from "../sql/ast";
import { boolOf, enumOf, likeMatcher, nameOf, STATUS, stringListOf, stringOf } from "./common";
import { ExecContext, ResultSet, statusResult } from "./context";
import { describeUserResult } from "../shapes/describe-user";
import { showUsersResult } from "../shapes/show-users";

type UserProp = {
  /** Apply a SET value to the record. */
  set(u: UserRecord, a: Assignment, ctx: ExecContext): void;
  /** Apply UNSET; undefined = cannot be unset. */
  unset?(u: UserRecord): void;
  /** May a user change this on themself (without owning the user)? */
  self?: boolean;
};

const str = (field: "displayName" | "firstName" | "middleName" | "lastName" | "email" | "comment" | "defaultWarehouse" | "defaultNamespace"): UserProp => ({
  set: (u, a) => {
    u[field] = stringOf(a);
  },
  unset: (u) => {
    delete u[field];
  },
});

const rsaSlot = (slot: 1 | 2): UserProp => ({
  self: true,
  set: (u, a, ctx) => {
    if (a.value.kind === "null") return rsaClear(u, slot);
    const body = stringOf(a);
    const parsed = parseRsaPublicKey(body);
    const t = ctx.now().toISOString();
    if (slot === 1) {
      u.rsaPublicKey = body;
      u.rsaPublicKeyFp = parsed.fingerprint;
      u.rsaPublicKeyLastSetTime = t;
    } else {
      u.rsaPublicKey2 = body;
      u.rsaPublicKey2Fp = parsed.fingerprint;
      u.rsaPublicKey2LastSetTime = t;
    }
  },
  unset: (u) => rsaClear(u, slot),
});

function rsaClear(u: UserRecord, slot: 1 | 2): void {
  if (slot === 1) {
    delete u.rsaPublicKey;
    delete u.rsaPublicKeyFp;
    delete u.rsaPublicKeyLastSetTime;
  } else {
    delete u.rsaPublicKey2;
    delete u.rsaPublicKey2Fp;
    delete u.rsaPublicKey2LastSetTime;
  }
}

/** The user property table. Keys are the SQL names. */
export const USER_PROPERTIES: Readonly<Record<string, UserProp>> = {
  PASSWORD: {
    self: true,
    set: (u, a, ctx) => {
      u.passwordHash = hashPassword(stringOf(a));
      u.passwordLastSetTime = ctx.now().toISOString();
    },
    unset: (u) => {
      delete u.passwordHash;
    },
  },
  LOGIN_NAME: {
    set: (u, a) => {
      u.loginName = (a.value.kind === "string" ? a.value.value : nameOf(a)).toUpperCase();
    },
  },
  DISPLAY_NAME: str("displayName"),
  FIRST_NAME: str("firstName"),
  MIDDLE_NAME: str("middleName"),
  LAST_NAME: str("lastName"),
  EMAIL: str("email"),
  COMMENT: str("comment"),
  DEFAULT_WAREHOUSE: { self: true, set: (u, a) => void (u.defaultWarehouse = nameOf(a)), unset: (u) => void delete u.defaultWarehouse },
  DEFAULT_NAMESPACE: { self: true, set: (u, a) => void (u.defaultNamespace = nameOf(a)), unset: (u) => void delete u.defaultNamespace },
  DEFAULT_ROLE: { self: true, set: (u, a) => void (u.defaultRole = nameOf(a)), unset: (u) => void delete u.defaultRole },
  DEFAULT_SECONDARY_ROLES: {
    self: true,
    set: (u, a) => {
      u.defaultSecondaryRoles = stringListOf(a, (v) => (v.kind === "string" ? v.value.toUpperCase() : v.kind === "ident" ? v.value : ""));
    },
    unset: (u) => void delete u.defaultSecondaryRoles,
  },
  MUST_CHANGE_PASSWORD: { set: (u, a) => void (u.mustChangePassword = boolOf(a)), unset: (u) => void (u.mustChangePassword = false) },
  DISABLED: { set: (u, a) => void (u.disabled = boolOf(a)), unset: (u) => void (u.disabled = false) },
  TYPE: {
    set: (u, a) => {
      if (a.value.kind === "null") delete u.type;
      else u.type = enumOf<UserType>(a, ["PERSON", "SERVICE", "LEGACY_SERVICE"]);
    },
    unset: (u) => void delete u.type,
  },
  NETWORK_POLICY: {
    set: (u, a, ctx) => {
      const name = nameOf(a);
      if (!ctx.catalog.networkPolicies[name]) throw doesNotExist("Network policy", name);
      u.networkPolicy = name;
    },
    unset: (u) => void delete u.networkPolicy,
  },
  RSA_PUBLIC_KEY: rsaSlot(1),
  RSA_PUBLIC_KEY_2: rsaSlot(2),
};

function lookup(catalog: Catalog, name: string): UserRecord | undefined {
  return Object.prototype.hasOwnProperty.call(catalog.users, name) ? catalog.users[name] : undefined;
}

/** Owner (by role hierarchy) or a role with MANAGE GRANTS may alter/drop/describe a user. */
function canManage(ctx: ExecContext, u: UserRecord): boolean {
  return isOwner(ctx, u.owner) || hasAccountPrivilege(ctx, "MANAGE GRANTS");
}

function applyProps(ctx: ExecContext, u: UserRecord, props: Props, selfOnly: boolean): void {
  for (const a of props.values()) {
    const p = Object.prototype.hasOwnProperty.call(USER_PROPERTIES, a.name) ? USER_PROPERTIES[a.name] : undefined;
    if (!p) throw invalidProperty(a.name, "USER");
    if (selfOnly && !p.self) throw insufficientPrivileges(`user '${u.name}'`);
    p.set(u, a, ctx);
  }
}

export function executeUserStatement(
  ctx: ExecContext,
  st: Extract<Statement, { kind: "createUser" | "alterUser" | "describeUser" | "showUsers" | "dropUser" }>,
): ResultSet {
  const cat = ctx.catalog;
  switch (st.kind) {
    case "createUser": {
      requireAccountPrivilege(ctx, "CREATE USER");
      const name = st.name.name;
      const existing = lookup(cat, name);
      if (existing) {
        if (st.ifNotExists) return statusResult(STATUS.alreadyExists(name));
        if (!st.orReplace) throw objectExists("USER", name);
        if (!canManage(ctx, existing)) throw insufficientPrivileges(`user '${name}'`);
        dropUserRecord(cat, name);
      }
      const t = ctx.now().toISOString();
      const u: UserRecord = {
        name,
        owner: ctx.session.role,
        createdOn: t,
        loginName: name.toUpperCase(),
        displayName: name,
        disabled: false,
        mustChangePassword: false,
      };
      applyProps(ctx, u, st.props, false);
      assertLoginNameFree(cat, u);
      cat.users[name] = u;
      return statusResult(STATUS.created("User", name));
    }
    case "alterUser": {
      const u = lookup(cat, st.name.name);
      if (!u) {
        if (st.ifExists) return statusResult(STATUS.ok);
        throw doesNotExist("User", st.name.name);
      }
      const self = u.name === ctx.session.user;
      if (!canManage(ctx, u) && !self) throw insufficientPrivileges(`user '${u.name}'`);
      const selfOnly = !canManage(ctx, u);
      const a = st.action;
      if (a.type === "set") {
        applyProps(ctx, u, a.props, selfOnly);
        assertLoginNameFree(cat, u);
      } else if (a.type === "unset") {
        for (const t of a.names) {
          const p = Object.prototype.hasOwnProperty.call(USER_PROPERTIES, t.value) ? USER_PROPERTIES[t.value] : undefined;
          if (!p || !p.unset) throw invalidProperty(t.value, "USER");
          if (selfOnly && !p.self) throw insufficientPrivileges(`user '${u.name}'`);
          p.unset(u);
        }
      } else {
        if (selfOnly) throw insufficientPrivileges(`user '${u.name}'`);
        const newName = a.newName.name;
        if (lookup(cat, newName)) throw objectExists("USER", newName);
        delete cat.users[u.name];
        for (const g of cat.grants.roleGrants) if (g.granteeType === "USER" && g.grantee === u.name) g.grantee = newName;
        u.name = newName;
        cat.users[newName] = u;
      }
      return statusResult(STATUS.ok);
    }
    case "describeUser": {
      const u = lookup(cat, st.name.name);
      if (!u || (!canManage(ctx, u) && u.name !== ctx.session.user)) throw doesNotExist("User", st.name.name);
      return describeUserResult(u);
    }
    case "showUsers":
      return showUsers(ctx, st.like);
    case "dropUser": {
      const u = lookup(cat, st.name.name);
      if (!u) {
        if (st.ifExists) return statusResult(STATUS.alreadyDropped(st.name.name));
        throw doesNotExist("User", st.name.name);
      }
      if (!canManage(ctx, u)) throw insufficientPrivileges(`user '${u.name}'`);
      dropUserRecord(cat, u.name);
      return statusResult(STATUS.dropped(u.name));
    }
  }
}

function assertLoginNameFree(cat: Catalog, u: UserRecord): void {
  for (const other of Object.values(cat.users)) {
    if (other !== u && other.name !== u.name && other.loginName === u.loginName) throw objectExists("USER", u.loginName);
  }
}

function dropUserRecord(cat: Catalog, name: string): void {
  delete cat.users[name];
  cat.grants.roleGrants = cat.grants.roleGrants.filter((g) => !(g.granteeType === "USER" && g.grantee === name));
}

function showUsers(ctx: ExecContext, like: string | undefined): ResultSet {
  const match = likeMatcher(like);
  const all = hasAccountPrivilege(ctx, "MANAGE GRANTS");
  const users = Object.values(ctx.catalog.users)
    .filter((u) => match(u.name) && (all || isOwner(ctx, u.owner) || u.name === ctx.session.user))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return showUsersResult(users);
}
