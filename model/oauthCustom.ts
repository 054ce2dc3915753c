/**
 * Snowflake OAuth for custom clients (`TYPE = OAUTH OAUTH_CLIENT = CUSTOM`).
 * Based on https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-snowflake and
 * https://docs.snowflake.com/en/sql-reference/sql/alter-security-integration-oauth-snowflake .
 * @internal
 */
import {
  ALLOW_REPLACING_ALL_KEYS,
  CLIENT_SECRET_ROTATION,
  INTEGRATION_NAME,
  STORED_NAME,
  adoptExisting,
  described,
  effectiveBlockedRoles,
  keySlotOutputs,
  rsaPublicKeys,
} from "./common";
import { IS_AGENTIC, OAUTH_ALTER_DOCS, OAUTH_COMMON, OAUTH_CREATE_DOCS, PRIVILEGED_ROLES } from "./oauthCommon";
import type { ResourceModel } from "./resource";
import { INTEGRATION_TAGS, TAGS } from "./tags";
import { liveDefault } from "./sources";
import { httpsRedirect, httpsRedirectList, secondaryRolesWithAllowed } from "./rules";
import type { KeySlotSpec, ObjectSpec, PropSpec } from "./types";

export const OAUTH_CUSTOM_TABLE = {
  oauthClientType: {
    doc: "`CONFIDENTIAL` clients can keep a secret (web servers); `PUBLIC` clients cannot (desktop, mobile). A new integration has a new client id and new secrets.",
    sql: "OAUTH_CLIENT_TYPE",
    kind: "enum",
    values: ["CONFIDENTIAL", "PUBLIC"],
    literal: "quoted",
    required: true,
    set: false,
    reset: "replace",
    immutable: true,
    default: { value: "CONFIDENTIAL", source: liveDefault("CONFIDENTIAL", "assertOauthCustom") },
    describe: { row: "OAUTH_CLIENT_TYPE", parse: "string" },
    docs: OAUTH_CREATE_DOCS,
  },
  oauthRedirectUri: {
    doc: "Where Snowflake redirects after authorization. Must be `https://` unless `oauthAllowNonTlsRedirectUri` is `true`.",
    sql: "OAUTH_REDIRECT_URI",
    kind: "string",
    required: true,
    set: true,
    reset: "replace",
    describe: { row: "OAUTH_REDIRECT_URI", parse: "string" },
    docs: OAUTH_CREATE_DOCS,
  },
  oauthAllowNonTlsRedirectUri: {
    doc: "Whether a non-TLS (`http://`) redirect URI is allowed.",
    sql: "OAUTH_ALLOW_NON_TLS_REDIRECT_URI",
    kind: "bool",
    set: true,
    reset: "setDefault",
    default: { value: false, source: liveDefault("false", "assertOauthCustom") },
    describe: { row: "OAUTH_ALLOW_NON_TLS_REDIRECT_URI", parse: "bool" },
    docs: OAUTH_CREATE_DOCS,
  },
  oauthEnforcePkce: {
    doc: "Whether PKCE is required at the token endpoint.",
    sql: "OAUTH_ENFORCE_PKCE",
    kind: "bool",
    set: true,
    reset: "setDefault",
    default: { value: false, source: liveDefault("false", "assertOauthCustom") },
    describe: { row: "OAUTH_ENFORCE_PKCE", parse: "bool" },
    docs: OAUTH_CREATE_DOCS,
  },
  preAuthorizedRolesList: {
    doc: "Roles that need no user consent (confidential clients; privileged roles are not allowed).",
    sql: "PRE_AUTHORIZED_ROLES_LIST",
    kind: "roleList",
    set: true,
    reset: "setEmpty",
    default: { value: [], source: liveDefault("[]", "assertOauthPartner") },
    describe: { row: "PRE_AUTHORIZED_ROLES_LIST", parse: "commaList" },
    docs: OAUTH_CREATE_DOCS,
  },
  oauthAnyRoleMode: {
    doc: "Who may use any role (`session:role-any` scope): `DISABLE`, `ENABLE` or `ENABLE_FOR_PRIVILEGE` (preview feature).",
    sql: "OAUTH_ANY_ROLE_MODE",
    kind: "enum",
    values: ["DISABLE", "ENABLE", "ENABLE_FOR_PRIVILEGE"],
    set: true,
    reset: "setDefault",
    default: {
      value: "DISABLE",
      source: "docs: CREATE page 'Default: DISABLE' (preview feature); DESCRIBE row unsourced (no live assertion)",
    },
    describe: { row: "OAUTH_ANY_ROLE_MODE", parse: "string" },
    docs: OAUTH_CREATE_DOCS,
  },
  oauthAlternateRedirectUris: {
    doc: "Further redirect URIs a client may name in the authorization request. Each must be `https://` unless `oauthAllowNonTlsRedirectUri` is `true`.",
    sql: "OAUTH_ALTERNATE_REDIRECT_URIS",
    kind: "stringList",
    set: true,
    reset: "setEmpty",
    default: {
      value: [],
      source:
        "docs: CREATE page 'Default: empty list'; ALTER page clears with OAUTH_ALTERNATE_REDIRECT_URIS = (); DESCRIBE row unsourced, so drift is not detected",
    },
    docs: OAUTH_CREATE_DOCS,
  },
  oauthEnableRoleSelection: {
    doc: "Whether users choose the session role on the consent screen (preview feature).",
    sql: "OAUTH_ENABLE_ROLE_SELECTION",
    kind: "bool",
    set: true,
    reset: "setDefault",
    default: {
      value: false,
      source: "docs: CREATE page 'Default: FALSE'; no UNSET on the ALTER page; DESCRIBE row unsourced, so drift is not detected",
    },
    docs: OAUTH_CREATE_DOCS,
  },
  isAgentic: IS_AGENTIC,
  ...OAUTH_COMMON,
} as const satisfies Record<string, PropSpec>;

