/**
 * The user-facing sentences about a property, from its model entry: used by the SDK TSDoc and by DOCS.md, so both say
 * the same range and default that `check()` enforces.
 * @internal
 */
import type { MetaInput } from "../../model/resource";
import type { PropSpec } from "../../model/types";

/** `60–3600`, or per sub-kind `TABLEAU_DESKTOP 60–36000; LOOKER 3600–7776000`. */
export function rangeText(p: PropSpec): string | undefined {
  if (p.rangeByKind) {
    return Object.entries(p.rangeByKind)
      .map(([k, r]) => `${k} ${r.min}–${r.max}`)
      .join("; ");
  }
  return p.range ? `${p.range.min}–${p.range.max}` : undefined;
}

function literal(v: unknown): string {
  return `\`${JSON.stringify(v)}\``;
}

/** The "Default …" sentence. */
export function defaultText(p: PropSpec): string {
  if (p.defaultDoc) return p.defaultDoc;
  if (p.required) return "Required.";
  if (p.default === undefined) return "Default: none.";
  const v = p.default.value;
  if (v === "" || (Array.isArray(v) && v.length === 0)) return "Default: none.";
  return `Default value is ${literal(v)}.`;
}

/** The whole TSDoc / DOCS text of a table property. */
export function propertyText(p: PropSpec): string {
  const parts = [p.doc];
  const range = rangeText(p);
  if (range) parts.push(`Range: ${range}.`);
  if (p.maxItems !== undefined) {
    const by = p.maxItemsByKind
      ? `; ${Object.entries(p.maxItemsByKind)
          .map(([k, n]) => `${k} ${n}`)
          .join(", ")}`
      : "";
    parts.push(`At most ${p.maxItems} item(s)${by}.`);
  }
  if (p.kinds) parts.push(`Only for ${p.kinds.join(", ")}.`);
  if (p.requiredForKinds) parts.push(`Required for ${p.requiredForKinds.join(", ")}.`);
  if (p.immutable || !p.set) parts.push("Cannot be altered: a change replaces the object.");
  parts.push(defaultText(p));
  return parts.join(" ");
}

/** The whole TSDoc / DOCS text of a meta input. */
export function metaText(i: MetaInput): string {
  return [i.doc, i.required ? "Required." : i.defaultDoc].filter(Boolean).join(" ");
}

/** A TSDoc block at `indent`, wrapped at about 118 columns. */
export function tsdoc(text: string, indent: string): string {
  const width = 118 - indent.length - 3;
  const lines: string[] = [];
  let inCode = false;
  for (const para of text.split("\n")) {
    if (para.startsWith("```")) inCode = !inCode;
    if (inCode || para.startsWith("```") || para === "") {
      lines.push(para);
      continue;
    }
    let line = "";
    for (const w of para.split(" ")) {
      if (line && (line + " " + w).length > width) {
        lines.push(line);
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    if (line) lines.push(line);
  }
  if (lines.length === 1 && lines[0].length <= width - 4) return `${indent}/** ${lines[0]} */`;
  return [`${indent}/**`, ...lines.map((l) => (l === "" ? `${indent} *` : `${indent} * ${l}`)), `${indent} */`].join("\n");
}
