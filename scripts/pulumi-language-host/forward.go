// The proxy half: a raw-bytes gRPC codec and the handler that forwards every LanguageRuntime call to the
// real host, except RunPlugin for policy packs (policy_pack.go) and provider plugins (provider_plugin.go), and
// GeneratePackage/Link where the real host predates them (sdk_methods.go).

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

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
	if servesItself(method) {
		return serveItself(ss, method)
	}
	if method != runPluginMethod || language != "nodejs" {
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
	if isProviderPlugin(req) {
		return runProviderPlugin(ss, req)
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
