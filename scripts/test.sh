#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine: installs what is missing, starts a private PostgreSQL (as the
# postgres user when run as root), builds, checks the spec for breaking changes since the previous commit, compiles
# the generator's output for the public corpus specs, runs every Swift test over real HTTP and SQL, the differential test
# of the generated validation against openapi-schema-validator (scripts/differential.sh), checks /docs in
# headless Chromium, runs the generated clients against a live server (scripts/clients.sh: TypeScript in Node and
# headless Chromium, openapi-python-client), the cluster's failover ledger and rolling restart (Tests/cluster/check.py),
# then the hostile suite (scripts/hostile.sh --quick, schemathesis included).
# Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_packages

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
WORK=$(mktemp -d /tmp/todo-api-test.XXXXXX)
chmod 755 "$WORK"
RUNAS=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$WORK"
  RUNAS=(runuser -u postgres --)
fi
cleanup() {
  # Servers and embedded clusters a failed test may have left behind.
  pkill -TERM -f "todo-api-embedded-|$WORK" 2>/dev/null || true
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$WORK/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
"${RUNAS[@]}" "$PGBIN/initdb" -D "$WORK/data" -U todo --auth=trust --no-locale -E UTF8 >/dev/null
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$WORK/data" -l "$WORK/data/server.log" -w -t 60 \
  -o "-c listen_addresses='' -c unix_socket_directories='$WORK' -c max_connections=300 -c fsync=off" start >/dev/null
export TEST_DATABASE_URL="host=$WORK dbname=postgres user=todo"
echo "PostgreSQL for the tests: $TEST_DATABASE_URL"

swift build --build-tests
export TODO_API_BIN="$(swift build --show-bin-path)/todo-api"

status=0
# The house style of the hand-written Swift (.swift-format).
scripts/format-check.sh || status=1
# Breaking changes to the contract since the previous commit (allowed when info.version's major number went up).
scripts/spec-compat.sh || status=1
if [ -d ../shared/openapi-corpus ]; then
  echo "Compiling the generated code of the corpus specs (debug):"
  scripts/compile-generated.sh ../shared/openapi-corpus/0[1-7]*.yaml ../shared/openapi-corpus/09-*.yaml || status=1
else
  echo "skipping the corpus compile: ../shared/openapi-corpus is not beside this checkout"
fi
# Two runs: the generator's tests are seconds of synchronous CPU work each, and Swift Testing runs every test on
# one shared pool of threads (two here), which would starve the timing-sensitive tests of the data path.
swift test --skip-build --filter 'OpenAPIGeneratorTests|OpenAPIDiffTests' || status=1
swift test --skip-build --skip 'OpenAPIGeneratorTests|OpenAPIDiffTests' || status=1
# The generated validating decoders against a reference validator (openapi-schema-validator), on hypothesis-drawn and
# boundary-mutated instances of every component schema (scripts/differential.sh).
scripts/differential.sh --skip-build || status=1
# GET /docs in headless Chromium; the screenshot goes to the scratch directory, not over docs/docs-page.png.
scripts/docs-check.sh --screenshot "$WORK/docs-page.png" || status=1
# The published contract from the frontend's side: Generated/typescript/ type-checked and run in Node and Chromium,
# and a Python client generated from the spec the server serves.
scripts/clients.sh || status=1
# Beyond one server (scripts/cluster.sh: a primary and a synchronous standby, HAProxy, two instances): the failover
# ledger with the database reached through HAProxy, through a multi-host DATABASE_URL and through PgBouncer in
# transaction pooling, a rolling restart of both instances, and Ctrl-C stopping all of it - shorter runs than the
# README's, same code.
for db in haproxy direct pgbouncer; do
  CLUSTER_DB=$db python3 Tests/cluster/check.py failover --seconds "${CLUSTER_SECONDS:-8}" || status=1
done
python3 Tests/cluster/check.py rolling --seconds "${CLUSTER_SECONDS:-8}" || status=1
python3 Tests/cluster/check.py interrupt || status=1
# The hostile suite over real HTTP: hostile input, slow clients, login storms, the ledger under faults, and
# schemathesis (every check, 100 examples per operation, stateful phases, a fixed seed) - shorter runs, same code.
SCHEMATHESIS_EXAMPLES=${SCHEMATHESIS_EXAMPLES:-100} scripts/hostile.sh --quick || status=1
exit $status
