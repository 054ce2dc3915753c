/**
 * Reading a stored integration through its kind table: effective values (defaults applied),
 * DESCRIBE INTEGRATION rows (https://docs.snowflake.com/en/sql-reference/sql/desc-integration),
 * typed settings for the OAuth endpoints and the effective blocked roles.
 * @internal
 */
import { IntegrationRecord, PropertyValue, PropertyName, PRIVILEGED_ROLES, IntegrationEnv, DescribeType } from "./integration";
import { KindRow, kindTable, findRow, asList } from "./integration-kinds";

// ---------------------------------------------------------------------------------------------
// Values: effective value, DESCRIBE formatting

/** The value in effect: explicitly set, else the kind's default. NETWORK_POLICY lives in `rec.networkPolicy`. */
export function effectiveValue(rec: IntegrationRecord, row: KindRow): PropertyValue | undefined {
  const v = row.def.name === "NETWORK_POLICY" ? rec.networkPolicy : rec.properties[row.def.name];
  return v !== undefined ? v : row.default;
}

/** Declared roles ∪ privileged roles (while the account parameter is TRUE), sorted — what DESCRIBE and the endpoints use. */
export function effectiveRoleList(
  declared: readonly string[],
  privilegedParam: string | undefined,
  env: Pick<IntegrationEnv, "accountParameter">,
): string[] {
  const set = new Set(declared);
  if (privilegedParam && env.accountParameter(privilegedParam)) for (const r of PRIVILEGED_ROLES) set.add(r);
  return [...set].sort();
}

function formatValue(row: KindRow, v: PropertyValue | undefined): string {
  if (v === undefined) return "";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) {
    const spec = row.def.value;
    if (spec.kind === "texts" && spec.display === "python") return v.length === 0 ? "" : "[" + v.map((s) => `'${s}'`).join(", ") + "]";
    return v.join(",");
  }
  return v;
}

/** One DESCRIBE INTEGRATION row: property, property_type, property_value, property_default. */
export type DescribeRow = [string, DescribeType, string, string];

/** DESCRIBE INTEGRATION rows for this record, in the kind table's order. */
export function describeRows(rec: IntegrationRecord, env: IntegrationEnv): DescribeRow[] {
  const table = kindTable(rec);
  const out: DescribeRow[] = [];
  for (const row of table.rows) {
    const d = row.def.describe;
    if (!d) continue;
    const spec = row.def.value;
    let value: string;
    if (spec.kind === "derived") value = spec.derive(rec, env);
    else if (spec.kind === "roles") value = effectiveRoleList(asList(effectiveValue(rec, row)), spec.privilegedParam, env).join(",");
    else value = formatValue(row, effectiveValue(rec, row));
    out.push([row.def.name, d.type, value, row.describeDefault ?? d.default]);
  }
  return out;
}

/** Typed reading of one setting for the OAuth endpoints (defaults applied). */
export function setting(rec: IntegrationRecord, name: PropertyName): PropertyValue | undefined {
  const row = findRow(kindTable(rec), name);
  return row ? effectiveValue(rec, row) : undefined;
}

/** Effective blocked roles for this integration (declared ∪ privileged while the parameter is TRUE). */
export function blockedRoles(rec: IntegrationRecord, env: Pick<IntegrationEnv, "accountParameter">): string[] {
  const name = rec.type === "OAUTH" ? "BLOCKED_ROLES_LIST" : "EXTERNAL_OAUTH_BLOCKED_ROLES_LIST";
  const row = findRow(kindTable(rec), name);
  if (!row || row.def.value.kind !== "roles") return [];
  return effectiveRoleList(asList(effectiveValue(rec, row)), row.def.value.privilegedParam, env);
}
