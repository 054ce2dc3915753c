/**
 * The quick-start demo: a real `pulumi up` of examples/key-rotation, through the real Pulumi CLI and the
 * Node.js language host, against the embedded Snowflake emulator, walking a zero-downtime key rotation while
 * two clients keep calling:
 *  - a service user on the SQL API with a key-pair JWT (user key slots RSA_PUBLIC_KEY / _2), and
 *  - an OAuth custom client refreshing tokens at /oauth/token-request with a key-pair client JWT
 *    (integration key slots OAUTH_CLIENT_RSA_PUBLIC_KEY / _2).
 * Usage: npm run demo [-- --keep]   (--keep leaves the emulator running for a look around)
 */
process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION ??= "true";
import * as automation from "@pulumi/pulumi/automation";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../emulator";
import { snowflakeKeyPairJwt, oauthClientJwt, authorizationUrl, tokenEndpointUrl } from "../sdk";
import { offlineEnv, pulumiCliRoot, repoRoot } from "../test/helpers/pulumi";

const SERVICE_USER = "SVC_LOADER";
const HUMAN = { user: "ALICE", password: "demo-password-1", role: "ANALYST" };
const REDIRECT = "https://app.example.com/oauth/callback";

const say = (s = "") => process.stdout.write(s + "\n");
const rule = (title: string) => say(`\n=== ${title} ${"=".repeat(Math.max(0, 88 - title.length))}`);

/** The two clients; each call is signed with the key the client currently holds. */
class Clients {
  key = "a";
  ok = 0;
  failed = 0;
  failures: string[] = [];
  private timer?: NodeJS.Timeout;
  private busy = false;
  constructor(
    private readonly emu: Emulator,
    private readonly privateKeys: Record<string, string>,
    private readonly clientId: string,
    private readonly refreshToken: string,
  ) {}

  async callOnce(key = this.key): Promise<{ sqlApi: string; tokenEndpoint: string }> {
    const jwt = snowflakeKeyPairJwt({
      account: this.emu.account,
      user: SERVICE_USER,
      privateKey: this.privateKeys[key],
      lifetimeSeconds: 120,
    });
    const a = await fetch(`${this.emu.url}/api/v2/statements`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${jwt}`,
        "X-Snowflake-Authorization-Token-Type": "KEYPAIR_JWT",
        "Content-Type": "application/json",
        Accept: "application/json",
      },
      body: JSON.stringify({ statement: "SELECT CURRENT_USER()" }),
    });
    const aBody: any = await a.json().catch(() => ({}));
    const client = oauthClientJwt({ account: this.emu.account, clientId: this.clientId, privateKey: this.privateKeys[key] });
    const t = await fetch(tokenEndpointUrl(this.emu.url), {
      method: "POST",
      headers: { Authorization: `Bearer ${client}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: this.refreshToken }).toString(),
    });
    const tBody: any = await t.json().catch(() => ({}));
    return {
      sqlApi: a.status === 200 ? "ok" : `HTTP ${a.status} ${aBody.code ?? ""} ${aBody.message ?? ""}`.trim(),
      tokenEndpoint: t.status === 200 && tBody.access_token ? "ok" : `HTTP ${t.status} ${tBody.error ?? tBody.code ?? ""}`.trim(),
    };
  }

  start(everyMs = 150): void {
    this.timer = setInterval(() => void this.tick(), everyMs);
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const r = await this.callOnce();
      for (const [what, outcome] of Object.entries(r)) {
        if (outcome === "ok") this.ok++;
        else {
          this.failed++;
          this.failures.push(`${what} with key ${this.key}: ${outcome}`);
        }
      }
    } finally {
      this.busy = false;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    while (this.busy) await new Promise((r) => setTimeout(r, 20));
  }
}

/** The DDL/DML the provider sent since `from` (reads and logins left out), as the emulator logged it. */
function changesSince(emu: Emulator, from: number): string[] {
  return emu.log
    .entries()
    .filter((e: any) => e.seq > from && e.kind === "statement" && /^(CREATE|ALTER|DROP)\b/i.test(e.text))
    .map(
      (e: any) =>
        `${e.outcome === "ok" ? "  " : "! "}${e.text.replace(/'MII[A-Za-z0-9+/=]{40,}'/g, (k: string) => `'${k.slice(1, 13)}…'`)}`,
    );
}
const lastSeq = (emu: Emulator): number => {
  const all = emu.log.entries() as any[];
  return all.length ? all[all.length - 1].seq : 0;
};

