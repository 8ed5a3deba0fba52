#!/usr/bin/env bash
# The short sanitizer pass CI runs after `make test`: the fuzz regression corpus and the core and CLI tests
# that need no generated fixture, in a build with AddressSanitizer and UndefinedBehaviorSanitizer
# (configured by `make test-sanitize`). Any sanitizer report fails the test that triggered it, so the pass
# fails as a whole.
#
#     tests/sanitize/run_sanitize.sh [BUILD_DIR]        (default build-sanitize)
#
# Left out: the tests on the torchvision exports and the ONNX Runtime parity checks (they need generated
# fixtures and take most of the full suite's time; `make test-asan` runs everything).
set -euo pipefail

build=${1:-build-sanitize}
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
# Leaks are not failures here: the process-wide caches of the engine live until exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}

failed=()
run() {
  local name=$1
  shift
  local start=$SECONDS
  echo "== $name"
  if "$@"; then
    echo "== $name: passed in $((SECONDS - start)) s"
  else
    echo "== $name: FAILED after $((SECONDS - start)) s"
    failed+=("$name")
  fi
}

for target in model config image npy; do
  run "fuzz regressions: $target" "$build/tests/fuzz/replay_$target" \
    "$source_dir/tests/fuzz/regressions/$target" "$source_dir/tests/fuzz/regressions/seeds/$target"
done
# Catch2 v2: "~[tag]" excludes; names joined with "," are alternatives, so exclusions are written as one
# space-separated filter.
run "core tests" "$build/tests/core/test_core" "~[.] ~[torchvision] ~[sweep]"
run "CLI tests" "$build/tests/cli/test_cli" "~[.] ~[torchvision]"

if ((${#failed[@]})); then
  printf 'sanitizer pass: failed: %s\n' "${failed[@]}"
  exit 1
fi
echo "sanitizer pass: all passed"
