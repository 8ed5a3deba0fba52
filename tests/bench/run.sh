#!/usr/bin/env bash
# Runs every benchmark built under BUILD_DIR/tests/bench and prints their ratios, then the engine benchmark
# against the reference runtime (tests/bench/bench_engine.sh).
set -euo pipefail
build_dir=${1:-build}
status=0
for b in "$build_dir"/tests/bench/bench_*; do
    [ -x "$b" ] || continue
    echo "== $(basename "$b")"
    "$b" || status=1
done
echo "== engine (ours vs reference runtime)"
bash "$(dirname "${BASH_SOURCE[0]}")/bench_engine.sh" "$build_dir" || status=1
exit $status
