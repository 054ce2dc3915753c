/**
 * Statements official clients send as part of everyday commands, through snowflake-sdk:
 * - `IDENTIFIER('<name>')` in every name position (the Snowflake CLI's `snow object describe/drop` sends
 *   `describe <type> IDENTIFIER('<fqn>')`, snowflakedb/snowflake-cli `src/snowflake/cli/_plugins/object/manager.py`,
 *   `api/identifiers.py` FQN.sql_identifier; docs https://docs.snowflake.com/en/sql-reference/identifier-literal).
 * - BEGIN / START TRANSACTION / COMMIT / ROLLBACK around DDL (docs …/sql-reference/transactions: DDL auto-commits).
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { connect, destroy, exec, execError } from "../helpers/emulator";
import { startEmulator, type Emulator } from "../../emulator/index";

let emu: Emulator;
let admin: any;

before(async () => {
  emu = await startEmulator({ port: 0 });
  admin = await connect(emu);
});
after(async () => {
  await destroy(admin);
  await emu.stop();
});

const names = async (sql: string): Promise<string[]> => (await exec(admin, sql)).map((r: any) => r.name);

/** Snowflake CLI `to_string_literal` (api/project/util.py): `'` doubled, wrapped in single quotes. */
const cliLiteral = (raw: string): string => `'${raw.replace(/(\\*)'/g, (_m, b: string) => b + b + "''")}'`;

describe("IDENTIFIER('name') wherever a name is read", () => {
  it("the CLI's describe/drop: unquoted folds to upper case, the integration is found and dropped", async () => {
    await exec(
      admin,
      "CREATE SECURITY INTEGRATION cli_app TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://a/cb'",
    );
    const rows = await exec(admin, `describe integration IDENTIFIER(${cliLiteral("cli_app")})`);
    assert.ok(rows.some((r: any) => r.property === "OAUTH_CLIENT_TYPE" && r.property_value === "CONFIDENTIAL"));
    await exec(admin, `drop integration IDENTIFIER(${cliLiteral("cli_app")})`);
    assert.deepEqual(await names("SHOW SECURITY INTEGRATIONS LIKE 'CLI_APP'"), []);
  });

  it("a double-quoted name inside the literal keeps its case (and a quote doubled by the CLI)", async () => {
    await exec(admin, `CREATE USER "it's Mixed"`);
    await exec(admin, `CREATE USER IT_S_MIXED`);
    const e = await execError(admin, `describe user IDENTIFIER('it''s Mixed')`);
    assert.equal(e.code, "000904", "an unquoted name with a space and a quote is no identifier");
    const rows = await exec(admin, `describe user IDENTIFIER(${cliLiteral('"it\'s Mixed"')})`);
    assert.equal(rows.find((r: any) => r.property === "NAME")?.value, "it's Mixed");
    await exec(admin, `drop user IDENTIFIER(${cliLiteral('"it\'s Mixed"')})`);
    assert.deepEqual(await names("SHOW USERS LIKE 'it''s%'"), []);
    assert.deepEqual(await names("SHOW USERS LIKE 'IT_S_MIXED'"), ["IT_S_MIXED"], "the upper-case user is untouched");
  });

  it("CREATE, ALTER, GRANT and SHOW GRANTS read it too; a bind becomes the literal (IDENTIFIER(?))", async () => {
    await exec(admin, "CREATE NETWORK POLICY IDENTIFIER('np_ident') ALLOWED_IP_LIST = ('10.0.0.0/8')");
    await exec(admin, "ALTER NETWORK POLICY IDENTIFIER('NP_IDENT') SET COMMENT = 'via literal'");
    assert.deepEqual(await names("SHOW NETWORK POLICIES LIKE 'NP_IDENT'"), ["NP_IDENT"]);
    await exec(admin, "CREATE ROLE IDENTIFIER(?)", { binds: ["ident_role"] });
    await exec(admin, "CREATE USER IDENTIFIER('ident_user')");
    await exec(admin, "GRANT ROLE IDENTIFIER('ident_role') TO USER IDENTIFIER(?)", { binds: ["IDENT_USER"] });
    const grants = await exec(admin, "SHOW GRANTS TO USER IDENTIFIER('ident_user')");
    assert.deepEqual(
      grants.map((g: any) => g.role),
      ["IDENT_ROLE"],
    );
    await exec(admin, "ALTER USER IDENTIFIER('ident_user') SET COMMENT = 'c'");
    const desc = await exec(admin, "DESC USER ident_user");
    assert.equal(desc.find((r: any) => r.property === "COMMENT")?.value, "c");
  });

  it("a fully qualified literal names a schema object (CREATE TAG IDENTIFIER('db.sch.tag'))", async () => {
    await exec(admin, "CREATE DATABASE ID_DB");
    await exec(admin, "CREATE SCHEMA ID_DB.S");
    await exec(admin, `CREATE TAG IDENTIFIER('id_db.s."Cost"')`);
    assert.deepEqual(await names("SHOW TAGS IN SCHEMA IDENTIFIER('ID_DB.S')"), ["Cost"]);
  });

  it("an object not there is reported by its resolved name", async () => {
    const e = await execError(admin, "DROP USER IDENTIFIER('nobody_here')");
    assert.equal(e.code, "002003");
    assert.match(e.message, /'NOBODY_HERE' does not exist/);
  });

  it("session variables stay unsupported; a dotted literal where one part is wanted is a syntax error", async () => {
    const v = await execError(admin, "DROP USER IDENTIFIER($u)");
    assert.equal(v.code, "000002");
    assert.match(v.message, /IDENTIFIER with a variable/);
    const d = await execError(admin, "DROP USER IDENTIFIER('a.b')");
    assert.equal(d.code, "001003");
    const w = await execError(admin, "DROP USER IDENTIFIER(' padded ')");
    assert.equal(w.code, "000904");
  });

  it("a user named IDENTIFIER is still a plain name", async () => {
    await exec(admin, "CREATE USER identifier");
    assert.deepEqual(await names("SHOW USERS LIKE 'IDENTIFIER'"), ["IDENTIFIER"]);
    await exec(admin, "DROP USER identifier");
  });
});

