/**
 * Where the provider's Snowflake credentials come from, resolved at run time (in the provider process, never in the
 * program or the serialized provider).
 *
 * Precedence, per setting (first source that has it wins):
 *  1. Pulumi stack config `snowflake:<key>` (received by the dynamic provider's `configure()`; secrets decrypted):
 *     account, user, role, password, privateKey, privateKeyPath, privateKeyPassphrase, authenticator, token, host, url,
 *     connectionName.
 *  2. Environment: `SNOWFLAKE_ACCOUNT`, `SNOWFLAKE_USER`, `SNOWFLAKE_ROLE`, `SNOWFLAKE_PASSWORD`, `SNOWFLAKE_PRIVATE_KEY`,
 *     `SNOWFLAKE_PRIVATE_KEY_PATH` (or `SNOWFLAKE_PRIVATE_KEY_FILE`), `SNOWFLAKE_PRIVATE_KEY_PASSPHRASE` (or
 *     `SNOWFLAKE_PRIVATE_KEY_FILE_PWD`), `SNOWFLAKE_AUTHENTICATOR`, `SNOWFLAKE_TOKEN`, `SNOWFLAKE_HOST`, `SNOWFLAKE_URL`.
 *  3. `connections.toml` as Snowflake's tools read it: `$SNOWFLAKE_HOME/connections.toml`, else
 *     `~/.snowflake/connections.toml`; the connection named by `snowflake:connectionName`, else
 *     `SNOWFLAKE_DEFAULT_CONNECTION_NAME`, else `default_connection_name` (top level of connections.toml or config.toml),
 *     else `default`. Keys: account, user, password, role, authenticator, token, host, port, protocol,
 *     private_key_file (or private_key_path), private_key_file_pwd (or private_key_passphrase), private_key (raw PEM).
 *
 * Every resolved value remembers its source so errors can say where it came from; a secret's value never appears in
 * a message.
 * @internal
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseToml, type TomlTable } from "./toml";

export type SettingKey =
  | "account" | "user" | "role" | "password" | "privateKey" | "privateKeyPath" | "privateKeyPassphrase"
  | "authenticator" | "token" | "host" | "url";

export const SETTING_KEYS: readonly SettingKey[] = [
  "account", "user", "role", "password", "privateKey", "privateKeyPath", "privateKeyPassphrase", "authenticator", "token", "host", "url",
];

/** Settings whose values are secret (never printed). */
export const SECRET_SETTINGS: ReadonlySet<SettingKey> = new Set(["password", "privateKey", "privateKeyPassphrase", "token"]);

const ENV: Record<SettingKey, string[]> = {
  account: ["SNOWFLAKE_ACCOUNT"],
  user: ["SNOWFLAKE_USER"],
  role: ["SNOWFLAKE_ROLE"],
  password: ["SNOWFLAKE_PASSWORD"],
  privateKey: ["SNOWFLAKE_PRIVATE_KEY"],
  privateKeyPath: ["SNOWFLAKE_PRIVATE_KEY_PATH", "SNOWFLAKE_PRIVATE_KEY_FILE"],
  privateKeyPassphrase: ["SNOWFLAKE_PRIVATE_KEY_PASSPHRASE", "SNOWFLAKE_PRIVATE_KEY_FILE_PWD"],
  authenticator: ["SNOWFLAKE_AUTHENTICATOR"],
  token: ["SNOWFLAKE_TOKEN"],
  host: ["SNOWFLAKE_HOST"],
  url: ["SNOWFLAKE_URL"],
};

const TOML: Record<SettingKey, string[]> = {
  account: ["account"],
  user: ["user", "username"],
  role: ["role"],
  password: ["password"],
  privateKey: ["private_key"],
  privateKeyPath: ["private_key_file", "private_key_path"],
  privateKeyPassphrase: ["private_key_file_pwd", "private_key_passphrase"],
  authenticator: ["authenticator"],
  token: ["token"],
  host: ["host"],
  url: ["url"],
};

/** A setting's value and where it came from (`stack config snowflake:user`, `env SNOWFLAKE_USER`, `/x/connections.toml [dev] user`). */
export interface Sourced {
  readonly value: string;
  readonly source: string;
}

export type ResolvedSettings = Partial<Record<SettingKey, Sourced>>;

/** Read access to the stack config as `configure()` receives it. */
export interface ConfigReader {
  get(key: string): string | undefined;
}

/** Describe a setting for messages: its source, and its value only when it is not secret. */
export function describeSetting(key: SettingKey, s: Sourced | undefined): string {
  if (!s) return `${key} (not set)`;
  return SECRET_SETTINGS.has(key) ? `${key} from ${s.source}` : `${key} '${s.value}' from ${s.source}`;
}

function tomlDir(env: NodeJS.ProcessEnv): string {
  return env.SNOWFLAKE_HOME ? env.SNOWFLAKE_HOME : path.join(env.HOME || os.homedir(), ".snowflake");
}

function readTomlIfExists(file: string): TomlTable | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  return parseToml(text, file);
}

