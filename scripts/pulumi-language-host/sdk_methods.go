// GeneratePackage and Link for the hosts that predate them (the v3.68.0 Python host, the v1.25.0 YAML host),
// so that `pulumi package add <dir>` and `pulumi package gen-sdk` work with the offline toolchain.
//   - GeneratePackage (Python): runs pulumi-sdkgen (scripts/pulumi-sdkgen, installed beside this binary), which
//     calls pkg/v3 codegen/python GeneratePackage at the CLI's release, the generator upstream hosts call.
//   - Link (Python): adds the generated SDK's directory, relative to the project, to requirements.txt; the
//     engine's InstallDependencies call that follows (forwarded to the real host) pip-installs it.
//   - Link (YAML): nothing to link; a YAML program names packages in Pulumi.yaml `packages:`, which
//     `pulumi package add` writes itself after Link returns (pkg/cmd/pulumi/packagecmd/package_add.go).

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

const (
	generatePackageMethod = "/pulumirpc.LanguageRuntime/GeneratePackage"
	linkMethod            = "/pulumirpc.LanguageRuntime/Link"
	sdkgenName            = "pulumi-sdkgen"
)

// servesItself reports whether this proxy answers method itself for its language.
func servesItself(method string) bool {
	switch method {
	case generatePackageMethod:
		return language == "python"
	case linkMethod:
		return language == "python" || language == "yaml"
	}
	return false
}

// unary reads one request of type Req, answers it with fn and sends the response.
func unary[Req proto.Message](ss grpc.ServerStream, req Req, fn func(Req) (proto.Message, error)) error {
	var f frame
	if err := ss.RecvMsg(&f); err != nil {
		return err
	}
	if err := proto.Unmarshal(f.payload, req); err != nil {
		return status.Errorf(codes.InvalidArgument, "decoding %T: %v", req, err)
	}
	resp, err := fn(req)
	if err != nil {
		return err
	}
	out, err := proto.Marshal(resp)
	if err != nil {
		return err
	}
	return ss.SendMsg(&frame{payload: out})
}

func serveItself(ss grpc.ServerStream, method string) error {
	if method == generatePackageMethod {
		return unary(ss, &pulumirpc.GeneratePackageRequest{}, generatePackage)
	}
	return unary(ss, &pulumirpc.LinkRequest{}, link)
}

func generatePackage(req *pulumirpc.GeneratePackageRequest) (proto.Message, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp("", "schema-*.json")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(req.GetSchema()); err != nil {
		return nil, err
	}
	_ = tmp.Close()
	cmd := exec.Command(filepath.Join(filepath.Dir(self), sdkgenName), language, tmp.Name(), req.GetDirectory())
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, status.Errorf(codes.Unknown, "%s: %v: %s", sdkgenName, err, strings.TrimSpace(string(out)))
	}
	for name, body := range req.GetExtraFiles() {
		path := filepath.Join(req.GetDirectory(), name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, body, 0o644); err != nil {
			return nil, err
		}
	}
	return &pulumirpc.GeneratePackageResponse{}, nil
}

func link(req *pulumirpc.LinkRequest) (proto.Message, error) {
	if language == "yaml" {
		return &pulumirpc.LinkResponse{}, nil
	}
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetInfo().GetRootDirectory()
	}
	file := filepath.Join(dir, "requirements.txt")
	body, err := os.ReadFile(file)
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(string(body), "\n"), "\n")
	var instructions []string
	for _, dep := range req.GetPackages() {
		// The path is relative to the project root (pkg/cmd/pulumi/packages LinkPackages); requirements.txt
		// lines are relative to the file's directory, which is the program directory.
		abs := dep.GetPath()
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(req.GetInfo().GetRootDirectory(), abs)
		}
		rel, err := filepath.Rel(dir, abs)
		if err != nil {
			return nil, err
		}
		entry := "./" + filepath.ToSlash(rel)
		if !contains(lines, entry) {
			lines = append(lines, entry)
		}
		name := dep.GetPackage().GetName()
		module := "pulumi_" + strings.ReplaceAll(name, "-", "_")
		instructions = append(instructions, fmt.Sprintf("import %s as %s", module, strings.ReplaceAll(name, "-", "_")))
	}
	out := strings.TrimLeft(strings.Join(lines, "\n"), "\n") + "\n"
	if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
		return nil, err
	}
	return &pulumirpc.LinkResponse{ImportInstructions: "You can then import the SDK in your Python code with:\n\n  " +
		strings.Join(instructions, "\n  ")}, nil
}

func contains(lines []string, s string) bool {
	for _, l := range lines {
		if strings.TrimSpace(l) == s {
			return true
		}
	}
	return false
}
