#!/usr/bin/env bash
# The hostile suite (issue 7) in one command: hostile input, slow clients, login storms and faults against a
# real server over loopback. Starts its own PostgreSQL (as the postgres user when run as root) and servers,
# stops them all at exit, prints one line per case and a table; exits non-zero when any case fails.
#   scripts/hostile.sh                  # the whole suite
#   scripts/hostile.sh --quick          # shorter long runs, the same code (CI)
#   scripts/hostile.sh --only 'ledger|tokens'   # cases whose area.name matches
#   scripts/hostile.sh --list
# TODO_API_BIN names the server binary (default .build/debug/todo-api); this script does not build it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_packages

export TODO_API_BIN="${TODO_API_BIN:-$PWD/.build/debug/todo-api}"
if [[ " $* " != *" --list "* && ! -x "$TODO_API_BIN" ]]; then
  echo "hostile.sh: no server binary at $TODO_API_BIN: build it first (swift build --product todo-api) or set TODO_API_BIN" >&2
  exit 2
fi
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "hostile.sh: needs Python 3.11 or newer" >&2; exit 2; }
export PYTHONDONTWRITEBYTECODE=1
exec python3 Tests/hostile/main.py "$@"
