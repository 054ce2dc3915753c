/**
 * Network rules (schema objects) and USE DATABASE / USE SCHEMA. Sources per behaviour in FIDELITY.md ("Network rules"):
 * - CREATE https://docs.snowflake.com/en/sql-reference/sql/create-network-rule (CREATE NETWORK RULE on the schema:
 *   "Only the ACCOUNTADMIN and SECURITYADMIN roles, along with the schema owner, have this privilege by default")
 * - ALTER https://docs.snowflake.com/en/sql-reference/sql/alter-network-rule (SET VALUE_LIST replaces; UNSET VALUE_LIST
 *   empties; OWNERSHIP), DROP …/drop-network-rule, DESCRIBE …/desc-network-rule (OWNERSHIP), SHOW …/show-network-rules
 * - A rule a policy uses cannot be dropped: snowflakedb/terraform-provider-snowflake `docs/resources/network_rule.md`
 *   ("A network rule cannot be dropped successfully if it is currently assigned to a network policy")
 * @internal
 */
import { doesNotExist, insufficientPrivileges, invalidProperty, missingProperty, objectExists, SnowflakeError } from "../errors";
import { currentRoleHierarchy, hasAccountPrivilege, isOwner } from "../catalog/privileges";
import { policiesReferencing, qualifiedRuleName } from "../catalog/network-rules";
import type { NetworkRuleRecord, SchemaRecord } from "../catalog/state";
import type { NetworkRuleStatement } from "../sql/ast";
import type { Ident } from "../sql/cursor";
import { likeMatcher, STATUS, stringOf } from "./common";
import { ExecContext, ResultSet, statusResult, STATEMENT_TYPE } from "./context";
import { current, database, databases, schemaNamed, sqlName } from "./tags";
import { checkTypeMode, RULE_MODES, RULE_TYPES, valueList } from "./network-rule-values";
import { describeNetworkRuleResult, showNetworkRulesResult, type ShownRule } from "../shapes/network-rules";

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** `db.schema.rule`, `schema.rule` or `rule` against the session's database and schema (090105 when there is none). */
export function ruleParts(ctx: ExecContext, parts: readonly Ident[], verb: string): [string, string, string] {
  if (parts.length === 3) return [parts[0].name, parts[1].name, parts[2].name];
  if (parts.length === 2) return [current(ctx, "database", verb), parts[0].name, parts[1].name];
  return [current(ctx, "database", verb), current(ctx, "schema", verb), parts[0].name];
}

interface Found {
  schema: SchemaRecord;
  rule: NetworkRuleRecord;
  shown: ShownRule;
  fqn: string;
}

/** The named rule, or 002003 "Network rule 'D.S.R' does not exist or not authorized." (kind wording unsourced). */
export function findRule(ctx: ExecContext, parts: readonly Ident[], verb: string): Found {
  const [d, s, n] = ruleParts(ctx, parts, verb);
  const db = databases(ctx.catalog)[d];
  const schema = db && has(db.schemas, s) ? db.schemas[s] : undefined;
  const rule = schema?.networkRules && has(schema.networkRules, n) ? schema.networkRules[n] : undefined;
  if (!schema || !rule) throw doesNotExist("Network rule", [d, s, n].map(sqlName).join("."));
  return { schema, rule, shown: { database: d, schema: s, rule }, fqn: qualifiedRuleName(d, s, n) };
}

/** OWNERSHIP on the rule (the owner role's hierarchy); others see 002003, as for other objects they cannot see. */
function requireOwner(ctx: ExecContext, f: Found): void {
  if (!isOwner(ctx, f.rule.owner))
    throw doesNotExist("Network rule", [f.shown.database, f.shown.schema, f.rule.name].map(sqlName).join("."));
}

/** CREATE NETWORK RULE on the schema: ACCOUNTADMIN, SECURITYADMIN and the schema owner by default (grants not modelled). */
function requireCreate(ctx: ExecContext, schema: SchemaRecord): void {
  const roles = currentRoleHierarchy(ctx);
  if (roles.has("SECURITYADMIN") || roles.has("ACCOUNTADMIN") || isOwner(ctx, schema.owner)) return;
  throw insufficientPrivileges(`schema '${schema.name}'`);
}

