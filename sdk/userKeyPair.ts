// Generated from model/userKeyPair.ts by scripts/generate (npm run generate). Do not edit: change the model instead.
import * as pulumi from "@pulumi/pulumi";
import { USER_KEY_PAIR } from "../model/userKeyPair";
import { resourceArgs, resourceOptions } from "./internal/resource";
import { shim } from "./internal/shim";

/** The serialized provider captures nothing but code and the kind's name (see sdk/internal/shim.ts). */
const provider = shim("userKeyPair");

/** Arguments of {@link UserKeyPair}. */
export interface UserKeyPairArgs {
  /**
   * The existing user the key pair belongs to, as you would write it in SQL (`svc_loader` → `SVC_LOADER`). Changing
   * it replaces the resource (the new key pair is added before the old one is removed). Required.
   */
  user: pulumi.Input<string>;
  /**
   * The key pair's name, written as an identifier (`loader_key` → `LOADER_KEY`, `"Mixed"` keeps case). `PUBLIC_KEY_1`
   * and `PUBLIC_KEY_2` are reserved for the legacy slots (`UserRsaKeys`). A name ending in `_ROTATED_<digits>` is
   * refused: Snowflake gives rotated-out keys that shape. Changing it renames the key pair in place (`MODIFY KEY PAIR
   * … RENAME TO`). Required.
   */
  name: pulumi.Input<string>;
  /**
   * The public key: PEM `PUBLIC KEY` with or without header and footer, any line breaks; RSA ≥ 2048 bits or EC on
   * P-256, P-384 or P-521. It must differ from the user's other active keys. A private key here fails at preview (and
   * is never sent anywhere). Changing it rotates the key pair (see `graceHours`). Required.
   */
  publicKey: pulumi.Input<string>;
  /**
   * The role a session authenticated with this key uses; it must already be granted to the user, and a login with
   * this key must request it. Changing it re-registers the key pair (REMOVE then ADD). Default: no restriction (the
   * user's primary and secondary roles apply).
   */
  roleRestriction?: pulumi.Input<string>;
  /**
   * Days the key can be used for authentication, from registration (`DAYS_TO_EXPIRY`, ≥ 1). Snowflake reports the
   * instant (`expiresAt`), not the days, so only a change of this input (or an expiry added or removed by hand)
   * re-registers the key pair. Default: no expiry.
   */
  daysToExpiry?: pulumi.Input<number>;
  /** The key pair's comment (`MODIFY KEY PAIR … SET COMMENT`). Default: no comment. */
  comment?: pulumi.Input<string>;
  /** Disable the key pair without removing it (`MODIFY KEY PAIR … SET DISABLED = TRUE`). Default value is `false`. */
  disabled?: pulumi.Input<boolean>;
  /**
   * When `publicKey` changes, how long the prior key keeps working (`EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS`). At most
   * the hours left before the current key expires, when it has an expiry. `0` ends the prior key at once. Default
   * value is `24` (Snowflake's default).
   */
  graceHours?: pulumi.Input<number>;
}

/**
 * One named key pair of an existing user (`ALTER USER … ADD KEY PAIR`), diffed against `SHOW USER KEY PAIRS FOR USER`
 * so a key changed, disabled or removed by hand shows at preview and is repaired by `pulumi up`.
 *
 * - A new `publicKey` is `ROTATE KEY PAIR … EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = graceHours`: the old key keeps
 * working as `<name>_ROTATED_<epoch_ms>` until the grace ends, so clients move over without downtime.
 * - `comment` and `disabled` change with `MODIFY KEY PAIR … SET/UNSET`; `name` with `MODIFY KEY PAIR … RENAME TO`.
 * - `roleRestriction` and `daysToExpiry` cannot be modified (Snowflake: remove the key pair and add it again). The
 * provider does that (REMOVE then ADD) only when the user holds another ACTIVE key meanwhile; otherwise preview fails
 * and says to add a second key first.
 * - Delete is `REMOVE KEY PAIR`, only when the key registered under the name is still the declared one.
 *
 * It coexists with `UserRsaKeys` on the same user: `PUBLIC_KEY_1` / `PUBLIC_KEY_2` belong to UserRsaKeys.
 *
 * ## Example Usage
 *
 * ```ts
 * const key = new snowflake.KeyPair("loader-2026-12");
 * new snowflake.UserKeyPair("loader-key", {
 *   user: "SVC_LOADER",
 *   name: "loader_key",
 *   publicKey: key.publicKeyPem,
 *   roleRestriction: "LOADER",
 *   comment: "nightly loader",
 * });
 * ```
 *
 * The SQL of a create, and of a key change a month later:
 *
 * ```sql
 * SHOW USER KEY PAIRS FOR USER SVC_LOADER;
 * ALTER USER SVC_LOADER ADD KEY PAIR LOADER_KEY PUBLIC_KEY = 'MIIBIjANBgkq...' ROLE_RESTRICTION = 'LOADER' COMMENT = 'nightly loader';
 * ALTER USER SVC_LOADER ROTATE KEY PAIR LOADER_KEY PUBLIC_KEY = 'MIIBIjANBgkq...' EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = 24;
 * ```
 *
 * Based on https://docs.snowflake.com/sql-reference/sql/alter-user-add-key-pair .
 * Based on https://docs.snowflake.com/sql-reference/sql/alter-user-modify-key-pair .
 * Based on https://docs.snowflake.com/sql-reference/sql/alter-user-rotate-key-pair .
 * Based on https://docs.snowflake.com/sql-reference/sql/alter-user-remove-key-pair .
 * Based on https://docs.snowflake.com/sql-reference/sql/show-user-key-pairs .
 */
export class UserKeyPair extends pulumi.dynamic.Resource {
  /** The type token policy packs match on. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/snowflake:UserKeyPair";

  /** Always `user-key-pair`. */
  declare readonly kind: pulumi.Output<"user-key-pair">;
  /** The declared `user`. */
  declare readonly user: pulumi.Output<string>;
  /** The name as declared (identifier text). */
  declare readonly name: pulumi.Output<string>;
  /** The declared `publicKey`. */
  declare readonly publicKey: pulumi.Output<string>;
  /** Stored user name (as SHOW prints it). */
  declare readonly userName: pulumi.Output<string>;
  /** Stored key pair name (as SHOW prints it). */
  declare readonly keyPairName: pulumi.Output<string>;
  /** `SHA256:…` of the declared public key. */
  declare readonly fingerprint: pulumi.Output<string>;
  /** The declared key's algorithm. */
  declare readonly algorithm: pulumi.Output<"RSA" | "EC">;
  /** Live `status` after the last update or refresh: `ACTIVE`, `EXPIRED` or `DISABLED`. */
  declare readonly status: pulumi.Output<string>;
  /** Live `expires_at` (`""` when the key has no expiry). */
  declare readonly expiresAt: pulumi.Output<string>;
  /**
   * Names of the rotated-out keys still listed for this key pair (`<name>_ROTATED_<epoch_ms>`, in their grace
   * period).
   */
  declare readonly rotatedKeys: pulumi.Output<string[]>;

  constructor(name: string, args: UserKeyPairArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceArgs(USER_KEY_PAIR, name, args, opts), resourceOptions(USER_KEY_PAIR, opts), "snowflake", "UserKeyPair");
  }
}
