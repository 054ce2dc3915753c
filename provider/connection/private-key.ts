/**
 * The key-pair login's private key, read and decrypted here, before any login, so that a file that cannot be read or
 * a wrong or missing passphrase is reported as the setting it is (with its source), not as the driver's raw `ENOENT`
 * or `ERR_OSSL_BAD_DECRYPT`. The driver then receives the decrypted PKCS#8 PEM as `privateKey`, which it accepts
 * (snowflake-sdk 3.3.0 `dist/lib/authentication/auth_keypair.js` parses `privateKey` the same way it parses a file).
 * Key-pair keys are RSA (https://docs.snowflake.com/en/user-guide/key-pair-auth).
 * @internal
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import { SnowflakeConnectionError } from "./errors";
import { describeSetting, whereToSet, type ResolvedSettings } from "./sourced";

function readProblem(code: string | undefined): string {
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
      return "does not exist";
    case "EACCES":
    case "EPERM":
      return "cannot be read by this user (permission denied)";
    case "EISDIR":
      return "is a directory, not a key file";
    default:
      return "cannot be read";
  }
}

/** The unencrypted PKCS#8 PEM of the configured private key, or an error naming the setting, its source and the fix. */
export function loadPrivateKey(s: ResolvedSettings): string {
  let pem: string;
  let keySetting: string;
  if (s.privateKey) {
    pem = s.privateKey.value.replace(/\\n/g, "\n");
    keySetting = describeSetting("privateKey", s.privateKey);
  } else if (s.privateKeyPath) {
    const file = s.privateKeyPath.value.replace(/^~(?=\/)/, os.homedir());
    keySetting = describeSetting("privateKeyPath", s.privateKeyPath);
    try {
      pem = fs.readFileSync(file, "utf8");
    } catch (e) {
      throw new SnowflakeConnectionError(
        `Snowflake connection setting ${keySetting}: the file ${readProblem((e as NodeJS.ErrnoException).code)}. ` +
          `Point privateKeyPath at your PEM private key file, or set the key itself with ${whereToSet("privateKey")}.`,
      );
    }
  } else {
    throw new SnowflakeConnectionError(
      `Snowflake key-pair authentication (SNOWFLAKE_JWT) needs a private key: set ${whereToSet("privateKeyPath")}, or ${whereToSet("privateKey")}.`,
    );
  }
  const passphrase = s.privateKeyPassphrase?.value;
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,\s*ENCRYPTED/.test(pem);
  if (encrypted && !passphrase) {
    throw new SnowflakeConnectionError(
      `Snowflake connection setting ${keySetting}: the private key is encrypted and no passphrase is set. Set ${whereToSet("privateKeyPassphrase")}.`,
    );
  }
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey({ key: pem, format: "pem", passphrase: encrypted ? passphrase : undefined });
  } catch {
    if (encrypted) {
      throw new SnowflakeConnectionError(
        `Snowflake connection setting ${describeSetting("privateKeyPassphrase", s.privateKeyPassphrase)} does not decrypt the private key (${keySetting}). ` +
          `Set the passphrase the key was encrypted with, or point the key setting at the matching key.`,
      );
    }
    throw new SnowflakeConnectionError(
      `Snowflake connection setting ${keySetting}: not a PEM private key (expected '-----BEGIN PRIVATE KEY-----', '-----BEGIN ENCRYPTED PRIVATE KEY-----' or '-----BEGIN RSA PRIVATE KEY-----'). ` +
        `Point it at the private key of the user's RSA key pair (https://docs.snowflake.com/en/user-guide/key-pair-auth).`,
    );
  }
  if (key.asymmetricKeyType !== "rsa") {
    throw new SnowflakeConnectionError(
      `Snowflake connection setting ${keySetting}: the key is ${key.asymmetricKeyType ? `an ${key.asymmetricKeyType.toUpperCase()} key` : "not an RSA key"}; Snowflake key-pair authentication takes RSA keys (https://docs.snowflake.com/en/user-guide/key-pair-auth).`,
    );
  }
  return key.export({ type: "pkcs8", format: "pem" }).toString();
}
