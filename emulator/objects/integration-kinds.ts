/**
 * The per-kind tables: for each security-integration kind, which properties CREATE requires or
 * accepts, which ALTER SET/UNSET takes, defaults, ranges and cross-field rules, in DESCRIBE order.
 * Sources: the docs pages named in each table (`docs`) and TF live tests
 * `pkg/sdk/testint/security_integrations_gen_integration_test.go` (defaults); unsourced choices in FIDELITY.md.
 * @internal
 */
import {
  IntegrationRecord,
  IntegrationType,
  OAuthClient,
  ExternalOAuthType,
  KindId,
  PropertyValue,
  PropertyDef,
  PROPERTY_DEFS,
  PropertyName,
  OAUTH_CLIENTS,
  EXTERNAL_OAUTH_TYPES,
  kindId,
  kindOf,
} from "./integration";

// ---------------------------------------------------------------------------------------------
// Per-kind tables

/** How one kind treats one property. */
export interface Usage {
  /** At CREATE: must be given, may be given, or rejected (invalid property for this kind). */
  readonly create: "required" | "optional" | "no";
  /** Accepted by ALTER ... SET. A property accepted at CREATE but not here is immutable. */
  readonly set: boolean;
  /** Accepted by ALTER ... UNSET (back to the default). */
  readonly unset: boolean;
  /** Behavioural value when never set (what DESCRIBE prints as the value). */
  readonly default?: PropertyValue;
  /** Inclusive range for ints. */
  readonly range?: readonly [number, number];
  /** Most list items allowed (texts). */
  readonly maxItems?: number;
  /** DESCRIBE property_default for this kind when it differs from the definition's. */
  readonly describeDefault?: string;
}

export interface KindRow extends Usage {
  readonly def: PropertyDef;
}

/** A kind's table: rows in DESCRIBE order (rows whose def has no DESCRIBE shape print nothing). */
export interface KindTable {
  readonly kind: KindId;
  readonly type: IntegrationType;
  readonly subtype: OAuthClient | ExternalOAuthType;
  readonly rows: readonly KindRow[];
  /** Cross-field rules (data, evaluated on the merged values after CREATE/ALTER). */
  readonly rules: readonly CrossRule[];
  /** Docs page the table copies. */
  readonly docs: string;
}

const D = PROPERTY_DEFS;
const R = (d: PropertyDef, u: Usage): KindRow => ({ def: d, ...u });
const FIXED: Usage = { create: "required", set: false, unset: false };
const DERIVED: Usage = { create: "no", set: false, unset: false };
const SHOWN_ONLY = (dflt?: PropertyValue): Usage => ({ create: "no", set: false, unset: false, default: dflt });
const opt = (extra: Partial<Usage> = {}): Usage => ({ create: "optional", set: true, unset: false, ...extra });

const OAUTH_DOCS = "https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-snowflake";
const EXTERNAL_DOCS = "https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-external";

/** Rules shared by the Snowflake OAuth kinds. */
export interface CrossRule {
  /** Human name for tests and FIDELITY.md. */
  readonly name: string;
  /** Returns the offending property and value, or undefined when the values are fine. */
  check(get: (p: PropertyName) => PropertyValue | undefined): { property: string; value: string } | undefined;
}

export const asList = (v: PropertyValue | undefined): string[] => (Array.isArray(v) ? v : []);