function enumOf(
  ctx: { props: ReadonlyMap<string, { value: { kind: string; value?: unknown } }> },
  prop: string,
  allowed: string[],
): string | undefined {
  const a = ctx.props.get(prop);
  if (!a) return undefined;
  const v = a.value.kind === "ident" || a.value.kind === "string" ? String(a.value.value).toUpperCase() : "";
  // Unsourced code and text (FIDELITY.md).
  if (!allowed.includes(v))
    throw new SnowflakeError("001422", "22023", `SQL compilation error:\ninvalid value '${v}' for property '${prop}'`);
  return v;
}

/** Policies referencing a rule keep it (unsourced code and text, modelled on DROP NETWORK POLICY's 001492). */
function ruleInUse(fqn: string, policy: string): SnowflakeError {
  return new SnowflakeError(
    "001492",
    "42601",
    `SQL compilation error:\nCannot perform Drop operation on network rule ${fqn}. The network rule is attached to NETWORK POLICY with name ${policy}. Unset the network rule from NETWORK POLICY and try the Drop operation again.`,
  );
}

export function executeNetworkRuleStatement(ctx: ExecContext, st: NetworkRuleStatement): ResultSet {
  const cat = ctx.catalog;
  switch (st.kind) {
    case "createNetworkRule": {
      const [d, s, name] = ruleParts(ctx, st.name, "CREATE NETWORK RULE");
      const schema = schemaNamed(cat, d, s);
      requireCreate(ctx, schema);
      for (const p of st.props.keys()) if (!["TYPE", "VALUE_LIST", "MODE", "COMMENT"].includes(p)) throw invalidProperty(p, "NETWORK RULE");
      const type = enumOf(st, "TYPE", RULE_TYPES);
      if (!type) throw missingProperty("TYPE", "NETWORK RULE");
      const values = st.props.get("VALUE_LIST");
      if (!values) throw missingProperty("VALUE_LIST", "NETWORK RULE");
      const mode = enumOf(st, "MODE", RULE_MODES) ?? "INGRESS"; // "Default: INGRESS" (CREATE page)
      checkTypeMode(type, mode);
      const rules = (schema.networkRules ??= {});
      if (has(rules, name)) {
        if (st.ifNotExists) return statusResult(STATUS.alreadyExists(name));
        if (!st.orReplace) throw objectExists("NETWORK RULE", name);
        requireOwner(ctx, { schema, rule: rules[name], shown: { database: d, schema: s, rule: rules[name] }, fqn: "" });
      }
      const comment = st.props.get("COMMENT");
      rules[name] = {
        name,
        owner: ctx.session.role,
        createdOn: ctx.now().toISOString(),
        type,
        mode,
        valueList: valueList(values.value, type, mode),
        comment: comment ? stringOf(comment) : undefined,
      };
      return statusResult(STATUS.created("Network rule", name));
    }
    case "alterNetworkRule": {
      let f: Found;
      try {
        f = findRule(ctx, st.name, "ALTER NETWORK RULE");
      } catch (e) {
        if (st.ifExists && e instanceof SnowflakeError && e.code === "002003") return statusResult(STATUS.ok);
        throw e;
      }
      requireOwner(ctx, f);
      const a = st.action;
      if (a.type === "set") {
        for (const [p, as] of a.props) {
          if (p === "VALUE_LIST") f.rule.valueList = valueList(as.value, f.rule.type, f.rule.mode);
          else if (p === "COMMENT") f.rule.comment = stringOf(as);
          else throw invalidProperty(p, "NETWORK RULE"); // TYPE and MODE cannot change (network-rules guide)
        }
      } else {
        for (const t of a.names) {
          if (t.value === "VALUE_LIST") f.rule.valueList = [];
          else if (t.value === "COMMENT") delete f.rule.comment;
          else throw invalidProperty(t.value, "NETWORK RULE");
        }
      }
      return statusResult(STATUS.ok);
    }
    case "dropNetworkRule": {
      let f: Found;
      try {
        f = findRule(ctx, st.name, "DROP NETWORK RULE");
      } catch (e) {
        if (st.ifExists && e instanceof SnowflakeError && e.code === "002003")
          return statusResult(STATUS.alreadyDropped(st.name[st.name.length - 1].name));
        throw e;
      }
      requireOwner(ctx, f);
      const users = policiesReferencing(cat, f.fqn);
      if (users.length) throw ruleInUse(f.fqn, users[0].name);
      delete f.schema.networkRules?.[f.rule.name];
      return statusResult(STATUS.dropped(f.rule.name));
    }
    case "describeNetworkRule": {
      const f = findRule(ctx, st.name, "DESCRIBE NETWORK RULE");
      requireOwner(ctx, f);
      return describeNetworkRuleResult(f.shown);
    }
    case "showNetworkRules":
      return showRules(ctx, st);
    case "useDatabase": {
      const db = database(cat, st.name.name);
      ctx.session.database = db.name;
      // "USE DATABASE automatically specifies PUBLIC as the current schema, unless the PUBLIC schema doesn't exist."
      ctx.session.schema = has(db.schemas, "PUBLIC") ? "PUBLIC" : undefined;
      return statusResult(STATUS.ok, STATEMENT_TYPE.USE);
    }
    case "useSchema": {
      const d = st.name.length === 2 ? st.name[0].name : current(ctx, "database", "USE SCHEMA");
      const schema = schemaNamed(cat, d, st.name[st.name.length - 1].name);
      ctx.session.database = d;
      ctx.session.schema = schema.name;
      return statusResult(STATUS.ok, STATEMENT_TYPE.USE);
    }
  }
}

