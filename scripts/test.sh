#!/usr/bin/env bash
# Quick-start command 2: everything the tests need, then typecheck + lint + all tests.
# Extra arguments filter test files by path substring, e.g. `bash scripts/test.sh emulator/users`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export SNOWFLAKE_DISABLE_PLATFORM_DETECTION=true
PULUMI_CLI_DIR="$(bash scripts/bootstrap.sh | tail -n 1)"
export PULUMI_CLI_DIR
# Generated files (SDK classes, provider/DOCS.md) must match the model: regenerate, then fail on any difference.
npm run --silent generate
if ! git diff --exit-code --stat -- sdk provider/DOCS.md; then
  echo "test.sh: generated files differ from the model; run \`npm run generate\` and commit the result" >&2
  exit 1
fi
exec npm test -- "$@"
