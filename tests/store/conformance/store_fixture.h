// The conformance suite's fixture: each test runs once per engine ("memory", "sqlite",
// "dynalite"), against the Store interface only. The dynalite runs need the endpoint
// in ALEXDB_TEST_DYNAMODB_ENDPOINT (set by scripts/run-tests.sh) and are skipped
// without it. Tables get unique names, and are deleted after each test.
#ifndef ALEXDB_TESTS_STORE_CONFORMANCE_STORE_FIXTURE_H_
#define ALEXDB_TESTS_STORE_CONFORMANCE_STORE_FIXTURE_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "alexdb/errors.h"
#include "alexdb/store.h"

namespace alexdb::conformance {

inline Value S(std::string s) { return Value::S(std::move(s)); }
inline Value N(std::string_view s) { return Value::N(s); }
inline Value N(std::int64_t n) { return Value::N(n); }

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const std::string& engine = GetParam();
    if (engine == "memory") {
      store_ = open_store("memory:");
    } else if (engine == "sqlite") {
      dir_ = std::filesystem::temp_directory_path() /
             ("alexdb-conformance-" + std::to_string(getpid()) + "-" + std::to_string(counter()++));
      std::filesystem::create_directories(dir_);
      store_ = open_store("sqlite:" + (dir_ / "store.db").string());
    } else {
      const char* endpoint = std::getenv("ALEXDB_TEST_DYNAMODB_ENDPOINT");
      if (!endpoint || !*endpoint) GTEST_SKIP() << "ALEXDB_TEST_DYNAMODB_ENDPOINT is not set";
      store_ = open_store(endpoint);
    }
  }

  void TearDown() override {
    if (store_) {
      for (const std::string& table : created_) {
        try {
          store_->delete_table(table);
        } catch (const Error&) {
        }
      }
    }
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // A unique table name for this test run.
  std::string unique(const std::string& base) {
    static const std::string run = std::to_string(std::random_device{}() % 1000000);
    return "conf-" + base + "-" + run + "-" + std::to_string(counter()++);
  }

  // Creates a table with string (or `sk_type`) keys PK/SK and the given indexes.
  std::string make_table(const std::string& base, bool with_sort_key = true,
                         ScalarType sk_type = ScalarType::kS,
                         std::vector<IndexDefinition> indexes = {}) {
    TableDefinition definition{unique(base), {"PK", ScalarType::kS}, std::nullopt, std::move(indexes)};
    if (with_sort_key) definition.sort_key = KeyAttribute{"SK", sk_type};
    store_->create_table(definition);
    created_.push_back(definition.name);
    return definition.name;
  }

  // A table keyed PK/SK with GSI1 on GSI1PK/GSI1SK (like alex-users-data).
  std::string make_gsi_table(const std::string& base) {
    return make_table(base, true, ScalarType::kS,
                      {{"GSI1", {"GSI1PK", ScalarType::kS}, KeyAttribute{"GSI1SK", ScalarType::kS},
                        {Projection::Type::kAll, {}}}});
  }

  static Item key(const std::string& pk, const Value& sk) { return {{"PK", S(pk)}, {"SK", sk}}; }
  static Item key(const std::string& pk, const std::string& sk) { return key(pk, S(sk)); }

  void put(const std::string& table, Item item) {
    store_->put({table, std::move(item), std::nullopt, ReturnValues::kNone});
  }

  std::optional<Item> get(const std::string& table, const Item& k) {
    return store_->get({table, k, true, {}}).item;
  }

  QueryResult query(const std::string& table, const std::string& pk,
                    std::optional<SortKeyCondition> sort = std::nullopt, bool forward = true,
                    std::optional<std::int32_t> limit = std::nullopt) {
    QueryRequest q;
    q.table = table;
    q.partition_value = S(pk);
    q.sort = std::move(sort);
    q.forward = forward;
    q.limit = limit;
    q.consistent_read = true;
    return store_->query_all(q);
  }

  // The SK values of items, in order.
  static std::vector<Value> sort_keys(const std::vector<Item>& items) {
    std::vector<Value> out;
    for (const Item& item : items) out.push_back(item.at("SK"));
    return out;
  }

  static std::atomic<int>& counter() {
    static std::atomic<int> n{0};
    return n;
  }

  std::unique_ptr<Store> store_;
  std::vector<std::string> created_;
  std::filesystem::path dir_;
};

#define ALEXDB_CONFORMANCE_SUITE(Suite)                                                   \
  INSTANTIATE_TEST_SUITE_P(Engines, Suite, ::testing::Values("memory", "sqlite", "dynalite"), \
                           [](const ::testing::TestParamInfo<std::string>& info) { return info.param; })

}  // namespace alexdb::conformance

#endif  // ALEXDB_TESTS_STORE_CONFORMANCE_STORE_FIXTURE_H_
