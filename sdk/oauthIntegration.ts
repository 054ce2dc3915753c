import * as pulumi from "@pulumi/pulumi";
import type { ArgsFromTable } from "../model/types";
import type { OAUTH_CUSTOM_TABLE } from "../model/oauthCustom";
import { requireArgs, shim, withSecretOutputs, type Same } from "./internal/shim";

const provider = shim("oauthIntegration");

/** Arguments of {@link OAuthIntegration}. Leaving a property unset means Snowflake's default, which drift repair restores. */
export interface OAuthIntegrationArgs {
  /**
   * The integration's name as written in SQL: `my_app` resolves to `MY_APP`; write `"My App"` (with the double
   * quotes) for a case-sensitive name. Integration names are unique in the account. Changing it replaces the
   * integration. Default value is the resource's logical name.
   */
  name?: pulumi.Input<string>;
  /** `CONFIDENTIAL` (can keep a secret) or `PUBLIC` (desktop/mobile). Cannot be altered: a change replaces the integration. */
  oauthClientType: pulumi.Input<"CONFIDENTIAL" | "PUBLIC">;
  /** Where Snowflake redirects after authorization. Must be `https://` unless `oauthAllowNonTlsRedirectUri` is `true`. */
  oauthRedirectUri: pulumi.Input<string>;
  /** Whether the integration is in operation. Default value is `true`. */
  enabled?: pulumi.Input<boolean>;
  /** Whether a non-TLS (`http://`) redirect URI is allowed. Default value is `false`. */
  oauthAllowNonTlsRedirectUri?: pulumi.Input<boolean>;
  /** Whether PKCE is required. Default value is `false`. */
  oauthEnforcePkce?: pulumi.Input<boolean>;
  /** Secondary roles: `IMPLICIT` or `NONE` (must be `NONE` with `allowedRolesList`). Default value is `NONE`. */
  oauthUseSecondaryRoles?: pulumi.Input<"IMPLICIT" | "NONE">;
  /** Roles that need no consent (no privileged roles; none may also be blocked). Default value is `[]`. */
  preAuthorizedRolesList?: pulumi.Input<pulumi.Input<string>[]>;
  /** The only roles users may consent to (none may also be blocked). Default value is `[]` (no restriction). */
  allowedRolesList?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Roles users may not consent to, as declared. While the account parameter
   * `OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST` is `TRUE`, Snowflake also blocks ACCOUNTADMIN and SECURITYADMIN (and
   * ORGADMIN); that causes no diff, and the `effectiveBlockedRoles` output shows the full list. Role names resolve
   * like identifiers (`analyst` = `ANALYST`). While the parameter is `TRUE`, name all of the account's privileged roles
   * or none: a list naming only some is refused at preview (Snowflake would refuse it with 003629). Default value is `[]`.
   */
  blockedRolesList?: pulumi.Input<pulumi.Input<string>[]>;
  /** Whether refresh tokens are issued. Default value is `true`. */
  oauthIssueRefreshTokens?: pulumi.Input<boolean>;
  /** Refresh-token lifetime in seconds, 86400–7776000. Default value is `7776000`. */
  oauthRefreshTokenValidity?: pulumi.Input<number>;
  /** Access-token lifetime in seconds, 60–3600. Default value is `600`. */
  oauthAccessTokenValidity?: pulumi.Input<number>;
  /** Whether refresh tokens are single-use. Default value is `false`. */
  oauthSingleUseRefreshTokensRequired?: pulumi.Input<boolean>;
  /** `DISABLE`, `ENABLE` or `ENABLE_FOR_PRIVILEGE` for the `session:role-any` scope (preview). Default value is `DISABLE`. */
  oauthAnyRoleMode?: pulumi.Input<"DISABLE" | "ENABLE" | "ENABLE_FOR_PRIVILEGE">;
  /** Whether the authorization endpoint is reached over private connectivity. Default value is `false`. */
  usePrivatelinkForAuthorizationEndpoint?: pulumi.Input<boolean>;
  /** Network policy by name as written in SQL; pass a `NetworkPolicy`'s `name` output. Default: none. */
  networkPolicy?: pulumi.Input<string>;
  /** A comment. Default: none. */
  comment?: pulumi.Input<string>;
  /**
   * The 0–2 RSA public keys (PEM, with or without armour) clients may sign token-endpoint JWTs with. Keys stay in the
   * slot they are registered in; a new key goes into the free slot before an old one is removed. Compared by
   * fingerprint with DESCRIBE's `OAUTH_CLIENT_RSA_PUBLIC_KEY[_2]_FP`. Default value is `[]`.
   */
  rsaPublicKeys?: pulumi.Input<pulumi.Input<string>[]>;
  /** Accept a change that replaces every registered key at once (clients on the old key fail). Default value is `false`. */
  allowReplacingAllKeys?: pulumi.Input<boolean>;
  /**
   * Client-secret rotation counters: change `secret1` (or `secret2`) to run `ALTER ... REFRESH OAUTH_CLIENT_SECRET`
   * (`_2`). Rotate one secret at a time, moving clients to the other in between. Default: no rotation.
   */
  clientSecretRotation?: pulumi.Input<{ secret1?: pulumi.Input<number>; secret2?: pulumi.Input<number> }>;
  /**
   * Adopt an integration of this name that already exists (instead of failing with "already exists"), converging it
   * to the declared properties. Pulumi's `import` option does not work for dynamic resources (pulumi/pulumi#16175).
   * Default value is `false`.
   */
  adoptExisting?: pulumi.Input<boolean>;
}

