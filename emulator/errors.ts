/**
 * Snowflake errors as the emulator raises them: one class carrying Snowflake's six-digit code,
 * the SQLSTATE and the message text, plus small constructors for the common shapes.
 *
 * Message shapes follow driver error transcripts in public repositories and the TF live tests cited in FIDELITY.md
 * (which also lists every code or text that is unsourced).
 * Never put a secret (password, key, token, client secret) into a message.
 * @internal
 */
export class SnowflakeError extends Error {
  /** Six-digit Snowflake error code, e.g. "002003". Always a string (leading zeros kept). */
  readonly code: string;
  /** Five-character SQLSTATE, e.g. "02000". */
  readonly sqlState: string;
  /** Extra fields merged into the wire `data` object of the error response (optional). */
  readonly data?: Record<string, unknown>;
  /** HTTP status for REST surfaces that carry the outcome in the status (SQL API, OAuth). */
  readonly httpStatus?: number;

  constructor(code: string, sqlState: string, message: string, opts: { data?: Record<string, unknown>; httpStatus?: number } = {}) {
    super(message);
    this.name = "SnowflakeError";
    this.code = code;
    this.sqlState = sqlState;
    this.data = opts.data;
    this.httpStatus = opts.httpStatus;
  }
}

/** A feature Snowflake has but the emulator does not implement. Distinct class and code (000002 / 0A000). */
export class NotSupported extends SnowflakeError {
  constructor(feature: string) {
    super("000002", "0A000", `Unsupported feature '${feature}'.`);
    this.name = "NotSupported";
  }
}

const COMPILATION = "SQL compilation error:\n";

/** 001003 / 42000 — `syntax error line L at position P unexpected 'tok'.` (P is the 0-based column). */
export function syntaxError(line: number, pos: number, token: string): SnowflakeError {
  return new SnowflakeError("001003", "42000", `${COMPILATION}syntax error line ${line} at position ${pos} unexpected '${token}'.`);
}

/** 002002 / 42710 — `Object 'NAME' already exists.` (`kind` is accepted for symmetry; Snowflake's text names no kind). */
export function objectExists(_kind: string, name: string): SnowflakeError {
  return new SnowflakeError("002002", "42710", `${COMPILATION}Object '${name}' already exists.`);
}

/** 002003 / 02000 — `<Kind> 'NAME' does not exist or not authorized.` `kind` is written as given ("Integration", "User", "Network policy", "Role"). */
export function doesNotExist(kind: string, name: string): SnowflakeError {
  return new SnowflakeError("002003", "02000", `${COMPILATION}${kind} '${name}' does not exist or not authorized.`);
}

/**
 * 003001 / 42501 — `SQL access control error:\nInsufficient privileges to operate on <what>`.
 * `what` is e.g. `account 'EMULATOR'`, `user 'BOB'`, `integration 'X'`.
 */
export function insufficientPrivileges(what: string): SnowflakeError {
  return new SnowflakeError("003001", "42501", `SQL access control error:\nInsufficient privileges to operate on ${what}`);
}

/** 001422 / 22023 — `invalid value 'v' for property 'P'` (shape seen for other integration kinds; unsourced for OAuth/users, see FIDELITY.md). */
export function invalidValue(value: string, property: string): SnowflakeError {
  return new SnowflakeError("001422", "22023", `${COMPILATION}invalid value '${value}' for property '${property}'`);
}

/** 001423 / 22023 — `invalid property 'P' for 'KIND'` (wording from a TF live test for USER; code unconfirmed). */
export function invalidProperty(property: string, kind: string): SnowflakeError {
  return new SnowflakeError("001423", "22023", `${COMPILATION}invalid property '${property}' for '${kind}'`);
}

/**
 * 000904 / 42000 — `SQL compilation error: error line L at position P\ninvalid identifier 'X'` (a space, not a newline,
 * after the colon; seen in a published SQL API 422 body).
 */
export function invalidIdentifier(name: string, line = 1, pos = 7): SnowflakeError {
  return new SnowflakeError(
    "000904",
    "42000",
    `SQL compilation error: error line ${line} at position ${pos}\ninvalid identifier '${name}'`,
  );
}

/** 000008 / 0A000 — multi-statement count mismatch (snowflake-sdk 3.3.0 error path; text unsourced, FIDELITY.md). */
export function statementCountMismatch(actual: number, desired: number): SnowflakeError {
  return new SnowflakeError("000008", "0A000", `Actual statement count ${actual} did not match the desired statement count ${desired}.`);
}

/** 391xxx/390xxx style session errors (login, token). sqlState 08001 like Snowflake's connection errors. */
export function sessionError(code: string, message: string, data?: Record<string, unknown>): SnowflakeError {
  return new SnowflakeError(code, "08001", message, { data });
}

/** Is this value a SnowflakeError (also across module copies)? */
export function isSnowflakeError(e: unknown): e is SnowflakeError {
  return e instanceof SnowflakeError;
}

// Named user key pairs (https://docs.snowflake.com/sql-reference/sql/alter-user-add-key-pair and its sibling pages):
// the pages document no error at all, so every code and text below is unsourced (FIDELITY.md "Named user key pairs").
// None of them carries a key body.

/** PUBLIC_KEY_1 / PUBLIC_KEY_2 given to ADD, RENAME TO, MODIFY, ROTATE or REMOVE. */
export function reservedKeyPairName(name: string): SnowflakeError {
  return new SnowflakeError(
    "001422",
    "22023",
    `${COMPILATION}Key pair name '${name}' is reserved for the legacy RSA_PUBLIC_KEY and RSA_PUBLIC_KEY_2 user properties.`,
  );
}

/** ADD / ROTATE with a key already held by one of the user's active keys ("must be unique among all of the user's active keys"). */
export function duplicatePublicKey(): SnowflakeError {
  return new SnowflakeError(
    "001422",
    "22023",
    "New public key rejected by current policy. Reason: 'Public key is already in use by an active key of the user'",
  );
}

/** ADD / ROTATE beyond the per-user limit (the 001021 limit shape of the tag quota). */
export function tooManyKeyPairs(user: string, max: number): SnowflakeError {
  return new SnowflakeError("001021", "22023", `${COMPILATION}Maximum number of key pairs (${max}) exceeded for user '${user}'.`);
}

/** ROTATE or RENAME of a rotated-out key (`<name>_ROTATED_<epoch_ms>`). */
export function rotatedOutKeyPair(name: string, rotatedTo: string, verb: "rotated" | "renamed"): SnowflakeError {
  return new SnowflakeError(
    "001422",
    "22023",
    `${COMPILATION}Key pair '${name}' is a rotated-out key pair and cannot be ${verb}. It was replaced by key pair '${rotatedTo}'.`,
  );
}

/** ROLE_RESTRICTION naming a role the user has not been granted. */
export function roleNotGrantedToUser(role: string, user: string): SnowflakeError {
  return new SnowflakeError("001422", "22023", `${COMPILATION}Role '${role}' is not granted to user '${user}'.`);
}

/** A required clause missing from a statement (`missing required property 'P' for 'KIND'`, as for integrations). */
export function missingProperty(property: string, kind: string): SnowflakeError {
  return new SnowflakeError("001422", "22023", `${COMPILATION}missing required property '${property}' for '${kind}'`);
}
