// Generated from model/externalOAuth.ts by scripts/generate (npm run generate). Do not edit: change the model instead.
import * as pulumi from "@pulumi/pulumi";
import { EXTERNAL_OAUTH_INTEGRATION } from "../model/externalOAuth";
import { resourceArgs, resourceOptions } from "./internal/resource";
import { shim } from "./internal/shim";

/** The serialized provider captures nothing but code and the kind's name (see sdk/internal/shim.ts). */
const provider = shim("externalOAuthIntegration");

/**
 * Arguments of {@link ExternalOAuthIntegration}. Leaving a property unset means Snowflake's default, which drift
 * repair restores.
 */
export interface ExternalOAuthIntegrationArgs {
  /**
   * The integration's name as written in SQL: `my_app` resolves to `MY_APP`; write `"My App"` (with the double
   * quotes) for a case-sensitive name. Integration names are unique in the account. Changing it replaces the
   * integration. Default value is the resource's logical name.
   */
  name?: pulumi.Input<string>;
  /** The authorization server: `OKTA`, `AZURE`, `PING_FEDERATE` or `CUSTOM`. Required. */
  externalOAuthType: pulumi.Input<"OKTA" | "AZURE" | "PING_FEDERATE" | "CUSTOM">;
  /**
   * Whether the integration is in operation (always written at CREATE, whose syntax requires it). Default value is
   * `true`.
   */
  enabled?: pulumi.Input<boolean>;
  /** The `iss` claim of the tokens (the authorization server's URL). Required. */
  externalOAuthIssuer: pulumi.Input<string>;
  /** Token claim(s) that carry the Snowflake user (e.g. `["sub"]`, `["upn"]`). Required. */
  externalOAuthTokenUserMappingClaim: pulumi.Input<pulumi.Input<string>[]>;
  /** Which user attribute the claim is matched against: `LOGIN_NAME` or `EMAIL_ADDRESS`. Required. */
  externalOAuthSnowflakeUserMappingAttribute: pulumi.Input<"LOGIN_NAME" | "EMAIL_ADDRESS">;
  /**
   * URL(s) of the server's JSON Web Key Set. Exclusive with `rsaPublicKeys`. Cannot be unset: removing it replaces
   * the integration. At most 1 item(s); AZURE 3. Default: none.
   */
  externalOAuthJwsKeysUrl?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Roles that may not be used with External OAuth tokens (exclusive with `externalOAuthAllowedRolesList`). While the
   * account parameter `EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST` is `TRUE` Snowflake also blocks
   * ACCOUNTADMIN, SECURITYADMIN (and ORGADMIN); see `effectiveBlockedRoles`. While it is `TRUE`, a list naming only
   * some of those roles is refused at preview (003629; `privilegedParam` drives the check). Default: none.
   */
  externalOAuthBlockedRolesList?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The only roles tokens may use (exclusive with `externalOAuthBlockedRolesList`). Default: empty (no restriction).
   */
  externalOAuthAllowedRolesList?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Accepted `aud` values besides the account URL (several only for `CUSTOM`). At most 1 item(s); CUSTOM 1000.
   * Default: none.
   */
  externalOAuthAudienceList?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Whether a token may use any role the user has: `DISABLE`, `ENABLE` or `ENABLE_FOR_PRIVILEGE`. Default value is
   * `"DISABLE"`.
   */
  externalOAuthAnyRoleMode?: pulumi.Input<"DISABLE" | "ENABLE" | "ENABLE_FOR_PRIVILEGE">;
  /** One character separating scopes in the token (`CUSTOM` only). Only for CUSTOM. Default value is `","`. */
  externalOAuthScopeDelimiter?: pulumi.Input<string>;
  /**
   * Token claim holding the scopes (`CUSTOM` only). The CREATE page allows only `scp` or `scope`, but a live CREATE
   * accepted `foo` (TF testacc
   * TestAcc_ExternalOauthIntegration_migrateFromVersion092_withRsaPublicKeysAndBlockedRolesList), so any claim name
   * is accepted. The ALTER page has no SET for it: a change replaces the integration. Only for CUSTOM. Cannot be
   * altered: a change replaces the object. Default value is `"scp"`.
   */
  externalOAuthScopeMappingAttribute?: pulumi.Input<string>;
  /**
   * Whether sessions authenticated through this integration are agent sessions (`IS_AGENT_ACTIVATED` returns `TRUE`
   * in them). Default value is `false`.
   */
  isAgentic?: pulumi.Input<boolean>;
  /**
   * Network policy by name as written in SQL (pass a `NetworkPolicy`'s `name`). Default: none. Cleared with
   * `NETWORK_POLICY = ''`, which no source shows: the ALTER page's UNSET list has no NETWORK_POLICY.
   */
  networkPolicy?: pulumi.Input<string>;
  /** A comment. Default: none. */
  comment?: pulumi.Input<string>;
  /**
   * The 0–2 RSA public keys tokens are verified with (exclusive with `externalOAuthJwsKeysUrl`). DESCRIBE shows the
   * raw keys; they are compared by fingerprint. Snowflake cannot UNSET these slots, so a removed key's slot is
   * overwritten with the key that stays. Default value is `[]`.
   */
  rsaPublicKeys?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Accept a change that replaces every registered key at once (clients still on an old key fail after it). Default
   * value is `false`.
   */
  allowReplacingAllKeys?: pulumi.Input<boolean>;
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
 * An External OAuth security integration (Okta, Azure AD, PingFederate or a custom authorization server), diffed
 * against `DESCRIBE INTEGRATION`.
 *
 * ## Example Usage
 *
 * ```typescript
 * new ExternalOAuthIntegration("okta", {
 *     externalOAuthType: "OKTA",
 *     externalOAuthIssuer: "https://example.okta.com/oauth2/default",
 *     externalOAuthJwsKeysUrl: ["https://example.okta.com/oauth2/default/v1/keys"],
 *     externalOAuthTokenUserMappingClaim: ["sub"],
 *     externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
 *     externalOAuthAudienceList: ["https://example.snowflakecomputing.com"],
 * });
 * ```
 *
 * ```sql
 * CREATE SECURITY INTEGRATION OKTA TYPE = EXTERNAL_OAUTH EXTERNAL_OAUTH_TYPE = OKTA
 *   EXTERNAL_OAUTH_ISSUER = 'https://example.okta.com/oauth2/default' EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM = ('sub')
 *   EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE = 'LOGIN_NAME'
 *   EXTERNAL_OAUTH_JWS_KEYS_URL = ('https://example.okta.com/oauth2/default/v1/keys')
 *   EXTERNAL_OAUTH_AUDIENCE_LIST = ('https://example.snowflakecomputing.com')
 * DESCRIBE INTEGRATION OKTA
 * ```
 *
 * Based on https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-external .
 * Based on https://docs.snowflake.com/en/sql-reference/sql/alter-security-integration-oauth-external .
 */
export class ExternalOAuthIntegration extends pulumi.dynamic.Resource {
  /** The type token policy packs match on. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/snowflake:ExternalOAuthIntegration";

  /** Always `external-oauth`. */
  declare readonly kind: pulumi.Output<"external-oauth">;
  /** The name as declared (identifier text). */
  declare readonly name: pulumi.Output<string>;
  /** The declared `externalOAuthType`. */
  declare readonly externalOAuthType: pulumi.Output<"OKTA" | "AZURE" | "PING_FEDERATE" | "CUSTOM">;
  /** The name Snowflake stores (`MY_APP`): what SHOW and DESCRIBE print. */
  declare readonly storedName: pulumi.Output<string>;
  /** Fingerprint in key slot 1 (from `EXTERNAL_OAUTH_RSA_PUBLIC_KEY`). */
  declare readonly rsaPublicKeyFp: pulumi.Output<string | undefined>;
  /** Fingerprint in key slot 2 (from `EXTERNAL_OAUTH_RSA_PUBLIC_KEY_2`). */
  declare readonly rsaPublicKey2Fp: pulumi.Output<string | undefined>;
  /** Registered fingerprints, in slot order. */
  declare readonly rsaPublicKeyFingerprints: pulumi.Output<string[]>;
  /**
   * EXTERNAL_OAUTH_BLOCKED_ROLES_LIST as Snowflake applies it: the declared roles plus the privileged roles it adds.
   */
  declare readonly effectiveBlockedRoles: pulumi.Output<string[]>;
  /** The DESCRIBE INTEGRATION result, `{PROPERTY: value}`. */
  declare readonly described: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: ExternalOAuthIntegrationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceArgs(EXTERNAL_OAUTH_INTEGRATION, name, args, opts),
      resourceOptions(EXTERNAL_OAUTH_INTEGRATION, opts),
      "snowflake",
      "ExternalOAuthIntegration",
    );
  }
}
