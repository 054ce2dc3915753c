// The analyzer front of one policy pack: starts the pack on the first call, with the stack in its
// environment, and forwards every call to it.

package main

import (
	"context"
	"encoding/json"
	"net"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

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
