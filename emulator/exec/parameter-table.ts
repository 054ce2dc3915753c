/**
 * The parameters the emulator models, with Snowflake's types and defaults (the rest of Snowflake's several hundred are
 * not listed; naming one is `001006 invalid parameter`).
 *
 * Sources (FIDELITY.md "Account and session parameters"):
 * - Defaults and types of the user-level parameters: snowflakedb/terraform-provider-snowflake
 *   `pkg/acceptance/bettertestspoc/assert/objectparametersassert/gen/object_parameters_def.go` ("User" table), the
 *   values `pkg/sdk/testint/users_integration_test.go` `create: with all parameters default` asserts live
 *   (`HasAllDefaults().HasAllDefaultsExplicit()` on `SHOW PARAMETERS IN USER`).
 * - Defaults and types of the account-only parameters: the same file ("Account" table) and
 *   `pkg/acceptance/bettertestspoc/assert/resourceassert/current_account_resource_ext.go` `HasAllDefaultParameters`.
 * - The two privileged-role parameters: https://docs.snowflake.com/en/sql-reference/parameters.
 * Descriptions: only the four older rows carry one (paraphrased from the docs); the others are `""` (unsourced).
 * @internal
 */

export type ParamType = "BOOLEAN" | "STRING" | "NUMBER";

export interface ParamSpec {
  readonly type: ParamType;
  readonly default: string;
  readonly description: string;
  /**
   * Where it can be set: ACCOUNT = ALTER ACCOUNT only; OBJECT = account and user (ALTER USER SET, not ALTER SESSION);
   * SESSION = account, user and session.
   */
  readonly scope: "ACCOUNT" | "OBJECT" | "SESSION";
}

const b = (def: "true" | "false", scope: ParamSpec["scope"], description = ""): ParamSpec => ({
  type: "BOOLEAN",
  default: def,
  scope,
  description,
});
const n = (def: string, scope: ParamSpec["scope"] = "SESSION"): ParamSpec => ({ type: "NUMBER", default: def, scope, description: "" });
const s = (def: string, scope: ParamSpec["scope"] = "SESSION", description = ""): ParamSpec => ({
  type: "STRING",
  default: def,
  scope,
  description,
});

/** Session parameters (settable on the account, a user and a session), in the TF "User" table's order. */
const SESSION_PARAMETERS: Record<string, ParamSpec> = {
  ABORT_DETACHED_QUERY: b("false", "SESSION"),
  AUTOCOMMIT: b(
    "true",
    "SESSION",
    "The autocommit property determines whether is statement should to be implicitly wrapped within a transaction or not.",
  ),
  BINARY_INPUT_FORMAT: s("HEX"),
  BINARY_OUTPUT_FORMAT: s("HEX"),
  CLIENT_MEMORY_LIMIT: n("1536"),
  CLIENT_METADATA_REQUEST_USE_CONNECTION_CTX: b("false", "SESSION"),
  CLIENT_PREFETCH_THREADS: n("4"),
  CLIENT_RESULT_CHUNK_SIZE: n("160"),
  CLIENT_RESULT_COLUMN_CASE_INSENSITIVE: b("false", "SESSION"),
  CLIENT_SESSION_KEEP_ALIVE: b("false", "SESSION", "If true, client session will not expire automatically"),
  CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY: n("3600"),
  CLIENT_TIMESTAMP_TYPE_MAPPING: s("TIMESTAMP_LTZ"),
  DATE_INPUT_FORMAT: s("AUTO"),
  DATE_OUTPUT_FORMAT: s("YYYY-MM-DD"),
  ENABLE_UNLOAD_PHYSICAL_TYPE_OPTIMIZATION: b("true", "SESSION"),
  ERROR_ON_NONDETERMINISTIC_MERGE: b("true", "SESSION"),
  ERROR_ON_NONDETERMINISTIC_UPDATE: b("false", "SESSION"),
  GEOGRAPHY_OUTPUT_FORMAT: s("GeoJSON"),
  GEOMETRY_OUTPUT_FORMAT: s("GeoJSON"),
  JDBC_TREAT_DECIMAL_AS_INT: b("true", "SESSION"),
  JDBC_TREAT_TIMESTAMP_NTZ_AS_UTC: b("false", "SESSION"),
  JDBC_USE_SESSION_TIMEZONE: b("true", "SESSION"),
  JSON_INDENT: n("2"),
  LOCK_TIMEOUT: n("43200"),
  LOG_LEVEL: s("OFF"),
  LOG_EVENT_LEVEL: s("OFF"),
  MULTI_STATEMENT_COUNT: n("1"),
  NOORDER_SEQUENCE_AS_DEFAULT: b("true", "SESSION"),
  ODBC_TREAT_DECIMAL_AS_INT: b("false", "SESSION"),
  QUERY_TAG: s("", "SESSION", "String (up to 4096 characters) used to tag statements executed by the session"),
  QUOTED_IDENTIFIERS_IGNORE_CASE: b("false", "SESSION"),
  ROWS_PER_RESULTSET: n("0"),
  S3_STAGE_VPCE_DNS_NAME: s(""),
  SEARCH_PATH: s("$current, $public"),
  SIMULATED_DATA_SHARING_CONSUMER: s(""),
  STATEMENT_QUEUED_TIMEOUT_IN_SECONDS: n("0"),
  STATEMENT_TIMEOUT_IN_SECONDS: n("172800"),
  STRICT_JSON_OUTPUT: b("false", "SESSION"),
  TIMESTAMP_DAY_IS_ALWAYS_24H: b("false", "SESSION"),
  TIMESTAMP_INPUT_FORMAT: s("AUTO"),
  TIMESTAMP_LTZ_OUTPUT_FORMAT: s(""),
  TIMESTAMP_NTZ_OUTPUT_FORMAT: s("YYYY-MM-DD HH24:MI:SS.FF3"),
  TIMESTAMP_OUTPUT_FORMAT: s("YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM"),
  TIMESTAMP_TYPE_MAPPING: s("TIMESTAMP_NTZ"),
  TIMESTAMP_TZ_OUTPUT_FORMAT: s(""),
  TIMEZONE: s("America/Los_Angeles", "SESSION", "time zone"),
  TIME_INPUT_FORMAT: s("AUTO"),
  TIME_OUTPUT_FORMAT: s("HH24:MI:SS"),
  TRACE_LEVEL: s("OFF"),
  TRANSACTION_ABORT_ON_ERROR: b("false", "SESSION"),
  TRANSACTION_DEFAULT_ISOLATION_LEVEL: s("READ COMMITTED"),
  TWO_DIGIT_CENTURY_START: n("1970"),
  // TF: "lowercase for ignore in snowflake by default but uppercase for FAIL".
  UNSUPPORTED_DDL_ACTION: s("ignore"),
  USE_CACHED_RESULT: b("true", "SESSION"),
  WEEK_OF_YEAR_POLICY: n("0"),
  WEEK_START: n("0"),
};

