#!/usr/bin/env bash
# Generator figures: generation time and peak memory (release build) for the large corpus specs, and the debug
# compile time of the generated code for 09-spotify and 10-discourse. Prints a Markdown table.
#   Benchmarks/generator.sh            (needs ../shared/openapi-corpus beside the checkout)
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=../shared/openapi-corpus
[ -d "$CORPUS" ] || { echo "error: $CORPUS not found" >&2; exit 1; }
swift build -c release --product openapi-gen >/dev/null 2>&1
GEN="$(swift build -c release --show-bin-path)/openapi-gen"
echo "| spec | bytes | generate (s, best of 3) | peak memory (MB) | generated lines | warnings | errors |"
echo "|---|---|---|---|---|---|---|"
for spec in "$CORPUS"/*.yaml; do
  name=$(basename "$spec" .yaml)
  out=$(mktemp -d)
  best=""
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$out/time" "$GEN" generate "$spec" --output "$out/src" 2>"$out/diag" || true
    read -r seconds kb < "$out/time"
    if [ -z "$best" ] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; mem=$((kb / 1024)); fi
  done
  lines=$(cat "$out"/src/*.swift 2>/dev/null | wc -l)
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$(stat -c %s "$spec")" "$best" "$mem" "$lines" \
    "$(grep -c ': warning:' "$out/diag" || true)" "$(grep -c ': error:' "$out/diag" || true)"
  rm -rf "$out"
done
echo
echo "Debug compile of the generated code (swiftc -Onone -g, 2 jobs, against the built APIRuntime):"
swift build --target APIRuntime >/dev/null 2>&1
scripts/compile-generated.sh "$CORPUS/09-spotify.yaml" "$CORPUS/10-discourse.yaml" || true
