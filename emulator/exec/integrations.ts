/**
 * Executes the security-integration statements (CREATE / ALTER SET / UNSET / REFRESH / DESCRIBE /
 * SHOW / DROP) and SYSTEM$SHOW_OAUTH_CLIENT_SECRETS against the statement's catalog draft.
 * What each property accepts comes from the kind tables in `objects/integration-kinds.ts` (values: integration-values.ts); this file never
 * lists properties. Every check runs before the draft is touched, so a failing statement changes nothing.
 * @internal
 */
import { doesNotExist, invalidProperty, invalidValue, NotSupported, objectExists } from "../errors";
import { hasAnyPrivilegeOn, requireAccountPrivilege, requireOwnership } from "../catalog/privileges";
import { IntegrationEnv, IntegrationRecord, kindId, newClientId, newClientSecret, PropertyValue } from "../objects/integration";
import { findRow, KIND_TABLES, KindRow, kindTable } from "../objects/integration-kinds";
import { describeRows, setting } from "../objects/integration-settings";
import { describeIntegrationResult } from "../shapes/describe-integration";
import { showIntegrationsResult } from "../shapes/show-integrations";
import { IntegrationStatement } from "../sql/integration-grammar";
import type { Catalog } from "../catalog/state";
import { checkPrivilegedRoles, checkRules, coerce, enumValue, missingProperty, tableForCreate } from "./integration-values";
import { accountParameter } from "./account";
import { likeMatcher, STATUS } from "./common";
import { ExecContext, ResultSet, statusResult } from "./context";

/** Execute a parsed integration statement against `ctx.catalog` (a draft committed on success). */
export function executeIntegrationStatement(ctx: ExecContext, stmt: IntegrationStatement): ResultSet {
  switch (stmt.kind) {
    case "createIntegration":
      return create(ctx, stmt);
    case "alterIntegrationSet":
      return alterSet(ctx, stmt);
    case "alterIntegrationUnset":
      return alterUnset(ctx, stmt);
    case "alterIntegrationRefresh":
      return refresh(ctx, stmt);
    case "describeIntegration":
      return describe(ctx, stmt);
    case "showIntegrations":
      return show(ctx, stmt);
    case "dropIntegration":
      return drop(ctx, stmt);
    default:
      return assertNever(stmt);
  }
}

function assertNever(x: never): never {
  throw new NotSupported(`integration statement ${JSON.stringify(x)}`);
}

/**
 * `SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('NAME')`: compact JSON with upper-case keys in Snowflake's
 * order (SECRET_2, SECRET, ID). The name is a case-sensitive string. Owner only (FIDELITY.md).
 */
export function showOAuthClientSecrets(ctx: ExecContext, name: string): string {
  const rec = ctx.catalog.integrations[name];
  if (!rec || !hasAnyPrivilegeOn(ctx, "INTEGRATION", name, rec.owner)) throw doesNotExist("Integration", name);
  requireOwnership(ctx, "integration", name, rec.owner);
  if (rec.type !== "OAUTH" || rec.subtype !== "CUSTOM") {
    throw invalidValue(name, "integration_name");
  }
  return JSON.stringify({
    OAUTH_CLIENT_SECRET_2: rec.oauthClientSecret2 ?? null,
    OAUTH_CLIENT_SECRET: rec.oauthClientSecret ?? null,
    OAUTH_CLIENT_ID: rec.oauthClientId ?? null,
  });
}

/** The account/emulator facts the kind tables need (also used by the OAuth endpoints). */
export function envOf(catalog: Readonly<Catalog>, baseUrl: string): IntegrationEnv {
  const urls = [baseUrl];
  const alt = baseUrl.replace("//127.0.0.1", "//localhost");
  if (alt !== baseUrl) urls.push(alt);
  return { accountUrls: urls, accountParameter: (p) => accountParameter(catalog, p).toLowerCase() === "true" };
}

function integrationEnv(ctx: Pick<ExecContext, "catalog" | "emulator">): IntegrationEnv {
  return envOf(ctx.catalog, ctx.emulator.url());
}

// ---------------------------------------------------------------------------------------------
// Statements

