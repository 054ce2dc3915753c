/**
 * Benchmark: what one `pulumi up` costs as a stack grows. For N custom OAuth integrations behind one network
 * policy, through the real Pulumi CLI against the emulator, it prints wall time, Snowflake logins and statements
 * for create, a no-op up, an update touching every integration, and destroy. The claim it checks by numbers:
 * one login per `pulumi up` whatever N, one DESCRIBE per integration on a no-op, one ALTER per changed object.
 * Usage: npm run bench [-- 1 10 25]
 */
process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION ??= "true";
import type { Emulator } from "../../emulator";
import { startEmulator } from "../../emulator";
import { NetworkPolicy, OAuthIntegration } from "../../sdk";
import { createTestStack } from "../helpers/pulumi";

interface Row {
  n: number;
  op: string;
  seconds: number;
  logins: number;
  statements: number;
  describes: number;
  writes: number;
  rssMiB: number;
}

function counts(emu: Emulator, fromSeq: number) {
  const es = emu.log.entries().filter((e) => e.seq > fromSeq);
  const st = es.filter((e) => e.kind === "statement");
  return {
    logins: es.filter((e) => e.kind === "login").length,
    statements: st.length,
    describes: st.filter((e) => /^DESC/i.test(e.text)).length,
    writes: st.filter((e) => /^(CREATE|ALTER|DROP)\b/i.test(e.text)).length,
  };
}

async function measure(n: number): Promise<Row[]> {
  const emu = await startEmulator({ port: 0 });
  const rows: Row[] = [];
  let comment = "v1";
  const program = async () => {
    const np = new NetworkPolicy("bench_policy", { allowedIpList: ["10.0.0.0/8"] });
    for (let i = 0; i < n; i++) {
      new OAuthIntegration(`bench_app_${i}`, {
        oauthClientType: "CONFIDENTIAL",
        oauthRedirectUri: `https://app${i}.example.com/cb`,
        networkPolicy: np.name,
        comment,
      });
    }
  };
  const s = await createTestStack({ name: `bench-${n}`, program, target: { url: emu.url, account: emu.account } });
  const step = async (op: string, fn: () => Promise<unknown>) => {
    const seq = emu.log.entries().at(-1)?.seq ?? 0;
    const t0 = process.hrtime.bigint();
    await fn();
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    rows.push({ n, op, seconds, ...counts(emu, seq), rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) });
  };
  try {
    await step("create", () => s.up(program));
    await step("no-op up", () => s.up(program));
    comment = "v2";
    await step("update all", () => s.up(program));
    await step("destroy", () => s.destroy());
  } finally {
    await s.dispose();
    await emu.stop();
  }
  return rows;
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  const all: Row[] = [];
  for (const n of sizes.length ? sizes : [1, 10, 25]) all.push(...(await measure(n)));
  console.log("\nN integrations | operation  | wall s | logins | statements | DESCRIBE | CREATE/ALTER/DROP | bench RSS MiB");
  console.log("---|---|---|---|---|---|---|---");
  for (const r of all) {
    console.log(`${r.n} | ${r.op} | ${r.seconds.toFixed(1)} | ${r.logins} | ${r.statements} | ${r.describes} | ${r.writes} | ${r.rssMiB}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
