/**
 * Values of security-integration properties: choosing the kind table at CREATE, coercing each
 * literal by its row's value kind, and the checks across values (privileged roles, cross-field rules).
 * Sources: the kind tables (objects/integration-kinds.ts); unsourced codes/wording in FIDELITY.md.
 * @internal
 */
import { doesNotExist, invalidProperty, invalidValue, NotSupported, SnowflakeError, syntaxError } from "../errors";
import { parseRsaPublicKey } from "../auth/rsa";
import {
  EXTERNAL_OAUTH_PRIVILEGED_PARAM,
  EXTERNAL_OAUTH_TYPES,
  IntegrationEnv,
  kindId,
  OAUTH_CLIENTS,
  OAUTH_PRIVILEGED_PARAM,
  PRIVILEGED_ROLES,
  PropertyName,
  PropertyValue,
} from "../objects/integration";
import { findRow, KIND_TABLES, KindRow, KindTable } from "../objects/integration-kinds";
import { Assignment, Value, valueText } from "../sql/cursor";
import { resolveNameString } from "./common";
import { ExecContext } from "./context";

/** The required OAUTH_CLIENT / EXTERNAL_OAUTH_TYPE value, one of `allowed`. */
function subKind(assignments: ReadonlyMap<string, Assignment>, prop: string, allowed: readonly string[]): string {
  const a = assignments.get(prop);
  if (!a) throw missingProperty(prop);
  const v = rawEnum(a.value);
  if (!allowed.includes(v)) throw invalidValue(valueText(a.value), prop);
  return v;
}

/** TYPE (+ OAUTH_CLIENT or EXTERNAL_OAUTH_TYPE) choose the kind table. */
export function tableForCreate(assignments: ReadonlyMap<string, Assignment>): KindTable {
  const typeA = assignments.get("TYPE");
  if (!typeA) throw missingProperty("TYPE");
  const type = rawEnum(typeA.value);
  if (type === "OAUTH") return KIND_TABLES[kindId("OAUTH", subKind(assignments, "OAUTH_CLIENT", OAUTH_CLIENTS))];
  if (type === "EXTERNAL_OAUTH")
    return KIND_TABLES[kindId("EXTERNAL_OAUTH", subKind(assignments, "EXTERNAL_OAUTH_TYPE", EXTERNAL_OAUTH_TYPES))];
  if (["SAML2", "SCIM", "API_AUTHENTICATION", "OAUTH2"].includes(type))
    throw new NotSupported(`CREATE SECURITY INTEGRATION TYPE = ${type}`);
  throw invalidValue(valueText(typeA.value), "TYPE");
}

export function rawEnum(v: Value): string {
  if (v.kind === "ident" && v.parts.length === 1) return v.value.toUpperCase();
  if (v.kind === "string") return v.value.toUpperCase();
  return valueText(v);
}

export function enumValue(row: KindRow, v: Value): string {
  const spec = row.def.value;
  const allowed = spec.kind === "enum" || spec.kind === "kind" ? spec.values : [];
  const s = rawEnum(v);
  if ((v.kind !== "ident" && v.kind !== "string") || !allowed.includes(s)) throw invalidValue(valueText(v), row.def.name);
  return s;
}

/** Syntax error at a value token of the wrong literal kind (e.g. an identifier where a string is required). */
export function wrongLiteral(v: Value): SnowflakeError {
  return syntaxError(v.token.line, v.token.col, v.token.text);
}