type Stmt<K extends IntegrationStatement["kind"]> = Extract<IntegrationStatement, { kind: K }>;

function create(ctx: ExecContext, s: Stmt<"createIntegration">): ResultSet {
  requireAccountPrivilege(ctx, "CREATE INTEGRATION");
  const name = s.name.name;
  const existing = ctx.catalog.integrations[name];
  if (existing) {
    if (s.ifNotExists) return statusResult(STATUS.alreadyExists(name));
    if (!s.orReplace) throw objectExists("Integration", name);
    requireOwnership(ctx, "integration", name, existing.owner);
  }
  const table = tableForCreate(s.assignments);
  const env = integrationEnv(ctx);
  const properties: Record<string, PropertyValue> = {};
  for (const a of s.assignments.values()) {
    const row = findRow(table, a.name);
    if (!row || row.create === "no") throw invalidProperty(a.name, "INTEGRATION");
    if (row.def.value.kind === "kind") continue; // TYPE / OAUTH_CLIENT / EXTERNAL_OAUTH_TYPE chose the table
    properties[a.name] = coerce(ctx, row, a.value);
  }
  for (const row of table.rows) {
    if (row.create === "required" && !s.assignments.has(row.def.name)) throw missingProperty(row.def.name);
  }
  checkPrivilegedRoles(table, properties, env);
  checkRules(table, properties);
  const rec: IntegrationRecord = {
    name,
    type: table.type,
    subtype: table.subtype,
    properties,
    owner: ctx.session.role,
    createdOn: ctx.now().toISOString(),
  };
  if (table.type === "OAUTH") {
    rec.oauthClientId = newClientId();
    rec.oauthClientSecret = newClientSecret();
    rec.oauthClientSecret2 = newClientSecret();
  }
  syncNetworkPolicy(rec);
  if (existing) dropTokensOf(ctx, existing);
  ctx.catalog.integrations[name] = rec;
  return statusResult(STATUS.created("Integration", name));
}

function alterSet(ctx: ExecContext, s: Stmt<"alterIntegrationSet">): ResultSet {
  const rec = findForAlter(ctx, s.name.name, s.ifExists);
  if (!rec) return statusResult(STATUS.ok);
  let table = kindTable(rec);
  const typeChange = s.assignments.get("EXTERNAL_OAUTH_TYPE");
  if (typeChange && table.type === "EXTERNAL_OAUTH") {
    table = KIND_TABLES[kindId("EXTERNAL_OAUTH", enumValue(findRow(table, "EXTERNAL_OAUTH_TYPE") as KindRow, typeChange.value))];
  }
  const changes: Record<string, PropertyValue> = {};
  for (const a of s.assignments.values()) {
    const row = findRow(table, a.name);
    if (!row || !row.set) throw invalidProperty(a.name, "INTEGRATION");
    if (row.def.value.kind === "kind") {
      const v = enumValue(row, a.value);
      if (a.name === "TYPE" && v !== table.type) throw invalidValue(v, "TYPE");
      continue;
    }
    changes[a.name] = coerce(ctx, row, a.value);
  }
  // Properties the new kind does not take are dropped when EXTERNAL_OAUTH_TYPE changes (FIDELITY.md).
  const kept = Object.fromEntries(
    Object.entries(rec.properties).filter(([k]) => {
      const row = findRow(table, k);
      return row !== undefined && row.create !== "no";
    }),
  );
  const merged = { ...kept, ...changes };
  checkPrivilegedRoles(table, changes, integrationEnv(ctx));
  checkRules(table, merged);
  rec.properties = merged;
  rec.subtype = table.subtype;
  syncNetworkPolicy(rec);
  return statusResult(STATUS.ok);
}

function alterUnset(ctx: ExecContext, s: Stmt<"alterIntegrationUnset">): ResultSet {
  const rec = findForAlter(ctx, s.name.name, s.ifExists);
  if (!rec) return statusResult(STATUS.ok);
  const table = kindTable(rec);
  const merged = { ...rec.properties };
  for (const t of s.names) {
    const row = findRow(table, t.value);
    if (!row || !row.unset) throw invalidProperty(t.value, "INTEGRATION");
    delete merged[t.value];
  }
  checkRules(table, merged);
  rec.properties = merged;
  syncNetworkPolicy(
    rec,
    s.names.some((t) => t.value === "NETWORK_POLICY"),
  );
  return statusResult(STATUS.ok);
}

