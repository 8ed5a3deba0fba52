#!/usr/bin/env bash
# Installs the reference runtime (onnxruntime-node from npm) that the parity test and the engine benchmark compare
# against, into tests/runtime_ref/node_modules. Installs Debian's nodejs and npm first when they are missing.
# Idempotent: does nothing when the installed package already loads.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ref_dir="$root/tests/runtime_ref"

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "install-node-deps: installing nodejs and npm"
  "${sudo_cmd[@]}" apt-get update
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm
fi

if (cd "$ref_dir" && node -e "require('onnxruntime-node')" >/dev/null 2>&1); then
  echo "install-node-deps: onnxruntime-node already installed in $ref_dir/node_modules"
  exit 0
fi

# The package's own post-install step downloads optional GPU binaries; the CPU library ships inside the package.
echo "install-node-deps: installing onnxruntime-node into $ref_dir/node_modules"
(cd "$ref_dir" && ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund)
(cd "$ref_dir" && node -e "require('onnxruntime-node')")
echo "install-node-deps: done"
