// The data-layer suite's fixture: every test runs once per engine ("memory", "sqlite",
// "dynalite") against the public API of alexdb::Database only (database.h, records.h),
// so the engines are proven to give the same answers.
//
// - memory:   open_store("memory:"), private to the test.
// - sqlite:   open_store("sqlite:<fresh temp dir>/alex.db"), removed after the test.
// - dynalite: open_store($ALEXDB_TEST_DYNAMODB_ENDPOINT) (scripts/run-tests.sh starts the
//             server); skipped when the variable is unset. The server is shared, so the
//             two tables get unique names and are deleted after each test.
//
// The Database under test sits on a WrapperStore (below) that forwards every call to the
// real store, counts what the data layer reads, and injects faults on request: the
// "Env seam" of LevelDB's fault-injection tests, with no flag in production code.
#ifndef ALEXDB_TESTS_DATABASE_DATABASE_FIXTURE_H_
#define ALEXDB_TESTS_DATABASE_DATABASE_FIXTURE_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "alexdb/database.h"
#include "alexdb/decimal.h"
#include "alexdb/errors.h"
#include "alexdb/records.h"
#include "alexdb/store.h"
#include "alexdb/value.h"
#include "test_values.h"

namespace alexdb::database_test {

using namespace alexdb::test_values;

// An allocation map as a Fields value: {"north_america": 100} and the like.
inline Value allocation_value(std::initializer_list<std::pair<const char*, const char*>> entries) {
  Value::Map m;
  for (const auto& [key, percent] : entries) m[key] = Value::N(std::string_view(percent));
  return Value::M(std::move(m));
}

// ---- Time ------------------------------------------------------------------------------

// Microseconds since the epoch of a UTC date and time.
inline std::int64_t micros(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  using namespace std::chrono;
  const sys_days date = year_month_day{year{y}, month{mo}, day{d}};
  const auto t = date + hours{h} + minutes{mi} + seconds{s};
  return duration_cast<microseconds>(t.time_since_epoch()).count();
}

// The canonical record form of an instant: YYYY-MM-DDTHH:MM:SS.ffffffZ.
inline std::string canonical(std::int64_t us) {
  using namespace std::chrono;
  const sys_time<microseconds> t{microseconds{us}};
  const sys_days date = floor<days>(t);
  const year_month_day ymd{date};
  const hh_mm_ss<microseconds> tod{t - date};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%06ldZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), long(tod.hours().count()),
                long(tod.minutes().count()), long(tod.seconds().count()),
                long(tod.subseconds().count()));
  return buf;
}

// "2025-01-15T14:30:00Z": the short form callers pass in.
inline std::string iso(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return canonical(micros(y, mo, d, h, mi, s)).substr(0, 19) + "Z";
}

inline constexpr std::int64_t kMicrosPerDay = 86'400'000'000LL;

// ---- The wrapper store --------------------------------------------------------------------

// A Store that forwards every call to `inner`, counts the items and capacity the caller
// reads, and can fail one write of a chosen kind. Thread-safe like the stores it wraps.
class WrapperStore : public Store {
 public:
  // When an armed fault fires: before the write reaches the store (nothing written), or
  // after it was applied (the write happened, its response is lost), or after it was
  // applied by killing this process with SIGKILL (crash tests, in a child process).
  enum class FaultTiming { kBeforeWrite, kAfterWrite, kKillAfterWrite };

  explicit WrapperStore(std::shared_ptr<Store> inner) : inner_(std::move(inner)) {}

  Store& inner() const { return *inner_; }

  // Arms a fault: the next put, update or batch-write op whose SK begins with
  // `sk_prefix` throws StoreError, before or after it is applied. Fires once.
  void arm_fault(std::string sk_prefix, FaultTiming timing) {
    std::lock_guard lock(mu_);
    fault_prefix_ = std::move(sk_prefix);
    fault_timing_ = timing;
    armed_ = true;
  }
  bool fault_fired() const {
    std::lock_guard lock(mu_);
    return fired_;
  }
  // The SKs of the writes that reached the store, in order (for messages and checks).
  std::vector<std::string> written_sks() const {
    std::lock_guard lock(mu_);
    return written_;
  }

