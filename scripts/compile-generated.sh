#!/usr/bin/env bash
# Compiles the generator's output for OpenAPI documents against the already-built APIRuntime, the way the
# TodoAPI target compiles it, and prints the debug compile time of each. Usage:
#   scripts/compile-generated.sh SPEC...        (needs a prior `swift build`; generates into a temp dir)
#   scripts/compile-generated.sh DIR...         (a directory of already generated Swift: compiled as it is)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product openapi-gen >/dev/null 2>&1
BIN=$(swift build --show-bin-path)
GEN="$BIN/openapi-gen"
[ -x "$GEN" ] || { echo "error: $GEN not built; run swift build first" >&2; exit 1; }
FLAGS=(-I "$BIN/Modules" -swift-version 6 -parse-as-library -Onone -g -j2 -enable-batch-mode)
for m in "$BIN"/*.build/module.modulemap; do FLAGS+=(-Xcc "-fmodule-map-file=$m"); done
for m in .build/checkouts/*/Sources/*/include/module.modulemap; do
  FLAGS+=(-Xcc "-fmodule-map-file=$PWD/$m" -Xcc -I -Xcc "$PWD/$(dirname "$m")")
done
status=0
for spec in "$@"; do
  name=$(basename "$spec" .yaml)
  out=$(mktemp -d)
  if [ -d "$spec" ]; then
    # Already generated (say, by an older openapi-gen, to compare compile times in one run).
    cp -r "$spec" "$out/src"
  else
    "$GEN" generate "$spec" --output "$out/src" 2>"$out/diagnostics.txt" || { echo "$name: generation failed"; cat "$out/diagnostics.txt"; status=1; continue; }
  fi
  mkdir -p "$out/obj"
  start=$(date +%s%N)
  if (cd "$out/obj" && /usr/bin/time -f "%M" -o "$out/mem" swiftc "${FLAGS[@]}" -module-cache-path "$out/mc" -module-name "Corpus_${name//-/_}" -c "$out"/src/*.swift >"$out/log" 2>&1); then
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    printf '%s: compiled in %d.%01d s, peak %d MB, %d lines\n' "$name" $((ms / 1000)) $((ms % 1000 / 100)) "$(( $(cat "$out/mem") / 1024 ))" "$(cat "$out"/src/*.swift | wc -l)"
  else
    echo "$name: COMPILE FAILED"; grep -E "error:" "$out/log" | head -20; status=1
  fi
  rm -rf "$out"
done
exit $status
