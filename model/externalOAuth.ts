/**
 * External OAuth (`TYPE = EXTERNAL_OAUTH`, `EXTERNAL_OAUTH_TYPE = OKTA | AZURE | PING_FEDERATE | CUSTOM`).
 * Based on https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-external and
 * https://docs.snowflake.com/en/sql-reference/sql/alter-security-integration-oauth-external ; DESCRIBE rows as the
 * Terraform provider's live tests assert them (Snowflake-Labs/terraform-provider-snowflake
 * `pkg/sdk/testint/security_integrations_gen_integration_test.go`).
 * @internal
 */
import {
  ALLOW_REPLACING_ALL_KEYS,
  INTEGRATION_NAME,
  STORED_NAME,
  adoptExisting,
  described,
  effectiveBlockedRoles,
  keySlotOutputs,
  rsaPublicKeys,
} from "./common";
import { IS_AGENTIC } from "./oauthCommon";
import type { ResourceModel } from "./resource";
import { INTEGRATION_TAGS, TAGS } from "./tags";
import { liveDefault } from "./sources";
import { conflicting, httpsUrls, onlyForKinds } from "./rules";
import type { KeySlotSpec, ObjectSpec, PropSpec } from "./types";

export const EXTERNAL_CREATE_DOCS = "https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-external";
export const EXTERNAL_ALTER_DOCS = "https://docs.snowflake.com/en/sql-reference/sql/alter-security-integration-oauth-external";
export const EXTERNAL_TYPES = ["OKTA", "AZURE", "PING_FEDERATE", "CUSTOM"] as const;

