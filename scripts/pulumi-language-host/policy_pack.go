// RunPlugin for analyzer plugins: resolves the pack's launcher, serves the analyzer front (analyzer_front.go)
// and reports the pack's exit code.

package main

import (
	"net"
	"os/exec"
	"strconv"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// runPolicyPack serves RunPlugin for a Node.js policy pack. The engine sends the pack directory as the
// program (info.program_directory, entry point "."), the engine address as the only argument, its full
// environment, and its own working directory as pwd.
//
// Policy code may read the stack (pulumi.getStack(), new pulumi.Config()), which the engine tells only the
// running pack, in its ConfigureStack call. So, as the upstream host does, the engine first talks to a
// small analyzer front served here: it starts the pack on the first call, with the stack's project, stack,
// organization, dry-run flag and config in the environment when that call is ConfigureStack, and from then
// on forwards every call to the pack unchanged.
func runPolicyPack(ss grpc.ServerStream, req *pulumirpc.RunPluginRequest) error {
	ctx := ss.Context()
	info := req.GetInfo()
	packDir := info.GetProgramDirectory()
	if packDir == "" {
		packDir = req.GetProgram() // older engines
	}
	if packDir == "" {
		return status.Error(codes.InvalidArgument, "RunPlugin: no program directory")
	}
	entry := info.GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	env, node, opts, err := nodeRun(req)
	if err != nil {
		return err
	}
	nodeArgs := opts.nodeArgs

	out := &streamWriter{ss: ss}
	defer out.close()

	// Resolve the launcher from the pack, as Node would for the pack's own code. On failure Node prints
	// "Cannot find module '@pulumi/pulumi/cmd/run-policy-pack'", which the engine turns into its
	// "dependencies are not installed" hint.
	resolve := exec.CommandContext(ctx, node, "-e",
		"process.stdout.write(require.resolve("+strconv.Quote(runPolicyPackModule)+"))")
	resolve.Dir = packDir
	resolve.Env = env
	resolve.Stderr = out.stderr()
	launcher, err := resolve.Output()
	if err != nil {
		return out.exit(exitCode(err))
	}

	// `node [nodeargs] run-policy-pack <engine-address> <pack>`, run in the pack directory so that
	// run-policy-pack's tsconfig.json lookup and ts-node's module resolution start from the pack.
	args := append(append(nodeArgs, string(launcher)), req.GetArgs()...)
	args = append(args, entryPath(packDir, entry))
	pack := &policyPack{ctx: ctx, node: node, args: args, dir: packDir, env: env, out: out, exited: make(chan int32, 1)}
	defer pack.close()

	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return status.Errorf(codes.Internal, "RunPlugin: %v", err)
	}
	front := grpc.NewServer(
		grpc.UnknownServiceHandler(pack.handle),
		grpc.ForceServerCodec(rawCodec{}),
		grpc.MaxRecvMsgSize(maxMessageSize),
		grpc.MaxSendMsgSize(maxMessageSize),
	)
	go func() { _ = front.Serve(lis) }()
	defer func() {
		// Let calls in flight finish (e.g. the error for a pack that died while starting), then stop.
		stopped := make(chan struct{})
		go func() { front.GracefulStop(); close(stopped) }()
		select {
		case <-stopped:
		case <-time.After(5 * time.Second):
			front.Stop()
		}
	}()
	if _, err := out.stdout().Write([]byte(strconv.Itoa(lis.Addr().(*net.TCPAddr).Port) + "\n")); err != nil {
		return err
	}

	select {
	case code := <-pack.exited:
		return out.exit(code)
	case <-ctx.Done():
		return status.FromContextError(ctx.Err()).Err()
	}
}
