/** Shared fixtures for provider unit tests: DESCRIBE rows as Snowflake prints them (snowflake-sql.md §3.4, §5.3, §6.4). */
import { generateKeyPairSync } from "node:crypto";
import type { IntegrationDescRow } from "../../provider/engine/describe";

export function row(property: string, property_type: string, property_value: string, property_default = ""): IntegrationDescRow {
  return { property, property_type, property_value, property_default };
}

/** A freshly generated 2048-bit public key: PEM and base64 body. */
export function rsaPublicKey(): { pem: string; body: string } {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const body = pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
  return { pem, body };
}

/** DESCRIBE rows of a custom-client integration with everything at its default (privileged roles blocked). */
export function customDefaultsRows(overrides: Record<string, string> = {}): IntegrationDescRow[] {
  const rows = [
    row("ENABLED", "Boolean", "true", "true"),
    row("OAUTH_REDIRECT_URI", "String", "https://app.example.com/cb", ""),
    row("OAUTH_CLIENT_TYPE", "String", "CONFIDENTIAL", "CONFIDENTIAL"),
    row("OAUTH_ISSUE_REFRESH_TOKENS", "Boolean", "true", "true"),
    row("OAUTH_REFRESH_TOKEN_VALIDITY", "Long", "7776000", "7776000"),
    row("OAUTH_ENFORCE_PKCE", "Boolean", "false", "false"),
    row("OAUTH_CLIENT_ID", "String", "kMoBQd6lZ0iRIB5W+LjzHc3CQqM=", ""),
    row("OAUTH_AUTHORIZATION_ENDPOINT", "String", "https://acct.snowflakecomputing.com/oauth/authorize", ""),
    row("OAUTH_TOKEN_ENDPOINT", "String", "https://acct.snowflakecomputing.com/oauth/token-request", ""),
    row("PRE_AUTHORIZED_ROLES_LIST", "List", "", "[]"),
    row("BLOCKED_ROLES_LIST", "List", "ACCOUNTADMIN,SECURITYADMIN", "[]"),
    row("OAUTH_ALLOW_NON_TLS_REDIRECT_URI", "Boolean", "false", "false"),
    row("OAUTH_CLIENT_RSA_PUBLIC_KEY_FP", "String", "", ""),
    row("OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP", "String", "", ""),
    row("NETWORK_POLICY", "String", "", ""),
    row("OAUTH_USE_SECONDARY_ROLES", "String", "NONE", "NONE"),
    row("COMMENT", "String", "", ""),
    row("ALLOWED_ROLES_LIST", "List", "", "[]"),
  ];
  return rows.map((r) => (r.property in overrides ? { ...r, property_value: overrides[r.property] } : r));
}
