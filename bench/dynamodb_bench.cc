// The DynamoDB engine against dynalite, and in the same run the floor: the same
// request bytes, signed once, sent in a plain keep-alive curl loop. Each case alternates
// one engine call and one raw call and reports engine_us, raw_us and engine_per_raw.
// Run through `make bench`, which starts dynalite on 127.0.0.1
// (ALEXDB_BENCH_DYNAMODB_ENDPOINT).
#include <benchmark/benchmark.h>
#include <curl/curl.h>

#include <chrono>
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

// One pre-signed request sent again and again on one kept-alive curl handle.
class RawClient {
 public:
  RawClient(const std::string& operation, const std::string& body)
      : request_(operation, body), curl_(curl_easy_init()), url_(std::string(endpoint()) + "/") {
    curl_easy_setopt(curl_, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, request_.headers);
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, request_.body.c_str());
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &response_);
  }
  ~RawClient() { curl_easy_cleanup(curl_); }
  bool send() {
    response_.clear();
    long status = 0;
    curl_easy_perform(curl_);
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
    return status == 200;
  }

 private:
  RawRequest request_;
  CURL* curl_;
  std::string url_;
  std::string response_;
};

// Times the engine call and its raw twin alternately, so that the server's drift and
// pauses fall on both alike; reports each side's mean latency and their ratio.
template <typename EngineCall>
void paired(benchmark::State& state, EngineCall engine_call, RawClient& raw) {
  using Clock = std::chrono::steady_clock;
  Clock::duration engine_time{}, raw_time{};
  for (auto _ : state) {
    auto t0 = Clock::now();
    engine_call();
    auto t1 = Clock::now();
    if (!raw.send()) state.SkipWithError("raw request failed");
    auto t2 = Clock::now();
    engine_time += t1 - t0;
    raw_time += t2 - t1;
  }
  auto us = [&](Clock::duration d) {
    return std::chrono::duration<double, std::micro>(d).count() / static_cast<double>(state.iterations());
  };
  state.counters["engine_us"] = us(engine_time);
  state.counters["raw_us"] = us(raw_time);
  state.counters["engine_per_raw"] = us(engine_time) / us(raw_time);
}

std::string key_json(int i) {
  Item p = position(i);
  return codec::item_to_json_text(Item{{"PK", p["PK"]}, {"SK", p["SK"]}});
}

void ConditionalPut(benchmark::State& state) {
  Store& store = *fixture().store;
  RawClient raw("PutItem",
                R"({"TableName":"bench-dynamodb","Item":)" + codec::item_to_json_text(position(7)) +
                    R"J(,"ConditionExpression":"attribute_not_exists(#n0)","ExpressionAttributeNames":{"#n0":"never_set"},"ReturnValues":"NONE","ReturnConsumedCapacity":"TOTAL"})J");
  paired(state, [&] {
    store.put({kTable, position(7), cond::attribute_not_exists("never_set"), ReturnValues::kNone});
  }, raw);
}

void PointGet(benchmark::State& state) {
  Store& store = *fixture().store;
  RawClient raw("GetItem", R"({"TableName":"bench-dynamodb","Key":)" + key_json(7) +
                               R"(,"ConsistentRead":true,"ReturnConsumedCapacity":"TOTAL"})");
  Item p = position(7);
  paired(state, [&] {
    auto got = store.get({kTable, {{"PK", p["PK"]}, {"SK", p["SK"]}}, true, {}});
    benchmark::DoNotOptimize(got);
  }, raw);
}

void Query10(benchmark::State& state) {
  Store& store = *fixture().store;
  RawClient raw("Query",
                R"J({"TableName":"bench-dynamodb","KeyConditionExpression":"#n0 = :v0 AND begins_with(#n1, :v1)","ExpressionAttributeNames":{"#n0":"PK","#n1":"SK"},"ExpressionAttributeValues":{":v0":{"S":"ACCOUNT#bench"},":v1":{"S":"HISTORY#SPY#"}},"Limit":10,"ScanIndexForward":true,"ConsistentRead":false,"ReturnConsumedCapacity":"TOTAL"})J");
  paired(state, [&] {
    QueryRequest q;
    q.table = kTable;
    q.partition_value = Value::S("ACCOUNT#bench");
    q.sort = SortKeyCondition{SortKeyCondition::Op::kBeginsWith, Value::S("HISTORY#SPY#"), std::nullopt};
    q.limit = 10;
    auto page = store.query(q);
    benchmark::DoNotOptimize(page);
  }, raw);
}

void BatchWrite25(benchmark::State& state) {
  Store& store = *fixture().store;
  std::vector<WriteOp> ops;
  std::string puts;
  for (int i = 0; i < 25; ++i) {
    ops.push_back(WriteOp::put(kTable, position(200 + i)));
    puts += (i ? "," : "") + std::string(R"({"PutRequest":{"Item":)") +
            codec::item_to_json_text(position(200 + i)) + "}}";
  }
  RawClient raw("BatchWriteItem", R"({"RequestItems":{"bench-dynamodb":[)" + puts +
                                      R"(]},"ReturnConsumedCapacity":"TOTAL"})");
  paired(state, [&] { store.batch_write(ops); }, raw);
}

BENCHMARK(ConditionalPut)->Iterations(2000)->UseRealTime();
BENCHMARK(PointGet)->Iterations(2000)->UseRealTime();
BENCHMARK(Query10)->Iterations(1500)->UseRealTime();
BENCHMARK(BatchWrite25)->Iterations(400)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
