/**
 * `UserKeyPair`: one named key pair of an existing user (Snowflake, 2026-07-15). Sources, all docs pages:
 * - https://docs.snowflake.com/sql-reference/sql/alter-user-add-key-pair (PUBLIC_KEY, ROLE_RESTRICTION, DAYS_TO_EXPIRY ≥ 1,
 *   COMMENT; reserved names; 10 keys per user, rotated-out keys in grace counted; RSA and EC P-256/P-384/P-521)
 * - https://docs.snowflake.com/sql-reference/sql/alter-user-modify-key-pair (RENAME TO; SET/UNSET DISABLED and COMMENT
 *   only: "You can't change the public key, role restriction, or expiration time with MODIFY KEY PAIR … To change any
 *   other property, remove the key pair and create a new one.")
 * - https://docs.snowflake.com/sql-reference/sql/alter-user-rotate-key-pair (new PUBLIC_KEY under the same name; the
 *   prior key kept as `<name>_ROTATED_<epoch_ms>` for EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS, default 24, range 0 to the
 *   hours left before the current key expires; comment, expiration duration and role restriction inherited)
 * - https://docs.snowflake.com/sql-reference/sql/alter-user-remove-key-pair, https://docs.snowflake.com/sql-reference/sql/show-user-key-pairs
 * @internal
 */
import type { MetaInput, ResourceModel } from "./resource";
import { nonEmptyString } from "./common";

/** Facts of Snowflake's named key pairs that the provider plans and checks by. */
export const NAMED_KEY_PAIRS = {
  /** Reserved for the legacy RSA_PUBLIC_KEY / RSA_PUBLIC_KEY_2 (every KEY PAIR page). */
  reservedNames: ["PUBLIC_KEY_1", "PUBLIC_KEY_2"] as readonly string[],
  /** "Each user can have a maximum of 10 key pairs by default" (ADD page, usage notes). */
  maxPerUser: 10,
  /** "For EC keys, only the P-256, P-384, and P-521 curves are accepted" (ADD page). */
  ecCurves: ["P-256", "P-384", "P-521"] as readonly string[],
  /** EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS default (ROTATE page). */
  defaultGraceHours: 24,
  /** DAYS_TO_EXPIRY "Must be 1 or greater" (ADD page); no maximum documented. */
  minDaysToExpiry: 1,
  /** The generated name of a rotated-out key (ROTATE page, SHOW page `name` column). */
  rotatedName: /_ROTATED_\d+$/,
} as const;

const integerAtLeast = (min: number, what: string) => (v: unknown) =>
  typeof v === "number" && Number.isInteger(v) && v >= min ? undefined : `${what} must be an integer ≥ ${min}.`;

const KEY_PAIR_NAME: MetaInput = {
  tsType: "string",
  required: true,
  doc:
    'The key pair\'s name, written as an identifier (`loader_key` → `LOADER_KEY`, `"Mixed"` keeps case). ' +
    "`PUBLIC_KEY_1` and `PUBLIC_KEY_2` are reserved for the legacy slots (`UserRsaKeys`). A name ending in " +
    "`_ROTATED_<digits>` is refused: Snowflake gives rotated-out keys that shape. Changing it renames the key pair in " +
    "place (`MODIFY KEY PAIR … RENAME TO`).",
  validate: nonEmptyString("name"),
};

