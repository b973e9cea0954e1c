#!/usr/bin/env bash
# Throughput through the cluster's load balancer in one command: builds release, starts scripts/cluster.sh, and
# measures list and create with 1 and 2 instances, with and without the synchronous standby (Benchmarks/cluster.py).
#   Benchmarks/cluster.sh                              # ~2 minutes after the build
#   BENCH_SECONDS=5 BENCH_CONNECTIONS=64 Benchmarks/cluster.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_packages
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
swift build -c release --product todo-api >&2
export TODO_API_BIN="$(swift build -c release --show-bin-path)/todo-api"
exec python3 Benchmarks/cluster.py
