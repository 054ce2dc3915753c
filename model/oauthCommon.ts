/**
 * Properties shared by Snowflake OAuth integrations for custom clients and for partner applications.
 * Sources: https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-snowflake and DESCRIBE
 * rows/defaults as the Terraform provider's live tests assert them (Snowflake-Labs/terraform-provider-snowflake
 * `pkg/sdk/testint/security_integrations_gen_integration_test.go`).
 * @internal
 */
import { liveDefault } from "./sources";
import type { PropSpec } from "./types";

export const OAUTH_CREATE_DOCS = "https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-snowflake";
export const OAUTH_ALTER_DOCS = "https://docs.snowflake.com/en/sql-reference/sql/alter-security-integration-oauth-snowflake";

/** Roles Snowflake treats as privileged for OAuth (docs "Blocking specific roles"; ORGADMIN/GLOBALORGADMIN only exist in org accounts). */
export const PRIVILEGED_ROLES: readonly string[] = ["ACCOUNTADMIN", "GLOBALORGADMIN", "ORGADMIN", "SECURITYADMIN"];
/** The privileged roles every account has; the others of {@link PRIVILEGED_ROLES} exist only in organisation accounts. */
export const ACCOUNT_PRIVILEGED_ROLES: readonly string[] = ["ACCOUNTADMIN", "SECURITYADMIN"];

/** `IS_AGENTIC` (custom clients and External OAuth; 2026 pages: absent from older copies, so older accounts may refuse it). */
export const IS_AGENTIC = {
  doc: "Whether sessions authenticated through this integration are agent sessions (`IS_AGENT_ACTIVATED` returns `TRUE` in them).",
  sql: "IS_AGENTIC",
  kind: "bool",
  set: true,
  reset: "unset",
  default: {
    value: false,
    source: "docs: CREATE and ALTER pages 'Default: FALSE', UNSET IS_AGENTIC listed; DESCRIBE row unsourced, so drift is not detected",
  },
  docs: OAUTH_CREATE_DOCS,
} as const satisfies PropSpec;

