#!/usr/bin/env bash
# Builds the Pulumi CLI, the Node.js, Python and YAML language hosts and pulumi-sdkgen from the Go module proxy, once,
# into a cache outside the repository. Later runs return in well under a second.
# Why a wrapper module: pulumi/pkg's go.mod carries local `replace` lines, so `go install mod@ver`
# refuses it; a throwaway main module that requires it (and copies the non-local replaces) builds.
# Prints the directory that holds bin/ on its last line (and nothing else on stdout).
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-v3.259.0}"
# The language host. Its own module (sdk/nodejs/cmd/pulumi-language-nodejs/v3) was never tagged, and the
# module proxy answers "403 Forbidden: This module version is not available" for every version of it,
# the v3.259.0 release pseudo-version (v3.0.0-20260819165155-0ac56e876614) included. The last release in
# which the host was still a package of sdk/v3 is v3.68.0, which the proxy serves: it is built from there.
# That host is a thin launcher of @pulumi/pulumi's own `cmd/run` (the npm package, pinned to 3.259.0).
NODEJS_HOST_SDK_VERSION="${NODEJS_HOST_SDK_VERSION:-v3.68.0}"
# Why a proxy in front of it: the v3.68.0 host answers the RunPlugin RPC with "not supported", and since
# CLI v3.221 the engine starts a policy pack (`--policy-pack <dir>`) through RunPlugin of the pack's
# language host, so policy packs failed to start ("could not read plugin [<dir>]: not supported"). So
# bin/pulumi-language-nodejs is our own small proxy (scripts/pulumi-language-host, Go, pinned to sdk/v3
# v3.259.0): it starts the v3.68.0 host, installed beside it as bin/pulumi-language-nodejs-v3.68.0,
# forwards every LanguageRuntime call to it unchanged, and serves RunPlugin for policy packs itself by
# running the pack with @pulumi/pulumi/cmd/run-policy-pack (which registers ts-node for TypeScript packs).
# The YAML language host, for YAML programs that use the provider plugin (test/e2e/plugin-yaml.test.ts). Its module has
# no local replaces, so `go install` builds it as is. The only versions the proxy serves are v1.11.1 and v1.25.0.
YAML_HOST_VERSION="${YAML_HOST_VERSION:-v1.25.0}"
# The Python language host: like the Node.js one, its own module (sdk/python/cmd/pulumi-language-python/v3) is refused
# by the proxy, so it comes from sdk/v3 v3.68.0 (python/cmd/pulumi-language-python), with its exec script
# (python/cmd/pulumi-language-python-exec) installed beside it, where that host looks for it. The `pulumi` Python
# SDK is PyPI's pulumi==3.259.0, the CLI's release (examples/python-custom-client/requirements.txt).
PYTHON_HOST_SDK_VERSION="${PYTHON_HOST_SDK_VERSION:-v3.68.0}"
# The YAML (v1.25.0) and Python (v3.68.0) hosts predate GeneratePackage/Link, which `pulumi package add` calls: each is
# installed under a versioned name behind the same proxy (sdk_methods.go), which answers those two RPCs itself.
# pulumi-sdkgen (scripts/pulumi-sdkgen) is pkg/v3's codegen at the CLI's release, for Python and Go SDKs.
CACHE_ROOT="${PULUMI_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-snowflake-oauth}"
OUT="$CACHE_ROOT/pulumi-cli-$PULUMI_VERSION"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROXY_SRC="$REPO_ROOT/scripts/pulumi-language-host"
SDKGEN_SRC="$REPO_ROOT/scripts/pulumi-sdkgen"
REAL_HOST="pulumi-language-nodejs-$NODEJS_HOST_SDK_VERSION"
REAL_PYTHON_HOST="pulumi-language-python-$PYTHON_HOST_SDK_VERSION"
REAL_YAML_HOST="pulumi-language-yaml-$YAML_HOST_VERSION"

mkdir -p "$CACHE_ROOT"
# One build at a time: parallel test runs wait for the first one instead of compiling twice.
exec 9>"$CACHE_ROOT/.build.lock"
flock 9

