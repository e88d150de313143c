#!/usr/bin/env bash
# Runs the whole test suite: starts dynalite on a free 127.0.0.1 port for the DynamoDB
# engine's tests, runs every test of the release build, then the unit tests of the
# sanitizer build, then the wheel (tests/wheel/wheel-test.sh: built, installed into a
# fresh venv and tested for Debian's python3 and pyenv's 3.12), and always stops dynalite
# (also when tests fail or are interrupted).
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/dynalite.sh
start_dynalite build/dynalite.log

# A test without a TIMEOUT of its own may take 300 s (the slowest of them takes about
# 10 s, under the sanitizers): one that hangs fails in five minutes, not fifteen.

echo "== release build: all tests (dynalite at $ALEXDB_TEST_DYNAMODB_ENDPOINT)"
ctest --test-dir build --output-on-failure -j 2 --timeout 300
echo "== sanitizer build (ASan + UBSan): unit tests"
ctest --test-dir build-asan -L unit --output-on-failure -j 2 --timeout 300
echo "== find_package: an outside project builds and runs against the installed library"
scripts/find-package-test.sh build
echo "== wheel: built, installed into a fresh venv and tested per interpreter"
# The wheels link the library archives of build/ (compiled just above with the flags a
# wheel tree uses), so the library is not compiled a third time.
ALEXDB_WHEEL_LIBRARY_FROM=$PWD/build tests/wheel/wheel-test.sh
