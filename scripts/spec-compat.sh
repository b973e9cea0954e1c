#!/usr/bin/env bash
# Breaking-change gate: compares openapi.yaml with the spec of the previous commit (git show HEAD~1:openapi.yaml)
# using `openapi-gen diff`, and fails when a change breaks existing clients, unless info.version's major number
# went up (1.4.0 -> 2.0.0 announces it). Passes, saying why in one line, when there is nothing to compare with:
# no previous commit, no spec in it, or a shallow clone.
# Usage: scripts/spec-compat.sh [BASE_REVISION]   (default HEAD~1)
# Exit: 0 compatible (or announced), 1 breaking, 2 a spec does not read.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:-HEAD~1}
git() { command git -c safe.directory="$PWD" "$@"; }

if [ "$(git rev-parse --is-shallow-repository 2>/dev/null || echo none)" = true ]; then
  echo "spec-compat: shallow clone, the previous spec is not here; skipped"
  exit 0
fi
if ! git rev-parse --verify --quiet "$BASE^{commit}" >/dev/null; then
  echo "spec-compat: no commit $BASE to compare with; skipped"
  exit 0
fi
WORK=$(mktemp -d /tmp/spec-compat.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
if ! git show "$BASE:openapi.yaml" >"$WORK/openapi.yaml" 2>/dev/null; then
  echo "spec-compat: $BASE has no openapi.yaml; skipped"
  exit 0
fi

GEN="$(swift build --show-bin-path)/openapi-gen"
[ -x "$GEN" ] || swift build --product openapi-gen >/dev/null
"$GEN" diff --allow-breaking-on-major-bump --old-name "$BASE:openapi.yaml" "$WORK/openapi.yaml" openapi.yaml
