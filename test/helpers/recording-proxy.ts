/**
 * For tests that run an official client in another process against the emulator: a pass-through HTTP server in
 * front of the emulator that records every request the client made, and a closed local port to point the
 * HTTP(S)_PROXY variables at, so that a call to any other host fails instead of leaving the machine.
 */
import * as http from "node:http";
import { AddressInfo } from "node:net";

export interface Call {
  method: string;
  path: string;
  gzipBody: boolean;
  contentEncoding: string;
  userAgent: string;
}

export interface RecordingProxy {
  /** Give this to the client as the emulator's URL. */
  url: string;
  port: number;
  calls: Call[];
  close: () => Promise<void>;
}

/** A pass-through HTTP proxy on 127.0.0.1 in front of the emulator's port that records each request. */
export async function recordingProxy(targetPort: number): Promise<RecordingProxy> {
  const calls: Call[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      calls.push({
        method: req.method ?? "",
        path: req.url ?? "",
        gzipBody: body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b,
        contentEncoding: String(req.headers["content-encoding"] ?? ""),
        userAgent: String(req.headers["user-agent"] ?? ""),
      });
      const up = http.request({ host: "127.0.0.1", port: targetPort, method: req.method, path: req.url, headers: req.headers }, (ur) => {
        res.writeHead(ur.statusCode ?? 502, ur.headers);
        ur.pipe(res);
      });
      up.on("error", () => res.destroy());
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A local port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** The process environment with every proxy variable at a closed local port (loopback exempt). */
export async function offlineEnv(extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const dead = `http://127.0.0.1:${await closedPort()}`;
  return {
    ...process.env,
    SNOWFLAKE_DISABLE_PLATFORM_DETECTION: "true",
    HTTP_PROXY: dead,
    HTTPS_PROXY: dead,
    http_proxy: dead,
    https_proxy: dead,
    ALL_PROXY: dead,
    all_proxy: dead,
    NO_PROXY: "127.0.0.1,localhost",
    no_proxy: "127.0.0.1,localhost",
    ...extra,
  };
}

/** "METHOD /path" of each call, query string dropped, query ids in result paths as `{id}`. */
export function callPaths(calls: Call[]): string[] {
  return calls.map((x) => `${x.method} ${x.path.split("?")[0].replace(/^\/queries\/[^/]+\/result$/, "/queries/{id}/result")}`);
}

/** The driver endpoints (snowflake-sdk, Python connector, gosnowflake): login, query, result, logout, telemetry. */
export const DRIVER_PATHS: ReadonlySet<string> = new Set([
  "POST /session/v1/login-request",
  "POST /queries/v1/query-request",
  "GET /queries/{id}/result",
  "POST /session",
  "POST /telemetry/send",
  "POST /session/heartbeat",
]);

/** The distinct call paths outside DRIVER_PATHS (what a test asserts is empty). */
export function unexpectedPaths(calls: Call[]): string[] {
  return [...new Set(callPaths(calls))].filter((p) => !DRIVER_PATHS.has(p));
}
