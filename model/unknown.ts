/**
 * Pulumi's placeholder for values not known yet during preview, taken from `@pulumi/pulumi` itself
 * (`runtime/rpc.ts` `unknownValue`) so provider, SDK and policy pack share one definition.
 * @internal
 */
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";

export const UNKNOWN: string = unknownValue;

/** True when `v`, or an element of a list `v`, is the preview placeholder for an unknown value. */
export function isUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(isUnknown);
  return false;
}

/** True when `v` is set and known (neither undefined, null nor unknown). */
export function isKnown(v: unknown): boolean {
  return v !== undefined && v !== null && !isUnknown(v);
}
