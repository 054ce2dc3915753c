/**
 * The outputs a resource stores, from its inputs and a DESCRIBE (and the client secrets when read).
 * @internal
 */
import { PRIVILEGED_ROLES } from "../../model/oauthCommon";
import { Ident } from "../sql/quote";
import { describedRecord, observe, type DescribedProperty } from "../engine/describe";
import * as session from "../connection/session";
import type { Inputs, KindHooks, Outputs } from "./hooks";
import { observationOf } from "./steps";

/** Outputs from inputs + a DESCRIBE (+ secrets when known). */
export function outputsOf(
  hooks: KindHooks,
  inputs: Inputs,
  storedName: string,
  described: Map<string, DescribedProperty>,
  secrets: { clientId?: string; clientSecret?: string; clientSecret2?: string } | undefined,
  previous?: Outputs,
): Outputs {
  const observed = observationOf(hooks, described, inputs);
  const outs: Outputs = { ...inputs, kind: hooks.discriminator, storedName, described: describedRecord(described) };
  delete outs.__provider;
  if (hooks.spec.describeNoun === "INTEGRATION") {
    const v = (row: string) => described.get(row)?.value || undefined;
    outs.clientId = v("OAUTH_CLIENT_ID") ?? secrets?.clientId;
    outs.authorizationEndpoint = v("OAUTH_AUTHORIZATION_ENDPOINT");
    outs.tokenEndpoint = v("OAUTH_TOKEN_ENDPOINT");
    const blocked = Object.entries(hooks.spec.table).find(([, p]) => p.privilegedParam);
    if (blocked) {
      outs.effectiveBlockedRoles = (observed.values[blocked[0]] as string[] | undefined) ?? [];
      const known = session.knownParameter(blocked[1].privilegedParam!);
      outs.privilegedRolesAdded =
        known ?? (typeof previous?.privilegedRolesAdded === "boolean" ? previous.privilegedRolesAdded : undefined);
    }
  }
  if (hooks.clientSecrets) {
    outs.clientSecret = secrets?.clientSecret;
    outs.clientSecret2 = secrets?.clientSecret2;
  }
  if (hooks.slots) {
    outs.rsaPublicKeyFp = observed.keySlots?.slot1 || undefined;
    outs.rsaPublicKey2Fp = observed.keySlots?.slot2 || undefined;
    outs.rsaPublicKeyFingerprints = [observed.keySlots?.slot1, observed.keySlots?.slot2].filter((x): x is string => !!x);
  }
  for (const k of Object.keys(outs)) if (outs[k] === undefined) delete outs[k];
  return outs;
}

/**
 * After a write, record whether Snowflake adds privileged roles to the blocked list (read once per process, only
 * when DESCRIBE shows privileged roles the program did not declare and the state does not know it yet), so later
 * diffs of an unchanged list need no `SHOW PARAMETERS`.
 */
export async function learnPrivilegedParameter(
  hooks: KindHooks,
  described: Map<string, DescribedProperty>,
  inputs: Inputs,
  previous: Outputs | undefined,
): Promise<void> {
  const blocked = Object.entries(hooks.spec.table).find(([, p]) => p.privilegedParam);
  if (!blocked || !blocked[1].describe) return;
  const param = blocked[1].privilegedParam!;
  if (typeof previous?.privilegedRolesAdded === "boolean" || session.knownParameter(param) !== undefined) return;
  const seen = observe(hooks.spec, described, inputs).values[blocked[0]];
  const declared = new Set(Array.isArray(inputs[blocked[0]]) ? (inputs[blocked[0]] as string[]).map((r) => Ident.parse(r).name) : []);
  if (Array.isArray(seen) && seen.some((r) => PRIVILEGED_ROLES.includes(r) && !declared.has(r)))
    await session.accountBooleanParameter(param);
}
