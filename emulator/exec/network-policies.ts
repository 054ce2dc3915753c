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
import { namesIn, renameTagged } from "./tags";
import { findRule, ruleParts } from "./network-rules";
import { qualifiedRuleName } from "../catalog/network-rules";
import { Catalog, NetworkPolicyRecord } from "../catalog/state";
import { Assignment, Value } from "../sql/cursor";
import { Props, Statement } from "../sql/ast";
import { likeMatcher, STATUS, stringOf } from "./common";
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

/** Network rules are resolved by `ruleRefs` (they need the session); this only checks the item's form. */
function ruleItem(v: Value, prop: string): string {
  if (v.kind === "ident" || v.kind === "string") return v.value;
  throw invalidValue("", prop);
}

/**
 * A rule list's entries as stored (`DB.SCHEMA.RULE`): `'db.schema.rule'` or an identifier, partly qualified names
 * against the session's database and schema (the guide's examples name rules unqualified:
 * https://docs.snowflake.com/en/user-guide/network-policies). SET and ADD need the rule to exist (002003, kind wording
 * unsourced) and be usable by a policy: "The mode of a network rule that will be used by a network policy must be
 * INGRESS or INTERNAL STAGE" (same guide); POSTGRES_INGRESS rules too (TF testint
 * `postgres_instances_gen_integration_test.go`); other rules are refused (unsourced code and text).
 */
function ruleRefs(ctx: ExecContext, a: Assignment, mustExist: boolean, verb: string): string[] {
  const items = a.value.kind === "list" ? a.value.items : [a.value];
  return items.map((v) => {
    ruleItem(v, a.name);
    const parts = v.kind === "ident" ? v.parts : namesIn(v.kind === "string" ? v.value : "");
    if (!mustExist) {
      const [d, s, n] = ruleParts(ctx, parts, verb);
      return qualifiedRuleName(d, s, n);
    }
    const f = findRule(ctx, parts, verb);
    if (f.rule.mode === "EGRESS" || f.rule.mode === "POSTGRES_EGRESS")
      throw new SnowflakeError(
        "001422",
        "22023",
        `SQL compilation error:\nNetwork rule ${f.fqn} with MODE ${f.rule.mode} cannot be used in a network policy.`,
      );
    return f.fqn;
  });
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

function applySet(ctx: ExecContext, p: NetworkPolicyRecord, props: Props, verb: string): void {
  for (const a of props.values()) {
    if (a.name === "COMMENT") {
      p.comment = stringOf(a);
      continue;
    }
    const spec = Object.prototype.hasOwnProperty.call(LISTS, a.name) ? LISTS[a.name] : undefined;
    if (!spec) throw invalidProperty(a.name, "NETWORK POLICY");
    if (a.value.kind !== "list") throw invalidValue(a.value.kind === "string" ? a.value.value : "", a.name);
    const items = spec.item === ruleItem ? ruleRefs(ctx, a, true, verb) : listOf(a);
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

/** Where a policy is attached (integrations, users, the account), for DROP / CREATE OR REPLACE; undefined = nowhere. */
export function policyAttachment(cat: Catalog, name: string): { kind: "INTEGRATION" | "USER" | "ACCOUNT"; name: string } | undefined {
  const integ = Object.values(cat.integrations).find((i) => (i as { networkPolicy?: unknown }).networkPolicy === name);
  if (integ) return { kind: "INTEGRATION", name: integ.name };
  const user = Object.values(cat.users).find((u) => u.networkPolicy === name);
  if (user) return { kind: "USER", name: user.name };
  return cat.accountParameters["NETWORK_POLICY"] === name ? { kind: "ACCOUNT", name: cat.account } : undefined;
}

export function policyInUse(cat: Catalog, name: string): boolean {
  return policyAttachment(cat, name) !== undefined;
}

/**
 * Live text for a policy attached to an integration: snowflakedb/terraform-provider-snowflake
 * `docs/guides/unassigning_policies.md` ("001492 (42601): SQL compilation error: Cannot perform Drop operation on network
 * policy EXAMPLE. The policy is attached to INTEGRATION with name EXAMPLE. Unset the network policy from INTEGRATION and
 * try the Drop operation again."). USER / ACCOUNT and CREATE OR REPLACE use the same text (unsourced).
 */
function inUse(name: string, at: { kind: string; name: string }): SnowflakeError {
  return new SnowflakeError(
    "001492",
    "42601",
    `SQL compilation error:\nCannot perform Drop operation on network policy ${name}. The policy is attached to ${at.kind} with name ${at.name}. Unset the network policy from ${at.kind} and try the Drop operation again.`,
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
        const at = policyAttachment(cat, name);
        if (at) throw inUse(name, at);
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
      applySet(ctx, p, st.props, "CREATE NETWORK POLICY");
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
          applySet(ctx, p, a.props, "ALTER NETWORK POLICY");
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
            const items = ruleRefs(ctx, as, a.type === "add", "ALTER NETWORK POLICY");
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
      const at = policyAttachment(cat, p.name);
      if (at) throw inUse(p.name, at);
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
