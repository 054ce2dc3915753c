/**
 * Writes the files derived from the model: `sdk/<resource>.ts` for every resource model and `provider/DOCS.md`.
 * Run by `npm run generate` and by `scripts/test.sh`, which then fails if `git diff` shows a generated file changed.
 * @internal
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ResourceModel } from "../../model/resource";
import { RESOURCES } from "../../model/index";
import { renderDocs } from "./docs";
import { renderSdkClass, type ModelRef } from "./sdk-class";

const root = path.resolve(__dirname, "..", "..", "..");

/** Where each model is exported from, found by identity among the model files' exports. */
export function modelRefs(): Map<ResourceModel, ModelRef> {
  const refs = new Map<ResourceModel, ModelRef>();
  const dir = path.join(root, "model");
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".ts") && n !== "index.ts")) {
    const mod = require(path.join(root, "dist", "model", f.replace(/\.ts$/, ".js"))) as Record<string, unknown>;
    for (const [exportName, v] of Object.entries(mod)) {
      if (RESOURCES.includes(v as ResourceModel)) refs.set(v as ResourceModel, { file: `model/${f}`, exportName });
    }
  }
  return refs;
}

/** The SDK file of a resource is named after its provider kind (`sdk/oauthIntegration.ts`). */
export function sdkFileOf(m: ResourceModel): string {
  return `sdk/${m.providerKind}.ts`;
}

/** TypeScript output is formatted as `npm run format` formats the rest (prettier, the repository's config). */
async function formatted(rel: string, text: string): Promise<string> {
  if (!rel.endsWith(".ts")) return text;
  const prettier = await import("prettier");
  const options = (await prettier.resolveConfig(path.join(root, rel))) ?? {};
  return prettier.format(text, { ...options, filepath: path.join(root, rel) });
}

/** Every generated file, formatted: path relative to the repository root → content. */
export async function generatedFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const [rel, text] of renderedFiles()) files.set(rel, await formatted(rel, text));
  return files;
}

/** Every generated file as rendered: path relative to the repository root → content. */
export function renderedFiles(): Map<string, string> {
  const refs = modelRefs();
  const files = new Map<string, string>();
  for (const m of RESOURCES) {
    const ref = refs.get(m);
    if (!ref) throw new Error(`resource model ${m.className} is not exported from a file in model/`);
    files.set(sdkFileOf(m), renderSdkClass(m, ref));
  }
  files.set("provider/DOCS.md", renderDocs(RESOURCES, "model/*.ts"));
  return files;
}

if (require.main === module) {
  void generatedFiles().then((files) => {
    for (const [rel, text] of files) {
      const file = path.join(root, rel);
      if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) {
        fs.writeFileSync(file, text);
        console.error(`generate: wrote ${rel}`);
      }
    }
  });
}
