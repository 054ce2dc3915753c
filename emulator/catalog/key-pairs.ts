/**
 * Reading a user's named key pairs: status, the rotated-out tombstones still in their grace period, and the
 * legacy RSA_PUBLIC_KEY / RSA_PUBLIC_KEY_2 slots under their reserved names. Shared by the executor
 * (`exec/key-pairs.ts`), SHOW USER KEY PAIRS and key-pair login (`auth/keypair-jwt.ts`).
 * - https://docs.snowflake.com/sql-reference/sql/show-user-key-pairs (status values; "If a key pair is both disabled
 *   and past its expiration time, the status is reported as `DISABLED`"; "Rotated-out key pairs are listed until they
 *   expire")
 * - https://docs.snowflake.com/sql-reference/sql/alter-user-rotate-key-pair (tombstones)
 * @internal
 */
import type { KeyPairRecord, UserRecord } from "./state";

export type KeyPairStatus = "ACTIVE" | "EXPIRED" | "DISABLED";

/** Reserved for the legacy slots (https://docs.snowflake.com/sql-reference/sql/alter-user-add-key-pair). */
export const LEGACY_KEY_PAIR_NAMES = ["PUBLIC_KEY_1", "PUBLIC_KEY_2"] as const;

/** "Each user can have a maximum of 10 key pairs by default" (https://docs.snowflake.com/sql-reference/sql/alter-user-add-key-pair). */
export const MAX_KEY_PAIRS = 10;

/** DISABLED wins over EXPIRED; EXPIRED once `expiresAt` ≤ now. */
export function keyPairStatus(k: KeyPairRecord, now: Date): KeyPairStatus {
  if (k.disabled) return "DISABLED";
  if (k.expiresAt !== undefined && Date.parse(k.expiresAt) <= now.getTime()) return "EXPIRED";
  return "ACTIVE";
}

/** A rotated-out key (`<name>_ROTATED_<epoch_ms>`), as opposed to a key registered under that name by ADD. */
export function isTombstone(k: KeyPairRecord): boolean {
  return k.rotatedTo !== undefined;
}

/** A tombstone whose grace period is over: gone from SHOW, from the count and from login. */
function expiredTombstone(k: KeyPairRecord, now: Date): boolean {
  return isTombstone(k) && k.expiresAt !== undefined && Date.parse(k.expiresAt) <= now.getTime();
}

/** The user's key pairs that still exist at `now` (expired tombstones left out). */
export function liveKeyPairs(u: Readonly<UserRecord>, now: Date): KeyPairRecord[] {
  return (u.keyPairs ?? []).filter((k) => !expiredTombstone(k, now));
}

/** Drop expired tombstones from the record (executors call this on their draft before changing key pairs). */
export function pruneKeyPairs(u: UserRecord, now: Date): KeyPairRecord[] {
  u.keyPairs = liveKeyPairs(u, now);
  return u.keyPairs;
}

/** A legacy slot shown as a key pair (PUBLIC_KEY_1 / PUBLIC_KEY_2). */
export interface LegacyKey {
  readonly name: (typeof LEGACY_KEY_PAIR_NAMES)[number];
  readonly slot: 1 | 2;
  readonly body: string;
  readonly fingerprint: string;
  readonly setOn?: string;
}

/** The legacy RSA_PUBLIC_KEY / RSA_PUBLIC_KEY_2 slots that are set. */
export function legacyKeys(u: Readonly<UserRecord>): LegacyKey[] {
  const out: LegacyKey[] = [];
  if (u.rsaPublicKey && u.rsaPublicKeyFp) {
    out.push({ name: "PUBLIC_KEY_1", slot: 1, body: u.rsaPublicKey, fingerprint: u.rsaPublicKeyFp, setOn: u.rsaPublicKeyLastSetTime });
  }
  if (u.rsaPublicKey2 && u.rsaPublicKey2Fp) {
    out.push({ name: "PUBLIC_KEY_2", slot: 2, body: u.rsaPublicKey2, fingerprint: u.rsaPublicKey2Fp, setOn: u.rsaPublicKey2LastSetTime });
  }
  return out;
}
