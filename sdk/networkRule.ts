// Generated from model/networkRule.ts by scripts/generate (npm run generate). Do not edit: change the model instead.
import * as pulumi from "@pulumi/pulumi";
import { NETWORK_RULE } from "../model/networkRule";
import { resourceArgs, resourceOptions } from "./internal/resource";
import { shim } from "./internal/shim";

/** The serialized provider captures nothing but code and the kind's name (see sdk/internal/shim.ts). */
const provider = shim("networkRule");

/** Arguments of {@link NetworkRule}. */
export interface NetworkRuleArgs {
  /** The database that holds the rule (it must exist). Changing it replaces the rule. Required. */
  database: pulumi.Input<string>;
  /** The schema that holds the rule (it must exist). Changing it replaces the rule. Required. */
  schema: pulumi.Input<string>;
  /**
   * The rule's name as written in SQL (`office` → `OFFICE`). Changing it replaces the rule. Default value is the
   * resource's logical name.
   */
  name?: pulumi.Input<string>;
  /** `TYPE`: what the values identify. Cannot be altered: a change replaces the rule. Required. */
  type: pulumi.Input<"IPV4" | "IPV6" | "AWSVPCEID" | "AZURELINKID" | "GCPPSCID" | "HOST_PORT" | "PRIVATE_HOST_PORT" | "COMPUTE_POOL">;
  /**
   * `MODE`: what the rule restricts. A network policy uses INGRESS (or INTERNAL_STAGE) rules. IPV6 rules only support
   * INGRESS; PRIVATE_HOST_PORT needs EGRESS; INTERNAL_STAGE and SNOWFLAKE_MANAGED_STORAGE_VOLUME need AWSVPCEID.
   * Cannot be altered: a change replaces the rule. Default value is `INGRESS` (Snowflake's default).
   */
  mode?: pulumi.Input<"INGRESS" | "INTERNAL_STAGE" | "SNOWFLAKE_MANAGED_STORAGE_VOLUME" | "EGRESS">;
  /**
   * `VALUE_LIST`: IPV4 rules take IPv4 addresses or CIDR ranges, IPV6 rules IPv6 addresses or ranges, HOST_PORT rules
   * `domain[:port]`, PRIVATE_HOST_PORT one domain; other types their identifiers. Required.
   */
  valueList: pulumi.Input<pulumi.Input<string>[]>;
  /** `COMMENT`. Default: no comment. */
  comment?: pulumi.Input<string>;
  /**
   * Skip the lockout guard for this rule's value changes. While a network policy in force for the provider's own
   * connection names the rule, a value-list change that would make that policy refuse the address Snowflake sees for
   * the connection fails at preview; see `NetworkPolicyAttachment`. Default value is `false`.
   */
  allowLockout?: pulumi.Input<boolean>;
}

/**
 * A network rule (`CREATE NETWORK RULE <db>.<schema>.<name>`), diffed against `DESCRIBE NETWORK RULE`: a value list
 * or comment changed by hand shows at preview and is repaired by `pulumi up` (`ALTER NETWORK RULE … SET`); a TYPE or
 * MODE change replaces the rule (Snowflake cannot alter them). Pass `qualifiedName` to a `NetworkPolicy`'s
 * `allowedNetworkRuleList` / `blockedNetworkRuleList`; IPv6 addresses can only be allowed through rules. The lockout
 * guard of `NetworkPolicyAttachment` reads rules declared in the same program as declared, and a value-list change of
 * a rule that the policy in force for the provider's connection names is judged by it before it is sent.
 *
 * ## Example Usage
 *
 * ```ts
 * const office = new snowflake.NetworkRule("office", { database: "SECURITY", schema: "RULES", type: "IPV4", valueList: ["203.0.113.0/24"] });
 * new snowflake.NetworkPolicy("corp", { allowedNetworkRuleList: [office.qualifiedName] });
 * ```
 *
 * ```sql
 * CREATE NETWORK RULE SECURITY.RULES.OFFICE TYPE = IPV4 VALUE_LIST = ('203.0.113.0/24') MODE = INGRESS;
 * DESCRIBE NETWORK RULE SECURITY.RULES.OFFICE;
 * ```
 *
 * Based on https://docs.snowflake.com/en/sql-reference/sql/create-network-rule .
 * Based on https://docs.snowflake.com/en/sql-reference/sql/alter-network-rule .
 * Based on https://docs.snowflake.com/en/sql-reference/sql/desc-network-rule .
 */
export class NetworkRule extends pulumi.dynamic.Resource {
  /** The type token policy packs match on. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/snowflake:NetworkRule";

  /** Always `network-rule`. */
  declare readonly kind: pulumi.Output<"network-rule">;
  /** The name as declared (identifier text). */
  declare readonly name: pulumi.Output<string>;
  /** The declared `type`. */
  declare readonly type: pulumi.Output<
    "IPV4" | "IPV6" | "AWSVPCEID" | "AZURELINKID" | "GCPPSCID" | "HOST_PORT" | "PRIVATE_HOST_PORT" | "COMPUTE_POOL"
  >;
  /** The declared `mode`. */
  declare readonly mode: pulumi.Output<"INGRESS" | "INTERNAL_STAGE" | "SNOWFLAKE_MANAGED_STORAGE_VOLUME" | "EGRESS">;
  /** The declared `valueList`. */
  declare readonly valueList: pulumi.Output<string[]>;
  /** `DB.SCHEMA.NAME` as SQL text: what a network policy's rule lists take. */
  declare readonly qualifiedName: pulumi.Output<string>;
  /** The owner role, as DESCRIBE shows it. */
  declare readonly owner: pulumi.Output<string>;

  constructor(name: string, args: NetworkRuleArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceArgs(NETWORK_RULE, name, args, opts), resourceOptions(NETWORK_RULE, opts), "snowflake", "NetworkRule");
  }
}