export const EXTERNAL_OAUTH_TABLE = {
  externalOAuthType: {
    doc: "The authorization server: `OKTA`, `AZURE`, `PING_FEDERATE` or `CUSTOM`.",
    sql: "EXTERNAL_OAUTH_TYPE",
    kind: "enum",
    values: EXTERNAL_TYPES,
    required: true,
    set: true,
    reset: "replace",
    docs: EXTERNAL_CREATE_DOCS,
  },
  enabled: {
    doc: "Whether the integration is in operation (always written at CREATE, whose syntax requires it).",
    sql: "ENABLED",
    kind: "bool",
    set: true,
    reset: "unset",
    alwaysAtCreate: true,
    default: { value: true, source: liveDefault("true", "assertExternalOauth") },
    describe: { row: "ENABLED", parse: "bool" },
    docs: EXTERNAL_CREATE_DOCS,
  },
  externalOAuthIssuer: {
    doc: "The `iss` claim of the tokens (the authorization server's URL).",
    sql: "EXTERNAL_OAUTH_ISSUER",
    kind: "string",
    required: true,
    set: true,
    reset: "replace",
    describe: { row: "EXTERNAL_OAUTH_ISSUER", parse: "string" },
    docs: EXTERNAL_CREATE_DOCS,
  },
  externalOAuthTokenUserMappingClaim: {
    doc: 'Token claim(s) that carry the Snowflake user (e.g. `["sub"]`, `["upn"]`).',
    sql: "EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM",
    kind: "stringList",
    required: true,
    set: true,
    reset: "replace",
    describe: { row: "EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM", parse: "bracketList" },
    docs: EXTERNAL_CREATE_DOCS,
  },
  externalOAuthSnowflakeUserMappingAttribute: {
    doc: "Which user attribute the claim is matched against: `LOGIN_NAME` or `EMAIL_ADDRESS`.",
    sql: "EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE",
    kind: "enum",
    values: ["LOGIN_NAME", "EMAIL_ADDRESS"],
    literal: "quoted",
    required: true,
    set: true,
    reset: "replace",
    describe: { row: "EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE", parse: "string" },
    docs: EXTERNAL_CREATE_DOCS,
  },
  externalOAuthJwsKeysUrl: {
    doc: "URL(s) of the server's JSON Web Key Set. Exclusive with `rsaPublicKeys`. Cannot be unset: removing it replaces the integration.",
    sql: "EXTERNAL_OAUTH_JWS_KEYS_URL",
    kind: "stringList",
    set: true,
    reset: "replace",
    maxItems: 1,
    maxItemsByKind: { AZURE: 3 },
    default: { value: [], source: liveDefault("''", "assertExternalOauth") + "; at most 3 URLs for AZURE, 1 otherwise: docs CREATE page" },
    describe: { row: "EXTERNAL_OAUTH_JWS_KEYS_URL", parse: "bracketList" },
    docs: EXTERNAL_CREATE_DOCS,
  },
  externalOAuthBlockedRolesList: {
    doc: "Roles that may not be used with External OAuth tokens (exclusive with `externalOAuthAllowedRolesList`). While the account parameter `EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST` is `TRUE` Snowflake also blocks ACCOUNTADMIN, SECURITYADMIN (and ORGADMIN); see `effectiveBlockedRoles`. While it is `TRUE`, a list naming only some of those roles is refused at preview (003629; `privilegedParam` drives the check).",
    sql: "EXTERNAL_OAUTH_BLOCKED_ROLES_LIST",
    kind: "roleList",
    set: true,
    reset: "setEmpty",
    default: {
      value: [],
      source:
        "live: DESCRIBE value '' with the parameter FALSE, the privileged roles with it TRUE (Snowflake-Labs/terraform-provider-snowflake pkg/testacc/resource_external_oauth_integration_account_level_acceptance_test.go)",
    },
    privilegedParam: "EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST",
    describe: { row: "EXTERNAL_OAUTH_BLOCKED_ROLES_LIST", parse: "commaList" },
    docs: EXTERNAL_CREATE_DOCS,
  },
  externalOAuthAllowedRolesList: {
    doc: "The only roles tokens may use (exclusive with `externalOAuthBlockedRolesList`).",
    defaultDoc: "Default: empty (no restriction).",
    sql: "EXTERNAL_OAUTH_ALLOWED_ROLES_LIST",
    kind: "roleList",
    set: true,
    reset: "setEmpty",
    default: { value: [], source: liveDefault("[]", "assertExternalOauth") },
    describe: { row: "EXTERNAL_OAUTH_ALLOWED_ROLES_LIST", parse: "commaList" },
    docs: EXTERNAL_CREATE_DOCS,
  },
  externalOAuthAudienceList: {
    doc: "Accepted `aud` values besides the account URL (several only for `CUSTOM`).",
    sql: "EXTERNAL_OAUTH_AUDIENCE_LIST",
    kind: "stringList",
    set: true,
    reset: "unset",
    maxItems: 1,
    maxItemsByKind: { CUSTOM: 1000 },
    default: {
      value: [],
      source:
        liveDefault("[]", "assertExternalOauth") + "; UNSET EXTERNAL_OAUTH_AUDIENCE_LIST live (AlterExternalOauth with other options)",
    },
    describe: { row: "EXTERNAL_OAUTH_AUDIENCE_LIST", parse: "commaList" },
    docs: EXTERNAL_CREATE_DOCS,
  },
  externalOAuthAnyRoleMode: {
    doc: "Whether a token may use any role the user has: `DISABLE`, `ENABLE` or `ENABLE_FOR_PRIVILEGE`.",
    sql: "EXTERNAL_OAUTH_ANY_ROLE_MODE",
    kind: "enum",
    values: ["DISABLE", "ENABLE", "ENABLE_FOR_PRIVILEGE"],
    set: true,
    reset: "setDefault",
    default: {
      value: "DISABLE",
      source: liveDefault(
        "'' (value DISABLE when never set: TF testacc TestAcc_ExternalOauthIntegration_BasicUseCase)",
        "assertExternalOauth",
      ),
    },
    describe: { row: "EXTERNAL_OAUTH_ANY_ROLE_MODE", parse: "string" },
    docs: EXTERNAL_CREATE_DOCS,
  },
  externalOAuthScopeDelimiter: {
    doc: "One character separating scopes in the token (`CUSTOM` only).",
    sql: "EXTERNAL_OAUTH_SCOPE_DELIMITER",
    kind: "string",
    kinds: ["CUSTOM"],
    set: true,
    reset: "setDefault",
    default: { value: ",", source: liveDefault("','", "assertExternalOauth") },
    describe: { row: "EXTERNAL_OAUTH_SCOPE_DELIMITER", parse: "string" },
    docs: EXTERNAL_CREATE_DOCS,
  },
  externalOAuthScopeMappingAttribute: {
    doc: "Token claim holding the scopes (`CUSTOM` only). The CREATE page allows only `scp` or `scope`, but a live CREATE accepted `foo` (TF testacc TestAcc_ExternalOauthIntegration_migrateFromVersion092_withRsaPublicKeysAndBlockedRolesList), so any claim name is accepted. The ALTER page has no SET for it: a change replaces the integration.",
    sql: "EXTERNAL_OAUTH_SCOPE_MAPPING_ATTRIBUTE",
    kind: "string",
    kinds: ["CUSTOM"],
    set: false,
    reset: "replace",
    immutable: true,
    default: { value: "scp", source: liveDefault("'scp'", "assertExternalOauth") },
    describe: { row: "EXTERNAL_OAUTH_SCOPE_MAPPING_ATTRIBUTE", parse: "string" },
    docs: EXTERNAL_CREATE_DOCS,
  },
  isAgentic: { ...IS_AGENTIC, docs: EXTERNAL_CREATE_DOCS },
  networkPolicy: {
    doc: "Network policy by name as written in SQL (pass a `NetworkPolicy`'s `name`).",
    defaultDoc:
      "Default: none. Cleared with `NETWORK_POLICY = ''`, which no source shows: the ALTER page's UNSET list has no NETWORK_POLICY.",
    sql: "NETWORK_POLICY",
    kind: "identifierRef",
    set: true,
    reset: "setDefault",
    default: {
      value: "",
      source:
        "unsourced: the ALTER page's UNSET list is ENABLED | EXTERNAL_OAUTH_AUDIENCE_LIST | IS_AGENTIC, and neither the docs nor the Terraform provider's live tests clear a network policy on External OAuth; NETWORK_POLICY = '' is our choice",
    },
    describe: { row: "NETWORK_POLICY", parse: "string" },
    docs: EXTERNAL_CREATE_DOCS,
  },
  comment: {
    doc: "A comment.",
    sql: "COMMENT",
    kind: "string",
    set: true,
    reset: "setDefault",
    default: {
      value: "",
      source:
        liveDefault("''", "assertExternalOauth") +
        "; the ALTER page has no UNSET COMMENT, and the Terraform provider clears it with COMMENT = '' (live)",
    },
    describe: { row: "COMMENT", parse: "string" },
    docs: EXTERNAL_CREATE_DOCS,
  },
} as const satisfies Record<string, PropSpec>;

