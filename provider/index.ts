/**
 * Provider implementations, loaded by the thin serialized providers in `sdk/` from
 * `pulumi-snowflake-oauth/dist/provider/index.js` inside each method (so nothing but code is serialized into state).
 * @internal
 */
import {
  EXTERNAL_OAUTH_INTEGRATION,
  NETWORK_POLICY_RESOURCE,
  OAUTH_INTEGRATION,
  PARTNER_OAUTH_INTEGRATION,
  RESOURCES,
} from "../model/index";
import { NETWORK_POLICY } from "../model/networkPolicy";
import { describeIntegration, describeNetworkPolicy } from "./resources/describers";
import { makeProvider } from "./resources/factory";
import { hooksFor } from "./resources/hooks";
import * as session from "./connection/session";
import * as keyPairImpl from "./keys/key-pair-provider";
import * as userRsaKeysImpl from "./keys/user-rsa-keys-provider";
import * as userKeyPairImpl from "./keys/user-key-pair-provider";
import * as rotatingImpl from "./keys/rotating-key-pair-provider";
import * as attachmentImpl from "./network/attachment-provider";
import * as oauthParamsImpl from "./account/oauth-parameters-provider";
import * as grantImpl from "./grants/integration-grant-provider";
import * as ruleImpl from "./network/rule-provider";
import { declarePolicy } from "./network/policy-content";
import { guardPolicyChange } from "./network/lockout-guard";
import { sessionRunner } from "./connection/runner";
import { currentUrn, forResource } from "./connection/engine-log";
import { startPlanFile } from "./resources/announce";

/** The NetworkPolicy inputs that decide who is admitted. */
const POLICY_LISTS: readonly string[] = ["allowedIpList", "blockedIpList", "allowedNetworkRuleList", "blockedNetworkRuleList"];

/**
 * Every method of a provider run as a call for its resource: the SDK passes the URN as the `__urn` input (the
 * dynamic provider API passes none), so the resource's notices attach to it and the plan file names it.
 */
function located<T extends object>(impl: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(impl)) {
    out[k] = (...args: any[]) => {
      const urn = [...args].reverse().find((a) => typeof a?.__urn === "string")?.__urn;
      return urn && !currentUrn() ? forResource(urn, () => f(...args)) : f(...args);
    };
  }
  return out as T;
}

/** `configure` of every dynamic provider: remembers the stack config for the shared session (no login). */
export async function configure(req: { config: { get(key: string): string | undefined } }): Promise<void> {
  session.configure(req.config);
  startPlanFile();
}

/** Discriminator values of the `kind` input by provider kind (stable; policy packs may match on them). */
export const KINDS = Object.fromEntries(RESOURCES.map((r) => [r.providerKind, r.kind]));

export const oauthIntegration = located(makeProvider(hooksFor(OAUTH_INTEGRATION, describeIntegration)));
export const partnerOAuthIntegration = located(makeProvider(hooksFor(PARTNER_OAUTH_INTEGRATION, describeIntegration)));
export const externalOAuthIntegration = located(makeProvider(hooksFor(EXTERNAL_OAUTH_INTEGRATION, describeIntegration)));
export const networkPolicy = located(
  makeProvider({
    ...hooksFor(NETWORK_POLICY_RESOURCE, describeNetworkPolicy(NETWORK_POLICY)),
    declare: declarePolicy,
    guardChange: (storedName, news, changed) =>
      news.allowLockout === true || !changed.some((p) => POLICY_LISTS.includes(p))
        ? Promise.resolve(undefined) // a comment, tag or rename cannot change who is admitted
        : guardPolicyChange(sessionRunner(), storedName, news),
  }),
);

/** `KeyPair`: no Snowflake connection; keys are generated in this process. */
export const keyPair = located({
  check: keyPairImpl.check,
  diff: keyPairImpl.diff,
  create: keyPairImpl.create,
  read: keyPairImpl.read,
  update: keyPairImpl.update,
  delete: keyPairImpl.remove,
});

/** `UserRsaKeys`: the key slots of an existing user, through the shared session. */
export const userRsaKeys = located({
  check: userRsaKeysImpl.check,
  diff: userRsaKeysImpl.diff,
  create: (inputs: userRsaKeysImpl.UserRsaKeysProviderInputs) => userRsaKeysImpl.create(inputs),
  read: (id: string, props: userRsaKeysImpl.UserRsaKeysProviderOutputs) => userRsaKeysImpl.read(id, props),
  update: (id: string, olds: userRsaKeysImpl.UserRsaKeysProviderOutputs, news: userRsaKeysImpl.UserRsaKeysProviderInputs) =>
    userRsaKeysImpl.update(id, olds, news),
  delete: (id: string, props: userRsaKeysImpl.UserRsaKeysProviderOutputs) => userRsaKeysImpl.remove(id, props),
});

