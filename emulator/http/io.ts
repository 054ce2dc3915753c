/**
 * Request/response plumbing shared by every handler: body reading (gzip by magic bytes), JSON in
 * and out, the driver's `Snowflake Token="..."` header.
 * @internal
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { gunzipSync } from "node:zlib";

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      // Decide by magic bytes, not by the header (Python gzips; Node announces but does not).
      if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
        try {
          resolve(gunzipSync(raw));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      } else resolve(raw);
    });
    req.on("error", reject);
  });
}

export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  return JSON.parse(body.toString("utf8"));
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

/** The session or master token of `Authorization: Snowflake Token="..."`. */
export function tokenFromHeader(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization ?? "";
  const m = /^Snowflake Token="(.*)"$/.exec(h);
  return m ? m[1] : undefined;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** `{ data: null, code: null, message: null, success: true }`: heartbeat, abort, logout. */
export function sendOk(res: ServerResponse): void {
  sendJson(res, 200, { data: null, code: null, message: null, success: true });
}
