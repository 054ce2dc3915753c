/**
 * Named user key pairs: ALTER USER … ADD / MODIFY / ROTATE / REMOVE KEY PAIR and SHOW USER KEY PAIRS.
 * - https://docs.snowflake.com/sql-reference/sql/alter-user-add-key-pair
 * - https://docs.snowflake.com/sql-reference/sql/alter-user-modify-key-pair
 * - https://docs.snowflake.com/sql-reference/sql/alter-user-rotate-key-pair
 * - https://docs.snowflake.com/sql-reference/sql/alter-user-remove-key-pair
 * - https://docs.snowflake.com/sql-reference/sql/show-user-key-pairs
 * - https://docs.snowflake.com/en/user-guide/key-pair-auth (privileges, algorithms)
 * Rules and what is unsourced: FIDELITY.md "Named user key pairs". Key pairs live on the user record
 * (`UserRecord.keyPairs`); expired tombstones are pruned from the draft before every change.
 * @internal
 */
import {
  doesNotExist,
  duplicatePublicKey,
  insufficientPrivileges,
  invalidValue,
  objectExists,
  reservedKeyPairName,
  roleNotGrantedToUser,
  rotatedOutKeyPair,
  tooManyKeyPairs,
} from "../errors";
import { hasPrivilegeOn, isOwner, userCanUseRole } from "../catalog/privileges";
import { isTombstone, keyPairStatus, LEGACY_KEY_PAIR_NAMES, legacyKeys, MAX_KEY_PAIRS, pruneKeyPairs } from "../catalog/key-pairs";
import type { KeyPairRecord, UserRecord } from "../catalog/state";
import { parseKeyPairPublicKey } from "../auth/rsa";
import type { KeyPairStatement } from "../sql/ast";
import type { Ident } from "../sql/cursor";
import { resolveNameString, STATUS } from "./common";
import { ExecContext, ResultSet, statusResult } from "./context";
import { showUserKeyPairsResult } from "../shapes/show-user-key-pairs";

/** https://docs.snowflake.com/sql-reference/sql/alter-user-add-key-pair, access control requirements. */
export const AUTH_METHODS_PRIVILEGE = "MODIFY PROGRAMMATIC AUTHENTICATION METHODS";

/** EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS default (https://docs.snowflake.com/sql-reference/sql/alter-user-rotate-key-pair). */
const DEFAULT_GRACE_HOURS = 24;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function lookup(ctx: ExecContext, name: string): UserRecord | undefined {
  return Object.prototype.hasOwnProperty.call(ctx.catalog.users, name) ? ctx.catalog.users[name] : undefined;
}

/** The named user, or the session user when the statement names none ("If `username` is omitted …"). */
function targetUser(ctx: ExecContext, ident: Ident | undefined, ifExists: boolean): UserRecord | undefined {
  const name = ident ? ident.name : ctx.session.user;
  const u = lookup(ctx, name);
  if (!u && !ifExists) throw doesNotExist("User", name);
  return u;
}

/**
 * MODIFY PROGRAMMATIC AUTHENTICATION METHODS on the user, or OWNERSHIP of it ("one of the following",
 * https://docs.snowflake.com/en/user-guide/key-pair-auth, "Grant the privilege to assign a public key"). Needed on
 * yourself too: the ADD / MODIFY / ROTATE / REMOVE pages carry no "other than yourself" exception.
 */
function requireAuthMethods(ctx: ExecContext, u: UserRecord): void {
  if (isOwner(ctx, u.owner) || hasPrivilegeOn(ctx, "USER", u.name, AUTH_METHODS_PRIVILEGE)) return;
  throw insufficientPrivileges(`user '${u.name}'`);
}

function refuseReserved(name: string): void {
  if ((LEGACY_KEY_PAIR_NAMES as readonly string[]).includes(name)) throw reservedKeyPairName(name);
}