const RULE_SECONDARY_ROLES_WITH_ALLOWED: CrossRule = {
  name: "ALLOWED_ROLES_LIST requires OAUTH_USE_SECONDARY_ROLES = NONE",
  check: (get) =>
    asList(get("ALLOWED_ROLES_LIST")).length > 0 && get("OAUTH_USE_SECONDARY_ROLES") === "IMPLICIT"
      ? { property: "OAUTH_USE_SECONDARY_ROLES", value: "IMPLICIT" }
      : undefined,
};
const ruleNotBoth = (allowed: PropertyName, blocked: PropertyName): CrossRule => ({
  name: `a role may not be in both ${allowed} and ${blocked}`,
  check: (get) => {
    const b = new Set(asList(get(blocked)));
    const both = asList(get(allowed)).find((r) => b.has(r));
    return both === undefined ? undefined : { property: allowed, value: both };
  },
});
const RULE_TLS: CrossRule = {
  name: "OAUTH_REDIRECT_URI must use https unless OAUTH_ALLOW_NON_TLS_REDIRECT_URI = TRUE",
  check: (get) => {
    if (get("OAUTH_ALLOW_NON_TLS_REDIRECT_URI") === true) return undefined;
    for (const p of ["OAUTH_REDIRECT_URI", "OAUTH_ALTERNATE_REDIRECT_URIS"] as const) {
      const v = get(p);
      for (const u of Array.isArray(v) ? v : typeof v === "string" ? [v] : []) {
        if (!/^https:\/\//i.test(u)) return { property: p, value: u };
      }
    }
    return undefined;
  },
};
const RULE_EXTERNAL_KEYS: CrossRule = {
  name: "exactly one of EXTERNAL_OAUTH_JWS_KEYS_URL and EXTERNAL_OAUTH_RSA_PUBLIC_KEY",
  check: (get) => {
    const urls = asList(get("EXTERNAL_OAUTH_JWS_KEYS_URL"));
    const key = get("EXTERNAL_OAUTH_RSA_PUBLIC_KEY");
    const hasKey = typeof key === "string" && key !== "";
    if (urls.length > 0 && hasKey) return { property: "EXTERNAL_OAUTH_JWS_KEYS_URL", value: urls.join(",") };
    if (urls.length === 0 && !hasKey) return { property: "EXTERNAL_OAUTH_JWS_KEYS_URL", value: "" };
    return undefined;
  },
};

/** Snowflake OAuth for custom clients. Row order: the 2021 DESC dump, then newer rows (FIDELITY.md). */
function oauthTable(client: OAuthClient): KindTable {
  const custom = client === "CUSTOM";
  const partner = !custom;
  // OAUTH_REFRESH_TOKEN_VALIDITY bounds (FIDELITY.md: "docs (partial) / unsourced"). Live accounts accepted 12345 and
  // 22222 on CUSTOM and LOOKER and 3600 / 86400 on TABLEAU_DESKTOP, and a fresh TABLEAU_DESKTOP shows 7776000
  // (Snowflake-Labs/terraform-provider-snowflake pkg/sdk/testint/security_integrations_gen_integration_test.go
  // CreateOauthCustom / CreateOauthPartner / AlterOauth*; pkg/testacc/resource_oauth_integration_for_partner_applications_acceptance_test.go
  // TestAcc_OauthIntegrationForPartnerApplications_BasicTableauDesktop), so the docs' 86400 minimum (custom) and 36000
  // maximum (Tableau Desktop) are not enforced. Bounds: 60 (lowest documented minimum, ALTER page table) to 7776000
  // (every page's maximum); LOOKER 3600 (CREATE page partner minimum). The default is 7776000 for every kind.
  const validity: readonly [number, number] = client === "LOOKER" ? [3600, 7776000] : [60, 7776000];
  // Partners: what the partner ALTER syntax lists is settable; the rest is shown with its default only.
  const customOnly = (u: Usage): Usage => (custom ? u : SHOWN_ONLY(u.default));
  const rows: KindRow[] = [
    R(D.TYPE, FIXED),
    R(D.OAUTH_CLIENT, FIXED),
    R(D.ENABLED, { create: "optional", set: true, unset: true, default: true }),
    R(D.OAUTH_REDIRECT_URI, custom || client === "LOOKER" ? { create: "required", set: true, unset: false } : SHOWN_ONLY("")),
    R(D.OAUTH_CLIENT_TYPE, custom ? FIXED : SHOWN_ONLY(client === "TABLEAU_DESKTOP" ? "PUBLIC" : "CONFIDENTIAL")),
    R(D.OAUTH_ISSUE_REFRESH_TOKENS, opt({ default: true })),
    R(D.OAUTH_REFRESH_TOKEN_VALIDITY, opt({ default: 7776000, range: validity })),
    R(D.OAUTH_ENFORCE_PKCE, customOnly(opt({ default: false }))),
    R(D.OAUTH_CLIENT_ID, DERIVED),
    R(D.OAUTH_AUTHORIZATION_ENDPOINT, DERIVED),
    R(D.OAUTH_TOKEN_ENDPOINT, DERIVED),
    R(D.PRE_AUTHORIZED_ROLES_LIST, customOnly(opt({ default: [] }))),
    R(D.BLOCKED_ROLES_LIST, opt({ default: [] })),
    R(D.OAUTH_ALLOW_NON_TLS_REDIRECT_URI, customOnly(opt({ default: false }))),
    R(D.OAUTH_CLIENT_RSA_PUBLIC_KEY, custom ? { create: "optional", set: true, unset: true } : DERIVED),
    R(D.OAUTH_CLIENT_RSA_PUBLIC_KEY_FP, DERIVED),
    R(D.OAUTH_CLIENT_RSA_PUBLIC_KEY_2, custom ? { create: "optional", set: true, unset: true } : DERIVED),
    R(D.OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP, DERIVED),
    R(D.NETWORK_POLICY, { create: "optional", set: true, unset: true, default: "" }),
    R(D.OAUTH_USE_SECONDARY_ROLES, { create: "optional", set: true, unset: true, default: "NONE" }),
    R(D.COMMENT, { create: "optional", set: true, unset: true, default: "" }),
    R(D.ALLOWED_ROLES_LIST, opt({ default: [] })),
    R(D.OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED, opt({ default: false })),
    R(D.OAUTH_ACCESS_TOKEN_VALIDITY, opt({ default: 600, range: [60, 3600] })),
    R(D.USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT, opt({ default: false })),
    R(D.OAUTH_ANY_ROLE_MODE, customOnly(opt({ default: "DISABLE" }))),
    R(D.OAUTH_ENABLE_ROLE_SELECTION, customOnly(opt({ default: false }))),
    R(D.OAUTH_ALTERNATE_REDIRECT_URIS, customOnly(opt({ default: [] }))),
    // CREATE page custom section; ALTER page custom SET and UNSET lists. Not in the partner syntax.
    R(D.IS_AGENTIC, custom ? { create: "optional", set: true, unset: true, default: false } : DERIVED),
    R(D.OAUTH_ALLOWED_AUTHORIZATION_ENDPOINTS, DERIVED),
    R(D.OAUTH_ALLOWED_TOKEN_ENDPOINTS, DERIVED),
  ];
  // No overlap rule between the allowed (or pre-authorized) and blocked lists: the CREATE page calls ALLOWED_ROLES_LIST
  // "complementary to BLOCKED_ROLES_LIST. If both are specified, a role must be in ALLOWED_ROLES_LIST and not in
  // BLOCKED_ROLES_LIST to be used" (blocked wins at authorization time; oauth/authorize.ts).
  const rules: CrossRule[] = [RULE_SECONDARY_ROLES_WITH_ALLOWED];
  // Partners: no TLS rule (live LOOKER integrations with `http://example.com` at CREATE and ALTER, TF testint
  // CreateOauthPartner / AlterOauthPartner); custom clients: CREATE page, "must be protected by TLS … unless … TRUE".
  if (!partner) rules.push(RULE_TLS);
  return { kind: kindId("OAUTH", client), type: "OAUTH", subtype: client, rows, rules, docs: OAUTH_DOCS };
}

/** External OAuth. Row order follows the TF live test's property list (FIDELITY.md). */
function externalTable(t: ExternalOAuthType): KindTable {
  const custom = t === "CUSTOM";
  const rows: KindRow[] = [
    R(D.TYPE, { create: "required", set: true, unset: false }),
    R(D.EXTERNAL_OAUTH_TYPE, { create: "required", set: true, unset: false }),
    R(D.ENABLED, { create: "required", set: true, unset: true, default: true }),
    R(D.EXTERNAL_OAUTH_ISSUER, { create: "required", set: true, unset: false }),
    R(D.EXTERNAL_OAUTH_JWS_KEYS_URL, opt({ default: [], maxItems: t === "AZURE" ? 3 : 1 })),
    R(D.EXTERNAL_OAUTH_ANY_ROLE_MODE, opt({ default: "DISABLE" })),
    // Any string at CREATE on CUSTOM (live `'foo'`: TF testacc
    // TestAcc_ExternalOauthIntegration_migrateFromVersion092_withRsaPublicKeysAndBlockedRolesList); the ALTER page's SET
    // syntax does not list it, so ALTER ... SET refuses it (TF emits it, never live-tested: FIDELITY.md, unsourced).
    R(
      D.EXTERNAL_OAUTH_SCOPE_MAPPING_ATTRIBUTE,
      custom ? { create: "optional", set: false, unset: false, default: "scp" } : SHOWN_ONLY("scp"),
    ),
    R(D.EXTERNAL_OAUTH_RSA_PUBLIC_KEY, opt({ default: "" })),
    R(D.EXTERNAL_OAUTH_RSA_PUBLIC_KEY_2, opt({ default: "" })),
    R(D.EXTERNAL_OAUTH_BLOCKED_ROLES_LIST, opt({ default: [] })),
    R(D.EXTERNAL_OAUTH_ALLOWED_ROLES_LIST, opt({ default: [] })),
    R(D.EXTERNAL_OAUTH_AUDIENCE_LIST, { create: "optional", set: true, unset: true, default: [], maxItems: custom ? 100 : 1 }),
    R(D.EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM, { create: "required", set: true, unset: false, maxItems: 100 }),
    R(D.EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE, { create: "required", set: true, unset: false }),
    R(D.EXTERNAL_OAUTH_SCOPE_DELIMITER, custom ? opt({ default: "," }) : SHOWN_ONLY(",")),
    R(D.NETWORK_POLICY, { create: "optional", set: true, unset: false, default: "" }),
    R(D.COMMENT, { create: "optional", set: true, unset: false, default: "" }),
    // CREATE/ALTER External OAuth pages (2026): SET and UNSET IS_AGENTIC, "Default: FALSE". No DESCRIBE row (none sourced).
    R(D.IS_AGENTIC, { create: "optional", set: true, unset: true, default: false }),
  ];
  const rules = [ruleNotBoth("EXTERNAL_OAUTH_ALLOWED_ROLES_LIST", "EXTERNAL_OAUTH_BLOCKED_ROLES_LIST"), RULE_EXTERNAL_KEYS];
  return { kind: kindId("EXTERNAL_OAUTH", t), type: "EXTERNAL_OAUTH", subtype: t, rows, rules, docs: EXTERNAL_DOCS };
}

/** The eight tables, by kind. */
export const KIND_TABLES: Readonly<Record<KindId, KindTable>> = Object.fromEntries(
  [...OAUTH_CLIENTS.map((c) => oauthTable(c)), ...EXTERNAL_OAUTH_TYPES.map((t) => externalTable(t))].map((t) => [t.kind, t]),
) as Record<KindId, KindTable>;

export function kindTable(rec: Pick<IntegrationRecord, "type" | "subtype">): KindTable {
  return KIND_TABLES[kindOf(rec)];
}

export function findRow(table: KindTable, name: string): KindRow | undefined {
  return table.rows.find((r) => r.def.name === name);
}

/** Is `name` a property of any kind (as opposed to a word Snowflake does not know at all)? */
export function isKnownProperty(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(PROPERTY_DEFS, name);
}
