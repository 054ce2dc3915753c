// Command pulumi-language-nodejs is a thin gRPC proxy in front of the real Node.js language host.
//
// Why it exists: the Go module proxy serves no build of the current Node.js language host (its module,
// sdk/nodejs/cmd/pulumi-language-nodejs/v3, is refused for every version), so scripts/build-pulumi-cli.sh
// builds the last host that was still a package of sdk/v3 (v3.68.0). That host runs programs fine but
// answers the LanguageRuntime.RunPlugin RPC with "not supported". Since CLI v3.221 the engine starts a
// policy pack (a directory with PulumiPolicy.yaml) through RunPlugin of the pack's language host whenever
// such a host is installed, so `pulumi preview --policy-pack <dir>` failed with
// "could not read plugin [<dir>]: not supported". The engine starts a source-based provider plugin (a
// directory with PulumiPlugin.yaml, e.g. `plugins: providers: - path:` in Pulumi.yaml) the same way, and
// that failed the same way.
//
// What it does: it starts the real host (installed beside this binary as pulumi-language-nodejs-v3.68.0,
// see backendName) with the same arguments, environment and working directory, serves its own gRPC port
// and forwards every call byte for byte to the real host, except RunPlugin for two plugin kinds, which it
// implements as the upstream host does, streaming the child's stdout, stderr and exit status back as
// RunPluginResponse messages:
//   - analyzer plugins (policy packs, policy_pack.go): `node <@pulumi/pulumi/cmd/run-policy-pack> <engine>
//     <pack>` in the pack directory. run-policy-pack registers ts-node itself, so a TypeScript pack runs
//     (type-checked) from source. Like the upstream host, it puts an analyzer front before the pack so that
//     the pack is started with the stack's name, project, organization and config in its environment.
//   - resource plugins (provider plugins: a directory with PulumiPlugin.yaml `runtime: nodejs`, which the
//     engine starts through RunPlugin of this host; also a request without a kind for such a directory,
//     provider_plugin.go): `node <@pulumi/pulumi/cmd/run-plugin> [nodeargs] <plugin-dir> <args...>` in the
//     engine's working directory with the engine's environment, run-plugin resolved from the plugin directory.
//
// RunPlugin for other plugin kinds (converter, tool) is forwarded, and the real host declines it as before.
//
// The same proxy, built with -X main.language=python or yaml, fronts the v3.68.0 Python host and the v1.25.0 YAML
// host, which predate GeneratePackage and Link (sdk_methods.go); for Python it also passes the project's
// runtime.options.virtualenv on as the flags that host reads (python_options.go).
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// backendName is the file name of the real language host, looked up next to this executable, and language
// the language it runs (nodejs, python or yaml). The build script sets both with -ldflags "-X main.…=...".
var (
	backendName = "pulumi-language-nodejs-v3.68.0"
	language    = "nodejs"
)

const (
	runPluginMethod = "/pulumirpc.LanguageRuntime/RunPlugin"
	// The engine's limit for plugin messages (rpcutil.MaxRPCMessageSize).
	maxMessageSize = 1024 * 1024 * 400
	// The module that serves a Node.js policy pack; it takes `<engine-address> <program>`.
	runPolicyPackModule = "@pulumi/pulumi/cmd/run-policy-pack"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-%s (proxy): %v\n", language, err)
		os.Exit(1)
	}
}

func run() error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if resolved, err := filepath.EvalSymlinks(self); err == nil {
		self = resolved
	}
	backendPath := filepath.Join(filepath.Dir(self), backendName)

	// 1. Start the real host exactly as the engine started us; its first stdout line is its port.
	args := os.Args[1:]
	if language == "python" {
		args = append(pythonFlags(), args...) // flags before the engine address, which comes last
	}
	backend := exec.Command(backendPath, args...)
	backend.Stdin = os.Stdin
	backend.Stderr = os.Stderr
	backend.SysProcAttr = childSysProcAttr()
	backendOut, err := backend.StdoutPipe()
	if err != nil {
		return err
	}
	if err := backend.Start(); err != nil {
		return fmt.Errorf("starting %s: %w", backendPath, err)
	}
	backendExited := make(chan int, 1)
	go func() {
		err := backend.Wait()
		code := 0
		if err != nil {
			code = 1
			var exit *exec.ExitError
			if errors.As(err, &exit) && exit.ExitCode() > 0 {
				code = exit.ExitCode()
			}
		}
		backendExited <- code
	}()
	// Forward termination signals to the real host; when it exits, so do we.
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		for s := range signals {
			_ = backend.Process.Signal(s)
		}
	}()

	reader := bufio.NewReader(backendOut)
	line, err := reader.ReadString('\n')
	if err != nil {
		// The host failed before printing its port; its stderr already reached ours.
		return fmt.Errorf("%s exited without reporting its port (%q)", backendName, strings.TrimSpace(line))
	}
	port, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		_ = backend.Process.Kill()
		return fmt.Errorf("%s printed an invalid port %q", backendName, strings.TrimSpace(line))
	}

	conn, err := grpc.NewClient(net.JoinHostPort("127.0.0.1", strconv.Itoa(port)),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(
			grpc.ForceCodec(rawCodec{}),
			grpc.MaxCallRecvMsgSize(maxMessageSize),
			grpc.MaxCallSendMsgSize(maxMessageSize),
		))
	if err != nil {
		_ = backend.Process.Kill()
		return err
	}

	// 2. Serve our own port: every method goes through the unknown-service handler, which sees raw bytes.
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		_ = backend.Process.Kill()
		return err
	}
	p := &proxy{backend: conn}
	server := grpc.NewServer(
		grpc.UnknownServiceHandler(p.handle),
		grpc.ForceServerCodec(rawCodec{}),
		grpc.MaxRecvMsgSize(maxMessageSize),
		grpc.MaxSendMsgSize(maxMessageSize),
	)
	go func() { _ = server.Serve(lis) }()

	// 3. Tell the engine where we are, then pass on anything else the real host prints.
	fmt.Printf("%d\n", lis.Addr().(*net.TCPAddr).Port)
	go func() { _, _ = io.Copy(os.Stdout, reader) }()

	code := <-backendExited
	server.Stop()
	_ = conn.Close()
	os.Exit(code)
	return nil
}
