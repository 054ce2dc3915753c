/**
 * External OAuth (`TYPE = EXTERNAL_OAUTH`, `EXTERNAL_OAUTH_TYPE = OKTA | AZURE | PING_FEDERATE | CUSTOM`).
 * Based on https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-external and
 * https://docs.snowflake.com/en/sql-reference/sql/alter-security-integration-oauth-external ; DESCRIBE shapes from
 * `shared/reference/snowflake-sql.md` §5.3.
 * @internal
 */
import { conflicting, onlyForKinds } from "./rules";
import type { ObjectSpec, PropSpec } from "./types";

export const EXTERNAL_CREATE_DOCS = "https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-external";
export const EXTERNAL_TYPES = ["OKTA", "AZURE", "PING_FEDERATE", "CUSTOM"] as const;

export const EXTERNAL_OAUTH_TABLE = {
  /** The authorization server: `OKTA`, `AZURE`, `PING_FEDERATE` or `CUSTOM`. Required. */
  externalOAuthType: {
    sql: "EXTERNAL_OAUTH_TYPE", kind: "enum", values: EXTERNAL_TYPES, required: true, set: true, reset: "replace",
    docs: EXTERNAL_CREATE_DOCS,
  },
  /** Whether the integration is in operation (always written at CREATE, whose syntax requires it). Default value is `true`. */
  enabled: {
    sql: "ENABLED", kind: "bool", set: true, reset: "unset", alwaysAtCreate: true,
    default: { value: true, source: "docs; DESCRIBE property_default (BCR 2026_01)" },
    describe: { row: "ENABLED", parse: "bool" }, docs: EXTERNAL_CREATE_DOCS,
  },
  /** The `iss` claim of the tokens (the authorization server's URL). Required. */
  externalOAuthIssuer: {
    sql: "EXTERNAL_OAUTH_ISSUER", kind: "string", required: true, set: true, reset: "replace",
    describe: { row: "EXTERNAL_OAUTH_ISSUER", parse: "string" }, docs: EXTERNAL_CREATE_DOCS,
  },
  /** Token claim(s) that carry the Snowflake user (e.g. `["sub"]`, `["upn"]`). Required. */
  externalOAuthTokenUserMappingClaim: {
    sql: "EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM", kind: "stringList", required: true, set: true, reset: "replace",
    describe: { row: "EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM", parse: "bracketList" }, docs: EXTERNAL_CREATE_DOCS,
  },
  /** Which user attribute the claim is matched against: `LOGIN_NAME` or `EMAIL_ADDRESS`. Required. */
  externalOAuthSnowflakeUserMappingAttribute: {
    sql: "EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE", kind: "enum", values: ["LOGIN_NAME", "EMAIL_ADDRESS"], literal: "quoted",
    required: true, set: true, reset: "replace",
    describe: { row: "EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE", parse: "string" }, docs: EXTERNAL_CREATE_DOCS,
  },
  /**
   * URL(s) of the server's JSON Web Key Set (up to 3 for `AZURE`, otherwise 1). Exclusive with `rsaPublicKeys`.
   * Cannot be unset: removing it replaces the integration. Default: none.
   */
  externalOAuthJwsKeysUrl: {
    sql: "EXTERNAL_OAUTH_JWS_KEYS_URL", kind: "stringList", set: true, reset: "replace", maxItems: 1, maxItemsByKind: { AZURE: 3 },
    default: { value: [], source: "DESCRIBE shows ''" },
    describe: { row: "EXTERNAL_OAUTH_JWS_KEYS_URL", parse: "bracketList" }, docs: EXTERNAL_CREATE_DOCS,
  },
  /**
   * Roles that may not be used with External OAuth tokens (exclusive with `externalOAuthAllowedRolesList`). While the
   * account parameter `EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST` is `TRUE` Snowflake also blocks
   * ACCOUNTADMIN, SECURITYADMIN (and ORGADMIN); see `effectiveBlockedRoles`. While it is `TRUE`, a list naming only
   * some of those roles is refused at preview (003629; `privilegedParam` drives the check). Default: empty.
   */
  externalOAuthBlockedRolesList: {
    sql: "EXTERNAL_OAUTH_BLOCKED_ROLES_LIST", kind: "roleList", set: true, reset: "setEmpty",
    default: { value: [], source: "DESCRIBE property_default `[]`" },
    privilegedParam: "EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST",
    describe: { row: "EXTERNAL_OAUTH_BLOCKED_ROLES_LIST", parse: "commaList" }, docs: EXTERNAL_CREATE_DOCS,
  },
  /** The only roles tokens may use (exclusive with `externalOAuthBlockedRolesList`). Default: empty (no restriction). */
  externalOAuthAllowedRolesList: {
    sql: "EXTERNAL_OAUTH_ALLOWED_ROLES_LIST", kind: "roleList", set: true, reset: "setEmpty",
    default: { value: [], source: "DESCRIBE property_default `[]`" },
    describe: { row: "EXTERNAL_OAUTH_ALLOWED_ROLES_LIST", parse: "commaList" }, docs: EXTERNAL_CREATE_DOCS,
  },
  /** Accepted `aud` values besides the account URL (several only for `CUSTOM`). Default: empty. */
  externalOAuthAudienceList: {
    sql: "EXTERNAL_OAUTH_AUDIENCE_LIST", kind: "stringList", set: true, reset: "unset", maxItems: 1, maxItemsByKind: { CUSTOM: 1000 },
    default: { value: [], source: "DESCRIBE property_default `[]`" },
    describe: { row: "EXTERNAL_OAUTH_AUDIENCE_LIST", parse: "commaList" }, docs: EXTERNAL_CREATE_DOCS,
  },
  /** Whether a token may use any role the user has: `DISABLE`, `ENABLE` or `ENABLE_FOR_PRIVILEGE`. Default value is `DISABLE`. */
  externalOAuthAnyRoleMode: {
    sql: "EXTERNAL_OAUTH_ANY_ROLE_MODE", kind: "enum", values: ["DISABLE", "ENABLE", "ENABLE_FOR_PRIVILEGE"], set: true,
    reset: "setDefault", default: { value: "DISABLE", source: "DESCRIBE value when never set (its property_default is '')" },
    describe: { row: "EXTERNAL_OAUTH_ANY_ROLE_MODE", parse: "string" }, docs: EXTERNAL_CREATE_DOCS,
  },
  /** One character separating scopes in the token (`CUSTOM` only). Default value is `,`. */
  externalOAuthScopeDelimiter: {
    sql: "EXTERNAL_OAUTH_SCOPE_DELIMITER", kind: "string", kinds: ["CUSTOM"], set: true, reset: "setDefault",
    default: { value: ",", source: "DESCRIBE property_default" },
    describe: { row: "EXTERNAL_OAUTH_SCOPE_DELIMITER", parse: "string" }, docs: EXTERNAL_CREATE_DOCS,
  },
  /** Token claim holding the scopes, `scp` or `scope` (`CUSTOM` only). Default value is `scp`. */
  externalOAuthScopeMappingAttribute: {
    sql: "EXTERNAL_OAUTH_SCOPE_MAPPING_ATTRIBUTE", kind: "string", kinds: ["CUSTOM"], set: true, reset: "setDefault",
    default: { value: "scp", source: "DESCRIBE property_default" },
    describe: { row: "EXTERNAL_OAUTH_SCOPE_MAPPING_ATTRIBUTE", parse: "string" }, docs: EXTERNAL_CREATE_DOCS,
  },
  /**
   * Network policy by name as written in SQL (pass a `NetworkPolicy`'s `name`). Default: none (cleared with
   * `NETWORK_POLICY = ''`: the External OAuth ALTER syntax has no UNSET for it).
   */
  networkPolicy: {
    sql: "NETWORK_POLICY", kind: "identifierRef", set: true, reset: "setDefault",
    default: { value: "", source: "none; ALTER docs list only ENABLED and EXTERNAL_OAUTH_AUDIENCE_LIST as UNSET-able, so it is cleared with NETWORK_POLICY = ''" },
    describe: { row: "NETWORK_POLICY", parse: "string" }, docs: EXTERNAL_CREATE_DOCS,
  },
  /** A comment. Default: none. */
  comment: {
    sql: "COMMENT", kind: "string", set: true, reset: "setDefault",
    default: { value: "", source: "DESCRIBE shows ''; ALTER docs list no UNSET COMMENT, so it is cleared with COMMENT = ''" },
    describe: { row: "COMMENT", parse: "string" }, docs: EXTERNAL_CREATE_DOCS,
  },
} as const satisfies Record<string, PropSpec>;

