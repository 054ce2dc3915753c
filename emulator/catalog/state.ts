/**
 * The emulator's catalog: plain JSON-serialisable data, one record map per object kind.
 * Statements run against a `structuredClone` of it that is swapped in only on success
 * (see `EmulatorServices.transact`), and it is persisted as `catalog.json`.
 *
 * Keys of every record map are the stored object names (unquoted names upper case, quoted as written).
 * Timestamps are ISO-8601 strings (UTC).
 * @internal
 */
import { createHash, randomBytes } from "node:crypto";
import { IntegrationRecord } from "../objects/integration";
import { emptyOAuthState, OAuthState } from "../oauth/types";

export const CATALOG_VERSION = 1;

/** System roles, in Snowflake's default hierarchy: ACCOUNTADMIN > SECURITYADMIN > USERADMIN; ACCOUNTADMIN > SYSADMIN; everyone has PUBLIC. */
export const SYSTEM_ROLES = ["ACCOUNTADMIN", "SECURITYADMIN", "USERADMIN", "SYSADMIN", "PUBLIC"] as const;

export type UserType = "PERSON" | "SERVICE" | "LEGACY_SERVICE";

export interface UserRecord {
  name: string;
  owner: string;
  createdOn: string;
  loginName: string;
  displayName: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  email?: string;
  comment?: string;
  /** `salt:hex(sha256(salt + password))`. Never logged, never shown (DESC shows `********`). */
  passwordHash?: string;
  passwordLastSetTime?: string;
  /** TYPE; undefined means unset (shown as `null`, behaves as PERSON). */
  type?: UserType;
  disabled: boolean;
  mustChangePassword: boolean;
  defaultWarehouse?: string;
  defaultNamespace?: string;
  defaultRole?: string;
  /** DEFAULT_SECONDARY_ROLES: `["ALL"]` or `[]`; undefined = default (ALL). */
  defaultSecondaryRoles?: string[];
  networkPolicy?: string;
  rsaPublicKey?: string;
  rsaPublicKeyFp?: string;
  rsaPublicKeyLastSetTime?: string;
  rsaPublicKey2?: string;
  rsaPublicKey2Fp?: string;
  rsaPublicKey2LastSetTime?: string;
  lastSuccessLogin?: string;
  /** DAYS_TO_EXPIRY as the instant it falls due (ISO); undefined = unset. */
  expiresAt?: string;
  /** MINS_TO_UNLOCK as the instant the temporary lock ends (ISO). */
  lockedUntil?: string;
  /** MINS_TO_BYPASS_MFA as the instant the bypass ends (ISO). */
  bypassMfaUntil?: string;
  /** WORKLOAD_IDENTITY = ( TYPE = … ); the nested properties as given (upper-case names, string values). */
  workloadIdentity?: { type: "AWS" | "AZURE" | "GCP" | "OIDC"; props: Record<string, string | string[]> };
  /** User-level parameters set by CREATE/ALTER USER (NETWORK_POLICY excepted, kept in `networkPolicy`). */
  params?: Record<string, string>;
  /** Named key pairs (ALTER USER … ADD KEY PAIR), rotated-out tombstones included. Absent in older catalogs (= none). */
  keyPairs?: KeyPairRecord[];
}

/**
 * One named user key pair (https://docs.snowflake.com/sql-reference/sql/alter-user-add-key-pair). A rotated-out key
 * (https://docs.snowflake.com/sql-reference/sql/alter-user-rotate-key-pair) is the same record renamed to
 * `<name>_ROTATED_<epoch_ms>`, with `rotatedTo` set and `expiresAt` at the end of its grace period.
 * The status (ACTIVE / EXPIRED / DISABLED) is computed when read (`catalog/key-pairs.ts`).
 */
