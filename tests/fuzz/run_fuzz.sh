#!/usr/bin/env bash
# Runs the libFuzzer targets of a QS_FUZZ build one after the other and prints, per target, the time run,
# executions per second, coverage (libFuzzer's cov: and ft:) and the inputs that failed.
#
#     tests/fuzz/run_fuzz.sh [BUILD_DIR]        (default build-fuzz)
#
# Environment: FUZZ_SECONDS (per target, default 60), FUZZ_TARGETS (default "model config image npy").
# Inputs: BUILD_DIR/seeds/<target> (tests/fuzz/make_corpus.py); new coverage accumulates in
# BUILD_DIR/corpus/<target>; failing inputs are written to BUILD_DIR/artifacts/<target>/ (those that pass when
# run again move to its handled/ folder), the output of each run to BUILD_DIR/logs/<target>.log. Exit code 1
# when any target found an input that fails.
set -uo pipefail

build=${1:-build-fuzz}
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-model config image npy}
here=$(cd "$(dirname "$0")" && pwd)

max_len_of() {
  case "$1" in
    model) echo 262144 ;;
    config) echo 16384 ;;
    *) echo 65536 ;;
  esac
}

# One libFuzzer statistic ("stat::name: value") of a log, or "-".
final_stat() {
  local value
  value=$(grep -a "^stat::$2:" "$1" | tail -n 1 | awk '{print $2}')
  echo "${value:--}"
}

# A field ("cov:", "ft:") of the last status line of a log, or "-".
status_field() {
  local value
  value=$(grep -a -E '^#[0-9]+' "$1" | grep -a -- " $2 " | tail -n 1 |
    awk -v key="$2" '{for (i = 1; i < NF; ++i) if ($i == key) print $(i + 1)}')
  echo "${value:--}"
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

mkdir -p "$build/logs"
summary=()
failed=0
for target in $targets; do
  binary="$build/tests/fuzz/fuzz_$target"
  if [ ! -x "$binary" ]; then
    echo "run_fuzz: $binary is missing (configure with -DQS_FUZZ=ON and build fuzz_$target)" >&2
    exit 2
  fi
  corpus="$build/corpus/$target"
  seeds="$build/seeds/$target"
  artifacts="$build/artifacts/$target"
  log="$build/logs/$target.log"
  mkdir -p "$corpus" "$seeds" "$artifacts"
  options=(-max_total_time="$seconds" -max_len="$(max_len_of "$target")" -rss_limit_mb=2048 -timeout=25
    -print_final_stats=1 -artifact_prefix="$artifacts/")
  if [ "$target" = config ]; then options+=(-dict="$here/config.dict"); fi
  asan_options=$ASAN_OPTIONS
  # libonnx shape inference runs in a forked child (core/model/shapeinference.h) where an integer division
  # by zero on a malformed model is caught as a warning; in Quantscope's own code UBSan reports it first.
  if [ "$target" = model ]; then
    options+=(-handle_fpe=0)
    asan_options=$asan_options:handle_sigfpe=0
  fi
  echo "run_fuzz: $target for ${seconds}s (log: $log)"
  start=$(date +%s)
  ASAN_OPTIONS=$asan_options "$binary" "${options[@]}" "$corpus" "$seeds" >"$log" 2>&1
  status=$?
  elapsed=$(($(date +%s) - start))
  # Every saved input runs once more: only those that fail again count. (A crash of libonnx shape inference in
  # the forked child that core/model/shapeinference.h isolates leaves an input the parent handled.)
  mkdir -p "$artifacts/handled"
  saved=$(find "$artifacts" -maxdepth 1 -type f | wc -l)
  for input in "$artifacts"/*; do
    [ -f "$input" ] || continue
    if ASAN_OPTIONS=$asan_options timeout 300 "$binary" -rss_limit_mb=2048 -timeout=25 -handle_fpe=0 \
      -artifact_prefix="$artifacts/handled/rerun-" "$input" >/dev/null 2>&1; then
      mv "$input" "$artifacts/handled/"
    fi
  done
  rm -f "$artifacts"/handled/rerun-*
  found=$(find "$artifacts" -maxdepth 1 -type f | wc -l)
  # libFuzzer exits non-zero when it saved an input; a non-zero exit without one means it did not run.
  if [ "$found" -ne 0 ] || { [ "$status" -ne 0 ] && [ "$saved" -eq 0 ]; }; then failed=1; fi
  summary+=("$(printf '%-7s %6ss %10s %8s %8s %8s   %s' "$target" "$elapsed" \
    "$(final_stat "$log" average_exec_per_sec)" "$(status_field "$log" cov:)" "$(status_field "$log" ft:)" \
    "$found" "$([ "$found" -ne 0 ] && echo "see $artifacts" || echo "")")")
done

echo
printf '%-7s %7s %10s %8s %8s %8s\n' target time execs/s cov ft failures
printf '%s\n' "${summary[@]}"
exit "$failed"
