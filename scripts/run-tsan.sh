#!/usr/bin/env bash
# Runs the concurrency tests of the ThreadSanitizer build (build-tsan, made by `make
# tsan`) on the memory, sqlite and dynalite engines:
# - Store conformance: many threads on one store (ConcurrencyTest), two stores on one
#   database (SharingTest), get_many/query_many (parallel requests on DynamoDB);
# - the data layer: concurrent position writers (ConcurrencyTest), field updates of
#   every model (LostUpdateTest, AccountListingTest), re-creating an instrument while
#   its price moves (InstrumentsTest.Recreating...), time travel's parallel reads
#   (CostTest);
# - the DynamoDB engine: credentials shared by threads (CredentialsTest), retries
#   through the threaded fault proxy (FaultTest).
# dynalite is started and stopped as in run-tests.sh. A data race report fails the test
# that caused it (TSan's exit code 66).
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/dynalite.sh
start_dynalite build-tsan/dynalite.log

export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
echo "== ThreadSanitizer build: concurrency tests (dynalite at $ALEXDB_TEST_DYNAMODB_ENDPOINT)"
ctest --test-dir build-tsan --output-on-failure -j 2 --timeout 900 \
  -R '(^|/)(ConcurrencyTest|SharingTest|LostUpdateTest|AccountListingTest|CostTest|CredentialsTest|FaultTest)\.|/InstrumentsTest\.Recreating|/ItemTest\.GetMany|/QueryTest\.QueryMany'
