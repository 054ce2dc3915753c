// Generated from model/oauthAccountParameters.ts by scripts/generate (npm run generate). Do not edit: change the model instead.
import * as pulumi from "@pulumi/pulumi";
import { OAUTH_ACCOUNT_PARAMETERS } from "../model/oauthAccountParameters";
import { resourceArgs, resourceOptions } from "./internal/resource";
import { shim } from "./internal/shim";

/** The serialized provider captures nothing but code and the kind's name (see sdk/internal/shim.ts). */
const provider = shim("oauthAccountParameters");

/** Arguments of {@link OAuthAccountParameters}. */
export interface OAuthAccountParametersArgs {
  /**
   * `OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST`: while TRUE, ACCOUNTADMIN, ORGADMIN, GLOBALORGADMIN and
   * SECURITYADMIN cannot be the primary role of a session opened with a Snowflake OAuth access token, and the
   * integrations' blocked role lists are judged with that value. Left out: the parameter is not managed (the resource
   * never touches it). Default: not managed (Snowflake's default is `true`).
   */
  oauthAddPrivilegedRolesToBlockedList?: pulumi.Input<boolean>;
  /**
   * `EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST`: while TRUE, ACCOUNTADMIN, ORGADMIN, GLOBALORGADMIN and
   * SECURITYADMIN cannot be the primary role of a session opened with an External OAuth access token, and the
   * integrations' blocked role lists are judged with that value. Left out: the parameter is not managed (the resource
   * never touches it). Default: not managed (Snowflake's default is `true`).
   */
  externalOAuthAddPrivilegedRolesToBlockedList?: pulumi.Input<boolean>;
}

/**
 * The account parameters `OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST` and
 * `EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST` (`ALTER ACCOUNT SET …`). Drift is read from `SHOW PARAMETERS
 * … IN ACCOUNT`. Once this resource has been checked, the integrations checked after it in the same `up` judge a
 * blocked list that names privileged roles by the value declared here, not by the value the account holds before the
 * `up`; give those integrations `dependsOn` on this resource so the value is set before they are applied. Delete
 * unsets (back to Snowflake's default, TRUE) only a parameter that still holds the declared value and that this
 * resource set (one already set to it by hand before is left). One per account.
 *
 * ## Example Usage
 *
 * ```ts
 * const params = new snowflake.OAuthAccountParameters("oauth-params", { oauthAddPrivilegedRolesToBlockedList: false });
 * new snowflake.OAuthIntegration(
 *   "admin-tool",
 *   { oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://tool.example.com/cb", blockedRolesList: ["SYSADMIN"] },
 *   { dependsOn: [params] },
 * );
 * ```
 *
 * ```sql
 * SHOW PARAMETERS LIKE 'OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST' IN ACCOUNT;
 * ALTER ACCOUNT SET OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = FALSE;
 * ```
 *
 * Based on https://docs.snowflake.com/en/sql-reference/parameters#oauth-add-privileged-roles-to-blocked-list .
 * Based on https://docs.snowflake.com/en/sql-reference/parameters#external-oauth-add-privileged-roles-to-blocked-list
 * .
 */
export class OAuthAccountParameters extends pulumi.dynamic.Resource {
  /** The type token policy packs match on. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/snowflake:OAuthAccountParameters";

  /** Always `oauth-account-parameters`. */
  declare readonly kind: pulumi.Output<"oauth-account-parameters">;
  /** The parameters this resource manages (SQL names). */
  declare readonly managed: pulumi.Output<string[]>;
  /**
   * Managed parameters that already held the declared value at the account level when they came under management:
   * delete leaves them.
   */
  declare readonly alreadySet: pulumi.Output<string[]>;

  constructor(name: string, args?: OAuthAccountParametersArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceArgs(OAUTH_ACCOUNT_PARAMETERS, name, args, opts),
      resourceOptions(OAUTH_ACCOUNT_PARAMETERS, opts),
      "snowflake",
      "OAuthAccountParameters",
    );
  }
}
