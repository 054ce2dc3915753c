// Generated from model/integrationGrant.ts by scripts/generate (npm run generate). Do not edit: change the model instead.
import * as pulumi from "@pulumi/pulumi";
import { INTEGRATION_GRANT } from "../model/integrationGrant";
import { resourceArgs, resourceOptions } from "./internal/resource";
import { shim } from "./internal/shim";

/** The serialized provider captures nothing but code and the kind's name (see sdk/internal/shim.ts). */
const provider = shim("integrationGrant");

/** Arguments of {@link IntegrationGrant}. */
export interface IntegrationGrantArgs {
  /** The security integration, as written in SQL (pass an integration resource's `name`). Required. */
  integration: pulumi.Input<string>;
  /** The privilege: `USE_ANY_ROLE` (External OAuth any-role mode) or `USAGE`. Required. */
  privilege: pulumi.Input<"USAGE" | "USE_ANY_ROLE">;
  /** The role that receives the privilege (`analyst` → `ANALYST`). It must exist. Required. */
  role: pulumi.Input<string>;
}

/**
 * One privilege on a security integration granted to a role (`GRANT USE_ANY_ROLE ON INTEGRATION … TO ROLE …`, or
 * `USAGE`). `EXTERNAL_OAUTH_ANY_ROLE_MODE = ENABLE_FOR_PRIVILEGE` does nothing without the USE_ANY_ROLE grant. Drift
 * is read from `SHOW GRANTS ON INTEGRATION`: a grant revoked by hand shows at preview and is granted again by `pulumi
 * up`. Delete revokes it. Every input replaces the resource when it changes (the new grant is made first).
 *
 * ## Example Usage
 *
 * ```ts
 * new snowflake.IntegrationGrant("okta-any-role", { integration: okta.name, privilege: "USE_ANY_ROLE", role: "ANALYST" });
 * ```
 *
 * ```sql
 * SHOW GRANTS ON INTEGRATION OKTA;
 * GRANT USE_ANY_ROLE ON INTEGRATION OKTA TO ROLE ANALYST;
 * ```
 *
 * Based on https://docs.snowflake.com/en/sql-reference/sql/grant-privilege .
 * Based on https://docs.snowflake.com/en/sql-reference/sql/revoke-privilege .
 * Based on https://docs.snowflake.com/en/sql-reference/sql/show-grants .
 */
export class IntegrationGrant extends pulumi.dynamic.Resource {
  /** The type token policy packs match on. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/snowflake:IntegrationGrant";

  /** Always `integration-grant`. */
  declare readonly kind: pulumi.Output<"integration-grant">;
  /** The declared `integration`. */
  declare readonly integration: pulumi.Output<string>;
  /** The declared `privilege`. */
  declare readonly privilege: pulumi.Output<"USAGE" | "USE_ANY_ROLE">;
  /** The declared `role`. */
  declare readonly role: pulumi.Output<string>;
  /** Stored integration name. */
  declare readonly integrationName: pulumi.Output<string>;
  /** Stored role name. */
  declare readonly roleName: pulumi.Output<string>;
  /** The grant already existed when this resource was created: delete leaves it (the resource granted nothing). */
  declare readonly preExisting: pulumi.Output<boolean>;

  constructor(name: string, args: IntegrationGrantArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceArgs(INTEGRATION_GRANT, name, args, opts),
      resourceOptions(INTEGRATION_GRANT, opts),
      "snowflake",
      "IntegrationGrant",
    );
  }
}