describe("BEGIN / COMMIT / ROLLBACK around DDL", () => {
  const OK = [{ status: "Statement executed successfully." }];

  it("every form answers with one status row", async () => {
    for (const sql of [
      "BEGIN",
      "BEGIN WORK",
      "BEGIN TRANSACTION",
      "BEGIN TRANSACTION NAME t1",
      "START TRANSACTION",
      "START TRANSACTION NAME t2",
      "COMMIT",
      "COMMIT WORK",
      "ROLLBACK",
      "ROLLBACK WORK",
    ]) {
      assert.deepEqual(await exec(admin, sql), OK, sql);
    }
  });

  it("DDL is committed on its own: a ROLLBACK after it undoes nothing", async () => {
    await exec(admin, "BEGIN");
    await exec(admin, "CREATE ROLE txn_role");
    await exec(admin, "ROLLBACK");
    assert.deepEqual(await names("SHOW ROLES LIKE 'TXN_ROLE'"), ["TXN_ROLE"]);
  });

  it("a second BEGIN and a COMMIT with nothing open are accepted (ignored)", async () => {
    assert.deepEqual(await exec(admin, "BEGIN"), OK);
    assert.deepEqual(await exec(admin, "BEGIN"), OK);
    assert.deepEqual(await exec(admin, "COMMIT"), OK);
    assert.deepEqual(await exec(admin, "COMMIT"), OK);
  });

  it("in one multi-statement request, as the SQL API transactions page sends them", async () => {
    const results: any[][] = [];
    await new Promise<void>((resolve, reject) => {
      admin.execute({
        sqlText: "begin transaction; create role txn_multi; rollback",
        parameters: { MULTI_STATEMENT_COUNT: 3 },
        complete: (err: unknown, stmt: any, rows: any[]) => {
          if (err) return reject(err);
          results.push(rows);
          if (stmt.hasNext()) stmt.NextResult();
          else resolve();
        },
      });
    });
    assert.deepEqual(results[0], OK);
    assert.deepEqual(results[2], OK);
    assert.deepEqual(await names("SHOW ROLES LIKE 'TXN_MULTI'"), ["TXN_MULTI"]);
  });
});