/** Resolve every setting from stack config, then environment, then connections.toml. */
export function resolveSettings(config: ConfigReader | undefined, env: NodeJS.ProcessEnv = process.env): ResolvedSettings {
  const out: ResolvedSettings = {};
  for (const k of SETTING_KEYS) {
    const v = config?.get(`snowflake:${k}`);
    if (v !== undefined && v !== "") out[k] = { value: v, source: `stack config snowflake:${k}` };
  }
  for (const k of SETTING_KEYS) {
    if (out[k]) continue;
    for (const name of ENV[k]) {
      const v = env[name];
      if (v !== undefined && v !== "") {
        out[k] = { value: v, source: `env ${name}` };
        break;
      }
    }
  }
  const dir = tomlDir(env);
  const file = path.join(dir, "connections.toml");
  const conns = readTomlIfExists(file);
  if (conns) {
    const cfg = readTomlIfExists(path.join(dir, "config.toml"));
    const cfgName = typeof cfg?.default_connection_name === "string" ? cfg.default_connection_name : undefined;
    const topName = typeof conns.default_connection_name === "string" ? conns.default_connection_name : undefined;
    const name =
      config?.get("snowflake:connectionName") || env.SNOWFLAKE_DEFAULT_CONNECTION_NAME || topName || cfgName || "default";
    const explicit = !!(config?.get("snowflake:connectionName") || env.SNOWFLAKE_DEFAULT_CONNECTION_NAME);
    const section = (conns[name] ?? (conns.connections as TomlTable | undefined)?.[name]) as TomlTable | undefined;
    if (section && typeof section === "object") {
      for (const k of SETTING_KEYS) {
        if (out[k]) continue;
        for (const tk of TOML[k]) {
          const v = section[tk];
          if (v !== undefined && typeof v !== "object") {
            out[k] = { value: String(v), source: `${file} [${name}] ${tk}` };
            break;
          }
        }
      }
      if (!out.url && section.host !== undefined && (section.port !== undefined || section.protocol !== undefined) && out.host?.source.startsWith(file)) {
        const proto = String(section.protocol ?? "https");
        out.url = { value: `${proto}://${section.host}${section.port !== undefined ? `:${section.port}` : ""}`, source: `${file} [${name}] protocol/host/port` };
      }
    } else if (explicit) {
      throw new Error(`Snowflake connection '${name}' was requested but ${file} has no [${name}] section.`);
    }
  }
  return out;
}

/** Connection options for snowflake-sdk, or an error that says which setting is missing and where others came from. */
export interface DriverOptions {
  account: string;
  username?: string;
  password?: string;
  authenticator?: string;
  token?: string;
  privateKey?: string;
  privateKeyPath?: string;
  privateKeyPass?: string;
  role?: string;
  accessUrl?: string;
  host?: string;
}

export function driverOptions(s: ResolvedSettings): DriverOptions {
  const where = () => SETTING_KEYS.filter((k) => s[k]).map((k) => describeSetting(k, s[k])).join("; ") || "no settings found";
  if (!s.account) {
    throw new Error(
      `Snowflake account is not configured: set stack config snowflake:account, env SNOWFLAKE_ACCOUNT or 'account' in connections.toml (found: ${where()}).`,
    );
  }
  const o: DriverOptions = { account: s.account.value };
  if (s.user) o.username = s.user.value;
  if (s.role) o.role = s.role.value;
  if (s.url) o.accessUrl = s.url.value;
  else if (s.host) o.accessUrl = /^https?:\/\//.test(s.host.value) ? s.host.value : `https://${s.host.value}`;
  let auth = s.authenticator?.value.toUpperCase();
  if (!auth) auth = s.token ? "OAUTH" : s.privateKey || s.privateKeyPath ? "SNOWFLAKE_JWT" : "SNOWFLAKE";
  o.authenticator = auth;
  if (auth === "OAUTH" || auth === "PROGRAMMATIC_ACCESS_TOKEN") {
    if (!s.token) throw new Error(`Snowflake authenticator ${auth} (${describeSetting("authenticator", s.authenticator)}) needs a token: set snowflake:token or SNOWFLAKE_TOKEN.`);
    o.token = s.token.value;
  } else if (auth === "SNOWFLAKE_JWT") {
    if (s.privateKey) o.privateKey = s.privateKey.value.replace(/\\n/g, "\n");
    else if (s.privateKeyPath) o.privateKeyPath = s.privateKeyPath.value.replace(/^~(?=\/)/, os.homedir());
    else throw new Error("Snowflake key-pair authentication needs snowflake:privateKey or snowflake:privateKeyPath (or SNOWFLAKE_PRIVATE_KEY_PATH, or private_key_file in connections.toml).");
    if (s.privateKeyPassphrase) o.privateKeyPass = s.privateKeyPassphrase.value;
  } else if (auth === "SNOWFLAKE") {
    if (!s.password) throw new Error(`Snowflake password authentication needs a password: set snowflake:password (secret), SNOWFLAKE_PASSWORD or 'password' in connections.toml (found: ${where()}).`);
    o.password = s.password.value;
  }
  if (!o.username) throw new Error(`Snowflake user is not configured: set snowflake:user, SNOWFLAKE_USER or 'user' in connections.toml (found: ${where()}).`);
  return o;
}
