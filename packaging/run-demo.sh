#!/usr/bin/env bash
# Opens the studio on the bundled demo model; with no display, runs the headless equivalent.
set -euo pipefail
build_dir=${1:-build}
model=resources/demo/model.onnx
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    exec "$build_dir/app/studio/quantscope" "$model"
fi
out="$build_dir/demo-inspect.txt"
echo "No display found: running the headless equivalent (quantscope-cli inspect)."
"$build_dir/app/cli/quantscope-cli" inspect "$model" | tee "$out"
"$build_dir/app/cli/quantscope-cli" inspect "$model" --json > "$build_dir/demo-inspect.json"
echo "Summary written to $out and $build_dir/demo-inspect.json"
echo "To see the studio without a display: xvfb-run -a $build_dir/app/studio/quantscope $model"
