#!/usr/bin/env bash
# Runs a command against a fresh Rebound, the way an integrator's test would: serves bin/rebound
# (built first when missing) on a free loopback port with an empty SQLite database in a
# temporary directory, and runs the command with REBOUND_URL and REBOUND_API_KEY naming that
# server and the key it printed. The server stops when the command ends; the script exits with
# the command's status. make clients-check runs both client journeys through it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${REBOUND_BIN:-$root/bin/rebound}
[ -x "$bin" ] || "$root/scripts/build-static.sh" "$bin"

dir=$(mktemp -d)
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close() })')
url="http://127.0.0.1:$port"
REBOUND_DATA_DIR="$dir" REBOUND_ADDR="127.0.0.1:$port" REBOUND_PUBLIC_URL="$url" REBOUND_LOG_LEVEL=warn \
  "$bin" serve >"$dir/stdout" 2>"$dir/stderr" &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

for _ in $(seq 100); do
  curl -fsS -o /dev/null "$url/readyz" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { echo "rebound exited:" >&2; cat "$dir/stderr" >&2; exit 1; }
  sleep 0.1
done
key=$(sed -n 's/^ *export REBOUND_API_KEY=//p' "$dir/stdout")
[ -n "$key" ] || { echo "rebound printed no API key:" >&2; cat "$dir/stdout" "$dir/stderr" >&2; exit 1; }

REBOUND_URL="$url" REBOUND_API_KEY="$key" REBOUND_REQUIRE_SERVER=1 "$@"
