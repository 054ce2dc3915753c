#!/usr/bin/env node
/**
 * `node dist/emulator/cli.js [--port N] [--data-dir DIR] [--account NAME]`
 * (or `npm run emulator -- --port 0 --data-dir DIR`). Prints the URL and runs until SIGINT/SIGTERM.
 */
import { startEmulator } from "./index";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(name + "="));
  return eq ? eq.slice(name.length + 1) : undefined;
}

async function main(): Promise<void> {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log("usage: snowflake-emulator [--port N (0 = free)] [--data-dir DIR] [--account NAME]");
    console.log("bootstrap admin: user ADMIN, password admin (role ACCOUNTADMIN)");
    return;
  }
  const port = Number(arg("--port") ?? "0");
  const emu = await startEmulator({
    port,
    dataDir: arg("--data-dir"),
    account: arg("--account"),
    logger: { debug: () => undefined, warn: (m) => console.error(m) },
  });
  console.log(`Snowflake emulator listening on ${emu.url} (account ${emu.account})`);
  const stop = (): void => {
    void emu.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
