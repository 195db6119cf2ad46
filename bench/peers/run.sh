#!/usr/bin/env bash
# Side-by-side peer benchmarks, in one run: Vekha's rule conditions (Google Benchmark) against
# json-rules-engine (npm) on the same synthetic tasks and equivalent rules. Needs the npm registry
# the first time; never used by the build or the tests.
# Usage: bench/peers/run.sh [build-dir]   (default build/, after `make bench`)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../../build}"
peer="$here/json-rules-engine"
[[ -d "$peer/node_modules/json-rules-engine" ]] || (cd "$peer" && npm install --no-audit --no-fund --silent)
vekha=$("$build/bench/vekha_bench" --benchmark_filter='BM_EvaluateConditions|BM_HandWrittenChain' \
          --benchmark_format=json | python3 -c '
import json, sys
runs = {b["name"]: b["checks_per_second"] for b in json.load(sys.stdin)["benchmarks"]}
print(runs["BM_EvaluateConditions"], runs["BM_HandWrittenChain"])')
read -r ours chain <<<"$vekha"
theirs=$(cd "$peer" && node bench.js 1000000 | python3 -c 'import json, sys; print(json.load(sys.stdin)["checks_per_second"])')
python3 - "$ours" "$chain" "$theirs" <<'PY'
import sys
ours, chain, theirs = map(float, sys.argv[1:])
print(f"vekha conditions:       {ours/1e6:10.1f} M checks/s")
print(f"hand-written C++ chain: {chain/1e6:10.1f} M checks/s  (vekha at 1/{chain/ours:.1f} of it)")
print(f"json-rules-engine:      {theirs/1e6:10.3f} M checks/s  (vekha {ours/theirs:,.0f}x faster)")
PY
