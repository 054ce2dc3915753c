// Generated from model/oauthPartner.ts by scripts/generate (npm run generate). Do not edit: change the model instead.
import * as pulumi from "@pulumi/pulumi";
import { PARTNER_OAUTH_INTEGRATION } from "../model/oauthPartner";
import { resourceArgs, resourceOptions } from "./internal/resource";
import { shim } from "./internal/shim";

/** The serialized provider captures nothing but code and the kind's name (see sdk/internal/shim.ts). */
const provider = shim("partnerOAuthIntegration");

/**
 * Arguments of {@link PartnerOAuthIntegration}. Leaving a property unset means Snowflake's default, which drift
 * repair restores.
 */
export interface PartnerOAuthIntegrationArgs {
  /**
   * The integration's name as written in SQL: `my_app` resolves to `MY_APP`; write `"My App"` (with the double
   * quotes) for a case-sensitive name. Integration names are unique in the account. Changing it replaces the
   * integration. Default value is the resource's logical name.
   */
  name?: pulumi.Input<string>;
  /**
   * The partner application: `TABLEAU_DESKTOP`, `TABLEAU_SERVER` (Tableau Cloud) or `LOOKER`. Cannot be altered: a
   * change replaces the object. Required.
   */
  oauthClient: pulumi.Input<"TABLEAU_DESKTOP" | "TABLEAU_SERVER" | "LOOKER">;
  /**
   * Looker's redirect URI. Only accepted with `LOOKER`. Snowflake accepts `http://` here (live: TF testint
   * CreateOauthPartner creates LOOKER with `http://example.com`); the TLS rule of the CREATE page is for custom
   * clients. Only for LOOKER. Required for LOOKER. Default: none.
   */
  oauthRedirectUri?: pulumi.Input<string>;
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
  /**
   * How long refresh tokens are valid, in seconds; the range depends on the partner. Range: TABLEAU_DESKTOP
   * 60–7776000; TABLEAU_SERVER 60–7776000; LOOKER 3600–7776000. Default value is `7776000`.
   */
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
 * A Snowflake OAuth security integration for a partner application (`TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP |
 * TABLEAU_SERVER | LOOKER`), diffed against `DESCRIBE INTEGRATION`.
 *
 * ## Example Usage
 *
 * ```typescript
 * new PartnerOAuthIntegration("tableau_desktop", { oauthClient: "TABLEAU_DESKTOP", blockedRolesList: ["SYSADMIN"] });
 * ```
 *
 * ```sql
 * CREATE SECURITY INTEGRATION TABLEAU_DESKTOP TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP BLOCKED_ROLES_LIST = (SYSADMIN)
 * DESCRIBE INTEGRATION TABLEAU_DESKTOP
 * ```
 *
 * Based on https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-snowflake .
 * Based on https://docs.snowflake.com/en/sql-reference/sql/alter-security-integration-oauth-snowflake .
 */
export class PartnerOAuthIntegration extends pulumi.dynamic.Resource {
  /** The type token policy packs match on. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/snowflake:PartnerOAuthIntegration";

  /** Always `oauth-partner`. */
  declare readonly kind: pulumi.Output<"oauth-partner">;
  /** The name as declared (identifier text). */
  declare readonly name: pulumi.Output<string>;
  /** The declared `oauthClient`. */
  declare readonly oauthClient: pulumi.Output<"TABLEAU_DESKTOP" | "TABLEAU_SERVER" | "LOOKER">;
  /** The name Snowflake stores (`MY_APP`): what SHOW and DESCRIBE print. */
  declare readonly storedName: pulumi.Output<string>;
  /** `OAUTH_CLIENT_ID` from DESCRIBE, when shown. */
  declare readonly clientId: pulumi.Output<string | undefined>;
  /** `OAUTH_AUTHORIZATION_ENDPOINT`. */
  declare readonly authorizationEndpoint: pulumi.Output<string | undefined>;
  /** `OAUTH_TOKEN_ENDPOINT`. */
  declare readonly tokenEndpoint: pulumi.Output<string | undefined>;
  /** BLOCKED_ROLES_LIST as Snowflake applies it: the declared roles plus the privileged roles it adds. */
  declare readonly effectiveBlockedRoles: pulumi.Output<string[]>;
  /** The DESCRIBE INTEGRATION result, `{PROPERTY: value}`. */
  declare readonly described: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: PartnerOAuthIntegrationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceArgs(PARTNER_OAUTH_INTEGRATION, name, args, opts),
      resourceOptions(PARTNER_OAUTH_INTEGRATION, opts),
      "snowflake",
      "PartnerOAuthIntegration",
    );
  }
}
