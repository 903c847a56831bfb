#!/usr/bin/env bash
# Installs everything and runs every check: type check, lint, and all Jest tests of all workspaces.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

tm_install
cd "$TENANT_MESH_ROOT"
export CI=true

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
tm_yarn test:ci 2>&1 | tee "$log"

# One plain closing line for CI logs that do not read Jest's summary ("Tests: 3 failed, 781 passed").
summary="$(grep -E '^Tests:' "$log" | tail -n 1)"
passed="$(sed -nE 's/.* ([0-9]+) passed.*/\1/p' <<<"$summary")"
failed="$(sed -nE 's/.* ([0-9]+) failed.*/\1/p' <<<"$summary")"
echo "jest: ${passed:-0} passed, ${failed:-0} failed"
