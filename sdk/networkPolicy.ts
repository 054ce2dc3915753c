import * as pulumi from "@pulumi/pulumi";
import type { ArgsFromTable } from "../model/types";
import type { NETWORK_POLICY_TABLE } from "../model/networkPolicy";
import { shim, type Same } from "./internal/shim";

const provider = shim("networkPolicy");

/** Arguments of {@link NetworkPolicy}. */
export interface NetworkPolicyArgs {
  /**
   * The policy's name as written in SQL (`corp` → `CORP`; `"corp"` keeps lower case). Changing it renames the policy
   * in place (`ALTER NETWORK POLICY ... RENAME TO`). Default value is the resource's logical name.
   */
  name?: pulumi.Input<string>;
  /** IPv4 addresses / CIDR ranges allowed. Default value is `[]`. */
  allowedIpList?: pulumi.Input<pulumi.Input<string>[]>;
  /** IPv4 addresses / CIDR ranges blocked (never `0.0.0.0/0`). Default value is `[]`. */
  blockedIpList?: pulumi.Input<pulumi.Input<string>[]>;
  /** Network rules (`db.schema.rule`) allowed. Default value is `[]`. */
  allowedNetworkRuleList?: pulumi.Input<pulumi.Input<string>[]>;
  /** Network rules (`db.schema.rule`) blocked. Default value is `[]`. */
  blockedNetworkRuleList?: pulumi.Input<pulumi.Input<string>[]>;
  /** A comment. Default: none. */
  comment?: pulumi.Input<string>;
  /** Adopt an existing policy of this name and converge it. Default value is `false`. */
  adoptExisting?: pulumi.Input<boolean>;
}

type _TableArgs = Pick<NetworkPolicyArgs, keyof typeof NETWORK_POLICY_TABLE>;
const _argsMatchTable: Same<Required<_TableArgs>, Required<ArgsFromTable<typeof NETWORK_POLICY_TABLE>>> = true;
void _argsMatchTable;

/**
 * A Snowflake network policy. Pass its `name` to an integration's `networkPolicy`.
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
 */
export class NetworkPolicy extends pulumi.dynamic.Resource {
  static readonly __pulumiType = "pulumi-nodejs:dynamic/snowflake:NetworkPolicy";

  /** Always `network-policy`. */
  declare readonly kind: pulumi.Output<"network-policy">;
  /** The name as declared (identifier text); pass this to integrations. */
  declare readonly name: pulumi.Output<string>;
  /** The name Snowflake stores. */ /*out*/
  declare readonly storedName: pulumi.Output<string>;
  declare readonly allowedIpList: pulumi.Output<string[] | undefined>;
  declare readonly blockedIpList: pulumi.Output<string[] | undefined>;
  /** The DESCRIBE NETWORK POLICY result plus COMMENT. */ /*out*/
  declare readonly described: pulumi.Output<Record<string, string>>;

  constructor(name: string, args?: NetworkPolicyArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      { ...args, name: args?.name ?? name, kind: "network-policy", storedName: undefined, described: undefined },
      opts,
      "snowflake",
      "NetworkPolicy",
    );
  }
}
