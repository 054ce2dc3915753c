/**
 * Benchmark: what one `pulumi up` costs against the engine's own floor. Through the real Pulumi CLI against the
 * emulator, with latency injected (default 100 ms per request, 500 ms per login), it runs N custom OAuth
 * integrations behind one network policy ("project") and, in the same run, N no-op dynamic resources ("floor": a
 * provider that does nothing). For create, a no-op up, an update touching every resource, and destroy it prints
 * wall time of both, their ratio, the project's logins, statements and round trips (HTTP requests that carried SQL;
 * a multi-statement request is one), and state bytes per resource. Once with the engine's default serial `diff`,
 * once with `PULUMI_PARALLEL_DIFF=true`. It prints numbers; it is not a timed test and is not part of `npm test`.
 *
 * Usage: npm run bench [-- --n 100] [--modes serial,parallel] [--rtt-ms 100] [--login-ms 500] [--exec-ms 0]
 *   --rtt-ms    delay of every HTTP request (the emulator's `latencyMs`; with one statement per request, "per statement")
 *   --login-ms  total delay of a login (rtt + the emulator's `loginLatencyMs`)
 *   --exec-ms   server time per statement inside a request (the emulator's `statementLatencyMs`), default 0
 * Set SNOWFLAKE_OAUTH_BATCH_MS=0 in the environment to turn off read coalescing (the "before" numbers).
 */
process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION ??= "true";
import * as pulumi from "@pulumi/pulumi";
import type { Emulator } from "../../emulator";
import { startEmulator } from "../../emulator";
import { NetworkPolicy, OAuthIntegration } from "../../sdk";
import { createTestStack, type TestStack } from "../helpers/pulumi";

type Op = "create" | "no-op up" | "update all" | "destroy";

interface Row {
  mode: string;
  op: Op;
  floorS: number;
  projectS: number;
  logins: number;
  statements: number;
  roundTrips: number;
  floorBytes: number;
  projectBytes: number;
}

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : dflt;
}

function counts(emu: Emulator, fromSeq: number) {
  const es = emu.log.entries().filter((e) => e.seq > fromSeq);
  const st = es.filter((e) => e.kind === "statement");
  return {
    logins: es.filter((e) => e.kind === "login").length,
    statements: st.length,
    roundTrips: new Set(st.map((e) => e.request)).size,
  };
}

/** Mean bytes of one resource's state entry (stack and provider entries left out); 0 when none. */
async function stateBytesPerResource(s: TestStack): Promise<number> {
  const d = await s.exportDeployment();
  const rs = ((d.deployment as { resources?: { type: string }[] }).resources ?? []).filter(
    (r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"),
  );
  if (!rs.length) return 0;
  return Math.round(rs.reduce((a, r) => a + JSON.stringify(r).length, 0) / rs.length);
}

/** The engine floor: a dynamic provider that does nothing. */
const noopProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: Record<string, unknown>) {
    return { id: String(inputs.key), outs: inputs };
  },
  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    return { changes: olds.comment !== news.comment };
  },
  async update(_id: string, _olds: Record<string, unknown>, news: Record<string, unknown>) {
    return { outs: news };
  },
  async delete() {
    /* nothing */
  },
};

class Noop extends pulumi.dynamic.Resource {
  constructor(name: string, props: { key: string; comment: string }) {
    super(noopProvider, name, props, {});
  }
}

async function measure(mode: "serial" | "parallel", n: number, emu: Emulator): Promise<Row[]> {
  let comment = "v1";
  const floorProgram = async () => {
    for (let i = 0; i < n; i++) new Noop(`noop_${i}`, { key: `noop_${i}`, comment });
  };
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
  const env: Record<string, string> = mode === "parallel" ? { PULUMI_PARALLEL_DIFF: "true" } : {};
  for (const k of ["SNOWFLAKE_OAUTH_BATCH_MS", "SNOWFLAKE_OAUTH_BATCH_MAX"]) if (process.env[k] !== undefined) env[k] = process.env[k]!;
  const floor = await createTestStack({ name: `bench-floor-${mode}`, program: floorProgram, env });
  const s = await createTestStack({ name: `bench-${mode}`, program, target: { url: emu.url, account: emu.account }, env });
  const rows: Row[] = [];
  const timed = async (fn: () => Promise<unknown>) => {
    const t0 = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - t0) / 1e9;
  };
  const run = async (op: Op) => {
    const act = (t: TestStack, p: () => Promise<void>) => (op === "destroy" ? t.destroy() : t.up(p));
    const floorS = await timed(() => act(floor, floorProgram));
    const seq = emu.log.entries().at(-1)?.seq ?? 0;
    const projectS = await timed(() => act(s, program));
    const c = counts(emu, seq);
    rows.push({
      mode,
      op,
      floorS,
      projectS,
      ...c,
      floorBytes: await stateBytesPerResource(floor),
      projectBytes: await stateBytesPerResource(s),
    });
    process.stderr.write(`bench: ${mode} ${op} done (${projectS.toFixed(1)} s)\n`);
  };
  try {
    await run("create");
    await run("no-op up");
    comment = "v2";
    await run("update all");
    await run("destroy");
  } finally {
    await floor.dispose();
    await s.dispose();
  }
  return rows;
}

async function main(): Promise<void> {
  const n = Number(arg("n", "100"));
  const modes = arg("modes", "serial,parallel").split(",") as ("serial" | "parallel")[];
  const rtt = Number(arg("rtt-ms", "100"));
  const login = Number(arg("login-ms", "500"));
  const exec = Number(arg("exec-ms", "0"));
  const emu = await startEmulator({ port: 0 });
  emu.faults.set({ latencyMs: rtt, loginLatencyMs: Math.max(0, login - rtt), statementLatencyMs: exec });
  const all: Row[] = [];
  try {
    for (const mode of modes) all.push(...(await measure(mode, n, emu)));
  } finally {
    await emu.stop();
  }
  const batch = process.env.SNOWFLAKE_OAUTH_BATCH_MS ?? "default";
  console.log(
    `\nN = ${n}; ${rtt} ms per request, ${login} ms per login, ${exec} ms server time per statement; SNOWFLAKE_OAUTH_BATCH_MS=${batch}`,
  );
  console.log("diff | op | floor s | project s | ratio | logins | statements | round trips | state bytes/resource (floor / project)");
  console.log("---|---|---|---|---|---|---|---|---");
  for (const r of all) {
    const ratio = r.projectS / r.floorS;
    console.log(
      `${r.mode} | ${r.op} | ${r.floorS.toFixed(1)} | ${r.projectS.toFixed(1)} | ${ratio.toFixed(2)} | ${r.logins} | ${r.statements} | ${r.roundTrips} | ${r.floorBytes} / ${r.projectBytes}`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
