/**
 * The observation cache of one provider process.
 * @internal
 */
import { Ident } from "../sql/quote";
import type { DescribedProperty } from "../engine/describe";
import type { KindHooks } from "./hooks";

/**
 * Fresh observation cache, each entry used once, in the same process: the DESCRIBE done by `read` is reused by the
 * `diff` the engine runs right after it during a refresh (so a refresh reads each object once), and the one done by
 * `diff` by the `update` that follows, and the one done by an adopting `check` by the `create` that follows. A `diff` never reuses another `diff`'s observation (a preview's, say).
 */
export type ObservedBy = "read" | "diff" | "check";
const observations = new Map<string, { at: number; by: ObservedBy; described: Map<string, DescribedProperty> | undefined }>();
const OBSERVATION_TTL_MS = 120_000;

export async function describeFresh(
  hooks: KindHooks,
  storedName: string,
  reuseFrom: ObservedBy,
): Promise<Map<string, DescribedProperty> | undefined> {
  const key = `${hooks.spec.resource}:${storedName}`;
  const cached = observations.get(key);
  observations.delete(key);
  if (cached && cached.by === reuseFrom && Date.now() - cached.at < OBSERVATION_TTL_MS) return cached.described;
  return hooks.describe(Ident.stored(storedName).toSql(), storedName);
}

export function remember(
  hooks: KindHooks,
  storedName: string,
  by: ObservedBy,
  described: Map<string, DescribedProperty> | undefined,
): void {
  observations.set(`${hooks.spec.resource}:${storedName}`, { at: Date.now(), by, described });
}