export const OAUTH_COMMON = {
  enabled: {
    doc: "Whether the integration is in operation. Left unset means Snowflake's default.",
    defaultDoc: "Default value is `true` (DESCRIBE `property_default`, since behaviour change bundle 2026_01).",
    sql: "ENABLED",
    kind: "bool",
    set: true,
    reset: "unset",
    default: {
      value: true,
      source: liveDefault("true", "assertOauthPartner") + "; UNSET ENABLED live (AlterOauthPartner, AlterOauthCustom)",
    },
    describe: { row: "ENABLED", parse: "bool" },
    docs: OAUTH_CREATE_DOCS,
  },
  oauthIssueRefreshTokens: {
    doc: "Whether to let the client exchange a refresh token for an access token once the current one expires.",
    sql: "OAUTH_ISSUE_REFRESH_TOKENS",
    kind: "bool",
    set: true,
    reset: "setDefault",
    default: { value: true, source: liveDefault("true", "assertOauthPartner") },
    describe: { row: "OAUTH_ISSUE_REFRESH_TOKENS", parse: "bool" },
    docs: OAUTH_CREATE_DOCS,
  },
  oauthRefreshTokenValidity: {
    doc: "How long refresh tokens are valid, in seconds.",
    sql: "OAUTH_REFRESH_TOKEN_VALIDITY",
    kind: "int",
    set: true,
    reset: "setDefault",
    range: {
      min: 60,
      max: 7776000,
      source:
        "live: 12345 and 22222 accepted on a custom client (TF testint CreateOauthCustom, AlterOauthCustom); the CREATE page's 86400 minimum for custom clients is contradicted, live wins; 60 is the lowest minimum any docs page gives (ALTER page partner table), nothing below 12345 is shown on a custom client",
    },
    default: { value: 7776000, source: liveDefault("7776000", "assertOauthPartner, for every client type") },
    describe: { row: "OAUTH_REFRESH_TOKEN_VALIDITY", parse: "int" },
    docs: OAUTH_CREATE_DOCS,
  },
  oauthAccessTokenValidity: {
    doc: "How long access tokens are valid, in seconds. DESCRIBE may not show it, in which case drift is not detected.",
    sql: "OAUTH_ACCESS_TOKEN_VALIDITY",
    kind: "int",
    set: true,
    reset: "setDefault",
    range: { min: 60, max: 3600, source: "docs: CREATE and ALTER pages, OAUTH_ACCESS_TOKEN_VALIDITY (no live assertion)" },
    default: { value: 600, source: "docs: CREATE page 'Default: 600'; no live test asserts its DESCRIBE row" },
    describe: { row: "OAUTH_ACCESS_TOKEN_VALIDITY", parse: "int" },
    docs: OAUTH_CREATE_DOCS,
  },
  oauthSingleUseRefreshTokensRequired: {
    doc: "Whether each refresh token may be used only once (a new one is issued with every access token).",
    sql: "OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED",
    kind: "bool",
    set: true,
    reset: "setDefault",
    default: { value: false, source: "docs: CREATE page 'Default: FALSE'; DESCRIBE row unsourced (no live assertion)" },
    describe: { row: "OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED", parse: "bool" },
    docs: OAUTH_CREATE_DOCS,
  },
  oauthUseSecondaryRoles: {
    doc: "Secondary roles of the session: `IMPLICIT` activates the user's default secondary roles, `NONE` none. Must be `NONE` when `allowedRolesList` is set.",
    sql: "OAUTH_USE_SECONDARY_ROLES",
    kind: "enum",
    values: ["IMPLICIT", "NONE"],
    set: true,
    reset: "unset",
    default: { value: "NONE", source: liveDefault("NONE", "assertOauthPartner") + "; UNSET live (AlterOauthPartner)" },
    describe: { row: "OAUTH_USE_SECONDARY_ROLES", parse: "string" },
    docs: OAUTH_CREATE_DOCS,
  },
  networkPolicy: {
    doc: 'Network policy that restricts where OAuth token requests may come from, by name as written in SQL (`my_np` resolves to `MY_NP`; write `"my_np"` for a case-sensitive name). Pass a `NetworkPolicy`\'s `name`.',
    sql: "NETWORK_POLICY",
    kind: "identifierRef",
    set: true,
    reset: "unset",
    default: {
      value: "",
      source:
        "DESCRIBE shows '' after UNSET NETWORK_POLICY on a custom client (TF testint AlterOauthCustom); for partner applications UNSET NETWORK_POLICY is unsourced (the ALTER page's partner UNSET list is ENABLED | COMMENT)",
    },
    describe: { row: "NETWORK_POLICY", parse: "string" },
    docs: OAUTH_CREATE_DOCS,
  },
  allowedRolesList: {
    doc: "Roles a user may consent to; any other role is refused. Requires `oauthUseSecondaryRoles` `NONE`. A role also in `blockedRolesList` stays blocked (docs: a role must be in ALLOWED_ROLES_LIST and not in BLOCKED_ROLES_LIST).",
    defaultDoc: "Default: empty (every role not blocked).",
    sql: "ALLOWED_ROLES_LIST",
    kind: "roleList",
    set: true,
    reset: "setEmpty",
    default: {
      value: [],
      source:
        "live: DESCRIBE value '' when empty (Snowflake-Labs/terraform-provider-snowflake pkg/testacc/resource_oauth_integration_for_partner_applications_acceptance_test.go); its default is not asserted",
    },
    describe: { row: "ALLOWED_ROLES_LIST", parse: "commaList" },
    docs: OAUTH_CREATE_DOCS,
  },
  blockedRolesList: {
    doc: "Roles a user may not consent to. This is the list you declare; while the account parameter `OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST` is `TRUE` Snowflake also blocks ACCOUNTADMIN, SECURITYADMIN (and ORGADMIN in organisation accounts) and shows them in DESCRIBE; see the `effectiveBlockedRoles` output. While it is `TRUE`, a list naming only some of those roles is refused at preview (003629; `privilegedParam` drives the check).",
    defaultDoc: "Default: empty (plus the privileged roles while the account parameter is `TRUE`).",
    sql: "BLOCKED_ROLES_LIST",
    kind: "roleList",
    set: true,
    reset: "setEmpty",
    default: {
      value: [],
      source:
        "live: DESCRIBE value '' with the parameter FALSE, ACCOUNTADMIN,SECURITYADMIN with it TRUE (Snowflake-Labs/terraform-provider-snowflake pkg/testacc/resource_oauth_integration_for_partner_applications_acceptance_test.go, ..._WithPrivilegedRolesBlockedList); SET BLOCKED_ROLES_LIST = () live",
    },
    privilegedParam: "OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST",
    describe: { row: "BLOCKED_ROLES_LIST", parse: "commaList" },
    docs: OAUTH_CREATE_DOCS,
  },
  usePrivatelinkForAuthorizationEndpoint: {
    doc: "Whether the authorization endpoint is reached over private connectivity.",
    sql: "USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT",
    kind: "bool",
    set: true,
    reset: "setDefault",
    default: { value: false, source: "docs: CREATE page 'Default: FALSE'; DESCRIBE row unsourced (no live assertion)" },
    describe: { row: "USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT", parse: "bool" },
    docs: OAUTH_CREATE_DOCS,
  },
  comment: {
    doc: "A comment.",
    sql: "COMMENT",
    kind: "string",
    set: true,
    reset: "unset",
    default: {
      value: "",
      source: liveDefault("''", "assertOauthPartner") + "; UNSET COMMENT: docs ALTER page (live tests clear it with COMMENT = '')",
    },
    describe: { row: "COMMENT", parse: "string" },
    docs: OAUTH_CREATE_DOCS,
  },
} as const satisfies Record<string, PropSpec>;
