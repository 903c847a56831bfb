#!/usr/bin/env bash
# Installs and starts the portal on its embedded defaults: frontend on :3000, backend on :7007,
# SQLite under .data/, guest sign-in. Stop it with Ctrl-C.
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

cd "$TENANT_MESH_ROOT"
exec node .yarn/releases/yarn-4.13.0.cjs dev