  // ---- Read accounting ----
  struct Counts {
    std::int64_t items = 0;  // items returned by get, query, scan and batch get
    std::int64_t gets = 0;   // point reads (get and each of get_many)
    std::int64_t queries = 0;
    std::int64_t scans = 0;
    std::int64_t batch_gets = 0;  // batch_get chunks
    std::int64_t batch_writes = 0;  // batch_write chunks (requests of at most 25 items)
    Decimal read_units;
    Decimal write_units;
  };
  void reset_counts() {
    std::lock_guard lock(mu_);
    counts_ = {};
  }
  Counts counts() const {
    std::lock_guard lock(mu_);
    return counts_;
  }

  // ---- Store ----
  std::string name() const override { return "wrapper(" + inner_->name() + ")"; }
  void create_table(const TableDefinition& definition) override {
    inner_->create_table(definition);
  }
  std::optional<TableDescription> describe_table(std::string_view table) override {
    return inner_->describe_table(table);
  }
  void delete_table(std::string_view table) override { inner_->delete_table(table); }
  std::vector<std::string> list_tables() override { return inner_->list_tables(); }

  GetResult get(const GetRequest& request) override {
    GetResult result = inner_->get(request);
    count_get(result);
    return result;
  }
  WriteResult put(const PutRequest& request) override {
    return write(sk_of(request.item), [&] { return inner_->put(request); });
  }
  WriteResult update(const UpdateRequest& request) override {
    return write(sk_of(request.key), [&] { return inner_->update(request); });
  }
  WriteResult remove(const DeleteRequest& request) override {
    WriteResult result = inner_->remove(request);
    count_write(result.consumed);
    return result;
  }
  QueryResult query(const QueryRequest& request) override {
    QueryResult result = inner_->query(request);
    count_query(result, false);
    return result;
  }
  QueryResult scan(const ScanRequest& request) override {
    QueryResult result = inner_->scan(request);
    count_query(result, true);
    return result;
  }
  std::vector<QueryResult> query_many(const std::vector<QueryRequest>& requests) override {
    std::vector<QueryResult> results = inner_->query_many(requests);
    for (const QueryResult& r : results) count_query(r, false);
    return results;
  }
  std::vector<GetResult> get_many(const std::vector<GetRequest>& requests) override {
    std::vector<GetResult> results = inner_->get_many(requests);
    for (const GetResult& r : results) count_get(r);
    return results;
  }

 protected:
  BatchGetChunkResult batch_get_chunk(const BatchGetRequest& chunk) override {
    BatchGetResult read = inner_->batch_get(chunk);
    {
      std::lock_guard lock(mu_);
      ++counts_.batch_gets;
      for (const auto& items : read.items) counts_.items += std::int64_t(items.size());
      counts_.read_units += read.consumed.read_units;
    }
    BatchGetChunkResult result;
    result.items = std::move(read.items);
    result.consumed = read.consumed;
    return result;
  }
  BatchWriteChunkResult batch_write_chunk(const std::vector<WriteOp>& chunk) override {
    // A fault on one op of a chunk fails the whole chunk, before or after it is applied.
    bool hit = false;
    for (const WriteOp& op : chunk) hit = hit || (op.kind == WriteOp::Kind::kPut && matches(sk_of(op.item)));
    if (hit && take_fault(FaultTiming::kBeforeWrite)) throw StoreError("injected fault (batch)");
    BatchWriteResult applied = inner_->batch_write(chunk);
    {
      std::lock_guard lock(mu_);
      for (const WriteOp& op : chunk) written_.push_back(sk_of(op.item));
      ++counts_.batch_writes;
      counts_.write_units += applied.consumed.write_units;
    }
    if (hit && take_fault(FaultTiming::kAfterWrite)) throw StoreError("injected fault (batch)");
    BatchWriteChunkResult result;
    result.consumed = applied.consumed;
    return result;
  }