export interface KeyPairRecord {
  /** Stored name (unquoted → upper case, quoted as written). */
  name: string;
  /** Base64 of the DER SubjectPublicKeyInfo (armour and whitespace removed). Never shown, never logged. */
  publicKey: string;
  /** `SHA256:` + base64(sha256(DER)), as RSA_PUBLIC_KEY_FP. */
  fingerprint: string;
  keyType: "RSA" | "EC";
  /** ROLE_RESTRICTION (stored role name). */
  roleRestriction?: string;
  /** DAYS_TO_EXPIRY as given (a rotation's new key inherits it). */
  daysToExpiry?: number;
  /** ISO instant the key stops authenticating; undefined = never. */
  expiresAt?: string;
  disabled: boolean;
  comment?: string;
  createdOn: string;
  /** The user who registered it (the session user of the ADD or ROTATE). */
  createdBy: string;
  lastUsedOn?: string;
  /** On a rotated-out key: the name of the key pair that replaced it. */
  rotatedTo?: string;
}

export interface RoleRecord {
  name: string;
  owner: string;
  createdOn: string;
  comment?: string;
}

/** `GRANT ROLE role TO { USER | ROLE } grantee`. */
export interface RoleGrant {
  role: string;
  granteeType: "USER" | "ROLE";
  grantee: string;
  grantedBy: string;
  createdOn: string;
}

/** `GRANT privilege ON onType onName TO ROLE grantee`. For account privileges onType = "ACCOUNT" and onName = account. */
export interface PrivilegeGrant {
  privilege: string;
  onType: string;
  onName: string;
  grantee: string;
  grantOption: boolean;
  grantedBy: string;
  createdOn: string;
}

export interface Grants {
  roleGrants: RoleGrant[];
  privilegeGrants: PrivilegeGrant[];
}

export interface NetworkPolicyRecord {
  name: string;
  owner: string;
  createdOn: string;
  comment?: string;
  allowedIpList: string[];
  /**
   * ALLOWED_IP_LIST was specified (CREATE or ALTER SET, possibly as `()`) and not UNSET since. Keeps "never set"
   * distinct from "explicitly empty", which admits no IPv4 address when no allowed network rules are used
   * (https://docs.snowflake.com/en/sql-reference/sql/create-network-policy). Absent in older catalogs = never set.
   */
  allowedIpListSpecified?: boolean;
  blockedIpList: string[];
  /** Fully-qualified rule names as stored (`DB.SCH.RULE`). */
  allowedNetworkRuleList: string[];
  blockedNetworkRuleList: string[];
}

/** `CREATE TAG` in a schema (https://docs.snowflake.com/en/sql-reference/sql/create-tag). */
export interface TagRecord {
  name: string;
  owner: string;
  createdOn: string;
  comment?: string;
  /** ALLOWED_VALUES; undefined = any value. */
  allowedValues?: string[];
}

/**
 * `CREATE NETWORK RULE` in a schema (https://docs.snowflake.com/en/sql-reference/sql/create-network-rule).
 * TYPE and MODE never change after creation; values are kept as given (trimmed), in order.
 */
export interface NetworkRuleRecord {
  name: string;
  owner: string;
  createdOn: string;
  comment?: string;
  type: string;
  mode: string;
  valueList: string[];
}

export interface SchemaRecord {
  name: string;
  owner: string;
  createdOn: string;
  comment?: string;
  tags: Record<string, TagRecord>;
  /** Absent in catalogs written before network rules existed (= none). */
  networkRules?: Record<string, NetworkRuleRecord>;
}

/** `CREATE DATABASE` (minimal: enough to hold schemas and tags). */
export interface DatabaseRecord {
  name: string;
  owner: string;
  createdOn: string;
  comment?: string;
  schemas: Record<string, SchemaRecord>;
}

