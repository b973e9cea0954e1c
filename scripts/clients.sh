#!/usr/bin/env bash
# The published contract from the frontend's side (issue 8): type-checks Generated/typescript/ with `tsc --strict`
# (and the compile-time checks in Tests/clients/narrowing.ts), compiles it to JS, starts a todo-api on a free port
# against TEST_DATABASE_URL, then runs the same flow through the compiled client in Node 20 and in headless
# Chromium from a page on http://localhost:3000 (real CORS; a page on a port the server does not allow must be
# refused), and through a Python client openapi-python-client generates from the spec the server serves. Also
# compiles the behaviour fixture's client and reads what it sends for multipart and deepObject back with Node's
# parsers (Tests/clients/encoding.mjs). Prints one line per check and a summary; exits non-zero on any failure.
#   TEST_DATABASE_URL='host=/tmp/pg dbname=postgres user=todo' TODO_API_BIN=.build/debug/todo-api scripts/clients.sh
# Environment: CLIENTS_VENV (default ${XDG_CACHE_HOME:-$HOME/.cache}/todo-api/clients-venv), PAGE_PORT (3000).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_packages

OPENAPI_PYTHON_CLIENT_VERSION=0.29.1
RUFF_VERSION=0.17.5
: "${TEST_DATABASE_URL:?set TEST_DATABASE_URL to a libpq conninfo of a test database}"
TODO_API_BIN=${TODO_API_BIN:-$PWD/.build/debug/todo-api}
[ -x "$TODO_API_BIN" ] || { echo "clients.sh: no server binary at $TODO_API_BIN: swift build --product todo-api, or set TODO_API_BIN" >&2; exit 2; }
VENV=${CLIENTS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/todo-api/clients-venv}

