// SqliteStore::scan_snapshot: every table it reads is seen at one instant, whatever other
// connections commit while it runs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "alexdb/errors.h"
#include "store/sqlite/sqlite_store.h"

namespace alexdb::sqlite {
namespace {

TableDefinition keyed(const std::string& name) {
  return {name, {"PK", ScalarType::kS}, KeyAttribute{"SK", ScalarType::kS}, {}};
}

Item row(const std::string& pk, const std::string& sk, const std::string& v) {
  return {{"PK", Value::S(pk)}, {"SK", Value::S(sk)}, {"v", Value::S(v)}};
}

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("alexdb-snapshot-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    store_ = std::make_unique<SqliteStore>(SqliteOptions{(dir_ / "s.db").string()});
    store_->create_table(keyed("first"));
    store_->create_table(keyed("second"));
    for (int i = 0; i < 5; ++i) {
      store_->put({"first", row("a", std::to_string(i), "old"), std::nullopt, ReturnValues::kNone});
      store_->put(
          {"second", row("b", std::to_string(i), "old"), std::nullopt, ReturnValues::kNone});
    }
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SnapshotTest, WritesCommittedDuringTheScanAreNotSeen) {
  SqliteStore writer(SqliteOptions{(dir_ / "s.db").string()});
  int seen[2] = {0, 0};
  bool wrote = false;
  store_->scan_snapshot({"first", "second"}, [&](std::size_t k, const Item& item) {
    ++seen[k];
    EXPECT_EQ(item.at("v").s(), "old");
    if (!wrote) {  // while the first table is being read: change both tables
      writer.put({"second", row("b", "new", "new"), std::nullopt, ReturnValues::kNone});
      writer.put({"second", row("b", "0", "changed"), std::nullopt, ReturnValues::kNone});
      writer.put({"first", row("a", "4", "changed"), std::nullopt, ReturnValues::kNone});
      wrote = true;
    }
  });
  EXPECT_EQ(seen[0], 5);
  EXPECT_EQ(seen[1], 5);
  // The writes happened: a read after the snapshot sees them.
  ScanRequest scan;
  scan.table = "second";
  EXPECT_EQ(store_->scan_all(scan).items.size(), 6u);
}

TEST_F(SnapshotTest, VisitsTablesInOrderAndItemsInKeyOrder) {
  std::vector<std::string> keys;
  store_->scan_snapshot({"second", "first"}, [&](std::size_t k, const Item& item) {
    keys.push_back(std::to_string(k) + item.at("PK").s() + item.at("SK").s());
  });
  EXPECT_EQ(keys, (std::vector<std::string>{"0b0", "0b1", "0b2", "0b3", "0b4", "1a0", "1a1", "1a2",
                                            "1a3", "1a4"}));
}

TEST_F(SnapshotTest, AMissingTableIsNotFound) {
  EXPECT_THROW(store_->scan_snapshot({"first", "nope"}, [](std::size_t, const Item&) {}), NotFound);
}

TEST_F(SnapshotTest, TheStoreIsUsableAfterAFailedVisit) {
  EXPECT_THROW(
      store_->scan_snapshot({"first"}, [](std::size_t, const Item&) { throw Error("stop"); }),
      Error);
  store_->put({"first", row("a", "9", "x"), std::nullopt, ReturnValues::kNone});
  ScanRequest scan;
  scan.table = "first";
  EXPECT_EQ(store_->scan_all(scan).items.size(), 6u);
}

}  // namespace
}  // namespace alexdb::sqlite
