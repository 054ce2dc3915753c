#!/usr/bin/env bash
# Quick-start command 1: a real `pulumi up` of examples/key-rotation against the embedded emulator,
# walking the zero-downtime key rotation (add the new key -> switch clients -> remove the old key).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export SNOWFLAKE_DISABLE_PLATFORM_DETECTION=true
PULUMI_CLI_DIR="$(BOOTSTRAP_FOR=demo bash scripts/bootstrap.sh | tail -n 1)"
export PULUMI_CLI_DIR
exec npm run demo -- "$@"