 private:
  static std::string sk_of(const Item& item) {
    auto it = item.find("SK");
    return it != item.end() && it->second.is_s() ? it->second.s() : std::string();
  }
  bool matches(const std::string& sk) const {
    std::lock_guard lock(mu_);
    return armed_ && sk.rfind(fault_prefix_, 0) == 0;
  }
  // True (and disarmed) when an armed fault of this timing fires now.
  bool take_fault(FaultTiming timing) {
    std::lock_guard lock(mu_);
    if (!armed_ || fault_timing_ != timing) return false;
    armed_ = false;
    fired_ = true;
    return true;
  }
  template <typename F>
  WriteResult write(const std::string& sk, F&& apply) {
    const bool hit = matches(sk);
    if (hit && take_fault(FaultTiming::kBeforeWrite)) {
      throw StoreError("injected fault before writing " + sk);
    }
    WriteResult result = apply();
    {
      std::lock_guard lock(mu_);
      written_.push_back(sk);
      counts_.write_units += result.consumed.write_units;
    }
    if (hit && take_fault(FaultTiming::kAfterWrite)) {
      throw StoreError("injected fault after writing " + sk);
    }
    if (hit && take_fault(FaultTiming::kKillAfterWrite)) raise(SIGKILL);
    return result;
  }
  void count_get(const GetResult& r) {
    std::lock_guard lock(mu_);
    ++counts_.gets;
    if (r.item) ++counts_.items;
    counts_.read_units += r.consumed.read_units;
  }
  void count_query(const QueryResult& r, bool scan) {
    std::lock_guard lock(mu_);
    ++(scan ? counts_.scans : counts_.queries);
    counts_.items += std::int64_t(r.items.size());
    counts_.read_units += r.consumed.read_units;
  }
  void count_write(const ConsumedCapacity& c) {
    std::lock_guard lock(mu_);
    counts_.write_units += c.write_units;
  }

  std::shared_ptr<Store> inner_;
  mutable std::mutex mu_;
  Counts counts_;
  bool armed_ = false;
  bool fired_ = false;
  std::string fault_prefix_;
  FaultTiming fault_timing_ = FaultTiming::kBeforeWrite;
  std::vector<std::string> written_;
};

// ---- The fixture --------------------------------------------------------------------------

class DatabaseTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const std::string& engine = GetParam();
    if (engine == "memory") {
      spec_ = "memory:";
      real_ = open_store(spec_);
    } else if (engine == "sqlite") {
      dir_ = std::filesystem::temp_directory_path() /
             ("alexdb-database-" + std::to_string(getpid()) + "-" + std::to_string(counter()++));
      std::filesystem::create_directories(dir_);
      spec_ = "sqlite:" + (dir_ / "alex.db").string();
      real_ = open_store(spec_);
    } else {
      const char* endpoint = std::getenv("ALEXDB_TEST_DYNAMODB_ENDPOINT");
      if (!endpoint || !*endpoint) GTEST_SKIP() << "ALEXDB_TEST_DYNAMODB_ENDPOINT is not set";
      spec_ = endpoint;
      real_ = open_store(spec_);
    }
    users_table_ = unique("users");
    instruments_table_ = unique("instruments");
    wrapper_ = std::make_shared<WrapperStore>(real_);
    db_ = make_database(wrapper_);
    created_ = db_->create_tables();
  }

  void TearDown() override {
    db_.reset();
    if (real_) {
      for (const std::string& table : {users_table_, instruments_table_}) {
        try {
          real_->delete_table(table);
        } catch (const Error&) {
          // Never created, or the server is gone: nothing to clean.
        }
      }
    }
    wrapper_.reset();
    real_.reset();
    if (!dir_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
    }
  }

  bool on_dynalite() const { return GetParam() == "dynalite"; }

  // A Database on `store` over this test's tables, with the test clock.
  std::unique_ptr<Database> make_database(std::shared_ptr<Store> store,
                                          DatabaseOptions options = {}) {
    if (!options.clock_micros) {
      options.clock_micros = [this] {
        const std::int64_t fixed = clock_.load();
        if (fixed != 0) return fixed;
        return std::int64_t(std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count());
      };
    }
    return std::make_unique<Database>(std::move(store), users_table_, instruments_table_,
                                      std::move(options));
  }
  // A Database straight on the real store, with no state shared with db_ (what another
  // process would see).
  std::unique_ptr<Database> fresh_database() { return make_database(real_); }

  // Stops the clock at an instant (0: the system clock again).
  void set_clock(std::int64_t us) { clock_.store(us); }

  Database& db() { return *db_; }
  Store& real() { return *real_; }
  WrapperStore& wrapper() { return *wrapper_; }

  // Every item of both tables (a strongly consistent scan of the real store).
  std::vector<Item> all_items() {
    std::vector<Item> out;
    for (const std::string& table : {users_table_, instruments_table_}) {
      ScanRequest scan;
      scan.table = table;
      scan.consistent_read = true;
      QueryResult r = real_->scan_all(scan);
      out.insert(out.end(), r.items.begin(), r.items.end());
    }
    return out;
  }
  std::size_t item_count() { return all_items().size(); }

  // The items of one partition of the users table (strongly consistent).
  std::vector<Item> partition(const std::string& pk) {
    QueryRequest q;
    q.table = users_table_;
    q.partition_value = S(pk);
    q.consistent_read = true;
    return real_->query_all(q).items;
  }

  // A table name no other test process uses.
  std::string unique(const std::string& base) {
    static const std::string run =
        std::to_string(getpid()) + "-" + std::to_string(std::random_device{}() % 1000000);
    return "dbt-" + base + "-" + run + "-" + std::to_string(counter()++);
  }
  static std::atomic<int>& counter() {
    static std::atomic<int> n{0};
    return n;
  }

  // The fields of a new instrument with allocation maps as in data/instruments.json.
  static Fields new_instrument_fields(const std::string& symbol, const std::string& name,
                                      std::optional<std::string> current_price = std::nullopt,
                                      const std::string& type = "etf") {
    Fields f{{"symbol", S(symbol)},
             {"name", S(name)},
             {"instrument_type", S(type)},
             {"allocation_regions", allocation_value({{"north_america", "100"}})},
             {"allocation_sectors", allocation_value({{"technology", "60"}, {"healthcare", "40"}})},
             {"allocation_asset_class", allocation_value({{"equity", "100"}})}};
    if (current_price) f["current_price"] = N(*current_price);
    return f;
  }
  // Creates an instrument of new_instrument_fields().
  std::string add_instrument(const std::string& symbol, const std::string& name,
                             std::optional<std::string> current_price = std::nullopt,
                             const std::string& type = "etf") {
    return db().instruments.create_instrument(
        new_instrument_fields(symbol, name, std::move(current_price), type));
  }

  std::string spec_;  // what open_store() opened real_ from
  std::shared_ptr<Store> real_;
  std::shared_ptr<WrapperStore> wrapper_;
  std::unique_ptr<Database> db_;
  std::vector<std::string> created_;
  std::string users_table_;
  std::string instruments_table_;
  std::filesystem::path dir_;
  std::atomic<std::int64_t> clock_{0};
};

