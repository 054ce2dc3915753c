/**
 * Checklist 1 (secrets never in plaintext), end to end: one real stack with every secret-bearing input and output
 * (connection password as secret config, KeyPair passphrase and private keys, UserRsaKeys, a custom OAuth
 * integration's client secrets and a secret rotation), plus an OAuth code/refresh flow and a driver login with the
 * issued access token. Afterwards every secret value is searched for in:
 *  - every file of the stack's file backend (`.work/state/<id>`, backups and history included) and its work dir;
 *  - the emulator's `statements.log` (data dir);
 *  - the provider's SQL log (`SNOWFLAKE_OAUTH_SQL_LOG`);
 *  - the stdout/stderr of every CLI run (preview, up, refresh, destroy), including failed previews that were given a
 *    private key where a public key belongs.
 * Checklist 2 rides along: `net-guard` records every non-loopback connection or DNS lookup of this process and of the
 * Node processes the Pulumi CLI starts (the dynamic provider, via NODE_OPTIONS); none may happen.
 */
import "../helpers/net-guard";
import { connect, destroy, exec } from "../helpers/emulator";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import * as net from "node:net";
import { startEmulator } from "../../emulator/index";
import { createTestStack, repoRoot } from "../helpers/pulumi";
import { KeyPair, OAuthIntegration, UserRsaKeys, authorizationUrl, tokenEndpointUrl } from "../../sdk/index";
import { key } from "../helpers/keys";

const REDIRECT = "https://app.example.com/cb";

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : filesUnder(p);
    return [p];
  });
}

/** A distinctive middle slice of a PEM's base64 body (never the common `MIIE...` prefix). */
function pemSlice(pem: string): string {
  const body = pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
  return body.slice(200, 260);
}

