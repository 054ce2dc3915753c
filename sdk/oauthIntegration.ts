// Generated from model/oauthCustom.ts by scripts/generate (npm run generate). Do not edit: change the model instead.
import * as pulumi from "@pulumi/pulumi";
import { OAUTH_INTEGRATION } from "../model/oauthCustom";
import { resourceArgs, resourceOptions } from "./internal/resource";
import { shim } from "./internal/shim";

/** The serialized provider captures nothing but code and the kind's name (see sdk/internal/shim.ts). */
const provider = shim("oauthIntegration");

/**
 * Arguments of {@link OAuthIntegration}. Leaving a property unset means Snowflake's default, which drift repair
 * restores.
 */
export interface OAuthIntegrationArgs {
  /**
   * The integration's name as written in SQL: `my_app` resolves to `MY_APP`; write `"My App"` (with the double
   * quotes) for a case-sensitive name. Integration names are unique in the account. Changing it replaces the
   * integration. Default value is the resource's logical name.
   */
  name?: pulumi.Input<string>;
  /**
   * `CONFIDENTIAL` clients can keep a secret (web servers); `PUBLIC` clients cannot (desktop, mobile). A new
   * integration has a new client id and new secrets. Cannot be altered: a change replaces the object. Required.
   */
  oauthClientType: pulumi.Input<"CONFIDENTIAL" | "PUBLIC">;
  /**
   * Where Snowflake redirects after authorization. Must be `https://` unless `oauthAllowNonTlsRedirectUri` is `true`.
   * Required.
   */
  oauthRedirectUri: pulumi.Input<string>;
  /** Whether a non-TLS (`http://`) redirect URI is allowed. Default value is `false`. */
  oauthAllowNonTlsRedirectUri?: pulumi.Input<boolean>;
  /** Whether PKCE is required at the token endpoint. Default value is `false`. */
  oauthEnforcePkce?: pulumi.Input<boolean>;
  /** Roles that need no user consent (confidential clients; privileged roles are not allowed). Default: none. */
  preAuthorizedRolesList?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Who may use any role (`session:role-any` scope): `DISABLE`, `ENABLE` or `ENABLE_FOR_PRIVILEGE` (preview feature).
   * Default value is `"DISABLE"`.
   */
  oauthAnyRoleMode?: pulumi.Input<"DISABLE" | "ENABLE" | "ENABLE_FOR_PRIVILEGE">;
  /**
   * Further redirect URIs a client may name in the authorization request. Each must be `https://` unless
   * `oauthAllowNonTlsRedirectUri` is `true`. Default: none.
   */
  oauthAlternateRedirectUris?: pulumi.Input<pulumi.Input<string>[]>;
  /** Whether users choose the session role on the consent screen (preview feature). Default value is `false`. */
  oauthEnableRoleSelection?: pulumi.Input<boolean>;
  /**
   * Whether sessions authenticated through this integration are agent sessions (`IS_AGENT_ACTIVATED` returns `TRUE`
   * in them). Default value is `false`.
   */
  isAgentic?: pulumi.Input<boolean>;
  /**
   * Whether the integration is in operation. Left unset means Snowflake's default. Default value is `true` (DESCRIBE
   * `property_default`, since behaviour change bundle 2026_01).
   */
  enabled?: pulumi.Input<boolean>;
  /**
   * Whether to let the client exchange a refresh token for an access token once the current one expires. Default
   * value is `true`.
   */
  oauthIssueRefreshTokens?: pulumi.Input<boolean>;
  /** How long refresh tokens are valid, in seconds. Range: 60–7776000. Default value is `7776000`. */
  oauthRefreshTokenValidity?: pulumi.Input<number>;
  /**
   * How long access tokens are valid, in seconds. DESCRIBE may not show it, in which case drift is not detected.
   * Range: 60–3600. Default value is `600`.
   */
  oauthAccessTokenValidity?: pulumi.Input<number>;
  /**
   * Whether each refresh token may be used only once (a new one is issued with every access token). Default value is
   * `false`.
   */
  oauthSingleUseRefreshTokensRequired?: pulumi.Input<boolean>;
  /**
   * Secondary roles of the session: `IMPLICIT` activates the user's default secondary roles, `NONE` none. Must be
   * `NONE` when `allowedRolesList` is set. Default value is `"NONE"`.
   */
  oauthUseSecondaryRoles?: pulumi.Input<"IMPLICIT" | "NONE">;
  /**
   * Network policy that restricts where OAuth token requests may come from, by name as written in SQL (`my_np`
   * resolves to `MY_NP`; write `"my_np"` for a case-sensitive name). Pass a `NetworkPolicy`'s `name`. Default: none.
   */
  networkPolicy?: pulumi.Input<string>;
  /**
   * Roles a user may consent to; any other role is refused. Requires `oauthUseSecondaryRoles` `NONE`. A role also in
   * `blockedRolesList` stays blocked (docs: a role must be in ALLOWED_ROLES_LIST and not in BLOCKED_ROLES_LIST).
   * Default: empty (every role not blocked).
   */
  allowedRolesList?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Roles a user may not consent to. This is the list you declare; while the account parameter
   * `OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST` is `TRUE` Snowflake also blocks ACCOUNTADMIN, SECURITYADMIN (and
   * ORGADMIN in organisation accounts) and shows them in DESCRIBE; see the `effectiveBlockedRoles` output. While it
   * is `TRUE`, a list naming only some of those roles is refused at preview (003629; `privilegedParam` drives the
   * check). Default: empty (plus the privileged roles while the account parameter is `TRUE`).
   */
  blockedRolesList?: pulumi.Input<pulumi.Input<string>[]>;
  /** Whether the authorization endpoint is reached over private connectivity. Default value is `false`. */
  usePrivatelinkForAuthorizationEndpoint?: pulumi.Input<boolean>;
  /** A comment. Default: none. */
  comment?: pulumi.Input<string>;
  /**
   * The 0–2 RSA public keys (PEM, with or without armour) clients may sign token-endpoint JWTs with. Keys stay in the
   * slot they are registered in; a new key goes into the free slot before an old one is removed. Compared by
   * fingerprint with DESCRIBE's `OAUTH_CLIENT_RSA_PUBLIC_KEY[_2]_FP`. Default value is `[]`.
   */
  rsaPublicKeys?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Accept a change that replaces every registered key at once (clients still on an old key fail after it). Default
   * value is `false`.
   */
  allowReplacingAllKeys?: pulumi.Input<boolean>;
  /**
   * Client-secret rotation counters: change `secret1` (or `secret2`) to run `ALTER ... REFRESH OAUTH_CLIENT_SECRET`
   * (`_2`). Rotate one secret at a time, moving clients to the other in between. Default: no rotation.
   */
  clientSecretRotation?: pulumi.Input<{ secret1?: pulumi.Input<number>; secret2?: pulumi.Input<number> }>;
  /**
   * Object tags, `{ "db.schema.tag": "value" }`: each key names an existing tag (written as in SQL; quote parts that
   * need it), each value is at most 256 characters and must be one of the tag's `ALLOWED_VALUES` when it has them
   * (checked at preview). Set with `ALTER ... SET TAG` after CREATE and compared with `SYSTEM$GET_TAG`, so a value
   * changed or removed by hand is drift that `up` repairs. Only the tags named here (now or at the last apply) are
   * managed: a tag removed from the map is unset, tags set by others are left alone. At most 50 per object. Default:
   * tags are not managed.
   */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Adopt an integration of this name that already exists (instead of failing with "already exists"), converging it
   * to the declared properties. Pulumi's `import` option does not work for dynamic resources (pulumi/pulumi#16175).
   * Default value is `false`.
   */
  adoptExisting?: pulumi.Input<boolean>;
}

