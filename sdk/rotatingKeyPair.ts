// Generated from model/rotatingKeyPair.ts by scripts/generate (npm run generate). Do not edit: change the model instead.
import * as pulumi from "@pulumi/pulumi";
import { ROTATING_KEY_PAIR } from "../model/rotatingKeyPair";
import { resourceArgs, resourceOptions } from "./internal/resource";
import { shim } from "./internal/shim";

/** The serialized provider captures nothing but code and the kind's name (see sdk/internal/shim.ts). */
const provider = shim("rotatingKeyPair");

/** Arguments of {@link RotatingKeyPair}. */
export interface RotatingKeyPairArgs {
  /**
   * The existing user whose key rotates, as written in SQL (`svc_loader` → `SVC_LOADER`). Give `user` or
   * `integration`. Changing it replaces the resource.
   */
  user?: pulumi.Input<string>;
  /**
   * Rotate a custom-client OAuth or External OAuth integration's key slots instead of a user's. Declare the
   * integration with `rsaPublicKeys: <this>.publicKeys`: this resource registers each new key and retires the old one
   * itself, so the integration's own plan always finds its declaration already applied. Changing it replaces the
   * resource.
   */
  integration?: pulumi.Input<string>;
  /**
   * Rotate this named key pair (added if missing). Without it, the user's legacy `RSA_PUBLIC_KEY` /
   * `RSA_PUBLIC_KEY_2` slots rotate. Changing it replaces the resource. Default: the legacy slots.
   */
  keyPairName?: pulumi.Input<string>;
  /** Age at which the current key is replaced: whole days or hours, `"30d"`, `"36h"`. Required. */
  rotateEvery: pulumi.Input<string>;
  /**
   * How long the old key keeps working after the new one is handed out (clients must pick up `currentPrivateKey`
   * within it): `"7d"`, `"12h"`; shorter than `rotateEvery`. Required.
   */
  overlap: pulumi.Input<string>;
  /**
   * RSA modulus of the keys generated from now on (Snowflake requires at least 2048 bits). Default value is `2048`.
   */
  bits?: pulumi.Input<2048 | 4096>;
  /**
   * Encrypt `currentPrivateKey` as PKCS#8 under this passphrase (as `KeyPair` does). Always stored as a secret.
   * Default: unencrypted PKCS#8.
   */
  passphrase?: pulumi.Input<string>;
}

/**
 * A user's RSA key, rotated on a schedule by `pulumi up` with no program edit. Declare `rotateEvery` and `overlap`
 * once; on each `up` the provider reads Snowflake's clock and the user's keys and takes at most one step:
 *
 * - **rotate** (the current key is `rotateEvery` old): generate a new key, register it beside the old one, and make
 * it `currentPrivateKey` (a secret output clients read from the stack or Pulumi ESC). Named key pair: `ROTATE KEY
 * PAIR … EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = <overlap>`; legacy slots: `SET` the free slot.
 * - **retire** (the overlap has passed): the legacy slots `UNSET` the old key; a named key pair's old key has expired
 * in Snowflake by then, so nothing is sent.
 * - otherwise nothing; preview says which step is next and when.
 *
 * The old key stays valid until `overlap` after the new key was handed out, so clients that pick up
 * `currentPrivateKey` within the overlap never hold an invalid key. Without `keyPairName` it owns both legacy slots
 * of the user (do not also declare a `UserRsaKeys` for that user). With `integration` it rotates a custom-client
 * OAuth or External OAuth integration's slots, and that integration declares `rsaPublicKeys: <this>.publicKeys`.
 *
 * ## Example Usage
 *
 * ```ts
 * const loader = new snowflake.RotatingKeyPair("loader", {
 *   user: "SVC_LOADER",
 *   keyPairName: "loader_key",
 *   rotateEvery: "30d",
 *   overlap: "7d",
 * });
 * export const loaderKey = loader.currentPrivateKey; // secret; clients read it after each up
 * ```
 *
 * The SQL of the `up` at which the key is 30 days old (every other `up` sends no write):
 *
 * ```sql
 * SELECT CURRENT_TIMESTAMP() AS "NOW";
 * SHOW USER KEY PAIRS FOR USER SVC_LOADER;
 * ALTER USER SVC_LOADER ROTATE KEY PAIR LOADER_KEY PUBLIC_KEY = 'MIIBIjANBgkq...' EXPIRE_ROTATED_KEY_PAIR_AFTER_HOURS = 168;
 * ```
 *
 * Based on https://docs.snowflake.com/sql-reference/sql/alter-user-rotate-key-pair .
 * Based on https://docs.snowflake.com/en/user-guide/key-pair-auth#configuring-key-pair-rotation .
 */
export class RotatingKeyPair extends pulumi.dynamic.Resource {
  /** The type token policy packs match on. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/snowflake:RotatingKeyPair";

  /** Always `rotating-key-pair`. */
  declare readonly kind: pulumi.Output<"rotating-key-pair">;
  /** The declared `user`. */
  declare readonly user: pulumi.Output<string | undefined>;
  /** The declared `keyPairName`. */
  declare readonly keyPairName: pulumi.Output<string | undefined>;
  /** The declared `integration`. */
  declare readonly integration: pulumi.Output<string | undefined>;
  /** The declared `rotateEvery`. */
  declare readonly rotateEvery: pulumi.Output<string>;
  /** The declared `overlap`. */
  declare readonly overlap: pulumi.Output<string>;
  /** PEM PKCS#8 private key of the current key. Secret. */
  declare readonly currentPrivateKey: pulumi.Output<string>;
  /** PEM `PUBLIC KEY` of the current key. */
  declare readonly currentPublicKey: pulumi.Output<string>;
  /** `SHA256:…` of the current key. */
  declare readonly currentFingerprint: pulumi.Output<string>;
  /** The old key still registered during an overlap (`""` otherwise). */
  declare readonly previousFingerprint: pulumi.Output<string>;
  /** PEM of the old key during an overlap (`""` otherwise, or when it is not known). */
  declare readonly previousPublicKey: pulumi.Output<string>;
  /**
   * The public keys that are registered: the current one, and the old one during an overlap. An integration target's
   * resource declares these as `rsaPublicKeys`.
   */
  declare readonly publicKeys: pulumi.Output<string[]>;
  /** `overlap` while the old key is still registered. */
  declare readonly phase: pulumi.Output<"steady" | "overlap">;
  /** When the current key was registered (Snowflake's clock, ISO 8601). */
  declare readonly rotatedAt: pulumi.Output<string>;
  /** What the next due `up` will do. */
  declare readonly nextStep: pulumi.Output<"rotate" | "retire">;
  /** When the next step falls due (ISO 8601). */
  declare readonly nextStepAt: pulumi.Output<string>;
  /** Keys registered by this resource so far, the first included. */
  declare readonly rotations: pulumi.Output<number>;
  /** Stored user name. */
  declare readonly userName: pulumi.Output<string>;

  constructor(name: string, args: RotatingKeyPairArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceArgs(ROTATING_KEY_PAIR, name, args, opts),
      resourceOptions(ROTATING_KEY_PAIR, opts),
      "snowflake",
      "RotatingKeyPair",
    );
  }
}