// Runs `call` and expects a ValidationError whose field() contains `field`.
template <typename F>
void expect_validation_error(F&& call, std::string_view field, const char* what) {
  try {
    call();
    ADD_FAILURE() << what << ": no ValidationError (expected one naming \"" << field << "\")";
  } catch (const ValidationError& e) {
    EXPECT_NE(e.field().find(field), std::string::npos)
        << what << ": ValidationError names field \"" << e.field() << "\", expected \"" << field
        << "\" (" << e.what() << ")";
  } catch (const std::exception& e) {
    ADD_FAILURE() << what << ": expected ValidationError, got: " << e.what();
  }
}

// The quantities of a history, in order.
inline std::vector<Decimal> quantities(const std::vector<PositionChange>& history) {
  std::vector<Decimal> out;
  for (const PositionChange& c : history) out.push_back(c.quantity);
  return out;
}

// Checks that a position's history has no gap and no duplicate: timestamps strictly
// increase, versions strictly increase, and each change starts where the last ended.
inline void expect_contiguous(const std::vector<PositionChange>& history) {
  for (std::size_t i = 1; i < history.size(); ++i) {
    EXPECT_LT(history[i - 1].timestamp, history[i].timestamp) << "at record " << i;
    EXPECT_LT(history[i - 1].version, history[i].version) << "at record " << i;
    EXPECT_EQ(history[i].previous_quantity, history[i - 1].quantity)
        << "record " << i << " (" << history[i].timestamp << ") does not start where record "
        << i - 1 << " ended";
  }
}

// Instantiates `Suite` (a DatabaseTest subclass) once per engine, named by the engine.
#define ALEXDB_DATABASE_SUITE(Suite)                                     \
  INSTANTIATE_TEST_SUITE_P(                                              \
      Engines, Suite, ::testing::Values("memory", "sqlite", "dynalite"), \
      [](const ::testing::TestParamInfo<std::string>& info) { return info.param; })

}  // namespace alexdb::database_test

#endif  // ALEXDB_TESTS_DATABASE_DATABASE_FIXTURE_H_
