#!/usr/bin/env bash
# Installs what alexdb needs on a Debian machine: the Debian packages that are missing
# (quietly, and only when something is missing) and the test server (dynalite) from the
# committed npm lockfile. Safe to run repeatedly.
#
#   scripts/setup.sh          everything: build, tests, benchmarks, Python module
#   scripts/setup.sh build    only what building the library and the alexdb binary needs
#                             (make demo), no test tools, no dynalite
#   scripts/setup.sh wheel    what building the wheel needs (make wheel): the build
#                             packages, pybind11 and patchelf
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-all}
case "$mode" in
  all | build | wheel) ;;
  *)
    echo "setup: unknown mode '$mode' (expected: all, build or wheel)" >&2
    exit 2
    ;;
esac

packages=(
  g++ make cmake ninja-build pkg-config ca-certificates
  libsqlite3-dev libcurl4-openssl-dev libssl-dev zlib1g-dev libgmp-dev
  nlohmann-json3-dev libcli11-dev
)
# The wheel: Python and pybind11 headers, and patchelf to bundle the shared libraries
# (python/wheel/repair.py).
[ "$mode" = build ] || packages+=(python3-dev pybind11-dev patchelf)
if [ "$mode" = all ]; then
  packages+=(
    git clang-14 libclang-rt-14-dev
    libgtest-dev libgmock-dev libbenchmark-dev curl jq
    python3 python3-pytest python3-boto3 python3-pydantic python3-venv python3-pip
  )
  command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ "$mode" = all ] || exit 0

# dynalite, pinned by package-lock.json; reinstalled only when the lockfile changes.
stamp=node_modules/.alexdb-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "setup: installing dynalite from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  cp package-lock.json "$stamp"
fi
