/**
 * The provider's connection settings and where each value came from, for messages that name a setting's source
 * (`stack config snowflake:user`, `env SNOWFLAKE_USER`, `/home/me/.snowflake/connections.toml [dev] user`) and never a
 * secret's value.
 * @internal
 */

export type SettingKey =
  | "account"
  | "user"
  | "role"
  | "password"
  | "privateKey"
  | "privateKeyPath"
  | "privateKeyPassphrase"
  | "authenticator"
  | "token"
  | "host"
  | "url";

export const SETTING_KEYS: readonly SettingKey[] = [
  "account",
  "user",
  "role",
  "password",
  "privateKey",
  "privateKeyPath",
  "privateKeyPassphrase",
  "authenticator",
  "token",
  "host",
  "url",
];

/** Settings whose values are secret (never printed). */
export const SECRET_SETTINGS: ReadonlySet<SettingKey> = new Set(["password", "privateKey", "privateKeyPassphrase", "token"]);

/** A setting's value and where it came from. */
export interface Sourced {
  readonly value: string;
  readonly source: string;
}

export type ResolvedSettings = Partial<Record<SettingKey, Sourced>>;

/** Describe a setting for messages: its source, and its value only when it is not secret. */
export function describeSetting(key: SettingKey, s: Sourced | undefined): string {
  if (!s) return `${key} (not set)`;
  return SECRET_SETTINGS.has(key) ? `${key} from ${s.source}` : `${key} '${s.value}' from ${s.source}`;
}

/** Where a user sets `key`, for "what to do" hints (`namespace`: the stack config namespace, `snowflake` or the plugin's). */
export function whereToSet(key: SettingKey, namespace = "snowflake"): string {
  const hints: Record<SettingKey, string> = {
    account: "stack config snowflake:account, env SNOWFLAKE_ACCOUNT or 'account' in connections.toml",
    user: "stack config snowflake:user, env SNOWFLAKE_USER or 'user' in connections.toml",
    role: "stack config snowflake:role, env SNOWFLAKE_ROLE or 'role' in connections.toml",
    password: "stack config snowflake:password (--secret), env SNOWFLAKE_PASSWORD or 'password' in connections.toml",
    privateKey: "stack config snowflake:privateKey (--secret), env SNOWFLAKE_PRIVATE_KEY or 'private_key' in connections.toml",
    privateKeyPath: "stack config snowflake:privateKeyPath, env SNOWFLAKE_PRIVATE_KEY_PATH or 'private_key_file' in connections.toml",
    privateKeyPassphrase:
      "stack config snowflake:privateKeyPassphrase (--secret), env SNOWFLAKE_PRIVATE_KEY_PASSPHRASE or 'private_key_file_pwd' in connections.toml",
    authenticator: "stack config snowflake:authenticator, env SNOWFLAKE_AUTHENTICATOR or 'authenticator' in connections.toml",
    token: "stack config snowflake:token (--secret), env SNOWFLAKE_TOKEN or 'token' in connections.toml",
    host: "stack config snowflake:host, env SNOWFLAKE_HOST or 'host' in connections.toml",
    url: "stack config snowflake:url or env SNOWFLAKE_URL",
  };
  return namespace === "snowflake" ? hints[key] : hints[key].replace("stack config snowflake:", `stack config ${namespace}:`);
}
