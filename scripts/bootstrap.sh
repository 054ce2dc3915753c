#!/usr/bin/env bash
# Shared by the quick-start scripts and CI: installs what the project needs on a fresh machine.
# - npm dependencies from package-lock.json (skipped when the lock file is unchanged since the last install)
# - the Pulumi CLI, built once from the Go module proxy and cached outside the repo
# - the official clients of the emulator conformance tests (Python connector, Snowflake CLI, gosnowflake)
# Prints nothing on stdout but the CLI directory (last line).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export SNOWFLAKE_DISABLE_PLATFORM_DETECTION=true
stamp="node_modules/.install-stamp"
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
  echo "bootstrap: npm ci" >&2
  npm ci --no-audit --no-fund >&2
  echo "$lock_sum" > "$stamp"
fi
# Python venvs for the tests that drive official Python clients, each with the exact pins of its requirements file
# (wheels only):
# - .work/pyenv   test/python/requirements.txt       the connector (test/emulator/python-driver.test.ts)
# - .work/coreenv test/python/requirements-core.txt  snowflake-core (test/emulator/rest-network-policies.test.ts)
# Skipped when the stamp matches the requirements and the venv's interpreter still resolves. Never fatal: without
# python3 (or when the install fails) the reason goes to .work/<env>.unavailable and the test reports a skip naming it.
# Everything here writes to stderr only.
python_env() {
  local name="$1" req="$2" what="$3" sum
  local env=".work/$name" why=".work/$name.unavailable"
  sum="$(sha256sum "$req" | cut -d' ' -f1)"
  if [[ -x "$env/bin/python" && "$(cat "$env/.install-stamp" 2>/dev/null)" == "$sum" ]]; then return 0; fi
  mkdir -p .work
  exec 8>".work/$name.lock"
  flock 8
  if [[ -x "$env/bin/python" && "$(cat "$env/.install-stamp" 2>/dev/null)" == "$sum" ]]; then exec 8>&-; return 0; fi
  if ! command -v python3 >/dev/null 2>&1; then
    echo "bootstrap: notice: python3 not found; the $what test will be skipped" >&2
    echo "python3 not found on PATH when scripts/bootstrap.sh ran" > "$why"
    exec 8>&-
    return 0
  fi
  echo "bootstrap: $what venv ($env, $(python3 --version 2>&1))" >&2
  rm -rf "$env" "$why"
  if python3 -m venv "$env" >&2 &&
    "$env/bin/python" -m pip install --quiet --disable-pip-version-check --no-input --only-binary :all: -r "$req" >&2; then
    echo "$sum" > "$env/.install-stamp"
  else
    echo "bootstrap: notice: creating the $what venv failed; the $what test will be skipped" >&2
    rm -rf "$env"
    echo "creating $env failed (python3 -m venv / pip install -r $req); see scripts/bootstrap.sh's stderr" > "$why"
  fi
  exec 8>&-
}
# The test clients are for the tests only: the demo (BOOTSTRAP_FOR=demo, scripts/demo.sh) needs none of them.
if [[ "${BOOTSTRAP_FOR:-test}" != "demo" ]]; then
  python_env pyenv test/python/requirements.txt "Python connector"
  python_env coreenv test/python/requirements-core.txt "snowflake-core"
  # Two more official clients for the emulator's conformance tests, each cached outside the repo and never fatal
  # (a failure leaves a reason in .work/*.unavailable and that test skips naming it).
  bash scripts/install-snowcli.sh >&2 || echo "bootstrap: notice: scripts/install-snowcli.sh exited $?" >&2
  bash scripts/build-gosnowflake.sh >&2 || echo "bootstrap: notice: scripts/build-gosnowflake.sh exited $?" >&2
fi
node scripts/link-self.js
if [[ "${BOOTSTRAP_FOR:-test}" == "demo" ]]; then
  PULUMI_TOOLCHAIN=nodejs bash scripts/build-pulumi-cli.sh
else
  bash scripts/build-pulumi-cli.sh
fi
