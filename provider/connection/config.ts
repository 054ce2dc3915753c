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
 *     else `default`; when connections.toml does not exist, the `[connections.<name>]` tables of config.toml (the
 *     Snowflake CLI's own place for them). A name that is set (by any of the first three) but names no connection is
 *     an error; only the implicit `default` may be missing. Keys: account, user, password, role, authenticator, token, host, port, protocol,
 *     private_key_file (or private_key_path), private_key_file_pwd (or private_key_passphrase), private_key (raw PEM).
 *
 * Sources for these rules: https://docs.snowflake.com/en/developer-guide/snowflake-cli/connecting/configure-connections,
 * https://docs.snowflake.com/en/developer-guide/python-connector/python-connector-connect#connecting-using-the-connections-toml-file,
 * and snowflakedb/snowflake-connector-python `src/snowflake/connector/config_manager.py` (connections.toml replaces
 * config.toml's `connections`; `default_connection_name` defaults to `default`; a named connection that is not
 * found raises). The files are parsed with smol-toml (./toml.ts); their permissions are not checked.
 *
 * Every resolved value remembers its source so errors can say where it came from; a secret's value never appears in
 * a message.
 * @internal
 */
import * as os from "node:os";
import * as path from "node:path";
import { checkAuthenticator } from "./authenticators";
import { SnowflakeConnectionError } from "./errors";
import { loadPrivateKey } from "./private-key";
import { describeSetting, SETTING_KEYS, whereToSet, type ResolvedSettings, type SettingKey } from "./sourced";
import { readTomlFile, type TomlTable } from "./toml";

export { describeSetting, SECRET_SETTINGS, SETTING_KEYS } from "./sourced";
export type { ResolvedSettings, SettingKey, Sourced } from "./sourced";

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

/** Read access to the stack config as `configure()` receives it. */
export interface ConfigReader {
  get(key: string): string | undefined;
  /** The config namespace users set these keys under, for messages (default `snowflake`; the plugin's is `snowflake-oauth`). */
  readonly namespace?: string;
  /** Where the value of `snowflake:<key>` came from, for messages (default `stack config <namespace>:<key>`). */
  sourceOf?(key: string): string;
}

function configSource(config: ConfigReader | undefined, key: string): string {
  return config?.sourceOf?.(key) ?? `stack config ${config?.namespace ?? "snowflake"}:${key}`;
}

function tomlDir(env: NodeJS.ProcessEnv): string {
  return env.SNOWFLAKE_HOME ? env.SNOWFLAKE_HOME : path.join(env.HOME || os.homedir(), ".snowflake");
}

const isTable = (v: unknown): v is TomlTable => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** The connection name to use and who chose it (undefined source: the implicit `default`). */
function connectionName(
  config: ConfigReader | undefined,
  env: NodeJS.ProcessEnv,
  conns: TomlTable | undefined,
  cfg: TomlTable | undefined,
  dir: string,
) {
  const fromConfig = config?.get("snowflake:connectionName");
  if (fromConfig) return { name: fromConfig, source: configSource(config, "connectionName") };
  if (env.SNOWFLAKE_DEFAULT_CONNECTION_NAME)
    return { name: env.SNOWFLAKE_DEFAULT_CONNECTION_NAME, source: "env SNOWFLAKE_DEFAULT_CONNECTION_NAME" };
  for (const [t, f] of [
    [conns, "connections.toml"],
    [cfg, "config.toml"],
  ] as const) {
    const v = t?.default_connection_name;
    if (typeof v === "string" && v !== "") return { name: v, source: `default_connection_name in ${path.join(dir, f)}` };
  }
  return { name: "default", source: undefined };
}

/** The named connection's table and the file it is in; undefined when there is none. */
function findConnection(name: string, file: string, conns: TomlTable | undefined, cfgFile: string, cfg: TomlTable | undefined) {
  if (conns) {
    const t = conns[name] ?? (isTable(conns.connections) ? conns.connections[name] : undefined);
    return { table: isTable(t) && name !== "connections" ? t : undefined, file, known: connectionNames(conns, true) };
  }
  const t = isTable(cfg?.connections) ? cfg.connections[name] : undefined;
  return { table: isTable(t) ? t : undefined, file: cfgFile, known: cfg ? connectionNames(cfg, false) : [] };
}

function connectionNames(t: TomlTable, topLevel: boolean): string[] {
  const names = topLevel ? Object.keys(t).filter((k) => k !== "connections" && isTable(t[k])) : [];
  if (isTable(t.connections)) names.push(...Object.keys(t.connections).filter((k) => isTable((t.connections as TomlTable)[k])));
  return names;
}

/** Resolve every setting from stack config, then environment, then connections.toml. */
export function resolveSettings(config: ConfigReader | undefined, env: NodeJS.ProcessEnv = process.env): ResolvedSettings {
  const out: ResolvedSettings = {};
  for (const k of SETTING_KEYS) {
    const v = config?.get(`snowflake:${k}`);
    if (v !== undefined && v !== "") out[k] = { value: v, source: configSource(config, k) };
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
  const cfgFile = path.join(dir, "config.toml");
  const conns = readTomlFile(file);
  const cfg = readTomlFile(cfgFile);
  const { name, source: nameSource } = connectionName(config, env, conns, cfg, dir);
  const found = findConnection(name, file, conns, cfgFile, cfg);
  const section = found.table;
  if (!section && nameSource) {
    const where = conns || cfg ? found.file : `${file} (no such file)`;
    const known = found.known.length ? `it has ${found.known.map((n) => `'${n}'`).join(", ")}` : "it has no connections";
    throw new SnowflakeConnectionError(
      `Snowflake connection '${name}' (named by ${nameSource}) is not in ${where}; ${known}. ` +
        `Name one of its connections, add a [${name}] section to ${file}, or unset the name.`,
    );
  }
  if (section) {
    const at = `${found.file} [${name}]`;
    for (const k of SETTING_KEYS) {
      if (out[k]) continue;
      for (const tk of TOML[k]) {
        const v = section[tk];
        if (v !== undefined && (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || typeof v === "bigint")) {
          out[k] = { value: String(v), source: `${at} ${tk}` };
          break;
        }
      }
    }
    if (
      !out.url &&
      section.host !== undefined &&
      (section.port !== undefined || section.protocol !== undefined) &&
      out.host?.source.startsWith(at)
    ) {
      const proto = String(section.protocol ?? "https");
      out.url = {
        value: `${proto}://${String(section.host)}${section.port !== undefined ? `:${String(section.port)}` : ""}`,
        source: `${at} protocol/host/port`,
      };
    }
  }
  return out;
}

/** Connection options for snowflake-sdk. A key-pair login gets the decrypted key as `privateKey`, never a path. */
export interface DriverOptions {
  account: string;
  username?: string;
  password?: string;
  authenticator: string;
  token?: string;
  privateKey?: string;
  role?: string;
  accessUrl?: string;
}

/** The authenticator to use and why: the setting, or the credential that implies it. */
export function chooseAuthenticator(s: ResolvedSettings): { value: string; why: string } {
  if (s.authenticator) return { value: checkAuthenticator(s.authenticator), why: `from ${s.authenticator.source}` };
  if (s.token) return { value: "OAUTH", why: `not set; chosen because token is set (from ${s.token.source})` };
  const key = s.privateKey ? "privateKey" : s.privateKeyPath ? "privateKeyPath" : undefined;
  if (key) return { value: "SNOWFLAKE_JWT", why: `not set; chosen because ${key} is set (from ${s[key]!.source})` };
  return { value: "SNOWFLAKE", why: "not set; the default, password login" };
}

/**
 * Check every setting that can be checked without Snowflake (authenticator name, key file, passphrase, required
 * settings) and build the driver's options; a problem is one {@link SnowflakeConnectionError} that names the setting,
 * its source and the fix.
 */
export function driverOptions(s: ResolvedSettings, namespace = "snowflake"): DriverOptions {
  const where = () =>
    SETTING_KEYS.filter((k) => s[k])
      .map((k) => describeSetting(k, s[k]))
      .join("; ") || "no settings found";
  if (!s.account)
    throw new SnowflakeConnectionError(`Snowflake account is not configured: set ${whereToSet("account", namespace)} (found: ${where()}).`);
  const auth = chooseAuthenticator(s).value;
  const o: DriverOptions = { account: s.account.value, authenticator: auth };
  if (s.user) o.username = s.user.value;
  if (s.role) o.role = s.role.value;
  if (s.url) o.accessUrl = s.url.value;
  else if (s.host) o.accessUrl = /^https?:\/\//.test(s.host.value) ? s.host.value : `https://${s.host.value}`;
  if (auth === "OAUTH" || auth === "PROGRAMMATIC_ACCESS_TOKEN") {
    if (!s.token) {
      throw new SnowflakeConnectionError(
        `Snowflake connection setting ${describeSetting("authenticator", s.authenticator)} needs a token: set ${whereToSet("token", namespace)}.`,
      );
    }
    o.token = s.token.value;
  } else if (auth === "SNOWFLAKE_JWT") {
    o.privateKey = loadPrivateKey(s);
  } else if (auth === "SNOWFLAKE" || auth === "USERNAME_PASSWORD_MFA") {
    if (!s.password)
      throw new SnowflakeConnectionError(
        `Snowflake password authentication (${auth}) needs a password: set ${whereToSet("password", namespace)} (found: ${where()}).`,
      );
    o.password = s.password.value;
  } else if (s.password) {
    o.password = s.password.value; // an Okta URL logs in with user and password
  }
  if (!o.username)
    throw new SnowflakeConnectionError(`Snowflake user is not configured: set ${whereToSet("user", namespace)} (found: ${where()}).`);
  return o;
}
