#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

class IndexTest : public StoreTest {
 protected:
  QueryResult by_status(const std::string& table, const std::string& status, bool forward = true) {
    QueryRequest q;
    q.table = table;
    q.index = "GSI1";
    q.partition_value = S(status);
    q.forward = forward;
    return store_->query_all(q);
  }
};
ALEXDB_CONFORMANCE_SUITE(IndexTest);

Item job(const std::string& id, const std::string& status, const std::string& when) {
  return {{"PK", Value::S("USER#u1")},
          {"SK", Value::S("JOB#" + when + "#" + id)},
          {"GSI1PK", Value::S("JOB#" + status)},
          {"GSI1SK", Value::S("USER#u1#" + when)},
          {"id", Value::S(id)}};
}

TEST_P(IndexTest, ItemsAppearInTheIndexInSortKeyOrder) {
  std::string table = make_gsi_table("gsi");
  put(table, job("j2", "pending", "2025-01-02"));
  put(table, job("j1", "pending", "2025-01-01"));
  put(table, job("j3", "running", "2025-01-03"));
  auto pending = by_status(table, "JOB#pending");
  ASSERT_EQ(pending.items.size(), 2u);
  EXPECT_EQ(pending.items[0].at("id"), S("j1"));
  EXPECT_EQ(pending.items[1].at("id"), S("j2"));
  EXPECT_EQ(pending.items[0].at("SK"), S("JOB#2025-01-01#j1"));  // projection ALL
  auto newest_first = by_status(table, "JOB#pending", false);
  EXPECT_EQ(newest_first.items[0].at("id"), S("j2"));
}

TEST_P(IndexTest, AnUpdateMovesTheItemToAnotherIndexPartition) {
  std::string table = make_gsi_table("gsi-move");
  put(table, job("j1", "pending", "2025-01-01"));
  Update u;
  u.set("GSI1PK", S("JOB#running"));
  store_->update({table, key("USER#u1", "JOB#2025-01-01#j1"), u, std::nullopt, ReturnValues::kNone});
  EXPECT_TRUE(by_status(table, "JOB#pending").items.empty());
  auto running = by_status(table, "JOB#running");
  ASSERT_EQ(running.items.size(), 1u);
  EXPECT_EQ(running.items[0].at("id"), S("j1"));
}

TEST_P(IndexTest, ItemsWithoutTheIndexKeysAreNotInTheIndex) {
  std::string table = make_gsi_table("gsi-sparse");
  put(table, job("j1", "pending", "2025-01-01"));
  Item plain = key("USER#u1", "METADATA");
  plain["GSI1PK"] = S("JOB#pending");  // no GSI1SK: not indexed
  put(table, plain);
  EXPECT_EQ(by_status(table, "JOB#pending").items.size(), 1u);
  Update u;
  u.remove("GSI1PK");
  store_->update({table, key("USER#u1", "JOB#2025-01-01#j1"), u, std::nullopt, ReturnValues::kNone});
  EXPECT_TRUE(by_status(table, "JOB#pending").items.empty());
  store_->remove({table, key("USER#u1", "METADATA"), std::nullopt, ReturnValues::kNone});
}

TEST_P(IndexTest, IndexQueriesTakeSortConditionsAndPages) {
  std::string table = make_gsi_table("gsi-pages");
  for (int day = 1; day <= 9; ++day) {
    put(table, job("j" + std::to_string(day), "done", "2025-01-0" + std::to_string(day)));
  }
  QueryRequest q;
  q.table = table;
  q.index = "GSI1";
  q.partition_value = S("JOB#done");
  q.sort = SortKeyCondition{SortKeyCondition::Op::kGe, S("USER#u1#2025-01-04"), std::nullopt};
  q.limit = 2;
  std::vector<std::string> ids;
  int pages = 0;
  do {
    QueryResult page = store_->query(q);
    for (const Item& item : page.items) ids.push_back(item.at("id").s());
    q.exclusive_start_key = page.last_evaluated_key;
    ASSERT_LT(++pages, 10);
  } while (q.exclusive_start_key);
  EXPECT_EQ(ids, (std::vector<std::string>{"j4", "j5", "j6", "j7", "j8", "j9"}));
}

TEST_P(IndexTest, ConsistentReadsOnAnIndexAreRejected) {
  std::string table = make_gsi_table("gsi-consistent");
  QueryRequest q;
  q.table = table;
  q.index = "GSI1";
  q.partition_value = S("JOB#x");
  q.consistent_read = true;
  EXPECT_THROW(store_->query(q), ValidationError);
}

}  // namespace
}  // namespace alexdb::conformance
