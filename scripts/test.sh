#!/usr/bin/env bash
# Installs everything and runs every check: type check, lint, and all Jest tests of all workspaces.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

tm_install
cd "$TENANT_MESH_ROOT"
export CI=true

results="$(mktemp)"
trap 'rm -f "$results"' EXIT
# Extra arguments reach `backstage-cli repo test` (the last command of test:ci).
tm_yarn test:ci --json --outputFile="$results"

# One plain closing line for CI logs that do not read Jest's summary.
node -e '
  const r = require(process.argv[1]);
  console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' "$results"