/**
 * RSA public key slots (`OAUTH_CLIENT_RSA_PUBLIC_KEY` / `_2`). Users declare `rsaPublicKeys` (0–2 keys); the key
 * helper's `planKeySlots` maps them to slots. DESCRIBE shows only the `_FP` fingerprints.
 */
export const OAUTH_CUSTOM_KEY_SLOTS: KeySlotSpec = {
  slot1: { sql: "OAUTH_CLIENT_RSA_PUBLIC_KEY", describeRow: "OAUTH_CLIENT_RSA_PUBLIC_KEY_FP", shows: "fingerprint" },
  slot2: { sql: "OAUTH_CLIENT_RSA_PUBLIC_KEY_2", describeRow: "OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP", shows: "fingerprint" },
};

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
    httpsRedirectList("oauthAlternateRedirectUris", "oauthAllowNonTlsRedirectUri"),
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
  namesAreUnique: true,
  tags: INTEGRATION_TAGS,
  clientSecrets: true,
  secretRotation: true,
};

export const OAUTH_INTEGRATION: ResourceModel = {
  className: "OAuthIntegration",
  typeName: "OAuthIntegration",
  kind: "oauth-custom",
  providerKind: "oauthIntegration",
  summary:
    "A Snowflake OAuth security integration for a custom client (`TYPE = OAUTH OAUTH_CLIENT = CUSTOM`), diffed against " +
    "`DESCRIBE INTEGRATION`. Client secrets are Pulumi secrets.",
  example: [
    "```typescript",
    'const policy = new NetworkPolicy("corp", { allowedIpList: ["192.168.1.0/24"] });',
    'const app = new OAuthIntegration("oauth_kp_int", {',
    '    oauthClientType: "CONFIDENTIAL",',
    '    oauthRedirectUri: "https://localhost.com",',
    "    oauthRefreshTokenValidity: 86400,",
    '    blockedRolesList: ["SYSADMIN"],',
    "    networkPolicy: policy.name,",
    "    rsaPublicKeys: [publicKeyPem],",
    "});",
    "export const clientSecret = app.clientSecret; // secret",
    "```",
    "",
    "The SQL the provider runs on create:",
    "",
    "```sql",
    "CREATE SECURITY INTEGRATION OAUTH_KP_INT TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL'",
    "  OAUTH_REDIRECT_URI = 'https://localhost.com' BLOCKED_ROLES_LIST = (SYSADMIN) OAUTH_REFRESH_TOKEN_VALIDITY = 86400",
    "  NETWORK_POLICY = 'CORP' OAUTH_CLIENT_RSA_PUBLIC_KEY = 'MIIBIjANBgkq...'",
    "DESCRIBE INTEGRATION OAUTH_KP_INT",
    "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('OAUTH_KP_INT')",
    "```",
  ].join("\n"),
  docs: [OAUTH_CREATE_DOCS, OAUTH_ALTER_DOCS],
  object: OAUTH_CUSTOM,
  inputs: { name: INTEGRATION_NAME },
  trailingInputs: {
    rsaPublicKeys: rsaPublicKeys(
      "The 0–2 RSA public keys (PEM, with or without armour) clients may sign token-endpoint JWTs with. Keys stay in " +
        "the slot they are registered in; a new key goes into the free slot before an old one is removed. Compared by " +
        "fingerprint with DESCRIBE's `OAUTH_CLIENT_RSA_PUBLIC_KEY[_2]_FP`.",
    ),
    allowReplacingAllKeys: ALLOW_REPLACING_ALL_KEYS,
    clientSecretRotation: CLIENT_SECRET_ROTATION,
    tags: TAGS,
    adoptExisting: adoptExisting("an integration"),
  },
  outputs: {
    storedName: STORED_NAME,
    clientId: { tsType: "string", doc: "`OAUTH_CLIENT_ID`." },
    clientSecret: { tsType: "string | undefined", doc: "`OAUTH_CLIENT_SECRET` (secret).", secret: true },
    clientSecret2: { tsType: "string | undefined", doc: "`OAUTH_CLIENT_SECRET_2` (secret).", secret: true },
    authorizationEndpoint: { tsType: "string | undefined", doc: "`OAUTH_AUTHORIZATION_ENDPOINT`." },
    tokenEndpoint: { tsType: "string | undefined", doc: "`OAUTH_TOKEN_ENDPOINT`." },
    ...keySlotOutputs("OAUTH_CLIENT_RSA_PUBLIC_KEY_FP", "OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP"),
    effectiveBlockedRoles: effectiveBlockedRoles("BLOCKED_ROLES_LIST"),
    described: described("DESCRIBE INTEGRATION"),
  },
  keySlots: OAUTH_CUSTOM_KEY_SLOTS,
  echoedInputs: ["name", "oauthClientType", "oauthRedirectUri", "networkPolicy", "blockedRolesList"],
};
