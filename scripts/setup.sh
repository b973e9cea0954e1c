#!/usr/bin/env bash
# Installs the Debian packages todo-api builds and runs with (and its hostile suite and schemathesis need: python3,
# python3-venv; scripts/docs-check.sh: chromium), when any is missing. Sourced by run.sh, test.sh and hostile.sh.
REQUIRED_PACKAGES=(pkg-config libyaml-dev libpq-dev libssl-dev postgresql python3 python3-venv chromium)

ensure_packages() {
  local missing=()
  for package in "${REQUIRED_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing missing packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}"
}
