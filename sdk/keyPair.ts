// Generated from model/keyPair.ts by scripts/generate (npm run generate). Do not edit: change the model instead.
import * as pulumi from "@pulumi/pulumi";
import { KEY_PAIR } from "../model/keyPair";
import { resourceArgs, resourceOptions } from "./internal/resource";
import { shim } from "./internal/shim";

/** The serialized provider captures nothing but code and the kind's name (see sdk/internal/shim.ts). */
const provider = shim("keyPair");

/** Arguments of {@link KeyPair}. */
export interface KeyPairArgs {
  /**
   * RSA modulus size (Snowflake requires at least 2048 bits); changing it generates a new key (replacement). Default
   * value is `2048`.
   */
  bits?: pulumi.Input<2048 | 4096>;
  /**
   * Encrypt the private key as PKCS#8 (`ENCRYPTED PRIVATE KEY`, PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC, as `openssl
   * pkcs8 -topk8 -v2 aes-256-cbc` writes it) under this passphrase. Always stored as a secret. Changing it
   * re-encrypts the same key (the fingerprint does not change). Default: unencrypted PKCS#8.
   */
  passphrase?: pulumi.Input<string>;
  /** Arbitrary values; changing any of them generates a new key (replacement), like `random`'s keepers. */
  keepers?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * An RSA key pair generated in the provider (node-forge), stable across `pulumi up`s. The private key is a Pulumi
 * secret; the public key and its Snowflake fingerprint are plain outputs. No Snowflake connection is made.
 *
 * Rotation: create a second `KeyPair` under a new name, add it to the principal's keys, switch clients, then remove
 * the first (see provider/keys/RUNBOOK.md).
 *
 * ## Example Usage
 *
 * ```ts
 * const key = new snowflake.KeyPair("svc-key-2026-11", { bits: 2048 });
 * new snowflake.UserRsaKeys("svc-keys", { user: "SVC_LOADER", publicKeys: [key.publicKeyPem] });
 * export const privateKey = key.privateKeyPem; // secret
 * ```
 *
 * Based on https://docs.snowflake.com/en/user-guide/key-pair-auth .
 */
export class KeyPair extends pulumi.dynamic.Resource {
  /** The type token policy packs match on. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/snowflake:RsaKeyPair";

  /** Always `rsa-key-pair`. */
  declare readonly kind: pulumi.Output<"rsa-key-pair">;
  /** The declared `bits`. */
  declare readonly bits: pulumi.Output<2048 | 4096>;
  /** PEM `PUBLIC KEY` (SubjectPublicKeyInfo). */
  declare readonly publicKeyPem: pulumi.Output<string>;
  /** base64(DER SPKI) without armour or whitespace: what Snowflake's `RSA_PUBLIC_KEY` takes. */
  declare readonly publicKeyBody: pulumi.Output<string>;
  /** `SHA256:...`, as DESCRIBE's `*_FP` rows show it. */
  declare readonly fingerprint: pulumi.Output<string>;
  /** PEM PKCS#8 private key, encrypted when `passphrase` is set. Secret. */
  declare readonly privateKeyPem: pulumi.Output<string>;

  constructor(name: string, args?: KeyPairArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceArgs(KEY_PAIR, name, args, opts), resourceOptions(KEY_PAIR, opts), "snowflake", "RsaKeyPair");
  }
}
