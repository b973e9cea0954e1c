#!/usr/bin/env bash
# Differential test of the generated validating decoders against openapi-schema-validator: Tests/differential/cases.py
# writes instances of every component schema of openapi.yaml and Tests/GeneratedBehaviourTests/behaviour.yaml
# (hypothesis-jsonschema draws and boundary mutations, a fixed seed), each labelled with the reference's verdict;
# then DifferentialTests (in GeneratedBehaviourTests) runs each through the generated decoder of its schema and fails
# on any disagreement its allow-list does not explain. Prints the counts; exits non-zero on failure.
#
#   scripts/differential.sh                 # builds the tests first (swift build --build-tests)
#   scripts/differential.sh --skip-build    # after a build, as scripts/test.sh runs it
#
# Environment knobs:
#   DIFFERENTIAL_SEED      hypothesis seed (default 20260707)
#   DIFFERENTIAL_EXAMPLES  hypothesis examples per schema (default 60)
#   DIFFERENTIAL_VENV      virtualenv to create or reuse (default ${XDG_CACHE_HOME:-$HOME/.cache}/todo-api/differential-venv)
#   DIFFERENTIAL_KEEP      when set, a directory where the cases file is kept
set -euo pipefail
cd "$(dirname "$0")/.."

# hypothesis 6.170.9 is the last release whose internals hypothesis-jsonschema 0.23.1 still calls (`many.more()`).
PINS=(hypothesis==6.170.9 hypothesis-jsonschema==0.23.1 openapi-schema-validator==0.9.0 jsonschema==4.26.0
  rfc3339-validator==0.1.4 PyYAML==6.0.3)
VENV=${DIFFERENTIAL_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/todo-api/differential-venv}
BUILD=1
case "${1:-}" in
  --skip-build) BUILD=0 ;;
  "") ;;
  *) echo "usage: $0 [--skip-build]" >&2; exit 2 ;;
esac

# --- the reference and the generator of cases, pinned, in their own virtualenv ----------------------------------
command -v python3 >/dev/null || { echo "python3 is missing: apt-get install python3 python3-venv" >&2; exit 1; }
if [ ! -x "$VENV/bin/python" ]; then
  mkdir -p "$(dirname "$VENV")"
  python3 -m venv "$VENV" >/dev/null || { rm -rf "$VENV"; echo "cannot create a virtualenv: apt-get install python3-venv" >&2; exit 1; }
fi
installed=$("$VENV/bin/python" -m pip freeze --disable-pip-version-check 2>/dev/null | tr 'A-Z_' 'a-z-' || true)
for pin in "${PINS[@]}"; do
  if ! grep -qx "$(echo "$pin" | tr 'A-Z_' 'a-z-')" <<<"$installed"; then
    echo "installing ${PINS[*]} into $VENV" >&2
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${PINS[@]}"
    break
  fi
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/todo-api-differential.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
start=$(date +%s)
"$VENV/bin/python" Tests/differential/cases.py --out "$WORK/cases.json" \
  --seed "${DIFFERENTIAL_SEED:-20260707}" --examples "${DIFFERENTIAL_EXAMPLES:-60}"
if [ -n "${DIFFERENTIAL_KEEP:-}" ]; then
  mkdir -p "$DIFFERENTIAL_KEEP" && cp "$WORK/cases.json" "$DIFFERENTIAL_KEEP/"
fi
generated=$(date +%s)

[ "$BUILD" -eq 0 ] || swift build --build-tests
status=0
DIFFERENTIAL_CASES="$WORK/cases.json" swift test --skip-build --filter 'GeneratedBehaviourTests.DifferentialTests' || status=$?
echo "differential: cases generated in $((generated - start))s, whole run $(($(date +%s) - start))s" >&2
exit $status
