/**
 * Diagnostics from the dynamic-provider process to the Pulumi engine. The engine starts
 * `@pulumi/pulumi/cmd/dynamic-provider` with its own RPC address as the first argument (see that file's `main`); the
 * dynamic provider API has no logging of its own, so this calls the engine's `Log` RPC
 * (`proto/engine.proto`) directly, attached to the stack (the provider API does not pass the resource's URN). The CLI
 * prints such a message among the diagnostics (on stderr in the default display). Messages must
 * never hold a secret: callers pass statement text already redacted.
 * @internal
 */
import * as grpc from "@grpc/grpc-js";
import { AsyncLocalStorage } from "node:async_hooks";

type Severity = "info" | "warning";

let client: any | undefined | null;
let attached: string | undefined;

/** The provider plugin (provider/plugin/main.ts) names the engine address it was started with. */
export function attachEngine(addr: string | undefined): void {
  attached = addr;
  client = undefined;
}

/** The engine's address: the same for every provider process of one run. */
export function engineAddress(): string | undefined {
  // Inside the engine's dynamic-provider process (argv: node …/dynamic-provider/index.js <engine address>), or the
  // provider plugin once it attached.
  const addr = attached ?? (/dynamic-provider/.test(process.argv[1] ?? "") ? process.argv[2] : undefined);
  return addr && /^127\.0\.0\.1:\d+$|^localhost:\d+$/.test(addr) ? addr : undefined;
}

function engine(): any | null {
  if (client !== undefined) return client;
  const addr = engineAddress();
  if (!addr) return (client = null);
  const services = require("@pulumi/pulumi/proto/engine_grpc_pb");
  client = new services.EngineClient(addr, grpc.credentials.createInsecure());
  return client;
}

/** A diagnostic must never hold up a check or diff: the engine answers at once, or the line is dropped. */
const deadline = () => Date.now() + 2000;

let root: Promise<string | undefined> | undefined;
/** The stack's URN (the engine shows a diagnostic without a URN nowhere). */
function rootUrn(c: any): Promise<string | undefined> {
  if (!root) {
    const pb = require("@pulumi/pulumi/proto/engine_pb");
    root = new Promise((resolve) =>
      c.getRootResource(new pb.GetRootResourceRequest(), { deadline: deadline() }, (err: unknown, res: any) =>
        resolve(err ? undefined : res?.getUrn() || undefined),
      ),
    );
  }
  return root;
}

/** The URN of the resource whose provider call is running, where the provider API passes it (the plugin does). */
const resourceUrn = new AsyncLocalStorage<string>();

/** Run `fn` as a call for resource `urn`: its diagnostics attach to that resource, not to the stack. */
export function forResource<T>(urn: string, fn: () => Promise<T>): Promise<T> {
  return resourceUrn.run(urn, fn);
}

/** The URN of the running call's resource, when known. */
export function currentUrn(): string | undefined {
  return resourceUrn.getStore();
}

/** `urn:pulumi:<stack>::<project>::<type chain>::<name>` → the resource's own type and name. */
export function parseUrn(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  return { type: (parts[2] ?? "").split("$").pop() ?? "", name: parts.slice(3).join("::") };
}

/** Sends one diagnostic line; resolves when the engine has it (or at once outside the engine). Never throws. */
export function logToEngine(severity: Severity, message: string): Promise<void> {
  const c = engine();
  if (!c) return Promise.resolve();
  const pb = require("@pulumi/pulumi/proto/engine_pb");
  const req = new pb.LogRequest();
  req.setSeverity(severity === "info" ? pb.LogSeverity.INFO : pb.LogSeverity.WARNING);
  req.setMessage(message);
  const own = currentUrn();
  return (own ? Promise.resolve(own) : rootUrn(c)).then((urn) => {
    if (urn) req.setUrn(urn);
    return new Promise<void>((resolve) => c.log(req, { deadline: deadline() }, () => resolve()));
  });
}

/** Several lines as one diagnostic (nothing when there are none). */
export async function tellEngine(severity: Severity, lines: readonly string[]): Promise<void> {
  if (lines.length > 0) await logToEngine(severity, lines.join("\n"));
}
