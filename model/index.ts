/**
 * Every resource model, and the facts derived from them that other folders share (type tokens, kinds).
 * @internal
 */
import { EXTERNAL_OAUTH_INTEGRATION } from "./externalOAuth";
import { KEY_PAIR } from "./keyPair";
import { NETWORK_POLICY_RESOURCE } from "./networkPolicy";
import { NETWORK_POLICY_ATTACHMENT } from "./networkPolicyAttachment";
import { OAUTH_ACCOUNT_PARAMETERS } from "./oauthAccountParameters";
import { INTEGRATION_GRANT } from "./integrationGrant";
import { NETWORK_RULE } from "./networkRule";
import { OAUTH_INTEGRATION } from "./oauthCustom";
import { PARTNER_OAUTH_INTEGRATION } from "./oauthPartner";
import { pluginToken, typeToken, type ProviderKind, type ResourceModel } from "./resource";
import { ROTATING_KEY_PAIR } from "./rotatingKeyPair";
import { USER_KEY_PAIR } from "./userKeyPair";
import { USER_RSA_KEYS } from "./userRsaKeys";

/** In SDK order. */
export const RESOURCES: readonly ResourceModel[] = [
  OAUTH_INTEGRATION,
  PARTNER_OAUTH_INTEGRATION,
  EXTERNAL_OAUTH_INTEGRATION,
  NETWORK_POLICY_RESOURCE,
  NETWORK_RULE,
  NETWORK_POLICY_ATTACHMENT,
  OAUTH_ACCOUNT_PARAMETERS,
  INTEGRATION_GRANT,
  USER_RSA_KEYS,
  USER_KEY_PAIR,
  ROTATING_KEY_PAIR,
  KEY_PAIR,
];

/** The resource model a provider implementation serves. */
export function modelFor(kind: ProviderKind): ResourceModel {
  const m = RESOURCES.find((r) => r.providerKind === kind);
  if (!m) throw new Error(`no resource model for provider kind ${kind}`);
  return m;
}

/** Type tokens by provider kind (what policy packs match on). */
export const TYPE_TOKENS: Readonly<Record<ProviderKind, string>> = Object.fromEntries(
  RESOURCES.map((r) => [r.providerKind, typeToken(r)]),
) as Record<ProviderKind, string>;

/** The provider plugin's type tokens by provider kind (`snowflake-oauth:index:<ClassName>`). */
export const PLUGIN_TYPE_TOKENS: Readonly<Record<ProviderKind, string>> = Object.fromEntries(
  RESOURCES.map((r) => [r.providerKind, pluginToken(r)]),
) as Record<ProviderKind, string>;

/** Both tokens of a kind, dynamic resource first: what a policy matches. */
export function tokensOf(kind: ProviderKind): readonly [string, string] {
  return [TYPE_TOKENS[kind], PLUGIN_TYPE_TOKENS[kind]];
}

export {
  EXTERNAL_OAUTH_INTEGRATION,
  KEY_PAIR,
  NETWORK_POLICY_ATTACHMENT,
  NETWORK_POLICY_RESOURCE,
  OAUTH_INTEGRATION,
  PARTNER_OAUTH_INTEGRATION,
  USER_KEY_PAIR,
  USER_RSA_KEYS,
};
