/**
 * A tiny TOML reader for the subset Snowflake's `connections.toml` / `config.toml` use
 * (https://docs.snowflake.com/en/developer-guide/snowflake-cli/connecting/configure-connections):
 *  1. `# comments`, blank lines;
 *  2. tables `[name]`, dotted `[connections.name]`, quoted parts `["my conn"]`;
 *  3. `key = value` with bare or quoted keys; values: basic strings `"..."` (escapes `\" \\ \n \t \r \uXXXX`),
 *     literal strings `'...'`, multi-line `"""..."""` / `'''...'''`, integers, floats, booleans.
 * Arrays, inline tables and dates are not supported: such a value makes {@link parseToml} throw with the line number
 * (never the value).
 * @internal
 */

export type TomlValue = string | number | boolean | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

export class TomlError extends Error {
  constructor(file: string, line: number, what: string) {
    super(`${file}:${line}: ${what}`);
    this.name = "TomlError";
  }
}

function splitKey(text: string, file: string, line: number): string[] {
  const parts: string[] = [];
  let i = 0;
  const t = text.trim();
  while (i < t.length) {
    while (t[i] === " " || t[i] === "\t") i++;
    if (t[i] === '"' || t[i] === "'") {
      const q = t[i];
      const end = t.indexOf(q, i + 1);
      if (end < 0) throw new TomlError(file, line, "unterminated quoted key");
      parts.push(t.slice(i + 1, end));
      i = end + 1;
    } else {
      let j = i;
      while (j < t.length && t[j] !== ".") j++;
      const k = t.slice(i, j).trim();
      if (!/^[A-Za-z0-9_-]+$/.test(k)) throw new TomlError(file, line, "invalid key");
      parts.push(k);
      i = j;
    }
    while (t[i] === " " || t[i] === "\t") i++;
    if (i < t.length) {
      if (t[i] !== ".") throw new TomlError(file, line, "invalid key");
      i++;
    }
  }
  return parts;
}

function unescapeBasic(s: string, file: string, line: number): string {
  return s.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_m, e: string) => {
    switch (e[0]) {
      case "n": return "\n";
      case "t": return "\t";
      case "r": return "\r";
      case "b": return "\b";
      case "f": return "\f";
      case '"': return '"';
      case "\\": return "\\";
      case "u":
      case "U": return String.fromCodePoint(parseInt(e.slice(1), 16));
      default: throw new TomlError(file, line, "invalid escape in string");
    }
  });
}

/** Parse TOML text. `file` is used in error messages only. */
export function parseToml(text: string, file = "<toml>"): TomlTable {
  const root: TomlTable = {};
  let current = root;
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  for (let n = 0; n < lines.length; n++) {
    const lineNo = n + 1;
    const line = lines[n].trim();
    if (line === "" || line.startsWith("#")) continue;
    if (line.startsWith("[")) {
      const m = /^\[\s*(.+?)\s*\]\s*(#.*)?$/.exec(line);
      if (!m || line.startsWith("[[")) throw new TomlError(file, lineNo, "unsupported table header");
      current = root;
      for (const k of splitKey(m[1], file, lineNo)) {
        const next = current[k];
        if (next === undefined) current = current[k] = {};
        else if (typeof next === "object") current = next;
        else throw new TomlError(file, lineNo, `key '${k}' is not a table`);
      }
      continue;
    }
    const eq = findEquals(line);
    if (eq < 0) throw new TomlError(file, lineNo, "expected key = value");
    const keys = splitKey(line.slice(0, eq), file, lineNo);
    let rest = line.slice(eq + 1).trim();
    let value: TomlValue;
    if (rest.startsWith('"""') || rest.startsWith("'''")) {
      const q = rest.slice(0, 3);
      let body = rest.slice(3);
      while (!body.includes(q)) {
        n++;
        if (n >= lines.length) throw new TomlError(file, lineNo, "unterminated multi-line string");
        body += "\n" + lines[n];
      }
      const end = body.indexOf(q);
      let s = body.slice(0, end);
      if (s.startsWith("\n")) s = s.slice(1);
      value = q === '"""' ? unescapeBasic(s.replace(/\\\n\s*/g, ""), file, lineNo) : s;
      rest = body.slice(end + 3).trim();
    } else if (rest.startsWith('"')) {
      let i = 1;
      while (i < rest.length && rest[i] !== '"') i += rest[i] === "\\" ? 2 : 1;
      if (i >= rest.length) throw new TomlError(file, lineNo, "unterminated string");
      value = unescapeBasic(rest.slice(1, i), file, lineNo);
      rest = rest.slice(i + 1).trim();
    } else if (rest.startsWith("'")) {
      const end = rest.indexOf("'", 1);
      if (end < 0) throw new TomlError(file, lineNo, "unterminated string");
      value = rest.slice(1, end);
      rest = rest.slice(end + 1).trim();
    } else {
      const m = /^([^#\s]+)\s*(#.*)?$/.exec(rest);
      if (!m) throw new TomlError(file, lineNo, "invalid value");
      const tok = m[1];
      if (tok === "true" || tok === "false") value = tok === "true";
      else if (/^[+-]?\d[\d_]*$/.test(tok)) value = Number(tok.replace(/_/g, ""));
      else if (/^[+-]?\d[\d_]*(\.\d+)?([eE][+-]?\d+)?$/.test(tok)) value = Number(tok.replace(/_/g, ""));
      else throw new TomlError(file, lineNo, "unsupported value (arrays, inline tables and dates are not supported)");
      rest = m[2] ?? "";
    }
    if (rest !== "" && !rest.startsWith("#")) throw new TomlError(file, lineNo, "unexpected text after value");
    let t = current;
    for (const k of keys.slice(0, -1)) {
      const next = t[k];
      if (next === undefined) t = t[k] = {};
      else if (typeof next === "object") t = next;
      else throw new TomlError(file, lineNo, `key '${k}' is not a table`);
    }
    t[keys[keys.length - 1]] = value;
  }
  return root;
}

function findEquals(line: string): number {
  let q: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === q) q = undefined;
    } else if (c === '"' || c === "'") q = c;
    else if (c === "=") return i;
  }
  return -1;
}
