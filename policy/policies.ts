/**
 * CrossGuard policies for Snowflake OAuth settings declared with pulumi-snowflake-oauth.
 *
 * Policies match resources by their explicit type tokens, both the dynamic resource's
 * (`pulumi-nodejs:dynamic/snowflake:<Kind>`) and the provider plugin's (`snowflake-oauth:index:<Class>`), one list
 * from the models, so they work on the checked inputs the engine sends during `pulumi preview`, before anything
 * reaches Snowflake. Secret inputs arrive in plaintext here: no message ever quotes a value that could be one.
 * This module has no side effects (index.ts starts the policy server), so tests import it directly.
 */
import type { ResourceValidationPolicy, ReportViolation, ResourceValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { tokensOf, TYPE_TOKENS } from "../model/index";
import { PRIVILEGED_ROLES } from "../model/oauthCommon";
import { isKnown as known, UNKNOWN } from "../model/unknown";
import { Ident } from "../provider/sql/quote";

/** The type tokens this pack matches (dynamic and plugin), from the resource models. */
export const TYPES = {
  oauthCustom: tokensOf("oauthIntegration"),
  oauthPartner: tokensOf("partnerOAuthIntegration"),
  externalOAuth: tokensOf("externalOAuthIntegration"),
  networkPolicy: tokensOf("networkPolicy"),
  userRsaKeys: tokensOf("userRsaKeys"),
  networkPolicyAttachment: tokensOf("networkPolicyAttachment"),
} as const;
export { PRIVILEGED_ROLES };

const OAUTH_TYPES: readonly string[] = [...TYPES.oauthCustom, ...TYPES.oauthPartner];
const INTEGRATION_TYPES: readonly string[] = [...OAUTH_TYPES, ...TYPES.externalOAuth];
/** Role names as Snowflake resolves identifiers (the provider's own rule). */
function roles(v: unknown): string[] {
  return Array.isArray(v) ? v.filter(known).map((r) => Ident.parse(String(r).trim()).name) : [];
}

type Check = (props: Record<string, any>, args: ResourceValidationArgs, report: ReportViolation) => void;
function forTypes(types: readonly string[], check: Check) {
  return (args: ResourceValidationArgs, report: ReportViolation) => {
    if (!types.includes(args.type)) return;
    check(args.props, args, report);
  };
}

export const redirectUriHttps: ResourceValidationPolicy = {
  name: "snowflake-oauth-redirect-uri-https",
  description: "OAuth redirect URIs use https, and non-TLS redirect URIs are not allowed.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: { allowedHosts: { type: "array", items: { type: "string" } } } },
  validateResource: forTypes(OAUTH_TYPES, (p, args, report) => {
    if (p.oauthAllowNonTlsRedirectUri === true) report("oauthAllowNonTlsRedirectUri is true: redirect URIs may use plain http.");
    const uri = p.oauthRedirectUri;
    if (!known(uri)) return;
    let url: URL;
    try {
      url = new URL(String(uri));
    } catch {
      report("oauthRedirectUri is not a valid absolute URI.");
      return;
    }
    if (url.protocol !== "https:") report(`oauthRedirectUri must use https (found ${url.protocol}).`);
    const allowed = args.getConfig<{ allowedHosts?: string[] }>().allowedHosts;
    if (allowed && allowed.length && !allowed.includes(url.hostname)) {
      report(`oauthRedirectUri host ${url.hostname} is not in the approved list (${allowed.join(", ")}).`);
    }
  }),
};

export const refreshTokenValidity: ResourceValidationPolicy = {
  name: "snowflake-oauth-refresh-token-validity",
  description: "Refresh tokens live no longer than the configured maximum (seconds). Snowflake's default is 7776000 (90 days).",
  enforcementLevel: "advisory",
  severity: "medium",
  configSchema: { properties: { maxSeconds: { type: "integer", default: 86400 } } },
  validateResource: forTypes(OAUTH_TYPES, (p, args, report) => {
    const max = args.getConfig<{ maxSeconds?: number }>().maxSeconds ?? 86400;
    if (p.oauthIssueRefreshTokens === false) return;
    const v = p.oauthRefreshTokenValidity;
    if (v === UNKNOWN) return; // decided at apply; judged on the next preview
    if (!known(v)) {
      report(`oauthRefreshTokenValidity is not set: Snowflake's default of 7776000 s exceeds the maximum of ${max} s.`);
    } else if (Number(v) > max) {
      report(`oauthRefreshTokenValidity ${v} s exceeds the maximum of ${max} s.`);
    }
  }),
};

export const publicClientsUsePkce: ResourceValidationPolicy = {
  name: "snowflake-oauth-public-client-pkce",
  description: "Public OAuth clients (no client secret kept safe) enforce PKCE.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: forTypes(TYPES.oauthCustom, (p, _args, report) => {
    if (known(p.oauthClientType) && String(p.oauthClientType).toUpperCase() === "PUBLIC" && p.oauthEnforcePkce !== true) {
      report("oauthClientType is PUBLIC but oauthEnforcePkce is not true.");
    }
  }),
};