async function main(): Promise<void> {
  const keep = process.argv.includes("--keep");
  const work = path.join(repoRoot, ".work", "demo");
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(path.join(work, "state"), { recursive: true });

  rule("pulumi-snowflake-oauth: zero-downtime RSA key rotation, against the embedded Snowflake emulator");
  const emu = await startEmulator({ port: 0, dataDir: path.join(work, "emulator") });
  say(`emulator: ${emu.url} (account ${emu.account}; admin ADMIN/admin), data in ${path.relative(repoRoot, work)}/emulator`);
  say(`Pulumi CLI: ${path.join(pulumiCliRoot(), "bin", "pulumi")}`);

  // What a platform team has before the stack exists: a service user and a human who consents for the app.
  for (const sql of [
    `CREATE ROLE ${HUMAN.role}`,
    `CREATE USER ${SERVICE_USER} TYPE = SERVICE DEFAULT_ROLE = ${HUMAN.role}`,
    `GRANT ROLE ${HUMAN.role} TO USER ${SERVICE_USER}`,
    `CREATE USER ${HUMAN.user} PASSWORD = '${HUMAN.password}' DEFAULT_ROLE = ${HUMAN.role}`,
    `GRANT ROLE ${HUMAN.role} TO USER ${HUMAN.user}`,
  ])
    await emu.execAsAdmin(sql);
  say(`setup (outside the stack): role ${HUMAN.role}, service user ${SERVICE_USER}, user ${HUMAN.user}`);

  const stateDir = path.join(work, "state");
  const env = offlineEnv(stateDir, { PULUMI_NODEJS_TRANSPILE_ONLY: "true" });
  const stack = await automation.LocalWorkspace.createOrSelectStack(
    { stackName: "demo", workDir: path.join(repoRoot, "examples", "key-rotation") },
    {
      envVars: env,
      pulumiCommand: await automation.PulumiCommand.get({ root: pulumiCliRoot(), skipVersionCheck: true }),
      secretsProvider: "passphrase",
    },
  );
  await stack.setAllConfig({
    "snowflake:url": { value: emu.url },
    "snowflake:account": { value: emu.account },
    "snowflake:user": { value: "ADMIN" },
    "snowflake:password": { value: "admin", secret: true },
    "rotation:serviceUser": { value: SERVICE_USER },
  });

  const up = async (step: string, activeKeys: string): Promise<automation.UpResult> => {
    rule(step);
    await stack.setConfig("rotation:activeKeys", { value: activeKeys });
    const from = lastSeq(emu);
    const r = await stack.up({ color: process.stdout.isTTY ? "always" : "never", onOutput: (o) => process.stdout.write(o) });
    say(`\nSQL the provider sent (DESCRIBE/SHOW reads and logins omitted):`);
    for (const l of changesSince(emu, from)) say(l);
    return r;
  };

  let clients: Clients | undefined;
  try {
    const s1 = await up("step 1/3: key A is the only key  (rotation:activeKeys = a)", "a");
    const privateKeys = { a: s1.outputs.privateKeys.value.a as string, b: s1.outputs.privateKeys.value.b as string };
    const clientId = s1.outputs.clientId.value as string;

    // ALICE consents once (the emulator's non-interactive consent: HTTP Basic); the app keeps the refresh token.
    const auth = await fetch(
      authorizationUrl({ account: emu.url, clientId, redirectUri: REDIRECT, refreshToken: true, role: HUMAN.role, state: "demo" }),
      {
        redirect: "manual",
        headers: { Authorization: "Basic " + Buffer.from(`${HUMAN.user}:${HUMAN.password}`).toString("base64") },
      },
    );
    const code = new URL(auth.headers.get("location") ?? "http://x/").searchParams.get("code");
    if (!code) throw new Error(`authorization failed: HTTP ${auth.status}`);
    const exchange = await fetch(tokenEndpointUrl(emu.url), {
      method: "POST",
      headers: {
        Authorization: `Bearer ${oauthClientJwt({ account: emu.account, clientId, privateKey: privateKeys.a })}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT }).toString(),
    });
    const tokens: any = await exchange.json();
    if (!tokens.refresh_token) throw new Error(`code exchange failed: HTTP ${exchange.status} ${tokens.error ?? ""}`);

    clients = new Clients(emu, privateKeys, clientId, tokens.refresh_token);
    clients.start();
    say(
      `\nclients started with key A: SQL API as ${SERVICE_USER} (key-pair JWT) + OAuth refresh for client ${clientId.slice(0, 8)}… (key-pair client JWT)`,
    );

    await up("step 2/3: add key B in the free slot, clients still on A  (rotation:activeKeys = a,b)", "a,b");
    clients.key = "b";
    say(`\nclients switched to key B`);
    await new Promise((r) => setTimeout(r, 1000));

    await up("step 3/3: remove key A, clients on B  (rotation:activeKeys = b)", "b");
    await new Promise((r) => setTimeout(r, 500));
    await clients.stop();

    rule("result");
    say(`calls during the rotation: ${clients.ok} succeeded, ${clients.failed} failed`);
    for (const f of clients.failures.slice(0, 5)) say(`  failure: ${f}`);
    const retired = await clients.callOnce("a");
    const current = await clients.callOnce("b");
    say(`a call signed with the retired key A now: SQL API ${retired.sqlApi}; token endpoint ${retired.tokenEndpoint}`);
    say(`a call signed with key B: SQL API ${current.sqlApi}; token endpoint ${current.tokenEndpoint}`);

    const from = lastSeq(emu);
    const again = await stack.up({ color: "never" });
    say(
      `a further \`pulumi up\` with nothing changed: ${JSON.stringify(again.summary.resourceChanges)}, ${changesSince(emu, from).length} CREATE/ALTER/DROP statements`,
    );

    const ok =
      clients.failed === 0 &&
      retired.sqlApi !== "ok" &&
      retired.tokenEndpoint !== "ok" &&
      current.sqlApi === "ok" &&
      current.tokenEndpoint === "ok";
    say(ok ? "\nzero-downtime rotation: OK" : "\nzero-downtime rotation: FAILED");
    if (!ok) process.exitCode = 1;
    if (keep) {
      say(`\nemulator still running at ${emu.url} (Ctrl-C to stop); stack state in ${path.relative(repoRoot, stateDir)}`);
      await new Promise(() => undefined);
    }
  } finally {
    await clients?.stop();
    if (!keep) {
      await stack.destroy({ color: "never" }).catch(() => undefined);
      await stack.workspace.removeStack("demo", { force: true }).catch(() => undefined);
      await emu.stop();
    }
  }
}

main().catch((e) => {
  console.error(`demo failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
