#!/usr/bin/env bash
# Engine benchmark: quantscope-cli bench against the reference runtime (tests/runtime_ref/ortrun.js bench) on the
# same machine, batch 1, with 1 and 2 threads. Prints min and median latency of each, the ratio ours/reference
# (on min latency) and the peak RSS of each process.
#
# usage: bench_engine.sh BUILD_DIR [ITERATIONS]
# environment: BENCH_MODELS (default "resnet18 mobilenet_v2 efficientnet_b0 demo"), BENCH_THREADS (default "1 2")
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build_dir=$(cd "${1:-build}" && pwd)
iterations=${2:-30}
models=${BENCH_MODELS:-"resnet18 mobilenet_v2 efficientnet_b0 demo"}
threads_list=${BENCH_THREADS:-"1 2"}
cli="$build_dir/app/cli/quantscope-cli"
ortrun="$root/tests/runtime_ref/ortrun.js"
fixtures="$build_dir/fixtures/torchvision"

if [ ! -x "$cli" ]; then
    echo "bench_engine: $cli is not built" >&2
    exit 1
fi
if ! (cd "$root/tests/runtime_ref" && node -e "require('onnxruntime-node')" >/dev/null 2>&1); then
    echo "bench_engine: the reference runtime is missing; run packaging/install-node-deps.sh" >&2
    exit 1
fi

needed=()
for m in $models; do
    [ "$m" = demo ] || [ -f "$fixtures/$m.onnx" ] || needed+=("$m")
done
if [ ${#needed[@]} -gt 0 ]; then
    models_csv=$(IFS=,; echo "${needed[*]}")
    /usr/bin/python3 "$root/tests/fixtures/make_torchvision.py" --out "$fixtures" --models "$models_csv"
fi

json_field() {  # json_field FIELD < json
    /usr/bin/python3 -c "import json,sys; print('%.3f' % json.load(sys.stdin)['$1'])"
}

# Runs a command under /usr/bin/time, leaving its stdout in $out_json and its peak RSS (MB) in $out_rss.
measure() {
    local time_file
    time_file=$(mktemp)
    out_json=$(/usr/bin/time -f "%M" -o "$time_file" "$@")
    out_rss=$(awk 'END { printf "%.0f", $1 / 1024 }' "$time_file")
    rm -f "$time_file"
}

printf "%-16s %3s  %10s %10s  %10s %10s  %6s  %8s %8s\n" model thr "ours min" "ours med" "ref min" "ref med" \
    ratio "ours MB" "ref MB"
for m in $models; do
    if [ "$m" = demo ]; then
        model="$root/resources/demo/model.onnx"
        shape="input=1,1,28,28"
    else
        model="$fixtures/$m.onnx"
        shape="input=1,3,224,224"
    fi
    for t in $threads_list; do
        measure "$cli" bench "$model" --threads "$t" --iterations "$iterations" --input-shape "$shape" --json
        ours_min=$(json_field min_ms <<<"$out_json")
        ours_med=$(json_field median_ms <<<"$out_json")
        ours_rss=$out_rss
        measure node "$ortrun" bench "$model" --threads "$t" --iterations "$iterations" --input-shape "$shape"
        ref_min=$(json_field min_ms <<<"$out_json")
        ref_med=$(json_field median_ms <<<"$out_json")
        ref_rss=$out_rss
        ratio=$(awk -v a="$ours_min" -v b="$ref_min" 'BEGIN { printf "%.2f", a / b }')
        printf "%-16s %3s  %10s %10s  %10s %10s  %6s  %8s %8s\n" "$m" "$t" "$ours_min" "$ours_med" "$ref_min" \
            "$ref_med" "$ratio" "$ours_rss" "$ref_rss"
    done
done
echo "latencies in ms (batch 1, $iterations runs after one warm-up); ratio = ours min / reference min;"
echo "MB = peak RSS of the whole process (the reference runs inside node)"
