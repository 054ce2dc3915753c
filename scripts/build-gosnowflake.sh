#!/usr/bin/env bash
# The gosnowflake conformance program for test/emulator/gosnowflake.test.ts (test/go/conformance), built once into
# $CACHE_ROOT/gosnowflake-<first 16 hex of sha256(go.mod, go.sum, *.go)>/conformance (the test computes the same
# path). Modules come from the Go module proxy (GOPROXY as the environment has it). Built from a copy so that
# -mod=mod never edits the repository's go.mod/go.sum; CGO off and -tags minicore_disabled, so the driver never
# loads its bundled native library. Never fatal: without Go, or when the build fails, the reason goes to
# .work/gosnowflake.unavailable and the test reports a skip naming it. Everything here writes to stderr only.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CACHE_ROOT="${PULUMI_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-snowflake-oauth}"
SRC="test/go/conformance"
why=".work/gosnowflake.unavailable"
# Same bytes in the same order as test/helpers/external-clients.ts: go.mod, go.sum, then *.go in C-locale order.
sum="$(cd "$SRC" && cat go.mod go.sum $(LC_ALL=C ls -- *.go) | sha256sum | cut -c1-16)"
out="$CACHE_ROOT/gosnowflake-$sum"
mkdir -p .work "$CACHE_ROOT"
if [[ -x "$out/conformance" ]]; then rm -f "$why"; exit 0; fi
exec 6>"$CACHE_ROOT/.gosnowflake.lock"
flock 6
if [[ -x "$out/conformance" ]]; then rm -f "$why"; exit 0; fi
if ! command -v go >/dev/null 2>&1; then
  echo "bootstrap: notice: go not found; the gosnowflake test will be skipped" >&2
  echo "go not found on PATH when scripts/build-gosnowflake.sh ran" > "$why"
  exit 0
fi
echo "bootstrap: building the gosnowflake conformance program ($out; a few minutes on 2 cores, once)" >&2
start=$(date +%s)
work="$CACHE_ROOT/build-gosnowflake-$sum"
rm -rf "$work" "$why" && mkdir -p "$work" "$out"
cp "$SRC"/go.mod "$SRC"/go.sum "$SRC"/*.go "$work/"
if (cd "$work" && GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0 \
  go build -trimpath -tags minicore_disabled -o "$out/conformance.tmp" . >&2); then
  mv "$out/conformance.tmp" "$out/conformance"
  echo "bootstrap: gosnowflake conformance program built in $(( $(date +%s) - start ))s" >&2
else
  echo "bootstrap: notice: building test/go/conformance failed; the gosnowflake test will be skipped" >&2
  rm -rf "$out"
  echo "building $SRC failed (go build with GOFLAGS=-mod=mod); see scripts/bootstrap.sh's stderr" > "$why"
fi
rm -rf "$work"
exit 0
