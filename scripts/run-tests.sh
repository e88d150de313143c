#!/usr/bin/env bash
# Runs the whole test suite: starts dynalite on a free 127.0.0.1 port for the DynamoDB
# engine's tests, runs every test of the release build, then the unit tests of the
# sanitizer build, and always stops dynalite (also when tests fail or are interrupted).
set -euo pipefail
cd "$(dirname "$0")/.."

port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p build
node node_modules/dynalite/cli.js --host 127.0.0.1 --port "$port" --createTableMs 20 --deleteTableMs 20 \
  >build/dynalite.log 2>&1 &
dynalite_pid=$!
stop_dynalite() {
  kill "$dynalite_pid" 2>/dev/null || true
  wait "$dynalite_pid" 2>/dev/null || true
}
trap stop_dynalite EXIT INT TERM

for _ in $(seq 1 100); do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then break; fi
  sleep 0.1
done

export ALEXDB_TEST_DYNAMODB_ENDPOINT="http://127.0.0.1:$port"
# dynalite accepts any signed request; these are test credentials, not secrets.
export AWS_ACCESS_KEY_ID=alexdb-test AWS_SECRET_ACCESS_KEY=alexdb-test-secret AWS_REGION=us-east-1

echo "== release build: all tests (dynalite on 127.0.0.1:$port)"
ctest --test-dir build --output-on-failure -j 2 --timeout 900
echo "== sanitizer build (ASan + UBSan): unit tests"
ctest --test-dir build-asan -L unit --output-on-failure -j 2 --timeout 900