export const USER_KEY_PAIR: ResourceModel = {
  className: "UserKeyPair",
  typeName: "UserKeyPair",
  kind: "user-key-pair",
  providerKind: "userKeyPair",
  summary:
    "One named key pair of an existing user (`ALTER USER … ADD KEY PAIR`), diffed against `SHOW USER KEY PAIRS FOR USER` " +
    "so a key changed, disabled or removed by hand shows at preview and is repaired by `pulumi up`.\n\n" +
    "- A new `publicKey` is `ROTATE KEY PAIR … EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = graceHours`: the old key keeps " +
    "working as `<name>_ROTATED_<epoch_ms>` until the grace ends, so clients move over without downtime.\n" +
    "- `comment` and `disabled` change with `MODIFY KEY PAIR … SET/UNSET`; `name` with `MODIFY KEY PAIR … RENAME TO`.\n" +
    "- `roleRestriction` and `daysToExpiry` cannot be modified (Snowflake: remove the key pair and add it again). The " +
    "provider does that (REMOVE then ADD) only when the user holds another ACTIVE key meanwhile; otherwise preview fails " +
    "and says to add a second key first.\n" +
    "- Delete is `REMOVE KEY PAIR`, only when the key registered under the name is still the declared one.\n\n" +
    "It coexists with `UserRsaKeys` on the same user: `PUBLIC_KEY_1` / `PUBLIC_KEY_2` belong to UserRsaKeys.",
  example: [
    "```ts",
    'const key = new snowflake.KeyPair("loader-2026-12");',
    'new snowflake.UserKeyPair("loader-key", {',
    '  user: "SVC_LOADER",',
    '  name: "loader_key",',
    "  publicKey: key.publicKeyPem,",
    '  roleRestriction: "LOADER",',
    '  comment: "nightly loader",',
    "});",
    "```",
    "",
    "The SQL of a create, and of a key change a month later:",
    "",
    "```sql",
    "SHOW USER KEY PAIRS FOR USER SVC_LOADER;",
    "ALTER USER SVC_LOADER ADD KEY PAIR LOADER_KEY PUBLIC_KEY = 'MIIBIjANBgkq...' ROLE_RESTRICTION = 'LOADER' COMMENT = 'nightly loader';",
    "ALTER USER SVC_LOADER ROTATE KEY PAIR LOADER_KEY PUBLIC_KEY = 'MIIBIjANBgkq...' EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = 24;",
    "```",
  ].join("\n"),
  docs: [
    "https://docs.snowflake.com/sql-reference/sql/alter-user-add-key-pair",
    "https://docs.snowflake.com/sql-reference/sql/alter-user-modify-key-pair",
    "https://docs.snowflake.com/sql-reference/sql/alter-user-rotate-key-pair",
    "https://docs.snowflake.com/sql-reference/sql/alter-user-remove-key-pair",
    "https://docs.snowflake.com/sql-reference/sql/show-user-key-pairs",
  ],
  inputs: {
    user: {
      tsType: "string",
      required: true,
      doc:
        "The existing user the key pair belongs to, as you would write it in SQL (`svc_loader` → `SVC_LOADER`). " +
        "Changing it replaces the resource (the new key pair is added before the old one is removed).",
      validate: nonEmptyString("user"),
    },
    name: KEY_PAIR_NAME,
    publicKey: {
      tsType: "string",
      required: true,
      doc:
        "The public key: PEM `PUBLIC KEY` with or without header and footer, any line breaks; RSA ≥ 2048 bits or EC on " +
        "P-256, P-384 or P-521. It must differ from the user's other active keys. A private key here fails at preview " +
        "(and is never sent anywhere). Changing it rotates the key pair (see `graceHours`).",
    },
    roleRestriction: {
      tsType: "string",
      doc:
        "The role a session authenticated with this key uses; it must already be granted to the user, and a login " +
        "with this key must request it. Changing it re-registers the key pair (REMOVE then ADD).",
      defaultDoc: "Default: no restriction (the user's primary and secondary roles apply).",
      validate: nonEmptyString("roleRestriction"),
    },
    daysToExpiry: {
      tsType: "number",
      doc:
        "Days the key can be used for authentication, from registration (`DAYS_TO_EXPIRY`, ≥ 1). Snowflake reports the " +
        "instant (`expiresAt`), not the days, so only a change of this input (or an expiry added or removed by hand) " +
        "re-registers the key pair.",
      defaultDoc: "Default: no expiry.",
      validate: integerAtLeast(NAMED_KEY_PAIRS.minDaysToExpiry, "daysToExpiry"),
    },
    comment: {
      tsType: "string",
      doc: "The key pair's comment (`MODIFY KEY PAIR … SET COMMENT`).",
      defaultDoc: "Default: no comment.",
      validate: (v) => (typeof v === "string" ? undefined : "comment must be a string."),
    },
    disabled: {
      tsType: "boolean",
      doc: "Disable the key pair without removing it (`MODIFY KEY PAIR … SET DISABLED = TRUE`).",
      defaultDoc: "Default value is `false`.",
      sdkDefault: { value: false },
      validate: (v) => (typeof v === "boolean" ? undefined : "disabled must be a boolean."),
    },
    graceHours: {
      tsType: "number",
      doc:
        "When `publicKey` changes, how long the prior key keeps working (`EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS`). At most " +
        "the hours left before the current key expires, when it has an expiry. `0` ends the prior key at once.",
      defaultDoc: `Default value is \`${NAMED_KEY_PAIRS.defaultGraceHours}\` (Snowflake's default).`,
      sdkDefault: { value: NAMED_KEY_PAIRS.defaultGraceHours },
      validate: integerAtLeast(0, "graceHours"),
    },
  },
  outputs: {
    userName: { tsType: "string", doc: "Stored user name (as SHOW prints it)." },
    keyPairName: { tsType: "string", doc: "Stored key pair name (as SHOW prints it)." },
    fingerprint: { tsType: "string", doc: "`SHA256:…` of the declared public key." },
    algorithm: { tsType: '"RSA" | "EC"', doc: "The declared key's algorithm." },
    status: { tsType: "string", doc: "Live `status` after the last update or refresh: `ACTIVE`, `EXPIRED` or `DISABLED`." },
    expiresAt: { tsType: "string", doc: 'Live `expires_at` (`""` when the key has no expiry).' },
    rotatedKeys: {
      tsType: "string[]",
      doc: "Names of the rotated-out keys still listed for this key pair (`<name>_ROTATED_<epoch_ms>`, in their grace period).",
    },
  },
  replaceOnChanges: ["user"],
  echoedInputs: ["user", "name", "publicKey"],
};
