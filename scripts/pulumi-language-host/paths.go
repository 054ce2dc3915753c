// Small helpers: entry paths, exit codes, environment lookups, PATH search, JavaScript string literals and the
// common start of both RunPlugin paths.

package main

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

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

// jsString is s as a JavaScript string literal (a JSON string is one).
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// nodeRun is what both RunPlugin paths start from: the request's environment (else ours), the node binary on that
// environment's PATH, and the plugin's runtime options.
func nodeRun(req *pulumirpc.RunPluginRequest) (env []string, node string, opts nodeOptions, err error) {
	env = req.GetEnv()
	if len(env) == 0 {
		env = os.Environ()
	}
	node, err = lookPath("node", envValue(env, "PATH"))
	if err != nil {
		return nil, "", opts, status.Errorf(codes.FailedPrecondition, "RunPlugin: node not found on PATH: %v", err)
	}
	opts, err = parseNodeOptions(req.GetInfo())
	if err != nil {
		return nil, "", opts, status.Errorf(codes.InvalidArgument, "RunPlugin: %v", err)
	}
	return env, node, opts, nil
}
