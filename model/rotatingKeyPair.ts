/**
 * `RotatingKeyPair`: a user's key rotated on a schedule inside `pulumi up`. The provider generates each key
 * (node-forge, as `KeyPair`), registers it beside the old one, hands the new private key to clients as a secret output,
 * and retires the old key once the overlap has passed. Targets: a named key pair
 * (https://docs.snowflake.com/sql-reference/sql/alter-user-rotate-key-pair: the new key keeps the name, the prior key
 * works for EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS) or the legacy two slots
 * (https://docs.snowflake.com/en/user-guide/key-pair-auth#configuring-key-pair-rotation: SET the free slot, later UNSET
 * the old one). Time is Snowflake's (`SELECT CURRENT_TIMESTAMP()`), the clock expiry is judged by.
 * @internal
 */
import type { MetaInput, ResourceModel } from "./resource";
import { NAMED_KEY_PAIRS } from "./userKeyPair";

/** `30d`, `36h`: whole days or hours. */
export const DURATION = /^([1-9][0-9]{0,4})([dh])$/;

/** Milliseconds of a duration text, or undefined when it does not parse. */
export function durationMs(text: unknown): number | undefined {
  const m = typeof text === "string" ? DURATION.exec(text.trim()) : null;
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === "d" ? 86_400_000 : 3_600_000);
}

const duration =
  (what: string): MetaInput["validate"] =>
  (v) =>
    durationMs(v) !== undefined ? undefined : `${what} must be a whole number of days or hours, such as "30d" or "36h".`;

