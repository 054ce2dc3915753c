import * as pulumi from "@pulumi/pulumi";
import type { ArgsFromTable } from "../model/types";
import type { OAUTH_PARTNER_TABLE } from "../model/oauthPartner";
import { requireArgs, shim, type Same } from "./internal/shim";

const provider = shim("partnerOAuthIntegration");

/** Arguments of {@link PartnerOAuthIntegration}. Leaving a property unset means Snowflake's default. */
export interface PartnerOAuthIntegrationArgs {
  /** The integration's name as written in SQL (`tableau` → `TABLEAU`). Changing it replaces the integration. Default value is the resource's logical name. */
  name?: pulumi.Input<string>;
  /** `TABLEAU_DESKTOP`, `TABLEAU_SERVER` (Tableau Cloud) or `LOOKER`. A change replaces the integration. */
  oauthClient: pulumi.Input<"TABLEAU_DESKTOP" | "TABLEAU_SERVER" | "LOOKER">;
  /** Looker's redirect URI (https). Required for, and only accepted with, `LOOKER`. */
  oauthRedirectUri?: pulumi.Input<string>;
  /** Whether the integration is in operation. Default value is `true`. */
  enabled?: pulumi.Input<boolean>;
  /** Whether refresh tokens are issued. Default value is `true`. */
  oauthIssueRefreshTokens?: pulumi.Input<boolean>;
  /** Refresh-token lifetime in seconds: Tableau Desktop 60–36000, Tableau Cloud 60–7776000, Looker 3600–7776000. Default value is `7776000`. */
  oauthRefreshTokenValidity?: pulumi.Input<number>;
  /** Access-token lifetime in seconds, 60–3600. Default value is `600`. */
  oauthAccessTokenValidity?: pulumi.Input<number>;
  /** Whether refresh tokens are single-use. Default value is `false`. */
  oauthSingleUseRefreshTokensRequired?: pulumi.Input<boolean>;
  /** `IMPLICIT` or `NONE` (must be `NONE` with `allowedRolesList`). Default value is `NONE`. */
  oauthUseSecondaryRoles?: pulumi.Input<"IMPLICIT" | "NONE">;
  /** Network policy by name as written in SQL; pass a `NetworkPolicy`'s `name`. Default: none. */
  networkPolicy?: pulumi.Input<string>;
  /** The only roles users may consent to. Default value is `[]`. */
  allowedRolesList?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Roles users may not consent to, as declared (privileged roles Snowflake adds cause no diff; see `effectiveBlockedRoles`).
   * While `OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST` is `TRUE`, a list naming only some privileged roles is refused at
   * preview (003629). Default value is `[]`.
   */
  blockedRolesList?: pulumi.Input<pulumi.Input<string>[]>;
  /** Whether the authorization endpoint is reached over private connectivity. Default value is `false`. */
  usePrivatelinkForAuthorizationEndpoint?: pulumi.Input<boolean>;
  /** A comment. Default: none. */
  comment?: pulumi.Input<string>;
  /** Adopt an existing integration of this name and converge it. Default value is `false`. */
  adoptExisting?: pulumi.Input<boolean>;
}

type _TableArgs = Pick<PartnerOAuthIntegrationArgs, keyof typeof OAUTH_PARTNER_TABLE>;
const _argsMatchTable: Same<Required<_TableArgs>, Required<ArgsFromTable<typeof OAUTH_PARTNER_TABLE>>> = true;
void _argsMatchTable;

/**
 * A Snowflake OAuth integration for a partner application (Tableau Desktop, Tableau Cloud, Looker).
 *
 * ## Example Usage
 *
 * ```typescript
 * new PartnerOAuthIntegration("tableau_desktop", { oauthClient: "TABLEAU_DESKTOP", oauthRefreshTokenValidity: 36000, blockedRolesList: ["SYSADMIN"] });
 * ```
 *
 * ```sql
 * CREATE SECURITY INTEGRATION TABLEAU_DESKTOP TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP OAUTH_REFRESH_TOKEN_VALIDITY = 36000 BLOCKED_ROLES_LIST = (SYSADMIN)
 * DESCRIBE INTEGRATION TABLEAU_DESKTOP
 * ```
 *
 * Based on https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-snowflake .
 */
export class PartnerOAuthIntegration extends pulumi.dynamic.Resource {
  static readonly __pulumiType = "pulumi-nodejs:dynamic/snowflake:PartnerOAuthIntegration";

  /** Always `oauth-partner`. */
  declare readonly kind: pulumi.Output<"oauth-partner">;
  declare readonly name: pulumi.Output<string>;
  /** The name Snowflake stores. */ /*out*/
  declare readonly storedName: pulumi.Output<string>;
  declare readonly oauthClient: pulumi.Output<"TABLEAU_DESKTOP" | "TABLEAU_SERVER" | "LOOKER">;
  /** OAUTH_CLIENT_ID from DESCRIBE, when shown. */ /*out*/
  declare readonly clientId: pulumi.Output<string | undefined>;
  /** OAUTH_AUTHORIZATION_ENDPOINT. */ /*out*/
  declare readonly authorizationEndpoint: pulumi.Output<string | undefined>;
  /** OAUTH_TOKEN_ENDPOINT. */ /*out*/
  declare readonly tokenEndpoint: pulumi.Output<string | undefined>;
  /** BLOCKED_ROLES_LIST as Snowflake applies it. */ /*out*/
  declare readonly effectiveBlockedRoles: pulumi.Output<string[]>;
  /** The DESCRIBE INTEGRATION result. */ /*out*/
  declare readonly described: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: PartnerOAuthIntegrationArgs, opts?: pulumi.CustomResourceOptions) {
    requireArgs("PartnerOAuthIntegration", args as unknown as Record<string, unknown>, ["oauthClient"], opts);
    super(
      provider,
      name,
      {
        ...args,
        name: args?.name ?? name,
        kind: "oauth-partner",
        storedName: undefined,
        clientId: undefined,
        authorizationEndpoint: undefined,
        tokenEndpoint: undefined,
        effectiveBlockedRoles: undefined,
        described: undefined,
      },
      opts,
      "snowflake",
      "PartnerOAuthIntegration",
    );
  }
}
