/**
 * Named user key pairs, the pure part: reading `SHOW USER KEY PAIRS FOR USER` rows and planning the fewest statements
 * from the declaration and those rows (never from state). Facts in `model/userKeyPair.ts`; SQL pages:
 * https://docs.snowflake.com/sql-reference/sql/alter-user-add-key-pair (and -modify-, -rotate-, -remove-key-pair),
 * https://docs.snowflake.com/sql-reference/sql/show-user-key-pairs.
 * @internal
 */
import { NAMED_KEY_PAIRS } from "../../model/userKeyPair";
import { Ident, stringLiteral } from "../sql/quote";

/** One row of SHOW USER KEY PAIRS, normalised. */
export interface KeyPairRow {
  readonly name: string;
  /** Always `SHA256:…` (the SHOW page does not say whether Snowflake prints the prefix; both are read). */
  readonly fingerprint: string;
  readonly roleScope?: string;
  readonly status: string;
  readonly comment: string;
  readonly expiresAt?: string;
  readonly rotatedTo?: string;
}

const cell = (r: Record<string, unknown>, k: string): string | undefined => {
  const v = r[k] ?? r[k.toUpperCase()];
  if (v === null || v === undefined) return undefined;
  const s = v instanceof Date ? v.toISOString() : String(v);
  return s === "" || s === "null" || s === "NULL" ? undefined : s;
};

/** SHOW rows → named key pairs (the reserved legacy names are skipped: they belong to UserRsaKeys). */
export function parseKeyPairRows(rows: readonly Record<string, unknown>[]): KeyPairRow[] {
  const out: KeyPairRow[] = [];
  for (const r of rows) {
    const name = cell(r, "name");
    if (!name || NAMED_KEY_PAIRS.reservedNames.includes(name)) continue;
    const fp = cell(r, "fingerprint") ?? "";
    out.push({
      name,
      fingerprint: fp.startsWith("SHA256:") ? fp : `SHA256:${fp}`,
      roleScope: cell(r, "role_scope"),
      status: (cell(r, "status") ?? "ACTIVE").toUpperCase(),
      comment: cell(r, "comment") ?? "",
      expiresAt: cell(r, "expires_at"),
      rotatedTo: cell(r, "rotated_to"),
    });
  }
  return out;
}

/** What the program declares, resolved. */
export interface DeclaredKeyPair {
  readonly name: Ident;
  /** The previous name (state), when the program renamed it. */
  readonly previousName?: Ident;
  readonly body: string;
  readonly fingerprint: string;
  /** Stored role name, or undefined for none. */
  readonly roleRestriction?: string;
  readonly daysToExpiry?: number;
  /** `daysToExpiry` at the last apply (state), to tell a changed input from an unchanged one. */
  readonly previousDaysToExpiry?: number | null;
  readonly comment: string;
  readonly disabled: boolean;
  readonly graceHours: number;
}

/** A step and why; `reRegister` marks the REMOVE + ADD pair that a lockout guard must allow. */
export interface NamedKeyPlan {
  readonly statements: string[];
  readonly fields: string[];
  readonly reRegister: boolean;
}

export class NamedKeyPlanError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "NamedKeyPlanError";
  }
}

/** Rows that count toward the per-user limit: every listed key (rotated-out keys in grace included). */
function countedRows(rows: readonly KeyPairRow[]): number {
  return rows.length;
}

function addSql(user: Ident, d: DeclaredKeyPair): string[] {
  let sql = `ALTER USER ${user.toSql()} ADD KEY PAIR ${d.name.toSql()} PUBLIC_KEY = ${stringLiteral(d.body)}`;
  // The literal holds the role as SQL would name it (`"Mixed"` stays case-sensitive), as for NETWORK_POLICY.
  if (d.roleRestriction !== undefined) sql += ` ROLE_RESTRICTION = ${stringLiteral(Ident.stored(d.roleRestriction).toSql())}`;
  if (d.daysToExpiry !== undefined) sql += ` DAYS_TO_EXPIRY = ${d.daysToExpiry}`;
  if (d.comment !== "") sql += ` COMMENT = ${stringLiteral(d.comment)}`;
  const out = [sql];
  // ADD has no DISABLED clause; a key declared disabled is disabled right after.
  if (d.disabled) out.push(`ALTER USER ${user.toSql()} MODIFY KEY PAIR ${d.name.toSql()} SET DISABLED = TRUE`);
  return out;
}

/** Hours left before `expiresAt`, rounded down; undefined when the key has no expiry. */
export function hoursLeft(expiresAt: string | undefined, now: Date): number | undefined {
  if (!expiresAt) return undefined;
  const t = Date.parse(expiresAt);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, Math.floor((t - now.getTime()) / 3_600_000));
}

/**
 * The statements that make Snowflake match the declaration, in order. Rules (docs pages above):
 * - missing → ADD (+ SET DISABLED when declared disabled); refused at the 10-key limit;
 * - another key under a stale name (the program renamed it) → MODIFY … RENAME TO first;
 * - role restriction differs, or the expiry was added/removed/changed → REMOVE then ADD (MODIFY cannot change them);
 * - public key differs → ROTATE with the declared grace (refused at the limit, and when the grace exceeds the hours
 *   the current key has left);
 * - comment / disabled differ → one MODIFY … SET (and MODIFY … UNSET COMMENT for an emptied comment).
 */
