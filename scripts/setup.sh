#!/usr/bin/env bash
# Installs what alexdb needs to build and test on a Debian machine: the Debian
# packages that are missing (quietly, and only when something is missing) and the
# test server (dynalite) from the committed npm lockfile. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ make cmake ninja-build pkg-config git ca-certificates
  clang-14 libclang-rt-14-dev
  libsqlite3-dev libcurl4-openssl-dev libssl-dev zlib1g-dev libgmp-dev
  nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-dev pybind11-dev python3-pytest python3-boto3
)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

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

# dynalite, pinned by package-lock.json; reinstalled only when the lockfile changes.
stamp=node_modules/.alexdb-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "setup: installing dynalite from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  cp package-lock.json "$stamp"
fi
