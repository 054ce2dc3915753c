import * as pulumi from "@pulumi/pulumi";
import type { ArgsFromTable } from "../model/types";
import type { EXTERNAL_OAUTH_TABLE } from "../model/externalOAuth";
import { requireArgs, shim, type Same } from "./internal/shim";

const provider = shim("externalOAuthIntegration");

/** Arguments of {@link ExternalOAuthIntegration}. Leaving a property unset means Snowflake's default. */
export interface ExternalOAuthIntegrationArgs {
  /** The integration's name as written in SQL. Changing it replaces the integration. Default value is the resource's logical name. */
  name?: pulumi.Input<string>;
  /** `OKTA`, `AZURE`, `PING_FEDERATE` or `CUSTOM`. */
  externalOAuthType: pulumi.Input<"OKTA" | "AZURE" | "PING_FEDERATE" | "CUSTOM">;
  /** The tokens' `iss` claim. */
  externalOAuthIssuer: pulumi.Input<string>;
  /** Token claim(s) naming the Snowflake user, e.g. `["sub"]`. */
  externalOAuthTokenUserMappingClaim: pulumi.Input<pulumi.Input<string>[]>;
  /** `LOGIN_NAME` or `EMAIL_ADDRESS`. */
  externalOAuthSnowflakeUserMappingAttribute: pulumi.Input<"LOGIN_NAME" | "EMAIL_ADDRESS">;
  /** Whether the integration is in operation. Default value is `true`. */
  enabled?: pulumi.Input<boolean>;
  /** JWKS URL(s): up to 3 for `AZURE`, else 1. Exclusive with `rsaPublicKeys`; removing it replaces the integration. Default: none. */
  externalOAuthJwsKeysUrl?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Roles tokens may not use, as declared (exclusive with the allowed list; privileged roles Snowflake adds cause no diff).
   * While `EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST` is `TRUE`, a list naming only some privileged roles is
   * refused at preview (003629). Default value is `[]`.
   */
  externalOAuthBlockedRolesList?: pulumi.Input<pulumi.Input<string>[]>;
  /** The only roles tokens may use (exclusive with the blocked list). Default value is `[]`. */
  externalOAuthAllowedRolesList?: pulumi.Input<pulumi.Input<string>[]>;
  /** Additional accepted `aud` values (several only for `CUSTOM`). Default value is `[]`. */
  externalOAuthAudienceList?: pulumi.Input<pulumi.Input<string>[]>;
  /** `DISABLE`, `ENABLE` or `ENABLE_FOR_PRIVILEGE`. Default value is `DISABLE`. */
  externalOAuthAnyRoleMode?: pulumi.Input<"DISABLE" | "ENABLE" | "ENABLE_FOR_PRIVILEGE">;
  /** Scope delimiter, one character (`CUSTOM` only). Default value is `,`. */
  externalOAuthScopeDelimiter?: pulumi.Input<string>;
  /** Claim holding the scopes, `scp` or `scope` (`CUSTOM` only). Default value is `scp`. */
  externalOAuthScopeMappingAttribute?: pulumi.Input<string>;
  /** Network policy by name as written in SQL. Default: none. */
  networkPolicy?: pulumi.Input<string>;
  /** A comment. Default: none. */
  comment?: pulumi.Input<string>;
  /**
   * The 0–2 RSA public keys tokens are verified with (exclusive with `externalOAuthJwsKeysUrl`). DESCRIBE shows the raw
   * keys; they are compared by fingerprint. Snowflake cannot UNSET these slots, so a removed key's slot is overwritten
   * with the key that stays. Default value is `[]`.
   */
  rsaPublicKeys?: pulumi.Input<pulumi.Input<string>[]>;
  /** Accept a change that replaces every registered key at once. Default value is `false`. */
  allowReplacingAllKeys?: pulumi.Input<boolean>;
  /** Adopt an existing integration of this name and converge it. Default value is `false`. */
  adoptExisting?: pulumi.Input<boolean>;
}

type _TableArgs = Pick<ExternalOAuthIntegrationArgs, keyof typeof EXTERNAL_OAUTH_TABLE>;
const _argsMatchTable: Same<Required<_TableArgs>, Required<ArgsFromTable<typeof EXTERNAL_OAUTH_TABLE>>> = true;
void _argsMatchTable;

/**
 * An External OAuth security integration (Okta, Azure AD, PingFederate or a custom authorization server).
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
 */
export class ExternalOAuthIntegration extends pulumi.dynamic.Resource {
  static readonly __pulumiType = "pulumi-nodejs:dynamic/snowflake:ExternalOAuthIntegration";

  /** Always `external-oauth`. */
  declare readonly kind: pulumi.Output<"external-oauth">;
  declare readonly name: pulumi.Output<string>;
  /** The name Snowflake stores. */ /*out*/
  declare readonly storedName: pulumi.Output<string>;
  declare readonly externalOAuthType: pulumi.Output<"OKTA" | "AZURE" | "PING_FEDERATE" | "CUSTOM">;
  /** Fingerprint of the key in slot 1. */ /*out*/
  declare readonly rsaPublicKeyFp: pulumi.Output<string | undefined>;
  /** Fingerprint of the key in slot 2. */ /*out*/
  declare readonly rsaPublicKey2Fp: pulumi.Output<string | undefined>;
  /** Registered fingerprints (slot order). */ /*out*/
  declare readonly rsaPublicKeyFingerprints: pulumi.Output<string[]>;
  /** EXTERNAL_OAUTH_BLOCKED_ROLES_LIST as Snowflake applies it. */ /*out*/
  declare readonly effectiveBlockedRoles: pulumi.Output<string[]>;
  /** The DESCRIBE INTEGRATION result. */ /*out*/
  declare readonly described: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: ExternalOAuthIntegrationArgs, opts?: pulumi.CustomResourceOptions) {
    requireArgs(
      "ExternalOAuthIntegration",
      args as unknown as Record<string, unknown>,
      ["externalOAuthType", "externalOAuthIssuer", "externalOAuthTokenUserMappingClaim", "externalOAuthSnowflakeUserMappingAttribute"],
      opts,
    );
    super(
      provider,
      name,
      {
        ...args,
        name: args?.name ?? name,
        kind: "external-oauth",
        storedName: undefined,
        rsaPublicKeyFp: undefined,
        rsaPublicKey2Fp: undefined,
        rsaPublicKeyFingerprints: undefined,
        effectiveBlockedRoles: undefined,
        described: undefined,
      },
      opts,
      "snowflake",
      "ExternalOAuthIntegration",
    );
  }
}