export function planNamedKey(user: Ident, d: DeclaredKeyPair, rows: readonly KeyPairRow[], now: Date): NamedKeyPlan {
  const mod = (n: Ident) => `ALTER USER ${user.toSql()} MODIFY KEY PAIR ${n.toSql()}`;
  let live = rows.find((r) => r.name === d.name.name && !r.rotatedTo);
  let source = live; // the SHOW row the plan changes (before a rename)
  const statements: string[] = [];
  const fields: string[] = [];
  if (!live && d.previousName && !d.previousName.equals(d.name)) {
    const old = rows.find((r) => r.name === d.previousName!.name && !r.rotatedTo);
    if (old) {
      if (rows.some((r) => r.name === d.name.name))
        throw new NamedKeyPlanError("name", `cannot rename key pair ${old.name} to ${d.name.name}: a key pair of that name exists.`);
      statements.push(`${mod(d.previousName)} RENAME TO ${d.name.toSql()}`);
      fields.push("name");
      live = { ...old, name: d.name.name };
      source = old;
    }
  }
  // Every ADD below needs the key to be unique among the user's active keys: refuse before anything is removed.
  const activeElsewhere = rows.some((r) => r !== source && r.fingerprint === d.fingerprint && r.status === "ACTIVE");
  const duplicate = () =>
    new NamedKeyPlanError(
      "publicKey",
      `the declared public key is already an active key of user ${user.name} (another key pair, or a rotated-out key in its ` +
        "grace period); Snowflake requires a public key to be unique among the user's active keys.",
    );
  if (!live) {
    if (activeElsewhere) throw duplicate();
    if (countedRows(rows) >= NAMED_KEY_PAIRS.maxPerUser)
      throw new NamedKeyPlanError(
        "name",
        `user ${user.name} already has ${countedRows(rows)} key pairs (rotated-out keys in their grace period included); ` +
          `Snowflake allows ${NAMED_KEY_PAIRS.maxPerUser} per user. Remove one or wait for rotated-out keys to expire.`,
      );
    return { statements: [...statements, ...addSql(user, d)], fields: [...fields, "publicKey"], reRegister: false };
  }
  const roleDiffers = (live.roleScope ?? undefined) !== d.roleRestriction;
  const expiryPresenceDiffers = (live.expiresAt !== undefined) !== (d.daysToExpiry !== undefined);
  const expiryChanged = d.previousDaysToExpiry !== undefined && (d.previousDaysToExpiry ?? undefined) !== d.daysToExpiry;
  if (roleDiffers || expiryPresenceDiffers || expiryChanged) {
    if (roleDiffers) fields.push("roleRestriction");
    if (expiryPresenceDiffers || expiryChanged) fields.push("daysToExpiry");
    // REMOVE + ADD would swap the key with no grace for clients on the old one: one change per up.
    if (live.fingerprint !== d.fingerprint)
      throw new NamedKeyPlanError(
        "publicKey",
        `publicKey and ${fields.join(" / ")} cannot change in the same up: Snowflake re-registers the key pair for ` +
          `${fields.join(" / ")} (no grace for the old key), while a publicKey change alone is a ROTATE with graceHours. ` +
          "Change one, run up, then the other.",
      );
    if (activeElsewhere) throw duplicate();
    statements.push(`ALTER USER ${user.toSql()} REMOVE KEY PAIR ${d.name.toSql()}`, ...addSql(user, d));
    return { statements, fields, reRegister: true };
  }
  if (live.fingerprint !== d.fingerprint) {
    if (activeElsewhere) throw duplicate();
    if (countedRows(rows) >= NAMED_KEY_PAIRS.maxPerUser)
      throw new NamedKeyPlanError(
        "publicKey",
        `user ${user.name} has ${countedRows(rows)} key pairs; a rotation keeps the prior key until its grace ends, and ` +
          `Snowflake allows ${NAMED_KEY_PAIRS.maxPerUser} per user. Wait for rotated-out keys to expire or remove a key pair.`,
      );
    const left = hoursLeft(live.expiresAt, now);
    if (left !== undefined && d.graceHours > left)
      throw new NamedKeyPlanError(
        "graceHours",
        `graceHours ${d.graceHours} exceeds the ${left} hours key pair ${live.name} has left before it expires ` +
          "(Snowflake: 0 to the hours remaining).",
      );
    statements.push(
      `ALTER USER ${user.toSql()} ROTATE KEY PAIR ${d.name.toSql()} PUBLIC_KEY = ${stringLiteral(d.body)} ` +
        `EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = ${d.graceHours}`,
    );
    fields.push("publicKey");
  }
  const sets: string[] = [];
  if ((live.status === "DISABLED") !== d.disabled) {
    sets.push(`DISABLED = ${d.disabled ? "TRUE" : "FALSE"}`);
    fields.push("disabled");
  }
  if (live.comment !== d.comment) {
    fields.push("comment");
    if (d.comment !== "") sets.push(`COMMENT = ${stringLiteral(d.comment)}`);
    else statements.push(`${mod(d.name)} UNSET COMMENT`);
  }
  if (sets.length) statements.push(`${mod(d.name)} SET ${sets.join(" ")}`);
  return { statements, fields, reRegister: false };
}

/** The rotated-out keys of a key pair still listed (`rotated_to` names it). */
export function rotatedKeysOf(rows: readonly KeyPairRow[], name: string): string[] {
  return rows
    .filter((r) => r.rotatedTo === name && NAMED_KEY_PAIRS.rotatedName.test(r.name))
    .map((r) => r.name)
    .sort();
}

/**
 * Lockout guard for a REMOVE + ADD: another key of the user must stay valid in between, a named key that is ACTIVE
 * (another pair's rotated-out key in grace counts) or a legacy slot (`DESC USER` RSA_PUBLIC_KEY_FP / _2_FP).
 */
export function otherValidKeys(rows: readonly KeyPairRow[], name: string, legacySlots: number): number {
  // The pair's own rotated-out keys do not count: they expire within its grace.
  return rows.filter((r) => r.name !== name && r.rotatedTo !== name && r.status === "ACTIVE").length + legacySlots;
}
