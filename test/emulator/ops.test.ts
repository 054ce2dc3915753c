// Operations: persistence across restart, statement log and redaction, fault injection, HTTP control, CLI.
import { connect, destroy, exec, execError, generateRsaKey, tempDir } from "../helpers/emulator";
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawn } from "node:child_process";
import { startEmulator } from "../../emulator/index";

describe("persistence", () => {
  it("objects survive stop + start with the same data dir; catalog.json is written atomically", async () => {
    const dir = tempDir();
    const k = generateRsaKey("k1");
    let emu = await startEmulator({ port: 0, dataDir: dir });
    let c = await connect(emu);
    await exec(c, `CREATE USER persisted PASSWORD = 'pw' RSA_PUBLIC_KEY = '${k.publicBody}'`);
    await exec(c, "CREATE ROLE persisted_role");
    await exec(c, "GRANT ROLE persisted_role TO USER persisted");
    await exec(c, "CREATE NETWORK POLICY persisted_np ALLOWED_IP_LIST = ('10.0.0.0/8')");
    await exec(c, "ALTER ACCOUNT SET OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = FALSE");
    await destroy(c);
    await emu.stop();
    assert.ok(fs.existsSync(path.join(dir, "catalog.json")));
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.endsWith(".tmp")),
      [],
      "no temp files left",
    );
    assert.ok(!fs.existsSync(path.join(dir, "emulator.lock")), "lock released on stop");

    emu = await startEmulator({ port: 0, dataDir: dir });
    await assert.rejects(startEmulator({ port: 0, dataDir: dir }), /in use by process/, "one emulator per data dir");
    c = await connect(emu, { username: "persisted", password: "pw", role: "persisted_role" });
    assert.deepEqual(await exec(c, "SELECT CURRENT_ROLE() AS R"), [{ R: "PERSISTED_ROLE" }]);
    await destroy(c);
    c = await connect(emu);
    const d = Object.fromEntries((await exec(c, "DESC USER persisted")).map((r: any) => [r.property, r.value]));
    assert.equal(d.RSA_PUBLIC_KEY_FP, k.fingerprint);
    assert.deepEqual(await exec(c, "DESC NETWORK POLICY persisted_np"), [{ name: "ALLOWED_IP_LIST", value: "10.0.0.0/8" }]);
    const p = await exec(c, "SHOW PARAMETERS LIKE 'OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST' IN ACCOUNT");
    assert.equal(p[0].value, "false");
    await destroy(c);
    await emu.stop();
    // the statement log is append-only JSONL in the data dir
    const lines = fs
      .readFileSync(path.join(dir, "statements.log"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.ok(lines.length >= 8);
    assert.ok(
      lines.every((l, i) => i === 0 || l.seq > lines[i - 1].seq),
      "seq increases across restarts",
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("statement log", () => {
  it("records kind, user, role, outcome, code, and redacts secrets", async () => {
    const emu = await startEmulator({ port: 0 });
    const k = generateRsaKey("k1");
    const c = await connect(emu);
    const mark = emu.log.mark();
    await exec(c, `CREATE USER sec PASSWORD = 'TopSecret1' RSA_PUBLIC_KEY = '${k.publicBody}'`);
    await execError(c, "ALTER USER sec SET PASSWORD = 'TopSecret2', NOPE = 1");
    await execError(c, "DROP USER nobody");
    const st = emu.log.statements({ since: mark });
    assert.equal(st.length, 3);
    assert.deepEqual(
      st.map((e) => [e.kind, e.outcome, e.code ?? null]),
      [
        ["statement", "ok", null],
        ["statement", "error", "001423"],
        ["statement", "error", "002003"],
      ],
    );
    const all = JSON.stringify(emu.log.entries());
    assert.ok(!all.includes("TopSecret"), "passwords are redacted");
    assert.ok(!all.includes(k.publicBody.slice(20, 60)), "keys are redacted");
    assert.match(st[0].text, /PASSWORD = '\*\*\*'/);
    await destroy(c);
    await emu.stop();
  });
});

describe("faults", () => {
  it("latency per request and per login", async () => {
    const emu = await startEmulator({ port: 0 });
    emu.faults.set({ loginLatencyMs: 300 });
    let t = Date.now();
    const c = await connect(emu);
    assert.ok(Date.now() - t >= 280, "login delayed");
    emu.faults.set({ latencyMs: 200 });
    t = Date.now();
    await exec(c, "select 1");
    assert.ok(Date.now() - t >= 190, "statement delayed");
    emu.faults.clear();
    await destroy(c);
    await emu.stop();
  });

  it("fail the Nth matching statement with a given error, `times` times", async () => {
    const emu = await startEmulator({ port: 0 });
    const c = await connect(emu);
    emu.faults.set({
      failStatement: { match: /create role/i, nth: 2, times: 1, code: "000625", sqlState: "57014", message: "injected failure" },
    });
    await exec(c, "CREATE ROLE f1");
    const e = await execError(c, "CREATE ROLE f2");
    assert.equal(e.code, "000625");
    assert.equal(e.sqlState, "57014");
    assert.equal(e.message, "injected failure");
    await exec(c, "CREATE ROLE f2"); // third match succeeds: the failed one applied nothing
    await exec(c, "select 1");
    emu.faults.clear();
    await destroy(c);
    await emu.stop();
  });

  it("HTTP 503 is retried by the driver; dropped connections too", async () => {
    const emu = await startEmulator({ port: 0 });
    const c = await connect(emu);
    emu.faults.set({ http503: { count: 1, paths: ["/queries/v1/query-request"] } });
    const mark = emu.log.mark();
    assert.deepEqual(await exec(c, "select 11 as n"), [{ N: 11 }]);
    assert.equal(emu.log.statements({ since: mark }).length, 1, "the 503 never reached the engine; the retry ran once");
    emu.faults.set({ dropConnection: { count: 1, paths: ["/queries/v1/query-request"] } });
    assert.deepEqual(await exec(c, "select 12 as n"), [{ N: 12 }]);
    emu.faults.clear();
    await destroy(c);
    await emu.stop();
  });

  it("HTTP control endpoints: /__emulator/faults, /__emulator/log, /__emulator/reset-log", async () => {
    const emu = await startEmulator({ port: 0 });
    const c = await connect(emu);
    let r = await fetch(emu.url + "/__emulator/faults", {
      method: "POST",
      body: JSON.stringify({ failStatement: { match: "select 99", code: "000001", message: "boom", sqlState: "XX000" } }),
    });
    assert.equal(r.status, 200);
    assert.equal((await execError(c, "select 99")).message, "boom");
    r = await fetch(emu.url + "/__emulator/log");
    const log = (await r.json()) as { entries: any[] };
    assert.ok(log.entries.some((e) => e.kind === "login"));
    await fetch(emu.url + "/__emulator/reset-log", { method: "POST" });
    assert.equal(emu.log.entries().length, 0);
    await destroy(c);
    await emu.stop();
  });
});

describe("execAsAdmin", () => {
  it("runs several statements as ADMIN/ACCOUNTADMIN and returns the last result; errors throw SnowflakeError", async () => {
    const emu = await startEmulator({ port: 0 });
    const r = await emu.execAsAdmin("CREATE ROLE seeded; SELECT CURRENT_USER(), CURRENT_ROLE()");
    assert.deepEqual(r.rows, [["ADMIN", "ACCOUNTADMIN"]]);
    await assert.rejects(emu.execAsAdmin("DROP ROLE nope"), (e: any) => e.code === "002003" && e.sqlState === "02000");
    assert.equal(emu.log.statements().filter((e) => e.user === "ADMIN").length, 3);
    await emu.stop();
  });
});

describe("cli", () => {
  it("prints the URL and stops on SIGTERM", async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, [path.join(__dirname, "../../emulator/cli.js"), "--port", "0", "--data-dir", dir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const line: string = await new Promise((resolve, reject) => {
      let buf = "";
      child.stdout.on("data", (d: Buffer) => {
        buf += d.toString();
        if (buf.includes("\n")) resolve(buf.split("\n")[0]);
      });
      child.on("exit", (code) => reject(new Error(`cli exited ${code}`)));
    });
    assert.match(line, /^Snowflake emulator listening on http:\/\/127\.0\.0\.1:\d+ \(account EMULATOR\)$/);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0] ?? "";
    const health = await fetch(url + "/__emulator/health");
    assert.equal(health.status, 200);
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    assert.equal(await exited, 0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
