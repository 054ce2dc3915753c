/**
 * Transaction control (https://docs.snowflake.com/en/sql-reference/sql/begin, .../commit, .../rollback):
 * - BEGIN [ { WORK | TRANSACTION } ] [ NAME <name> ]
 * - START TRANSACTION [ NAME <name> ]
 * - COMMIT [ WORK ]
 * - ROLLBACK [ WORK ]
 * A BEGIN followed by anything else opens a Snowflake Scripting block, which the emulator does not run.
 * @internal
 */
import { NotSupported } from "../errors";
import { Cursor } from "./cursor";
import { TransactionStatement } from "./ast";

export function parseTransactionStatement(c: Cursor): TransactionStatement | undefined {
  if (c.acceptWord("START")) {
    c.expectWord("TRANSACTION");
    return { kind: "transaction", op: "begin", name: optName(c) };
  }
  if (c.acceptWord("BEGIN")) {
    c.acceptOneOf("WORK", "TRANSACTION");
    const name = optName(c);
    if (!c.atEnd()) throw new NotSupported("Snowflake Scripting block (BEGIN ... END)");
    return { kind: "transaction", op: "begin", name };
  }
  const verb = c.acceptOneOf("COMMIT", "ROLLBACK");
  if (!verb) return undefined;
  c.acceptWord("WORK");
  return { kind: "transaction", op: verb === "COMMIT" ? "commit" : "rollback" };
}

/** `NAME <name>`: the docs require the keyword when a name is given. */
function optName(c: Cursor): TransactionStatement["name"] {
  return c.acceptWord("NAME") ? c.identifier() : undefined;
}
