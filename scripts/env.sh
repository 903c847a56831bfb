# Shared by scripts/start.sh and scripts/test.sh: Node 22, the checked-in yarn, the data folder.
# Source it; it changes PATH and exports the variables below.

_tm_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/bootstrap-node.sh
source "$_tm_repo/scripts/bootstrap-node.sh"

export TENANT_MESH_ROOT="$_tm_repo"
# Everything the embedded default keeps (SQLite files, Cognito emulator, GitOps repository).
export TENANT_MESH_DATA_DIR="${TENANT_MESH_DATA_DIR:-$_tm_repo/.data}"

tm_yarn() {
  node "$TENANT_MESH_ROOT/.yarn/releases/yarn-4.13.0.cjs" "$@"
}

tm_install() {
  echo "tenant-mesh: installing dependencies (yarn install --immutable)" >&2
  (cd "$TENANT_MESH_ROOT" && tm_yarn install --immutable)
}
unset _tm_repo
