/**
 * Response bodies: the driver's JSON envelope (query-request, login errors) and the SQL API v2
 * ResultSet / failure bodies. Shapes: what snowflake-sdk, gosnowflake and snowflake-connector-python
 * read (FIDELITY.md, "Wire protocol" and "SQL API v2").
 * @internal
 */
import { SnowflakeError } from "../errors";
import { Column, ResultSet, Session, STATEMENT_TYPE } from "../exec/context";

/** The output-format parameters sent with every result (FIDELITY.md, "Result parameters"). */
export const RESULT_PARAMETERS = [
  { name: "TIMEZONE", value: "America/Los_Angeles" },
  { name: "TIMESTAMP_OUTPUT_FORMAT", value: "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM" },
  { name: "TIMESTAMP_NTZ_OUTPUT_FORMAT", value: "YYYY-MM-DD HH24:MI:SS.FF3" },
  { name: "TIMESTAMP_LTZ_OUTPUT_FORMAT", value: "" },
  { name: "TIMESTAMP_TZ_OUTPUT_FORMAT", value: "" },
  { name: "DATE_OUTPUT_FORMAT", value: "YYYY-MM-DD" },
  { name: "TIME_OUTPUT_FORMAT", value: "HH24:MI:SS" },
  { name: "BINARY_OUTPUT_FORMAT", value: "HEX" },
];

/** rowtype entry with every key the three drivers read. */
export function rowtypeOf(c: Column): Record<string, unknown> {
  const base = { name: c.name, database: "", schema: "", table: "", nullable: c.nullable, type: c.type, collation: null };
  switch (c.type) {
    case "text":
    case "variant":
      return { ...base, byteLength: 16777216, length: 16777216, precision: null, scale: null };
    case "fixed":
      return { ...base, byteLength: null, length: null, precision: c.precision ?? 38, scale: c.scale ?? 0 };
    case "timestamp_ltz":
    case "timestamp_ntz":
      return { ...base, byteLength: null, length: null, precision: c.precision ?? 0, scale: c.scale ?? 9 };
    default:
      return { ...base, byteLength: null, length: null, precision: null, scale: null };
  }
}

/**
 * Wire encoding of cells: boolean columns are sent as "1"/"0" as Snowflake does (the
 * Python connector only reads "1"/"TRUE" as true). Executors may produce "true"/"false".
 */
function wireRows(r: ResultSet): (string | null)[][] {
  const boolIdx = r.columns.map((c, i) => (c.type === "boolean" ? i : -1)).filter((i) => i >= 0);
  if (boolIdx.length === 0) return r.rows;
  return r.rows.map((row) => {
    const out = [...row];
    for (const i of boolIdx) {
      const v = out[i];
      if (v !== null) out[i] = v === "true" || v === "1" || v === "TRUE" ? "1" : "0";
    }
    return out;
  });
}

export function successEnvelope(r: ResultSet, queryId: string, s: Session): unknown {
  return {
    data: {
      parameters: RESULT_PARAMETERS,
      rowtype: r.columns.map(rowtypeOf),
      rowset: wireRows(r),
      total: r.rows.length,
      returned: r.rows.length,
      queryId,
      databaseProvider: null,
      finalDatabaseName: s.database ?? null,
      finalSchemaName: s.schema ?? null,
      finalWarehouseName: s.warehouse ?? null,
      finalRoleName: s.role,
      numberOfBinds: 0,
      arrayBindSupported: false,
      statementTypeId: r.statementTypeId,
      version: 1,
      sendResultTime: Date.now(),
      queryResultFormat: "json",
      queryContext: { entries: [] },
    },
    code: null,
    message: null,
    success: true,
  };
}

export function errorEnvelope(err: SnowflakeError, queryId: string): unknown {
  return {
    data: {
      internalError: false,
      unredactedFromSecureObject: false,
      errorCode: err.code,
      age: 0,
      sqlState: err.sqlState,
      queryId,
      line: -1,
      pos: -1,
      type: "COMPILATION",
      ...(err.data ?? {}),
    },
    code: err.code,
    message: err.message,
    success: false,
    headers: null,
  };
}

export function sqlApiResult(r: ResultSet, handle: string, createdOn: number, requestId: string): unknown {
  return {
    resultSetMetaData: {
      numRows: r.rows.length,
      format: "jsonv2",
      partitionInfo: [{ rowCount: r.rows.length, uncompressedSize: JSON.stringify(r.rows).length }],
      rowType: r.columns.map(rowtypeOf),
    },
    data: wireRows(r),
    code: "090001",
    statementStatusUrl: `/api/v2/statements/${handle}?requestId=${requestId}`,
    requestId,
    sqlState: "00000",
    statementHandle: handle,
    message: "Statement executed successfully.",
    createdOn,
  };
}

export function sqlApiError(err: SnowflakeError, handle: string, createdOn: number, requestId: string): unknown {
  return {
    code: err.code,
    message: err.message,
    sqlState: err.sqlState,
    statementHandle: handle,
    statementStatusUrl: `/api/v2/statements/${handle}?requestId=${requestId}`,
    requestId,
    createdOn,
  };
}

/** The parent result of a multi-statement request (`statementTypeId` 40960). */
export const MULTI_STATEMENT_RESULT: ResultSet = {
  columns: [{ name: "multiple statement execution", type: "text", nullable: false }],
  rows: [["Multiple statements executed successfully."]],
  statementTypeId: STATEMENT_TYPE.MULTI,
};
