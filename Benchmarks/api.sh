#!/usr/bin/env bash
# The serving benchmark in one command: builds release, starts a private PostgreSQL and the server on
# loopback, drives wrk at every endpoint (32 and 64 connections) and pgbench at the same SQL, and prints
# requests/s, p50, p99, errors, CPU, peak RSS and each endpoint's ratio to pgbench. Stops what it started.
#   Benchmarks/api.sh                       # ~6 minutes after the build
#   BENCH_SECONDS=5 BENCH_SOAK_SECONDS=60 Benchmarks/api.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_packages
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
command -v pgbench >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-contrib; }
swift build -c release --product todo-api >&2
export BENCH_BIN="$(swift build -c release --show-bin-path)/todo-api"
exec python3 Benchmarks/api.py
