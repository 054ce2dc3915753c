/**
 * https://docs.snowflake.com/sql-reference/sql/show-user-key-pairs
 *
 * Columns in the page's order: name, user_name, fingerprint, role_scope, status, comment, created_on, created_by,
 * last_used_on, expires_at, rotated_to. The page shows no example output, so the cell forms follow the other SHOW shapes
 * (timestamps as timestamp_ltz like SHOW USERS; NULL for what is unset) and the fingerprint is the `SHA256:` form of
 * DESC USER's RSA_PUBLIC_KEY_FP (both unsourced). The legacy RSA_PUBLIC_KEY / RSA_PUBLIC_KEY_2 slots are listed as
 * PUBLIC_KEY_1 / PUBLIC_KEY_2 (an interpretation: the names are reserved for them; the page says "named key pairs").
 * The public key itself is never shown ("The public key is returned only via the `fingerprint` column").
 * @internal
 */
import type { KeyPairRecord, UserRecord } from "../catalog/state";
import { keyPairStatus, legacyKeys, liveKeyPairs } from "../catalog/key-pairs";
import { ResultSet, STATEMENT_TYPE, textCol, timestampCell, timestampCol } from "../exec/context";

const COLUMNS = [
  textCol("name"),
  textCol("user_name"),
  textCol("fingerprint"),
  textCol("role_scope"),
  textCol("status"),
  textCol("comment"),
  timestampCol("created_on"),
  textCol("created_by"),
  timestampCol("last_used_on"),
  timestampCol("expires_at"),
  textCol("rotated_to"),
];

function namedRow(u: Readonly<UserRecord>, k: KeyPairRecord, now: Date): (string | null)[] {
  return [
    k.name,
    u.name,
    k.fingerprint,
    k.roleRestriction ?? null,
    keyPairStatus(k, now),
    k.comment ?? null,
    timestampCell(k.createdOn),
    k.createdBy,
    timestampCell(k.lastUsedOn),
    timestampCell(k.expiresAt),
    k.rotatedTo ?? null,
  ];
}

/** Every key pair of `u` at `now` (expired tombstones left out), legacy slots included, sorted by name. */
export function showUserKeyPairsResult(u: Readonly<UserRecord>, now: Date): ResultSet {
  const rows: (string | null)[][] = [
    // Legacy slots: no role restriction, no expiry; created_on = the slot's last set time (unsourced).
    ...legacyKeys(u).map((l) => [l.name, u.name, l.fingerprint, null, "ACTIVE", null, timestampCell(l.setOn), null, null, null, null]),
    ...liveKeyPairs(u, now).map((k) => namedRow(u, k, now)),
  ];
  rows.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : (a[0] as string) > (b[0] as string) ? 1 : 0));
  return { columns: COLUMNS, rows, statementTypeId: STATEMENT_TYPE.SHOW };
}
