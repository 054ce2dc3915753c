/**
 * The deletes of a preview as a user reads them: the engine's own preview output fed to the package's
 * `snowflake-oauth-plan-deletes` (provider/resources/preview-deletes-cli.ts), run as a separate process.
 */
import { execFile, execFileSync } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { offlineEnv, pulumiCliRoot, repoRoot, type TestStack } from "./pulumi";

/** The helper's stdout for `input`; with `planFile`, it appends its entries there. */
export function planDeletes(input: string, planFile?: string): string {
  return execFileSync(process.execPath, [path.join(repoRoot, "dist", "provider", "resources", "preview-deletes-cli.js")], {
    input,
    encoding: "utf8",
    env: { ...process.env, ...(planFile ? { SNOWFLAKE_OAUTH_PLAN: planFile } : {}) },
  });
}

/**
 * `pulumi destroy --preview-only --json` of the stack, through the CLI (a destroy runs no program). Asynchronous: the
 * emulator may run in this process and must keep answering.
 */
export async function destroyPreviewJson(s: TestStack): Promise<string> {
  const { stdout } = await promisify(execFile)(
    path.join(pulumiCliRoot(), "bin", "pulumi"),
    ["destroy", "--preview-only", "--json", "--stack", s.stack.name, "--non-interactive"],
    // PULUMI_SKIP_CONFIRMATIONS means --yes, which the CLI refuses beside --preview-only.
    { cwd: s.workDir, encoding: "utf8", env: { ...process.env, ...offlineEnv(s.stateDir), PULUMI_SKIP_CONFIRMATIONS: "false" } },
  );
  return stdout;
}

/** The statements of `… up will send: <sql>` lines. */
export const announcedStatements = (text: string) => [...text.matchAll(/: up will send: (.+)$/gm)].map((m) => m[1].trim());
