/**
 * `NetworkPolicyAttachment`: activates a network policy for the account or for one user. Sources, all docs pages:
 * - https://docs.snowflake.com/en/user-guide/network-policies ("Activating a network policy": `ALTER ACCOUNT SET
 *   NETWORK_POLICY`, `ALTER USER … SET NETWORK_POLICY`; one policy per account and per user, a new one replaces the
 *   old; "Network policy precedence": a user's policy overrides the account's; "If you try to create an empty network
 *   policy, no IPv4 addresses are allowed"; an allowed IPv4 rule admits only its addresses; the blocked list first)
 * - https://docs.snowflake.com/en/sql-reference/parameters#network-policy (the NETWORK_POLICY parameter, read with
 *   `SHOW PARAMETERS LIKE 'network_policy' IN ACCOUNT` / `IN USER`)
 * - https://docs.snowflake.com/en/sql-reference/functions/current_ip_address (the address Snowflake sees)
 * @internal
 */
import type { ResourceModel } from "./resource";
import { nonEmptyString } from "./common";

/** The docs page every fact of this resource comes from. */
export const NETWORK_POLICIES_GUIDE = "https://docs.snowflake.com/en/user-guide/network-policies";

export const NETWORK_POLICY_ATTACHMENT: ResourceModel = {
  className: "NetworkPolicyAttachment",
  typeName: "NetworkPolicyAttachment",
  kind: "network-policy-attachment",
  providerKind: "networkPolicyAttachment",
  summary:
    "Activates a network policy for the account (`ALTER ACCOUNT SET NETWORK_POLICY`) or for one user (`ALTER USER … " +
    "SET NETWORK_POLICY`). A policy does nothing until it is activated. Drift is read from `SHOW PARAMETERS LIKE " +
    "'NETWORK_POLICY' IN ACCOUNT` / `IN USER`, so a policy changed or unset by hand shows at preview and is repaired by " +
    "`pulumi up`. Delete unsets the parameter only while it still names this resource's policy.\n\n" +
    "**Lockout guard.** Before activating a policy that governs the provider's own connection (the account's policy " +
    "when the connecting user has none of its own, or the connecting user's policy), preview checks that the policy " +
    "admits the address Snowflake sees for that connection (`SELECT CURRENT_IP_ADDRESS()`): the blocked list and " +
    "blocked rules first, then the allowed list and allowed IPv4 rules; a policy with neither admits no IPv4 address. " +
    "Otherwise preview fails and nothing is sent. The same check runs on a `NetworkPolicy` change while the policy is " +
    "in force for the connection, and before a delete hands the connection over to the account's policy. " +
    "`allowLockout: true` turns it off.",
  example: [
    "```ts",
    'const office = new snowflake.NetworkPolicy("office", { allowedIpList: ["203.0.113.0/24"] });',
    'new snowflake.NetworkPolicyAttachment("account-policy", { networkPolicy: office.name });',
    'new snowflake.NetworkPolicyAttachment("loader-policy", { networkPolicy: office.name, user: "SVC_LOADER" });',
    "```",
    "",
    "```sql",
    "SHOW PARAMETERS LIKE 'NETWORK_POLICY' IN ACCOUNT;",
    "SELECT CURRENT_IP_ADDRESS();",
    "ALTER ACCOUNT SET NETWORK_POLICY = OFFICE;",
    "ALTER USER SVC_LOADER SET NETWORK_POLICY = OFFICE;",
    "```",
  ].join("\n"),
  docs: [
    NETWORK_POLICIES_GUIDE,
    "https://docs.snowflake.com/en/sql-reference/sql/alter-account",
    "https://docs.snowflake.com/en/sql-reference/sql/alter-user",
    "https://docs.snowflake.com/en/sql-reference/functions/current_ip_address",
  ],
  inputs: {
    networkPolicy: {
      tsType: "string",
      required: true,
      doc:
        "The network policy to activate, as written in SQL (`corp` → `CORP`). Pass a `NetworkPolicy`'s `name` so the " +
        "policy is created first and the lockout guard judges the policy as declared. Changing it activates the new " +
        "policy in one statement (Snowflake replaces the previous one).",
      validate: nonEmptyString("networkPolicy"),
    },
    user: {
      tsType: "string",
      doc:
        "The existing user to activate the policy for (`svc_loader` → `SVC_LOADER`). A user's policy overrides the " +
        "account's for that user. Changing it replaces the resource.",
      defaultDoc: "Default: the account.",
      validate: nonEmptyString("user"),
    },
    allowLockout: {
      tsType: "boolean",
      doc:
        "Skip the lockout guard: activate (or change) the policy even when it would refuse the address the provider " +
        "connects from. The next `pulumi up` from that address will then fail to log in.",
      defaultDoc: "Default value is `false`.",
      sdkDefault: { value: false },
      validate: (v) => (typeof v === "boolean" ? undefined : "allowLockout must be a boolean."),
    },
  },
  outputs: {
    target: { tsType: "string", doc: "`ACCOUNT`, or the stored user name." },
    policyName: { tsType: "string", doc: "The stored name of the activated policy (as SHOW PARAMETERS prints it)." },
    previousPolicy: {
      tsType: "string",
      doc: 'The policy that was active for the target before this resource was created (`""` when none).',
    },
  },
  replaceOnChanges: ["user"],
  echoedInputs: ["networkPolicy", "user"],
};
