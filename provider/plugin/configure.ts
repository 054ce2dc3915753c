/**
 * Connection settings for the provider plugin. The engine sends them in `Configure`: the default provider's come
 * from stack config under the package's namespace (`snowflake-oauth:user`), an explicit provider resource's from
 * its inputs. @pulumi/pulumi's provider server (`provider/server.js`, 3.259.0) answers `Configure` without passing
 * it on, and `CheckConfig` with UNIMPLEMENTED, and exports no way to change that. So before `main()` registers the
 * server with gRPC, `interceptConfigure` wraps those two handlers on the server object (DiffConfig stays
 * UNIMPLEMENTED, which the engine answers by comparing the old and new config itself): the settings go to the same
 * session as the dynamic resources' stack config (`snowflake:<key>`), and the precedence after them (environment,
 * connections.toml) is unchanged (provider/connection/config.ts).
 * @internal
 */
import * as path from "node:path";
import { SETTING_KEYS } from "../connection/sourced";
import * as session from "../connection/session";
import { unwrapBag } from "./secrets";

const KEYS: readonly string[] = [...SETTING_KEYS, "connectionName"];

/** The settings of one Configure request: its `args` (plain keys), else its `variables` (`pkg:config:key`). */
export function settingsOf(args: Record<string, unknown> | undefined, variables: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const { plain } = unwrapBag(args);
  for (const k of KEYS) {
    const v = plain[k];
    if (typeof v === "string" && v !== "") out[k] = v;
  }
  for (const [full, v] of variables) {
    const k = full.slice(full.lastIndexOf(":") + 1);
    if (KEYS.includes(k) && out[k] === undefined && v !== "") out[k] = v;
  }
  return out;
}

/** Hand the settings to the shared session, as the dynamic providers' `configure` does with stack config. */
export function applySettings(settings: Record<string, string>): void {
  session.configure({ get: (key) => (key.startsWith("snowflake:") ? settings[key.slice("snowflake:".length)] : undefined) });
}

/** The gRPC module and provider service the SDK's server registers with (resolved from @pulumi/pulumi). */
function sdkModules(): { grpc: any; providerService: unknown; pb: any } {
  const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  return {
    grpc: require(require.resolve("@grpc/grpc-js", { paths: [sdkDir] })),
    providerService: require("@pulumi/pulumi/proto/provider_grpc_pb").ResourceProviderService,
    pb: require("@pulumi/pulumi/proto/provider_pb"),
  };
}

let intercepted = false;
/** Wrap Configure and CheckConfig of the provider server that `main()` is about to register. Call before main(). */
export function interceptConfigure(): void {
  if (intercepted) return;
  intercepted = true;
  const { grpc, providerService, pb } = sdkModules();
  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (service: unknown, impl: any) {
    if (service === providerService) {
      const configure = impl.configure.bind(impl);
      impl.configure = (call: any, callback: any) => {
        const req = call.request;
        const vars = new Map<string, string>(req.getVariablesMap().toArray());
        applySettings(settingsOf(req.getArgs()?.toJavaScript(), vars));
        configure(call, callback);
      };
      // Config is accepted as given: the provider validates settings when it connects, naming their source.
      impl.checkConfig = (call: any, callback: any) => {
        const resp = new pb.CheckResponse();
        resp.setInputs(call.request.getNews());
        callback(undefined, resp);
      };
    }
    return addService.call(this, service, impl);
  };
}
