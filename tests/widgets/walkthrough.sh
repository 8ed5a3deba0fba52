#!/bin/bash
# The studio walk-through in a real window on a virtual display, driven with xdotool: open the demo, choose the
# calibration and evaluation folders, preview the tensor, set three layers to 4-bit codebooks in the inspector,
# evaluate, show the activation grid, export. Screenshots go to OUT (default build/walkthrough); the README and
# docs/studio.md use them. Clicks are at fixed positions of the first-run layout at 1600x1000.
#   bash tests/widgets/walkthrough.sh [OUT]
set -u
out=$(realpath -m "${1:-build/walkthrough}"); mkdir -p "$out"
export DISPLAY=:77
pkill -f "Xvfb :77"; pkill -x quantscope; sleep 1
Xvfb :77 -screen 0 1600x1000x24 >$out/xvfb.log 2>&1 &
sleep 1
export HOME=$out/home; rm -rf $HOME; mkdir -p $HOME
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
build/app/studio/quantscope -geometry 1600x1000+0+0 resources/demo/model.onnx --config resources/configs/demo-w8a8.json > $out/app.log 2>&1 &
sleep 4
shot() { import -window root "$out/$1.png"; }
click() { xdotool mousemove $1 $2 click 1; sleep ${3:-0.6}; }
shot 01-opened
click 106 842            # Data tab
click 304 86 1.2         # Choose calibration folder
click 623 324 0.3; click 1051 612 1.5
click 304 273 1.2        # Choose evaluation folder
click 621 342 0.3; click 1051 612 2
shot 02-data-preview
xdotool mousemove 150 500; for i in $(seq 1 12); do xdotool click 5; done; sleep 0.5
shot 02-data-preview
click 1051 175 0.3
xdotool keydown ctrl mousemove 1051 195 click 1 mousemove 1051 235 click 1 keyup ctrl; sleep 0.5
click 40 842 0.7           # Inspector tab
click 226 146 0.7          # Scheme combo
click 165 191 0.8          # Codebook
for i in 1 2 3 4; do click 351 181 0.4; done
shot 03-three-layers-codebook4
click 109 8 0.6; click 132 145 1.5   # Quantize > Evaluate
shot 04-evaluating
sleep 12
shot 05-evaluated
click 1119 842 0.8        # Activations tab
shot 06-activations
click 1042 842 0.5        # Weights tab
rm -f "$out"/demo-codebook4*
click 20 8 0.6; click 111 73 1.2      # File > Export Quantized Model
xdotool key ctrl+a; xdotool type --delay 20 "$out/demo-codebook4.onnx"; sleep 0.3; xdotool key Return; sleep 4
shot 07-exported
pkill -x quantscope; pkill -f "Xvfb :77"
echo "screenshots in $out"