export interface Catalog {
  version: number;
  account: string;
  users: Record<string, UserRecord>;
  roles: Record<string, RoleRecord>;
  grants: Grants;
  networkPolicies: Record<string, NetworkPolicyRecord>;
  /** Account parameters explicitly set (ALTER ACCOUNT SET); absent key = default. Values as text ("true"). */
  accountParameters: Record<string, string>;
  integrations: Record<string, IntegrationRecord>;
  oauth: OAuthState;
  /** Absent in catalogs written before databases existed (= none). */
  databases?: Record<string, DatabaseRecord>;
  /**
   * Tag values set on objects: key `<DOMAIN>\u0000<object stored name>`, then the tag's key (see `tagKey`) → value.
   * Absent in older catalogs (= none).
   */
  tagValues?: Record<string, Record<string, string>>;
}

export function hashPassword(password: string, salt: string = randomBytes(8).toString("hex")): string {
  return (
    salt +
    ":" +
    createHash("sha256")
      .update(salt + "\0" + password)
      .digest("hex")
  );
}

export function checkPassword(stored: string | undefined, password: string): boolean {
  if (!stored) return false;
  const salt = stored.split(":")[0];
  return hashPassword(password, salt) === stored;
}

export interface BootstrapOptions {
  account: string;
  adminUser: string;
  adminPassword: string;
  now: Date;
}

/**
 * A fresh account: the system roles with their default hierarchy and account privileges, and one
 * bootstrap admin user (default role ACCOUNTADMIN) holding ACCOUNTADMIN.
 */
export function initialCatalog(o: BootstrapOptions): Catalog {
  const t = o.now.toISOString();
  const roles: Record<string, RoleRecord> = {};
  for (const r of SYSTEM_ROLES) roles[r] = { name: r, owner: "", createdOn: t, comment: SYSTEM_ROLE_COMMENTS[r] };
  const rg = (role: string, grantee: string, granteeType: "USER" | "ROLE" = "ROLE"): RoleGrant => ({
    role,
    granteeType,
    grantee,
    grantedBy: "",
    createdOn: t,
  });
  const pg = (privilege: string, grantee: string): PrivilegeGrant => ({
    privilege,
    onType: "ACCOUNT",
    onName: o.account,
    grantee,
    grantOption: false,
    grantedBy: "",
    createdOn: t,
  });
  return {
    version: CATALOG_VERSION,
    account: o.account,
    users: {
      [o.adminUser]: {
        name: o.adminUser,
        owner: "ACCOUNTADMIN",
        createdOn: t,
        loginName: o.adminUser,
        displayName: o.adminUser,
        passwordHash: hashPassword(o.adminPassword),
        passwordLastSetTime: t,
        disabled: false,
        mustChangePassword: false,
        defaultRole: "ACCOUNTADMIN",
      },
    },
    roles,
    grants: {
      roleGrants: [
        rg("SECURITYADMIN", "ACCOUNTADMIN"),
        rg("SYSADMIN", "ACCOUNTADMIN"),
        rg("USERADMIN", "SECURITYADMIN"),
        rg("ACCOUNTADMIN", o.adminUser, "USER"),
      ],
      privilegeGrants: [
        pg("CREATE INTEGRATION", "ACCOUNTADMIN"),
        pg("CREATE NETWORK POLICY", "SECURITYADMIN"),
        pg("MANAGE GRANTS", "SECURITYADMIN"),
        pg("CREATE USER", "USERADMIN"),
        pg("CREATE ROLE", "USERADMIN"),
        pg("CREATE DATABASE", "SYSADMIN"),
        pg("CREATE WAREHOUSE", "SYSADMIN"),
      ],
    },
    networkPolicies: {},
    accountParameters: {},
    integrations: {},
    oauth: emptyOAuthState(),
  };
}

const SYSTEM_ROLE_COMMENTS: Record<string, string> = {
  ACCOUNTADMIN: "Account administrator can manage all aspects of the account.",
  SECURITYADMIN: "Security administrator can manage security aspects of the account.",
  USERADMIN: "User administrator can create and manage users and roles",
  SYSADMIN: "System administrator can create and manage databases and warehouses.",
  PUBLIC: "Public role is automatically available to every user in the account.",
};
