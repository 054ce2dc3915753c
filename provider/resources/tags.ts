/**
 * Reads the managed tags of one object: one `SELECT SYSTEM$GET_TAG(…), …` through the shared session, only when the
 * kind takes tags and the resource manages some (a resource without `tags` sends nothing more than before).
 * @internal
 */
import { getTagsSql, managedTags, parseTagsRow, type ObservedTags } from "../engine/tags";
import type { Observed } from "../engine/plan";
import * as session from "../connection/session";
import type { Inputs, KindHooks, Outputs } from "./hooks";

export async function observeTags(
  hooks: KindHooks,
  storedName: string,
  news: Inputs | undefined,
  olds: Outputs | undefined,
): Promise<ObservedTags | undefined> {
  if (!hooks.spec.tags) return undefined;
  const tags = managedTags(news?.tags, olds?.tags);
  if (tags.length === 0) return undefined;
  const rows = await session.execute({ sql: getTagsSql(hooks.spec.tags, storedName, tags), idempotent: true });
  return parseTagsRow(tags, rows[0]);
}

/** `observed` with the managed tags' values. */
export function withTags(observed: Observed, tags: ObservedTags | undefined): Observed {
  return tags ? { ...observed, tags } : observed;
}
