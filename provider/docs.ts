/**
 * README tables derived from the property tables (run `node dist/provider/docs.js`): every input with its SQL name,
 * type, Snowflake default (and source), what removing it from the program does, and whether drift is detected.
 * @internal
 */
import { EXTERNAL_OAUTH } from "../model/externalOAuth";
import { NETWORK_POLICY } from "../model/networkPolicy";
import { OAUTH_CUSTOM } from "../model/oauthCustom";
import { OAUTH_PARTNER } from "../model/oauthPartner";
import type { ObjectSpec, PropSpec } from "../model/types";

function typeOf(p: PropSpec): string {
  switch (p.kind) {
    case "enum":
      return p.values!.map((v) => `\`${v}\``).join(" \\| ");
    case "roleList":
      return "role names";
    case "stringList":
    case "ipList":
    case "qualifiedList":
      return "string[]";
    case "identifierRef":
      return "name";
    case "int": {
      const r = p.range;
      return r ? `integer ${r.min}–${r.max}` : "integer";
    }
    default:
      return p.kind === "bool" ? "boolean" : "string";
  }
}

function onRemoval(p: PropSpec): string {
  if (p.required) return "required";
  switch (p.reset) {
    case "unset":
      return `\`UNSET ${p.sql}\``;
    case "setDefault":
      return `\`SET ${p.sql} = <default>\``;
    case "setEmpty":
      return `\`SET ${p.sql} = ()\``;
    case "replace":
      return "replace";
  }
}

/** One markdown table of a kind's inputs. */
export function inputsTable(spec: ObjectSpec): string {
  const rows = Object.entries(spec.table).map(([arg, p]) => {
    const def = p.default ? `\`${JSON.stringify(p.default.value)}\` (${p.default.source})` : "—";
    const change = p.immutable || !p.set ? "replace" : "ALTER SET";
    const kinds = p.kinds ? ` (${p.kinds.join(", ")} only)` : "";
    return `| \`${arg}\`${p.required ? " *" : ""} | \`${p.sql}\`${kinds} | ${typeOf(p)} | ${def} | ${change} | ${onRemoval(p)} | ${p.describe ? "yes" : "no"} |`;
  });
  return [
    `#### ${spec.resource} inputs`,
    "",
    "| input | SQL | type | Snowflake default | change | removed from program | drift detected |",
    "|---|---|---|---|---|---|---|",
    ...rows,
    "",
    `Cross-field rules: ${spec.rules.map((r) => `\`${r.name}\``).join(", ")}.`,
  ].join("\n");
}

if (require.main === module) {
  for (const s of [OAUTH_CUSTOM, OAUTH_PARTNER, EXTERNAL_OAUTH, NETWORK_POLICY]) console.log(inputsTable(s) + "\n");
}