WORK=$(mktemp -d /tmp/todo-api-clients.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

passed=0
failed=0
record() { # record NAME STATUS [DETAIL]
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "PASS $1"; else failed=$((failed + 1)); echo "FAIL $1${3:+ -- $3}"; fi
}
# Counts the PASS/FAIL lines a sub-run printed (it prints them itself).
tally() { # tally FILE
  passed=$((passed + $(grep -c '^PASS ' "$1" || true)))
  failed=$((failed + $(grep -c '^FAIL ' "$1" || true)))
}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port_is_free() { python3 -c 'import socket, sys; s = socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null; }
wait_http() { # wait_http URL SECONDS
  python3 - "$1" "$2" <<'PY'
import sys, time, urllib.request
deadline = time.monotonic() + float(sys.argv[2])
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(sys.argv[1], timeout=1) as response:
            sys.exit(0 if response.status == 200 else 1)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
}

# --- TypeScript: type-check and compile -----------------------------------------------------------------------
TSC_FLAGS=(--strict --target ES2020 --module ES2020)
mkdir -p "$WORK/ts"
cp Generated/typescript/*.ts Tests/clients/narrowing.ts "$WORK/ts/"
status=0; out=$(tsc "${TSC_FLAGS[@]}" --noEmit Generated/typescript/*.ts 2>&1) || status=$?
record "tsc --strict --noEmit Generated/typescript/ (TypeScript $(tsc --version | cut -d' ' -f2))" $status "$out"
status=0; out=$(tsc "${TSC_FLAGS[@]}" --lib es2020 --noEmit Generated/typescript/*.ts 2>&1) || status=$?
record "tsc --strict with lib es2020 only (no DOM types needed)" $status "$out"
status=0; out=$(cd "$WORK/ts" && tsc "${TSC_FLAGS[@]}" --noEmit ./*.ts 2>&1) || status=$?
record "compile-time narrowing checks (Tests/clients/narrowing.ts, 7 expected errors)" $status "$out"
status=0; out=$(tsc "${TSC_FLAGS[@]}" --outDir "$WORK/js" Generated/typescript/*.ts 2>&1) || status=$?
record "tsc compiles Generated/typescript/ to ES2020 JS" $status "$out"
[ -f "$WORK/js/index.js" ] || { echo "no compiled client; stopping"; exit 1; }
# The behaviour fixture's client: multipart/form-data and deepObject, as Node's own parsers read them back.
OPENAPI_GEN_BIN=${OPENAPI_GEN_BIN:-$(dirname "$TODO_API_BIN")/openapi-gen}
status=0; out=$("$OPENAPI_GEN_BIN" typescript Tests/GeneratedBehaviourTests/behaviour.yaml --output "$WORK/fixture-ts" 2>&1 \
  && tsc "${TSC_FLAGS[@]}" --lib es2020 --noEmit "$WORK"/fixture-ts/*.ts 2>&1 \
  && tsc "${TSC_FLAGS[@]}" --outDir "$WORK/fixture-js" "$WORK"/fixture-ts/*.ts 2>&1) || status=$?
record "the behaviour fixture's client (multipart, deepObject) type-checks under lib es2020 and compiles" $status "$out"
if [ $status -eq 0 ]; then
  status=0; node Tests/clients/encoding.mjs "$WORK/fixture-js" >"$WORK/encoding.out" 2>&1 || status=$?
  cat "$WORK/encoding.out"; tally "$WORK/encoding.out"
  [ $status -eq 0 ] || grep -q '^FAIL ' "$WORK/encoding.out" || record "node encoding" $status "exited $status: $(tail -n 3 "$WORK/encoding.out")"
fi

# --- the server under test ------------------------------------------------------------------------------------
PAGE_PORT=${PAGE_PORT:-3000}
port_is_free "$PAGE_PORT" || { echo "note: port $PAGE_PORT is busy; the page is served from a free port instead"; PAGE_PORT=$(free_port); }
DENIED_PORT=3001
port_is_free "$DENIED_PORT" && [ "$DENIED_PORT" != "$PAGE_PORT" ] || DENIED_PORT=$(free_port)
API_PORT=$(free_port)
API="http://127.0.0.1:$API_PORT"
DATABASE_URL="$TEST_DATABASE_URL" JWT_SECRET="clients-$(python3 -c 'import secrets; print(secrets.token_hex(24))')" \
  HOST=127.0.0.1 PORT="$API_PORT" CORS_ORIGINS="http://localhost:3000,http://localhost:$PAGE_PORT" LOG_LEVEL=warning \
  "$TODO_API_BIN" serve >"$WORK/server.log" 2>&1 &
PIDS+=($!)
status=0; wait_http "$API/health" 30 || status=$?
record "todo-api answers /health on port $API_PORT" $status "$(tail -n 5 "$WORK/server.log")"
[ $status -eq 0 ] || exit 1

# --- Node 20 --------------------------------------------------------------------------------------------------
status=0; node Tests/clients/flow.mjs "$WORK/js" "$API" >"$WORK/node.out" 2>&1 || status=$?
cat "$WORK/node.out"; tally "$WORK/node.out"
[ $status -eq 0 ] || grep -q '^FAIL ' "$WORK/node.out" || record "node flow" $status "exited $status: $(tail -n 3 "$WORK/node.out")"

# --- headless Chromium, real CORS -----------------------------------------------------------------------------
mkdir -p "$WORK/site/client"
cp Tests/clients/browser/index.html Tests/clients/browser/page.mjs Tests/clients/flow-steps.mjs "$WORK/site/"
cp "$WORK/js/"*.js "$WORK/site/client/"
node Tests/clients/serve.mjs "$WORK/site" "$PAGE_PORT" "$DENIED_PORT" >"$WORK/serve.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$PAGE_PORT/index.html" 10 || { record "static server for the page" 1 "$(cat "$WORK/serve.log")"; exit 1; }
chrome() { # chrome URL: the page's DOM after its scripts ran
  timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$WORK/chrome-$RANDOM" --virtual-time-budget=30000 --dump-dom "$1" 2>>"$WORK/chrome.log"
}
dom=$(chrome "http://localhost:$PAGE_PORT/index.html?api=$API" || true)
result=$(python3 -c 'import html, re, sys; m = re.search(r"<pre id=\"result\"[^>]*>(.*?)</pre>", sys.stdin.read(), re.S); print(html.unescape(m.group(1)) if m else "FAIL browser: no result element in the page")' <<<"$dom")
echo "$result" | grep -E '^(PASS|FAIL) ' >"$WORK/browser.out" || true
cat "$WORK/browser.out"; tally "$WORK/browser.out"
grep -q '^DONE OK$' <<<"$result" || grep -q '^FAIL ' "$WORK/browser.out" \
  || record "browser flow on http://localhost:$PAGE_PORT" 1 "the page did not finish: $(head -c 300 <<<"$result")"
dom=$(chrome "http://localhost:$DENIED_PORT/index.html?probe=1&api=$API" || true)
status=1; grep -q 'REFUSED' <<<"$dom" && status=0
record "a page on http://localhost:$DENIED_PORT (not an allowed origin) is refused by the browser" $status \
  "$(grep -o '<pre id="result"[^<]*' <<<"$dom" | head -c 300)"

# --- openapi-python-client, from the spec the server serves ---------------------------------------------------
if [ ! -x "$VENV/bin/python" ]; then
  mkdir -p "$(dirname "$VENV")"
  python3 -m venv "$VENV" >/dev/null || { rm -rf "$VENV"; echo "cannot create a virtualenv: apt-get install python3-venv" >&2; exit 1; }
fi
if [ "$("$VENV/bin/python" -m pip show openapi-python-client 2>/dev/null | sed -n 's/^Version: //p')" != "$OPENAPI_PYTHON_CLIENT_VERSION" ] \
   || [ "$("$VENV/bin/ruff" --version 2>/dev/null)" != "ruff $RUFF_VERSION" ]; then
  echo "installing openapi-python-client $OPENAPI_PYTHON_CLIENT_VERSION and ruff $RUFF_VERSION into $VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "openapi-python-client==$OPENAPI_PYTHON_CLIENT_VERSION" "ruff==$RUFF_VERSION"
fi
python3 -c 'import sys, urllib.request; open(sys.argv[2], "wb").write(urllib.request.urlopen(sys.argv[1], timeout=10).read())' \
  "$API/openapi.yaml" "$WORK/served.yaml"
status=0
(cd "$WORK" && PATH="$VENV/bin:$PATH" openapi-python-client generate --path served.yaml --output-path pyclient >generate.log 2>&1) || status=$?
record "openapi-python-client generates a client from GET /openapi.yaml" $status "$(tail -n 20 "$WORK/generate.log")"
if grep -qiE 'warning|error' "$WORK/generate.log"; then
  echo "openapi-python-client said:"; sed 's/^/    /' "$WORK/generate.log"
fi
if [ $status -eq 0 ]; then
  # openapi-python-client 0.29.1 (the newest) annotates a required body offered in several media types (login:
  # JSON and form) as `... | Unset = UNSET` without importing `Unset`, so the module fails to import: its issue
  # #1451, fixed by the open pull request #1478. Until a release has the fix, add the import, and say so.
  patched=$(grep -rlE '\| Unset = UNSET' "$WORK/pyclient" --include='*.py' | xargs -r grep -L '^from \.*types import .*\bUnset\b' || true)
  for file in $patched; do
    sed -i 's/^from \.\.\.types import \(.*\)$/from ...types import \1, Unset/' "$file"
  done
  [ -z "$patched" ] || echo "note: worked around openapi-python-client#1451 (missing 'Unset' import) in: $(cd "$WORK/pyclient" && echo ${patched//$WORK\/pyclient\//})"
  status=0; out=$("$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall "$WORK/pyclient" 2>&1) || status=$?
  record "the generated Python client installs into $VENV" $status "$out"
  status=0; "$VENV/bin/python" Tests/clients/python_flow.py "$API" >"$WORK/python.out" 2>&1 || status=$?
  cat "$WORK/python.out"; tally "$WORK/python.out"
  [ $status -eq 0 ] || grep -q '^FAIL ' "$WORK/python.out" || record "python flow" $status "exited $status: $(tail -n 5 "$WORK/python.out")"
fi

echo "clients: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
