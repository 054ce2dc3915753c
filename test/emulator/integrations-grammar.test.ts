/**
 * Table-driven tests of the integration grammar (no server): which texts are integration statements,
 * what they parse to, that non-integration statements are left unconsumed, and syntax errors.
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { Cursor } from "../../emulator/sql/cursor";
import { splitStatements } from "../../emulator/sql/lexer";
import { IntegrationStatement, parseIntegrationStatement } from "../../emulator/sql/integration-grammar";
import { PROPERTY_DEFS } from "../../emulator/objects/integration";
import { KIND_TABLES } from "../../emulator/objects/integration-kinds";
import { parseSql } from "../../emulator/sql/parser";

function parse(sql: string): { stmt: IntegrationStatement | undefined; consumedNothing: boolean } {
  const [p] = splitStatements(sql);
  const c = new Cursor(p.tokens, p.text);
  const stmt = parseIntegrationStatement(c);
  return { stmt, consumedNothing: c.mark() === 0 };
}

/** A compact summary of a parsed statement for comparison. */
function summary(s: IntegrationStatement): string {
  switch (s.kind) {
    case "createIntegration":
      return `create ${s.name.name}${s.orReplace ? " orReplace" : ""}${s.ifNotExists ? " ifNotExists" : ""} [${[...s.assignments.keys()].join(",")}]`;
    case "alterIntegrationSet":
      return `set ${s.name.name}${s.ifExists ? " ifExists" : ""} [${[...s.assignments.keys()].join(",")}]`;
    case "alterIntegrationUnset":
      return `unset ${s.name.name}${s.ifExists ? " ifExists" : ""} [${s.names.map((t) => t.value).join(",")}]`;
    case "alterIntegrationRefresh":
      return `refresh ${s.name.name}${s.ifExists ? " ifExists" : ""} ${s.secret}`;
    case "describeIntegration":
      return `describe ${s.name.name}`;
    case "showIntegrations":
      return `show ${s.category}${s.like !== undefined ? ` like ${s.like}` : ""}`;
    case "dropIntegration":
      return `drop ${s.name.name}${s.ifExists ? " ifExists" : ""}`;
  }
}

const forms: [string, string][] = [
  ["CREATE SECURITY INTEGRATION i TYPE = OAUTH OAUTH_CLIENT = CUSTOM", "create I [TYPE,OAUTH_CLIENT]"],
  ['create or replace security integration "My i" type=oauth, oauth_client=looker', "create My i orReplace [TYPE,OAUTH_CLIENT]"],
  ["CREATE SECURITY INTEGRATION IF NOT EXISTS i\n  TYPE = OAUTH\n  COMMENT = 'multi\nline'", "create I ifNotExists [TYPE,COMMENT]"],
  ["ALTER SECURITY INTEGRATION i SET ENABLED = TRUE, COMMENT = 'x' NETWORK_POLICY = '\"np\"'", "set I [ENABLED,COMMENT,NETWORK_POLICY]"],
  ["alter integration if exists i set oauth_client_rsa_public_key_2='AAAA'", "set I ifExists [OAUTH_CLIENT_RSA_PUBLIC_KEY_2]"],
  ["ALTER INTEGRATION i UNSET ENABLED, NETWORK_POLICY", "unset I [ENABLED,NETWORK_POLICY]"],
  ["ALTER INTEGRATION i UNSET TAG", "unset I [TAG]"],
  ["ALTER SECURITY INTEGRATION IF EXISTS i REFRESH OAUTH_CLIENT_SECRET_2", "refresh I ifExists OAUTH_CLIENT_SECRET_2"],
  ["DESC INTEGRATION i", "describe I"],
  ['describe security integration "i"', "describe i"],
  ["SHOW INTEGRATIONS", "show ALL"],
  ["SHOW SECURITY INTEGRATIONS LIKE 'A%'", "show SECURITY like A%"],
  ["show external access integrations", "show OTHER"],
  ["DROP SECURITY INTEGRATION IF EXISTS i", "drop I ifExists"],
  ["drop integration i", "drop I"],
];

