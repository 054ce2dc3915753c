/**
 * Provider implementations, loaded by the thin serialized providers in `sdk/` from
 * `pulumi-snowflake-oauth/dist/provider/index.js` inside each method (so nothing but code is serialized into state).
 * @internal
 */
import { EXTERNAL_OAUTH, EXTERNAL_OAUTH_KEY_SLOTS } from "../model/externalOAuth";
import { NETWORK_POLICY } from "../model/networkPolicy";
import { OAUTH_CUSTOM, OAUTH_CUSTOM_KEY_SLOTS } from "../model/oauthCustom";
import { OAUTH_PARTNER } from "../model/oauthPartner";
import { describeIntegration, describeNetworkPolicy, makeProvider } from "./resources/runtime";
import * as session from "./connection/session";
import * as keyPairImpl from "./keys/key-pair-provider";
import * as userRsaKeysImpl from "./keys/user-rsa-keys-provider";

/** `configure` of every dynamic provider: remembers the stack config for the shared session (no login). */
export async function configure(req: { config: { get(key: string): string | undefined } }): Promise<void> {
  session.configure(req.config);
}

/** Discriminator values of the `kind` input (stable; policy packs may match on them). */
export const KINDS = {
  oauthIntegration: "oauth-custom",
  partnerOAuthIntegration: "oauth-partner",
  externalOAuthIntegration: "external-oauth",
  networkPolicy: "network-policy",
} as const;

export const oauthIntegration = makeProvider({
  spec: OAUTH_CUSTOM,
  discriminator: KINDS.oauthIntegration,
  slots: OAUTH_CUSTOM_KEY_SLOTS,
  clientSecrets: true,
  namesAreUnique: true,
  describe: describeIntegration,
});

export const partnerOAuthIntegration = makeProvider({
  spec: OAUTH_PARTNER,
  discriminator: KINDS.partnerOAuthIntegration,
  namesAreUnique: true,
  describe: describeIntegration,
});

export const externalOAuthIntegration = makeProvider({
  spec: EXTERNAL_OAUTH,
  discriminator: KINDS.externalOAuthIntegration,
  slots: EXTERNAL_OAUTH_KEY_SLOTS,
  slotsCannotBeUnset: true,
  namesAreUnique: true,
  describe: describeIntegration,
});

export const networkPolicy = makeProvider({
  spec: NETWORK_POLICY,
  discriminator: KINDS.networkPolicy,
  namesAreUnique: true,
  renameInPlace: true,
  describe: describeNetworkPolicy(NETWORK_POLICY),
});

/** `KeyPair`: no Snowflake connection; keys are generated in this process. */
export const keyPair = {
  check: keyPairImpl.check,
  diff: keyPairImpl.diff,
  create: keyPairImpl.create,
  read: keyPairImpl.read,
  update: keyPairImpl.update,
  delete: keyPairImpl.remove,
};

/** `UserRsaKeys`: the key slots of an existing user, through the shared session. */
export const userRsaKeys = {
  check: userRsaKeysImpl.check,
  diff: userRsaKeysImpl.diff,
  create: (inputs: userRsaKeysImpl.UserRsaKeysProviderInputs) => userRsaKeysImpl.create(inputs),
  read: (id: string, props: userRsaKeysImpl.UserRsaKeysProviderOutputs) => userRsaKeysImpl.read(id, props),
  update: (id: string, olds: userRsaKeysImpl.UserRsaKeysProviderOutputs, news: userRsaKeysImpl.UserRsaKeysProviderInputs) => userRsaKeysImpl.update(id, olds, news),
  delete: (id: string, props: userRsaKeysImpl.UserRsaKeysProviderOutputs) => userRsaKeysImpl.remove(id, props),
};

export { session };
