/**
 * What the generic provider needs to know about one object kind: its model (table, rules, key slots, Snowflake
 * facts such as name uniqueness) and how to read it.
 * @internal
 */
import type { ResourceModel } from "../../model/resource";
import { metaInputs } from "../../model/resource";
import type { KeySlotSpec, ObjectSpec } from "../../model/types";
import type { DescribedProperty } from "../engine/describe";

export interface KindHooks {
  readonly model: ResourceModel;
  readonly spec: ObjectSpec;
  /** Value of the `kind` discriminator input. */
  readonly discriminator: string;
  /** Key slots (integrations with RSA keys). */
  readonly slots?: KeySlotSpec;
  /** External OAuth cannot UNSET key slots. */
  readonly slotsCannotBeUnset?: boolean;
  /** Custom OAuth: client secrets and their rotation. */
  readonly clientSecrets?: boolean;
  /** `REFRESH OAUTH_CLIENT_SECRET[_2]` on a rotation counter change. */
  readonly secretRotation?: boolean;
  /** Integration names are account-unique: same-name replacement deletes first. */
  readonly namesAreUnique: boolean;
  /** Network policies: `ALTER ... RENAME TO`. */
  readonly renameInPlace?: boolean;
  /** Inputs that are not table properties (the model's meta inputs and `kind`). */
  readonly metaInputs: readonly string[];
  /** Called with valid checked inputs whose name is known: what this deployment declares (network policies). */
  readonly declare?: (storedName: string, news: Inputs) => void;
  /** Before an ALTER SET/UNSET of an existing object (`changed`: the inputs it sets or unsets): the refusal text, or undefined (the lockout guard). */
  readonly guardChange?: (storedName: string, news: Inputs, changed: readonly string[]) => Promise<string | undefined>;
  /** Read the object; undefined when it does not exist. */
  readonly describe: (nameSql: string, storedName: string) => Promise<Map<string, DescribedProperty> | undefined>;
}

export type Inputs = Record<string, any>;
export type Outputs = Record<string, any>;

/** The hooks of a model that has a Snowflake object. */
export function hooksFor(model: ResourceModel, describe: KindHooks["describe"]): KindHooks {
  const spec = model.object;
  if (!spec) throw new Error(`${model.className} has no Snowflake object in its model`);
  return {
    model,
    spec,
    discriminator: model.kind,
    slots: model.keySlots,
    slotsCannotBeUnset: model.keySlots?.cannotBeUnset,
    clientSecrets: spec.clientSecrets,
    secretRotation: spec.secretRotation,
    namesAreUnique: spec.namesAreUnique,
    renameInPlace: spec.renameInPlace,
    metaInputs: ["kind", ...Object.keys(metaInputs(model))],
    describe,
  };
}

export function storedNameOf(props: Outputs | undefined, id: string): string {
  return typeof props?.storedName === "string" ? props.storedName : id;
}
