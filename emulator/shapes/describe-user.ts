/**
 * https://docs.snowflake.com/en/sql-reference/sql/desc-user
 *
 * DESCRIBE USER: four text columns `property`, `value`, `default`, `description` (the docs page's example output;
 * Snowflake-Labs/terraform-provider-snowflake `pkg/sdk/users_ext.go`; littleK0i/SnowDDL `snowddl/resolver/user.py`).
 * Unset values are the string `null`. Row order follows the docs example.
 * @internal
 */
import { UserRecord } from "../catalog/state";
import { ResultSet, STATEMENT_TYPE, textCol, timestampText } from "../exec/context";

// Unset values are the string "null".

const N = "null";

/**
 * What is left of a countdown property (DAYS_TO_EXPIRY in days, MINS_TO_UNLOCK / MINS_TO_BYPASS_MFA in whole minutes),
 * or undefined once it has run out. Minutes show one less than set right after setting (live `MINS_TO_UNLOCK = 15` →
 * 14, `MINS_TO_BYPASS_MFA = 30` → 29, `= 1` → 0: testint `create: all object properties`,
 * `create: set mins to bypass mfa to one manually`); days keep their fraction and may be negative (testint
 * `days to expiry setting by hand to a negative value`).
 */
export function remaining(until: string | undefined, now: Date, unit: "days" | "mins"): string | undefined {
  if (until === undefined) return undefined;
  const ms = Date.parse(until) - now.getTime();
  if (unit === "days") return String(ms / 86_400_000);
  if (ms <= 0) return undefined;
  return String(Math.ceil(ms / 60_000) - 1);
}

/** Rows of DESC USER in the docs example's order: [property, value, default, description]. */
export function describeUserRows(u: UserRecord, now: Date): string[][] {
  const v = (x: string | undefined): string => (x === undefined || x === "" ? N : x);
  const b = (x: boolean): string => (x ? "true" : "false");
  const ts = (x: string | undefined): string => (x ? timestampText(x) : N);
  const secondary = u.defaultSecondaryRoles === undefined ? '["ALL"]' : JSON.stringify(u.defaultSecondaryRoles);
  return [
    ["NAME", u.name, N, "Name"],
    ["COMMENT", v(u.comment), N, "user comment associated to an object in the dictionary"],
    ["DISPLAY_NAME", v(u.displayName), N, "Display name of the associated object"],
    ["TYPE", v(u.type), N, "Type of the user"],
    ["LOGIN_NAME", u.loginName, N, "Login name of the user"],
    ["FIRST_NAME", v(u.firstName), N, "First name of the user"],
    ["MIDDLE_NAME", v(u.middleName), N, "Middle name of the user"],
    ["LAST_NAME", v(u.lastName), N, "Last name of the user"],
    ["EMAIL", v(u.email), N, "Email address of the user"],
    ["PASSWORD", u.passwordHash ? "********" : N, N, "Password of the user"],
    ["MUST_CHANGE_PASSWORD", b(u.mustChangePassword), "false", "User must change the password"],
    ["DISABLED", b(u.disabled), "false", "Whether the user is disabled"],
    ["SNOWFLAKE_LOCK", "false", "false", "Whether the user or account is locked by Snowflake"],
    ["SNOWFLAKE_SUPPORT", "false", "false", "Snowflake Support is allowed to use the user or account"],
    ["DAYS_TO_EXPIRY", v(remaining(u.expiresAt, now, "days")), N, "User record will be treated as expired after specified number of days"],
    [
      "MINS_TO_UNLOCK",
      v(remaining(u.lockedUntil, now, "mins")),
      N,
      "Temporary lock on the user will be removed after specified number of minutes",
    ],
    ["DEFAULT_WAREHOUSE", v(u.defaultWarehouse), N, "Default warehouse for this user"],
    ["DEFAULT_NAMESPACE", v(u.defaultNamespace), N, "Default database namespace prefix for this user"],
    ["DEFAULT_ROLE", v(u.defaultRole), N, "Primary principal of user session will be set to this role"],
    ["DEFAULT_SECONDARY_ROLES", secondary, '["ALL"]', "The secondary roles will be set to all roles provided here"],
    ["EXT_AUTHN_DUO", "false", "false", "Whether Duo Security is enabled as second factor authentication"],
    ["EXT_AUTHN_UID", N, N, "External authentication ID of the user"],
    ["DEFAULT_MFA_METHOD", N, N, "Default MFA method of the user"],
    ["HAS_MFA", "false", "false", "Whether the user has MFA enrolled"],
    ["HAS_PAT", "false", "false", "Whether the user has a programmatic access token"],
    ["HAS_FEDERATED_WORKLOAD_AUTHENTICATION", "false", "false", "Whether the user has federated workload authentication"],
    [
      "MINS_TO_BYPASS_MFA",
      v(remaining(u.bypassMfaUntil, now, "mins")),
      N,
      "Temporary bypass MFA for the user for a specified number of minutes",
    ],
    ["MINS_TO_BYPASS_NETWORK_POLICY", N, N, "Temporary bypass network policy on the user for a specified number of minutes"],
    ["RSA_PUBLIC_KEY", v(u.rsaPublicKey), N, "RSA public key of the user"],
    ["RSA_PUBLIC_KEY_FP", v(u.rsaPublicKeyFp), N, "Fingerprint of user's RSA public key."],
    [
      "RSA_PUBLIC_KEY_LAST_SET_TIME",
      ts(u.rsaPublicKeyLastSetTime),
      N,
      "The timestamp at which the RSA public key was last set for the user. Defaults to null if no RSA public key has been set yet.",
    ],
    ["RSA_PUBLIC_KEY_2", v(u.rsaPublicKey2), N, "Second RSA public key of the user"],
    ["RSA_PUBLIC_KEY_2_FP", v(u.rsaPublicKey2Fp), N, "Fingerprint of user's second RSA public key."],
    [
      "RSA_PUBLIC_KEY_2_LAST_SET_TIME",
      ts(u.rsaPublicKey2LastSetTime),
      N,
      "The timestamp at which the second RSA public key was last set for the user. Defaults to null if no second RSA public key has been set yet.",
    ],
    [
      "PASSWORD_LAST_SET_TIME",
      ts(u.passwordHash ? u.passwordLastSetTime : undefined),
      N,
      "The timestamp on which the last non-null password was set for the user. Default to null if no password has been set yet.",
    ],
    ["CUSTOM_LANDING_PAGE_URL", N, N, "Snowflake Support is allowed to use the user or account"],
    ["CUSTOM_LANDING_PAGE_URL_FLUSH_NEXT_UI_LOAD", "false", "false", "Snowflake Support is allowed to use the user or account"],
    ["HAS_WORKLOAD_IDENTITY", b(!!u.workloadIdentity), "false", "Whether the user has a workload identity"],
  ];
}

export function describeUserResult(u: UserRecord, now: Date): ResultSet {
  return {
    columns: [textCol("property"), textCol("value"), textCol("default"), textCol("description")],
    rows: describeUserRows(u, now),
    statementTypeId: STATEMENT_TYPE.DESCRIBE,
  };
}