/** Raw value → stored value, validated against the row's value kind and the kind's range/limits. */
export function coerce(ctx: ExecContext, row: KindRow, v: Value): PropertyValue {
  const spec = row.def.value;
  const name = row.def.name;
  const shown = (): string => (row.def.secret ? "***" : valueText(v));
  switch (spec.kind) {
    case "bool":
      if (v.kind === "bool") return v.value;
      if (v.kind === "string" && /^(true|false)$/i.test(v.value)) return v.value.toLowerCase() === "true";
      throw invalidValue(shown(), name);
    case "int": {
      if (v.kind !== "number" || !Number.isInteger(v.value)) throw invalidValue(shown(), name);
      if (row.range && (v.value < row.range[0] || v.value > row.range[1])) throw invalidValue(v.text, name);
      return v.value;
    }
    case "enum":
    case "kind":
      return enumValue(row, v);
    case "text":
      if (v.kind !== "string") throw wrongLiteral(v);
      return v.value;
    case "uri": {
      if (v.kind !== "string") throw wrongLiteral(v);
      let ok = false;
      try {
        ok = /^https?:$/.test(new URL(v.value).protocol);
      } catch {
        ok = false;
      }
      if (!ok) throw invalidValue(v.value, name);
      return v.value;
    }
    case "char":
      if (v.kind !== "string") throw wrongLiteral(v);
      if ([...v.value].length !== 1) throw invalidValue(v.value, name);
      return v.value;
    case "roles": {
      if (v.kind !== "list") throw wrongLiteral(v);
      const out: string[] = [];
      for (const item of v.items) {
        let role: string;
        if (item.kind === "ident" && item.parts.length === 1) role = item.value;
        else if (item.kind === "string") role = resolveNameString(item.value);
        else throw wrongLiteral(item);
        if (!ctx.catalog.roles[role]) throw doesNotExist("Role", role);
        if (!out.includes(role)) out.push(role);
      }
      return out;
    }
    case "texts": {
      const items = v.kind === "string" ? [v] : v.kind === "list" ? v.items : undefined;
      if (!items) throw wrongLiteral(v);
      const out: string[] = [];
      for (const item of items) {
        if (item.kind !== "string") throw wrongLiteral(item);
        out.push(item.value);
      }
      if (row.maxItems !== undefined && out.length > row.maxItems) throw invalidValue(valueText(v), name);
      return out;
    }
    case "key":
      if (v.kind !== "string") throw wrongLiteral(v);
      parseRsaPublicKey(v.value, { allowEc: spec.ec });
      return v.value;
    case "policy": {
      let policy: string;
      if (v.kind === "string") policy = resolveNameString(v.value);
      else if (v.kind === "ident" && v.parts.length === 1) policy = v.value.toUpperCase();
      else throw wrongLiteral(v);
      if (policy === "") return "";
      if (!ctx.catalog.networkPolicies[policy]) {
        throw new SnowflakeError("002003", "02000", `SQL compilation error:\nNetwork policy ${policy} does not exist or not authorized.`);
      }
      return policy;
    }
    case "derived":
      throw invalidProperty(name, "INTEGRATION");
  }
}

/** Missing required property at CREATE (wording and code chosen without a source: FIDELITY.md). */
export function missingProperty(name: string): SnowflakeError {
  return new SnowflakeError("001422", "22023", `SQL compilation error:\nmissing required property '${name}' for 'INTEGRATION'`);
}

/**
 * 003629 (snowflakedb/terraform-provider-snowflake issue #3171; the message is truncated there, FIDELITY.md). While the account parameter is TRUE, a statement may not stop
 * blocking a privileged role: a blocked list naming some but not all privileged roles, or a
 * pre-authorized/allowed list naming one, is refused. Naming all of them, or none, is fine.
 */
export function checkPrivilegedRoles(table: KindTable, values: Record<string, PropertyValue>, env: IntegrationEnv): void {
  const param = table.type === "OAUTH" ? OAUTH_PRIVILEGED_PARAM : EXTERNAL_OAUTH_PRIVILEGED_PARAM;
  if (!env.accountParameter(param)) return;
  for (const [name, v] of Object.entries(values)) {
    const row = findRow(table, name);
    if (!row || row.def.value.kind !== "roles" || !Array.isArray(v)) continue;
    const named = PRIVILEGED_ROLES.filter((r) => v.includes(r));
    const isBlockedList = row.def.value.privilegedParam !== undefined;
    if (isBlockedList ? named.length > 0 && named.length < PRIVILEGED_ROLES.length : named.length > 0) {
      throw new SnowflakeError(
        "003629",
        "42501",
        `Roles [${[...PRIVILEGED_ROLES].sort().join(", ")}] are blocked since the account parameter ${param} is set to TRUE.`,
      );
    }
  }
}

export function checkRules(table: KindTable, values: Record<string, PropertyValue>): void {
  const get = (p: PropertyName): PropertyValue | undefined => {
    const row = findRow(table, p);
    if (!row) return undefined;
    return values[p] !== undefined ? values[p] : row.default;
  };
  for (const rule of table.rules) {
    const bad = rule.check(get);
    if (bad) throw invalidValue(bad.value, bad.property);
  }
}
