/**
 * Object tags as data: the `tags` input checked and normalised, which tags a resource manages, the SYSTEM$GET_TAG
 * read, and the SET TAG / UNSET TAG steps. Pure (no connection).
 *
 * A resource manages the tags named in its `tags` input now or at the last apply: a tag removed from the map is
 * unset, a tag the program never named is someone else's and is neither read nor touched.
 * @internal
 */
import { MAX_TAG_VALUE_CHARS, MAX_TAGS_PER_OBJECT, TAG_WORK_DOCS, type TagSpec } from "../../model/tags";
import type { Failure } from "../../model/types";
import { isUnknown } from "../../model/unknown";
import { Ident, parseQualified, qualifiedToSql, stringLiteral } from "../sql/quote";

const UNKNOWN_SQL = "<unknown until apply>";

/** Tag values Snowflake holds for the managed tags: the value, or null when the tag is not set on the object. */
export type ObservedTags = Readonly<Record<string, string | null>>;

/** A step of a tag plan (same shape as the property steps of `plan.ts`). */
export interface TagStep {
  readonly op: "set" | "unset";
  readonly sql: string;
  readonly props: readonly string[];
}

/** The tag `text` names, as canonical SQL (`cost.tags.owner` → `COST.TAGS.OWNER`); undefined unless `db.schema.tag`. */
export function canonicalTag(text: string): string | undefined {
  const parts = parseQualified(text);
  if (parts.length !== 3 || parts.some((p) => p.name.trim() === "")) return undefined;
  return qualifiedToSql(parts);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Failures of a `tags` input (no Snowflake contact); unknown values are never judged. */
export function tagFailures(v: unknown): Failure[] {
  if (v === undefined || v === null || isUnknown(v)) return [];
  if (!isPlainObject(v)) return [{ property: "tags", reason: 'must be an object { "db.schema.tag": "value" }' }];
  const failures: Failure[] = [];
  const seen = new Map<string, string>();
  for (const [key, value] of Object.entries(v)) {
    const path = `tags[${JSON.stringify(key)}]`;
    const tag = canonicalTag(key);
    if (!tag) {
      failures.push({ property: path, reason: "must name a tag as database.schema.tag (quote a part to keep its case)" });
      continue;
    }
    const other = seen.get(tag);
    if (other !== undefined) failures.push({ property: path, reason: `names the same tag as ${JSON.stringify(other)} (${tag})` });
    seen.set(tag, key);
    if (isUnknown(value)) continue;
    if (typeof value !== "string") failures.push({ property: path, reason: "must be a string (tag values are always strings)" });
    else if (value.length > MAX_TAG_VALUE_CHARS)
      failures.push({ property: path, reason: `must be at most ${MAX_TAG_VALUE_CHARS} characters (${TAG_WORK_DOCS})` });
  }
  if (Object.keys(v).length > MAX_TAGS_PER_OBJECT)
    failures.push({ property: "tags", reason: `at most ${MAX_TAGS_PER_OBJECT} tags can be set on one object (tag quotas)` });
  return failures;
}

/** Declared tags by canonical name (values may be unknown at preview); "unknown" when the whole map is. */
export function declaredTags(v: unknown): Map<string, unknown> | "unknown" {
  if (isUnknown(v)) return "unknown";
  const out = new Map<string, unknown>();
  if (!isPlainObject(v)) return out;
  for (const [key, value] of Object.entries(v)) {
    const tag = canonicalTag(key);
    if (tag) out.set(tag, value);
  }
  return out;
}

/** The tags a resource manages: named now or at the last apply, sorted. */
export function managedTags(now: unknown, before: unknown): string[] {
  const names = new Set<string>();
  for (const v of [now, before]) {
    const d = declaredTags(v);
    if (d !== "unknown") for (const k of d.keys()) names.add(k);
  }
  return [...names].sort();
}

/**
 * One statement reading every managed tag: `SELECT SYSTEM$GET_TAG('<tag>', '<object>', '<domain>') AS "0", …`
 * (https://docs.snowflake.com/en/sql-reference/functions/system_get_tag: NULL when the tag is not set; the form the
 * Terraform provider's `SystemFunctions.GetTag` runs against live accounts, one column per tag here).
 */
export function getTagsSql(spec: TagSpec, storedName: string, tags: readonly string[]): string {
  const object = stringLiteral(Ident.stored(storedName).toSql());
  const cols = tags.map((t, i) => `SYSTEM$GET_TAG(${stringLiteral(t)}, ${object}, ${stringLiteral(spec.domain)}) AS "${i}"`);
  return `SELECT ${cols.join(", ")}`;
}

/** The row of {@link getTagsSql} as observed tags. */
export function parseTagsRow(tags: readonly string[], row: Readonly<Record<string, unknown>> | undefined): ObservedTags {
  const out: Record<string, string | null> = {};
  tags.forEach((t, i) => {
    const cell = row?.[String(i)];
    out[t] = cell === null || cell === undefined ? null : String(cell);
  });
  return out;
}

/**
 * The SET TAG and UNSET TAG that take the object from `observed` to the declaration (`observed` undefined: nothing
 * is set yet, as after CREATE). Each is one statement for all its tags.
 */
export function planTags(alterNoun: string, target: string, now: unknown, before: unknown, observed: ObservedTags | undefined): TagStep[] {
  const head = `ALTER ${alterNoun} ${target}`;
  const declared = declaredTags(now);
  if (declared === "unknown") return [{ op: "set", sql: `${head} SET TAG ${UNKNOWN_SQL}`, props: ["tags"] }];
  const sets: string[] = [];
  const setProps: string[] = [];
  for (const [tag, value] of declared) {
    if (isUnknown(value)) {
      sets.push(`${tag} = ${UNKNOWN_SQL}`);
      setProps.push(`tags[${tag}]`);
    } else if (typeof value === "string" && (observed?.[tag] ?? null) !== value) {
      sets.push(`${tag} = ${stringLiteral(value)}`);
      setProps.push(`tags[${tag}]`);
    }
  }
  const unsets = managedTags(now, before).filter((t) => !declared.has(t) && (observed?.[t] ?? null) !== null);
  const steps: TagStep[] = [];
  if (sets.length) steps.push({ op: "set", sql: `${head} SET TAG ${sets.join(", ")}`, props: setProps });
  if (unsets.length) steps.push({ op: "unset", sql: `${head} UNSET TAG ${unsets.join(", ")}`, props: unsets.map((t) => `tags[${t}]`) });
  return steps;
}

/** `tags` as refreshed from Snowflake: the managed tags that are set, under the keys the program wrote. */
export function refreshedTags(before: unknown, observed: ObservedTags): Record<string, string> | undefined {
  if (!isPlainObject(before)) return undefined;
  const out: Record<string, string> = {};
  const keyOf = new Map<string, string>();
  for (const k of Object.keys(before)) {
    const t = canonicalTag(k);
    if (t) keyOf.set(t, k);
  }
  for (const [t, v] of Object.entries(observed)) if (v !== null) out[keyOf.get(t) ?? t] = v;
  return out;
}

/** Parses SHOW TAGS' `allowed_values` (`["a","b"]`; NULL = any value). */
export function parseAllowedValues(cell: unknown): string[] | undefined {
  if (cell === null || cell === undefined || cell === "") return undefined;
  const text = String(cell);
  try {
    const j = JSON.parse(text);
    if (Array.isArray(j)) return j.map(String);
  } catch {
    /* not JSON: a bracketed comma list */
  }
  return text
    .replace(/^\[|\]$/g, "")
    .split(",")
    .map((s) => s.trim().replace(/^"|"$/g, ""))
    .filter((s) => s !== "");
}