/** RSA key slots; DESCRIBE shows the raw key text (fingerprinted by the provider). */
export const EXTERNAL_OAUTH_KEY_SLOTS: KeySlotSpec = {
  slot1: { sql: "EXTERNAL_OAUTH_RSA_PUBLIC_KEY", describeRow: "EXTERNAL_OAUTH_RSA_PUBLIC_KEY", shows: "raw" },
  slot2: { sql: "EXTERNAL_OAUTH_RSA_PUBLIC_KEY_2", describeRow: "EXTERNAL_OAUTH_RSA_PUBLIC_KEY_2", shows: "raw" },
  // The ALTER page's UNSET list has only ENABLED and EXTERNAL_OAUTH_AUDIENCE_LIST (EXTERNAL_ALTER_DOCS).
  cannotBeUnset: true,
};

export const EXTERNAL_OAUTH: ObjectSpec = {
  resource: "ExternalOAuthIntegration",
  createNoun: "SECURITY INTEGRATION",
  alterNoun: "SECURITY INTEGRATION",
  describeNoun: "INTEGRATION",
  fixedCreate: () => "TYPE = EXTERNAL_OAUTH",
  subKindArg: "externalOAuthType",
  table: EXTERNAL_OAUTH_TABLE,
  rules: [
    conflicting(
      ["externalOAuthBlockedRolesList", "externalOAuthAllowedRolesList"],
      "Snowflake takes a blocked list or an allowed list, not both",
    ),
    conflicting(["externalOAuthJwsKeysUrl", "rsaPublicKeys"], "tokens are verified either with the JWS keys URL or with RSA public keys"),
    {
      name: "jwsOrKey",
      fields: ["externalOAuthJwsKeysUrl", "rsaPublicKeys"],
      check: (i) => {
        const has = (v: unknown) => Array.isArray(v) && v.length > 0;
        return has(i.externalOAuthJwsKeysUrl) || has(i.rsaPublicKeys)
          ? []
          : [
              {
                property: "externalOAuthJwsKeysUrl",
                reason: "one of externalOAuthJwsKeysUrl or rsaPublicKeys is required to verify tokens",
              },
            ];
      },
    },
    httpsUrls("externalOAuthJwsKeysUrl", "the CREATE page: the HTTPS URL(s) to download public keys or certificates from"),
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
  namesAreUnique: true,
  tags: INTEGRATION_TAGS,
};

export const EXTERNAL_OAUTH_INTEGRATION: ResourceModel = {
  className: "ExternalOAuthIntegration",
  typeName: "ExternalOAuthIntegration",
  kind: "external-oauth",
  providerKind: "externalOAuthIntegration",
  summary:
    "An External OAuth security integration (Okta, Azure AD, PingFederate or a custom authorization server), diffed against `DESCRIBE INTEGRATION`.",
  example: [
    "```typescript",
    'new ExternalOAuthIntegration("okta", {',
    '    externalOAuthType: "OKTA",',
    '    externalOAuthIssuer: "https://example.okta.com/oauth2/default",',
    '    externalOAuthJwsKeysUrl: ["https://example.okta.com/oauth2/default/v1/keys"],',
    '    externalOAuthTokenUserMappingClaim: ["sub"],',
    '    externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",',
    '    externalOAuthAudienceList: ["https://example.snowflakecomputing.com"],',
    "});",
    "```",
    "",
    "```sql",
    "CREATE SECURITY INTEGRATION OKTA TYPE = EXTERNAL_OAUTH EXTERNAL_OAUTH_TYPE = OKTA",
    "  EXTERNAL_OAUTH_ISSUER = 'https://example.okta.com/oauth2/default' EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM = ('sub')",
    "  EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE = 'LOGIN_NAME'",
    "  EXTERNAL_OAUTH_JWS_KEYS_URL = ('https://example.okta.com/oauth2/default/v1/keys')",
    "  EXTERNAL_OAUTH_AUDIENCE_LIST = ('https://example.snowflakecomputing.com')",
    "DESCRIBE INTEGRATION OKTA",
    "```",
  ].join("\n"),
  docs: [EXTERNAL_CREATE_DOCS, EXTERNAL_ALTER_DOCS],
  object: EXTERNAL_OAUTH,
  inputs: { name: INTEGRATION_NAME },
  trailingInputs: {
    rsaPublicKeys: rsaPublicKeys(
      "The 0–2 RSA public keys tokens are verified with (exclusive with `externalOAuthJwsKeysUrl`). DESCRIBE shows the raw " +
        "keys; they are compared by fingerprint. Snowflake cannot UNSET these slots, so a removed key's slot is overwritten " +
        "with the key that stays.",
    ),
    allowReplacingAllKeys: ALLOW_REPLACING_ALL_KEYS,
    tags: TAGS,
    adoptExisting: adoptExisting("an integration"),
  },
  outputs: {
    storedName: STORED_NAME,
    ...keySlotOutputs("EXTERNAL_OAUTH_RSA_PUBLIC_KEY", "EXTERNAL_OAUTH_RSA_PUBLIC_KEY_2"),
    effectiveBlockedRoles: effectiveBlockedRoles("EXTERNAL_OAUTH_BLOCKED_ROLES_LIST"),
    described: described("DESCRIBE INTEGRATION"),
  },
  keySlots: EXTERNAL_OAUTH_KEY_SLOTS,
  echoedInputs: ["name", "externalOAuthType"],
};