export const PARAMETERS: Readonly<Record<string, ParamSpec>> = {
  // Account-only, authentication and OAuth related.
  OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: b(
    "true",
    "ACCOUNT",
    "Determines whether the ACCOUNTADMIN, ORGADMIN, GLOBALORGADMIN, and SECURITYADMIN roles can be used as the primary role when creating a Snowflake session based on the access token from Snowflake’s authorization server.",
  ),
  // Docs default TRUE; TF current_account_resource_ext.go HasAllDefaultParameters asserts "true" (the TF generator
  // table says false, but that table is not asserted for this parameter by any executed test) — FIDELITY.md.
  EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: b(
    "true",
    "ACCOUNT",
    "Determines whether the ACCOUNTADMIN, ORGADMIN, GLOBALORGADMIN, and SECURITYADMIN roles can be used as the primary role when creating a Snowflake session based on the access token from the External OAuth authorization server.",
  ),
  ENABLE_IDENTIFIER_FIRST_LOGIN: b("true", "ACCOUNT"),
  ALLOW_CLIENT_MFA_CACHING: b("false", "ACCOUNT"),
  ALLOW_ID_TOKEN: b("false", "ACCOUNT"),
  CLIENT_ENCRYPTION_KEY_SIZE: n("128", "ACCOUNT"),
  SSO_LOGIN_PAGE: b("false", "ACCOUNT"),
  ENABLE_UNREDACTED_SECURE_OBJECT_ERROR: b("false", "ACCOUNT"),
  PREVENT_UNLOAD_TO_INLINE_URL: b("false", "ACCOUNT"),
  // Account and user (object parameters of a user: TF users_gen.go UserObjectParameters).
  NETWORK_POLICY: s("", "OBJECT", "Network policy to enforce for the account."),
  ENABLE_UNREDACTED_QUERY_SYNTAX_ERROR: b("false", "OBJECT"),
  PREVENT_UNLOAD_TO_INTERNAL_STAGES: b("false", "OBJECT"),
  ...SESSION_PARAMETERS,
};

/** Is `name` a parameter that ALTER USER SET/UNSET (and CREATE USER) accept? */
export function isUserParameter(name: string): boolean {
  const p = Object.prototype.hasOwnProperty.call(PARAMETERS, name) ? PARAMETERS[name] : undefined;
  return p !== undefined && p.scope !== "ACCOUNT";
}

export function parameterSpec(name: string): ParamSpec | undefined {
  return Object.prototype.hasOwnProperty.call(PARAMETERS, name) ? PARAMETERS[name] : undefined;
}
