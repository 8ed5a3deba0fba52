#!/bin/bash
# Screenshots of the studio in each theme, language and screen size the documentation shows, taken from a real
# window on a virtual display. A first run evaluates the demo (one click on the toolbar's Evaluate) and keeps its
# autosave as a project with results; every screenshot then reopens that project, so each shows the same
# evaluated strategy without running anything again.
#   bash tests/widgets/screenshots.sh [OUT]      (default build/screenshots)
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$PWD
out=$(realpath -m "${1:-build/screenshots}"); rm -rf "$out"; mkdir -p "$out"
studio=$root/build/app/studio/quantscope
node="/features/features.1/depthwise/depthwise.0/Conv"

# One studio on a fresh virtual display and fresh settings: start_studio WxH THEME LANGUAGE ARGS...
start_studio() {
  local size=$1 theme=$2 language=$3; shift 3
  pkill -f "Xvfb :78" 2>/dev/null; sleep 0.5
  Xvfb :78 -screen 0 ${size}x24 >"$out/xvfb.log" 2>&1 &
  sleep 1
  export DISPLAY=:78 XDG_CONFIG_HOME=$out/home/config XDG_DATA_HOME=$out/home/data
  rm -rf "$out/home"; mkdir -p "$XDG_CONFIG_HOME/Quantscope"
  printf '[ui]\ntheme=%s\nlanguage=%s\n[autosave]\nintervalSeconds=2\n' "$theme" "$language" \
    >"$XDG_CONFIG_HOME/Quantscope/Quantscope.conf"
  local locale=C.UTF-8; [ "$language" = zh_CN ] && locale=zh_CN.UTF-8
  LANG=$locale "$studio" "$@" >"$out/studio.log" 2>&1 &
  sleep 6
}
stop_studio() { pkill -x quantscope; sleep 0.5; pkill -f "Xvfb :78"; sleep 0.5; }

# 1. The project: demo model, a config, both folders; evaluated once; its autosave becomes demo.qsproj.
start_studio 1366x768 light en resources/demo/model.onnx --config resources/configs/demo-codebook4.json \
  --calib resources/demo/calib --eval resources/demo/eval --select "$node"
xdotool mousemove 322 62 click 1      # toolbar: Evaluate (first-run layout at 1366x768)
for _ in $(seq 1 60); do
  saved=$(ls "$XDG_DATA_HOME"/Quantscope/Quantscope/recovery/*.qsresults 2>/dev/null | head -1)
  [ -n "$saved" ] && grep -q '"evaluation"' "$saved" 2>/dev/null && break
  sleep 1
done
sleep 1
recovery=${saved%.qsresults}
cp "$recovery.qsproj" "$out/demo.qsproj" && cp "$recovery.qsresults" "$out/demo.qsresults" ||
  { echo "screenshots: the evaluation did not finish; see $out/studio.log" >&2; stop_studio; exit 1; }
stop_studio

# 2. The matrix the documentation shows: each theme, language and size at least once.
for shot in light:en:1366x768 dark:en:1920x1080 light:zh_CN:1920x1080 dark:zh_CN:1366x768; do
  IFS=: read -r theme language size <<<"$shot"
  start_studio "$size" "$theme" "$language" "$out/demo.qsproj" --select "$node"
  import -window root "$out/studio-$theme-$language-$size.png"
  stop_studio
done
rm -rf "$out/home"
echo "screenshots in $out"
