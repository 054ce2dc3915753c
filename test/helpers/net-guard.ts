/**
 * Checklist 2 helper: records every outbound TCP connection and DNS lookup of this Node process that is not to the
 * loopback address, one line per attempt, in the file named by `NET_GUARD_LOG`. Load it with `--require` (e.g. via
 * `NODE_OPTIONS` for the processes the Pulumi CLI starts: the dynamic provider) or import it first in a test.
 * It only records; the caller asserts the file stays empty.
 */
import * as fs from "node:fs";
import * as net from "node:net";

// The module objects themselves (an `import * as` namespace is read-only).
const dns = require("node:dns") as typeof import("node:dns");

const LOCAL = new Set(["127.0.0.1", "localhost", "::1", "::ffff:127.0.0.1"]);
const g = globalThis as unknown as { __netGuardInstalled?: boolean };

function record(what: string): void {
  const out = process.env.NET_GUARD_LOG;
  if (out) fs.appendFileSync(out, `${process.pid} ${process.argv.slice(1, 2).join(" ")} ${what}\n`);
}

if (!g.__netGuardInstalled) {
  g.__netGuardInstalled = true;
  if (process.env.NET_GUARD_LOG)
    fs.appendFileSync(`${process.env.NET_GUARD_LOG}.loaded`, `${process.pid} ${process.argv.slice(1).join(" ")}\n`);
  const connect = net.Socket.prototype.connect as (...a: unknown[]) => net.Socket;
  (net.Socket.prototype as any).connect = function (this: net.Socket, ...args: unknown[]) {
    let o: any = args[0];
    if (Array.isArray(o)) o = o[0];
    let host: string | undefined;
    let ipcPath: string | undefined;
    if (o && typeof o === "object") {
      host = o.host;
      ipcPath = o.path;
    } else if (typeof o === "number" || (typeof o === "string" && /^\d+$/.test(o))) {
      host = typeof args[1] === "string" ? args[1] : undefined;
    } else if (typeof o === "string") ipcPath = o;
    if (!ipcPath && host !== undefined && !LOCAL.has(host)) record(`connect ${host}`);
    return connect.apply(this, args);
  };
  const lookup = dns.lookup as (...a: unknown[]) => void;
  (dns as any).lookup = function (...args: unknown[]) {
    const host = args[0];
    if (typeof host === "string" && !LOCAL.has(host)) record(`dns.lookup ${host}`);
    return lookup.apply(dns, args);
  };
  const plookup = dns.promises.lookup;
  (dns.promises as any).lookup = function (host: string, ...rest: unknown[]) {
    if (typeof host === "string" && !LOCAL.has(host)) record(`dns.promises.lookup ${host}`);
    return (plookup as any).call(dns.promises, host, ...rest);
  };
}
