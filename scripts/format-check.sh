#!/usr/bin/env bash
# The house style of the hand-written Swift (.swift-format at the root: 4-space indents, lines up to 150): every
# finding of `swift format lint --strict` fails. Generated code (Generated/ directories) is the generator's to
# shape and is left out. Fix in place with: scripts/format-check.sh --fix
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find Sources Plugins Tests Benchmarks -name '*.swift' -not -path '*/Generated/*' | sort; echo Package.swift)
if [ "${1:-}" = "--fix" ]; then
  swift format format --in-place "${files[@]}"
fi
if swift format lint --strict "${files[@]}"; then
  echo "swift format lint: ${#files[@]} files clean"
else
  echo "swift format lint found the above; scripts/format-check.sh --fix rewrites them" >&2
  exit 1
fi