function findKey(keys: readonly KeyPairRecord[], name: string): KeyPairRecord {
  const k = keys.find((x) => x.name === name);
  if (!k) throw doesNotExist("Key pair", name);
  return k;
}

/** "The public key must be unique among all of the user's active keys": ACTIVE named keys (tombstones in grace too) and the legacy slots. */
function requireUniqueKey(u: UserRecord, keys: readonly KeyPairRecord[], fingerprint: string, now: Date): void {
  const active = [
    ...legacyKeys(u).map((l) => l.fingerprint),
    ...keys.filter((k) => keyPairStatus(k, now) === "ACTIVE").map((k) => k.fingerprint),
  ];
  if (active.includes(fingerprint)) throw duplicatePublicKey();
}

/** At most 10 key pairs, tombstones in grace included; the legacy slots are not counted (unsourced). */
function requireRoom(u: UserRecord, keys: readonly KeyPairRecord[]): void {
  if (keys.length >= MAX_KEY_PAIRS) throw tooManyKeyPairs(u.name, MAX_KEY_PAIRS);
}

export function executeKeyPairStatement(ctx: ExecContext, st: KeyPairStatement): ResultSet {
  if (st.kind === "showKeyPairs") {
    const u = targetUser(ctx, st.user, false) as UserRecord;
    // "Required only when listing key pairs for a user other than yourself" (show-user-key-pairs).
    if (u.name !== ctx.session.user) requireAuthMethods(ctx, u);
    return showUserKeyPairsResult(u, ctx.now());
  }
  const u = targetUser(ctx, st.user, st.ifExists);
  if (!u) return statusResult(STATUS.ok);
  requireAuthMethods(ctx, u);
  const now = ctx.now();
  const keys = pruneKeyPairs(u, now);
  const name = st.name.name;
  refuseReserved(name);
  switch (st.kind) {
    case "addKeyPair":
      add(ctx, u, keys, st);
      break;
    case "modifyKeyPair":
      modify(keys, st);
      break;
    case "rotateKeyPair":
      rotate(ctx, u, keys, st);
      break;
    case "removeKeyPair": {
      // The name "becomes available immediately" (remove-key-pair); a tombstone may be removed too (unsourced).
      const k = findKey(keys, name);
      u.keyPairs = keys.filter((x) => x !== k);
      break;
    }
  }
  return statusResult(STATUS.ok);
}

function add(ctx: ExecContext, u: UserRecord, keys: KeyPairRecord[], st: Extract<KeyPairStatement, { kind: "addKeyPair" }>): void {
  const now = ctx.now();
  const name = st.name.name;
  if (keys.some((k) => k.name === name)) throw objectExists("KEY PAIR", name);
  const parsed = parseKeyPairPublicKey(st.publicKey);
  requireUniqueKey(u, keys, parsed.fingerprint, now);
  const days = st.daysToExpiry?.value;
  // "Must be `1` or greater" (add-key-pair); no maximum is documented.
  if (days !== undefined && days < 1) throw invalidValue(String(days), "DAYS_TO_EXPIRY");
  let roleRestriction: string | undefined;
  if (st.roleRestriction) {
    // "This must be one of the roles that has already been granted to the user" (directly or through the hierarchy).
    roleRestriction = resolveNameString(st.roleRestriction.value);
    if (!Object.prototype.hasOwnProperty.call(ctx.catalog.roles, roleRestriction)) throw doesNotExist("Role", roleRestriction);
    if (!userCanUseRole(ctx.catalog, u.name, roleRestriction)) throw roleNotGrantedToUser(roleRestriction, u.name);
  }
  requireRoom(u, keys);
  keys.push({
    name,
    publicKey: parsed.body,
    fingerprint: parsed.fingerprint,
    keyType: parsed.keyType,
    roleRestriction,
    daysToExpiry: days,
    expiresAt: days !== undefined ? new Date(now.getTime() + days * DAY_MS).toISOString() : undefined,
    disabled: false,
    comment: st.comment,
    createdOn: now.toISOString(),
    createdBy: ctx.session.user,
  });
}

