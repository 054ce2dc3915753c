/**
 * `IntegrationGrant`: one privilege on a security integration granted to a role. Sources, docs pages:
 * - https://docs.snowflake.com/en/sql-reference/sql/grant-privilege (`GRANT { USAGE | USE_ANY_ROLE | … } ON
 *   INTEGRATION <name> TO ROLE <role>`), https://docs.snowflake.com/en/sql-reference/sql/revoke-privilege
 * - https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-external
 *   (`EXTERNAL_OAUTH_ANY_ROLE_MODE = ENABLE_FOR_PRIVILEGE` needs `GRANT USE_ANY_ROLE ON INTEGRATION`)
 * - https://docs.snowflake.com/en/sql-reference/sql/show-grants (`SHOW GRANTS ON INTEGRATION`: privilege,
 *   granted_on, name, granted_to, grantee_name, grant_option, granted_by)
 * @internal
 */
import type { ResourceModel } from "./resource";
import { nonEmptyString } from "./common";

/** The privileges this resource grants. */
export const INTEGRATION_PRIVILEGES = ["USAGE", "USE_ANY_ROLE"] as const;

export const INTEGRATION_GRANT: ResourceModel = {
  className: "IntegrationGrant",
  typeName: "IntegrationGrant",
  kind: "integration-grant",
  providerKind: "integrationGrant",
  summary:
    "One privilege on a security integration granted to a role (`GRANT USE_ANY_ROLE ON INTEGRATION … TO ROLE …`, or " +
    "`USAGE`). `EXTERNAL_OAUTH_ANY_ROLE_MODE = ENABLE_FOR_PRIVILEGE` does nothing without the USE_ANY_ROLE grant. Drift " +
    "is read from `SHOW GRANTS ON INTEGRATION`: a grant revoked by hand shows at preview and is granted again by " +
    "`pulumi up`. Delete revokes it. Every input replaces the resource when it changes (the new grant is made first).",
  example: [
    "```ts",
    'new snowflake.IntegrationGrant("okta-any-role", { integration: okta.name, privilege: "USE_ANY_ROLE", role: "ANALYST" });',
    "```",
    "",
    "```sql",
    "SHOW GRANTS ON INTEGRATION OKTA;",
    "GRANT USE_ANY_ROLE ON INTEGRATION OKTA TO ROLE ANALYST;",
    "```",
  ].join("\n"),
  docs: [
    "https://docs.snowflake.com/en/sql-reference/sql/grant-privilege",
    "https://docs.snowflake.com/en/sql-reference/sql/revoke-privilege",
    "https://docs.snowflake.com/en/sql-reference/sql/show-grants",
  ],
  inputs: {
    integration: {
      tsType: "string",
      required: true,
      doc: "The security integration, as written in SQL (pass an integration resource's `name`).",
      validate: nonEmptyString("integration"),
    },
    privilege: {
      tsType: '"USAGE" | "USE_ANY_ROLE"',
      required: true,
      doc: "The privilege: `USE_ANY_ROLE` (External OAuth any-role mode) or `USAGE`.",
      validate: (v) =>
        typeof v === "string" && (INTEGRATION_PRIVILEGES as readonly string[]).includes(v.toUpperCase())
          ? undefined
          : `privilege must be one of ${INTEGRATION_PRIVILEGES.join(", ")}.`,
    },
    role: {
      tsType: "string",
      required: true,
      doc: "The role that receives the privilege (`analyst` → `ANALYST`). It must exist.",
      validate: nonEmptyString("role"),
    },
  },
  outputs: {
    integrationName: { tsType: "string", doc: "Stored integration name." },
    roleName: { tsType: "string", doc: "Stored role name." },
    preExisting: {
      tsType: "boolean",
      doc: "The grant already existed when this resource was created: delete leaves it (the resource granted nothing).",
    },
  },
  replaceOnChanges: ["integration", "privilege", "role"],
  echoedInputs: ["integration", "privilege", "role"],
};