export const noPrivilegedRoles: ResourceValidationPolicy = {
  name: "snowflake-oauth-no-privileged-roles",
  description: "Privileged roles are never pre-authorized or allowed for OAuth sessions.",
  enforcementLevel: "mandatory",
  severity: "critical",
  validateResource: forTypes(INTEGRATION_TYPES, (p, _args, report) => {
    for (const field of ["preAuthorizedRolesList", "allowedRolesList", "externalOAuthAllowedRolesList"]) {
      const bad = roles(p[field]).filter((r) => PRIVILEGED_ROLES.includes(r));
      if (bad.length) report(`${field} contains privileged role(s) ${bad.join(", ")}.`);
    }
  }),
};

export const networkPolicyAttached: ResourceValidationPolicy = {
  name: "snowflake-oauth-network-policy",
  description: "Every OAuth and External OAuth integration restricts callers with a network policy.",
  enforcementLevel: "advisory",
  severity: "medium",
  validateResource: forTypes(INTEGRATION_TYPES, (p, _args, report) => {
    if (p.networkPolicy === undefined || p.networkPolicy === null || p.networkPolicy === "") {
      report("networkPolicy is not set: any address may use this integration.");
    }
  }),
};

export const externalOAuthNoAnyRole: ResourceValidationPolicy = {
  name: "snowflake-external-oauth-any-role-mode",
  description: "External OAuth tokens cannot pick any role (EXTERNAL_OAUTH_ANY_ROLE_MODE stays DISABLE).",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: forTypes(TYPES.externalOAuth, (p, _args, report) => {
    const m = p.externalOAuthAnyRoleMode;
    if (known(m) && String(m).toUpperCase() !== "DISABLE")
      report(`externalOAuthAnyRoleMode is ${String(m).toUpperCase()}; expected DISABLE.`);
  }),
};

export const externalOAuthAudience: ResourceValidationPolicy = {
  name: "snowflake-external-oauth-audience",
  description: "External OAuth integrations pin the token audience.",
  enforcementLevel: "advisory",
  severity: "medium",
  validateResource: forTypes(TYPES.externalOAuth, (p, _args, report) => {
    const list = p.externalOAuthAudienceList;
    if (list === UNKNOWN) return;
    if (!Array.isArray(list) || list.length === 0) report("externalOAuthAudienceList is empty: tokens for any audience are accepted.");
  }),
};

export const networkPolicyNotOpen: ResourceValidationPolicy = {
  name: "snowflake-network-policy-not-open",
  description: "Network policies do not allow the whole internet (0.0.0.0/0).",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: forTypes(TYPES.networkPolicy, (p, _args, report) => {
    const list = Array.isArray(p.allowedIpList) ? p.allowedIpList.filter(known).map(String) : [];
    if (list.some((ip: string) => ip.trim() === "0.0.0.0/0" || ip.trim() === "0.0.0.0")) {
      report("allowedIpList allows 0.0.0.0/0.");
    }
  }),
};