function modify(keys: KeyPairRecord[], st: Extract<KeyPairStatement, { kind: "modifyKeyPair" }>): void {
  const k = findKey(keys, st.name.name);
  const a = st.action;
  if (a.type === "rename") {
    const newName = a.newName.name;
    refuseReserved(newName);
    // Tombstones "retain their `_ROTATED_<epoch_ms>` tombstone name until they expire" (remove-key-pair).
    if (isTombstone(k)) throw rotatedOutKeyPair(k.name, k.rotatedTo as string, "renamed");
    if (keys.some((x) => x !== k && x.name === newName)) throw objectExists("KEY PAIR", newName);
    // Tombstones keep pointing at the renamed key (as references follow renames elsewhere here; unsourced).
    for (const t of keys) if (t.rotatedTo === k.name) t.rotatedTo = newName;
    k.name = newName;
    return;
  }
  if (a.type === "set") {
    if (a.disabled !== undefined) k.disabled = a.disabled;
    if (a.comment !== undefined) k.comment = a.comment;
    return;
  }
  // UNSET "resets the properties to their defaults": enabled, no comment.
  if (a.disabled) k.disabled = false;
  if (a.comment) delete k.comment;
}

function rotate(ctx: ExecContext, u: UserRecord, keys: KeyPairRecord[], st: Extract<KeyPairStatement, { kind: "rotateKeyPair" }>): void {
  const now = ctx.now();
  const k = findKey(keys, st.name.name);
  // "You cannot rotate a key pair that has itself already been rotated" (rotate-key-pair).
  if (isTombstone(k)) throw rotatedOutKeyPair(k.name, k.rotatedTo as string, "rotated");
  const parsed = parseKeyPairPublicKey(st.publicKey);
  requireUniqueKey(u, keys, parsed.fingerprint, now);
  const hours = st.hours?.value ?? DEFAULT_GRACE_HOURS;
  // "a value in the range of `0` to the number of hours remaining before the current key pair expires"; no upper bound
  // when the key never expires (unsourced).
  const remainingMs = k.expiresAt !== undefined ? Date.parse(k.expiresAt) - now.getTime() : Infinity;
  if (hours < 0 || (hours > 0 && hours * HOUR_MS > remainingMs)) throw invalidValue(String(hours), "EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS");
  // "A user that is already at the limit cannot rotate a key until rotated-out tombstones expire."
  requireRoom(u, keys);
  const t = now.toISOString();
  const replacement: KeyPairRecord = {
    name: k.name,
    publicKey: parsed.body,
    fingerprint: parsed.fingerprint,
    keyType: parsed.keyType,
    // "Comment, expiration duration, and role restriction are inherited from the rotated key pair": the duration
    // (DAYS_TO_EXPIRY) runs again from the rotation (interpretation).
    roleRestriction: k.roleRestriction,
    daysToExpiry: k.daysToExpiry,
    expiresAt: k.daysToExpiry !== undefined ? new Date(now.getTime() + k.daysToExpiry * DAY_MS).toISOString() : undefined,
    disabled: false,
    comment: k.comment,
    createdOn: t,
    createdBy: ctx.session.user,
  };
  const next = keys.filter((x) => x !== k);
  next.push(replacement);
  // With 0 hours the prior key is unusable at once and, being expired, is no longer listed ("listed until they expire").
  if (hours > 0) {
    // `<key_pair_name>_ROTATED_<epoch_ms>`; two rotations of one name in the same millisecond take the next free one.
    let ms = now.getTime();
    while (next.some((x) => x.name === `${k.name}_ROTATED_${ms}`)) ms++;
    next.push({
      ...k,
      name: `${k.name}_ROTATED_${ms}`,
      rotatedTo: k.name,
      expiresAt: new Date(now.getTime() + hours * HOUR_MS).toISOString(),
    });
  }
  u.keyPairs = next;
}
