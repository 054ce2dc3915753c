/**
 * The one reader of `DESCRIBE NETWORK RULE`: one row with `type`, `mode`, `value_list` comma-joined, `comment`,
 * `owner`, `created_on` (snowflakedb/terraform-provider-snowflake `pkg/sdk/network_rule_impl_gen.go`
 * `DescNetworkRulesRow.convertErr`; https://docs.snowflake.com/en/sql-reference/sql/desc-network-rule). Used by the
 * NetworkRule resource and by the lockout guard.
 * @internal
 */
import { parseCommaList } from "../engine/values";
import { isNotFound } from "../sql/errors";
import { timeOf } from "../resources/evidence";
import type { SqlRunner } from "../connection/runner";

/** A rule as Snowflake shows it; values trimmed, as a sorted set. */
export interface Live {
  type: string;
  mode: string;
  values: string[];
  comment: string;
  owner: string;
  /** `created_on`, ms since the epoch. */
  createdOn: number | undefined;
}

export const sortedSet = (xs: readonly string[]) => [...new Set(xs.map((x) => x.trim()))].sort();

/** The rule named by `q` (SQL text), or undefined when it does not exist (002003). */
export async function describeRule(runner: SqlRunner, q: string): Promise<Live | undefined> {
  let rows: Record<string, unknown>[];
  try {
    rows = await runner.run(`DESCRIBE NETWORK RULE ${q}`, true);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
  const r = rows[0];
  if (!r) return undefined;
  return {
    type: String(r.type ?? "").toUpperCase(),
    mode: String(r.mode ?? "").toUpperCase(),
    values: sortedSet(parseCommaList(String(r.value_list ?? ""))),
    comment: r.comment == null ? "" : String(r.comment),
    owner: String(r.owner ?? ""),
    createdOn: timeOf(r.created_on),
  };
}
