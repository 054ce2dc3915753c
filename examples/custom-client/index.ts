// The shape of the Snowflake docs' `oauth_kp_int` example: a confidential custom client that authenticates to the
// token endpoint with a key pair, restricted by a network policy, with privileged roles blocked.
import { KeyPair, NetworkPolicy, OAuthIntegration } from "pulumi-snowflake-oauth";

const corp = new NetworkPolicy("corp_network", {
  allowedIpList: ["192.168.1.0/24", "127.0.0.1"],
  blockedIpList: ["192.168.1.99"],
  comment: "corporate egress",
});

const clientKey = new KeyPair("oauth-client-key", { bits: 2048 });

const app = new OAuthIntegration("oauth_kp_int", {
  oauthClientType: "CONFIDENTIAL",
  oauthRedirectUri: "https://localhost.com",
  oauthIssueRefreshTokens: true,
  oauthRefreshTokenValidity: 86400,
  oauthEnforcePkce: true,
  blockedRolesList: ["SYSADMIN"],
  networkPolicy: corp.name,
  rsaPublicKeys: [clientKey.publicKeyPem],
  comment: "custom client with key-pair client authentication",
});

export const clientId = app.clientId;
export const clientSecret = app.clientSecret; // secret
export const tokenEndpoint = app.tokenEndpoint;
export const effectiveBlockedRoles = app.effectiveBlockedRoles;
export const clientKeyFingerprint = clientKey.fingerprint;
export const clientPrivateKey = clientKey.privateKeyPem; // secret
