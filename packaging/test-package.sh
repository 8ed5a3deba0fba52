#!/usr/bin/env bash
# Builds the .deb in BUILD_DIR with CPack, unpacks it into a temporary root and checks that what it installs works:
# the binaries run from the unpacked tree on the installed demo and configs, every library they link is covered by
# the package's Depends, the desktop integration files validate and the data files are all in the package.
# Prints one PASS or FAIL line per check; exits nonzero if any check fails.
set -uo pipefail

build_dir=$(realpath "${1:-build}")
source_dir=$(realpath "$(dirname "${BASH_SOURCE[0]}")/..")
app_id=io.github.quantscope.Quantscope

fail() { echo "test-package: $*" >&2; exit 1; }

[ -f "$build_dir/CPackConfig.cmake" ] || fail "$build_dir is not a configured build directory (run make build)"
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build_dir/CMakeCache.txt")
[ -n "$version" ] || fail "no project version in $build_dir/CMakeCache.txt"
deb="$build_dir/quantscope_${version}_$(dpkg --print-architecture).deb"

echo "test-package: building $(basename "$deb")"
rm -f "$deb"
(cd "$build_dir" && cpack -G DEB) || fail "cpack failed"
[ -f "$deb" ] || fail "cpack did not write $deb"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/quantscope-package.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
root="$scratch/root"
work="$scratch/work"
mkdir -p "$root" "$work"
dpkg-deb -x "$deb" "$root" || fail "dpkg-deb -x $deb failed"

bin="$root/usr/bin"
data="$root/usr/share/quantscope"
demo="$data/demo"
failures=0

# Runs one check (a function); its diagnostics go to stderr, its verdict to one PASS/FAIL line.
check() {
    local label=$1
    shift
    if "$@"; then
        echo "PASS  $label"
    else
        echo "FAIL  $label"
        failures=$((failures + 1))
    fi
}

check_cli_version() {
    local printed
    printed=$("$bin/quantscope-cli" --version) || return 1
    [ "$printed" = "quantscope-cli $version" ] || { echo "  printed '$printed'" >&2; return 1; }
}

check_inspect() {
    "$bin/quantscope-cli" inspect "$demo/model.onnx" > "$work/inspect.txt" || return 1
    "$bin/quantscope-cli" inspect "$demo/model.onnx" --json > "$work/inspect.json" || return 1
    [ -s "$work/inspect.txt" ] && [ -s "$work/inspect.json" ]
}

check_quantize() {
    local output="$work/quantized/demo-int8.onnx"
    mkdir -p "$(dirname "$output")"
    "$bin/quantscope-cli" quantize "$demo/model.onnx" --calib "$demo/calib" --eval "$demo/eval" \
        --config "$data/configs/demo-w8a8.json" --output "$output" > "$work/quantize.txt" 2> "$work/quantize.err" ||
        { tail -n 5 "$work/quantize.err" >&2; return 1; }
    [ -s "$output" ] && [ -s "$output.plan.json" ]
}

check_studio() (
    local printed status
    export QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" \
        XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/runtime"
    mkdir -p -m 0700 "$XDG_RUNTIME_DIR"
    printed=$("$bin/quantscope" --version) || return 1
    [ "$printed" = "quantscope $version" ] || { echo "  printed '$printed'" >&2; return 1; }
    [ "${printed##* }" = "$("$bin/quantscope-cli" --version | sed 's/.* //')" ] ||
        { echo "  studio and CLI print different versions" >&2; return 1; }
    timeout -k 2 5 "$bin/quantscope" "$demo/model.onnx" --config "$data/configs/demo-w8a8.json" \
        --calib "$demo/calib" --eval "$demo/eval" > "$work/studio.txt" 2>&1
    status=$?
    if [ "$status" -ne 0 ] && [ "$status" -ne 124 ]; then
        echo "  the studio exited with status $status:" >&2
        tail -n 5 "$work/studio.txt" >&2
        return 1
    fi
)

# Package names (without architecture) in the .deb's Depends, one a line.
declared_depends() {
    dpkg-deb -f "$deb" Depends | tr ',|' '\n\n' | sed 's/(.*)//; s/:any//; s/[[:space:]]//g' | sed '/^$/d'
}

# The installed package that owns a library path; Debian 12 merges /lib into /usr/lib, so try both spellings.
owning_package() {
    local path=$1 candidate owner
    for candidate in "$path" "$(realpath "$path")" "${path#/usr}" "/usr$path"; do
        owner=$(dpkg -S "$candidate" 2>/dev/null | grep -v '^diversion' | head -n 1) || continue
        [ -n "$owner" ] && { echo "${owner%%: *}" | tr ',' '\n' | sed 's/:.*//; s/[[:space:]]//g'; return 0; }
    done
    return 1
}