/**
 * Scope: IN ACCOUNT; IN DATABASE [d]; IN SCHEMA [[d.]s]; without IN the current database, else the account (SHOW
 * page). Rows the role owns, in schemas it owns, or all with MANAGE GRANTS (USAGE on a schema is approximated by
 * ownership: unsourced). Sorted by name.
 */
function showRules(ctx: ExecContext, st: Extract<NetworkRuleStatement, { kind: "showNetworkRules" }>): ResultSet {
  const cat = ctx.catalog;
  const match = likeMatcher(st.like);
  const all = hasAccountPrivilege(ctx, "MANAGE GRANTS");
  let schemas: { database: string; schema: SchemaRecord }[] = [];
  const inDb = (d: string) => Object.values(database(cat, d).schemas).map((schema) => ({ database: d, schema }));
  const sc = st.scope;
  const named = sc.type === "database" || sc.type === "schema" ? sc.name : undefined;
  // DATABASE or SCHEMA without a name and no current database: "the parameter has no effect" (SHOW page).
  const account = sc.type === "account" || (!named && !ctx.session.database);
  if (account) schemas = Object.values(databases(cat)).flatMap((db) => inDb(db.name));
  else if (sc.type === "default" || (sc.type === "database" && !named)) schemas = inDb(ctx.session.database as string);
  else if (sc.type === "database" && named) schemas = inDb(named[0].name);
  else {
    const d = named && named.length === 2 ? named[0].name : current(ctx, "database", "SHOW NETWORK RULES");
    const s = named ? named[named.length - 1].name : current(ctx, "schema", "SHOW NETWORK RULES");
    schemas = [{ database: d, schema: schemaNamed(cat, d, s) }];
  }
  const out: ShownRule[] = [];
  for (const { database: d, schema } of schemas)
    for (const rule of Object.values(schema.networkRules ?? {}))
      if (match(rule.name) && (all || isOwner(ctx, rule.owner) || isOwner(ctx, schema.owner)))
        out.push({ database: d, schema: schema.name, rule });
  out.sort((a, b) => (a.rule.name < b.rule.name ? -1 : a.rule.name > b.rule.name ? 1 : 0));
  return showNetworkRulesResult(out);
}
