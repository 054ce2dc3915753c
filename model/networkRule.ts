/**
 * `NetworkRule`: a schema-level group of network identifiers that network policies allow or block. Sources, docs:
 * - https://docs.snowflake.com/en/sql-reference/sql/create-network-rule (TYPE, MODE with default INGRESS, VALUE_LIST,
 *   COMMENT; "IPv6 network rules only support the INGRESS mode"; PRIVATE_HOST_PORT: "the MODE parameter must be set to
 *   EGRESS", "specify one valid domain"; INTERNAL_STAGE and SNOWFLAKE_MANAGED_STORAGE_VOLUME need TYPE = AWSVPCEID;
 *   "The TYPE and MODE properties can't be changed for an existing network rule")
 * - https://docs.snowflake.com/en/sql-reference/sql/alter-network-rule (SET VALUE_LIST / COMMENT, UNSET)
 * - https://docs.snowflake.com/en/sql-reference/sql/desc-network-rule; the row's columns as the Terraform provider reads
 *   them live: snowflakedb/terraform-provider-snowflake `pkg/sdk/network_rule_impl_gen.go` (`DescNetworkRulesRow`:
 *   created_on, name, database_name, schema_name, owner, comment, type, mode, value_list comma-joined)
 * @internal
 */
import type { MetaInput, ResourceModel } from "./resource";
import { nonEmptyString } from "./common";

export const NETWORK_RULE_TYPES = [
  "IPV4",
  "IPV6",
  "AWSVPCEID",
  "AZURELINKID",
  "GCPPSCID",
  "HOST_PORT",
  "PRIVATE_HOST_PORT",
  "COMPUTE_POOL",
] as const;
export const NETWORK_RULE_MODES = ["INGRESS", "INTERNAL_STAGE", "SNOWFLAKE_MANAGED_STORAGE_VOLUME", "EGRESS"] as const;

/** The TYPE/MODE pairs the CREATE page says "must" or "only" about: mode → the types it allows. */
export const NETWORK_RULE_MODE_TYPES: Readonly<Record<string, readonly string[] | undefined>> = {
  INTERNAL_STAGE: ["AWSVPCEID"],
  SNOWFLAKE_MANAGED_STORAGE_VOLUME: ["AWSVPCEID"],
};
/** type → the only mode it allows. */
export const NETWORK_RULE_TYPE_MODE: Readonly<Record<string, string | undefined>> = { IPV6: "INGRESS", PRIVATE_HOST_PORT: "EGRESS" };

const DOCS = "https://docs.snowflake.com/en/sql-reference/sql/create-network-rule";
const oneOf = (what: string, values: readonly string[]) => (v: unknown) =>
  typeof v === "string" && values.includes(v.toUpperCase()) ? undefined : `${what} must be one of ${values.join(", ")}.`;

const ident = (what: string, doc: string, required = true): MetaInput => ({
  tsType: "string",
  required,
  doc,
  validate: nonEmptyString(what),
});

