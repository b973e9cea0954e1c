#!/usr/bin/env bash
# A first look at serving throughput: a release build on a fresh embedded database, wrk over loopback for 10 s
# each against /health and an authenticated page of 10 tasks. Installs wrk when missing. Prints Markdown rows.
#   Benchmarks/server.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_packages
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
swift build -c release --product todo-api >/dev/null 2>&1
BIN="$(swift build -c release --show-bin-path)/todo-api"
DATA=$(mktemp -d /tmp/todo-api-bench.XXXXXX)
chmod 711 "$DATA"
PORT=18080
"$BIN" serve --port $PORT --data-dir "$DATA" --log-level warning >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill -INT $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
B=http://127.0.0.1:$PORT
for _ in $(seq 1 300); do curl -sf $B/health >/dev/null && break; sleep 0.2; done
curl -sf -X POST $B/api/auth/register -H 'content-type: application/json' -d '{"email":"bench@example.com","password":"benchmark password"}' >/dev/null
TOKEN=$(curl -sf -X POST $B/api/auth/login -H 'content-type: application/json' -d '{"email":"bench@example.com","password":"benchmark password"}' \
  | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')
USER_ID=$(curl -sf $B/api/auth/me -H "Authorization: Bearer $TOKEN" | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
for i in $(seq 1 20); do
  curl -sf -o /dev/null -X POST $B/api/$USER_ID/tasks -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d "{\"title\":\"task $i\"}"
done
echo "| request | requests/s | mean latency |"
echo "|---|---|---|"
run() {
  local label=$1; shift
  local out; out=$(wrk -t2 -c32 -d10s "$@")
  printf '| %s | %s | %s |\n' "$label" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" "$(echo "$out" | awk '/Latency/ {print $2; exit}')"
}
run "GET /health" "$B/health"
run "GET /api/{id}/tasks?limit=10 (bearer)" -H "Authorization: Bearer $TOKEN" "$B/api/$USER_ID/tasks?limit=10"
