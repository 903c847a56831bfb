#!/usr/bin/env bash
# The browser tests: starts the portal on its embedded defaults with a fresh data folder, then runs
# e2e/*.test.mjs (node's test runner, playwright-core driving Debian's chromium) against it.
# Screenshots go to docs/images/. Needs the dependencies installed (scripts/test.sh does that).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$TENANT_MESH_ROOT"

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  # Debian's package, never a browser download: CI reaches Debian's mirrors and the npm registry only.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "tenant-mesh: installing Debian's chromium for the browser tests" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "tenant-mesh: the browser tests need Debian's chromium at $chromium_path (apt-get install chromium)" >&2
    exit 1
  fi
fi
export CHROMIUM_PATH="$chromium_path"

# A portal already running (scripts/start.sh) would answer in place of the one started here, with
# its own tenants: refuse rather than test the wrong portal.
for port in 3000 7007 9229; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "tenant-mesh: port $port is in use; stop the running portal (scripts/start.sh) before the browser tests" >&2
    exit 1
  fi
done

# A data folder of its own, so the tests neither see nor change the developer's tenants.
TENANT_MESH_DATA_DIR="$(mktemp -d)"
export TENANT_MESH_DATA_DIR
log="$TENANT_MESH_DATA_DIR/portal.log"

# start.sh installs nothing new here (test.sh already did) and keeps the portal in the foreground;
# its own process group lets us stop the frontend, the backend and the emulator together.
setsid bash scripts/start.sh >"$log" 2>&1 &
portal_pid=$!
stop_portal() {
  kill -- "-$portal_pid" 2>/dev/null || true
  wait "$portal_pid" 2>/dev/null || true
  rm -rf "$TENANT_MESH_DATA_DIR"
}
trap stop_portal EXIT

wait_for() {
  local url="$1" deadline=$((SECONDS + 600))
  until curl -fs -o /dev/null "$url"; do
    if ! kill -0 "$portal_pid" 2>/dev/null; then
      echo "tenant-mesh: the portal stopped while starting; its log:" >&2
      tail -n 80 "$log" >&2
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "tenant-mesh: $url did not answer within 10 minutes; the portal's log:" >&2
      tail -n 80 "$log" >&2
      exit 1
    fi
    sleep 2
  done
}
echo "tenant-mesh: starting the portal for the browser tests (log: $log)" >&2
wait_for http://localhost:7007/.backstage/health/v1/readiness
wait_for http://localhost:3000
echo "tenant-mesh: portal up after ${SECONDS} s" >&2

status=0
node --test --test-concurrency=1 --test-reporter=spec 'e2e/*.test.mjs' || status=$?
if [ "$status" -ne 0 ]; then
  echo "tenant-mesh: browser tests failed; the portal's last log lines:" >&2
  tail -n 60 "$log" >&2
fi
exit "$status"
