// Child output as RunPluginResponse messages, and the pack's port line.

package main

import (
	"bytes"
	"io"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"
)

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