export const keyRotationKeepsAKey: ResourceValidationPolicy = {
  name: "snowflake-rsa-rotation-keeps-a-key",
  description: "Key rotations go through the two-key window: replacing every active key at once needs a reviewed exception.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: forTypes([...TYPES.oauthCustom, ...TYPES.externalOAuth, ...TYPES.userRsaKeys], (p, _args, report) => {
    if (p.allowReplacingAllKeys === true) report("allowReplacingAllKeys is true: clients still on the old key would lose access.");
  }),
};

export const noLockoutOptOut: ResourceValidationPolicy = {
  name: "snowflake-network-policy-lockout-guard",
  description:
    "Network policies keep the provider's lockout guard: allowLockout (applying a policy that refuses the provider's own address) needs a reviewed exception.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: forTypes([...TYPES.networkPolicy, ...TYPES.networkPolicyAttachment], (p, _args, report) => {
    if (p.allowLockout === true) report("allowLockout is true: the policy may refuse the address this stack is applied from.");
  }),
};

export const clientSecretsStaySecret: ResourceValidationPolicy = {
  name: "snowflake-oauth-client-secrets-secret",
  description: "OAuth client secrets are stored as Pulumi secrets.",
  enforcementLevel: "mandatory",
  severity: "critical",
  // Dynamic resources only: the provider plugin marks these outputs secret itself (provider/plugin/secrets.ts), and
  // a YAML or Python program sets no additionalSecretOutputs.
  validateResource: forTypes([TYPE_TOKENS.oauthIntegration], (_p, args, report) => {
    const secretOuts = args.opts.additionalSecretOutputs ?? [];
    for (const out of ["clientSecret", "clientSecret2"]) {
      if (!secretOuts.includes(out)) report(`output ${out} is not in additionalSecretOutputs.`);
    }
  }),
};

/**
 * Reads the provider's plan file: with `SNOWFLAKE_OAUTH_PLAN=<file>` set for `pulumi preview`, the provider writes one
 * JSON line per resource with the statements `up` will send (provider/resources/announce.ts). Stack policies run
 * after every resource was checked and diffed, so the file is complete by then; the provider empties it when it is
 * configured. Entries marked `deletes` come from `snowflake-oauth-plan-deletes`, run after a preview: a delete is
 * never in the file while the pack runs (the engine calls no provider for it), so no policy here judges deletes.
 */
export function readPlanFile(
  file: string | undefined = process.env.SNOWFLAKE_OAUTH_PLAN,
): { object: string; statements: string[]; deletes?: boolean }[] {
  if (!file) return [];
  const fs = require("node:fs") as typeof import("node:fs");
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as { object: string; statements: string[] });
}

export const noIntegrationDrops: StackValidationPolicy = {
  name: "snowflake-oauth-no-integration-drop",
  description:
    "No planned statement drops a security integration (a replacement gives clients a new client id and secrets). Needs SNOWFLAKE_OAUTH_PLAN.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateStack: (_args, report) => {
    for (const e of readPlanFile()) {
      if (e.deletes) continue; // a delete declared by removing the resource, not a replacement
      for (const sql of e.statements)
        if (/^DROP (SECURITY )?INTEGRATION\b/i.test(sql)) report(`${e.object}: the plan drops an integration (${sql}).`);
    }
  },
};

export const allPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  redirectUriHttps,
  refreshTokenValidity,
  publicClientsUsePkce,
  noPrivilegedRoles,
  networkPolicyAttached,
  externalOAuthNoAnyRole,
  externalOAuthAudience,
  networkPolicyNotOpen,
  keyRotationKeepsAKey,
  noLockoutOptOut,
  clientSecretsStaySecret,
  noIntegrationDrops,
];
