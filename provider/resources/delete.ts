/**
 * DELETE that never drops an object this deployment created.
 *
 * Same-name replacement of an integration is delete-before-replace (names are account-unique). When the new CREATE
 * fails, or the provider dies after it, the engine keeps the old resource in state (marked for deletion / pending
 * replacement) and, on the next `up`, creates the new object first and deletes the old entry afterwards — by the
 * same name. A plain `DROP ... IF EXISTS <name>` there drops the object that was just created (verified through the
 * create/delete fault matrix, test/e2e/create-fault-matrix-oauth.test.ts). The old object is already gone (it was
 * dropped before the failed create), so the provider remembers every name it created or recovered in this process (one
 * deployment), with its identity, and turns a later delete of that name whose state entry is a different object into a
 * no-op, told to the engine. Identity: the client id Snowflake generated for the object when both sides know it (it
 * survives every ALTER, and a new object gets a new one); otherwise the properties that cannot be altered
 * (`immutable` or not settable), which a replacement by definition changes. A delete of the very object created here
 * (same identity) still drops it.
 * @internal
 */
import { Ident } from "../sql/quote";
import { buildDrop } from "../engine/plan";
import * as session from "../connection/session";
import { logToEngine } from "../connection/engine-log";
import type { KindHooks, Outputs } from "./hooks";
import { isStillAttached, stillAttachedReason } from "../sql/errors";

const g = globalThis as unknown as { __snowflakeOAuthCreated?: Map<string, Outputs> };
function created(): Map<string, Outputs> {
  g.__snowflakeOAuthCreated ??= new Map();
  return g.__snowflakeOAuthCreated;
}
const keyOf = (hooks: KindHooks, storedName: string) => `${hooks.spec.describeNoun}\u0000${storedName}`;

/** Record that this process created (or recovered as its own) the object, with what identifies it (inputs or outputs). */
export function rememberCreated(hooks: KindHooks, storedName: string, props: Outputs): void {
  created().set(keyOf(hooks, storedName), props);
}

/** Whether two property sets describe the same Snowflake object (see the module comment). */
export function sameObject(hooks: KindHooks, a: Outputs, b: Outputs): boolean {
  if (typeof a.clientId === "string" && typeof b.clientId === "string") return a.clientId === b.clientId;
  for (const [k, p] of Object.entries(hooks.spec.table)) {
    if (!(p.immutable || !p.set)) continue;
    if (JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null)) return false;
  }
  return true;
}

/** `DROP ... IF EXISTS`, unless the name now belongs to an object created by this deployment. */
export async function dropUnlessCreatedHere(hooks: KindHooks, storedName: string, props: Outputs): Promise<void> {
  const nameSql = Ident.stored(storedName).toSql();
  const mine = created().get(keyOf(hooks, storedName));
  if (mine && !sameObject(hooks, mine, props)) {
    await logToEngine(
      "info",
      `${hooks.spec.resource} ${nameSql}: not dropped: this deployment created the object that has this name now; the replaced one is already gone`,
    );
    return;
  }
  try {
    await session.execute({ sql: buildDrop(hooks.spec, storedName), idempotent: true });
  } catch (e) {
    if (!isStillAttached(e)) throw e;
    // Snowflake refused the whole DROP: nothing changed, and the resource stays in state for the next up.
    throw new Error(
      `${hooks.spec.resource} ${nameSql}: not deleted, it is still in force: ${stillAttachedReason(e)} ` +
        "Delete its NetworkPolicyAttachment (or the integration's networkPolicy) first, or unset it where it was set by hand, then run pulumi up again.",
    );
  }
  created().delete(keyOf(hooks, storedName));
}
