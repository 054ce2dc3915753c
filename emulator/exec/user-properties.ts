/**
 * The user property table: one entry per CREATE USER / ALTER USER SET / UNSET property, and the TYPE rules.
 * - https://docs.snowflake.com/en/sql-reference/sql/create-user, https://docs.snowflake.com/en/sql-reference/sql/alter-user
 * - Live behaviour: snowflakedb/terraform-provider-snowflake `pkg/sdk/testint/users_integration_test.go` (test names
 *   cited per entry; FIDELITY.md "Users").
 * @internal
 */
import { doesNotExist, invalidProperty, SnowflakeError } from "../errors";
import { parseRsaPublicKey } from "../auth/rsa";
import { hashPassword, UserRecord, UserType } from "../catalog/state";
import { Assignment, valueText } from "../sql/cursor";
import { boolOf, enumOf, nameOf, stringListOf, stringOf } from "./common";
import { ExecContext } from "./context";

export type UserProp = {
  /** Apply a SET value to the record. */
  set(u: UserRecord, a: Assignment, ctx: ExecContext): void;
  /** Apply UNSET; undefined = cannot be unset. */
  unset?(u: UserRecord): void;
  /** May a user change this on themself (without owning the user)? */
  self?: boolean;
  /** ALTER USER only (CREATE refuses it as an invalid property). */
  alterOnly?: boolean;
};

const str = (
  field: "displayName" | "firstName" | "middleName" | "lastName" | "email" | "comment" | "defaultWarehouse" | "defaultNamespace",
): UserProp => ({
  set: (u, a) => {
    u[field] = stringOf(a);
  },
  unset: (u) => {
    delete u[field];
  },
});

const rsaSlot = (slot: 1 | 2): UserProp => ({
  self: true,
  set: (u, a, ctx) => {
    if (a.value.kind === "null") return rsaClear(u, slot);
    const body = stringOf(a);
    const parsed = parseRsaPublicKey(body);
    const t = ctx.now().toISOString();
    if (slot === 1) {
      u.rsaPublicKey = body;
      u.rsaPublicKeyFp = parsed.fingerprint;
      u.rsaPublicKeyLastSetTime = t;
    } else {
      u.rsaPublicKey2 = body;
      u.rsaPublicKey2Fp = parsed.fingerprint;
      u.rsaPublicKey2LastSetTime = t;
    }
  },
  unset: (u) => rsaClear(u, slot),
});

function rsaClear(u: UserRecord, slot: 1 | 2): void {
  if (slot === 1) {
    delete u.rsaPublicKey;
    delete u.rsaPublicKeyFp;
    delete u.rsaPublicKeyLastSetTime;
  } else {
    delete u.rsaPublicKey2;
    delete u.rsaPublicKey2Fp;
    delete u.rsaPublicKey2LastSetTime;
  }
}

/** The user property table. Keys are the SQL names. */
export const USER_PROPERTIES: Readonly<Record<string, UserProp>> = {
  PASSWORD: {
    self: true,
    set: (u, a, ctx) => {
      u.passwordHash = hashPassword(stringOf(a));
      u.passwordLastSetTime = ctx.now().toISOString();
    },
    unset: (u) => {
      delete u.passwordHash;
    },
  },
  LOGIN_NAME: {
    set: (u, a) => {
      u.loginName = (a.value.kind === "string" ? a.value.value : nameOf(a)).toUpperCase();
    },
    // UNSET falls back to the (current) name: testint `login_name and display_name inconsistencies`,
    // `default login_name and display_name when the name changes`.
    unset: (u) => void (u.loginName = u.name.toUpperCase()),
  },
  DISPLAY_NAME: str("displayName"),
  FIRST_NAME: str("firstName"),
  MIDDLE_NAME: str("middleName"),
  LAST_NAME: str("lastName"),
  EMAIL: str("email"),
  COMMENT: str("comment"),
  DEFAULT_WAREHOUSE: { self: true, set: (u, a) => void (u.defaultWarehouse = nameOf(a)), unset: (u) => void delete u.defaultWarehouse },
  DEFAULT_NAMESPACE: { self: true, set: (u, a) => void (u.defaultNamespace = nameOf(a)), unset: (u) => void delete u.defaultNamespace },
  DEFAULT_ROLE: { self: true, set: (u, a) => void (u.defaultRole = nameOf(a)), unset: (u) => void delete u.defaultRole },
  DEFAULT_SECONDARY_ROLES: {
    self: true,
    set: (u, a) => {
      u.defaultSecondaryRoles = stringListOf(a, (v) => (v.kind === "string" ? v.value.toUpperCase() : v.kind === "ident" ? v.value : ""));
    },
    unset: (u) => void delete u.defaultSecondaryRoles,
  },
  MUST_CHANGE_PASSWORD: { set: (u, a) => void (u.mustChangePassword = boolOf(a)), unset: (u) => void (u.mustChangePassword = false) },
  DISABLED: { set: (u, a) => void (u.disabled = boolOf(a)), unset: (u) => void (u.disabled = false) },
  TYPE: {
    set: (u, a) => {
      if (a.value.kind === "null") delete u.type;
      else u.type = enumOf<UserType>(a, ["PERSON", "SERVICE", "LEGACY_SERVICE"]);
    },
    unset: (u) => void delete u.type,
  },
  NETWORK_POLICY: {
    set: (u, a, ctx) => {
      const name = nameOf(a);
      if (!ctx.catalog.networkPolicies[name]) throw doesNotExist("Network policy", name);
      u.networkPolicy = name;
    },
    unset: (u) => void delete u.networkPolicy,
  },
  RSA_PUBLIC_KEY: rsaSlot(1),
  RSA_PUBLIC_KEY_2: rsaSlot(2),
  // testint `days to expiry setting by hand to a negative value` (kept, shown ≤ -1), `… to zero` (null),
  // `… set by hand to float value` (refused).
  DAYS_TO_EXPIRY: countdown("expiresAt", 86_400_000, true),
  // testint `mins to unlock setting by hand to a negative value` / `… to zero` (both null), `… float value` (refused).
  MINS_TO_UNLOCK: countdown("lockedUntil", 60_000, false),
  // testint `create: set mins to bypass mfa to negative / zero / one manually` (null, null, 0).
  MINS_TO_BYPASS_MFA: countdown("bypassMfaUntil", 60_000, false),
  // testint `try to set disable mfa on create` (invalid property on CREATE); ALTER SET/UNSET accepted
  // (`alter: set and unset object properties`). The emulator has no MFA enrolment, so it changes nothing.
  DISABLE_MFA: { alterOnly: true, set: (_u, a) => void boolOf(a), unset: () => undefined },
  // testint `create: all object properties - type service` (OIDC), `create: type … with … workload identity`.
  WORKLOAD_IDENTITY: { set: setWorkloadIdentity, unset: (u) => void delete u.workloadIdentity },
};