test("no secret in plaintext: state files, statements.log, SQL log, CLI output", { timeout: 600_000 }, async () => {
  const tag = randomBytes(6).toString("hex");
  const adminPw = `AdminPw-${tag}-x`;
  const alicePw = `AlicePw-${tag}-y`;
  const passphrase = `pass phrase ${tag} z`;
  const work = path.join(repoRoot, ".work", "security", `scan-${tag}`);
  const dataDir = path.join(work, "emulator");
  const sqlLog = path.join(work, "provider-sql.log");
  fs.mkdirSync(work, { recursive: true });
  const guardLog = path.join(work, "net-guard.log");
  process.env.NET_GUARD_LOG = guardLog;
  // The guard sees connections: a connect to a non-loopback name whose lookup fails locally (nothing leaves the host).
  await new Promise<void>((resolve) => {
    const sock = net.connect({
      host: "guard-self-test.invalid",
      port: 9,
      lookup: ((_h: string, _o: unknown, cb: (e: Error) => void) => cb(new Error("blocked"))) as any,
    });
    sock.on("error", () => resolve());
  });
  assert.match(fs.readFileSync(guardLog, "utf8"), /connect guard-self-test\.invalid/);
  fs.writeFileSync(guardLog, "");
  const emu = await startEmulator({ port: 0, dataDir, adminPassword: adminPw });
  const admin = await connect(emu, { password: adminPw });
  await exec(admin, "CREATE ROLE APPUSER");
  await exec(admin, "CREATE USER SVC_SEC TYPE = SERVICE");
  await exec(admin, `CREATE USER ALICE PASSWORD = '${alicePw}' DEFAULT_ROLE = APPUSER`);
  await exec(admin, "GRANT ROLE APPUSER TO USER ALICE");
  const foreign = await key(0);

  let rotation = 0;
  let bad: "none" | "integration" | "user" = "none";
  const program = async () => {
    const kp = new KeyPair("sec-kp", { passphrase });
    const kp2 = new KeyPair("sec-kp2");
    new UserRsaKeys("sec-user-keys", { user: "svc_sec", publicKeys: [bad === "user" ? foreign.privateKeyPem : kp2.publicKeyPem] });
    const app = new OAuthIntegration("sec-app", {
      name: "sec_app",
      oauthClientType: "CONFIDENTIAL",
      oauthRedirectUri: REDIRECT,
      oauthIssueRefreshTokens: true,
      rsaPublicKeys: [bad === "integration" ? foreign.privateKeyPem : kp.publicKeyPem],
      clientSecretRotation: { secret1: rotation },
    });
    return {
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      clientSecret2: app.clientSecret2,
      priv: kp.privateKeyPem,
      priv2: kp2.privateKeyPem,
    };
  };
  const s = await createTestStack({
    name: "sec-scan",
    target: { url: emu.url, account: emu.account, password: adminPw },
    env: {
      SNOWFLAKE_OAUTH_SQL_LOG: sqlLog,
      NET_GUARD_LOG: guardLog,
      NODE_OPTIONS: `--require ${path.join(__dirname, "..", "helpers", "net-guard.js")}`,
    },
    program,
  });
  const outputs: string[] = [];
  const capture = (r: { stdout: string; stderr: string }) => outputs.push(r.stdout, r.stderr);
  const secrets: Record<string, string> = { adminPw, alicePw, passphrase, foreignPrivateKey: pemSlice(foreign.privateKeyPem) };
  try {
    capture(await s.preview(program));
    const up1 = await s.up(program);
    capture(up1);
    assert.equal(up1.outputs.clientSecret.secret, true);
    assert.equal(up1.outputs.priv.secret, true);
    secrets.clientSecret = up1.outputs.clientSecret.value;
    secrets.clientSecret2 = up1.outputs.clientSecret2.value;
    secrets.privateKey = pemSlice(up1.outputs.priv.value);
    secrets.privateKey2 = pemSlice(up1.outputs.priv2.value);
    const clientId = up1.outputs.clientId.value as string;

    // OAuth: consent (authorization code), code exchange with the client secret, refresh, and a driver login with
    // the access token.
    const auth = await fetch(
      authorizationUrl({ account: emu.url, clientId, redirectUri: REDIRECT, refreshToken: true, role: "APPUSER", state: "s" }),
      {
        redirect: "manual",
        headers: { Authorization: "Basic " + Buffer.from(`ALICE:${alicePw}`).toString("base64") },
      },
    );
    const code = new URL(auth.headers.get("location") ?? "http://x/").searchParams.get("code");
    assert.ok(code, `authorize: HTTP ${auth.status}`);
    secrets.code = code;
    const basic = "Basic " + Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secrets.clientSecret)}`).toString("base64");
    const tokenCall = async (form: Record<string, string>) => {
      const r = await fetch(tokenEndpointUrl(emu.url), {
        method: "POST",
        headers: { Authorization: basic, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form).toString(),
      });
      const b: any = await r.json();
      assert.equal(r.status, 200, JSON.stringify(b).slice(0, 200));
      return b;
    };
    const t1 = await tokenCall({ grant_type: "authorization_code", code, redirect_uri: REDIRECT });
    secrets.accessToken = t1.access_token;
    secrets.refreshToken = t1.refresh_token;
    const t2 = await tokenCall({ grant_type: "refresh_token", refresh_token: t1.refresh_token });
    secrets.accessToken2 = t2.access_token;
    const alice = await connect(emu, { username: "ALICE", authenticator: "OAUTH", token: t2.access_token });
    await exec(alice, "SELECT CURRENT_USER()");
    await destroy(alice);
    // A password change through the driver, as an administrator would type it.
    const newAlicePw = `NewAlicePw-${tag}-w`;
    secrets.newAlicePw = newAlicePw;
    await exec(admin, `ALTER USER ALICE SET PASSWORD = '${newAlicePw}'`);

    // Rotate secret 1, then refresh and a no-op preview.
    rotation = 1;
    const up2 = await s.up(program);
    capture(up2);
    secrets.rotatedClientSecret = up2.outputs.clientSecret.value;
    assert.notEqual(secrets.rotatedClientSecret, secrets.clientSecret);
    capture(await s.refresh());
    capture(await s.preview(program));

    // A private key where a public key belongs: refused at preview, never echoed.
    for (const b of ["integration", "user"] as const) {
      bad = b;
      const m = emu.log.mark();
      const err: any = await s.preview(program).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err, `preview with a private key in ${b} fails`);
      assert.match(String(err), /expected an RSA public key but got a private key/);
      assert.match(String(err), b === "integration" ? /rsaPublicKeys\[0\]/ : /publicKeys/, "the failure names the field");
      const sent = emu.log.statements({ since: m }).map((e) => e.text);
      assert.deepEqual(
        sent.filter((t) => (b === "integration" ? /SEC_APP/ : /SVC_SEC/).test(t) || !/^(DESC|SHOW|SELECT)/.test(t)),
        [],
        "nothing sent for it",
      );
      outputs.push(String(err?.message ?? err), String(err?.stdout ?? ""), String(err?.stderr ?? ""));
    }
    bad = "none";
    // Every file of the backend and the work dir, while the resources exist and again after destroy.
    const places: [string, string][] = [];
    const stateDir = String(s.stack.workspace.envVars.PULUMI_BACKEND_URL).replace(/^file:\/\//, "");
    const snapshot = (when: string) => {
      for (const f of [...filesUnder(stateDir), ...filesUnder(s.workDir)]) places.push([`${f} (${when})`, fs.readFileSync(f, "latin1")]);
    };
    snapshot("before destroy");
    const checkpoint = places.find(([f]) => /[\\/]stacks[\\/].*\.json \(/.test(f));
    assert.ok(checkpoint, "the checkpoint was scanned");
    const res = (JSON.parse(checkpoint[1]).checkpoint.latest.resources as any[]).filter((r) => /OAuthIntegration|RsaKeyPair/.test(r.type));
    assert.equal(res.length, 3);
    for (const r of res) {
      for (const k of ["clientSecret", "clientSecret2", "privateKeyPem"])
        if (k in r.outputs) assert.ok(r.outputs[k].ciphertext, `${r.urn} ${k} encrypted`);
    }
    capture(await s.destroy());
    snapshot("after destroy");
    const stmtLog = path.join(dataDir, "statements.log");
    places.push([stmtLog, fs.readFileSync(stmtLog, "utf8")]);
    places.push([sqlLog, fs.readFileSync(sqlLog, "utf8")]);
    places.push(["CLI output", outputs.join("\n")]);
    assert.ok(
      fs.readFileSync(stmtLog, "utf8").includes("ALTER USER ALICE SET PASSWORD = '***'"),
      "the password change was logged, redacted",
    );
    assert.ok(fs.readFileSync(sqlLog, "utf8").includes("CREATE SECURITY INTEGRATION SEC_APP"), "the provider SQL log was written");
    const leaks: string[] = [];
    for (const [name, value] of Object.entries(secrets)) {
      assert.ok(typeof value === "string" && value.length >= 16, `secret ${name} is a usable needle`);
      for (const [where, text] of places)
        if (text.includes(value)) leaks.push(`${name} in ${where.startsWith(repoRoot) ? path.relative(repoRoot, where) : where}`);
    }
    assert.deepEqual(leaks, [], "no secret in plaintext");
    // Checklist 2: the provider process ran with the guard, and nothing but 127.0.0.1 was contacted.
    assert.match(fs.readFileSync(`${guardLog}.loaded`, "utf8"), /dynamic-provider/, "the guard was loaded in the dynamic provider");
    assert.equal(fs.readFileSync(guardLog, "utf8"), "", "no connection or DNS lookup other than loopback");
  } finally {
    await s.dispose();
    await destroy(admin);
    await emu.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
});
