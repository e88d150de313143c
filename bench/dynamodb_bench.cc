// The DynamoDB engine against dynalite, and in the same run the floor: the same
// request bytes, signed once, sent in a plain keep-alive curl loop. Run through
// `make bench`, which starts dynalite on 127.0.0.1 (ALEXDB_BENCH_DYNAMODB_ENDPOINT).
#include <benchmark/benchmark.h>
#include <curl/curl.h>

#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>

#include "alexdb/store.h"
#include "model/json_codec.h"
#include "store/dynamodb/credentials.h"
#include "store/dynamodb/dynamodb_store.h"
#include "store/dynamodb/sigv4.h"

namespace {

using namespace alexdb;

const char* endpoint() {
  const char* e = std::getenv("ALEXDB_BENCH_DYNAMODB_ENDPOINT");
  return e ? e : "http://127.0.0.1:4567";
}

const dynamodb::Credentials kCredentials{"alexdb-bench", "alexdb-bench-secret", ""};
constexpr const char* kTable = "bench-dynamodb";

Item position(int i) {
  char sk[32];
  std::snprintf(sk, sizeof sk, "HISTORY#SPY#%08d", i);
  return {{"PK", Value::S("ACCOUNT#bench")}, {"SK", Value::S(sk)}, {"symbol", Value::S("SPY")},
          {"quantity", Value::N("125.5")}, {"action", Value::S("BUY")},
          {"timestamp", Value::S("2025-01-15T14:30:00.000000Z")}, {"version", Value::N(std::int64_t{i})}};
}

struct Fixture {
  std::unique_ptr<dynamodb::DynamoDbStore> store;
  Fixture() {
    dynamodb::DynamoDbOptions options;
    options.endpoint = endpoint();
    options.credentials = std::make_shared<dynamodb::StaticCredentialsProvider>(kCredentials);
    store = std::make_unique<dynamodb::DynamoDbStore>(options);
    if (!store->describe_table(kTable)) {
      store->create_table({kTable, {"PK", ScalarType::kS}, KeyAttribute{"SK", ScalarType::kS}, {}});
    }
    std::vector<WriteOp> ops;
    for (int i = 0; i < 100; ++i) ops.push_back(WriteOp::put(kTable, position(i)));
    store->batch_write(ops);
    // Warm the server (dynalite's JIT) first, so that neither side of a pair measures it.
    for (int i = 0; i < 2000; ++i) {
      store->put({kTable, position(i % 100), std::nullopt, ReturnValues::kNone});
      store->get({kTable, {{"PK", Value::S("ACCOUNT#bench")}, {"SK", position(i % 100)["SK"]}}, true, {}});
    }
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

// A request signed once; sending it again repeats the same bytes.
struct RawRequest {
  curl_slist* headers = nullptr;
  std::string body;
  RawRequest(const std::string& operation, std::string json) : body(std::move(json)) {
    std::string host = std::string(endpoint()).substr(7);
    std::string target = "DynamoDB_20120810." + operation;
    char date[20];
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::strftime(date, sizeof date, "%Y%m%dT%H%M%SZ", &utc);
    dynamodb::SigningRequest request{"POST", "/", "", {{"host", host},
        {"content-type", "application/x-amz-json-1.0"}, {"x-amz-target", target}}, body};
    auto signature = dynamodb::sign(request, kCredentials, "us-east-1", "dynamodb", date);
    headers = curl_slist_append(headers, "Content-Type: application/x-amz-json-1.0");
    headers = curl_slist_append(headers, ("X-Amz-Target: " + target).c_str());
    headers = curl_slist_append(headers, "Expect:");
    for (const auto& [name, value] : signature.headers_to_add) {
      headers = curl_slist_append(headers, (name + ": " + value).c_str());
    }
  }
  ~RawRequest() { curl_slist_free_all(headers); }
};

std::size_t discard(char*, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(size * count, ' ');
  return size * count;
}

void run_raw(benchmark::State& state, const std::string& operation, const std::string& body) {
  fixture();
  RawRequest request(operation, body);
  CURL* curl = curl_easy_init();
  std::string url = std::string(endpoint()) + "/";
  std::string response;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, request.headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  long status = 0;
  for (auto _ : state) {
    response.clear();
    curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200) state.SkipWithError("raw request failed");
  }
  curl_easy_cleanup(curl);
}

std::string key_json(int i) {
  Item p = position(i);
  return codec::item_to_json_text(Item{{"PK", p["PK"]}, {"SK", p["SK"]}});
}

void Engine_ConditionalPut(benchmark::State& state) {
  Store& store = *fixture().store;
  for (auto _ : state) {
    store.put({kTable, position(7), cond::attribute_not_exists("never_set"), ReturnValues::kNone});
  }
}
void Raw_ConditionalPut(benchmark::State& state) {
  run_raw(state, "PutItem",
          R"({"TableName":"bench-dynamodb","Item":)" + codec::item_to_json_text(position(7)) +
              R"J(,"ConditionExpression":"attribute_not_exists(#n0)","ExpressionAttributeNames":{"#n0":"never_set"},"ReturnValues":"NONE","ReturnConsumedCapacity":"TOTAL"})J");
}

void Engine_PointGet(benchmark::State& state) {
  Store& store = *fixture().store;
  Item p = position(7);
  for (auto _ : state) {
    auto got = store.get({kTable, {{"PK", p["PK"]}, {"SK", p["SK"]}}, true, {}});
    benchmark::DoNotOptimize(got);
  }
}
void Raw_PointGet(benchmark::State& state) {
  run_raw(state, "GetItem",
          R"({"TableName":"bench-dynamodb","Key":)" + key_json(7) +
              R"(,"ConsistentRead":true,"ReturnConsumedCapacity":"TOTAL"})");
}

void Engine_Query10(benchmark::State& state) {
  Store& store = *fixture().store;
  for (auto _ : state) {
    QueryRequest q;
    q.table = kTable;
    q.partition_value = Value::S("ACCOUNT#bench");
    q.sort = SortKeyCondition{SortKeyCondition::Op::kBeginsWith, Value::S("HISTORY#SPY#"), std::nullopt};
    q.limit = 10;
    auto page = store.query(q);
    benchmark::DoNotOptimize(page);
  }
}
void Raw_Query10(benchmark::State& state) {
  run_raw(state, "Query",
          R"J({"TableName":"bench-dynamodb","KeyConditionExpression":"#n0 = :v0 AND begins_with(#n1, :v1)","ExpressionAttributeNames":{"#n0":"PK","#n1":"SK"},"ExpressionAttributeValues":{":v0":{"S":"ACCOUNT#bench"},":v1":{"S":"HISTORY#SPY#"}},"Limit":10,"ScanIndexForward":true,"ConsistentRead":false,"ReturnConsumedCapacity":"TOTAL"})J");
}

void Engine_BatchWrite25(benchmark::State& state) {
  Store& store = *fixture().store;
  std::vector<WriteOp> ops;
  for (int i = 0; i < 25; ++i) ops.push_back(WriteOp::put(kTable, position(200 + i)));
  for (auto _ : state) store.batch_write(ops);
}
void Raw_BatchWrite25(benchmark::State& state) {
  std::string puts;
  for (int i = 0; i < 25; ++i) {
    puts += (i ? "," : "") + std::string(R"({"PutRequest":{"Item":)") +
            codec::item_to_json_text(position(200 + i)) + "}}";
  }
  run_raw(state, "BatchWriteItem",
          R"({"RequestItems":{"bench-dynamodb":[)" + puts + R"(]},"ReturnConsumedCapacity":"TOTAL"})");
}

BENCHMARK(Engine_ConditionalPut)->Iterations(1500);
BENCHMARK(Raw_ConditionalPut)->Iterations(1500);
BENCHMARK(Engine_PointGet)->Iterations(1500);
BENCHMARK(Raw_PointGet)->Iterations(1500);
BENCHMARK(Engine_Query10)->Iterations(1000);
BENCHMARK(Raw_Query10)->Iterations(1000);
BENCHMARK(Engine_BatchWrite25)->Iterations(300);
BENCHMARK(Raw_BatchWrite25)->Iterations(300);

}  // namespace

BENCHMARK_MAIN();
