// Generated from model/networkPolicyAttachment.ts by scripts/generate (npm run generate). Do not edit: change the model instead.
import * as pulumi from "@pulumi/pulumi";
import { NETWORK_POLICY_ATTACHMENT } from "../model/networkPolicyAttachment";
import { resourceArgs, resourceOptions } from "./internal/resource";
import { shim } from "./internal/shim";

/** The serialized provider captures nothing but code and the kind's name (see sdk/internal/shim.ts). */
const provider = shim("networkPolicyAttachment");

/** Arguments of {@link NetworkPolicyAttachment}. */
export interface NetworkPolicyAttachmentArgs {
  /**
   * The network policy to activate, as written in SQL (`corp` → `CORP`). Pass a `NetworkPolicy`'s `name` so the
   * policy is created first and the lockout guard judges the policy as declared. Changing it activates the new policy
   * in one statement (Snowflake replaces the previous one). Required.
   */
  networkPolicy: pulumi.Input<string>;
  /**
   * The existing user to activate the policy for (`svc_loader` → `SVC_LOADER`). A user's policy overrides the
   * account's for that user. Changing it replaces the resource. Default: the account.
   */
  user?: pulumi.Input<string>;
  /**
   * Skip the lockout guard: activate (or change) the policy even when it would refuse the address the provider
   * connects from. The next `pulumi up` from that address will then fail to log in. Default value is `false`.
   */
  allowLockout?: pulumi.Input<boolean>;
}

/**
 * Activates a network policy for the account (`ALTER ACCOUNT SET NETWORK_POLICY`) or for one user (`ALTER USER … SET
 * NETWORK_POLICY`). A policy does nothing until it is activated. Drift is read from `SHOW PARAMETERS LIKE
 * 'NETWORK_POLICY' IN ACCOUNT` / `IN USER`, so a policy changed or unset by hand shows at preview and is repaired by
 * `pulumi up`. Delete unsets the parameter only while it still names this resource's policy.
 *
 * **Lockout guard.** Before activating a policy that governs the provider's own connection (the account's policy when
 * the connecting user has none of its own, or the connecting user's policy), preview checks that the policy admits
 * the address Snowflake sees for that connection (`SELECT CURRENT_IP_ADDRESS()`): the blocked list and blocked rules
 * first, then the allowed list and allowed IPv4 rules; a policy with neither admits no IPv4 address. Otherwise
 * preview fails and nothing is sent. The same check runs on a `NetworkPolicy` change while the policy is in force for
 * the connection, and before a delete hands the connection over to the account's policy. `allowLockout: true` turns
 * it off.
 *
 * ## Example Usage
 *
 * ```ts
 * const office = new snowflake.NetworkPolicy("office", { allowedIpList: ["203.0.113.0/24"] });
 * new snowflake.NetworkPolicyAttachment("account-policy", { networkPolicy: office.name });
 * new snowflake.NetworkPolicyAttachment("loader-policy", { networkPolicy: office.name, user: "SVC_LOADER" });
 * ```
 *
 * ```sql
 * SHOW PARAMETERS LIKE 'NETWORK_POLICY' IN ACCOUNT;
 * SELECT CURRENT_IP_ADDRESS();
 * ALTER ACCOUNT SET NETWORK_POLICY = OFFICE;
 * ALTER USER SVC_LOADER SET NETWORK_POLICY = OFFICE;
 * ```
 *
 * Based on https://docs.snowflake.com/en/user-guide/network-policies .
 * Based on https://docs.snowflake.com/en/sql-reference/sql/alter-account .
 * Based on https://docs.snowflake.com/en/sql-reference/sql/alter-user .
 * Based on https://docs.snowflake.com/en/sql-reference/functions/current_ip_address .
 */
export class NetworkPolicyAttachment extends pulumi.dynamic.Resource {
  /** The type token policy packs match on. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/snowflake:NetworkPolicyAttachment";

  /** Always `network-policy-attachment`. */
  declare readonly kind: pulumi.Output<"network-policy-attachment">;
  /** The declared `networkPolicy`. */
  declare readonly networkPolicy: pulumi.Output<string>;
  /** The declared `user`. */
  declare readonly user: pulumi.Output<string | undefined>;
  /** `ACCOUNT`, or the stored user name. */
  declare readonly target: pulumi.Output<string>;
  /** The stored name of the activated policy (as SHOW PARAMETERS prints it). */
  declare readonly policyName: pulumi.Output<string>;
  /** The policy that was active for the target before this resource was created (`""` when none). */
  declare readonly previousPolicy: pulumi.Output<string>;

  constructor(name: string, args: NetworkPolicyAttachmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceArgs(NETWORK_POLICY_ATTACHMENT, name, args, opts),
      resourceOptions(NETWORK_POLICY_ATTACHMENT, opts),
      "snowflake",
      "NetworkPolicyAttachment",
    );
  }
}
