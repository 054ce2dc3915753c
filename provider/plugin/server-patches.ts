/**
 * Three gaps of @pulumi/pulumi's provider server (`provider/server.js`, 3.259.0), which exports no way to fill them,
 * patched on the server object before `main()` registers it with gRPC:
 *  - `Configure` is answered without being passed on: the settings are handed to configure.ts first;
 *  - `CheckConfig` answers UNIMPLEMENTED: config is accepted as given (the provider validates settings when it
 *    connects, naming their source). DiffConfig stays UNIMPLEMENTED; the engine then compares old and new config;
 *  - `Read` of an import carries no properties and fails on `undefined.toJavaScript()` (pulumi/pulumi#16175 is the
 *    dynamic-provider form of it): it gets an empty bag, which the adapter treats as an import.
 * @internal
 */
import * as path from "node:path";
import { applySettings, settingsOf } from "./configure";

/** The gRPC module and provider service the SDK's server registers with (resolved from @pulumi/pulumi). */
function sdkModules(): { grpc: any; providerService: unknown; pb: any; Struct: any } {
  const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  return {
    grpc: require(require.resolve("@grpc/grpc-js", { paths: [sdkDir] })),
    providerService: require("@pulumi/pulumi/proto/provider_grpc_pb").ResourceProviderService,
    pb: require("@pulumi/pulumi/proto/provider_pb"),
    Struct: require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [sdkDir] })).Struct,
  };
}

let patched = false;
/** Patch the provider server that `main()` is about to register (see the file comment). Call before main(). */
export function patchProviderServer(): void {
  if (patched) return;
  patched = true;
  const { grpc, providerService, pb, Struct } = sdkModules();
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
      // An import reads with no properties at all; the server would fail on `undefined.toJavaScript()`.
      const read = impl.read.bind(impl);
      impl.read = (call: any, callback: any) => {
        if (!call.request.getProperties()) call.request.setProperties(new Struct());
        return read(call, callback);
      };
    }
    return addService.call(this, service, impl);
  };
}
