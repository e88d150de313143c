#!/usr/bin/env bash
# Checks that another CMake project can use alexdb as installed: installs the build in
# BUILD_DIR (default build/, which must be built) into a temporary prefix, then
# configures, builds and runs tests/find-package there with find_package(alexdb).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cmake -S tests/find-package -B "$tmp/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/build" >/dev/null
"$tmp/build/find_package_test"
