/**
 * Diagnostics from the dynamic-provider process to the Pulumi engine. The engine starts
 * `@pulumi/pulumi/cmd/dynamic-provider` with its own RPC address as the first argument (see that file's `main`); the
 * dynamic provider API has no logging of its own, so this calls the engine's `Log` RPC
 * (`proto/engine.proto`) directly. The engine prints such a message in the preview and update output. Messages must
 * never hold a secret: callers pass statement text already redacted.
 * @internal
 */
import * as grpc from "@grpc/grpc-js";

type Severity = "info" | "warning";

let client: any | undefined | null;

function engine(): any | null {
  if (client !== undefined) return client;
  const addr = process.argv[2];
  // Only inside the engine's dynamic-provider process (argv: node …/dynamic-provider/index.js <engine address>).
  if (!addr || !/^127\.0\.0\.1:\d+$|^localhost:\d+$/.test(addr) || !/dynamic-provider/.test(process.argv[1] ?? "")) return (client = null);
  const services = require("@pulumi/pulumi/proto/engine_grpc_pb");
  client = new services.EngineClient(addr, grpc.credentials.createInsecure());
  return client;
}

/** Sends one diagnostic line; resolves when the engine has it (or at once outside the engine). Never throws. */
export function logToEngine(severity: Severity, message: string): Promise<void> {
  const c = engine();
  if (!c) return Promise.resolve();
  const pb = require("@pulumi/pulumi/proto/engine_pb");
  const req = new pb.LogRequest();
  req.setSeverity(severity === "info" ? pb.LogSeverity.INFO : pb.LogSeverity.WARNING);
  req.setMessage(message);
  return new Promise((resolve) => c.log(req, () => resolve()));
}
