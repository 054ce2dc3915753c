// Table-driven tests of the tokenizer and the cursor (no server).
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { splitStatements, tokenize } from "../../emulator/sql/lexer";
import { Cursor } from "../../emulator/sql/cursor";
import { SnowflakeError } from "../../emulator/errors";
import { redactSql } from "../../emulator/log";

describe("lexer", () => {
  const strings: [string, string][] = [
    ["'plain'", "plain"],
    ["'it''s'", "it's"],
    ["'it\\'s'", "it's"],
    ["'a\\\\b'", "a\\b"],
    ["'\\n\\t\\r\\b\\f\\0'", "\n\t\r\b\f\0"],
    ["'\\x41\\u00e9\\101'", "Aé" + "A"],
    ["'\\z'", "z"],
    ["'multi\nline'", "multi\nline"],
    ["$$raw 'x' \\n$$", "raw 'x' \\n"],
  ];
  for (const [src, want] of strings) {
    it(`string literal ${JSON.stringify(src)}`, () => {
      const t = tokenize(src)[0];
      assert.equal(t.kind, "string");
      assert.equal(t.value, want);
    });
  }

  const idents: [string, string, "word" | "quoted"][] = [
    ["myint", "MYINT", "word"],
    ["My_Int$2", "MY_INT$2", "word"],
    ['"MyInt"', "MyInt", "quoted"],
    ['"a""b"', 'a"b', "quoted"],
    ['"with space"', "with space", "quoted"],
  ];
  for (const [src, want, kind] of idents) {
    it(`identifier ${src}`, () => {
      const t = tokenize(src)[0];
      assert.equal(t.kind, kind);
      assert.equal(t.value, want);
    });
  }

  it("comments are skipped; positions are 1-based lines and 0-based columns", () => {
    const toks = tokenize("-- c1\nselect /* c2\n */ x // c3\n, 'y'");
    assert.deepEqual(
      toks.map((t) => [t.kind, t.value, t.line, t.col]),
      [
        ["word", "SELECT", 2, 0],
        ["word", "X", 3, 4],
        ["symbol", ",", 4, 0],
        ["string", "y", 4, 2],
        ["eof", "", 4, 5],
      ],
    );
  });

  it("splits statements on top-level ; only", () => {
    const parts = splitStatements("select ';'; select 2 ;\n-- only a comment\n;");
    assert.deepEqual(
      parts.map((p) => p.text),
      ["select ';'", "select 2"],
    );
  });

  it("unterminated literal is a syntax error", () => {
    assert.throws(
      () => tokenize("select 'abc"),
      (e: unknown) => e instanceof SnowflakeError && e.code === "001003",
    );
  });
});

describe("cursor", () => {
  it("property assignments: spaces, commas, newlines; lists; booleans; numbers", () => {
    const c = new Cursor(tokenize("A = 'x', B = TRUE\nC = -5 D = ( 'r1', \"r2\", R3 ) E = () F = db.sch.obj"));
    const m = c.propertyAssignments();
    assert.deepEqual([...m.keys()], ["A", "B", "C", "D", "E", "F"]);
    assert.equal(m.get("A")?.value.kind, "string");
    const b = m.get("B")?.value;
    assert.ok(b?.kind === "bool" && b.value === true);
    const c2 = m.get("C")?.value;
    assert.ok(c2?.kind === "number" && c2.value === -5);
    const d = m.get("D")?.value;
    assert.ok(d?.kind === "list");
    assert.deepEqual(
      d.items.map((i) => (i.kind === "string" || i.kind === "ident" ? i.value : "")),
      ["r1", "r2", "R3"],
    );
    const e = m.get("E")?.value;
    assert.ok(e?.kind === "list" && e.items.length === 0);
    const f = m.get("F")?.value;
    assert.ok(f?.kind === "ident" && f.value === "DB.SCH.OBJ");
    assert.ok(c.atEnd());
  });

  it("keyword sequences and alternatives", () => {
    const c = new Cursor(tokenize("create or replace Security integration"));
    assert.ok(c.acceptWord("CREATE"));
    assert.ok(!c.acceptWord("OR", "ALTER"));
    assert.ok(c.acceptWord("or", "REPLACE"));
    assert.equal(c.acceptOneOf("NETWORK", "SECURITY"), "SECURITY");
    assert.throws(() => c.expectWord("USER"), /syntax error line 1 at position 27 unexpected 'integration'\./);
  });

  it("quoted words are identifiers, not keywords", () => {
    const c = new Cursor(tokenize('"SET"'));
    assert.ok(!c.peekWord("SET"));
    assert.equal(c.identifier().name, "SET");
  });
});

describe("redaction", () => {
  const cases: [string, string][] = [
    ["ALTER USER u SET PASSWORD = 'p''w'", "ALTER USER u SET PASSWORD = '***'"],
    [
      "alter user u set rsa_public_key='MIIB...', rsa_public_key_2 = 'MIIC'",
      "alter user u set rsa_public_key='***', rsa_public_key_2 = '***'",
    ],
    ["ALTER INTEGRATION i SET OAUTH_CLIENT_RSA_PUBLIC_KEY = $$k$$", "ALTER INTEGRATION i SET OAUTH_CLIENT_RSA_PUBLIC_KEY = '***'"],
    ["select 'password'", "select 'password'"],
  ];
  for (const [input, want] of cases) {
    it(input, () => assert.equal(redactSql(input), want));
  }
});
