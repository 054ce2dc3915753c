/**
 * https://docs.snowflake.com/en/sql-reference/sql/show-tags
 *
 * Columns as the Terraform provider reads them from live accounts (Snowflake-Labs/terraform-provider-snowflake
 * `pkg/sdk/tags_gen.go` `tagRow`): created_on, name, database_name, schema_name, owner, comment, allowed_values
 * (NULL when any value is allowed, else the values as a list of double-quoted items, `["a","b"]`: `pkg/sdk/tags_ext.go`
 * parses it with quote trimming), owner_role_type, propagate, on_conflict (NULL: propagation is not emulated).
 * @internal
 */
import type { TagRecord } from "../catalog/state";
import { ResultSet, STATEMENT_TYPE, textCol, timestampCell, timestampCol } from "../exec/context";

export interface ShownTag {
  readonly database: string;
  readonly schema: string;
  readonly tag: TagRecord;
}

export function showTagsResult(tags: readonly ShownTag[]): ResultSet {
  return {
    columns: [
      timestampCol("created_on"),
      textCol("name"),
      textCol("database_name"),
      textCol("schema_name"),
      textCol("owner"),
      textCol("comment"),
      textCol("allowed_values", true),
      textCol("owner_role_type"),
      textCol("propagate", true),
      textCol("on_conflict", true),
    ],
    rows: tags.map(({ database, schema, tag }) => [
      timestampCell(tag.createdOn),
      tag.name,
      database,
      schema,
      tag.owner,
      tag.comment ?? "",
      tag.allowedValues ? JSON.stringify(tag.allowedValues) : null,
      "ROLE",
      null,
      null,
    ]),
    statementTypeId: STATEMENT_TYPE.SHOW,
  };
}
