/**
 * Snowflake OAuth for partner applications (`TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP | TABLEAU_SERVER | LOOKER`).
 * Based on https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-snowflake (partner
 * applications) and `shared/reference/snowflake-sql.md` §4. Per-partner differences are the `kinds`/`rangeByKind`
 * entries below.
 * @internal
 */
import { OAUTH_COMMON, OAUTH_CREATE_DOCS } from "./oauthCommon";
import { allowedBlockedOverlap, httpsRedirect, secondaryRolesWithAllowed } from "./rules";
import type { ObjectSpec, PropSpec } from "./types";

export const PARTNER_CLIENTS = ["TABLEAU_DESKTOP", "TABLEAU_SERVER", "LOOKER"] as const;

export const OAUTH_PARTNER_TABLE = {
  /**
   * The partner application: `TABLEAU_DESKTOP`, `TABLEAU_SERVER` (Tableau Cloud) or `LOOKER`.
   * Cannot be altered: a change replaces the integration. Required.
   */
  oauthClient: {
    sql: "OAUTH_CLIENT", kind: "enum", values: PARTNER_CLIENTS, required: true, set: false, reset: "replace", immutable: true,
    docs: OAUTH_CREATE_DOCS,
  },
  /** Looker's redirect URI (https). Required for, and only accepted with, `LOOKER`. */
  oauthRedirectUri: {
    sql: "OAUTH_REDIRECT_URI", kind: "string", kinds: ["LOOKER"], requiredForKinds: ["LOOKER"], set: true, reset: "replace",
    describe: { row: "OAUTH_REDIRECT_URI", parse: "string" }, docs: OAUTH_CREATE_DOCS,
  },
  ...OAUTH_COMMON,
  /**
   * How long refresh tokens are valid, in seconds. Tableau Desktop 60–36000, Tableau Cloud 60–7776000, Looker
   * 3600–7776000 (docs disagree between pages; see snowflake-sql.md §12). Default value is `7776000`.
   */
  oauthRefreshTokenValidity: {
    ...OAUTH_COMMON.oauthRefreshTokenValidity,
    rangeByKind: {
      TABLEAU_DESKTOP: { min: 60, max: 36000, source: "docs: ALTER SECURITY INTEGRATION (Snowflake OAuth) table, Tableau Desktop" },
      TABLEAU_SERVER: { min: 60, max: 7776000, source: "docs: ALTER SECURITY INTEGRATION (Snowflake OAuth) table, Tableau Cloud" },
      LOOKER: { min: 3600, max: 7776000, source: "docs: CREATE SECURITY INTEGRATION (Snowflake OAuth), partner applications" },
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
  rules: [
    httpsRedirect("oauthRedirectUri", "__never__"),
    secondaryRolesWithAllowed("allowedRolesList", "oauthUseSecondaryRoles"),
    allowedBlockedOverlap("allowedRolesList", "blockedRolesList"),
  ],
  docs: OAUTH_CREATE_DOCS,
};
