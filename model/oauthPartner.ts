/**
 * Snowflake OAuth for partner applications (`TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP | TABLEAU_SERVER | LOOKER`).
 * Based on https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-snowflake (partner
 * applications). Per-partner differences are the `kinds`/`rangeByKind`
 * entries below.
 * @internal
 */
import { CLIENT_SECRET_ROTATION, INTEGRATION_NAME, STORED_NAME, adoptExisting, described, effectiveBlockedRoles } from "./common";
import { OAUTH_ALTER_DOCS, OAUTH_COMMON, OAUTH_CREATE_DOCS } from "./oauthCommon";
import type { ResourceModel } from "./resource";
import { INTEGRATION_TAGS, TAGS } from "./tags";
import { absoluteUri, secondaryRolesWithAllowed } from "./rules";
import type { ObjectSpec, PropSpec } from "./types";

export const PARTNER_CLIENTS = ["TABLEAU_DESKTOP", "TABLEAU_SERVER", "LOOKER"] as const;

export const OAUTH_PARTNER_TABLE = {
  oauthClient: {
    doc: "The partner application: `TABLEAU_DESKTOP`, `TABLEAU_SERVER` (Tableau Cloud) or `LOOKER`.",
    sql: "OAUTH_CLIENT",
    kind: "enum",
    values: PARTNER_CLIENTS,
    required: true,
    set: false,
    reset: "replace",
    immutable: true,
    docs: OAUTH_CREATE_DOCS,
  },
  oauthRedirectUri: {
    doc: "Looker's redirect URI. Only accepted with `LOOKER`. Snowflake accepts `http://` here (live: TF testint CreateOauthPartner creates LOOKER with `http://example.com`); the TLS rule of the CREATE page is for custom clients.",
    sql: "OAUTH_REDIRECT_URI",
    kind: "string",
    kinds: ["LOOKER"],
    requiredForKinds: ["LOOKER"],
    set: true,
    reset: "replace",
    describe: { row: "OAUTH_REDIRECT_URI", parse: "string" },
    docs: OAUTH_CREATE_DOCS,
  },
  ...OAUTH_COMMON,
  oauthRefreshTokenValidity: {
    ...OAUTH_COMMON.oauthRefreshTokenValidity,
    doc: "How long refresh tokens are valid, in seconds; the range depends on the partner.",
    rangeByKind: {
      TABLEAU_DESKTOP: {
        min: 60,
        max: 7776000,
        source:
          "live: a new TABLEAU_DESKTOP shows 7776000, and 86400 and 3600 are accepted (TF testacc ..._BasicTableauDesktop); docs disagree (ALTER page partner table 60–36000, CREATE page 3600–7776000), live wins; 60 from the ALTER page",
      },
      TABLEAU_SERVER: {
        min: 60,
        max: 7776000,
        source: "docs: ALTER page partner table, Tableau Cloud 60–7776000; live 86400 accepted (TF testacc ..._CompleteUseCase)",
      },
      LOOKER: {
        min: 3600,
        max: 7776000,
        source:
          "docs: CREATE page, partner applications 3600–7776000; live 3600, 12345 and 22222 accepted (TF testacc ..._BasicUseCase, TF testint CreateOauthPartner)",
      },
    },
  },
} as const satisfies Record<string, PropSpec>;

export const OAUTH_PARTNER: ObjectSpec = {
  resource: "PartnerOAuthIntegration",
  createNoun: "SECURITY INTEGRATION",
  alterNoun: "SECURITY INTEGRATION",
  describeNoun: "INTEGRATION",
  fixedCreate: () => "TYPE = OAUTH",
  subKindArg: "oauthClient",
  table: OAUTH_PARTNER_TABLE,
  rules: [absoluteUri("oauthRedirectUri"), secondaryRolesWithAllowed("allowedRolesList", "oauthUseSecondaryRoles")],
  docs: OAUTH_CREATE_DOCS,
  namesAreUnique: true,
  onePerSubKind:
    'live: snowflakedb/terraform-provider-snowflake pkg/testacc/resource_oauth_integration_for_partner_applications_acceptance_test.go ("only one integration of this type can exist in the account"), pkg/sdk/testint/security_integrations_gen_integration_test.go Show OauthPartner ("more than one oauth partner integration is not allowed")',
  tags: INTEGRATION_TAGS,
  secretRotation: true,
};

export const PARTNER_OAUTH_INTEGRATION: ResourceModel = {
  className: "PartnerOAuthIntegration",
  typeName: "PartnerOAuthIntegration",
  kind: "oauth-partner",
  providerKind: "partnerOAuthIntegration",
  summary:
    "A Snowflake OAuth security integration for a partner application (`TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP | " +
    "TABLEAU_SERVER | LOOKER`), diffed against `DESCRIBE INTEGRATION`.",
  example: [
    "```typescript",
    'new PartnerOAuthIntegration("tableau_desktop", { oauthClient: "TABLEAU_DESKTOP", blockedRolesList: ["SYSADMIN"] });',
    "```",
    "",
    "```sql",
    "CREATE SECURITY INTEGRATION TABLEAU_DESKTOP TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP BLOCKED_ROLES_LIST = (SYSADMIN)",
    "DESCRIBE INTEGRATION TABLEAU_DESKTOP",
    "```",
  ].join("\n"),
  docs: [OAUTH_CREATE_DOCS, OAUTH_ALTER_DOCS],
  object: OAUTH_PARTNER,
  inputs: { name: INTEGRATION_NAME },
  trailingInputs: {
    // The ALTER page's partner block: REFRESH { OAUTH_CLIENT_SECRET | OAUTH_CLIENT_SECRET_2 } (OAUTH_ALTER_DOCS).
    clientSecretRotation: CLIENT_SECRET_ROTATION,
    tags: TAGS,
    adoptExisting: adoptExisting("an integration"),
  },
  outputs: {
    storedName: STORED_NAME,
    clientId: { tsType: "string | undefined", doc: "`OAUTH_CLIENT_ID` from DESCRIBE, when shown." },
    authorizationEndpoint: { tsType: "string | undefined", doc: "`OAUTH_AUTHORIZATION_ENDPOINT`." },
    tokenEndpoint: { tsType: "string | undefined", doc: "`OAUTH_TOKEN_ENDPOINT`." },
    effectiveBlockedRoles: effectiveBlockedRoles("BLOCKED_ROLES_LIST"),
    described: described("DESCRIBE INTEGRATION"),
  },
  echoedInputs: ["name", "oauthClient"],
};
