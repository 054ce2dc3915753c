/**
 * Snowflake OAuth for custom clients (`TYPE = OAUTH OAUTH_CLIENT = CUSTOM`).
 * Based on https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-snowflake and
 * https://docs.snowflake.com/en/sql-reference/sql/alter-security-integration-oauth-snowflake .
 * @internal
 */
import { OAUTH_COMMON, OAUTH_CREATE_DOCS, PRIVILEGED_ROLES } from "./oauthCommon";
import { allowedBlockedOverlap, httpsRedirect, listOverlap, secondaryRolesWithAllowed } from "./rules";
import type { ObjectSpec, PropSpec } from "./types";

export const OAUTH_CUSTOM_TABLE = {
  /**
   * `CONFIDENTIAL` clients can keep a secret (web servers); `PUBLIC` clients cannot (desktop, mobile).
   * Cannot be altered: a change replaces the integration (new client id and secrets). Required.
   */
  oauthClientType: {
    sql: "OAUTH_CLIENT_TYPE", kind: "enum", values: ["CONFIDENTIAL", "PUBLIC"], literal: "quoted", required: true,
    set: false, reset: "replace", immutable: true,
    default: { value: "CONFIDENTIAL", source: "DESCRIBE property_default" },
    describe: { row: "OAUTH_CLIENT_TYPE", parse: "string" }, docs: OAUTH_CREATE_DOCS,
  },
  /**
   * Where Snowflake redirects after authorization. Must be `https://` unless `oauthAllowNonTlsRedirectUri` is `true`.
   * Required.
   */
  oauthRedirectUri: {
    sql: "OAUTH_REDIRECT_URI", kind: "string", required: true, set: true, reset: "replace",
    describe: { row: "OAUTH_REDIRECT_URI", parse: "string" }, docs: OAUTH_CREATE_DOCS,
  },
  /** Whether a non-TLS (`http://`) redirect URI is allowed. Default value is `false`. */
  oauthAllowNonTlsRedirectUri: {
    sql: "OAUTH_ALLOW_NON_TLS_REDIRECT_URI", kind: "bool", set: true, reset: "setDefault",
    default: { value: false, source: "docs; DESCRIBE property_default" },
    describe: { row: "OAUTH_ALLOW_NON_TLS_REDIRECT_URI", parse: "bool" }, docs: OAUTH_CREATE_DOCS,
  },
  /** Whether PKCE is required at the token endpoint. Default value is `false`. */
  oauthEnforcePkce: {
    sql: "OAUTH_ENFORCE_PKCE", kind: "bool", set: true, reset: "setDefault",
    default: { value: false, source: "docs; DESCRIBE property_default" },
    describe: { row: "OAUTH_ENFORCE_PKCE", parse: "bool" }, docs: OAUTH_CREATE_DOCS,
  },
  /**
   * Roles that need no user consent (confidential clients; privileged roles are not allowed).
   * Default: empty.
   */
  preAuthorizedRolesList: {
    sql: "PRE_AUTHORIZED_ROLES_LIST", kind: "roleList", set: true, reset: "setEmpty",
    default: { value: [], source: "DESCRIBE property_default `[]`" },
    describe: { row: "PRE_AUTHORIZED_ROLES_LIST", parse: "commaList" }, docs: OAUTH_CREATE_DOCS,
  },
  /**
   * Who may use any role (`session:role-any` scope): `DISABLE`, `ENABLE` or `ENABLE_FOR_PRIVILEGE` (preview feature).
   * Default value is `DISABLE`.
   */
  oauthAnyRoleMode: {
    sql: "OAUTH_ANY_ROLE_MODE", kind: "enum", values: ["DISABLE", "ENABLE", "ENABLE_FOR_PRIVILEGE"], set: true, reset: "setDefault",
    default: { value: "DISABLE", source: "docs (2026, preview)" },
    describe: { row: "OAUTH_ANY_ROLE_MODE", parse: "string" }, docs: OAUTH_CREATE_DOCS,
  },
  ...OAUTH_COMMON,
} as const satisfies Record<string, PropSpec>;

/**
 * RSA public key slots (`OAUTH_CLIENT_RSA_PUBLIC_KEY` / `_2`). Users declare `rsaPublicKeys` (0–2 keys); the key
 * helper's `planKeySlots` maps them to slots. DESCRIBE shows only the `_FP` fingerprints.
 */
export const OAUTH_CUSTOM_KEY_SLOTS = {
  slot1: { sql: "OAUTH_CLIENT_RSA_PUBLIC_KEY", describeRow: "OAUTH_CLIENT_RSA_PUBLIC_KEY_FP", shows: "fingerprint" },
  slot2: { sql: "OAUTH_CLIENT_RSA_PUBLIC_KEY_2", describeRow: "OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP", shows: "fingerprint" },
} as const;

export const OAUTH_CUSTOM: ObjectSpec = {
  resource: "OAuthIntegration",
  createNoun: "SECURITY INTEGRATION",
  alterNoun: "SECURITY INTEGRATION",
  describeNoun: "INTEGRATION",
  fixedCreate: () => "TYPE = OAUTH OAUTH_CLIENT = CUSTOM",
  table: OAUTH_CUSTOM_TABLE,
  rules: [
    httpsRedirect("oauthRedirectUri", "oauthAllowNonTlsRedirectUri"),
    secondaryRolesWithAllowed("allowedRolesList", "oauthUseSecondaryRoles"),
    allowedBlockedOverlap("allowedRolesList", "blockedRolesList"),
    listOverlap("preAuthorizedRolesList", "blockedRolesList", "a role cannot be both pre-authorized and blocked"),
    {
      name: "preAuthorizedNoPrivileged",
      fields: ["preAuthorizedRolesList"],
      check: (i) => {
        const roles = (i.preAuthorizedRolesList as string[] | undefined) ?? [];
        const bad = roles.filter((r) => PRIVILEGED_ROLES.includes(r));
        return bad.length
          ? [{ property: "preAuthorizedRolesList", reason: `privileged roles cannot be pre-authorized: ${bad.join(", ")}` }]
          : [];
      },
    },
  ],
  docs: OAUTH_CREATE_DOCS,
};
