/**
 * The checks every resource shares, driven by its model: no input the model does not have, the `kind`
 * discriminator, and each meta input's own type rule. Unknown values (preview) are never judged.
 * @internal
 */
import type { ResourceModel } from "../../model/resource";
import { metaInputs } from "../../model/resource";
import type { Failure } from "../../model/types";
import { isUnknown } from "../../model/unknown";

/** Inputs the engine or the SDK add that are not the user's. */
const ENGINE_INPUTS = new Set(["__provider", "kind", "__secretInputs", "__urn"]);

/**
 * `required`: also report a missing required meta input (the providers of account-level objects, whose inputs are all
 * meta inputs; the others check their required inputs with a message of their own).
 */
export function checkMetaInputs(
  model: ResourceModel,
  news: Readonly<Record<string, unknown>>,
  opts: { required?: boolean } = {},
): Failure[] {
  const failures: Failure[] = [];
  const meta = metaInputs(model);
  if (opts.required)
    for (const [k, input] of Object.entries(meta))
      if (input.required && (news[k] === undefined || news[k] === null)) failures.push({ property: k, reason: `${k} is required.` });
  const table = model.object?.table ?? {};
  if (news.kind !== undefined && !isUnknown(news.kind) && news.kind !== model.kind) {
    failures.push({ property: "kind", reason: `must be '${model.kind}' for ${model.className}` });
  }
  for (const [k, v] of Object.entries(news)) {
    if (ENGINE_INPUTS.has(k) || k in table) continue;
    const input = meta[k];
    if (!input) {
      if (v !== undefined) failures.push({ property: k, reason: `is not an input of ${model.className}` });
      continue;
    }
    if (v === undefined || v === null || isUnknown(v) || !input.validate) continue;
    const why = input.validate(v);
    if (why) failures.push({ property: k, reason: why });
  }
  return failures;
}

/**
 * Failures as the engine prints them. The engine looks the property up among the top-level inputs and prints its
 * value beside the reason (`property x value {…} has a problem`): a nested path (`allowedIpList[2]`) would print
 * `{<nil>}`, and a key list or a secret input would print whole PEM keys or a secret. Those failures are reported
 * without a property, the path leading the reason, so the message still names the input.
 */
export function presentFailures(model: ResourceModel, failures: readonly Failure[]): Failure[] {
  const meta = metaInputs(model);
  const quiet = (name: string) => !!meta[name]?.secret || !!meta[name]?.list || (!!model.keySlots && name === "rsaPublicKeys");
  return failures.map((f) => {
    const top = f.property.replace(/[[.].*$/, "");
    return top !== f.property || quiet(top) ? { property: "", reason: `${f.property}: ${f.reason}` } : f;
  });
}
