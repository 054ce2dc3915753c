// External OAuth with Okta as the authorization server: Snowflake validates Okta-issued JWTs against the
// issuer's JWKS and maps the token's `sub` claim to the user's LOGIN_NAME.
import * as pulumi from "@pulumi/pulumi";
import { ExternalOAuthIntegration } from "pulumi-snowflake-oauth";

const cfg = new pulumi.Config("okta");
const issuer = cfg.get("issuer") ?? "https://example.okta.com/oauth2/default";

const okta = new ExternalOAuthIntegration("okta_oauth", {
  externalOAuthType: "OKTA",
  enabled: true,
  externalOAuthIssuer: issuer,
  externalOAuthJwsKeysUrl: [`${issuer}/v1/keys`],
  externalOAuthAudienceList: ["https://example.snowflakecomputing.com"],
  externalOAuthTokenUserMappingClaim: ["sub"],
  externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
  externalOAuthBlockedRolesList: ["SYSADMIN"],
  externalOAuthAnyRoleMode: "DISABLE",
  comment: "Okta workforce identity",
});

export const integration = okta.storedName;
export const effectiveBlockedRoles = okta.effectiveBlockedRoles;
