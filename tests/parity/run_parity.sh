#!/usr/bin/env bash
# Runs one model with seeded random inputs through quantscope-cli and through the reference runtime and checks
# every output: max |ours - reference| <= RTOL * max |reference| + ATOL. Prints the error of every output.
#
# usage: run_parity.sh CLI NODE ORTRUN_JS WORK_DIR MODEL INPUT_NAME=d0,d1,... [INPUT_NAME=... ...]
# environment: PARITY_RTOL (default 1e-4), PARITY_ATOL (default 1e-5), PARITY_SEED (default 20240607)
set -euo pipefail

if [ $# -lt 6 ]; then
    echo "usage: $0 CLI NODE ORTRUN_JS WORK_DIR MODEL INPUT_NAME=d0,d1,... ..." >&2
    exit 2
fi
cli=$1 node=$2 ortrun=$3 work=$4 model=$5
shift 5
rtol=${PARITY_RTOL:-1e-4}
atol=${PARITY_ATOL:-1e-5}
seed=${PARITY_SEED:-20240607}

if ! command -v "$node" >/dev/null 2>&1; then
    echo "FAIL: node ('$node') is not installed; run packaging/install-node-deps.sh" >&2
    exit 1
fi
if ! (cd "$(dirname "$ortrun")" && "$node" -e "require('onnxruntime-node')" >/dev/null 2>&1); then
    echo "FAIL: onnxruntime-node is not installed next to $ortrun; run packaging/install-node-deps.sh" >&2
    exit 1
fi
if [ ! -f "$model" ]; then
    echo "FAIL: model $model does not exist (the fixture that makes it did not run?)" >&2
    exit 1
fi

rm -rf "$work"
mkdir -p "$work/inputs" "$work/reference" "$work/ours"
inputs=()
for spec in "$@"; do
    name=${spec%%=*}
    shape=${spec#*=}
    file="$work/inputs/$name.npy"
    "$node" "$ortrun" random --shape "$shape" --seed "$seed" --out "$file"
    inputs+=(--input "$name=$file")
    seed=$((seed + 1))
done

echo "model: $model"
"$node" "$ortrun" run "$model" "${inputs[@]}" --output-dir "$work/reference" --threads 1
"$cli" run "$model" "${inputs[@]}" --output-dir "$work/ours" --threads 1 >/dev/null
"$node" "$ortrun" compare "$work/reference" "$work/ours" --rtol "$rtol" --atol "$atol"
