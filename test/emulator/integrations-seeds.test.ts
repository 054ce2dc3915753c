/**
 * Every SQL statement printed in the Snowflake docs excerpts (docs.snowflake.com CREATE/ALTER SECURITY INTEGRATION pages) runs as written
 * (test/fixtures/seed-statements.sql keeps them verbatim), with real keys where the docs elide them.
 */
import { connect, destroy, exec, execError, withEmulator } from "../helpers/emulator";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { rsaKey } from "../helpers/integration-keys";

interface Seed {
  file: string;
  label: string;
  sql: string;
}

function loadSeeds(): Seed[] {
  const text = fs.readFileSync(path.join(__dirname, "../../../test/fixtures/seed-statements.sql"), "utf8");
  const out: Seed[] = [];
  for (const block of text.split(/^-- @seed /m).slice(1)) {
    const nl = block.indexOf("\n");
    const [file, label] = block.slice(0, nl).trim().split(/\s+/);
    out.push({ file, label, sql: block.slice(nl + 1).trim() });
  }
  return out;
}

/** Replace the docs' elided keys with real ones, keeping the literal's layout. */
function withRealKeys(sql: string): string {
  const k0 = rsaKey(0);
  const k1 = rsaKey(1);
  const indented = "\n  " + k0.body.trimEnd().split("\n").join("\n  ") + "\n  ";
  return sql
    .replace(/'\n {2}MIIBI\n {2}\.\.\.\n {2}'/, `'${indented}'`)
    .replace("'MIIBIjANBgkqh...'", `'${k0.oneLine}'`)
    .replace("'JERUEHtcve...'", `'${k1.oneLine}'`);
}

const seeds = loadSeeds();
const seed = (label: string): string => {
  const s = seeds.find((x) => x.label === label);
  assert.ok(s, `seed ${label} missing`);
  return withRealKeys(s.sql);
};

async function descRow(conn: any, name: string, property: string): Promise<string[]> {
  const rows = await exec(conn, `DESC SECURITY INTEGRATION ${name}`);
  const r = rows.find((x: Record<string, string>) => x.property === property);
  assert.ok(r, `${property} missing`);
  return [r.property, r.property_type, r.property_value, r.property_default];
}

test("seeds: fixture holds every statement of 000 and 002 (the other seed files print no SQL)", () => {
  assert.deepEqual(
    seeds.map((s) => `${s.file} ${s.label}`),
    [
      "000_6dc317a0b71eb6bd.txt create-oauth_kp_int",
      "000_6dc317a0b71eb6bd.txt alter-myint-set-key",
      "000_6dc317a0b71eb6bd.txt desc-myint",
      "000_6dc317a0b71eb6bd.txt alter-myint-set-key-2",
      "000_6dc317a0b71eb6bd.txt alter-myint-unset-key",
      "002_33d6c5d007e98687.txt create-td_oauth_int2",
    ],
  );
});

test("000_6dc317a0b71eb6bd.txt (ko, OAuth custom clients): key-pair integration, key assignment, DESC, rotation", async () => {
  await withEmulator(async (emu) => {
    const c = await connect(emu);
    try {
      // CREATE SECURITY INTEGRATION oauth_kp_int ... (multi-line key literal starting with a newline, indented)
      const [st] = await exec(c, seed("create-oauth_kp_int"));
      assert.equal(st.status, "Integration OAUTH_KP_INT successfully created.");
      assert.deepEqual(await descRow(c, "oauth_kp_int", "OAUTH_CLIENT_RSA_PUBLIC_KEY_FP"), [
        "OAUTH_CLIENT_RSA_PUBLIC_KEY_FP",
        "String",
        rsaKey(0).fingerprint,
        "",
      ]);
      assert.deepEqual(await descRow(c, "oauth_kp_int", "BLOCKED_ROLES_LIST"), [
        "BLOCKED_ROLES_LIST",
        "List",
        "ACCOUNTADMIN,SECURITYADMIN,SYSADMIN",
        "[]",
      ]);
      assert.deepEqual(await descRow(c, "oauth_kp_int", "OAUTH_REFRESH_TOKEN_VALIDITY"), [
        "OAUTH_REFRESH_TOKEN_VALIDITY",
        "Long",
        "86400",
        "7776000",
      ]);

      // The remaining statements act on `myint`, which the docs assume exists.
      await exec(
        c,
        "CREATE SECURITY INTEGRATION myint TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://localhost.com'",
      );
      await exec(c, seed("alter-myint-set-key"));
      // DESC SECURITY INTEGRATION myint; — the docs show exactly these two rows
      const rows = await exec(c, seed("desc-myint"));
      const fp = rows
        .filter((r: Record<string, string>) => r.property.endsWith("_FP"))
        .map((r: Record<string, string>) => [r.property, r.property_type, r.property_value, r.property_default]);
      assert.deepEqual(fp, [
        ["OAUTH_CLIENT_RSA_PUBLIC_KEY_FP", "String", rsaKey(0).fingerprint, ""],
        ["OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP", "String", "", ""],
      ]);
      await exec(c, seed("alter-myint-set-key-2"));
      assert.equal((await descRow(c, "myint", "OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP"))[2], rsaKey(1).fingerprint);
      await exec(c, seed("alter-myint-unset-key"));
      assert.equal((await descRow(c, "myint", "OAUTH_CLIENT_RSA_PUBLIC_KEY_FP"))[2], "");
      assert.equal((await descRow(c, "myint", "OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP"))[2], rsaKey(1).fingerprint);
    } finally {
      await destroy(c);
    }
  });
});

test("002_33d6c5d007e98687.txt (ja, Snowflake OAuth overview): Tableau Desktop integration as printed, stray ';' included", async () => {
  await withEmulator(async (emu) => {
    const c = await connect(emu);
    try {
      // As printed, the docs end the CREATE after BLOCKED_ROLES_LIST and leave `NETWORK_POLICY = '...';` as a
      // second statement: the CREATE succeeds and the fragment is a syntax error, as in Snowflake.
      const [create, fragment] = seed("create-td_oauth_int2").split(/;\s*\n/);
      assert.equal((await exec(c, create))[0].status, "Integration TD_OAUTH_INT2 successfully created.");
      const e = await execError(c, fragment);
      assert.equal(e.code, "001003");
      assert.match(e.message, /syntax error line 1 at position 0 unexpected 'NETWORK_POLICY'/);
      assert.deepEqual(await descRow(c, "td_oauth_int2", "OAUTH_REFRESH_TOKEN_VALIDITY"), [
        "OAUTH_REFRESH_TOKEN_VALIDITY",
        "Long",
        "36000",
        "7776000",
      ]);
      assert.equal((await exec(c, "SHOW INTEGRATIONS LIKE 'TD_OAUTH_INT2'"))[0].type, "OAUTH - TABLEAU_DESKTOP");
      // The statement the docs intend (policy inside the CREATE) works once the policy exists.
      await exec(c, "CREATE NETWORK POLICY allow_private_ip_only ALLOWED_IP_LIST = ('10.0.0.0/8', '127.0.0.1')");
      await exec(c, "CREATE OR REPLACE " + create.replace(/^CREATE /, "") + "\nNETWORK_POLICY = 'allow_private_ip_only'");
      assert.equal((await descRow(c, "td_oauth_int2", "NETWORK_POLICY"))[2], "ALLOW_PRIVATE_IP_ONLY");
    } finally {
      await destroy(c);
    }
  });
});