/**
 * A whole number counting down from now (`DAYS_TO_EXPIRY`, `MINS_TO_UNLOCK`, `MINS_TO_BYPASS_MFA`). A fraction is
 * refused with `invalid value [1.5] for parameter 'P'` (testint wording; code unsourced). Zero clears it; a negative
 * value clears it too unless `keepNegative` (DAYS_TO_EXPIRY keeps a date in the past).
 */
function countdown(field: "expiresAt" | "lockedUntil" | "bypassMfaUntil", unitMs: number, keepNegative: boolean): UserProp {
  return {
    set: (u, a, ctx) => {
      const v = a.value;
      if (v.kind !== "number" || !Number.isInteger(v.value)) throw invalidParameterValue(valueText(v), a.name);
      if (v.value === 0 || (v.value < 0 && !keepNegative)) delete u[field];
      else u[field] = new Date(ctx.now().getTime() + v.value * unitMs).toISOString();
    },
    unset: (u) => void delete u[field],
  };
}

/** `invalid value [v] for parameter 'P'` (testint `days to expiry set by hand to float value`); code/SQLSTATE unsourced. */
export function invalidParameterValue(value: string, name: string): SnowflakeError {
  return new SnowflakeError("001422", "22023", `SQL compilation error:\ninvalid value [${value}] for parameter '${name}'`);
}

const WIF_TYPES = ["AWS", "AZURE", "GCP", "OIDC"] as const;
/** The nested properties each WORKLOAD_IDENTITY type takes: TF `pkg/sdk/users_gen.go` UserObjectWorkloadIdentity*. */
const WIF_PROPS: Record<(typeof WIF_TYPES)[number], readonly string[]> = {
  AWS: ["ARN", "ISSUER"],
  AZURE: ["ISSUER", "SUBJECT"],
  GCP: ["SUBJECT"],
  OIDC: ["ISSUER", "SUBJECT", "OIDC_AUDIENCE_LIST"],
};

function setWorkloadIdentity(u: UserRecord, a: Assignment): void {
  const v = a.value;
  if (v.kind !== "props") throw invalidParameterValue(valueText(v), a.name);
  const typeA = v.props.get("TYPE");
  if (!typeA) throw invalidProperty("WORKLOAD_IDENTITY", "USER"); // missing TYPE: unsourced
  const type = enumOf(typeA, WIF_TYPES);
  const props: Record<string, string | string[]> = {};
  for (const p of v.props.values()) {
    if (p.name === "TYPE") continue;
    if (!WIF_PROPS[type].includes(p.name)) throw invalidProperty(p.name, "WORKLOAD_IDENTITY"); // wording unsourced
    props[p.name] = p.value.kind === "list" ? stringListOf(p) : stringOf(p);
  }
  u.workloadIdentity = { type, props };
}

/**
 * Properties each TYPE refuses: `Cannot set P on users with TYPE=T.` (testint `create: incorrect object property … -
 * type service` / `… legacy service`, `alter: set and unset incorrect object property …`). Code unsourced.
 */
export const REFUSED_BY_TYPE: Readonly<Record<UserType, { set: readonly string[]; unset: readonly string[] }>> = {
  PERSON: { set: [], unset: [] },
  SERVICE: {
    set: ["MINS_TO_BYPASS_MFA", "MUST_CHANGE_PASSWORD", "FIRST_NAME", "MIDDLE_NAME", "LAST_NAME", "PASSWORD", "DISABLE_MFA"],
    // "unset for … is not returning an error from Snowflake" except these two.
    unset: ["MUST_CHANGE_PASSWORD", "DISABLE_MFA"],
  },
  LEGACY_SERVICE: {
    set: ["MINS_TO_BYPASS_MFA", "FIRST_NAME", "MIDDLE_NAME", "LAST_NAME", "DISABLE_MFA"],
    unset: ["DISABLE_MFA"],
  },
};

export function refusedByType(property: string, type: UserType): SnowflakeError {
  return new SnowflakeError("001422", "22023", `SQL compilation error:\nCannot set ${property} on users with TYPE=${type}.`);
}

export function userProperty(name: string): UserProp | undefined {
  return Object.prototype.hasOwnProperty.call(USER_PROPERTIES, name) ? USER_PROPERTIES[name] : undefined;
}
