/**
 * Network policies.
 * - CREATE https://docs.snowflake.com/en/sql-reference/sql/create-network-policy
 * - ALTER https://docs.snowflake.com/en/sql-reference/sql/alter-network-policy
 * - DESCRIBE https://docs.snowflake.com/en/sql-reference/sql/desc-network-policy
 * - SHOW https://docs.snowflake.com/en/sql-reference/sql/show-network-policies
 * - DROP https://docs.snowflake.com/en/sql-reference/sql/drop-network-policy
 *   ("A network policy cannot be dropped if it is currently assigned to an account, security integration,
 *   or user"; the same holds for CREATE OR REPLACE — BCR 2023_07 https://docs.snowflake.com/release-notes/bcr-bundles/2023_07/bcr-1337)
 * @internal
 */
import { doesNotExist, insufficientPrivileges, invalidProperty, invalidValue, objectExists, SnowflakeError } from "../errors";
import { isOwner, requireAccountPrivilege, hasAccountPrivilege } from "../catalog/privileges";
import { renameTagged } from "./tags";
import { Catalog, NetworkPolicyRecord } from "../catalog/state";
import { Assignment, Value } from "../sql/cursor";
import { Props, Statement } from "../sql/ast";
import { likeMatcher, resolveNameString, STATUS, stringOf } from "./common";
import { ExecContext, ResultSet, statusResult } from "./context";
import { describeNetworkPolicyResult } from "../shapes/describe-network-policy";
import { showNetworkPoliciesResult } from "../shapes/show-network-policies";

type NpStatement = Extract<
  Statement,
  { kind: "createNetworkPolicy" | "alterNetworkPolicy" | "describeNetworkPolicy" | "showNetworkPolicies" | "dropNetworkPolicy" }
>;

type ListField = "allowedIpList" | "blockedIpList" | "allowedNetworkRuleList" | "blockedNetworkRuleList";

/** The network-policy property table: SQL name → record field and item parser. COMMENT is handled beside it. */
const LISTS: Readonly<Record<string, { field: ListField; item: (v: Value, prop: string) => string }>> = {
  ALLOWED_IP_LIST: { field: "allowedIpList", item: ipItem },
  BLOCKED_IP_LIST: { field: "blockedIpList", item: ipItem },
  ALLOWED_NETWORK_RULE_LIST: { field: "allowedNetworkRuleList", item: ruleItem },
  BLOCKED_NETWORK_RULE_LIST: { field: "blockedNetworkRuleList", item: ruleItem },
};

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/([0-9]|[12][0-9]|3[0-2]))?$/;

function ipItem(v: Value, prop: string): string {
  if (v.kind !== "string") throw invalidValue(v.kind === "ident" ? v.value : "", prop);
  const ip = v.value.trim();
  if (!IPV4.test(ip)) throw invalidValue(v.value, prop);
  return ip;
}

/** Network rules: `'db.schema.rule'` (resolved like unquoted identifiers, part by part) or an identifier `db.schema.rule`. */
function ruleItem(v: Value, prop: string): string {
  if (v.kind === "ident") return v.value;
  if (v.kind === "string") {
    return v.value
      .split(".")
      .map((p) => resolveNameString(p))
      .join(".");
  }
  throw invalidValue("", prop);
}

function listOf(a: Assignment): string[] {
  const spec = LISTS[a.name];
  if (a.value.kind !== "list") {
    // ADD/REMOVE take a single rule; also tolerate a single value for SET.
    return [spec.item(a.value, a.name)];
  }
  return a.value.items.map((i) => spec.item(i, a.name));
}

/**
 * "The maximum number of characters for the ALLOWED_IP_LIST list is 100,000. Snowflake returns an error message when
 * this character limit is exceeded" (CREATE NETWORK POLICY page). Counted on the comma-joined entries (as DESCRIBE
 * prints them) — the counting rule, the code and the text are unsourced (FIDELITY.md).
 */
export const ALLOWED_IP_LIST_MAX_CHARS = 100_000;

function ipListTooLong(): SnowflakeError {
  return new SnowflakeError(
    "001422",
    "22023",
    `SQL compilation error:\nALLOWED_IP_LIST exceeds the maximum of ${ALLOWED_IP_LIST_MAX_CHARS} characters.`,
  );
}

function applySet(p: NetworkPolicyRecord, props: Props): void {
  for (const a of props.values()) {
    if (a.name === "COMMENT") {
      p.comment = stringOf(a);
      continue;
    }
    const spec = Object.prototype.hasOwnProperty.call(LISTS, a.name) ? LISTS[a.name] : undefined;
    if (!spec) throw invalidProperty(a.name, "NETWORK POLICY");
    if (a.value.kind !== "list") throw invalidValue(a.value.kind === "string" ? a.value.value : "", a.name);
    const items = listOf(a);
    if (a.name === "ALLOWED_IP_LIST") {
      if (items.join(",").length > ALLOWED_IP_LIST_MAX_CHARS) throw ipListTooLong();
      p.allowedIpListSpecified = true;
    }
    p[spec.field] = items;
  }
}

function lookup(cat: Catalog, name: string): NetworkPolicyRecord | undefined {
  return Object.prototype.hasOwnProperty.call(cat.networkPolicies, name) ? cat.networkPolicies[name] : undefined;
}

/** Where a policy is assigned (users, integrations, account), for DROP / CREATE OR REPLACE. */
export function policyInUse(cat: Catalog, name: string): boolean {
  if (Object.values(cat.users).some((u) => u.networkPolicy === name)) return true;
  if (Object.values(cat.integrations).some((i) => (i as { networkPolicy?: unknown }).networkPolicy === name)) return true;
  return cat.accountParameters["NETWORK_POLICY"] === name;
}

