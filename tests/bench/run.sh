#!/usr/bin/env bash
# Runs every benchmark built under BUILD_DIR/tests/bench and prints their ratios.
set -euo pipefail
build_dir=${1:-build}
status=0
for b in "$build_dir"/tests/bench/bench_*; do
    [ -x "$b" ] || continue
    echo "== $(basename "$b")"
    "$b" || status=1
done
exit $status
