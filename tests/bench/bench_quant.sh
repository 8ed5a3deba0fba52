#!/usr/bin/env bash
# `make bench-quant`: Quantscope's quantization against ONNX Runtime's quantize_static (tests/bench/bench_quant.py).
# PyPI's onnxruntime and onnx go into a virtual environment under BUILD_DIR/bench-venv, created once and reused;
# scikit-image comes along for its sample photos (the resnet18 part), as do OpenCV's when opencv-doc is installed.
# Benchmark only: never run by ctest.
set -euo pipefail
build_dir=$(realpath "${1:-build}")
source_dir=$(realpath "$(dirname "${BASH_SOURCE[0]}")/../..")
cli="$build_dir/app/cli/quantscope-cli"
venv="$build_dir/bench-venv"
[ -x "$cli" ] || { echo "bench_quant: $cli not built (run make build)" >&2; exit 2; }

if ! "$venv/bin/python" -c 'import onnxruntime, onnx, numpy, skimage' 2>/dev/null; then
    echo "== creating $venv (pip install onnxruntime onnx numpy scikit-image)"
    /usr/bin/python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet onnxruntime onnx numpy scikit-image
fi

work="$build_dir/bench-quant"
photos="$work/photos"
rm -rf "$photos"
mkdir -p "$photos"
skimage_data=$("$venv/bin/python" -c 'import os, skimage; print(os.path.dirname(skimage.__file__) + "/data")')
for source in /usr/share/doc/opencv-doc/examples/data "$skimage_data"; do
    find "$source" -maxdepth 1 -type f \( -iname '*.jpg' -o -iname '*.png' \) \
        -exec cp {} "$photos"/ \; 2>/dev/null || true
done
photos_args=()
if [ -n "$(ls -A "$photos")" ]; then
    photos_args=(--fixtures "$build_dir/fixtures/torchvision" --photos "$photos")
fi
exec "$venv/bin/python" "$source_dir/tests/bench/bench_quant.py" --cli "$cli" --source "$source_dir" \
    --work "$work" "${photos_args[@]}"