export const NETWORK_RULE: ResourceModel = {
  className: "NetworkRule",
  typeName: "NetworkRule",
  kind: "network-rule",
  providerKind: "networkRule",
  summary:
    "A network rule (`CREATE NETWORK RULE <db>.<schema>.<name>`), diffed against `DESCRIBE NETWORK RULE`: a value list " +
    "or comment changed by hand shows at preview and is repaired by `pulumi up` (`ALTER NETWORK RULE … SET`); a TYPE " +
    "or MODE change replaces the rule (Snowflake cannot alter them). Pass `qualifiedName` to a `NetworkPolicy`'s " +
    "`allowedNetworkRuleList` / `blockedNetworkRuleList`; IPv6 addresses can only be allowed through rules. The " +
    "lockout guard of `NetworkPolicyAttachment` reads rules declared in the same program as declared, and a value-list " +
    "change of a rule that the policy in force for the provider's connection names is judged by it before it is sent.",
  example: [
    "```ts",
    'const office = new snowflake.NetworkRule("office", { database: "SECURITY", schema: "RULES", type: "IPV4", valueList: ["203.0.113.0/24"] });',
    'new snowflake.NetworkPolicy("corp", { allowedNetworkRuleList: [office.qualifiedName] });',
    "```",
    "",
    "```sql",
    "CREATE NETWORK RULE SECURITY.RULES.OFFICE TYPE = IPV4 VALUE_LIST = ('203.0.113.0/24') MODE = INGRESS;",
    "DESCRIBE NETWORK RULE SECURITY.RULES.OFFICE;",
    "```",
  ].join("\n"),
  docs: [
    DOCS,
    "https://docs.snowflake.com/en/sql-reference/sql/alter-network-rule",
    "https://docs.snowflake.com/en/sql-reference/sql/desc-network-rule",
  ],
  inputs: {
    database: ident("database", "The database that holds the rule (it must exist). Changing it replaces the rule."),
    schema: ident("schema", "The schema that holds the rule (it must exist). Changing it replaces the rule."),
    name: {
      tsType: "string",
      doc: "The rule's name as written in SQL (`office` → `OFFICE`). Changing it replaces the rule.",
      defaultDoc: "Default value is the resource's logical name.",
      sdkDefault: { logicalName: true },
      validate: nonEmptyString("name"),
    },
    type: {
      tsType: '"IPV4" | "IPV6" | "AWSVPCEID" | "AZURELINKID" | "GCPPSCID" | "HOST_PORT" | "PRIVATE_HOST_PORT" | "COMPUTE_POOL"',
      required: true,
      doc: "`TYPE`: what the values identify. Cannot be altered: a change replaces the rule.",
      validate: oneOf("type", NETWORK_RULE_TYPES),
    },
    mode: {
      tsType: '"INGRESS" | "INTERNAL_STAGE" | "SNOWFLAKE_MANAGED_STORAGE_VOLUME" | "EGRESS"',
      doc:
        "`MODE`: what the rule restricts. A network policy uses INGRESS (or INTERNAL_STAGE) rules. IPV6 rules only " +
        "support INGRESS; PRIVATE_HOST_PORT needs EGRESS; INTERNAL_STAGE and SNOWFLAKE_MANAGED_STORAGE_VOLUME need " +
        "AWSVPCEID. Cannot be altered: a change replaces the rule.",
      defaultDoc: "Default value is `INGRESS` (Snowflake's default).",
      sdkDefault: { value: "INGRESS" },
      validate: oneOf("mode", NETWORK_RULE_MODES),
    },
    valueList: {
      tsType: "string",
      list: true,
      required: true,
      doc:
        "`VALUE_LIST`: IPV4 rules take IPv4 addresses or CIDR ranges, IPV6 rules IPv6 addresses or ranges, HOST_PORT " +
        "rules `domain[:port]`, PRIVATE_HOST_PORT one domain; other types their identifiers.",
    },
    comment: {
      tsType: "string",
      doc: "`COMMENT`.",
      defaultDoc: "Default: no comment.",
      validate: (v) => (typeof v === "string" ? undefined : "comment must be a string."),
    },
    allowLockout: {
      tsType: "boolean",
      doc:
        "Skip the lockout guard for this rule's value changes. While a network policy in force for the provider's own " +
        "connection names the rule, a value-list change that would make that policy refuse the address Snowflake " +
        "sees for the connection fails at preview; see `NetworkPolicyAttachment`.",
      defaultDoc: "Default value is `false`.",
      validate: (v) => (typeof v === "boolean" ? undefined : "allowLockout must be a boolean."),
    },
  },
  outputs: {
    qualifiedName: { tsType: "string", doc: "`DB.SCHEMA.NAME` as SQL text: what a network policy's rule lists take." },
    owner: { tsType: "string", doc: "The owner role, as DESCRIBE shows it." },
  },
  replaceOnChanges: ["database", "schema", "name", "type", "mode"],
  echoedInputs: ["name", "type", "mode", "valueList"],
};
