// Generated from model/networkPolicy.ts by scripts/generate (npm run generate). Do not edit: change the model instead.
import * as pulumi from "@pulumi/pulumi";
import { NETWORK_POLICY_RESOURCE } from "../model/networkPolicy";
import { resourceArgs, resourceOptions } from "./internal/resource";
import { shim } from "./internal/shim";

/** The serialized provider captures nothing but code and the kind's name (see sdk/internal/shim.ts). */
const provider = shim("networkPolicy");

/**
 * Arguments of {@link NetworkPolicy}. Leaving a property unset means Snowflake's default, which drift repair
 * restores.
 */
export interface NetworkPolicyArgs {
  /**
   * The policy's name as written in SQL (`corp` → `CORP`; `"corp"` keeps lower case); pass this to integrations.
   * Changing it renames the policy in place (`ALTER NETWORK POLICY ... RENAME TO`). Default value is the resource's
   * logical name.
   */
  name?: pulumi.Input<string>;
  /** IPv4 addresses or CIDR ranges allowed to connect (e.g. `["192.168.1.0/24"]`). Default: none. */
  allowedIpList?: pulumi.Input<pulumi.Input<string>[]>;
  /** IPv4 addresses or CIDR ranges refused (checked first). Never `0.0.0.0/0`. Default: none. */
  blockedIpList?: pulumi.Input<pulumi.Input<string>[]>;
  /** Network rules (`db.schema.rule`) whose identifiers are allowed. Default: none. */
  allowedNetworkRuleList?: pulumi.Input<pulumi.Input<string>[]>;
  /** Network rules (`db.schema.rule`) whose identifiers are blocked. Default: none. */
  blockedNetworkRuleList?: pulumi.Input<pulumi.Input<string>[]>;
  /** A comment (read back from SHOW NETWORK POLICIES). Default: none. */
  comment?: pulumi.Input<string>;
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
   * Adopt a network policy of this name that already exists (instead of failing with "already exists"), converging it
   * to the declared properties. Pulumi's `import` option does not work for dynamic resources (pulumi/pulumi#16175).
   * Default value is `false`.
   */
  adoptExisting?: pulumi.Input<boolean>;
  /**
   * Skip the lockout guard for this policy's changes. While the policy is in force for the provider's own connection
   * (it is the connecting user's policy, or the account's and the user has none), a change of its lists that would
   * refuse the address Snowflake sees for that connection fails at preview; see `NetworkPolicyAttachment`. Default
   * value is `false`.
   */
  allowLockout?: pulumi.Input<boolean>;
}

/**
 * A Snowflake network policy, diffed against `DESCRIBE NETWORK POLICY` (and `SHOW NETWORK POLICIES` for the comment).
 * Pass its `name` to an integration's `networkPolicy`.
 *
 * ## Example Usage
 *
 * ```typescript
 * const corp = new NetworkPolicy("corp", { allowedIpList: ["192.168.1.0/24"], blockedIpList: ["192.168.1.99"] });
 * ```
 *
 * ```sql
 * CREATE NETWORK POLICY CORP ALLOWED_IP_LIST = ('192.168.1.0/24') BLOCKED_IP_LIST = ('192.168.1.99')
 * DESCRIBE NETWORK POLICY CORP
 * SHOW NETWORK POLICIES LIKE 'CORP'
 * ```
 *
 * Based on https://docs.snowflake.com/en/sql-reference/sql/create-network-policy .
 * Based on https://docs.snowflake.com/en/sql-reference/sql/alter-network-policy .
 */
export class NetworkPolicy extends pulumi.dynamic.Resource {
  /** The type token policy packs match on. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/snowflake:NetworkPolicy";

  /** Always `network-policy`. */
  declare readonly kind: pulumi.Output<"network-policy">;
  /** The name as declared (identifier text). */
  declare readonly name: pulumi.Output<string>;
  /** The declared `allowedIpList`. */
  declare readonly allowedIpList: pulumi.Output<string[] | undefined>;
  /** The declared `blockedIpList`. */
  declare readonly blockedIpList: pulumi.Output<string[] | undefined>;
  /** The name Snowflake stores (`MY_APP`): what SHOW and DESCRIBE print. */
  declare readonly storedName: pulumi.Output<string>;
  /** The DESCRIBE NETWORK POLICY (plus COMMENT) result, `{PROPERTY: value}`. */
  declare readonly described: pulumi.Output<Record<string, string>>;

  constructor(name: string, args?: NetworkPolicyArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceArgs(NETWORK_POLICY_RESOURCE, name, args, opts),
      resourceOptions(NETWORK_POLICY_RESOURCE, opts),
      "snowflake",
      "NetworkPolicy",
    );
  }
}
