// The Node.js runtime options of a plugin (PulumiPlugin.yaml / PulumiPolicy.yaml `runtime.options`), read as
// the upstream host's parseOptions reads them.

package main

import (
	"fmt"

	"github.com/google/shlex"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

type nodeOptions struct {
	typescript   bool     // register ts-node (PULUMI_NODEJS_TYPESCRIPT); true unless `typescript: false`
	tsconfigPath string   // PULUMI_NODEJS_TSCONFIG_PATH
	nodeArgs     []string // `nodeargs`, split like a shell command line
}

func parseNodeOptions(info *pulumirpc.ProgramInfo) (nodeOptions, error) {
	opts := nodeOptions{typescript: true}
	fields := info.GetOptions().GetFields()
	if v, ok := fields["typescript"]; ok {
		b, isBool := v.AsInterface().(bool)
		if !isBool {
			return opts, fmt.Errorf("typescript option must be a boolean")
		}
		opts.typescript = b
	}
	if v, ok := fields["tsconfig"]; ok {
		s, isString := v.AsInterface().(string)
		if !isString {
			return opts, fmt.Errorf("tsconfigpath option must be a string")
		}
		opts.tsconfigPath = s
	}
	if v, ok := fields["nodeargs"]; ok {
		s, isString := v.AsInterface().(string)
		if !isString {
			return opts, fmt.Errorf("nodeargs option must be a string")
		}
		args, err := shlex.Split(s)
		if err != nil {
			return opts, err
		}
		opts.nodeArgs = args
	}
	return opts, nil
}
