#!/usr/bin/env bash
# Installs the browser test's npm tools (tests/browser/package.json: axe-core) into
# BUILD_DIR/test-tools, from the npm registry, exactly as package-lock.json pins them. Node.js and
# npm come with the machine; when they are missing, Debian's packages are installed.
# Usage: scripts/install-test-tools.sh BUILD_DIR
set -euo pipefail

build_dir=${1:?usage: $0 BUILD_DIR}
source_dir=$(cd "$(dirname "$0")/.." && pwd)
tools="$build_dir/test-tools"

if ! command -v npm >/dev/null; then
  sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends nodejs npm
fi

mkdir -p "$tools"
if ! cmp -s "$source_dir/tests/browser/package-lock.json" "$tools/package-lock.json" ||
   [[ ! -f "$tools/node_modules/axe-core/axe.min.js" ]]; then
  cp "$source_dir/tests/browser/package.json" "$source_dir/tests/browser/package-lock.json" "$tools/"
  (cd "$tools" && npm ci --no-audit --no-fund --silent)
fi
