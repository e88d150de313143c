// The embedded engine against raw SQLite, in one run, with the same file settings
// (WAL, synchronous=NORMAL) and the same encoded item bytes. Run: `make bench`.
//
//   Engine/*  alexdb's Store calls (validation, conditions, index upkeep, codec)
//   Raw/*     the same work as hand-written SQLite statements: the floor
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>

#include "alexdb/store.h"
#include "model/item_codec.h"
#include "store/sqlite/key_encoding.h"

namespace {

using namespace alexdb;
namespace fs = std::filesystem;

std::string bench_path(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("alexdb-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  return (dir / name).string();
}

// A position-like item of about 200 bytes.
Item sample_item(const std::string& pk, int i) {
  char sk[32];
  std::snprintf(sk, sizeof sk, "HISTORY#SPY#%08d", i);
  return {{"PK", Value::S(pk)},
          {"SK", Value::S(sk)},
          {"symbol", Value::S("SPY")},
          {"quantity", Value::N("125.50000000")},
          {"previous_quantity", Value::N("100")},
          {"action", Value::S("BUY")},
          {"timestamp", Value::S("2025-01-15T14:30:00.000000Z")},
          {"version", Value::N(std::int64_t{i})}};
}

TableDefinition bench_table() {
  return {"bench", {"PK", ScalarType::kS}, KeyAttribute{"SK", ScalarType::kS}, {}};
}

// ---- Engine ------------------------------------------------------------------------

struct EngineFixture {
  std::unique_ptr<Store> store;
  EngineFixture() {
    std::string path = bench_path("engine.db");
    fs::remove(path);
    store = open_store("sqlite:" + path);
    store->create_table(bench_table());
    std::vector<WriteOp> ops;
    for (int i = 0; i < 1000; ++i) ops.push_back(WriteOp::put("bench", sample_item("ACCOUNT#read", i)));
    store->batch_write(ops);
  }
};

EngineFixture& engine() {
  static EngineFixture fixture;
  return fixture;
}

// Write benchmarks draw keys from counters that persist across Google Benchmark's
// repeated runs, so every conditional put creates a new item.
int next_engine_key = 0;
int next_raw_key = 0;

void Engine_ConditionalPut(benchmark::State& state) {
  Store& store = *engine().store;
  int& i = next_engine_key;
  for (auto _ : state) {
    Item item = sample_item("ACCOUNT#write", i++);
    store.put({"bench", std::move(item), cond::attribute_not_exists("PK"), ReturnValues::kNone});
  }
  state.SetItemsProcessed(state.iterations());
}

void Engine_PointGet(benchmark::State& state) {
  Store& store = *engine().store;
  int i = 0;
  for (auto _ : state) {
    char sk[32];
    std::snprintf(sk, sizeof sk, "HISTORY#SPY#%08d", i++ % 1000);
    auto got = store.get({"bench", {{"PK", Value::S("ACCOUNT#read")}, {"SK", Value::S(sk)}}, true, {}});
    benchmark::DoNotOptimize(got);
  }
  state.SetItemsProcessed(state.iterations());
}

void Engine_Query10(benchmark::State& state) {
  Store& store = *engine().store;
  int i = 0;
  for (auto _ : state) {
    char sk[32];
    std::snprintf(sk, sizeof sk, "HISTORY#SPY#%08d", (i++ * 10) % 990);
    QueryRequest q;
    q.table = "bench";
    q.partition_value = Value::S("ACCOUNT#read");
    q.sort = SortKeyCondition{SortKeyCondition::Op::kGe, Value::S(sk), std::nullopt};
    q.limit = 10;
    auto page = store.query(q);
    benchmark::DoNotOptimize(page);
  }
  state.SetItemsProcessed(state.iterations());
}

void Engine_BatchWrite25(benchmark::State& state) {
  Store& store = *engine().store;
  int i = 0;
  for (auto _ : state) {
    std::vector<WriteOp> ops;
    for (int k = 0; k < 25; ++k) ops.push_back(WriteOp::put("bench", sample_item("ACCOUNT#batch", i++)));
    store.batch_write(ops);
  }
  state.SetItemsProcessed(state.iterations());
}

// ---- Raw SQLite ----------------------------------------------------------------------

struct RawFixture {
  sqlite3* db = nullptr;
  sqlite3_stmt* put = nullptr;
  sqlite3_stmt* get = nullptr;
  sqlite3_stmt* query = nullptr;
  sqlite3_stmt* replace = nullptr;
  sqlite3_stmt* old_size = nullptr;
  std::string item_bytes = codec::encode_item(sample_item("ACCOUNT#write", 1));

  RawFixture() {
    std::string path = bench_path("raw.db");
    fs::remove(path);
    sqlite3_open(path.c_str(), &db);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=NORMAL");
    exec("CREATE TABLE t (pk BLOB NOT NULL, sk BLOB NOT NULL, item BLOB NOT NULL, size INTEGER "
         "NOT NULL, PRIMARY KEY (pk, sk)) WITHOUT ROWID");
    // A conditional put in one statement: insert unless the key exists.
    prepare("INSERT INTO t (pk, sk, item, size) VALUES (?, ?, ?, 200) ON CONFLICT DO NOTHING", &put);
    prepare("SELECT item FROM t WHERE pk = ? AND sk = ?", &get);
    prepare("SELECT item FROM t WHERE pk = ? AND sk >= ? ORDER BY sk LIMIT 10", &query);
    prepare("INSERT OR REPLACE INTO t (pk, sk, item, size) VALUES (?, ?, ?, 200)", &replace);
    prepare("SELECT size FROM t WHERE pk = ? AND sk = ?", &old_size);
    // The items the reads read, written as the engine's batch_write writes them: 25 to a
    // transaction, so that both files hold them in as many WAL frames.
    for (int i = 0; i < 1000; ++i) {
      if (i % 25 == 0) exec("BEGIN");
      write(replace, "ACCOUNT#read", i);
      if (i % 25 == 24) exec("COMMIT");
    }
  }
  void exec(const char* sql) { sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }
  void prepare(const char* sql, sqlite3_stmt** stmt) {
    sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, nullptr);
  }
  // The stored size of the item (pk, i), 0 when there is none.
  std::int64_t read_size(const char* pk, int i) {
    char sk[32];
    std::snprintf(sk, sizeof sk, "HISTORY#SPY#%08d", i);
    sqlite3_bind_blob(old_size, 1, pk, static_cast<int>(std::strlen(pk)), SQLITE_STATIC);
    sqlite3_bind_blob(old_size, 2, sk, static_cast<int>(std::strlen(sk)), SQLITE_TRANSIENT);
    std::int64_t size = 0;
    if (sqlite3_step(old_size) == SQLITE_ROW) size = sqlite3_column_int64(old_size, 0);
    sqlite3_reset(old_size);
    return size;
  }
  void write(sqlite3_stmt* stmt, const char* pk, int i) {
    char sk[32];
    std::snprintf(sk, sizeof sk, "HISTORY#SPY#%08d", i);
    sqlite3_bind_blob(stmt, 1, pk, static_cast<int>(std::strlen(pk)), SQLITE_STATIC);
    sqlite3_bind_blob(stmt, 2, sk, static_cast<int>(std::strlen(sk)), SQLITE_TRANSIENT);
    sqlite3_bind_blob(stmt, 3, item_bytes.data(), static_cast<int>(item_bytes.size()), SQLITE_STATIC);
    sqlite3_step(stmt);
    sqlite3_reset(stmt);
  }
};

RawFixture& raw() {
  static RawFixture fixture;
  return fixture;
}

void Raw_ConditionalPut(benchmark::State& state) {
  RawFixture& r = raw();
  int& i = next_raw_key;
  for (auto _ : state) r.write(r.put, "ACCOUNT#write", i++);
  state.SetItemsProcessed(state.iterations());
}

void Raw_PointGet(benchmark::State& state) {
  RawFixture& r = raw();
  int i = 0;
  for (auto _ : state) {
    char sk[32];
    std::snprintf(sk, sizeof sk, "HISTORY#SPY#%08d", i++ % 1000);
    sqlite3_bind_blob(r.get, 1, "ACCOUNT#read", 12, SQLITE_STATIC);
    sqlite3_bind_blob(r.get, 2, sk, static_cast<int>(std::strlen(sk)), SQLITE_TRANSIENT);
    std::string item;
    if (sqlite3_step(r.get) == SQLITE_ROW) {
      item.assign(static_cast<const char*>(sqlite3_column_blob(r.get, 0)),
                  static_cast<std::size_t>(sqlite3_column_bytes(r.get, 0)));
    }
    sqlite3_reset(r.get);
    benchmark::DoNotOptimize(item);
  }
  state.SetItemsProcessed(state.iterations());
}

void Raw_Query10(benchmark::State& state) {
  RawFixture& r = raw();
  int i = 0;
  for (auto _ : state) {
    char sk[32];
    std::snprintf(sk, sizeof sk, "HISTORY#SPY#%08d", (i++ * 10) % 990);
    sqlite3_bind_blob(r.query, 1, "ACCOUNT#read", 12, SQLITE_STATIC);
    sqlite3_bind_blob(r.query, 2, sk, static_cast<int>(std::strlen(sk)), SQLITE_TRANSIENT);
    std::vector<std::string> items;
    while (sqlite3_step(r.query) == SQLITE_ROW) {
      items.emplace_back(static_cast<const char*>(sqlite3_column_blob(r.query, 0)),
                         static_cast<std::size_t>(sqlite3_column_bytes(r.query, 0)));
    }
    sqlite3_reset(r.query);
    benchmark::DoNotOptimize(items);
  }
  state.SetItemsProcessed(state.iterations());
}

// A batch write reports the write capacity it consumed, which counts the larger of the
// old and the new item's size: the old size is read before each replace, as the engine
// does (the engine decodes no old item here: the table has no index).
void Raw_BatchWrite25(benchmark::State& state) {
  RawFixture& r = raw();
  int i = 0;
  for (auto _ : state) {
    r.exec("BEGIN IMMEDIATE");
    std::int64_t sizes = 0;
    for (int k = 0; k < 25; ++k) {
      sizes += r.read_size("ACCOUNT#batch", i);
      r.write(r.replace, "ACCOUNT#batch", i++);
    }
    r.exec("COMMIT");
    benchmark::DoNotOptimize(sizes);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(Engine_ConditionalPut);
BENCHMARK(Raw_ConditionalPut);
BENCHMARK(Engine_PointGet);
BENCHMARK(Raw_PointGet);
BENCHMARK(Engine_Query10);
BENCHMARK(Raw_Query10);
BENCHMARK(Engine_BatchWrite25);
BENCHMARK(Raw_BatchWrite25);

}  // namespace

BENCHMARK_MAIN();
