/**
 * Renders `provider/DOCS.md`, the reference of every resource: inputs with SQL name, type, range (per sub-kind),
 * Snowflake default and its source, what a change and a removal do, whether drift is detected; outputs; rules.
 * @internal
 */
import type { ResourceModel } from "../../model/resource";
import { metaInputs, requiredInputs, typeToken } from "../../model/resource";
import type { PropSpec } from "../../model/types";
import { metaText, rangeText } from "./text";

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
    case "int":
      return "integer";
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

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function rangeCell(p: PropSpec): string {
  const r = rangeText(p);
  if (!r) return "—";
  const sources = p.rangeByKind ? Object.values(p.rangeByKind).map((x) => x.source) : [p.range!.source];
  return `${r} (${[...new Set(sources)].join("; ")})`;
}

/** One resource's section. */
export function resourceSection(m: ResourceModel): string {
  const required = new Set(requiredInputs(m));
  const out = [`## ${m.className}`, "", `Type token \`${typeToken(m)}\`, \`kind\` = \`${m.kind}\`. ${m.summary.split("\n")[0]}`, ""];
  out.push("| input | type | what |", "|---|---|---|");
  for (const [k, i] of Object.entries(metaInputs(m))) {
    out.push(`| \`${k}\`${required.has(k) ? " *" : ""} | ${cell(i.list ? `${i.tsType}[]` : i.tsType)} | ${cell(metaText(i))} |`);
  }
  out.push("");
  if (m.object) {
    const spec = m.object;
    out.push(
      "| property | SQL | type | range | Snowflake default | change | removed from program | drift detected |",
      "|---|---|---|---|---|---|---|---|",
    );
    for (const [arg, p] of Object.entries(spec.table)) {
      const def = p.default ? `\`${JSON.stringify(p.default.value)}\` (${cell(p.default.source)})` : "—";
      const change = p.immutable || !p.set ? "replace" : "ALTER SET";
      const kinds = p.kinds ? ` (${p.kinds.join(", ")} only)` : "";
      out.push(
        `| \`${arg}\`${p.required ? " *" : ""} | \`${p.sql}\`${kinds} | ${typeOf(p)} | ${cell(rangeCell(p))} | ${def} | ${change} | ${onRemoval(p)} | ${p.describe ? "yes" : "no"} |`,
      );
    }
    out.push("", `Cross-field rules: ${spec.rules.map((r) => `\`${r.name}\``).join(", ")}.`, "");
  }
  out.push("| output | type | secret | what |", "|---|---|---|---|");
  for (const [k, o] of Object.entries(m.outputs))
    out.push(`| \`${k}\` | ${cell(o.tsType)} | ${o.secret ? "yes" : "no"} | ${cell(o.doc)} |`);
  out.push("", `Sources: ${m.docs.join(", ")}`, "");
  return out.join("\n");
}

export function renderDocs(models: readonly ResourceModel[], generatedFrom: string): string {
  return [
    `<!-- Generated from ${generatedFrom} by scripts/generate (npm run generate). Do not edit: change the model instead. -->`,
    "# Resource reference",
    "",
    "Every input, output and rule of every resource, generated from the model (`model/`). `*` marks a required input.",
    "Behaviour, connection settings and statement counts are described in [BEHAVIOUR.md](BEHAVIOUR.md).",
    "",
    ...models.map(resourceSection),
  ].join("\n");
}