/** RSA key slots; DESCRIBE shows the raw key text (fingerprinted by the provider). */
export const EXTERNAL_OAUTH_KEY_SLOTS = {
  slot1: { sql: "EXTERNAL_OAUTH_RSA_PUBLIC_KEY", describeRow: "EXTERNAL_OAUTH_RSA_PUBLIC_KEY", shows: "raw" },
  slot2: { sql: "EXTERNAL_OAUTH_RSA_PUBLIC_KEY_2", describeRow: "EXTERNAL_OAUTH_RSA_PUBLIC_KEY_2", shows: "raw" },
} as const;

export const EXTERNAL_OAUTH: ObjectSpec = {
  resource: "ExternalOAuthIntegration",
  createNoun: "SECURITY INTEGRATION",
  alterNoun: "SECURITY INTEGRATION",
  describeNoun: "INTEGRATION",
  fixedCreate: () => "TYPE = EXTERNAL_OAUTH",
  subKindArg: "externalOAuthType",
  table: EXTERNAL_OAUTH_TABLE,
  rules: [
    conflicting(["externalOAuthBlockedRolesList", "externalOAuthAllowedRolesList"], "Snowflake takes a blocked list or an allowed list, not both"),
    conflicting(["externalOAuthJwsKeysUrl", "rsaPublicKeys"], "tokens are verified either with the JWS keys URL or with RSA public keys"),
    {
      name: "jwsOrKey",
      fields: ["externalOAuthJwsKeysUrl", "rsaPublicKeys"],
      check: (i) => {
        const has = (v: unknown) => Array.isArray(v) && v.length > 0;
        return has(i.externalOAuthJwsKeysUrl) || has(i.rsaPublicKeys)
          ? []
          : [{ property: "externalOAuthJwsKeysUrl", reason: "one of externalOAuthJwsKeysUrl or rsaPublicKeys is required to verify tokens" }];
      },
    },
    onlyForKinds("externalOAuthScopeDelimiter", "externalOAuthType", ["CUSTOM"]),
    onlyForKinds("externalOAuthScopeMappingAttribute", "externalOAuthType", ["CUSTOM"]),
    {
      name: "scopeDelimiterOneChar",
      fields: ["externalOAuthScopeDelimiter"],
      check: (i) =>
        typeof i.externalOAuthScopeDelimiter === "string" && [...i.externalOAuthScopeDelimiter].length !== 1
          ? [{ property: "externalOAuthScopeDelimiter", reason: "must be exactly one character" }]
          : [],
    },
  ],
  docs: EXTERNAL_CREATE_DOCS,
};
