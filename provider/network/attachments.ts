/**
 * Where network policies are in force, read from Snowflake: the NETWORK_POLICY parameter of the account and of a user
 * (`SHOW PARAMETERS LIKE 'network_policy' IN ACCOUNT`, the docs' own way to find the active policy:
 * https://docs.snowflake.com/en/user-guide/network-policies "Identify an activated network policy"; `IN USER` per
 * https://docs.snowflake.com/en/sql-reference/sql/show-parameters), and the provider's own connection
 * (`CURRENT_USER()`, `CURRENT_IP_ADDRESS()`: https://docs.snowflake.com/en/sql-reference/functions/current_ip_address).
 * A user's own policy shows at level `USER`; a value inherited from the account shows at level `ACCOUNT`.
 * @internal
 */
import { isNotFound } from "../sql/errors";
import { Ident, likeLiteral } from "../sql/quote";
import type { SqlRunner } from "./policy-content";

export type Target = { readonly kind: "account" } | { readonly kind: "user"; readonly user: Ident };

/** `ACCOUNT`, or the user's SQL name: the text used in statements after `ALTER`. */
export function targetSql(t: Target): string {
  return t.kind === "account" ? "ACCOUNT" : `USER ${t.user.toSql()}`;
}

/** The policy set at the target itself (stored name), `""` when none; undefined when the user does not exist. */
export async function activePolicy(runner: SqlRunner, t: Target): Promise<string | undefined> {
  let rows: Record<string, unknown>[];
  try {
    rows = await runner.run(`SHOW PARAMETERS LIKE ${likeLiteral("NETWORK_POLICY")} IN ${targetSql(t)}`, true);
  } catch (e) {
    if (t.kind === "user" && isNotFound(e)) return undefined;
    throw e;
  }
  const row = rows.find((r) => String(r.key ?? "").toUpperCase() === "NETWORK_POLICY");
  if (!row) return "";
  const level = String(row.level ?? "").toUpperCase();
  if (t.kind === "user" && level !== "USER") return ""; // inherited from the account, not set on the user
  return row.value == null ? "" : String(row.value);
}

/** The provider's own connection as Snowflake sees it. */
export interface Connection {
  readonly user: Ident;
  readonly ip: string;
  /** The connecting user's own policy (`""`: none). */
  readonly userPolicy: string;
  /** The account's policy (`""`: none). */
  readonly accountPolicy: string;
}

export async function connection(runner: SqlRunner): Promise<Connection> {
  const [row] = await runner.run("SELECT CURRENT_USER() AS U, CURRENT_IP_ADDRESS() AS IP", true);
  const user = Ident.stored(String(row?.U ?? row?.u ?? ""));
  const ip = String(row?.IP ?? row?.ip ?? "");
  const userPolicy = (await activePolicy(runner, { kind: "user", user })) ?? "";
  const accountPolicy = (await activePolicy(runner, { kind: "account" })) ?? "";
  return { user, ip, userPolicy, accountPolicy };
}
