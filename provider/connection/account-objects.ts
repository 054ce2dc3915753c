/**
 * Names of account objects an input may refer to, read once per provider process (one `pulumi up`) through the
 * shared session: `SHOW ROLES` and `SHOW NETWORK POLICIES` (https://docs.snowflake.com/en/sql-reference/sql/show-roles,
 * https://docs.snowflake.com/en/sql-reference/sql/show-network-policies; both list a `name` column). A failed read
 * is not cached.
 * @internal
 */
import * as session from "./session";

export type AccountObjectKind = "ROLES" | "NETWORK POLICIES";

const cache = new Map<AccountObjectKind, Promise<ReadonlySet<string>>>();

/**
 * The stored names of every object of `kind` the provider's role can see. `fresh` reads again (a name missing from
 * the cached list may belong to an object this same `up` created since).
 */
export function accountObjectNames(kind: AccountObjectKind, fresh = false): Promise<ReadonlySet<string>> {
  if (fresh) cache.delete(kind);
  let p = cache.get(kind);
  if (!p) {
    p = session.execute({ sql: `SHOW ${kind}`, idempotent: true }).then((rows) => new Set(rows.map((r) => String(r.name ?? ""))));
    p.catch(() => cache.delete(kind));
    cache.set(kind, p);
  }
  return p;
}

/** Forget what was read (tests that change the account between runs in one process). */
export function forgetAccountObjects(): void {
  cache.clear();
}
