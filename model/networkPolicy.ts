/**
 * Network policy. Based on https://docs.snowflake.com/en/sql-reference/sql/create-network-policy ,
 * https://docs.snowflake.com/en/sql-reference/sql/alter-network-policy and
 * https://docs.snowflake.com/en/sql-reference/sql/desc-network-policy (two columns `name`, `value`; a row only for
 * non-empty lists; rule lists as JSON). COMMENT is not in DESCRIBE: it is read from `SHOW NETWORK POLICIES`.
 * The four lists are UNSET-able (Terraform provider's live tests; docs list only COMMENT).
 * @internal
 */
import { STORED_NAME, adoptExisting, described } from "./common";
import { maxListChars } from "./rules";
import { TF_TESTACC_NETWORK_POLICY, TF_TESTINT_NETWORK_POLICIES } from "./sources";
import type { ResourceModel } from "./resource";
import { NETWORK_POLICY_TAGS, TAGS } from "./tags";
import type { ObjectSpec, PropSpec } from "./types";

export const NP_DOCS = "https://docs.snowflake.com/en/sql-reference/sql/create-network-policy";

/** A list never set (or emptied) has no DESCRIBE row. */
const NP_NO_ROW = `live: no DESCRIBE row for an empty list (${TF_TESTACC_NETWORK_POLICY}); SET ... = () and UNSET live (${TF_TESTINT_NETWORK_POLICIES})`;

export const NETWORK_POLICY_TABLE = {
  allowedIpList: {
    doc: 'IPv4 addresses or CIDR ranges allowed to connect (e.g. `["192.168.1.0/24"]`).',
    sql: "ALLOWED_IP_LIST",
    kind: "ipList",
    set: true,
    reset: "unset",
    default: { value: [], source: NP_NO_ROW },
    describe: { row: "ALLOWED_IP_LIST", parse: "commaList" },
    docs: NP_DOCS,
  },
  blockedIpList: {
    doc: "IPv4 addresses or CIDR ranges refused (checked first). Never `0.0.0.0/0`.",
    sql: "BLOCKED_IP_LIST",
    kind: "ipList",
    set: true,
    reset: "unset",
    default: { value: [], source: NP_NO_ROW },
    describe: { row: "BLOCKED_IP_LIST", parse: "commaList" },
    docs: NP_DOCS,
  },
  allowedNetworkRuleList: {
    doc: "Network rules (`db.schema.rule`) whose identifiers are allowed.",
    sql: "ALLOWED_NETWORK_RULE_LIST",
    kind: "qualifiedList",
    set: true,
    reset: "unset",
    default: { value: [], source: NP_NO_ROW },
    describe: { row: "ALLOWED_NETWORK_RULE_LIST", parse: "ruleJson" },
    docs: NP_DOCS,
  },
  blockedNetworkRuleList: {
    doc: "Network rules (`db.schema.rule`) whose identifiers are blocked.",
    sql: "BLOCKED_NETWORK_RULE_LIST",
    kind: "qualifiedList",
    set: true,
    reset: "unset",
    default: { value: [], source: NP_NO_ROW },
    describe: { row: "BLOCKED_NETWORK_RULE_LIST", parse: "ruleJson" },
    docs: NP_DOCS,
  },
  comment: {
    doc: "A comment (read back from SHOW NETWORK POLICIES).",
    sql: "COMMENT",
    kind: "string",
    set: true,
    reset: "unset",
    default: {
      value: "",
      source:
        "docs: SHOW NETWORK POLICIES prints a comment column (https://docs.snowflake.com/en/sql-reference/sql/show-network-policies); DESCRIBE has no COMMENT row (live: " +
        TF_TESTINT_NETWORK_POLICIES +
        ", Describe)",
    },
    describe: { row: "COMMENT", parse: "string" },
    docs: NP_DOCS,
  },
} as const satisfies Record<string, PropSpec>;

export const NETWORK_POLICY: ObjectSpec = {
  resource: "NetworkPolicy",
  createNoun: "NETWORK POLICY",
  alterNoun: "NETWORK POLICY",
  describeNoun: "NETWORK POLICY",
  fixedCreate: () => "",
  table: NETWORK_POLICY_TABLE,
  rules: [
    maxListChars("allowedIpList", 100_000, "the CREATE NETWORK POLICY page allows at most 100,000 characters in ALLOWED_IP_LIST"),
    {
      name: "blockEveryone",
      fields: ["blockedIpList"],
      check: (i) =>
        ((i.blockedIpList as string[] | undefined) ?? []).includes("0.0.0.0/0")
          ? [{ property: "blockedIpList", reason: "0.0.0.0/0 would block every address, including yours" }]
          : [],
    },
  ],
  docs: NP_DOCS,
  namesAreUnique: true,
  tags: NETWORK_POLICY_TAGS,
  renameInPlace: true,
};

export const NETWORK_POLICY_RESOURCE: ResourceModel = {
  className: "NetworkPolicy",
  typeName: "NetworkPolicy",
  kind: "network-policy",
  providerKind: "networkPolicy",
  summary:
    "A Snowflake network policy, diffed against `DESCRIBE NETWORK POLICY` (and `SHOW NETWORK POLICIES` for the comment). Pass its `name` to an integration's `networkPolicy`.",
  example: [
    "```typescript",
    'const corp = new NetworkPolicy("corp", { allowedIpList: ["192.168.1.0/24"], blockedIpList: ["192.168.1.99"] });',
    "```",
    "",
    "```sql",
    "CREATE NETWORK POLICY CORP ALLOWED_IP_LIST = ('192.168.1.0/24') BLOCKED_IP_LIST = ('192.168.1.99')",
    "DESCRIBE NETWORK POLICY CORP",
    "SHOW NETWORK POLICIES LIKE 'CORP'",
    "```",
  ].join("\n"),
  docs: [NP_DOCS, "https://docs.snowflake.com/en/sql-reference/sql/alter-network-policy"],
  object: NETWORK_POLICY,
  inputs: {
    name: {
      tsType: "string",
      doc:
        'The policy\'s name as written in SQL (`corp` → `CORP`; `"corp"` keeps lower case); pass this to integrations. ' +
        "Changing it renames the policy in place (`ALTER NETWORK POLICY ... RENAME TO`).",
      defaultDoc: "Default value is the resource's logical name.",
      sdkDefault: { logicalName: true },
    },
  },
  trailingInputs: {
    tags: TAGS,
    adoptExisting: adoptExisting("a network policy"),
    allowLockout: {
      tsType: "boolean",
      doc:
        "Skip the lockout guard for this policy's changes. While the policy is in force for the provider's own " +
        "connection (it is the connecting user's policy, or the account's and the user has none), a change of its " +
        "lists that would refuse the address Snowflake sees for that connection fails at preview; see " +
        "`NetworkPolicyAttachment`.",
      defaultDoc: "Default value is `false`.",
      validate: (v) => (typeof v === "boolean" ? undefined : "allowLockout must be a boolean."),
    },
  },
  outputs: { storedName: STORED_NAME, described: described("DESCRIBE NETWORK POLICY (plus COMMENT)") },
  echoedInputs: ["name", "allowedIpList", "blockedIpList"],
};