check_depends() {
    local depends binary lib path packages ok=0
    depends=$(declared_depends)
    for binary in "$bin/quantscope" "$bin/quantscope-cli"; do
        if objdump -p "$binary" | grep -Eq '^ *(RPATH|RUNPATH)'; then
            echo "  $(basename "$binary") keeps a build-time RPATH" >&2
            ok=1
        fi
        for lib in $(objdump -p "$binary" | awk '$1 == "NEEDED" {print $2}'); do
            path=$(ldd "$binary" | awk -v lib="$lib" '$1 == lib {print $3}')
            if [ -z "$path" ] || [ "$path" = "not" ]; then
                echo "  $(basename "$binary"): $lib not found on this system" >&2
                ok=1
                continue
            fi
            if ! packages=$(owning_package "$path"); then
                echo "  $(basename "$binary"): $path belongs to no Debian package" >&2
                ok=1
                continue
            fi
            if ! grep -Fxq -f <(echo "$packages") <<< "$depends"; then
                echo "  $(basename "$binary"): $lib ($path) is in $(echo $packages), missing from Depends" >&2
                ok=1
            fi
        done
    done
    grep -Fxq qt6-qpa-plugins <<< "$depends" || { echo "  qt6-qpa-plugins missing from Depends" >&2; ok=1; }
    return $ok
}

check_desktop_files() {
    local desktop="$root/usr/share/applications/$app_id.desktop"
    local metainfo="$root/usr/share/metainfo/$app_id.metainfo.xml"
    local icon exec
    desktop-file-validate "$desktop" || return 1
    appstreamcli validate --no-net "$metainfo" > "$work/appstream.txt" 2>&1 || { cat "$work/appstream.txt" >&2; return 1; }
    icon=$(sed -n 's/^Icon=//p' "$desktop")
    exec=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
    [ -f "$root/usr/share/icons/hicolor/scalable/apps/$icon.svg" ] || { echo "  no icon named $icon" >&2; return 1; }
    [ -x "$bin/$exec" ] || { echo "  Exec=$exec is not installed" >&2; return 1; }
}

check_file_list() {
    local listing expected missing=0 ts cfg image path
    listing=$(dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|')
    expected=(
        /usr/bin/quantscope /usr/bin/quantscope-cli
        "/usr/share/applications/$app_id.desktop" "/usr/share/metainfo/$app_id.metainfo.xml"
        "/usr/share/icons/hicolor/scalable/apps/$app_id.svg" "/usr/share/icons/hicolor/128x128/apps/$app_id.png"
        /usr/share/quantscope/demo/model.onnx /usr/share/quantscope/demo/labels.txt
    )
    for ts in "$source_dir"/translations/*.ts; do
        expected+=("/usr/share/quantscope/translations/$(basename "${ts%.ts}").qm")
    done
    for cfg in "$source_dir"/resources/configs/*.json; do
        expected+=("/usr/share/quantscope/configs/$(basename "$cfg")")
    done
    while IFS= read -r image; do
        expected+=("/usr/share/quantscope/demo/${image#"$source_dir"/resources/demo/}")
    done < <(find "$source_dir/resources/demo/calib" "$source_dir/resources/demo/eval" -type f)
    for path in "${expected[@]}"; do
        if ! grep -Fxq "$path" <<< "$listing"; then
            echo "  missing from the package: $path" >&2
            missing=1
        fi
    done
    return $missing
}

check "1 quantscope-cli --version prints $version" check_cli_version
check "2 quantscope-cli inspect on the installed demo model" check_inspect
check "3 quantscope-cli quantize of the installed demo with an installed config" check_quantize
check "4 quantscope --version matches, the studio runs offscreen on the demo" check_studio
check "5 every linked library's package is in Depends" check_depends
check "6 desktop-file-validate and appstreamcli validate" check_desktop_files
check "7 the package lists the binaries, translations, configs, demo, icons, desktop file, metainfo" check_file_list

echo "package: $deb ($(du -h "$deb" | cut -f1))"
echo "Depends: $(dpkg-deb -f "$deb" Depends)"
echo "Recommends: $(dpkg-deb -f "$deb" Recommends)"
if [ "$failures" -ne 0 ]; then
    echo "FAIL  test-package: $failures check(s) failed"
    exit 1
fi
echo "PASS  test-package: all checks passed"