/** Unsourced code and text (FIDELITY.md); SQLSTATE 55006 = object in use. */
function inUse(name: string): SnowflakeError {
  return new SnowflakeError(
    "002012",
    "55006",
    `SQL execution error:\nCannot drop network policy '${name}' because it is currently assigned to the account, a security integration or a user.`,
  );
}

/** Owner, or MANAGE GRANTS holders (SECURITYADMIN: docs say security administrators can drop/alter policies). */
function requireManage(ctx: ExecContext, p: NetworkPolicyRecord): void {
  if (isOwner(ctx, p.owner) || hasAccountPrivilege(ctx, "MANAGE GRANTS")) return;
  throw insufficientPrivileges(`network policy '${p.name}'`);
}

export function executeNetworkPolicyStatement(ctx: ExecContext, st: NpStatement): ResultSet {
  const cat = ctx.catalog;
  switch (st.kind) {
    case "createNetworkPolicy": {
      requireAccountPrivilege(ctx, "CREATE NETWORK POLICY");
      const name = st.name.name;
      const existing = lookup(cat, name);
      if (existing) {
        if (st.ifNotExists) return statusResult(STATUS.alreadyExists(name));
        if (!st.orReplace) throw objectExists("NETWORK POLICY", name);
        requireManage(ctx, existing);
        if (policyInUse(cat, name)) throw inUse(name);
      }
      const p: NetworkPolicyRecord = {
        name,
        owner: ctx.session.role,
        createdOn: ctx.now().toISOString(),
        allowedIpList: [],
        blockedIpList: [],
        allowedNetworkRuleList: [],
        blockedNetworkRuleList: [],
      };
      applySet(p, st.props);
      cat.networkPolicies[name] = p;
      return statusResult(STATUS.created("Network policy", name));
    }
    case "alterNetworkPolicy": {
      const p = lookup(cat, st.name.name);
      if (!p) {
        if (st.ifExists) return statusResult(STATUS.ok);
        throw doesNotExist("Network policy", st.name.name);
      }
      requireManage(ctx, p);
      const a = st.action;
      switch (a.type) {
        case "set":
          applySet(p, a.props);
          break;
        case "unset":
          for (const t of a.names) {
            if (t.value === "COMMENT") delete p.comment;
            else if (Object.prototype.hasOwnProperty.call(LISTS, t.value)) {
              p[LISTS[t.value].field] = [];
              if (t.value === "ALLOWED_IP_LIST") delete p.allowedIpListSpecified; // back to "never set" (allows all)
            } else throw invalidProperty(t.value, "NETWORK POLICY");
          }
          break;
        case "add":
        case "remove":
          for (const as of a.props.values()) {
            if (as.name !== "ALLOWED_NETWORK_RULE_LIST" && as.name !== "BLOCKED_NETWORK_RULE_LIST")
              throw invalidProperty(as.name, "NETWORK POLICY");
            const field = LISTS[as.name].field;
            const items = listOf(as);
            if (a.type === "add") p[field] = [...p[field], ...items.filter((i) => !p[field].includes(i))];
            else p[field] = p[field].filter((i) => !items.includes(i));
          }
          break;
        case "rename": {
          const newName = a.newName.name;
          if (lookup(cat, newName)) throw objectExists("NETWORK POLICY", newName);
          delete cat.networkPolicies[p.name];
          // References follow the object (Snowflake references objects by id).
          for (const u of Object.values(cat.users)) if (u.networkPolicy === p.name) u.networkPolicy = newName;
          for (const i of Object.values(cat.integrations)) {
            const rec = i as { networkPolicy?: unknown };
            if (rec.networkPolicy === p.name) rec.networkPolicy = newName;
          }
          if (cat.accountParameters["NETWORK_POLICY"] === p.name) cat.accountParameters["NETWORK_POLICY"] = newName;
          for (const g of cat.grants.privilegeGrants) if (g.onType === "NETWORK POLICY" && g.onName === p.name) g.onName = newName;
          renameTagged(cat, "NETWORK POLICY", p.name, newName, p.createdOn);
          p.name = newName;
          cat.networkPolicies[newName] = p;
          break;
        }
      }
      return statusResult(STATUS.ok);
    }
    case "describeNetworkPolicy": {
      const p = lookup(cat, st.name.name);
      if (!p) throw doesNotExist("Network policy", st.name.name);
      if (!isOwner(ctx, p.owner) && !hasAccountPrivilege(ctx, "MANAGE GRANTS")) throw doesNotExist("Network policy", p.name);
      return describeNetworkPolicyResult(p);
    }
    case "showNetworkPolicies":
      return showNetworkPolicies(ctx, st.like);
    case "dropNetworkPolicy": {
      const p = lookup(cat, st.name.name);
      if (!p) {
        if (st.ifExists) return statusResult(STATUS.alreadyDropped(st.name.name));
        throw doesNotExist("Network policy", st.name.name);
      }
      requireManage(ctx, p);
      if (policyInUse(cat, p.name)) throw inUse(p.name);
      delete cat.networkPolicies[p.name];
      cat.grants.privilegeGrants = cat.grants.privilegeGrants.filter((g) => !(g.onType === "NETWORK POLICY" && g.onName === p.name));
      return statusResult(STATUS.dropped(p.name));
    }
  }
}

function showNetworkPolicies(ctx: ExecContext, like: string | undefined): ResultSet {
  const match = likeMatcher(like);
  const all = hasAccountPrivilege(ctx, "MANAGE GRANTS");
  const policies = Object.values(ctx.catalog.networkPolicies)
    .filter((p) => match(p.name) && (all || isOwner(ctx, p.owner)))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return showNetworkPoliciesResult(policies);
}
