#!/bin/bash
# The studio walk-through in a real window on a virtual display, driven with xdotool: open the demo with its
# calibration and evaluation folders, preview the tensor, set three layers to 4-bit codebooks in the inspector,
# evaluate, show the activation grid, export. Screenshots go to OUT (default build/walkthrough); docs/studio.md
# uses them. Clicks are at fixed positions of the first-run layout at 1600x1000 (fresh settings).
#   bash tests/widgets/walkthrough.sh [OUT]
set -u
out=$(realpath -m "${1:-build/walkthrough}"); mkdir -p "$out"
export DISPLAY=:77
pkill -f "Xvfb :77"; pkill -x quantscope; sleep 1
Xvfb :77 -screen 0 1600x1000x24 >$out/xvfb.log 2>&1 &
sleep 1
export HOME=$out/home XDG_CONFIG_HOME=$out/home/config XDG_DATA_HOME=$out/home/data
rm -rf "$HOME"; mkdir -p "$HOME"
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
build/app/studio/quantscope -geometry 1600x1000+0+0 resources/demo/model.onnx \
  --config resources/configs/demo-w8a8.json --calib resources/demo/calib --eval resources/demo/eval \
  > $out/app.log 2>&1 &
sleep 5
shot() { import -window root "$out/$1.png"; }
click() { xdotool mousemove $1 $2 click 1; sleep ${3:-0.6}; }
shot 01-opened
click 106 958 1.5          # Data tab: folders, thumbnails, preprocessing
xdotool mousemove 150 600; for i in $(seq 1 12); do xdotool click 5; done; sleep 0.5
shot 02-data-preview       # scrolled to the tensor the model gets
click 1302 154 0.4         # three layers in the table
xdotool keydown ctrl mousemove 1302 174 click 1 mousemove 1302 194 click 1 keyup ctrl; sleep 0.5
click 39 958 0.7           # Inspector tab
click 196 184 0.8          # Scheme combo
click 165 230 0.8          # Codebook (k-means)
for i in 1 2 3 4; do click 291 219 0.4; done   # 8 -> 4 bits
shot 03-three-layers-codebook4
click 319 38 1             # toolbar: Evaluate
shot 04-evaluating
sleep 12
shot 05-evaluated
click 1290 958 0.8         # Activations tab
shot 06-activations
click 1210 958 0.5         # Weights tab
rm -f "$out"/demo-codebook4*
click 524 38 1.5           # toolbar: Export
xdotool key ctrl+a; xdotool type --delay 20 "$out/demo-codebook4.onnx"; sleep 0.3; xdotool key Return; sleep 4
shot 07-exported
pkill -x quantscope; pkill -f "Xvfb :77"
echo "screenshots in $out"
