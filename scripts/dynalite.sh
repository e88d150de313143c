# Sourced by the test scripts: start_dynalite LOG starts dynalite (node_modules) on a
# free 127.0.0.1 port, logging to LOG, waits until it answers, exports the test
# endpoint and test credentials, and stops it when the calling script exits (also when
# tests fail or are interrupted).
start_dynalite() {
  local log=$1 port
  port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p "$(dirname "$log")"
  node node_modules/dynalite/cli.js --host 127.0.0.1 --port "$port" --createTableMs 20 --deleteTableMs 20 \
    >"$log" 2>&1 &
  dynalite_pid=$!
  trap stop_dynalite EXIT INT TERM
  for _ in $(seq 1 100); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then break; fi
    sleep 0.1
  done
  export ALEXDB_TEST_DYNAMODB_ENDPOINT="http://127.0.0.1:$port"
  # dynalite accepts any signed request; these are test credentials, not secrets.
  export AWS_ACCESS_KEY_ID=alexdb-test AWS_SECRET_ACCESS_KEY=alexdb-test-secret AWS_REGION=us-east-1
}

stop_dynalite() {
  kill "$dynalite_pid" 2>/dev/null || true
  wait "$dynalite_pid" 2>/dev/null || true
}
