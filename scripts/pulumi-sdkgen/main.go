// Command pulumi-sdkgen writes a Pulumi package SDK for one language from a schema file, with the code
// generators of pulumi/pkg at the CLI's release (codegen/python, codegen/go).
//
//	pulumi-sdkgen <python|go> <schema.json> <out-dir>
//
// Why it exists: `pulumi package gen-sdk` and `pulumi package add` ask the project's language host to
// generate the SDK (LanguageRuntime.GeneratePackage). The only Python host the Go module proxy serves is
// v3.68.0 (sdk/v3 python/cmd/pulumi-language-python), which predates that RPC, and no Go host is served at
// all (github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3: 403). Upstream hosts call these same
// generators; the language-host proxy (scripts/pulumi-language-host, generate.go) runs this tool for
// GeneratePackage, and the Go SDK test runs it directly. Built by scripts/build-pulumi-cli.sh.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-sdkgen"

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", tool, err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 3 {
		return fmt.Errorf("usage: %s <python|go> <schema.json> <out-dir>", tool)
	}
	language, schemaPath, out := args[0], args[1], args[2]
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("parsing %s: %w", schemaPath, err)
	}
	// BindSpec validates against the package metaschema, as `pulumi package gen-sdk` does. The schema has no
	// references to other packages: a reference would be an error (noLoader).
	pkg, diags, err := schema.BindSpec(spec, noLoader{}, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return diags
	}
	var files map[string][]byte
	switch language {
	case "python":
		files, err = pygen.GeneratePackage(tool, pkg, nil, noLoader{})
	case "go":
		files, err = gogen.GeneratePackage(tool, pkg, nil)
	default:
		return fmt.Errorf("unsupported language %q (python, go)", language)
	}
	if err != nil {
		return err
	}
	for name, body := range files {
		path := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, body, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// noLoader refuses every package reference: the schema is self-contained.
type noLoader struct{}

func (noLoader) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema refers to package %q; only self-contained schemas are supported", name)
}

func (l noLoader) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return l.LoadPackage(d.Name, nil)
}

func (noLoader) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("the schema refers to package %q; only self-contained schemas are supported", name)
}

func (l noLoader) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return l.LoadPackageReference(d.Name, nil)
}
