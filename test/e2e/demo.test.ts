// The README's first quick-start command, end to end: the demo walks the three rotation steps through the real
// CLI and the language host while its clients call the emulator, and must report zero failed calls, the retired
// key rejected, and a final no-op up.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "../helpers/pulumi";

test("quick start: the demo rotates keys with zero failed calls", async () => {
  const out = await new Promise<{ code: number | null; text: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "dist", "scripts", "demo.js")], {
      cwd: repoRoot,
      env: { ...process.env, SNOWFLAKE_DISABLE_PLATFORM_DETECTION: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.stderr.on("data", (d) => (text += d));
    child.on("close", (code) => resolve({ code, text }));
  });
  assert.equal(out.code, 0, out.text.slice(-3000));
  assert.match(out.text, /calls during the rotation: [1-9]\d* succeeded, 0 failed/);
  assert.match(out.text, /retired key A now: SQL API HTTP 401 390144/);
  assert.match(out.text, /signed with key B: SQL API ok; token endpoint ok/);
  assert.match(out.text, /ALTER USER SVC_LOADER SET RSA_PUBLIC_KEY_2 = /);
  assert.match(out.text, /ALTER USER SVC_LOADER UNSET RSA_PUBLIC_KEY\b/);
  assert.match(out.text, /nothing changed: \{"same":6\}, 0 CREATE\/ALTER\/DROP statements/);
  assert.match(out.text, /zero-downtime rotation: OK/);
});
