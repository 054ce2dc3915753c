/**
 * From a plan request to statements sent: the account parameters a plan needs, the request built from inputs and
 * observation, the step runner (only idempotent statements are retried), and the client-secret read.
 * @internal
 */
import { Ident, stringLiteral } from "../sql/quote";
import { observe, type DescribedProperty } from "../engine/describe";
import { plan, recordedParameters, type Observed, type PlanRequest, type Step } from "../engine/plan";
import * as session from "../connection/session";
import type { Inputs, KindHooks, Outputs } from "./hooks";
import { normalizeKeys } from "./validate";

/**
 * Plan with the account parameters the comparison needs, each read at most once per process. When the blocked list
 * DESCRIBE shows is exactly what was recorded after the last apply (`effectiveBlockedRoles`) and the declared list is
 * unchanged, the parameter value recorded then (`privilegedRolesAdded`) is reused: a no-op `up` sends only DESCRIBE.
 */
export async function planWithParameters(req: PlanRequest) {
  const parameters: Record<string, boolean | undefined> = recordedParameters(req);
  for (;;) {
    const r = plan({ ...req, parameters });
    if (r.kind !== "needsParameter") return r;
    parameters[r.parameter] = await session.accountBooleanParameter(r.parameter);
  }
}

export function requestFor(
  hooks: KindHooks,
  news: Inputs,
  olds: Outputs | undefined,
  observed: Observed | undefined,
  storedName?: string,
): PlanRequest {
  let desiredKeys: { fingerprint: string; body: string }[] | undefined;
  if (hooks.slots) desiredKeys = normalizeKeys(news.rsaPublicKeys);
  const { planKeySlots } = require("../keys/rotation") as typeof import("../keys/rotation");
  return {
    spec: hooks.spec,
    name: news.name,
    currentName: storedName !== undefined ? Ident.stored(storedName).toSql() : undefined,
    inputs: news,
    previous: olds,
    observed,
    namesAreUnique: hooks.namesAreUnique,
    renameInPlace: hooks.renameInPlace,
    secretRotation: hooks.secretRotation,
    tags: hooks.spec.tags ? { spec: hooks.spec.tags, now: news.tags, before: olds?.tags } : undefined,
    keys: hooks.slots
      ? {
          slots: hooks.slots,
          desired: desiredKeys,
          allowReplacingAllKeys: news.allowReplacingAllKeys === true,
          planKeySlots: (c, d, o) => planKeySlots(c, d, { ...o, slotsCannotBeUnset: hooks.slotsCannotBeUnset }),
        }
      : undefined,
  };
}

export function observationOf(hooks: KindHooks, described: Map<string, DescribedProperty>, inputs: Inputs): Observed {
  return observe(hooks.spec, described, inputs, hooks.slots);
}

/** Runs the steps in order; `redact` (secret input values) never reaches the SQL log or an error. */
export async function runSteps(steps: readonly Step[], redact: readonly string[] = []): Promise<void> {
  for (const s of steps) {
    switch (s.op) {
      case "set":
      case "unset":
        await session.execute({ sql: s.sql, idempotent: true, redact: [...redact] });
        break;
      case "rename":
      case "refreshSecret":
      case "create":
        await session.execute({ sql: s.sql, idempotent: false, redact: [...redact] });
        break;
      case "replace":
        throw new Error(`${s.props.join(", ")} cannot be changed in place; the engine should have replaced the object`);
    }
  }
}

export async function clientSecrets(storedName: string): Promise<{ clientId?: string; clientSecret?: string; clientSecret2?: string }> {
  const rows = await session.execute({ sql: `SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS(${stringLiteral(storedName)})`, idempotent: true });
  const cell = rows[0] ? Object.values(rows[0])[0] : undefined;
  if (typeof cell !== "string") return {};
  const j = JSON.parse(cell) as Record<string, string | null>;
  return {
    clientId: j.OAUTH_CLIENT_ID ?? undefined,
    clientSecret: j.OAUTH_CLIENT_SECRET ?? undefined,
    clientSecret2: j.OAUTH_CLIENT_SECRET_2 ?? undefined,
  };
}
