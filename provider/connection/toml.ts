/**
 * Reads Snowflake's `connections.toml` / `config.toml` with `smol-toml`, a TOML 1.0 parser
 * (https://github.com/squirrelchat/smol-toml), so arrays, inline tables and dates in a user's file parse.
 * Syntax errors name the file, line and column and smol-toml's short reason, but never the text of the file: its
 * "code block" excerpt could show a password.
 * @internal
 */
import * as fs from "node:fs";
import { parse, TomlError, type TomlTable } from "smol-toml";
import { SnowflakeConnectionError } from "./errors";

export type { TomlTable };

/** Parse TOML text; `file` is used in error messages only. */
export function parseToml(text: string, file = "<toml>"): TomlTable {
  try {
    return parse(text);
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    // "Invalid TOML document: <reason>\n\n<code block>": keep the reason only when it is one of smol-toml's fixed texts.
    const reason = /^Invalid TOML document: ([a-z][a-z ,:.-]*)$/m.exec(e.message.split("\n")[0])?.[1];
    throw new SnowflakeConnectionError(
      `${file}:${e.line}:${e.column}: not valid TOML${reason ? ` (${reason})` : ""}. Fix the file (https://toml.io/en/v1.0.0) or point SNOWFLAKE_HOME at another directory.`,
    );
  }
}

/** The parsed file, or undefined when it does not exist. A file that exists but cannot be read is an error. */
export function readTomlFile(file: string): TomlTable | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new SnowflakeConnectionError(
      `${file} cannot be read (${code === "EACCES" ? "permission denied" : code === "EISDIR" ? "it is a directory" : "read error"}). Make it readable by this user or point SNOWFLAKE_HOME at another directory.`,
    );
  }
  return parseToml(text, file);
}
