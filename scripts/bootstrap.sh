#!/usr/bin/env bash
# Shared by the quick-start scripts and CI: installs what the project needs on a fresh machine.
# - npm dependencies from package-lock.json (skipped when the lock file is unchanged since the last install)
# - the Pulumi CLI, built once from the Go module proxy and cached outside the repo
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
node scripts/link-self.js
bash scripts/build-pulumi-cli.sh
