#!/usr/bin/env bash
# Browser check of GET /docs: starts the built server on a fresh database, loads the page in headless Chromium
# (its inline script runs under the page's Content-Security-Policy), and checks the rendered DOM: every tag and
# operation of openapi.yaml is there, a documented limit is shown, and the script put this server's origin into the
# examples. With --screenshot [PATH] it also writes a 1280-pixel-wide screenshot (default docs/docs-page.png).
# Needs TODO_API_BIN (the built todo-api) and TEST_DATABASE_URL (a PostgreSQL where it may create a database),
# as scripts/test.sh sets them.
set -euo pipefail
cd "$(dirname "$0")/.."
SCREENSHOT=
while [ $# -gt 0 ]; do
  case "$1" in
    --screenshot)
      if [ $# -ge 2 ] && [ "${2#--}" = "$2" ]; then SCREENSHOT=$2; shift; else SCREENSHOT=docs/docs-page.png; fi ;;
    *) echo "usage: $0 [--screenshot [PATH]]" >&2; exit 2 ;;
  esac
  shift
done
: "${TODO_API_BIN:?set TODO_API_BIN to the built todo-api}"
: "${TEST_DATABASE_URL:?set TEST_DATABASE_URL to a PostgreSQL conninfo}"
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || { echo "docs-check: chromium is not installed (scripts/setup.sh installs it)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/docs-check.XXXXXX)
DATABASE="todo_docs_$$_$RANDOM"
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  psql "$TEST_DATABASE_URL" -qAt -c "DROP DATABASE IF EXISTS $DATABASE" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
psql "$TEST_DATABASE_URL" -qAt -c "CREATE DATABASE $DATABASE" >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
HOST=127.0.0.1 PORT=$PORT DATABASE_URL="$TEST_DATABASE_URL dbname=$DATABASE" JWT_SECRET="docs-check-secret-$(printf '%032d' 0)" LOG_LEVEL=warning \
  "$TODO_API_BIN" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
URL="http://127.0.0.1:$PORT/docs"
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$URL" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "docs-check: the server exited:" >&2; cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.2
done

browser=("$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars
  --user-data-dir="$WORK/profile" --virtual-time-budget=5000)
"${browser[@]}" --dump-dom "$URL" >"$WORK/dom.html" 2>"$WORK/chromium.log" || { cat "$WORK/chromium.log" >&2; exit 1; }

failures=0
expect() { # expect DESCRIPTION FIXED-STRING
  if ! grep -qF -- "$2" "$WORK/dom.html"; then echo "docs-check: FAIL: $1 (no '$2' in the rendered page)"; failures=$((failures + 1)); fi
}
tags=$(awk '/^tags:/{t=1;next} t&&/^  - name:/{print $3;next} t&&/^[^ ]/{t=0}' openapi.yaml)
operations=$(sed -n 's/^ *operationId: *\([A-Za-z0-9_]*\).*/\1/p' openapi.yaml)
[ -n "$tags" ] && [ -n "$operations" ] || { echo "docs-check: cannot read tags and operationIds from openapi.yaml" >&2; exit 1; }
for tag in $tags; do expect "tag $tag" "<section class=\"tag\" id=\"tag-$tag\">"; done
for id in $operations; do expect "operation $id" "<article class=\"op\" id=\"op-$id\""; done
expect "the title's maxLength" '<span class="kw">maxLength</span> 200'
expect "the auth note" 'Requires <a href="#auth-HTTPBearer">HTTPBearer</a>'
expect "links to the spec" '<a href="/openapi.yaml">openapi.yaml</a>'
expect "the inline script ran (examples use this server's origin)" "curl 'http://127.0.0.1:$PORT/health'"
count=$(echo $operations | wc -w)
if [ -n "$SCREENSHOT" ]; then
  mkdir -p "$(dirname "$SCREENSHOT")"
  "${browser[@]}" --window-size=1280,2000 --screenshot="$SCREENSHOT" "$URL" >/dev/null 2>>"$WORK/chromium.log"
  [ -s "$SCREENSHOT" ] || { echo "docs-check: FAIL: no screenshot written"; failures=$((failures + 1)); }
fi
if [ "$failures" -gt 0 ]; then echo "docs-check: $failures check(s) failed"; exit 1; fi
echo "docs-check: /docs renders $(echo $tags | wc -w) tags and $count operations in Chromium${SCREENSHOT:+; screenshot in $SCREENSHOT}"