describe("SYSTEM$CANCEL_ALL_QUERIES (Snowpark Session.close)", () => {
  const cancel = async (conn: any, id: string): Promise<string> =>
    Object.values((await exec(conn, `select system$cancel_all_queries(${id})`))[0] as Record<string, string>)[0];
  const sessionId = async (conn: any): Promise<string> => (await exec(conn, "SELECT CURRENT_SESSION() AS S"))[0].S;

  it("the caller's own session and another session of the same user: nothing is running, so 0 cancelled", async () => {
    assert.equal(await cancel(admin, await sessionId(admin)), "0 cancelled.");
    const second = await connect(emu);
    try {
      assert.equal(await cancel(admin, await sessionId(second)), "0 cancelled.");
    } finally {
      await destroy(second);
    }
  });

  it("another user's session needs OWNERSHIP of that user; unknown and closed sessions are refused", async () => {
    await exec(admin, "CREATE USER cancel_u PASSWORD = 'pw'");
    const other = await connect(emu, { username: "cancel_u", password: "pw" });
    const otherId = await sessionId(other);
    try {
      assert.equal(await cancel(admin, otherId), "0 cancelled.", "ADMIN's role owns CANCEL_U");
      const e = await execError(other, `select system$cancel_all_queries(${await sessionId(admin)})`);
      assert.equal(e.code, "002003");
      assert.equal(await cancel(other, otherId), "0 cancelled.");
    } finally {
      await destroy(other);
    }
    assert.equal((await execError(admin, `select system$cancel_all_queries(${otherId})`)).code, "002003", "logged out");
    assert.equal((await execError(admin, "select system$cancel_all_queries(987654321)")).code, "002003");
    assert.equal((await execError(admin, "select system$cancel_all_queries('x')")).code, "001044");
  });
});

describe("SYSTEM$CLIENT_VERSION_INFO()", () => {
  it("a JSON array of clients with the docs' fields", async () => {
    const v = JSON.parse((await exec(admin, "SELECT SYSTEM$CLIENT_VERSION_INFO() AS V"))[0].V);
    assert.ok(Array.isArray(v));
    assert.deepEqual(
      v.map((c: any) => c.clientId),
      ["DOTNETDriver", "GO", "JDBC", "JSDriver", "ODBC", "PHP_PDO", "PythonConnector", "SnowSQL", "SQLAPI"],
    );
    for (const c of v) {
      assert.deepEqual(Object.keys(c), [
        "clientId",
        "clientAppId",
        "minimumSupportedVersion",
        "minimumNearingEndOfSupportVersion",
        "recommendedVersion",
        "deprecatedVersions",
        "_customSupportedVersions_",
      ]);
    }
    assert.equal(v.find((c: any) => c.clientId === "JSDriver").clientAppId, "JavaScript");
    assert.equal((await execError(admin, "SELECT SYSTEM$CLIENT_VERSION_INFO(1)")).code, "000938");
  });
});

describe("the same through the Python connector (what snowflake-sqlalchemy, the CLI and Snowpark send)", () => {
  it("autocommit=False login, SQLAlchemy's connect queries, ROLLBACK/COMMIT, IDENTIFIER, cancel_all_queries", async (t) => {
    const root = path.resolve(__dirname, "..", "..", "..");
    const python = path.join(root, ".work", "pyenv", "bin", "python");
    if (!fs.existsSync(path.join(root, ".work", "pyenv", ".install-stamp"))) {
      t.skip(".work/pyenv is missing (scripts/bootstrap.sh)");
      return;
    }
    await exec(
      admin,
      "CREATE SECURITY INTEGRATION py_app TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://a/cb'",
    );
    const mark = emu.log.mark();
    const script = path.join(root, "test", "python", "client_statements.py");
    const out = await new Promise<string>((resolve) =>
      execFile(python, [script, emu.url, emu.account, "ADMIN", "admin", "py_app"], { timeout: 120_000 }, (_e, so) => resolve(so)),
    );
    const r = JSON.parse(out.trim().split("\n").pop() ?? "{}");
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.deepEqual(r.steps.db_schema, [null, null]);
    assert.ok(r.steps.describe_rows > 5);
    assert.equal(r.steps.cancel_all, "0 cancelled.");
    const sent = emu.log.statements({ since: mark }).map((e: any) => `${e.text} ${e.outcome}`);
    for (const s of ["ROLLBACK ok", "COMMIT ok", "describe integration IDENTIFIER('py_app') ok"])
      assert.ok(sent.includes(s), sent.join("\n"));
  });
});
