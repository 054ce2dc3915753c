/**
 * `UserRsaKeys`: only `RSA_PUBLIC_KEY` / `RSA_PUBLIC_KEY_2` of an existing user. Sources:
 * https://docs.snowflake.com/en/sql-reference/sql/alter-user (SET/UNSET of both slots),
 * https://docs.snowflake.com/en/sql-reference/sql/desc-user (`RSA_PUBLIC_KEY_FP`, `RSA_PUBLIC_KEY_2_FP`) and
 * https://docs.snowflake.com/en/user-guide/key-pair-auth#configuring-key-pair-rotation (two slots for rotation).
 * @internal
 */
import { ALLOW_REPLACING_ALL_KEYS } from "./common";
import type { ResourceModel } from "./resource";
import type { KeySlotSpec } from "./types";

/** A user's two key slots; DESC USER shows the fingerprints. */
export const USER_KEY_SLOTS: KeySlotSpec = {
  slot1: { sql: "RSA_PUBLIC_KEY", describeRow: "RSA_PUBLIC_KEY_FP", shows: "fingerprint" },
  slot2: { sql: "RSA_PUBLIC_KEY_2", describeRow: "RSA_PUBLIC_KEY_2_FP", shows: "fingerprint" },
};

export const USER_RSA_KEYS: ResourceModel = {
  className: "UserRsaKeys",
  typeName: "UserRsaKeys",
  kind: "user-rsa-keys",
  providerKind: "userRsaKeys",
  summary:
    "Manages only `RSA_PUBLIC_KEY` / `RSA_PUBLIC_KEY_2` of an existing user (for example a service user created by " +
    "another stack or by hand), diffed against `DESC USER`'s `RSA_PUBLIC_KEY_FP` / `RSA_PUBLIC_KEY_2_FP`, so a key " +
    "changed by hand shows at preview and is repaired by `pulumi up`. Delete unsets only the slots holding keys this " +
    "resource declares; other keys stay.",
  example: [
    "```ts",
    'const k1 = new snowflake.KeyPair("loader-2026-05");',
    'const k2 = new snowflake.KeyPair("loader-2026-11");',
    'new snowflake.UserRsaKeys("loader-keys", { user: "SVC_LOADER", publicKeys: [k1.publicKeyPem, k2.publicKeyPem] });',
    "```",
    "",
    "The SQL each `pulumi up` runs (at most one SET, then at most one UNSET):",
    "",
    "```sql",
    "DESC USER SVC_LOADER;",
    "ALTER USER SVC_LOADER SET RSA_PUBLIC_KEY_2 = 'MIIBIjANBgkq...';   -- step 1: add the new key to the free slot",
    "ALTER USER SVC_LOADER UNSET RSA_PUBLIC_KEY;                        -- step 3: remove the old key",
    "```",
  ].join("\n"),
  docs: ["https://docs.snowflake.com/en/sql-reference/sql/alter-user", "https://docs.snowflake.com/en/sql-reference/sql/desc-user"],
  inputs: {
    user: {
      tsType: "string",
      required: true,
      doc:
        "The existing user whose key slots are managed, as you would write it in SQL (`svc_loader` → `SVC_LOADER`, " +
        '`"Mixed"` keeps case). Changing it replaces the resource.',
    },
    publicKeys: {
      tsType: "string",
      list: true,
      required: true,
      doc:
        "The one or two public keys that must be active: PEM (`PUBLIC KEY` or `RSA PUBLIC KEY`) with or without header " +
        "and footer, any line breaks; RSA ≥ 2048 bits. Order does not matter and never moves a registered key. A private " +
        "key here fails at preview (and is never sent anywhere).",
    },
    allowReplacingAllKeys: { ...ALLOW_REPLACING_ALL_KEYS, sdkDefault: { value: false } },
  },
  outputs: {
    userName: { tsType: "string", doc: "Stored user name (as DESCRIBE prints it)." },
    fingerprints: { tsType: "string[]", doc: "Fingerprints of the declared keys, in declaration order." },
    rsaPublicKeyFp: { tsType: "string", doc: 'Live `RSA_PUBLIC_KEY_FP` after the last update or refresh (`""` when empty).' },
    rsaPublicKey2Fp: { tsType: "string", doc: 'Live `RSA_PUBLIC_KEY_2_FP` after the last update or refresh (`""` when empty).' },
  },
  keySlots: USER_KEY_SLOTS,
  replaceOnChanges: ["user"],
  echoedInputs: ["user", "publicKeys"],
};
