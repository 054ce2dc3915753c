/**
 * Renders one SDK file (`sdk/<resource>.ts`): the `Args` interface with TSDoc from the model, the class with its
 * typed outputs, and a constructor that hands the model to the generic `sdk/internal/resource.ts`.
 * @internal
 */
import type { ResourceModel } from "../../model/resource";
import { allInputNames, metaInputs, requiredInputs, typeToken } from "../../model/resource";
import type { PropSpec } from "../../model/types";
import { metaText, propertyText, tsdoc } from "./text";

/** The TypeScript value type of a table property. */
export function propType(p: PropSpec): { type: string; list: boolean } {
  switch (p.kind) {
    case "bool":
      return { type: "boolean", list: false };
    case "int":
      return { type: "number", list: false };
    case "enum":
      return { type: p.values!.map((v) => JSON.stringify(v)).join(" | "), list: false };
    case "roleList":
    case "stringList":
    case "ipList":
    case "qualifiedList":
      return { type: "string", list: true };
    default:
      return { type: "string", list: false };
  }
}

function inputType(t: { type: string; list: boolean }): string {
  return t.list ? `pulumi.Input<pulumi.Input<${t.type}>[]>` : `pulumi.Input<${t.type}>`;
}

function outputType(t: { type: string; list: boolean }, required: boolean): string {
  const v = t.list ? `${t.type.includes("|") ? `(${t.type})` : t.type}[]` : t.type;
  return `pulumi.Output<${required ? v : `${v} | undefined`}>`;
}

/** The model's variable name in its model file, found by identity. */
export interface ModelRef {
  readonly file: string;
  readonly exportName: string;
}

export function renderSdkClass(m: ResourceModel, ref: ModelRef): string {
  const meta = metaInputs(m);
  const table = m.object?.table ?? {};
  const required = new Set(requiredInputs(m));
  const typeOf = (k: string): { type: string; list: boolean } =>
    k in meta ? { type: meta[k].tsType, list: !!meta[k].list } : propType(table[k]);
  const args = allInputNames(m).map((k) => {
    const text = k in meta ? metaText(meta[k]) : propertyText(table[k]);
    return `${tsdoc(text, "  ")}\n  ${k}${required.has(k) ? "" : "?"}: ${inputType(typeOf(k))};`;
  });
  const outputs = Object.entries(m.outputs).map(([k, o]) => `${tsdoc(o.doc, "  ")}\n  declare readonly ${k}: pulumi.Output<${o.tsType}>;`);
  const echoed = (m.echoedInputs ?? []).map((k) => {
    const doc = k === "name" ? "The name as declared (identifier text)." : `The declared \`${k}\`.`;
    const t = typeOf(k);
    return `${tsdoc(doc, "  ")}\n  declare readonly ${k}: ${outputType(t, required.has(k) || k === "name" || !!meta[k]?.sdkDefault)};`;
  });
  const anyRequired = required.size > 0;
  const classDoc = [m.summary, "", "## Example Usage", "", m.example ?? "", "", ...m.docs.map((d) => `Based on ${d} .`)].join("\n");
  return [
    `// Generated from ${ref.file} by scripts/generate (npm run generate). Do not edit: change the model instead.`,
    `import * as pulumi from "@pulumi/pulumi";`,
    `import { ${ref.exportName} } from "../${ref.file.replace(/\.ts$/, "")}";`,
    `import { resourceArgs, resourceOptions } from "./internal/resource";`,
    `import { shim } from "./internal/shim";`,
    "",
    `/** The serialized provider captures nothing but code and the kind's name (see sdk/internal/shim.ts). */`,
    `const provider = shim(${JSON.stringify(m.providerKind)});`,
    "",
    tsdoc(
      `Arguments of {@link ${m.className}}.${m.object ? " Leaving a property unset means Snowflake's default, which drift repair restores." : ""}`,
      "",
    ),
    `export interface ${m.className}Args {`,
    args.join("\n"),
    "}",
    "",
    tsdoc(classDoc, ""),
    `export class ${m.className} extends pulumi.dynamic.Resource {`,
    `  /** The type token policy packs match on. */`,
    `  static readonly __pulumiType = ${JSON.stringify(typeToken(m))};`,
    "",
    `  /** Always \`${m.kind}\`. */`,
    `  declare readonly kind: pulumi.Output<${JSON.stringify(m.kind)}>;`,
    [...echoed, ...outputs].join("\n"),
    "",
    `  constructor(name: string, args${anyRequired ? "" : "?"}: ${m.className}Args, opts?: pulumi.CustomResourceOptions) {`,
    `    super(provider, name, resourceArgs(${ref.exportName}, name, args, opts), resourceOptions(${ref.exportName}, opts), "snowflake", ${JSON.stringify(m.typeName)});`,
    "  }",
    "}",
    "",
  ].join("\n");
}
