/**
 * pulumi-snowflake-oauth: Pulumi dynamic resources for Snowflake OAuth security integrations, External OAuth,
 * network policies and RSA key rotation. Provider internals (`provider/`, `emulator/`) are not re-exported.
 */
// Resource classes (generated from model/ by scripts/generate).
export { OAuthIntegration, OAuthIntegrationArgs } from "./oauthIntegration";
export { PartnerOAuthIntegration, PartnerOAuthIntegrationArgs } from "./partnerOAuthIntegration";
export { ExternalOAuthIntegration, ExternalOAuthIntegrationArgs } from "./externalOAuthIntegration";
export { NetworkPolicy, NetworkPolicyArgs } from "./networkPolicy";
export { NetworkRule, NetworkRuleArgs } from "./networkRule";
export { NetworkPolicyAttachment, NetworkPolicyAttachmentArgs } from "./networkPolicyAttachment";
export { OAuthAccountParameters, OAuthAccountParametersArgs } from "./oauthAccountParameters";
export { IntegrationGrant, IntegrationGrantArgs } from "./integrationGrant";
export { KeyPair, KeyPairArgs } from "./keyPair";
export { UserRsaKeys, UserRsaKeysArgs } from "./userRsaKeys";
export { UserKeyPair, UserKeyPairArgs } from "./userKeyPair";
export { RotatingKeyPair, RotatingKeyPairArgs } from "./rotatingKeyPair";

// Key, JWT, PKCE and OAuth URL helpers.
export {
  normalizePublicKey,
  fingerprint,
  toPublicKeyPem,
  isFingerprint,
  generateRsaKeyPair,
  loadPrivateKey,
  RsaPrivateKey,
  loadEcPrivateKey,
  EcPrivateKey,
  NormalizePublicKeyOptions,
  EcCurve,
  KeyError,
  KeyErrorCode,
  NormalizedPublicKey,
  GenerateRsaKeyPairOptions,
  GeneratedRsaKeyPair,
  MIN_RSA_BITS,
} from "./keys";
export {
  snowflakeKeyPairJwt,
  oauthClientJwt,
  normalizeAccountForJwt,
  clientAssertionFields,
  accountUrl,
  decodeJwt,
  SnowflakeKeyPairJwtOptions,
  OAuthClientJwtOptions,
  PrivateKeyInput,
  UserPrivateKeyInput,
  MAX_JWT_LIFETIME_SECONDS,
} from "./jwt";
export { createCodeVerifier, codeChallengeS256, createPkcePair, isCodeVerifier } from "./pkce";
export { authorizationUrl, tokenEndpointUrl, oauthScope, AuthorizationUrlOptions } from "./oauthUrls";
