// A partner application integration: Snowflake knows the client (Tableau Server), so only the partner's own
// settings are declared. A property the partner does not take fails at preview, before Snowflake is called.
import { NetworkPolicy, PartnerOAuthIntegration } from "pulumi-snowflake-oauth";

const tableauEgress = new NetworkPolicy("tableau_egress", { allowedIpList: ["203.0.113.0/24", "127.0.0.1"] });

const tableau = new PartnerOAuthIntegration("tableau_server", {
  oauthClient: "TABLEAU_SERVER",
  oauthRefreshTokenValidity: 86400,
  blockedRolesList: ["SYSADMIN"],
  networkPolicy: tableauEgress.name,
  comment: "Tableau Server for the analytics team",
});

export const integration = tableau.storedName;
export const effectiveBlockedRoles = tableau.effectiveBlockedRoles;
