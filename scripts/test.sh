#!/usr/bin/env bash
# Installs everything and runs every check: type check, lint, all Jest tests of all workspaces, and
# the browser tests against a portal it starts (scripts/browser-test.sh).
# TENANT_MESH_SKIP_BROWSER=1 leaves the browser tests out.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

tm_install
cd "$TENANT_MESH_ROOT"
export CI=true

logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT

jest_status=0
tm_yarn test:ci 2>&1 | tee "$logs/jest" || jest_status=$?

browser_status=0
if [ "${TENANT_MESH_SKIP_BROWSER:-}" != 1 ]; then
  bash scripts/browser-test.sh 2>&1 | tee "$logs/browser" || browser_status=$?
fi

# Jest's summary ("Tests: 3 failed, 781 passed") and node's test runner's ("ℹ pass 3", "ℹ fail 0").
summary="$(grep -E '^Tests:' "$logs/jest" | tail -n 1 || true)"
jest_passed="$(sed -nE 's/.* ([0-9]+) passed.*/\1/p' <<<"$summary")"
jest_failed="$(sed -nE 's/.* ([0-9]+) failed.*/\1/p' <<<"$summary")"
touch "$logs/browser" # absent when the browser tests were left out
browser_passed="$(sed -nE 's/^ℹ pass ([0-9]+)$/\1/p' "$logs/browser" | tail -n 1)"
browser_failed="$(sed -nE 's/^ℹ fail ([0-9]+)$/\1/p' "$logs/browser" | tail -n 1)"
echo "jest: ${jest_passed:-0} passed, ${jest_failed:-0} failed"
if [ "${TENANT_MESH_SKIP_BROWSER:-}" != 1 ]; then
  echo "browser: ${browser_passed:-0} passed, ${browser_failed:-0} failed"
fi
# A step that failed before its runner counted anything (tsc, lint, the portal not starting) still
# counts as a failure in the closing line.
[ "$jest_status" -ne 0 ] && [ "${jest_failed:-0}" = 0 ] && jest_failed=1
[ "$browser_status" -ne 0 ] && [ "${browser_failed:-0}" = 0 ] && browser_failed=1
echo "tests: $((${jest_passed:-0} + ${browser_passed:-0})) passed, $((${jest_failed:-0} + ${browser_failed:-0})) failed"

[ "$jest_status" -eq 0 ] && [ "$browser_status" -eq 0 ]
