// The Python host's runtime options. The v3.68.0 host reads `runtime.options.virtualenv` only from its command line
// (`-virtualenv`, `-root`), as the engines of its day passed them; today's engine passes just its own address and puts
// the options in each request's ProgramInfo. So the proxy reads them from the project, found the way the engine finds
// it (workspace.DetectProjectPathFrom the working directory the engine started us in), and passes them on as flags.

package main

import (
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
)

func pythonFlags() []string {
	cwd, err := os.Getwd()
	if err != nil {
		return nil
	}
	path, err := workspace.DetectProjectPathFrom(cwd)
	if err != nil || path == "" {
		return nil
	}
	proj, err := workspace.LoadProject(path)
	if err != nil {
		return nil
	}
	root := filepath.Dir(path)
	flags := []string{"-root=" + root}
	if v, ok := proj.Runtime.Options()["virtualenv"].(string); ok && v != "" {
		flags = append(flags, "-virtualenv="+v)
	}
	return flags
}
