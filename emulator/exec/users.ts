/**
 * CREATE / ALTER / DESCRIBE / SHOW / DROP USER.
 * - https://docs.snowflake.com/en/sql-reference/sql/create-user
 * - https://docs.snowflake.com/en/sql-reference/sql/alter-user
 * - https://docs.snowflake.com/en/sql-reference/sql/desc-user
 * - https://docs.snowflake.com/en/sql-reference/sql/show-users
 * One property table (USER_PROPERTIES, `user-properties.ts`) drives CREATE, ALTER SET and ALTER UNSET; names that are
 * not properties but user-level parameters (`parameter-table.ts`) are stored as the user's parameters.
 * @internal
 */
import { setTags } from "./tags";
import { doesNotExist, insufficientPrivileges, invalidProperty, objectExists } from "../errors";
import { hasAccountPrivilege, isOwner, requireAccountPrivilege } from "../catalog/privileges";
import { Catalog, UserRecord } from "../catalog/state";
import { Props, Statement } from "../sql/ast";
import { likeMatcher, STATUS } from "./common";
import { ExecContext, ResultSet, statusResult } from "./context";
import { parseParamValue } from "./account";
import { isUserParameter, parameterSpec } from "./parameter-table";
import { REFUSED_BY_TYPE, refusedByType, userProperty } from "./user-properties";
import { describeUserResult } from "../shapes/describe-user";
import { showUsersResult } from "../shapes/show-users";

function lookup(catalog: Catalog, name: string): UserRecord | undefined {
  return Object.prototype.hasOwnProperty.call(catalog.users, name) ? catalog.users[name] : undefined;
}

/** Owner (by role hierarchy) or a role with MANAGE GRANTS may alter/drop/describe a user. */
function canManage(ctx: ExecContext, u: UserRecord): boolean {
  return isOwner(ctx, u.owner) || hasAccountPrivilege(ctx, "MANAGE GRANTS");
}

function applyProps(ctx: ExecContext, u: UserRecord, props: Props, selfOnly: boolean, creating: boolean): void {
  for (const a of props.values()) {
    const p = userProperty(a.name);
    if (!p && isUserParameter(a.name)) {
      if (selfOnly) throw insufficientPrivileges(`user '${u.name}'`);
      if (a.name === "NETWORK_POLICY") {
        u.networkPolicy = parseParamValue(ctx, a, parameterSpec(a.name)!);
      } else {
        (u.params ??= {})[a.name] = parseParamValue(ctx, a, parameterSpec(a.name)!);
      }
      continue;
    }
    if (!p || (creating && p.alterOnly)) throw invalidProperty(a.name, "USER");
    if (selfOnly && !p.self) throw insufficientPrivileges(`user '${u.name}'`);
    p.set(u, a, ctx);
  }
  const type = u.type ?? "PERSON";
  for (const name of REFUSED_BY_TYPE[type].set) if (props.has(name)) throw refusedByType(name, type);
}

function unsetProps(u: UserRecord, names: readonly { value: string }[], selfOnly: boolean): void {
  const type = u.type ?? "PERSON";
  for (const t of names) {
    const p = userProperty(t.value);
    if (!p && isUserParameter(t.value)) {
      if (selfOnly) throw insufficientPrivileges(`user '${u.name}'`);
      if (t.value === "NETWORK_POLICY") delete u.networkPolicy;
      else if (u.params) delete u.params[t.value];
      continue;
    }
    if (!p || !p.unset) throw invalidProperty(t.value, "USER");
    if (selfOnly && !p.self) throw insufficientPrivileges(`user '${u.name}'`);
    if (REFUSED_BY_TYPE[type].unset.includes(t.value)) throw refusedByType(t.value, type);
    p.unset(u);
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
      applyProps(ctx, u, st.props, false, true);
      assertLoginNameFree(cat, u);
      cat.users[name] = u;
      if (st.tags) setTags(ctx, "USER", name, st.tags);
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
        applyProps(ctx, u, a.props, selfOnly, false);
        assertLoginNameFree(cat, u);
      } else if (a.type === "unset") {
        unsetProps(u, a.names, selfOnly);
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
      if (!u) throw doesNotExist("User", st.name.name);
      // testint `issue #2817: check the describe behavior`: another role's user → "Insufficient privileges to operate on user".
      if (!canManage(ctx, u) && u.name !== ctx.session.user) throw insufficientPrivileges(`user '${u.name}'`);
      return describeUserResult(u, ctx.now());
    }
    case "showUsers":
      return showUsers(ctx, st);
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

/**
 * SHOW USERS [LIKE] [STARTS WITH] [LIMIT n [FROM 'name']] (https://docs.snowflake.com/en/sql-reference/sql/show-users;
 * testint `show: with like options`, `show: with starts with options`, `show: with starts with, limit and from options`,
 * `show: limit the number of results`). STARTS WITH is case-sensitive and FROM starts at the first name ≥ the string
 * (docs). Every user is listed; users the role cannot manage show only name, created_on, owner and the timestamps
 * (testint `issue #2817: check what fields are available …`).
 */
function showUsers(ctx: ExecContext, st: Extract<Statement, { kind: "showUsers" }>): ResultSet {
  const match = likeMatcher(st.like);
  const all = hasAccountPrivilege(ctx, "MANAGE GRANTS");
  let users = Object.values(ctx.catalog.users)
    .filter((u) => match(u.name) && (st.startsWith === undefined || u.name.startsWith(st.startsWith)))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (st.from !== undefined) users = users.filter((u) => u.name >= st.from!);
  if (st.limit !== undefined) users = users.slice(0, st.limit);
  const full = (u: UserRecord): boolean => all || isOwner(ctx, u.owner) || u.name === ctx.session.user;
  return showUsersResult(
    users.map((u) => ({ user: u, full: full(u) })),
    ctx.now(),
  );
}
