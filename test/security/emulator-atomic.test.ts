/**
 * Checklist 4, emulator side: a statement that fails part-way through its executor changes nothing (memory and
 * catalog.json), and catalog.json is only ever replaced whole (no temp file left behind).
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../../emulator/index";

test("a failing statement leaves the catalog unchanged, in memory and on disk", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sf-sec-atomic-"));
  const emu = await startEmulator({ port: 0, dataDir: dir });
  try {
    await emu.execAsAdmin("CREATE NETWORK POLICY NP ALLOWED_IP_LIST = ('10.0.0.1') COMMENT = 'before'");
    const file = path.join(dir, "catalog.json");
    const before = fs.readFileSync(file, "utf8");
    const desc = async () => JSON.stringify((await emu.execAsAdmin("DESCRIBE NETWORK POLICY NP")).rows);
    const descBefore = await desc();
    // Valid first assignments, invalid last one: the executor may have applied the first ones to its draft.
    for (const sql of [
      "ALTER NETWORK POLICY NP SET COMMENT = 'after', ALLOWED_IP_LIST = ('10.0.0.2'), BLOCKED_IP_LIST = ('not-an-ip')",
      "ALTER NETWORK POLICY NP SET ALLOWED_IP_LIST = ('10.0.0.3'), NO_SUCH_PROPERTY = 1",
    ]) {
      await assert.rejects(emu.execAsAdmin(sql));
    }
    assert.equal(await desc(), descBefore, "DESCRIBE shows the old values");
    const shown = await emu.execAsAdmin("SHOW NETWORK POLICIES LIKE 'NP'");
    assert.equal(shown.rows[0][shown.columns.findIndex((c) => c.name === "comment")], "before");
    assert.equal(fs.readFileSync(file, "utf8"), before, "catalog.json unchanged");
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.endsWith(".tmp")),
      [],
      "no temp file left",
    );
  } finally {
    await emu.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