// Compile-time check: the table-backed arguments above are exactly those of the property table.
type _TableArgs = Pick<OAuthIntegrationArgs, keyof typeof OAUTH_CUSTOM_TABLE>;
const _argsMatchTable: Same<Required<_TableArgs>, Required<ArgsFromTable<typeof OAUTH_CUSTOM_TABLE>>> = true;
void _argsMatchTable;

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
 */
export class OAuthIntegration extends pulumi.dynamic.Resource {
  /** The type token policy packs match on. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/snowflake:OAuthIntegration";

  /** Always `oauth-custom`. */
  declare readonly kind: pulumi.Output<"oauth-custom">;
  /** The name as declared (identifier text). */
  declare readonly name: pulumi.Output<string>;
  /** The name Snowflake stores (`MY_APP`); what SHOW/DESCRIBE print and SYSTEM$SHOW_OAUTH_CLIENT_SECRETS takes. */
  declare readonly storedName: pulumi.Output<string>;
  /** OAUTH_CLIENT_ID. */ /*out*/
  declare readonly clientId: pulumi.Output<string>;
  /** OAUTH_CLIENT_SECRET (secret). */ /*out*/
  declare readonly clientSecret: pulumi.Output<string | undefined>;
  /** OAUTH_CLIENT_SECRET_2 (secret). */ /*out*/
  declare readonly clientSecret2: pulumi.Output<string | undefined>;
  /** OAUTH_AUTHORIZATION_ENDPOINT. */ /*out*/
  declare readonly authorizationEndpoint: pulumi.Output<string | undefined>;
  /** OAUTH_TOKEN_ENDPOINT. */ /*out*/
  declare readonly tokenEndpoint: pulumi.Output<string | undefined>;
  /** Fingerprint in key slot 1 (`OAUTH_CLIENT_RSA_PUBLIC_KEY_FP`). */ /*out*/
  declare readonly rsaPublicKeyFp: pulumi.Output<string | undefined>;
  /** Fingerprint in key slot 2 (`OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP`). */ /*out*/
  declare readonly rsaPublicKey2Fp: pulumi.Output<string | undefined>;
  /** Registered fingerprints (slot order). */ /*out*/
  declare readonly rsaPublicKeyFingerprints: pulumi.Output<string[]>;
  /** BLOCKED_ROLES_LIST as Snowflake applies it (declared roles plus privileged roles it adds). */ /*out*/
  declare readonly effectiveBlockedRoles: pulumi.Output<string[]>;
  /** The DESCRIBE INTEGRATION result, `{PROPERTY: value}`. */ /*out*/
  declare readonly described: pulumi.Output<Record<string, string>>;
  declare readonly oauthClientType: pulumi.Output<"CONFIDENTIAL" | "PUBLIC">;
  declare readonly oauthRedirectUri: pulumi.Output<string>;
  declare readonly networkPolicy: pulumi.Output<string | undefined>;
  declare readonly blockedRolesList: pulumi.Output<string[] | undefined>;

  constructor(name: string, args: OAuthIntegrationArgs, opts?: pulumi.CustomResourceOptions) {
    requireArgs("OAuthIntegration", args as unknown as Record<string, unknown>, ["oauthClientType", "oauthRedirectUri"], opts);
    super(
      provider,
      name,
      {
        ...args,
        name: args?.name ?? name,
        kind: "oauth-custom",
        storedName: undefined,
        clientId: undefined,
        clientSecret: undefined,
        clientSecret2: undefined,
        authorizationEndpoint: undefined,
        tokenEndpoint: undefined,
        rsaPublicKeyFp: undefined,
        rsaPublicKey2Fp: undefined,
        rsaPublicKeyFingerprints: undefined,
        effectiveBlockedRoles: undefined,
        described: undefined,
      },
      withSecretOutputs(opts, ["clientSecret", "clientSecret2"]),
      "snowflake",
      "OAuthIntegration",
    );
  }
}
