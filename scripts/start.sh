#!/usr/bin/env bash
# Installs and starts the portal on its embedded defaults: frontend on :3000, backend on :7007,
# SQLite under .data/, guest sign-in, the cognito-local emulator on 127.0.0.1:9229 and a local GitOps
# repository in .data/gitops. Stop it with Ctrl-C; the emulator stops with it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

tm_install
mkdir -p "$TENANT_MESH_DATA_DIR/sqlite"

# The static token that scripts and the CLI use. Taken from the environment when set; otherwise
# generated once into the data folder (mode 600) so that a restart keeps it.
token_file="$TENANT_MESH_DATA_DIR/api-token"
if [ -z "${TENANT_MESH_API_TOKEN:-}" ]; then
  if [ ! -s "$token_file" ]; then
    (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))' >"$token_file")
  fi
  TENANT_MESH_API_TOKEN="$(cat "$token_file")"
  echo "tenant-mesh: API token in $token_file (export TENANT_MESH_API_TOKEN=\$(cat $token_file))" >&2
fi
export TENANT_MESH_API_TOKEN

# The Cognito emulator: bound to loopback, its data (.cognito/db under its working directory) kept
# in the data folder so pools survive a restart.
cognito_dir="$TENANT_MESH_DATA_DIR/cognito"
mkdir -p "$cognito_dir"
(cd "$cognito_dir" && HOST=127.0.0.1 PORT="${TENANT_MESH_COGNITO_PORT:-9229}" \
  exec node "$TENANT_MESH_ROOT/node_modules/cognito-local/lib/bin/start.js") \
  >"$TENANT_MESH_DATA_DIR/cognito.log" 2>&1 &
cognito_pid=$!
trap 'kill "$cognito_pid" 2>/dev/null || true' EXIT INT TERM
echo "tenant-mesh: cognito-local on 127.0.0.1:${TENANT_MESH_COGNITO_PORT:-9229} (log: .data/cognito.log)" >&2

cd "$TENANT_MESH_ROOT"
node .yarn/releases/yarn-4.13.0.cjs dev
