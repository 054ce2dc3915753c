// Generated from model/userRsaKeys.ts by scripts/generate (npm run generate). Do not edit: change the model instead.
import * as pulumi from "@pulumi/pulumi";
import { USER_RSA_KEYS } from "../model/userRsaKeys";
import { resourceArgs, resourceOptions } from "./internal/resource";
import { shim } from "./internal/shim";

/** The serialized provider captures nothing but code and the kind's name (see sdk/internal/shim.ts). */
const provider = shim("userRsaKeys");

/** Arguments of {@link UserRsaKeys}. */
export interface UserRsaKeysArgs {
  /**
   * The existing user whose key slots are managed, as you would write it in SQL (`svc_loader` → `SVC_LOADER`,
   * `"Mixed"` keeps case). Changing it replaces the resource. Required.
   */
  user: pulumi.Input<string>;
  /**
   * The one or two public keys that must be active: PEM (`PUBLIC KEY` or `RSA PUBLIC KEY`) with or without header and
   * footer, any line breaks; RSA ≥ 2048 bits. Order does not matter and never moves a registered key. A private key
   * here fails at preview (and is never sent anywhere). Required.
   */
  publicKeys: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Accept a change that replaces every registered key at once (clients still on an old key fail after it). Default
   * value is `false`.
   */
  allowReplacingAllKeys?: pulumi.Input<boolean>;
}

/**
 * Manages only `RSA_PUBLIC_KEY` / `RSA_PUBLIC_KEY_2` of an existing user (for example a service user created by
 * another stack or by hand), diffed against `DESC USER`'s `RSA_PUBLIC_KEY_FP` / `RSA_PUBLIC_KEY_2_FP`, so a key
 * changed by hand shows at preview and is repaired by `pulumi up`. Delete unsets only the slots holding keys this
 * resource declares; other keys stay.
 *
 * ## Example Usage
 *
 * ```ts
 * const k1 = new snowflake.KeyPair("loader-2026-05");
 * const k2 = new snowflake.KeyPair("loader-2026-11");
 * new snowflake.UserRsaKeys("loader-keys", { user: "SVC_LOADER", publicKeys: [k1.publicKeyPem, k2.publicKeyPem] });
 * ```
 *
 * The SQL each `pulumi up` runs (at most one SET, then at most one UNSET):
 *
 * ```sql
 * DESC USER SVC_LOADER;
 * ALTER USER SVC_LOADER SET RSA_PUBLIC_KEY_2 = 'MIIBIjANBgkq...';   -- step 1: add the new key to the free slot
 * ALTER USER SVC_LOADER UNSET RSA_PUBLIC_KEY;                        -- step 3: remove the old key
 * ```
 *
 * Based on https://docs.snowflake.com/en/sql-reference/sql/alter-user .
 * Based on https://docs.snowflake.com/en/sql-reference/sql/desc-user .
 */
export class UserRsaKeys extends pulumi.dynamic.Resource {
  /** The type token policy packs match on. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/snowflake:UserRsaKeys";

  /** Always `user-rsa-keys`. */
  declare readonly kind: pulumi.Output<"user-rsa-keys">;
  /** The declared `user`. */
  declare readonly user: pulumi.Output<string>;
  /** The declared `publicKeys`. */
  declare readonly publicKeys: pulumi.Output<string[]>;
  /** Stored user name (as DESCRIBE prints it). */
  declare readonly userName: pulumi.Output<string>;
  /** Fingerprints of the declared keys, in declaration order. */
  declare readonly fingerprints: pulumi.Output<string[]>;
  /** Live `RSA_PUBLIC_KEY_FP` after the last update or refresh (`""` when empty). */
  declare readonly rsaPublicKeyFp: pulumi.Output<string>;
  /** Live `RSA_PUBLIC_KEY_2_FP` after the last update or refresh (`""` when empty). */
  declare readonly rsaPublicKey2Fp: pulumi.Output<string>;

  constructor(name: string, args: UserRsaKeysArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceArgs(USER_RSA_KEYS, name, args, opts), resourceOptions(USER_RSA_KEYS, opts), "snowflake", "UserRsaKeys");
  }
}
