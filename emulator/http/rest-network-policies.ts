/**
 * Snowflake REST resource API for network policies (what `snowflake.core` calls): snowflakedb/snowflake-rest-api-specs
 * `specifications/network-policy.yaml` and `common.yaml`; https://docs.snowflake.com/en/developer-guide/snowflake-rest-api/reference/network-policy
 * - GET    /api/v2/network-policies               listNetworkPolicies (no query parameters in the spec)
 * - POST   /api/v2/network-policies?createMode=   createNetworkPolicy (errorIfExists | orReplace | ifNotExists)
 * - GET    /api/v2/network-policies/{name}        fetchNetworkPolicy
 * - DELETE /api/v2/network-policies/{name}?ifExists=  deleteNetworkPolicy
 * Each request is turned into the SQL statement it stands for and run by the same engine as the driver's statements
 * (`runSql`), so privileges, errors and status texts are the SQL ones; Snowflake errors map to HTTP statuses as the
 * spec's responses describe (409 exists, 404 missing, 403 privileges, 400 malformed). Auth: the connector's session
 * token (`Authorization: Snowflake Token="…"`, snowflake.core `_http_requests.py` `get_session_headers`) or the bearer
 * forms of the spec's security schemes that the SQL API accepts (KEYPAIR_JWT, OAUTH).
 * @internal
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { toSnowflakeError } from "../engine";
import { SnowflakeError } from "../errors";
import { ResultSet, Session } from "../exec/context";
import { resolveNameString } from "../exec/common";
import { clientIp } from "../auth/network";
import { parseJsonBody, tokenFromHeader } from "./io";
import { authenticate as authenticateBearer, recordKeyPairUse } from "./sql-api";
import { checkRoleRestriction, sessionRole } from "./session-role";
import type { HttpContext } from "./context";

/** `common.yaml` `Identifier`: a double-quoted name (`""` for a quote) or an unquoted one. */
const IDENTIFIER = /^(?:"(?:[^"]|"")+"|[a-zA-Z_][a-zA-Z0-9_$]*)$/;
const CREATE_MODES = ["errorIfExists", "orReplace", "ifNotExists"] as const;

/**
 * A stored name as an `Identifier` again: quoted unless it reads back the same unquoted. Responses carry names in this
 * form — snowflake.core validates a fetched `name` against the Identifier pattern (its generated
 * `network_policy/_generated/models/network_policy.py`), so `Mixed np` could not come back bare.
 */
function quoted(n: string): string {
  return /^[A-Z_][A-Z0-9_$]*$/.test(n) ? n : `"${n.replace(/"/g, '""')}"`;
}

interface NetworkPolicyBody {
  name?: unknown;
  allowed_ip_list?: unknown;
  blocked_ip_list?: unknown;
  allowed_network_rule_list?: unknown;
  blocked_network_rule_list?: unknown;
  comment?: unknown;
}

/** Thrown for a request the spec calls malformed (400). */
class BadRequest extends Error {}

/** `ErrorResponse` of common.yaml, with the `X-Snowflake-Request-ID` header every response carries. */
function send(res: ServerResponse, status: number, requestId: string, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "X-Snowflake-Request-ID": requestId,
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, requestId: string, code: string, message: string): void {
  send(res, status, requestId, { message, code, error_code: code, request_id: requestId });
}

/** The HTTP status of a statement's error, after common.yaml's response descriptions (unsourced per code, FIDELITY.md). */
function statusOf(e: SnowflakeError): number {
  if (e.code === "002002") return 409;
  if (e.code === "002003") return 404;
  if (e.code === "003001") return 403;
  if (e.code === "000603") return 500;
  return 400;
}

/** The session the request runs in: the driver session of its token, or a fresh one for a bearer token. */
function sessionFor(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, requestId: string): Session | undefined {
  const token = tokenFromHeader(req);
  if (token !== undefined) {
    const st = ctx.sessions.find(token);
    if (st === "expired") return void sendError(res, 401, requestId, "390112", "Your session has expired. Please login again.");
    if (!st) return void sendError(res, 401, requestId, "390104", "Invalid session token. Please log in again.");
    return st.session;
  }
  const who = authenticateBearer(ctx, req, res);
  if (!who) return undefined;
  try {
    const role = sessionRole(ctx.engine.catalog(), who.user, who.role, undefined);
    checkRoleRestriction(ctx.engine.catalog(), who.user, role, who.roleRestriction);
    recordKeyPairUse(ctx, who);
    return {
      id: ctx.sessions.newSessionId(),
      user: who.user,
      role,
      secondaryRoles: who.secondaryRoles ?? "ALL",
      clientIp: clientIp(req, ctx.engine.trustForwardedFor),
    };
  } catch (e) {
    const err = toSnowflakeError(e);
    return void sendError(res, 401, requestId, err.code, err.message);
  }
}

/** One statement through the engine, logged as an SQL API statement; its error is thrown. */
function run(ctx: HttpContext, session: Session, sql: string): ResultSet {
  const [o] = ctx.engine.runSql(session, sql, { kind: "sqlapi" });
  if (o.error) throw o.error;
  return o.result as ResultSet;
}

function pathName(raw: string): string {
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    throw new BadRequest(`Invalid name '${raw}'.`);
  }
  if (!IDENTIFIER.test(name)) throw new BadRequest(`Invalid name '${name}'.`);
  return name;
}

