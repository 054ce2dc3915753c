/**
 * Quoting rules, one case per rule:
 * identifiers — https://docs.snowflake.com/en/sql-reference/identifiers-syntax
 * string literals — https://docs.snowflake.com/en/sql-reference/data-types-text (String constants / escape sequences)
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { Ident, identifierProblem, parseQualified, qualifiedToSql, resolveName, stringLiteral } from "../../provider/sql/quote";

const identCases: [rule: string, input: string, stored: string, sql: string][] = [
  ["unquoted identifiers are stored upper case", "my_int", "MY_INT", "MY_INT"],
  ["unquoted may contain digits and $ after the first char", "a1$b", "A1$B", "A1$B"],
  ["unquoted may start with _", "_x", "_X", "_X"],
  ["double quotes keep case", '"MyInt"', "MyInt", '"MyInt"'],
  ['"" inside quotes is one "', '"a""b"', 'a"b', '"a""b"'],
  ["quoted upper-case-safe names print bare", '"ABC"', "ABC", "ABC"],
  ["names that are not unquoted-safe are taken exactly and quoted", "my role", "my role", '"my role"'],
  ["a leading digit needs quotes", "1abc", "1abc", '"1abc"'],
  ["dashes need quotes", "a-b", "a-b", '"a-b"'],
  ["reserved keywords are quoted", "select", "SELECT", '"SELECT"'],
  ["unicode letters need quotes", "café", "café", '"café"'],
];

for (const [rule, input, stored, sql] of identCases) {
  test(`identifier: ${rule}`, () => {
    const id = Ident.parse(input);
    assert.equal(id.name, stored);
    assert.equal(id.toSql(), sql);
    assert.equal(Ident.parse(id.toSql()).name, stored, "toSql round-trips through parse");
  });
}

test("identifier: stored names are not case-folded", () => {
  assert.equal(Ident.stored("lower").toSql(), '"lower"');
  assert.equal(resolveName("Analyst"), "ANALYST");
});

test("identifier: at most 255 characters, not empty", () => {
  assert.equal(identifierProblem("a".repeat(255)), undefined);
  assert.match(identifierProblem("a".repeat(256))!, /255/);
  assert.match(identifierProblem("")!, /empty/);
  assert.match(identifierProblem('""')!, /empty/);
});

test("identifier: dotted names resolve part by part; quoted parts may hold dots", () => {
  assert.equal(qualifiedToSql(parseQualified("db.sch.rule")), "DB.SCH.RULE");
  assert.equal(qualifiedToSql(parseQualified('db."My.Sch".rule')), 'DB."My.Sch".RULE');
});

const literalCases: [rule: string, input: string, sql: string][] = [
  ["plain text is wrapped in single quotes", "abc", "'abc'"],
  ["a single quote is doubled", "it's", "'it''s'"],
  ["a backslash is doubled (it starts escapes)", "a\\b", "'a\\\\b'"],
  ["backslash before quote: backslash escaped first, then quote doubled", "\\'", "'\\\\'''"],
  ["newlines are kept as is", "a\nb", "'a\nb'"],
  ["empty string", "", "''"],
  ["double quotes need no escaping", 'say "hi"', "'say \"hi\"'"],
];
for (const [rule, input, sql] of literalCases) {
  test(`string literal: ${rule}`, () => assert.equal(stringLiteral(input), sql));
}

test("secret input values are found raw and as literal bodies, and redacted longest first", async () => {
  const { secretFragments, redactFragments, stringLiteral } = await import("../../provider/sql/quote");
  const inputs = {
    comment: "it's secret",
    oauthRedirectUri: "https://x",
    networkPolicy: "np",
    __secretInputs: ["comment", "networkPolicy"],
  };
  const f = secretFragments(inputs);
  assert.deepEqual(f.sort(), ["it''s secret", "it's secret"].sort(), "two-character values are left alone");
  assert.equal(redactFragments(`ALTER X SET COMMENT = ${stringLiteral("it's secret")}`, f), "ALTER X SET COMMENT = '***'");
  assert.deepEqual(secretFragments({ comment: "x" }), [], "nothing without the SDK's list");
  // A secret map (tags): each value is redacted.
  const tagged = secretFragments({ tags: { "g.s.owner": "team-secret" }, __secretInputs: ["tags"] });
  assert.deepEqual(tagged, ["team-secret"]);
  assert.equal(
    redactFragments("ALTER NETWORK POLICY NP SET TAG G.S.OWNER = 'team-secret'", tagged),
    "ALTER NETWORK POLICY NP SET TAG G.S.OWNER = '***'",
  );
});
