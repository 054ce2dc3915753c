/** Shared fixtures for provider unit tests: DESCRIBE rows as Snowflake prints them (shapes as the Terraform provider's live tests assert: Snowflake-Labs/terraform-provider-snowflake pkg/sdk/testint/security_integrations_gen_integration_test.go, network_policies_gen_integration_test.go). */
import { generateKeyPairSync } from "node:crypto";
import { after, before } from "node:test";
import { startEmulator, type Emulator } from "../../emulator/index";
import * as providers from "../../provider/index";
import { closeSession } from "../../provider/connection/session";
import { connect, destroy } from "./emulator";
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

/**
 * For a test file that drives the provider methods directly: an emulator on a free port, the provider configured
 * against it (one shared session for the file), and an admin connection of the real driver for setup and checks.
 * Registers the file's `before`/`after` hooks; read the handles inside tests.
 */
export function providerAgainstEmulator(): { readonly emu: Emulator; readonly admin: any } {
  const h = {} as { emu: Emulator; admin: any };
  before(async () => {
    h.emu = await startEmulator({ port: 0 });
    const cfg: Record<string, string> = {
      "snowflake:url": h.emu.url,
      "snowflake:account": h.emu.account,
      "snowflake:user": "ADMIN",
      "snowflake:password": "admin",
    };
    await providers.configure({ config: { get: (k: string) => cfg[k] } });
    h.admin = await connect(h.emu);
  });
  after(async () => {
    await closeSession();
    await destroy(h.admin);
    await h.emu.stop();
  });
  return h;
}
