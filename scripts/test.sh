#!/usr/bin/env bash
# Quick-start command 2: everything the tests need, then typecheck + lint + all tests.
# Extra arguments filter test files by path substring, e.g. `bash scripts/test.sh emulator/users`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export SNOWFLAKE_DISABLE_PLATFORM_DETECTION=true
PULUMI_CLI_DIR="$(bash scripts/bootstrap.sh | tail -n 1)"
export PULUMI_CLI_DIR
exec npm test -- "$@"
