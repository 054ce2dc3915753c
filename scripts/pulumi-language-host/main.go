// Command pulumi-language-nodejs is a thin gRPC proxy in front of the real Node.js language host.
//
// Why it exists: the Go module proxy serves no build of the current Node.js language host (its module,
// sdk/nodejs/cmd/pulumi-language-nodejs/v3, is refused for every version), so scripts/build-pulumi-cli.sh
// builds the last host that was still a package of sdk/v3 (v3.68.0). That host runs programs fine but
// answers the LanguageRuntime.RunPlugin RPC with "not supported". Since CLI v3.221 the engine starts a
// policy pack (a directory with PulumiPolicy.yaml) through RunPlugin of the pack's language host whenever
// such a host is installed, so `pulumi preview --policy-pack <dir>` failed with
// "could not read plugin [<dir>]: not supported".
//
// What it does: it starts the real host (installed beside this binary as pulumi-language-nodejs-v3.68.0,
// see backendName) with the same arguments, environment and working directory, serves its own gRPC port
// and forwards every call byte for byte to the real host, except RunPlugin for analyzer plugins (policy
// packs), which it implements: it runs `node <@pulumi/pulumi/cmd/run-policy-pack> <engine> <pack>` in the
// pack directory with the request's environment, as the npm package's own policy-pack launcher expects,
// and streams the child's stdout, stderr and exit code back as RunPluginResponse messages.
// run-policy-pack registers ts-node itself, so a TypeScript pack runs (type-checked) from source. Like
// the upstream host, it puts an analyzer front before the pack so that the pack is started with the
// stack's name, project, organization and config in its environment (see runPolicyPack). RunPlugin for
// other plugin kinds is forwarded, and the real host declines it as before.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
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
	"sync"
	"syscall"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

// backendName is the file name of the real language host, looked up next to this executable. The build
// script sets it with -ldflags "-X main.backendName=...".
var backendName = "pulumi-language-nodejs-v3.68.0"