# What bin/pulumi-language-nodejs was built from: the proxy's sources and the real host's version. A cache
# from before the proxy (or from older proxy sources) has no matching stamp, so only the host part is
# rebuilt; bin/pulumi is kept.
HOST_STAMP_FILE="$OUT/.language-host.stamp"
host_stamp="$({ echo "$REAL_HOST $REAL_PYTHON_HOST $REAL_YAML_HOST"; cat "$PROXY_SRC/go.mod" "$PROXY_SRC/go.sum" "$PROXY_SRC"/*.go "$SDKGEN_SRC"/*.go; } | sha256sum | cut -d' ' -f1)"

install_shim() {
  # The shim comes from the npm package; refresh it in case node_modules moved.
  local shim="$REPO_ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  if [[ -f "$shim" ]]; then install -m 0755 "$shim" "$OUT/bin/pulumi-resource-pulumi-nodejs"; fi
}

# PULUMI_TOOLCHAIN=nodejs (the demo, via scripts/bootstrap.sh) needs only the CLI and the Node.js host: the YAML and
# Python hosts and pulumi-sdkgen (about 5 min cold together) are left for the tests. Such a build writes no stamp, so
# the next full build completes it.
TOOLCHAIN="${PULUMI_TOOLCHAIN:-all}"
if [[ "$TOOLCHAIN" == "nodejs" && -x "$OUT/bin/pulumi" && -x "$OUT/bin/$REAL_HOST" && -x "$OUT/bin/pulumi-language-nodejs" ]]; then
  install_shim
  echo "$OUT"
  exit 0
fi
if [[ -x "$OUT/bin/pulumi" && -x "$OUT/bin/$REAL_HOST" && -x "$OUT/bin/$REAL_PYTHON_HOST" && -x "$OUT/bin/$REAL_YAML_HOST" &&
  -x "$OUT/bin/pulumi-sdkgen" && "$(cat "$HOST_STAMP_FILE" 2>/dev/null)" == "$host_stamp" ]]; then
  install_shim
  echo "$OUT"
  exit 0
fi

command -v go >/dev/null || { echo "build-pulumi-cli: Go is required (the machine image ships it)" >&2; exit 1; }

WORK="$CACHE_ROOT/build-$PULUMI_VERSION"
rm -rf "$WORK" && mkdir -p "$WORK/cli" "$WORK/host" "$WORK/python" "$WORK/sdkgen" "$WORK/proxy" "$OUT/bin"
export GOFLAGS=-mod=mod CGO_ENABLED=0 GOTOOLCHAIN=local
LD_VERSION="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"

# A main module that requires pkg/v3 at the release, with the non-local replaces of pkg/v3's go.mod copied.
pkg_module() {
  go mod init "$1" >/dev/null 2>&1
  go mod edit -replace github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e
  go mod edit -replace golang.org/x/text=golang.org/x/text@v0.39.0
}

# 1. The CLI (engine) from pkg/v3.
if [[ ! -x "$OUT/bin/pulumi" ]]; then
  cd "$WORK/cli"
  pkg_module local/pulumi-cli-build
  printf '//go:build tools\npackage tools\nimport _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"\n' > tools.go
  echo "build-pulumi-cli: resolving modules (the first run downloads a few hundred MB from the Go proxy)" >&2
  go get "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION" >&2
  echo "build-pulumi-cli: compiling pulumi $PULUMI_VERSION (many minutes on 2 cores, once)" >&2
  go build -trimpath -tags osusergo,grpcnotrace -ldflags "-s -w $LD_VERSION" -o "$OUT/bin/pulumi.tmp" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
  mv "$OUT/bin/pulumi.tmp" "$OUT/bin/pulumi"
fi

# 2. The real Node.js language host from sdk/v3 (see NODEJS_HOST_SDK_VERSION above), under its versioned
# name: only the proxy below starts it.
if [[ ! -x "$OUT/bin/$REAL_HOST" ]]; then
  cd "$WORK/host"
  go mod init local/pulumi-language-nodejs-build >/dev/null 2>&1
  printf '//go:build tools\npackage tools\nimport _ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"\n' > tools.go
  go get "github.com/pulumi/pulumi/sdk/v3@$NODEJS_HOST_SDK_VERSION" >&2
  go build -trimpath -ldflags "-s -w $LD_VERSION" -o "$OUT/bin/$REAL_HOST.tmp" \
    github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs >&2
  mv "$OUT/bin/$REAL_HOST.tmp" "$OUT/bin/$REAL_HOST"