function refresh(ctx: ExecContext, s: Stmt<"alterIntegrationRefresh">): ResultSet {
  const rec = findForAlter(ctx, s.name.name, s.ifExists);
  if (!rec) return statusResult(STATUS.ok);
  if (rec.type !== "OAUTH") throw invalidProperty(s.secret, "INTEGRATION");
  if (s.secret === "OAUTH_CLIENT_SECRET") rec.oauthClientSecret = newClientSecret();
  else rec.oauthClientSecret2 = newClientSecret();
  return statusResult(STATUS.ok);
}

function describe(ctx: ExecContext, s: Stmt<"describeIntegration">): ResultSet {
  const name = s.name.name;
  const rec = ctx.catalog.integrations[name];
  if (!rec || !hasAnyPrivilegeOn(ctx, "INTEGRATION", name, rec.owner)) throw doesNotExist("Integration", name);
  return describeIntegrationResult(describeRows(rec, integrationEnv(ctx)));
}

function show(ctx: ExecContext, s: Stmt<"showIntegrations">): ResultSet {
  if (s.category === "OTHER") return showIntegrationsResult([]);
  const like = likeMatcher(s.like);
  const rows = Object.values(ctx.catalog.integrations)
    .filter((r) => like(r.name))
    .filter((r) => hasAnyPrivilegeOn(ctx, "INTEGRATION", r.name, r.owner))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((r) => {
      const comment = r.properties.COMMENT;
      return {
        name: r.name,
        type: kindId(r.type, r.subtype),
        category: "SECURITY" as const,
        enabled: setting(r, "ENABLED") === true,
        comment: typeof comment === "string" ? comment : null,
        createdOn: r.createdOn,
      };
    });
  return showIntegrationsResult(rows);
}

function drop(ctx: ExecContext, s: Stmt<"dropIntegration">): ResultSet {
  const name = s.name.name;
  const rec = ctx.catalog.integrations[name];
  if (!rec || !hasAnyPrivilegeOn(ctx, "INTEGRATION", name, rec.owner)) {
    if (s.ifExists) return statusResult(STATUS.alreadyDropped(name));
    throw doesNotExist("Integration", name);
  }
  requireOwnership(ctx, "integration", name, rec.owner);
  dropTokensOf(ctx, rec);
  delete ctx.catalog.integrations[name];
  return statusResult(STATUS.dropped(name));
}

// ---------------------------------------------------------------------------------------------
// Helpers

function findForAlter(ctx: ExecContext, name: string, ifExists: boolean): IntegrationRecord | undefined {
  const rec = ctx.catalog.integrations[name];
  if (!rec || !hasAnyPrivilegeOn(ctx, "INTEGRATION", name, rec.owner)) {
    if (ifExists) return undefined;
    throw doesNotExist("Integration", name);
  }
  requireOwnership(ctx, "integration", name, rec.owner);
  return rec;
}

/**
 * NETWORK_POLICY lives in `rec.networkPolicy` (the core updates it when a policy is renamed), not in
 * `properties`: move a value set by the statement there. `unset` = the statement unset it.
 */
function syncNetworkPolicy(rec: IntegrationRecord, unset = false): void {
  const np = rec.properties.NETWORK_POLICY;
  if (np !== undefined) {
    if (typeof np === "string" && np !== "") rec.networkPolicy = np;
    else delete rec.networkPolicy;
    delete rec.properties.NETWORK_POLICY;
  } else if (unset) delete rec.networkPolicy;
}

/** Forget every code/token issued through this integration (DROP, CREATE OR REPLACE). */
function dropTokensOf(ctx: ExecContext, rec: IntegrationRecord): void {
  if (!rec.oauthClientId) return;
  const st = ctx.catalog.oauth;
  for (const m of [st.codes, st.accessTokens, st.refreshTokens] as Record<string, { clientId: string }>[]) {
    for (const [k, v] of Object.entries(m)) if (v.clientId === rec.oauthClientId) delete m[k];
  }
}