/** `UserKeyPair`: one named key pair of an existing user, through the shared session. */
export const userKeyPair = located({
  check: userKeyPairImpl.check,
  diff: (id: string, olds: userKeyPairImpl.UserKeyPairOutputs, news: userKeyPairImpl.UserKeyPairInputs) =>
    userKeyPairImpl.diff(id, olds, news),
  create: (inputs: userKeyPairImpl.UserKeyPairInputs) => userKeyPairImpl.create(inputs),
  read: (id: string, props: userKeyPairImpl.UserKeyPairOutputs) => userKeyPairImpl.read(id, props),
  update: (id: string, olds: userKeyPairImpl.UserKeyPairOutputs, news: userKeyPairImpl.UserKeyPairInputs) =>
    userKeyPairImpl.update(id, olds, news),
  delete: (id: string, props: userKeyPairImpl.UserKeyPairOutputs) => userKeyPairImpl.remove(id, props),
});

/** `RotatingKeyPair`: a user's key rotated on a schedule, through the shared session. */
export const rotatingKeyPair = located({
  check: rotatingImpl.check,
  diff: (id: string, olds: rotatingImpl.RotatingKeyPairOutputs, news: rotatingImpl.RotatingKeyPairInputs) =>
    rotatingImpl.diff(id, olds, news),
  create: (inputs: rotatingImpl.RotatingKeyPairInputs) => rotatingImpl.create(inputs),
  read: (id: string, props: rotatingImpl.RotatingKeyPairOutputs) => rotatingImpl.read(id, props),
  update: (id: string, olds: rotatingImpl.RotatingKeyPairOutputs, news: rotatingImpl.RotatingKeyPairInputs) =>
    rotatingImpl.update(id, olds, news),
  delete: (id: string, props: rotatingImpl.RotatingKeyPairOutputs) => rotatingImpl.remove(id, props),
});

/** `NetworkPolicyAttachment`: the NETWORK_POLICY parameter of the account or a user, behind the lockout guard. */
export const networkPolicyAttachment = located({
  check: (olds: attachmentImpl.AttachmentOutputs | undefined, news: attachmentImpl.AttachmentInputs) => attachmentImpl.check(olds, news),
  diff: (id: string, olds: attachmentImpl.AttachmentOutputs, news: attachmentImpl.AttachmentInputs) => attachmentImpl.diff(id, olds, news),
  create: (inputs: attachmentImpl.AttachmentInputs) => attachmentImpl.create(inputs),
  read: (id: string, props: attachmentImpl.AttachmentOutputs) => attachmentImpl.read(id, props),
  update: (id: string, olds: attachmentImpl.AttachmentOutputs, news: attachmentImpl.AttachmentInputs) =>
    attachmentImpl.update(id, olds, news),
  delete: (id: string, props: attachmentImpl.AttachmentOutputs) => attachmentImpl.remove(id, props),
});

/** `OAuthAccountParameters`: the privileged-role account parameters. */
export const oauthAccountParameters = located({
  check: oauthParamsImpl.check,
  diff: (id: string, olds: oauthParamsImpl.OAuthParametersOutputs, news: oauthParamsImpl.OAuthParametersInputs) =>
    oauthParamsImpl.diff(id, olds, news),
  create: (inputs: oauthParamsImpl.OAuthParametersInputs) => oauthParamsImpl.create(inputs),
  read: (id: string, props: oauthParamsImpl.OAuthParametersOutputs) => oauthParamsImpl.read(id, props),
  update: (id: string, olds: oauthParamsImpl.OAuthParametersOutputs, news: oauthParamsImpl.OAuthParametersInputs) =>
    oauthParamsImpl.update(id, olds, news),
  delete: (id: string, props: oauthParamsImpl.OAuthParametersOutputs) => oauthParamsImpl.remove(id, props),
});

/** `IntegrationGrant`: USAGE / USE_ANY_ROLE on an integration to a role. */
export const integrationGrant = located({
  check: grantImpl.check,
  diff: (id: string, olds: grantImpl.GrantOutputs, news: grantImpl.GrantInputs) => grantImpl.diff(id, olds, news),
  create: (inputs: grantImpl.GrantInputs) => grantImpl.create(inputs),
  read: (id: string, props: grantImpl.GrantOutputs) => grantImpl.read(id, props),
  update: (id: string, olds: grantImpl.GrantOutputs, news: grantImpl.GrantInputs) => grantImpl.update(id, olds, news),
  delete: (id: string, props: grantImpl.GrantOutputs) => grantImpl.remove(id, props),
});

/** `NetworkRule`: a schema-level rule that network policies allow or block. */
export const networkRule = located({
  check: ruleImpl.check,
  diff: (id: string, olds: ruleImpl.RuleOutputs, news: ruleImpl.RuleInputs) => ruleImpl.diff(id, olds, news),
  create: (inputs: ruleImpl.RuleInputs) => ruleImpl.create(inputs),
  read: (id: string, props: ruleImpl.RuleOutputs) => ruleImpl.read(id, props),
  update: (id: string, olds: ruleImpl.RuleOutputs, news: ruleImpl.RuleInputs) => ruleImpl.update(id, olds, news),
  delete: (id: string, props: ruleImpl.RuleOutputs) => ruleImpl.remove(id, props),
});

export { session };