for (const [sql, expected] of forms) {
  test(`parses: ${sql.replace(/\n/g, " ")}`, () => {
    const { stmt } = parse(sql);
    assert.ok(stmt);
    assert.equal(summary(stmt), expected);
  });
}

for (const sql of [
  "CREATE USER u",
  "CREATE NETWORK POLICY p",
  "ALTER USER u SET X = 1",
  "DROP ROLE r",
  "SHOW USERS",
  "DESC USER u",
  "SELECT 1",
  "CREATE OR REPLACE ROLE r",
]) {
  test(`not an integration statement, nothing consumed: ${sql}`, () => {
    const { stmt, consumedNothing } = parse(sql);
    assert.equal(stmt, undefined);
    assert.ok(consumedNothing);
  });
}

const syntaxErrors: [string, RegExp][] = [
  ["CREATE SECURITY INTEGRATION", /unexpected '<EOF>'/],
  ["CREATE SECURITY INTEGRATION i TYPE = OAUTH garbage", /line 1 at position 43 unexpected 'garbage'/],
  ["ALTER SECURITY USER x", /unexpected 'USER'/],
  ["ALTER INTEGRATION i RENAME TO j", /unexpected 'RENAME'/],
  ["ALTER INTEGRATION i REFRESH OAUTH_CLIENT_ID", /unexpected 'OAUTH_CLIENT_ID'/],
  ["ALTER INTEGRATION i UNSET", /unexpected '<EOF>'/],
  ["SHOW SECURITY POLICIES", /unexpected 'POLICIES'/],
  ["SHOW INTEGRATIONS LIKE foo", /unexpected 'foo'/],
  ["DROP INTEGRATION a.b", /unexpected '\.'/],
  ["CREATE SECURITY INTEGRATION i TYPE = OAUTH, ", /unexpected '<EOF>'/],
];
for (const [sql, message] of syntaxErrors) {
  test(`syntax error 001003: ${sql}`, () => {
    assert.throws(
      () => parse(sql),
      (e: any) => e.code === "001003" && message.test(e.message),
    );
  });
}

test("SET TAG / UNSET TAG t belong to the tag grammar: the full parser reads them as tag associations", () => {
  for (const [sql, type] of [
    ["ALTER INTEGRATION i SET TAG db.s.t = 'v'", "setTag"],
    ["ALTER SECURITY INTEGRATION i UNSET TAG db.s.t, db.s.u", "unsetTag"],
  ] as const) {
    const st = parseSql(sql);
    assert.equal(st.kind, "tagAssociation", sql);
    if (st.kind === "tagAssociation") {
      assert.equal(st.objectType, "INTEGRATION");
      assert.equal(st.action.type, type);
    }
  }
});

test("kind tables: every kind's rows are defined once, DESCRIBE names unique, required rows are creatable", () => {
  assert.deepEqual(Object.keys(KIND_TABLES).sort(), [
    "EXTERNAL_OAUTH - AZURE",
    "EXTERNAL_OAUTH - CUSTOM",
    "EXTERNAL_OAUTH - OKTA",
    "EXTERNAL_OAUTH - PING_FEDERATE",
    "OAUTH - CUSTOM",
    "OAUTH - LOOKER",
    "OAUTH - TABLEAU_DESKTOP",
    "OAUTH - TABLEAU_SERVER",
  ]);
  for (const t of Object.values(KIND_TABLES)) {
    const names = t.rows.map((r) => r.def.name);
    assert.equal(new Set(names).size, names.length, `${t.kind}: duplicate rows`);
    for (const r of t.rows) {
      assert.equal(PROPERTY_DEFS[r.def.name as keyof typeof PROPERTY_DEFS], r.def, `${t.kind}: ${r.def.name} not from PROPERTY_DEFS`);
      if (r.def.value.kind === "derived")
        assert.ok(r.create === "no" && !r.set && !r.unset, `${t.kind}: derived ${r.def.name} must be read-only`);
      if (r.unset) assert.ok(r.set || r.def.value.kind === "key", `${t.kind}: ${r.def.name} unset without set`);
      if (r.range) assert.equal(r.def.value.kind, "int");
    }
  }
});
