// RunPlugin for provider plugins (a directory with PulumiPlugin.yaml, `runtime: nodejs`): runs the plugin
// with @pulumi/pulumi/cmd/run-plugin, as the upstream host does, and streams its output back.

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// The module that serves a Node.js provider plugin; it takes `<plugin-dir> <engine-address> [args]`.
// PULUMI_LANGUAGE_NODEJS_RUN_PATH (in this host's environment) overrides it, as upstream.
const runPluginModule = "@pulumi/pulumi/cmd/run-plugin"

// isProviderPlugin tells which RunPlugin requests runProviderPlugin serves: kind "resource", and requests
// without a kind (older engines) for a directory that holds PulumiPlugin.yaml.
func isProviderPlugin(req *pulumirpc.RunPluginRequest) bool {
	switch req.GetKind() {
	case "resource":
		return true
	case "":
		dir := pluginDir(req)
		if dir == "" {
			return false
		}
		_, err := os.Stat(filepath.Join(dir, "PulumiPlugin.yaml"))
		return err == nil
	}
	return false
}

func pluginDir(req *pulumirpc.RunPluginRequest) string {
	if dir := req.GetInfo().GetProgramDirectory(); dir != "" {
		return dir
	}
	return req.GetProgram() // older engines
}

// runProviderPlugin runs `node <run-plugin> [nodeargs] <plugin-dir> <req.args...>` in req.pwd with
// req.env. The engine reads the plugin's port from its stdout. As upstream, a plugin that exits 0 ends the
// stream without a status; any other exit is the error "Program exited with non-zero exit code: N".
func runProviderPlugin(ss grpc.ServerStream, req *pulumirpc.RunPluginRequest) error {
	ctx := ss.Context()
	dir := pluginDir(req)
	if dir == "" {
		return status.Error(codes.InvalidArgument, "RunPlugin: no program directory")
	}
	env, node, opts, err := nodeRun(req)
	if err != nil {
		return err
	}
	if opts.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if opts.tsconfigPath != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfigPath)
	}
	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runPath == "" {
		runPath = runPluginModule
	}
	launcher, err := locatePluginModule(node, runPath, dir, env)
	if err != nil {
		return status.Error(codes.FailedPrecondition, err.Error())
	}

	out := &streamWriter{ss: ss}
	defer out.close()
	args := append(append([]string{launcher}, opts.nodeArgs...), dir)
	args = append(args, req.GetArgs()...)
	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = out.stdout(), out.stderr()
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			if ws, ok := exit.Sys().(syscall.WaitStatus); ok {
				return status.Errorf(codes.Unknown, "Program exited with non-zero exit code: %d", ws.ExitStatus())
			}
			return status.Errorf(codes.Unknown, "Program exited unexpectedly: %v", exit)
		}
		return status.Errorf(codes.Unknown,
			"Problem executing plugin program (could not run language executor): %v", err)
	}
	return nil
}

// locatePluginModule resolves mod from the plugin directory, as Node resolves the plugin's own requires
// (node_modules up the tree, NODE_PATH from env). Its failure message is upstream's.
func locatePluginModule(node, mod, dir string, env []string) (string, error) {
	script := "try { console.log(require.resolve(" + jsString(mod) + ")); } catch (error) {" +
		" if (error.code === 'MODULE_NOT_FOUND') {" +
		" console.error(" + jsString("It looks like the Pulumi SDK has not been installed. Have you run npm install in "+dir+"?") + ");" +
		" } else { console.error(error.message); } process.exit(1); }"
	cmd := exec.Command(node, "-e", script)
	cmd.Dir = dir
	cmd.Env = env
	b, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return "", errors.New(strings.TrimSpace(string(exit.Stderr)))
		}
		return "", err
	}
	return strings.TrimSpace(string(b)), nil
}
