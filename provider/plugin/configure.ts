/**
 * Connection settings for the provider plugin. The engine sends them in `Configure`: the default provider's come
 * from stack config under the package's namespace (`snowflake-oauth:user`), an explicit provider resource's from
 * its inputs. They go to the same session as the dynamic resources' stack config (`snowflake:<key>`), and the
 * precedence after them (environment, connections.toml) is unchanged (provider/connection/config.ts).
 * server-patches.ts hands the Configure request here.
 * @internal
 */
import { SETTING_KEYS } from "../connection/sourced";
import * as session from "../connection/session";
import { unwrapBag } from "./secrets";
import { PLUGIN_PACKAGE } from "../../model/resource";
import { startPlanFile } from "../resources/announce";

const KEYS: readonly string[] = [...SETTING_KEYS, "connectionName"];

/** The settings of one Configure request: its `args` (plain keys), else its `variables` (`pkg:config:key`). */
export function settingsOf(args: Record<string, unknown> | undefined, variables: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const { plain } = unwrapBag(args);
  for (const k of KEYS) {
    const v = plain[k];
    if (typeof v === "string" && v !== "") out[k] = v;
  }
  for (const [full, v] of variables) {
    const k = full.slice(full.lastIndexOf(":") + 1);
    if (KEYS.includes(k) && out[k] === undefined && v !== "") out[k] = v;
  }
  return out;
}

/**
 * Hand the settings to the shared session, as the dynamic providers' `configure` does with stack config. Messages
 * name them as the plugin's user sets them: `snowflake-oauth:<key>` for the default provider, or an explicit
 * provider's input of that name (Configure does not say which of the two it was).
 */
export function applySettings(settings: Record<string, string>): void {
  session.configure({
    get: (key) => (key.startsWith("snowflake:") ? settings[key.slice("snowflake:".length)] : undefined),
    namespace: PLUGIN_PACKAGE,
    sourceOf: (key) => `stack config ${PLUGIN_PACKAGE}:${key} or the provider's ${key} input`,
  });
  startPlanFile();
}