/**
 * A Snowflake OAuth security integration for a custom client (`TYPE = OAUTH OAUTH_CLIENT = CUSTOM`), diffed against
 * `DESCRIBE INTEGRATION`. Client secrets are Pulumi secrets.
 *
 * ## Example Usage
 *
 * ```typescript
 * const policy = new NetworkPolicy("corp", { allowedIpList: ["192.168.1.0/24"] });
 * const app = new OAuthIntegration("oauth_kp_int", {
 *     oauthClientType: "CONFIDENTIAL",
 *     oauthRedirectUri: "https://localhost.com",
 *     oauthRefreshTokenValidity: 86400,
 *     blockedRolesList: ["SYSADMIN"],
 *     networkPolicy: policy.name,
 *     rsaPublicKeys: [publicKeyPem],
 * });
 * export const clientSecret = app.clientSecret; // secret
 * ```
 *
 * The SQL the provider runs on create:
 *
 * ```sql
 * CREATE SECURITY INTEGRATION OAUTH_KP_INT TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL'
 *   OAUTH_REDIRECT_URI = 'https://localhost.com' BLOCKED_ROLES_LIST = (SYSADMIN) OAUTH_REFRESH_TOKEN_VALIDITY = 86400
 *   NETWORK_POLICY = 'CORP' OAUTH_CLIENT_RSA_PUBLIC_KEY = 'MIIBIjANBgkq...'
 * DESCRIBE INTEGRATION OAUTH_KP_INT
 * SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('OAUTH_KP_INT')
 * ```
 *
 * Based on https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-snowflake .
 * Based on https://docs.snowflake.com/en/sql-reference/sql/alter-security-integration-oauth-snowflake .
 */
