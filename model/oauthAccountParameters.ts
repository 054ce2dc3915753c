/**
 * `OAuthAccountParameters`: the two account parameters that put Snowflake's privileged roles on every OAuth blocked
 * list. Sources, docs pages:
 * - https://docs.snowflake.com/en/sql-reference/parameters#oauth-add-privileged-roles-to-blocked-list
 * - https://docs.snowflake.com/en/sql-reference/parameters#external-oauth-add-privileged-roles-to-blocked-list
 *   (both: account level, default TRUE; "Determines whether the ACCOUNTADMIN, ORGADMIN, GLOBALORGADMIN, and
 *   SECURITYADMIN roles can be used as the primary role when creating a Snowflake session based on the access token")
 * Read with `SHOW PARAMETERS LIKE '<name>' IN ACCOUNT` (`value`, `level` = `ACCOUNT` when set, `''` at the default).
 * @internal
 */
import type { MetaInput, ResourceModel } from "./resource";

export const PARAMETERS_DOCS = "https://docs.snowflake.com/en/sql-reference/parameters";

const flag = (sql: string, which: string): MetaInput => ({
  tsType: "boolean",
  doc:
    `\`${sql}\`: while TRUE, ACCOUNTADMIN, ORGADMIN, GLOBALORGADMIN and SECURITYADMIN cannot be the primary role of a ` +
    `session opened with ${which} access token, and the integrations' blocked role lists are judged with that value. ` +
    "Left out: the parameter is not managed (the resource never touches it).",
  defaultDoc: "Default: not managed (Snowflake's default is `true`).",
  validate: (v) => (typeof v === "boolean" ? undefined : `${sql} must be a boolean.`),
});

/** Input name → account parameter, in the order statements name them. */
export const OAUTH_ACCOUNT_PARAMETER_NAMES = {
  oauthAddPrivilegedRolesToBlockedList: "OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST",
  externalOAuthAddPrivilegedRolesToBlockedList: "EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST",
} as const;

export const OAUTH_ACCOUNT_PARAMETERS: ResourceModel = {
  className: "OAuthAccountParameters",
  typeName: "OAuthAccountParameters",
  kind: "oauth-account-parameters",
  providerKind: "oauthAccountParameters",
  summary:
    "The account parameters `OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST` and " +
    "`EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST` (`ALTER ACCOUNT SET …`). Drift is read from `SHOW " +
    "PARAMETERS … IN ACCOUNT`. Once this resource has been checked, the integrations checked after it in the same " +
    "`up` judge a blocked list that names privileged roles by the value declared here, not by the value the account " +
    "holds before the `up`; give those integrations `dependsOn` on this resource so the value is set before they " +
    "are applied. Delete unsets (back to Snowflake's default, TRUE) only a parameter that still holds the declared " +
    "value and that this resource set (one already set to it by hand before is left). One per account.",
  example: [
    "```ts",
    'const params = new snowflake.OAuthAccountParameters("oauth-params", { oauthAddPrivilegedRolesToBlockedList: false });',
    "new snowflake.OAuthIntegration(",
    '  "admin-tool",',
    '  { oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://tool.example.com/cb", blockedRolesList: ["SYSADMIN"] },',
    "  { dependsOn: [params] },",
    ");",
    "```",
    "",
    "```sql",
    "SHOW PARAMETERS LIKE 'OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST' IN ACCOUNT;",
    "ALTER ACCOUNT SET OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = FALSE;",
    "```",
  ].join("\n"),
  docs: [
    `${PARAMETERS_DOCS}#oauth-add-privileged-roles-to-blocked-list`,
    `${PARAMETERS_DOCS}#external-oauth-add-privileged-roles-to-blocked-list`,
  ],
  inputs: {
    oauthAddPrivilegedRolesToBlockedList: flag("OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST", "a Snowflake OAuth"),
    externalOAuthAddPrivilegedRolesToBlockedList: flag("EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST", "an External OAuth"),
  },
  outputs: {
    managed: { tsType: "string[]", doc: "The parameters this resource manages (SQL names)." },
    alreadySet: {
      tsType: "string[]",
      doc: "Managed parameters that already held the declared value at the account level when they came under management: delete leaves them.",
    },
  },
};
