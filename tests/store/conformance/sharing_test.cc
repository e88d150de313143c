// Two Stores on the same data (two processes' view of one file or one endpoint): writes
// of one are seen by the other, conditions hold across them, and data outlives a Store.
// Not for "memory", whose database belongs to its Store alone.
#include <thread>

#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

class SharingTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (!store_) return;
    other_ = open_again();
    if (!other_) GTEST_SKIP() << "a memory: store is private to its Store";
  }
  void TearDown() override {
    other_.reset();
    StoreTest::TearDown();
  }
  std::unique_ptr<Store> other_;
};
ALEXDB_CONFORMANCE_SUITE(SharingTest);

TEST_P(SharingTest, TablesAndItemsOfOneStoreAreSeenByTheOther) {
  std::string table = make_gsi_table("shared");
  ASSERT_TRUE(other_->describe_table(table));
  put(table, item("p", "s", {{"v", N(1)}, {"GSI1PK", S("g")}, {"GSI1SK", S("x")}}));
  auto got = other_->get({table, key("p", "s"), true, {}}).item;
  ASSERT_TRUE(got);
  EXPECT_EQ(got->at("v"), N(1));
  Update u;
  u.set("v", N(2));
  other_->update({table, key("p", "s"), u, std::nullopt, ReturnValues::kNone});
  EXPECT_EQ(get(table, key("p", "s"))->at("v"), N(2));
  QueryRequest q;
  q.table = table;
  q.index = "GSI1";
  q.partition_value = S("g");
  EXPECT_EQ(store_->query_all(q).items.size(), 1u);
}

TEST_P(SharingTest, ATableReCreatedThroughOneStoreIsSeenAsNewByTheOther) {
  std::string table = make_gsi_table("recreated");
  put(table, item("p", "s", {{"GSI1PK", S("g")}, {"GSI1SK", S("x")}}));
  ASSERT_TRUE(other_->get({table, key("p", "s"), true, {}}).item);  // `other_` has used it

  // The same name again, now with a number sort key and no index.
  store_->delete_table(table);
  EXPECT_THROW(other_->get({table, key("p", "s"), true, {}}), NotFound);
  store_->create_table({table, {"PK", ScalarType::kS}, KeyAttribute{"SK", ScalarType::kN}, {}});

  EXPECT_FALSE(other_->get({table, key("p", N(1)), true, {}}).item);
  EXPECT_THROW(other_->get({table, key("p", "s"), true, {}}), ValidationError)
      << "the old definition's string sort key";
  other_->put({table, {{"PK", S("p")}, {"SK", N(7)}, {"v", S("new")}}, std::nullopt,
               ReturnValues::kNone});
  EXPECT_EQ(get(table, key("p", N(7)))->at("v"), S("new"));
  QueryRequest q;
  q.table = table;
  q.index = "GSI1";
  q.partition_value = S("g");
  EXPECT_THROW(other_->query(q), ValidationError) << "the old definition's index";
}

TEST_P(SharingTest, DataOutlivesTheStoreThatWroteIt) {
  std::string table = make_table("reopen");
  fill(table, "p", 30);
  put(table, item("p", "last", {{"v", S("kept")}}));
  store_.reset();  // both Stores closed, then the data opened anew
  other_.reset();
  store_ = open_again();
  EXPECT_EQ(get(table, key("p", "last"))->at("v"), S("kept"));
  EXPECT_EQ(query(table, "p").items.size(), 31u);
}

TEST_P(SharingTest, ConditionalIncrementsThroughTwoStoresLoseNoUpdate) {
  std::string table = make_table("shared-counter");
  put(table, item("p", "c", {{"n", N(0)}}));
  constexpr int kThreads = 4;  // two per Store
  constexpr int kIncrements = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    Store* store = t % 2 ? other_.get() : store_.get();
    threads.emplace_back([&, store] {
      for (int i = 0; i < kIncrements; ++i) {
        for (int attempt = 0; attempt < 1000; ++attempt) {
          try {
            auto current = store->get({table, key("p", "c"), true, {}}).item;
            if (!current) {
              ADD_FAILURE() << "the counter item is gone";
              return;
            }
            Decimal n = current->at("n").n();
            Update u;
            u.set("n", Value::N(n + Decimal::from_int(1)));
            store->update({table, key("p", "c"), u, cond::eq(cond::path("n"), Value::N(n)),
                           ReturnValues::kNone});
            break;
          } catch (const ConditionFailed&) {
          } catch (const Error& e) {
            ADD_FAILURE() << e.what();
            return;
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(get(table, key("p", "c"))->at("n"), N(kThreads * kIncrements));
}

}  // namespace
}  // namespace alexdb::conformance