export const ROTATING_KEY_PAIR: ResourceModel = {
  className: "RotatingKeyPair",
  typeName: "RotatingKeyPair",
  kind: "rotating-key-pair",
  providerKind: "rotatingKeyPair",
  summary:
    "A user's RSA key, rotated on a schedule by `pulumi up` with no program edit. Declare `rotateEvery` and `overlap` " +
    "once; on each `up` the provider reads Snowflake's clock and the user's keys and takes at most one step:\n\n" +
    "- **rotate** (the current key is `rotateEvery` old): generate a new key, register it beside the old one, and make " +
    "it `currentPrivateKey` (a secret output clients read from the stack or Pulumi ESC). Named key pair: `ROTATE KEY PAIR " +
    "… EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = <overlap>`; legacy slots: `SET` the free slot.\n" +
    "- **retire** (the overlap has passed): the legacy slots `UNSET` the old key; a named key pair's old key has " +
    "expired in Snowflake by then, so nothing is sent.\n" +
    "- otherwise nothing; preview says which step is next and when.\n\n" +
    "The old key stays valid until `overlap` after the new key was handed out, so clients that pick up " +
    "`currentPrivateKey` within the overlap never hold an invalid key. Without `keyPairName` it owns both legacy slots " +
    "of the user (do not also declare a `UserRsaKeys` for that user). With `integration` it rotates a custom-client " +
    "OAuth or External OAuth integration's slots, and that integration declares `rsaPublicKeys: <this>.publicKeys`.",
  example: [
    "```ts",
    'const loader = new snowflake.RotatingKeyPair("loader", {',
    '  user: "SVC_LOADER",',
    '  keyPairName: "loader_key",',
    '  rotateEvery: "30d",',
    '  overlap: "7d",',
    "});",
    "export const loaderKey = loader.currentPrivateKey; // secret; clients read it after each up",
    "```",
    "",
    "The SQL of the `up` at which the key is 30 days old (every other `up` sends no write):",
    "",
    "```sql",
    'SELECT CURRENT_TIMESTAMP() AS "NOW";',
    "SHOW USER KEY PAIRS FOR USER SVC_LOADER;",
    "ALTER USER SVC_LOADER ROTATE KEY PAIR LOADER_KEY PUBLIC_KEY = 'MIIBIjANBgkq...' EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = 168;",
    "```",
  ].join("\n"),
  docs: [
    "https://docs.snowflake.com/sql-reference/sql/alter-user-rotate-key-pair",
    "https://docs.snowflake.com/en/user-guide/key-pair-auth#configuring-key-pair-rotation",
  ],
  inputs: {
    user: {
      tsType: "string",
      doc:
        "The existing user whose key rotates, as written in SQL (`svc_loader` → `SVC_LOADER`). Give `user` or " +
        "`integration`. Changing it replaces the resource.",
      validate: (v) => (typeof v === "string" && v.trim() !== "" ? undefined : "user must be a non-empty string."),
    },
    integration: {
      tsType: "string",
      doc:
        "Rotate a custom-client OAuth or External OAuth integration's key slots instead of a user's. Declare the " +
        "integration with `rsaPublicKeys: <this>.publicKeys`: this resource registers each new key and retires the old " +
        "one itself, so the integration's own plan always finds its declaration already applied. Changing it replaces " +
        "the resource.",
      validate: (v) => (typeof v === "string" && v.trim() !== "" ? undefined : "integration must be a non-empty string."),
    },
    keyPairName: {
      tsType: "string",
      doc:
        "Rotate this named key pair (added if missing). Without it, the user's legacy `RSA_PUBLIC_KEY` / " +
        "`RSA_PUBLIC_KEY_2` slots rotate. Changing it replaces the resource.",
      defaultDoc: "Default: the legacy slots.",
      validate: (v) => (typeof v === "string" && v.trim() !== "" ? undefined : "keyPairName must be a non-empty string."),
    },
    rotateEvery: {
      tsType: "string",
      required: true,
      doc: 'Age at which the current key is replaced: whole days or hours, `"30d"`, `"36h"`.',
      validate: duration("rotateEvery"),
    },
    overlap: {
      tsType: "string",
      required: true,
      doc:
        "How long the old key keeps working after the new one is handed out (clients must pick up `currentPrivateKey` " +
        'within it): `"7d"`, `"12h"`; shorter than `rotateEvery`.',
      validate: duration("overlap"),
    },
    bits: {
      tsType: "2048 | 4096",
      doc: "RSA modulus of the keys generated from now on (Snowflake requires at least 2048 bits).",
      defaultDoc: "Default value is `2048`.",
      sdkDefault: { value: 2048 },
      validate: (v) => (v === 2048 || v === 4096 ? undefined : "bits must be 2048 or 4096."),
    },
    passphrase: {
      tsType: "string",
      doc: "Encrypt `currentPrivateKey` as PKCS#8 under this passphrase (as `KeyPair` does). Always stored as a secret.",
      defaultDoc: "Default: unencrypted PKCS#8.",
      secret: true,
      validate: (v) => (typeof v === "string" && v !== "" ? undefined : "passphrase must be a non-empty string when given."),
    },
  },
  outputs: {
    currentPrivateKey: { tsType: "string", doc: "PEM PKCS#8 private key of the current key. Secret.", secret: true },
    currentPublicKey: { tsType: "string", doc: "PEM `PUBLIC KEY` of the current key." },
    currentFingerprint: { tsType: "string", doc: "`SHA256:…` of the current key." },
    previousFingerprint: { tsType: "string", doc: 'The old key still registered during an overlap (`""` otherwise).' },
    previousPublicKey: { tsType: "string", doc: 'PEM of the old key during an overlap (`""` otherwise, or when it is not known).' },
    publicKeys: {
      tsType: "string[]",
      doc: "The public keys that are registered: the current one, and the old one during an overlap. An integration target's resource declares these as `rsaPublicKeys`.",
    },
    phase: { tsType: '"steady" | "overlap"', doc: "`overlap` while the old key is still registered." },
    rotatedAt: { tsType: "string", doc: "When the current key was registered (Snowflake's clock, ISO 8601)." },
    nextStep: { tsType: '"rotate" | "retire"', doc: "What the next due `up` will do." },
    nextStepAt: { tsType: "string", doc: "When the next step falls due (ISO 8601)." },
    rotations: { tsType: "number", doc: "Keys registered by this resource so far, the first included." },
    userName: { tsType: "string", doc: "Stored user name." },
  },
  replaceOnChanges: ["user", "keyPairName", "integration"],
  echoedInputs: ["user", "keyPairName", "integration", "rotateEvery", "overlap"],
};

/** Names a rotating named key pair may not take (reserved, or shaped like Snowflake's rotated-out keys). */
export function keyPairNameProblem(stored: string): string | undefined {
  if (NAMED_KEY_PAIRS.reservedNames.includes(stored)) return `${stored} is reserved for the legacy slots; omit keyPairName to rotate them.`;
  if (NAMED_KEY_PAIRS.rotatedName.test(stored)) return `${stored} has the shape Snowflake gives rotated-out keys; choose another name.`;
  return undefined;
}