const sqlString = (s: string): string => "'" + s.replace(/\\/g, "\\\\").replace(/'/g, "''") + "'";

function stringList(body: NetworkPolicyBody, field: keyof NetworkPolicyBody): string[] {
  const v = body[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw new BadRequest(`'${field}' must be an array of strings.`);
  return v as string[];
}

/** The CREATE statement a `NetworkPolicy` body stands for. */
function createSql(body: NetworkPolicyBody, mode: string): string {
  if (typeof body.name !== "string" || !IDENTIFIER.test(body.name)) throw new BadRequest("'name' is required and must be an identifier.");
  const parts = [mode === "orReplace" ? "CREATE OR REPLACE NETWORK POLICY" : "CREATE NETWORK POLICY"];
  if (mode === "ifNotExists") parts.push("IF NOT EXISTS");
  parts.push(body.name);
  const lists: [keyof NetworkPolicyBody, string][] = [
    ["allowed_ip_list", "ALLOWED_IP_LIST"],
    ["blocked_ip_list", "BLOCKED_IP_LIST"],
    ["allowed_network_rule_list", "ALLOWED_NETWORK_RULE_LIST"],
    ["blocked_network_rule_list", "BLOCKED_NETWORK_RULE_LIST"],
  ];
  for (const [field, prop] of lists) {
    const items = stringList(body, field);
    if (items.length) parts.push(`${prop} = (${items.map(sqlString).join(", ")})`);
  }
  if (body.comment !== undefined && body.comment !== null) {
    if (typeof body.comment !== "string") throw new BadRequest("'comment' must be a string.");
    parts.push(`COMMENT = ${sqlString(body.comment)}`);
  }
  return parts.join(" ");
}

/** A `NetworkPolicy` object from DESCRIBE (the lists) and SHOW (created_on, comment); owner from the catalog record. */
function fetchPolicy(ctx: HttpContext, session: Session, name: string): Record<string, unknown> {
  const desc = run(ctx, session, `DESCRIBE NETWORK POLICY ${name}`);
  const resolved = resolveNameString(name);
  const row = run(ctx, session, "SHOW NETWORK POLICIES").rows.find((r) => r[1] === resolved);
  const value = (prop: string): string | undefined => desc.rows.find((r) => r[0] === prop)?.[1] ?? undefined;
  const ips = (prop: string): string[] => (value(prop) ? value(prop)!.split(",") : []);
  const rules = (prop: string): string[] =>
    value(prop) ? (JSON.parse(value(prop)!) as { fullyQualifiedRuleName: string }[]).map((r) => r.fullyQualifiedRuleName) : [];
  const owner = ctx.engine.catalog().networkPolicies[resolved]?.owner;
  return {
    name: quoted(resolved),
    allowed_network_rule_list: rules("ALLOWED_NETWORK_RULE_LIST"),
    blocked_network_rule_list: rules("BLOCKED_NETWORK_RULE_LIST"),
    allowed_ip_list: ips("ALLOWED_IP_LIST"),
    blocked_ip_list: ips("BLOCKED_IP_LIST"),
    comment: row?.[2] ? row[2] : null,
    created_on: row?.[0] ? new Date(Number(row[0]) * 1000).toISOString() : null,
    owner: owner ?? null,
    owner_role_type: owner ? "ROLE" : null,
  };
}

/** Route `/api/v2/network-policies[/{name}]`; `name` is the raw path segment ("" for the collection). */
export function networkPolicies(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, name: string): void {
  const requestId = randomUUID();
  const session = sessionFor(ctx, req, res, requestId);
  if (!session) return;
  const method = req.method ?? "GET";
  try {
    if (name === "" && method === "GET") {
      const names = run(ctx, session, "SHOW NETWORK POLICIES").rows.map((r) => String(r[1]));
      return send(
        res,
        200,
        requestId,
        names.map((n) => fetchPolicy(ctx, session, quoted(n))),
      );
    }
    if (name === "" && method === "POST") {
      const mode = url.searchParams.get("createMode") ?? "errorIfExists";
      if (!(CREATE_MODES as readonly string[]).includes(mode)) throw new BadRequest(`Invalid createMode '${mode}'.`);
      let j: NetworkPolicyBody;
      try {
        j = parseJsonBody(body) as NetworkPolicyBody;
      } catch {
        throw new BadRequest("Unable to parse the request body.");
      }
      if (j === null || typeof j !== "object" || Array.isArray(j)) throw new BadRequest("The body must be a NetworkPolicy object.");
      const r = run(ctx, session, createSql(j, mode));
      return send(res, 200, requestId, { status: r.rows[0]?.[0] ?? "Request successfully completed" });
    }
    if (name !== "" && method === "GET") return send(res, 200, requestId, fetchPolicy(ctx, session, pathName(name)));
    if (name !== "" && method === "DELETE") {
      // snowflake.core 1.14.0 sends Python's spelling, `ifExists=True`; the spec's boolean is `true`.
      const ifExists = (url.searchParams.get("ifExists") ?? "").toLowerCase() === "true";
      const r = run(ctx, session, `DROP NETWORK POLICY ${ifExists ? "IF EXISTS " : ""}${pathName(name)}`);
      return send(res, 200, requestId, { status: r.rows[0]?.[0] ?? "Request successfully completed" });
    }
    return sendError(res, 405, requestId, "405", `Method ${method} is not allowed here.`);
  } catch (e) {
    if (e instanceof BadRequest) return sendError(res, 400, requestId, "400", e.message);
    const err = toSnowflakeError(e);
    return sendError(res, statusOf(err), requestId, err.code, err.message);
  }
}
