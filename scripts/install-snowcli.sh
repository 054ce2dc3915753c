#!/usr/bin/env bash
# The Snowflake CLI for test/emulator/snowflake-cli.test.ts: a venv with the exact pins of
# test/snowcli/requirements.txt (wheels only), cached outside the repository in
# $CACHE_ROOT/snowcli-<first 16 hex of the requirements file's sha256> (the test computes the same path).
# Skipped when that venv's stamp matches and its interpreter still resolves. Never fatal: without python3, or when
# the install fails, the reason goes to .work/snowcli.unavailable and the test reports a skip naming it.
# Everything here writes to stderr only.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CACHE_ROOT="${PULUMI_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-snowflake-oauth}"
req="test/snowcli/requirements.txt"
why=".work/snowcli.unavailable"
sum="$(sha256sum "$req" | cut -c1-16)"
env="$CACHE_ROOT/snowcli-$sum"
ready() { [[ -x "$env/bin/snow" && -x "$env/bin/python" && "$(cat "$env/.install-stamp" 2>/dev/null)" == "$sum" ]]; }
mkdir -p .work "$CACHE_ROOT"
if ready; then rm -f "$why"; exit 0; fi
exec 7>"$CACHE_ROOT/.snowcli.lock"
flock 7
if ready; then rm -f "$why"; exit 0; fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "bootstrap: notice: python3 not found; the Snowflake CLI test will be skipped" >&2
  echo "python3 not found on PATH when scripts/install-snowcli.sh ran" > "$why"
  exit 0
fi
echo "bootstrap: Snowflake CLI venv ($env, $(python3 --version 2>&1); about a minute, once)" >&2
start=$(date +%s)
rm -rf "$env" "$why"
if python3 -m venv "$env" >&2 &&
  "$env/bin/python" -m pip install --quiet --disable-pip-version-check --no-input --only-binary :all: -r "$req" >&2; then
  echo "$sum" > "$env/.install-stamp"
  echo "bootstrap: Snowflake CLI installed in $(( $(date +%s) - start ))s" >&2
else
  echo "bootstrap: notice: installing the Snowflake CLI failed; the Snowflake CLI test will be skipped" >&2
  rm -rf "$env"
  echo "installing $req into $env failed (python3 -m venv / pip install); see scripts/bootstrap.sh's stderr" > "$why"
fi
exit 0
