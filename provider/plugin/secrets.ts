/**
 * Secrets at the plugin boundary. The engine sends a secret as `{ [sig]: secretSig, value }` (the provider accepts
 * secrets, see configure.ts) anywhere in a property bag; the shared provider code wants plain values plus the names
 * of the inputs that were secret (`__secretInputs`, the dynamic resources' convention, used to redact the SQL log,
 * errors and preview notices). On the way back every such input, and every secret input or output of the model, is
 * wrapped again, so nothing secret is stored in plaintext whichever language the program is written in.
 * Wire format: `specialSigKey` / `specialSecretSig` of @pulumi/pulumi's runtime/rpc.
 * @internal
 */
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";

type Bag = Record<string, unknown>;

function isSecretValue(v: unknown): v is { value: unknown } {
  return typeof v === "object" && v !== null && (v as Bag)[specialSigKey] === specialSecretSig;
}

/** `v` without secret wrappers, and whether any part of it was one. */
function unwrap(v: unknown): [unknown, boolean] {
  if (isSecretValue(v)) return [unwrap(v.value)[0], true];
  if (Array.isArray(v)) {
    const parts = v.map(unwrap);
    return [parts.map((p) => p[0]), parts.some((p) => p[1])];
  }
  if (typeof v === "object" && v !== null && !(specialSigKey in v)) {
    let secret = false;
    const out: Bag = {};
    for (const [k, x] of Object.entries(v)) {
      const [plain, s] = unwrap(x);
      out[k] = plain;
      secret ||= s;
    }
    return [out, secret];
  }
  return [v, false];
}

/** A property bag in plaintext, and the top-level names whose value held a secret. */
export function unwrapBag(bag: Bag | undefined): { plain: Bag; secret: string[] } {
  const plain: Bag = {};
  const secret: string[] = [];
  for (const [k, v] of Object.entries(bag ?? {})) {
    const [p, s] = unwrap(v);
    plain[k] = p;
    if (s) secret.push(k);
  }
  return { plain, secret };
}

/** `bag` with each named, present value wrapped as a secret (once). */
export function wrapBag(bag: Bag, secret: Iterable<string>): Bag {
  const out: Bag = { ...bag };
  for (const k of new Set(secret)) {
    if (out[k] !== undefined && out[k] !== null && !isSecretValue(out[k])) out[k] = { [specialSigKey]: specialSecretSig, value: out[k] };
  }
  return out;
}
