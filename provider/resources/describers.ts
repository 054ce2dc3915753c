/**
 * How each object kind is read: one DESCRIBE (network policies also one SHOW, for the comment DESCRIBE lacks).
 * "Does not exist" (002003) means the object is gone. Reads go through the coalescing batcher
 * (`provider/connection/batch.ts`): concurrent `diff`/`read` calls share one multi-statement request.
 * @internal
 */
import type { ObjectSpec } from "../../model/types";
import { likeLiteral } from "../sql/quote";
import { convertIntegrationRows, convertNetworkPolicyRows, type DescribedProperty } from "../engine/describe";
import * as session from "../connection/session";
import * as batch from "../connection/batch";

/** Describe an integration (`DESCRIBE INTEGRATION`). */
export async function describeIntegration(nameSql: string): Promise<Map<string, DescribedProperty> | undefined> {
  try {
    return convertIntegrationRows(await batch.read({ sql: `DESCRIBE INTEGRATION ${nameSql}`, idempotent: true }));
  } catch (e) {
    if (session.isNotFound(e)) return undefined;
    throw e;
  }
}

/** Describe a network policy (`DESCRIBE NETWORK POLICY` + `SHOW NETWORK POLICIES LIKE` for the comment). */
export function describeNetworkPolicy(spec: ObjectSpec) {
  return async (nameSql: string, storedName: string): Promise<Map<string, DescribedProperty> | undefined> => {
    let rows: Record<string, unknown>[];
    try {
      rows = await batch.read({ sql: `DESCRIBE NETWORK POLICY ${nameSql}`, idempotent: true });
    } catch (e) {
      if (session.isNotFound(e)) return undefined;
      throw e;
    }
    const out = convertNetworkPolicyRows(rows, spec);
    const shown = await batch.read({ sql: `SHOW NETWORK POLICIES LIKE ${likeLiteral(storedName)}`, idempotent: true });
    const row = shown.find((r) => String(r.name) === storedName);
    if (!row) return undefined;
    out.set("COMMENT", { name: "COMMENT", type: "String", value: row.comment == null ? "" : String(row.comment), default: "" });
    return out;
  };
}
