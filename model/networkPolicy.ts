/**
 * Network policy. Based on https://docs.snowflake.com/en/sql-reference/sql/create-network-policy ,
 * https://docs.snowflake.com/en/sql-reference/sql/alter-network-policy and
 * https://docs.snowflake.com/en/sql-reference/sql/desc-network-policy (two columns `name`, `value`; a row only for
 * non-empty lists; rule lists as JSON). COMMENT is not in DESCRIBE: it is read from `SHOW NETWORK POLICIES`.
 * The four lists are UNSET-able (Terraform provider's live tests; docs list only COMMENT).
 * @internal
 */
import type { ObjectSpec, PropSpec } from "./types";

export const NP_DOCS = "https://docs.snowflake.com/en/sql-reference/sql/create-network-policy";

export const NETWORK_POLICY_TABLE = {
  /** IPv4 addresses or CIDR ranges allowed to connect (e.g. `["192.168.1.0/24"]`). Default: empty. */
  allowedIpList: {
    sql: "ALLOWED_IP_LIST", kind: "ipList", set: true, reset: "unset", default: { value: [], source: "DESCRIBE shows no row" },
    describe: { row: "ALLOWED_IP_LIST", parse: "commaList" }, docs: NP_DOCS,
  },
  /** IPv4 addresses or CIDR ranges refused (checked first). Never `0.0.0.0/0`. Default: empty. */
  blockedIpList: {
    sql: "BLOCKED_IP_LIST", kind: "ipList", set: true, reset: "unset", default: { value: [], source: "DESCRIBE shows no row" },
    describe: { row: "BLOCKED_IP_LIST", parse: "commaList" }, docs: NP_DOCS,
  },
  /** Network rules (`db.schema.rule`) whose identifiers are allowed. Default: empty. */
  allowedNetworkRuleList: {
    sql: "ALLOWED_NETWORK_RULE_LIST", kind: "qualifiedList", set: true, reset: "unset",
    default: { value: [], source: "DESCRIBE shows no row" },
    describe: { row: "ALLOWED_NETWORK_RULE_LIST", parse: "ruleJson" }, docs: NP_DOCS,
  },
  /** Network rules (`db.schema.rule`) whose identifiers are blocked. Default: empty. */
  blockedNetworkRuleList: {
    sql: "BLOCKED_NETWORK_RULE_LIST", kind: "qualifiedList", set: true, reset: "unset",
    default: { value: [], source: "DESCRIBE shows no row" },
    describe: { row: "BLOCKED_NETWORK_RULE_LIST", parse: "ruleJson" }, docs: NP_DOCS,
  },
  /** A comment (read back from SHOW NETWORK POLICIES). Default: none. */
  comment: {
    sql: "COMMENT", kind: "string", set: true, reset: "unset", default: { value: "", source: "SHOW comment '' or NULL" },
    describe: { row: "COMMENT", parse: "string" }, docs: NP_DOCS,
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
    {
      name: "blockEveryone",
      fields: ["blockedIpList"],
      check: (i) =>
        ((i.blockedIpList as string[] | undefined) ?? []).includes("0.0.0.0/0")
          ? [{ property: "blockedIpList", reason: "0.0.0.0/0 would block every address, including yours" }]
          : [],
    },
    {
      name: "ipOverlap",
      fields: ["allowedIpList", "blockedIpList"],
      check: (i) => {
        const blocked = new Set((i.blockedIpList as string[] | undefined) ?? []);
        const both = ((i.allowedIpList as string[] | undefined) ?? []).filter((x) => blocked.has(x));
        return both.length ? [{ property: "allowedIpList", reason: `also in blockedIpList: ${both.join(", ")}` }] : [];
      },
    },
  ],
  docs: NP_DOCS,
};