export class OAuthIntegration extends pulumi.dynamic.Resource {
  /** The type token policy packs match on. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/snowflake:OAuthIntegration";

  /** Always `oauth-custom`. */
  declare readonly kind: pulumi.Output<"oauth-custom">;
  /** The name as declared (identifier text). */
  declare readonly name: pulumi.Output<string>;
  /** The declared `oauthClientType`. */
  declare readonly oauthClientType: pulumi.Output<"CONFIDENTIAL" | "PUBLIC">;
  /** The declared `oauthRedirectUri`. */
  declare readonly oauthRedirectUri: pulumi.Output<string>;
  /** The declared `networkPolicy`. */
  declare readonly networkPolicy: pulumi.Output<string | undefined>;
  /** The declared `blockedRolesList`. */
  declare readonly blockedRolesList: pulumi.Output<string[] | undefined>;
  /** The name Snowflake stores (`MY_APP`): what SHOW and DESCRIBE print. */
  declare readonly storedName: pulumi.Output<string>;
  /** `OAUTH_CLIENT_ID`. */
  declare readonly clientId: pulumi.Output<string>;
  /** `OAUTH_CLIENT_SECRET` (secret). */
  declare readonly clientSecret: pulumi.Output<string | undefined>;
  /** `OAUTH_CLIENT_SECRET_2` (secret). */
  declare readonly clientSecret2: pulumi.Output<string | undefined>;
  /** `OAUTH_AUTHORIZATION_ENDPOINT`. */
  declare readonly authorizationEndpoint: pulumi.Output<string | undefined>;
  /** `OAUTH_TOKEN_ENDPOINT`. */
  declare readonly tokenEndpoint: pulumi.Output<string | undefined>;
  /** Fingerprint in key slot 1 (from `OAUTH_CLIENT_RSA_PUBLIC_KEY_FP`). */
  declare readonly rsaPublicKeyFp: pulumi.Output<string | undefined>;
  /** Fingerprint in key slot 2 (from `OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP`). */
  declare readonly rsaPublicKey2Fp: pulumi.Output<string | undefined>;
  /** Registered fingerprints, in slot order. */
  declare readonly rsaPublicKeyFingerprints: pulumi.Output<string[]>;
  /** BLOCKED_ROLES_LIST as Snowflake applies it: the declared roles plus the privileged roles it adds. */
  declare readonly effectiveBlockedRoles: pulumi.Output<string[]>;
  /** The DESCRIBE INTEGRATION result, `{PROPERTY: value}`. */
  declare readonly described: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: OAuthIntegrationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceArgs(OAUTH_INTEGRATION, name, args, opts),
      resourceOptions(OAUTH_INTEGRATION, opts),
      "snowflake",
      "OAuthIntegration",
    );
  }
}