fi

# 3. The YAML language host (about 4 min cold on 2 cores), under its versioned name like the Node.js one.
if [[ "$TOOLCHAIN" != "nodejs" && ! -x "$OUT/bin/$REAL_YAML_HOST" ]]; then
  echo "build-pulumi-cli: compiling pulumi-language-yaml $YAML_HOST_VERSION" >&2
  mkdir -p "$WORK/yaml"
  GOFLAGS= GOBIN="$WORK/yaml" go install -trimpath -ldflags "-s -w" "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@$YAML_HOST_VERSION" >&2
  mv "$WORK/yaml/pulumi-language-yaml" "$OUT/bin/$REAL_YAML_HOST"
fi

# 4. The Python language host and its exec script (see PYTHON_HOST_SDK_VERSION above).
if [[ "$TOOLCHAIN" != "nodejs" && ! -x "$OUT/bin/$REAL_PYTHON_HOST" ]]; then
  echo "build-pulumi-cli: compiling pulumi-language-python $PYTHON_HOST_SDK_VERSION" >&2
  cd "$WORK/python"
  go mod init local/pulumi-language-python-build >/dev/null 2>&1
  printf '//go:build tools\npackage tools\nimport _ "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python"\n' > tools.go
  go get "github.com/pulumi/pulumi/sdk/v3@$PYTHON_HOST_SDK_VERSION" >&2
  go build -trimpath -ldflags "-s -w $LD_VERSION" -o "$OUT/bin/$REAL_PYTHON_HOST.tmp" \
    github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python >&2
  install -m 0755 "$(go list -m -f '{{.Dir}}' "github.com/pulumi/pulumi/sdk/v3")/python/cmd/pulumi-language-python-exec" \
    "$OUT/bin/pulumi-language-python-exec"
  mv "$OUT/bin/$REAL_PYTHON_HOST.tmp" "$OUT/bin/$REAL_PYTHON_HOST"
fi

# 5. pulumi-sdkgen: pkg/v3's Python and Go code generators (about 30 s with the CLI's build cache).
if [[ "$TOOLCHAIN" != "nodejs" ]]; then
  echo "build-pulumi-cli: compiling pulumi-sdkgen" >&2
  cd "$WORK/sdkgen"
  pkg_module local/pulumi-sdkgen-build
  cp "$SDKGEN_SRC"/*.go .
  go get "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION" >&2
  go build -trimpath -ldflags "-s -w" -o "$OUT/bin/pulumi-sdkgen.tmp" . >&2
  mv "$OUT/bin/pulumi-sdkgen.tmp" "$OUT/bin/pulumi-sdkgen"
fi

# 6. The proxy hosts the engine runs as pulumi-language-{nodejs,python,yaml} (built from a copy, so that -mod=mod
# never edits the repository's go.mod/go.sum). Installed last, by rename, so a concurrent run never starts a
# proxy whose real host is missing.
echo "build-pulumi-cli: compiling the language host proxies" >&2
cp "$PROXY_SRC/go.mod" "$PROXY_SRC/go.sum" "$PROXY_SRC"/*.go "$WORK/proxy/"
cd "$WORK/proxy"
for pair in "nodejs:$REAL_HOST" "python:$REAL_PYTHON_HOST" "yaml:$REAL_YAML_HOST"; do
  lang="${pair%%:*}" backend="${pair#*:}"
  if [[ "$TOOLCHAIN" == "nodejs" && "$lang" != "nodejs" ]]; then continue; fi
  go build -trimpath -ldflags "-s -w -X main.backendName=$backend -X main.language=$lang" \
    -o "$OUT/bin/pulumi-language-$lang.tmp" . >&2
  mv "$OUT/bin/pulumi-language-$lang.tmp" "$OUT/bin/pulumi-language-$lang"
done
rm -f "$OUT/.language-yaml.version"
if [[ "$TOOLCHAIN" != "nodejs" ]]; then echo "$host_stamp" > "$HOST_STAMP_FILE"; fi

install_shim
cd "$CACHE_ROOT"
rm -rf "$WORK"
echo "$OUT"
