#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for FUZZ_SECONDS (default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DALEXDB_LIBFUZZER=ON -DALEXDB_SANITIZE=ON -DALEXDB_BENCHMARKS=OFF >/dev/null
cmake --build build-fuzz --target fuzz_codec fuzz_decimal -j "$(nproc)"
for target in codec decimal; do
  mkdir -p "build-fuzz/corpus-$target"
  echo "== fuzz_$target for ${seconds}s"
  "build-fuzz/tests/fuzz_$target" -max_total_time="$seconds" -max_len=4096 "build-fuzz/corpus-$target"
done
