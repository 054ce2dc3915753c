#!/usr/bin/env node
/**
 * `snowflake-oauth-plan-deletes [file]`: prints the DROP statements of the deletes in a preview, and appends them to
 * `$SNOWFLAKE_OAUTH_PLAN` when it is set. Reads `pulumi preview --json` output (or `pulumi destroy --preview-only
 * --json`, or an `--event-log` file, a flag shown with PULUMI_DEBUG_COMMANDS=true) from the file, or from standard
 * input. See preview-deletes.ts.
 * @internal
 */
import * as fs from "node:fs";
import { appendPlanEntry } from "./announce";
import { deleteEntries, deleteLines, previewSteps } from "./preview-deletes";

function main(): number {
  const [file] = process.argv.slice(2);
  if (file === "--help" || file === "-h") {
    process.stdout.write("usage: pulumi preview --json | snowflake-oauth-plan-deletes [preview.json | event-log]\n");
    return 0;
  }
  let entries;
  try {
    entries = deleteEntries(previewSteps(fs.readFileSync(file ?? 0, "utf8")));
  } catch (e) {
    process.stderr.write(`snowflake-oauth-plan-deletes: ${(e as Error).message}\n`);
    return 2;
  }
  const plan = process.env.SNOWFLAKE_OAUTH_PLAN;
  for (const entry of entries) {
    process.stdout.write(deleteLines(entry).join("\n") + "\n");
    if (plan) appendPlanEntry(plan, entry);
  }
  return 0;
}

process.exitCode = main();
