/**
 * What every generated resource class does in its constructor, driven by the class's model: required inputs, SDK
 * defaults, secret inputs, the `kind` discriminator, output placeholders, and the options no user may forget
 * (secret outputs, replace-on-change inputs).
 * @internal
 */
import * as pulumi from "@pulumi/pulumi";
import { metaInputs, requiredInputs, secretNames, typeToken, type ResourceModel } from "../../model/resource";
import { requireArgs, withSecretOutputs } from "./shim";

/** The property bag sent to the engine for `args`. */
export function resourceArgs(
  model: ResourceModel,
  name: string,
  args: object | undefined,
  opts?: pulumi.CustomResourceOptions,
): Record<string, unknown> {
  const given = (args ?? {}) as Record<string, unknown>;
  requireArgs(model.className, given, requiredInputs(model), opts);
  const props: Record<string, unknown> = { ...given };
  for (const [k, input] of Object.entries(metaInputs(model))) {
    if (props[k] === undefined && input.sdkDefault) props[k] = "logicalName" in input.sdkDefault ? name : input.sdkDefault.value;
    if (input.secret && props[k] !== undefined) props[k] = pulumi.secret(props[k]);
  }
  props.kind = model.kind;
  // The dynamic provider receives inputs in plaintext and unmarked: tell it which ones the program made secret, so
  // their values are redacted from its SQL log, errors and preview notices. Absent (undefined) when none is.
  // No new Output is made around the user's values (an unobserved Output rejects unhandled when a deployment is
  // cancelled); each Output's own secretness is asked, and a failure counts as "not secret".
  const secretness = Object.keys(given).map(async (k) => ((await anySecret(given[k])) ? k : undefined));
  props.__secretInputs = pulumi.output(
    Promise.all(secretness).then((ks) => {
      const secret = ks.filter((k): k is string => k !== undefined);
      return secret.length ? secret : undefined;
    }),
  );
  // The dynamic provider API passes no URN; the provider reads it from here, so preview notices attach to the
  // resource and the SNOWFLAKE_OAUTH_PLAN file names it (the same URN the engine computes).
  props.__urn = pulumi.createUrn(name, typeToken(model), opts?.parent);
  for (const k of Object.keys(model.outputs)) props[k] = undefined;
  return props;
}

/** Whether `v`, or an element of a list or a value of a map `v` (`tags`), is a secret Output. Never rejects. */
async function anySecret(v: unknown): Promise<boolean> {
  const items = Array.isArray(v) ? v : isMap(v) ? [v, ...Object.values(v)] : [v];
  const flags = await Promise.all(
    items.map((x) => (pulumi.Output.isInstance(x) ? pulumi.isSecret(x).catch(() => false) : Promise.resolve(false))),
  );
  return flags.some(Boolean);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !pulumi.Output.isInstance(v) && !Array.isArray(v);
}

/** User options plus the model's secret outputs and replace-on-change inputs. */
export function resourceOptions(model: ResourceModel, opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions {
  const o = withSecretOutputs(opts, secretNames(model));
  if (model.replaceOnChanges?.length) o.replaceOnChanges = [...new Set([...(o.replaceOnChanges ?? []), ...model.replaceOnChanges])];
  return o;
}
