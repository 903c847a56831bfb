#!/usr/bin/env bash
# Installs everything and runs every check: type check, lint, and all Jest tests of all workspaces.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

tm_install
cd "$TENANT_MESH_ROOT"
export CI=true
tm_yarn test:ci
