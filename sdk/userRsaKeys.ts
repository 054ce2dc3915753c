/**
 * `UserRsaKeys`: the two RSA public key slots of an existing Snowflake user, rotated without downtime.
 */
import * as pulumi from "@pulumi/pulumi";
import { shim } from "./internal/shim";

/** The serialized provider captures nothing but code (see sdk/internal/shim.ts). */
const userRsaKeysProvider = shim("userRsaKeys");

/** Arguments of {@link UserRsaKeys}. */
export interface UserRsaKeysArgs {
  /**
   * The existing user whose key slots are managed, as you would write it in SQL (`svc_loader` → `SVC_LOADER`,
   * `"Mixed"` keeps case). Changing it replaces the resource.
   */
  user: pulumi.Input<string>;
  /**
   * The one or two public keys that must be active: PEM (`PUBLIC KEY` or `RSA PUBLIC KEY`) with or without header
   * and footer, any line breaks; RSA ≥ 2048 bits. Order does not matter and never moves a registered key.
   * A private key here fails at preview (and is never sent anywhere).
   */
  publicKeys: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Allow one update to replace every active key at once (old key removed in the same `up` that adds the new one).
   * Clients still on an old key fail after such an update. Default value is `false`.
   */
  allowReplacingAllKeys?: pulumi.Input<boolean>;
}

/**
 * Manages only `RSA_PUBLIC_KEY` / `RSA_PUBLIC_KEY_2` of an existing user (for example a service user created by
 * another stack or by hand), reading them back through `DESC USER`'s `RSA_PUBLIC_KEY_FP` / `RSA_PUBLIC_KEY_2_FP`.
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
 * Delete unsets only the slots holding keys this resource declares; other keys stay.
 * Drift (a slot changed by hand) is seen by `pulumi refresh` and repaired by the next `pulumi up`.
 */
export class UserRsaKeys extends pulumi.dynamic.Resource {
  /** Stored user name (as DESCRIBE prints it). */
  declare readonly userName: pulumi.Output<string>;
  /** Fingerprints of the declared keys, in declaration order. */
  declare readonly fingerprints: pulumi.Output<string[]>;
  /** Live `RSA_PUBLIC_KEY_FP` after the last update or refresh (`""` when empty). */
  declare readonly rsaPublicKeyFp: pulumi.Output<string>;
  /** Live `RSA_PUBLIC_KEY_2_FP` after the last update or refresh (`""` when empty). */
  declare readonly rsaPublicKey2Fp: pulumi.Output<string>;
  declare readonly user: pulumi.Output<string>;
  declare readonly publicKeys: pulumi.Output<string[]>;

  constructor(name: string, args: UserRsaKeysArgs, opts: pulumi.CustomResourceOptions = {}) {
    if (!args || args.user === undefined) throw new Error("Missing required property 'user'");
    if (args.publicKeys === undefined) throw new Error("Missing required property 'publicKeys'");
    super(
      userRsaKeysProvider,
      name,
      {
        user: args.user,
        publicKeys: args.publicKeys,
        allowReplacingAllKeys: args.allowReplacingAllKeys ?? false,
        userName: undefined,
        fingerprints: undefined,
        rsaPublicKeyFp: undefined,
        rsaPublicKey2Fp: undefined,
      },
      { ...opts, replaceOnChanges: [...(opts.replaceOnChanges ?? []), "user"] },
      "snowflake",
      "UserRsaKeys",
    );
  }
}
