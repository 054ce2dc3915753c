/**
 * BEGIN / START TRANSACTION / COMMIT / ROLLBACK. Everything the emulator runs is DDL, SHOW/DESCRIBE, SELECT without
 * tables or session commands, and Snowflake commits each DDL statement in its own transaction, committing any open
 * one first (https://docs.snowflake.com/en/sql-reference/transactions, "DDL"). So an open transaction never holds a
 * change here: BEGIN opens nothing that a later ROLLBACK could undo, and COMMIT/ROLLBACK have nothing to end. No
 * session state is kept; a second BEGIN or COMMIT is "ignored" as the BEGIN/COMMIT usage notes say.
 *
 * Result: one `status` row "Statement executed successfully." — START TRANSACTION's row as printed in
 * transferwise/pipelinewise-target-snowflake PR #81; the same text for BEGIN/COMMIT/ROLLBACK is assumed (FIDELITY.md).
 * statementTypeId 0x5000 (TCL): tekumara/fakesnow `fakesnow/statement_type.py` after snowflake-jdbc SFStatementType.
 * @internal
 */
import { TransactionStatement } from "../sql/ast";
import { ExecContext, ResultSet, STATEMENT_TYPE, statusResult } from "./context";

export function executeTransactionStatement(_ctx: ExecContext, _stmt: TransactionStatement): ResultSet {
  return statusResult("Statement executed successfully.", STATEMENT_TYPE.TCL);
}
