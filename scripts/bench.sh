#!/usr/bin/env bash
# Runs the benchmark programs: the embedded engine against raw SQLite (medians of 5
# runs), a 10-year daily value series on a SQLite file (series_bench), lots and gains of
# 10,000 trades (portfolio_bench), 10-year daily returns of 10,000 transactions
# (returns_bench), then the DynamoDB engine against a raw keep-alive HTTP
# loop, both on dynalite started here on a free 127.0.0.1 port and always stopped
# afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

build/bench/store_bench --benchmark_min_time=1 --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
build/bench/series_bench
build/bench/portfolio_bench
build/bench/returns_bench

port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
node node_modules/dynalite/cli.js --host 127.0.0.1 --port "$port" --createTableMs 20 --deleteTableMs 20 \
  >build/dynalite-bench.log 2>&1 &
dynalite_pid=$!
trap 'kill "$dynalite_pid" 2>/dev/null || true; wait "$dynalite_pid" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then break; fi
  sleep 0.1
done
ALEXDB_BENCH_DYNAMODB_ENDPOINT="http://127.0.0.1:$port" build/bench/dynamodb_bench
