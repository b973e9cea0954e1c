#!/usr/bin/env bash
# Runs the server on a fresh Debian machine: installs what is missing, builds in release mode and serves on
# port 8000. Without DATABASE_URL it runs an embedded PostgreSQL under ./.todo-data. Arguments go to `serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_packages
swift build -c release --product todo-api
exec "$(swift build -c release --show-bin-path)/todo-api" serve "$@"
