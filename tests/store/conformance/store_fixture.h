// The conformance suite's fixture: every test runs once per engine ("memory", "sqlite",
// "dynalite") against the Store interface only, so the engines are proven to behave
// alike and like DynamoDB.
//
// - memory:   open_store("memory:"), a private in-memory database per test.
// - sqlite:   open_store("sqlite:<fresh temp dir>/store.db"), removed after the test.
// - dynalite: open_store($ALEXDB_TEST_DYNAMODB_ENDPOINT) (scripts/run-tests.sh starts the
//             server); skipped when the variable is unset or the engine cannot be opened.
//             The server is shared, so tables get unique names and are deleted after
//             each test.
#ifndef ALEXDB_TESTS_STORE_CONFORMANCE_STORE_FIXTURE_H_
#define ALEXDB_TESTS_STORE_CONFORMANCE_STORE_FIXTURE_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "alexdb/decimal.h"
#include "alexdb/errors.h"
#include "alexdb/expression.h"
#include "alexdb/store.h"
#include "alexdb/value.h"
#include "test_values.h"

namespace alexdb::conformance {

using namespace alexdb::test_values;

// "007": zero-padded so that string order is numeric order.
inline std::string padded(int i, std::size_t width = 3) {
  std::string digits = std::to_string(i);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

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
      try {
        store_ = open_store(endpoint);
      } catch (const ValidationError& e) {
        GTEST_SKIP() << "the DynamoDB engine cannot open " << endpoint << ": " << e.what();
      }
    }
  }

  // Another Store on the same data (the same file, the same endpoint), or nullptr for
  // "memory", whose database is private to its Store.
  std::unique_ptr<Store> open_again() const {
    if (GetParam() == "sqlite") return open_store("sqlite:" + (dir_ / "store.db").string());
    if (GetParam() == "dynalite") return open_store(std::getenv("ALEXDB_TEST_DYNAMODB_ENDPOINT"));
    return nullptr;
  }

  void TearDown() override {
    if (store_) {
      for (const std::string& table : created_) {
        try {
          store_->delete_table(table);
        } catch (const Error&) {
          // Deleted by the test itself, or the server is gone: nothing to clean.
        }
      }
    }
    store_.reset();
    if (!dir_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
    }
  }

  bool on_dynalite() const { return GetParam() == "dynalite"; }

  // ---- Tables ----------------------------------------------------------------------

  // A table name no other test process uses ("conf-<base>-<pid>-<random>-<n>").
  std::string unique(const std::string& base) {
    static const std::string run =
        std::to_string(getpid()) + "-" + std::to_string(std::random_device{}() % 1000000);
    return "conf-" + base + "-" + run + "-" + std::to_string(counter()++);
  }

  // Creates the table `definition` describes under a unique name made from its name;
  // returns that name. The table is deleted after the test.
  std::string create(TableDefinition definition) {
    definition.name = unique(definition.name);
    store_->create_table(definition);
    created_.push_back(definition.name);
    return definition.name;
  }

  // A table keyed PK (S) and SK (`sk_type`), with `indexes`.
  std::string make_table(const std::string& base, ScalarType sk_type = ScalarType::kS,
                         std::vector<IndexDefinition> indexes = {}) {
    return create({base, {"PK", ScalarType::kS}, KeyAttribute{"SK", sk_type}, std::move(indexes)});
  }

  // A table keyed by PK (S) alone.
  std::string make_hash_table(const std::string& base) {
    return create({base, {"PK", ScalarType::kS}, std::nullopt, {}});
  }

  static IndexDefinition gsi1() {
    return {"GSI1",
            {"GSI1PK", ScalarType::kS},
            KeyAttribute{"GSI1SK", ScalarType::kS},
            {Projection::Type::kAll, {}}};
  }

  // A table keyed PK/SK with GSI1 on GSI1PK/GSI1SK, projection ALL (like alex-users-data).
  std::string make_gsi_table(const std::string& base) {
    return make_table(base, ScalarType::kS, {gsi1()});
  }

  // ---- Items -----------------------------------------------------------------------

  static Item key(const std::string& pk, const Value& sk) { return {{"PK", S(pk)}, {"SK", sk}}; }
  static Item key(const std::string& pk, const std::string& sk) { return key(pk, S(sk)); }
  static Item key(const std::string& pk, const char* sk) { return key(pk, S(sk)); }

  // The item with key (pk, sk) and the attributes `attributes`.
  static Item item(const std::string& pk, const std::string& sk, Item attributes = {}) {
    attributes["PK"] = S(pk);
    attributes["SK"] = S(sk);
    return attributes;
  }

  void put(const std::string& table, Item item) {
    store_->put({table, std::move(item), std::nullopt, ReturnValues::kNone});
  }

  // Puts `item` if `condition` holds; false (and nothing written) when it does not.
  bool put_if(const std::string& table, Item item, Condition condition) {
    try {
      store_->put({table, std::move(item), std::move(condition), ReturnValues::kNone});
      return true;
    } catch (const ConditionFailed&) {
      return false;
    }
  }

  // A strongly consistent read of the whole item.
  std::optional<Item> get(const std::string& table, const Item& k) {
    return store_->get({table, k, true, {}}).item;
  }

  WriteResult update(const std::string& table, const Item& k, const Update& u,
                     ReturnValues return_values = ReturnValues::kNone,
                     std::optional<Condition> condition = std::nullopt) {
    return store_->update({table, k, u, std::move(condition), return_values});
  }

  // A strongly consistent query of one partition of the table.
  static QueryRequest query_request(const std::string& table, Value partition) {
    QueryRequest q;
    q.table = table;
    q.partition_value = std::move(partition);
    q.consistent_read = true;
    return q;
  }

  // Every page of a query of partition `pk`.
  QueryResult query(const std::string& table, const std::string& pk,
                    std::optional<SortKeyCondition> sort = std::nullopt, bool forward = true,
                    std::optional<std::int32_t> limit = std::nullopt) {
    QueryRequest q = query_request(table, S(pk));
    q.sort = std::move(sort);
    q.forward = forward;
    q.limit = limit;
    return store_->query_all(q);
  }

  // Writes `count` items (pk, "000".."count-1") with an attribute "i" and, when
  // `payload_bytes` > 0, a string attribute "payload" of that many bytes.
  void fill(const std::string& table, const std::string& pk, int count,
            std::size_t payload_bytes = 0) {
    std::vector<WriteOp> ops;
    for (int i = 0; i < count; ++i) {
      Item it = item(pk, padded(i), {{"i", N(i)}});
      if (payload_bytes > 0) it["payload"] = S(std::string(payload_bytes, 'x'));
      ops.push_back(WriteOp::put(table, std::move(it)));
    }
    store_->batch_write(ops);
  }

  // The values of attribute `name` of `items`, in order.
  static std::vector<Value> values_of(const std::vector<Item>& items, const std::string& name) {
    std::vector<Value> out;
    for (const Item& it : items) out.push_back(it.at(name));
    return out;
  }
  static std::vector<Value> sort_keys(const std::vector<Item>& items) {
    return values_of(items, "SK");
  }

  static std::atomic<int>& counter() {
    static std::atomic<int> n{0};
    return n;
  }

  std::unique_ptr<Store> store_;
  std::vector<std::string> created_;
  std::filesystem::path dir_;
};

// Instantiates `Suite` (a StoreTest subclass) once per engine, named by the engine.
#define ALEXDB_CONFORMANCE_SUITE(Suite)                                  \
  INSTANTIATE_TEST_SUITE_P(                                              \
      Engines, Suite, ::testing::Values("memory", "sqlite", "dynalite"), \
      [](const ::testing::TestParamInfo<std::string>& info) { return info.param; })

}  // namespace alexdb::conformance

#endif  // ALEXDB_TESTS_STORE_CONFORMANCE_STORE_FIXTURE_H_
