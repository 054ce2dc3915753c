/**
 * Object tags on the objects this package manages: the `tags` input, its limits and how each object kind is tagged.
 * Tags are schema objects (`db.schema.tag`) created elsewhere; an object carries `tag = 'value'` pairs set with
 * `ALTER <object> SET TAG` / `UNSET TAG` and read back with `SYSTEM$GET_TAG(tag, object, domain)`.
 * @internal
 */
import type { MetaInput } from "./resource";
import { TF_TESTINT_TAGS } from "./sources";

export const TAGGING_DOCS = "https://docs.snowflake.com/en/user-guide/object-tagging/introduction";
export const GET_TAG_DOCS = "https://docs.snowflake.com/en/sql-reference/functions/system_get_tag";
export const TAG_WORK_DOCS = "https://docs.snowflake.com/en/user-guide/object-tagging/work";

/** "Snowflake allows a maximum of 50 unique tags to be set on a single object" (TAGGING_DOCS, "Tag quotas"). */
export const MAX_TAGS_PER_OBJECT = 50;

/** "The string value for each tag can be up to 256 characters" (TAG_WORK_DOCS, "Set a list of allowed tag values"). */
export const MAX_TAG_VALUE_CHARS = 256;

/** How an object kind is tagged. */
export interface TagSpec {
  /** `object_domain` of SYSTEM$GET_TAG for this kind (GET_TAG_DOCS lists `'INTEGRATION'` and `'NETWORK POLICY'`). */
  readonly domain: "INTEGRATION" | "NETWORK POLICY";
  /** Where the SET TAG / UNSET TAG syntax of the kind's ALTER is documented, and where it was run against an account. */
  readonly source: string;
}

/** The `tags` input of every taggable resource. */
export const TAGS: MetaInput = {
  tsType: "Record<string, pulumi.Input<string>>",
  doc:
    'Object tags, `{ "db.schema.tag": "value" }`: each key names an existing tag (written as in SQL; quote parts that ' +
    "need it), each value is at most 256 characters and must be one of the tag's `ALLOWED_VALUES` when it has them " +
    "(checked at preview). Set with `ALTER ... SET TAG` after CREATE and compared with `SYSTEM$GET_TAG`, so a value " +
    "changed or removed by hand is drift that `up` repairs. Only the tags named here (now or at the last apply) are " +
    "managed: a tag removed from the map is unset, tags set by others are left alone. At most 50 per object.",
  defaultDoc: "Default: tags are not managed.",
};

/** Security integrations: `ALTER [ SECURITY ] INTEGRATION <name> SET TAG … / UNSET TAG …` (each ALTER SECURITY INTEGRATION page). */
export const INTEGRATION_TAGS: TagSpec = {
  domain: "INTEGRATION",
  source: `docs: https://docs.snowflake.com/en/sql-reference/sql/alter-security-integration-oauth-snowflake (SET TAG / UNSET TAG); live: ${TF_TESTINT_TAGS} (custom OAuth and External OAuth integrations, object type INTEGRATION)`,
};

/** Network policies: `ALTER NETWORK POLICY <name> SET TAG … / UNSET TAG …`; CREATE NETWORK POLICY takes no tags. */
export const NETWORK_POLICY_TAGS: TagSpec = {
  domain: "NETWORK POLICY",
  source: "docs: https://docs.snowflake.com/en/sql-reference/sql/alter-network-policy (SET TAG / UNSET TAG); no live assertion found",
};