const (
	runPluginMethod = "/pulumirpc.LanguageRuntime/RunPlugin"
	// The engine's limit for plugin messages (rpcutil.MaxRPCMessageSize).
	maxMessageSize = 1024 * 1024 * 400
	// The module that serves a Node.js policy pack; it takes `<engine-address> <program>`.
	runPolicyPackModule = "@pulumi/pulumi/cmd/run-policy-pack"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs (proxy): %v\n", err)
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
	backend := exec.Command(backendPath, os.Args[1:]...)
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

// rawCodec passes message bytes through unchanged, so the proxy needs no knowledge of the messages it
// forwards (and forwards fields of any protocol version).
type rawCodec struct{}

type frame struct{ payload []byte }

func (rawCodec) Marshal(v any) ([]byte, error) {
	f, ok := v.(*frame)
	if !ok {
		return nil, fmt.Errorf("rawCodec: unexpected message type %T", v)
	}
	return f.payload, nil
}

func (rawCodec) Unmarshal(data []byte, v any) error {
	f, ok := v.(*frame)
	if !ok {
		return fmt.Errorf("rawCodec: unexpected message type %T", v)
	}
	// gRPC may reuse data after this call returns.
	f.payload = append([]byte(nil), data...)
	return nil
}

func (rawCodec) Name() string { return "proto" }

type proxy struct {
	backend *grpc.ClientConn
}

func (p *proxy) handle(_ any, ss grpc.ServerStream) error {
	method, ok := grpc.MethodFromServerStream(ss)
	if !ok {
		return status.Error(codes.Internal, "no method in stream")
	}
	if method != runPluginMethod {
		return forward(ss, p.backend, method, nil)
	}
	var first frame
	if err := ss.RecvMsg(&first); err != nil {
		return err
	}
	req := &pulumirpc.RunPluginRequest{}
	if err := proto.Unmarshal(first.payload, req); err != nil {
		return status.Errorf(codes.InvalidArgument, "decoding RunPluginRequest: %v", err)
	}
	if req.GetKind() == "analyzer" {
		return runPolicyPack(ss, req)
	}
	return forward(ss, p.backend, method, &first)
}

// forward relays one call of any shape (unary or streaming) to conn: headers, messages in both directions,
// trailers and the final status. first, if set, is a request message already read from ss.
func forward(ss grpc.ServerStream, conn *grpc.ClientConn, method string, first *frame) error {
	ctx, cancel := context.WithCancel(ss.Context())
	defer cancel()
	if md, ok := metadata.FromIncomingContext(ctx); ok {
		out := metadata.MD{}
		for k, v := range md {
			if strings.HasPrefix(k, ":") || strings.HasPrefix(k, "grpc-") ||
				k == "content-type" || k == "user-agent" || k == "te" {
				continue
			}
			out[k] = v
		}
		ctx = metadata.NewOutgoingContext(ctx, out)
	}
	desc := &grpc.StreamDesc{StreamName: method, ServerStreams: true, ClientStreams: true}
	cs, err := grpc.NewClientStream(ctx, desc, conn, method)
	if err != nil {
		return err
	}

	// Client to backend. A failure here aborts the backend call, whose status then ends the loop below.
	go func() {
		if first != nil {
			if err := cs.SendMsg(first); err != nil {
				return // the backend call has ended; RecvMsg below reports why
			}
		}
		for {
			var f frame
			if err := ss.RecvMsg(&f); err != nil {
				if errors.Is(err, io.EOF) {
					_ = cs.CloseSend()
				} else {
					cancel()
				}
				return
			}
			if err := cs.SendMsg(&f); err != nil {
				return
			}
		}
	}()

	// Backend to client.
	if md, err := cs.Header(); err == nil && len(md) > 0 {
		if err := ss.SendHeader(md); err != nil {
			return err
		}
	}
	for {
		var f frame
		err := cs.RecvMsg(&f)
		if errors.Is(err, io.EOF) {
			ss.SetTrailer(cs.Trailer())
			return nil
		}
		if err != nil {
			ss.SetTrailer(cs.Trailer())
			return err // a status error from the backend passes through as is
		}
		if err := ss.SendMsg(&f); err != nil {
			return err
		}
	}
}

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
	env := req.GetEnv()
	if len(env) == 0 {
		env = os.Environ()
	}
	node, err := lookPath("node", envValue(env, "PATH"))
	if err != nil {
		return status.Errorf(codes.FailedPrecondition, "RunPlugin: node not found on PATH: %v", err)
	}
	var nodeArgs []string
	if opts := info.GetOptions(); opts != nil {
		if v, ok := opts.GetFields()["nodeargs"]; ok {
			nodeArgs = strings.Fields(v.GetStringValue())
		}
	}

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

const (
	analyzerHandshake      = "/pulumirpc.Analyzer/Handshake"
	analyzerConfigureStack = "/pulumirpc.Analyzer/ConfigureStack"
)

// policyPack is the analyzer front of one policy pack process, started on the first call.
type policyPack struct {
	ctx  context.Context
	node string
	args []string
	dir  string
	env  []string
	out  *streamWriter

	mu        sync.Mutex
	started   bool
	conn      *grpc.ClientConn
	startErr  error
	handshake *frame // the engine's Handshake, replayed to the pack once it runs
	exited    chan int32
}

func (p *policyPack) handle(_ any, ss grpc.ServerStream) error {
	method, ok := grpc.MethodFromServerStream(ss)
	if !ok {
		return status.Error(codes.Internal, "no method in stream")
	}
	p.mu.Lock()
	started := p.started
	p.mu.Unlock()
	var first *frame
	var stack *pulumirpc.AnalyzerStackConfigureRequest
	if !started {
		switch method {
		case analyzerHandshake:
			// Handshake comes before ConfigureStack: keep it for the pack and answer as a pack without
			// Handshake does (the engine then proceeds; the response has no fields).
			var f frame
			if err := ss.RecvMsg(&f); err != nil {
				return err
			}
			p.mu.Lock()
			p.handshake = &f
			p.mu.Unlock()
			return status.Error(codes.Unimplemented, "Handshake is answered once the policy pack runs")
		case analyzerConfigureStack:
			first = &frame{}
			if err := ss.RecvMsg(first); err != nil {
				return err
			}
			stack = &pulumirpc.AnalyzerStackConfigureRequest{}
			if err := proto.Unmarshal(first.payload, stack); err != nil {
				stack = nil
			}
		}
	}
	conn, err := p.start(stack)
	if err != nil {
		return err
	}
	return forward(ss, conn, method, first)
}

// start runs the pack once and waits for the port it prints on its first stdout line.
func (p *policyPack) start(stack *pulumirpc.AnalyzerStackConfigureRequest) (*grpc.ClientConn, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.started {
		return p.conn, p.startErr
	}
	p.started = true
	p.conn, p.startErr = p.launch(stack)
	return p.conn, p.startErr
}

func (p *policyPack) launch(stack *pulumirpc.AnalyzerStackConfigureRequest) (*grpc.ClientConn, error) {
	env := append([]string(nil), p.env...)
	if stack != nil {
		env = append(env, stackEnv(stack)...)
	}
	port := &portLine{rest: p.out.stdout(), ready: make(chan string, 1)}
	cmd := exec.CommandContext(p.ctx, p.node, p.args...)
	cmd.Dir = p.dir
	cmd.Env = env
	cmd.Stdout = port
	cmd.Stderr = p.out.stderr()
	if err := cmd.Start(); err != nil {
		p.exited <- 1
		return nil, status.Errorf(codes.FailedPrecondition, "starting the policy pack: %v", err)
	}
	done := make(chan struct{})
	var code int32
	go func() {
		code = exitCode(cmd.Wait())
		close(done)
		p.exited <- code
	}()

	var line string
	select {
	case line = <-port.ready:
	case <-done:
		return nil, status.Errorf(codes.FailedPrecondition,
			"policy pack %s exited with code %d before reporting its port (its output is above)", p.dir, code)
	case <-p.ctx.Done():
		return nil, status.FromContextError(p.ctx.Err()).Err()
	}
	n, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		_ = cmd.Process.Kill()
		return nil, status.Errorf(codes.FailedPrecondition, "the policy pack printed an invalid port %q", strings.TrimSpace(line))
	}
	conn, err := grpc.NewClient(net.JoinHostPort("127.0.0.1", strconv.Itoa(n)),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(
			grpc.ForceCodec(rawCodec{}),
			grpc.MaxCallRecvMsgSize(maxMessageSize),
			grpc.MaxCallSendMsgSize(maxMessageSize),
		))
	if err != nil {
		_ = cmd.Process.Kill()
		return nil, status.Errorf(codes.Internal, "dialing the policy pack: %v", err)
	}
	if p.handshake != nil {
		// The pack sees the engine's Handshake as it would have first; packs without it answer Unimplemented.
		hctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
		_ = conn.Invoke(hctx, analyzerHandshake, p.handshake, &frame{}, grpc.WaitForReady(true))
		cancel()
	}
	return conn, nil
}

