/**
 * Reading a test stack's state as the file backend stores it (secrets encrypted). The Automation API's
 * `exportStack()` runs `pulumi stack export --show-secrets`, so it cannot prove that a value is stored encrypted.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./pulumi";

/** JSON path of the first string containing `needle` (diagnostics only; prints no value). */
export function whereIs(v: unknown, needle: string, path = "$"): string | undefined {
  if (typeof v === "string") return v.includes(needle) ? path : undefined;
  if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      const p = whereIs(x, needle, `${path}.${k}`);
      if (p) return p;
    }
  }
  return undefined;
}

/** The file backend's checkpoint JSON (secrets encrypted) of the stack whose work dir is `workDir`. */
export function rawState(workDir: string): string {
  return rawStateIn(path.join(repoRoot, ".work", "state", path.basename(workDir)));
}

/** The checkpoint JSON of the one stack in the file backend at `stateDir`. */
export function rawStateIn(stateDir: string): string {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== "backups" && e.name !== "history") walk(p);
      } else if (p.includes(`${path.sep}stacks${path.sep}`) && e.name.endsWith(".json")) files.push(p);
    }
  };
  walk(stateDir);
  assert.equal(files.length, 1, `one checkpoint file under ${stateDir}`);
  return fs.readFileSync(files[0], "utf8");
}