func (p *policyPack) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.conn != nil {
		_ = p.conn.Close()
	}
}

// stackEnv is how @pulumi/pulumi's runtime learns the stack: the variables the Node.js host sets for programs.
func stackEnv(s *pulumirpc.AnalyzerStackConfigureRequest) []string {
	var env []string
	add := func(k, v string) {
		if v != "" {
			env = append(env, k+"="+v)
		}
	}
	add("PULUMI_NODEJS_ORGANIZATION", s.GetOrganization())
	add("PULUMI_NODEJS_PROJECT", s.GetProject())
	add("PULUMI_NODEJS_STACK", s.GetStack())
	add("PULUMI_NODEJS_DRY_RUN", strconv.FormatBool(s.GetDryRun()))
	if c := s.GetConfig(); c != nil {
		if b, err := json.Marshal(c); err == nil {
			add("PULUMI_CONFIG", string(b))
		}
	}
	if k := s.GetConfigSecretKeys(); len(k) > 0 {
		if b, err := json.Marshal(k); err == nil {
			add("PULUMI_CONFIG_SECRET_KEYS", string(b))
		}
	}
	return env
}

// portLine takes the pack's first stdout line (its port, for us) and passes everything after it on.
type portLine struct {
	mu    sync.Mutex
	buf   []byte
	sent  bool
	rest  io.Writer
	ready chan string
}

func (w *portLine) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.sent {
		return w.rest.Write(b)
	}
	w.buf = append(w.buf, b...)
	i := bytes.IndexByte(w.buf, '\n')
	if i < 0 {
		return len(b), nil
	}
	w.sent = true
	w.ready <- string(w.buf[:i])
	if tail := w.buf[i+1:]; len(tail) > 0 {
		if _, err := w.rest.Write(tail); err != nil {
			return 0, err
		}
	}
	w.buf = nil
	return len(b), nil
}

func entryPath(dir, entry string) string {
	if filepath.IsAbs(entry) {
		return entry
	}
	return filepath.Join(dir, entry)
}

func exitCode(err error) int32 {
	if err == nil {
		return 0
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() > 0 {
		return int32(exit.ExitCode())
	}
	return 1
}

// streamWriter turns child output into RunPluginResponse messages; sends are serialized, and output that
// arrives after the call ended is dropped.
type streamWriter struct {
	mu     sync.Mutex
	ss     grpc.ServerStream
	closed bool
}

func (w *streamWriter) close() {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
}

type streamFunc func(p []byte) (int, error)

func (f streamFunc) Write(p []byte) (int, error) { return f(p) }

func (w *streamWriter) send(resp *pulumirpc.RunPluginResponse) error {
	b, err := proto.Marshal(resp)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	return w.ss.SendMsg(&frame{payload: b})
}

func (w *streamWriter) stdout() io.Writer {
	return streamFunc(func(p []byte) (int, error) {
		data := append([]byte(nil), p...)
		return len(p), w.send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: data}})
	})
}

func (w *streamWriter) stderr() io.Writer {
	return streamFunc(func(p []byte) (int, error) {
		data := append([]byte(nil), p...)
		return len(p), w.send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: data}})
	})
}

func (w *streamWriter) exit(code int32) error {
	return w.send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: code}})
}

// envValue returns the last value of key in env (later entries win, as exec.Cmd applies them).
func envValue(env []string, key string) string {
	value := ""
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			value = v
		}
	}
	return value
}

// lookPath finds an executable in the given PATH value (not necessarily our own).
func lookPath(name, path string) (string, error) {
	for _, dir := range filepath.SplitList(path) {
		if dir == "" {
			dir = "."
		}
		candidate := filepath.Join(dir, name)
		if st, err := os.Stat(candidate); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return candidate, nil
		}
	}
	return exec.LookPath(name)
}
