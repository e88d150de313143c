// Global secondary indexes: kept in step with every write, sparse, queried like tables.
#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

using Op = SortKeyCondition::Op;

// A job item as alex-users-data stores it: listed under its user, indexed by status.
Item job(const std::string& id, const std::string& status, const std::string& when) {
  return {{"PK", Value::S("USER#u1")},
          {"SK", Value::S("JOB#" + when + "#" + id)},
          {"GSI1PK", Value::S("JOB#" + status)},
          {"GSI1SK", Value::S("USER#u1#" + when)},
          {"id", Value::S(id)}};
}

class IndexTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (store_) table_ = make_gsi_table("gsi");
  }

  static QueryRequest index_request(const std::string& table, const std::string& partition) {
    QueryRequest q;
    q.table = table;
    q.index = "GSI1";
    q.partition_value = S(partition);
    return q;
  }

  // The "id" attributes of every item in index partition `status`.
  std::vector<std::string> ids(const std::string& status, bool forward = true,
                               std::optional<SortKeyCondition> sort = std::nullopt) {
    QueryRequest q = index_request(table_, "JOB#" + status);
    q.forward = forward;
    q.sort = std::move(sort);
    std::vector<std::string> out;
    for (const Item& it : store_->query_all(q).items) out.push_back(it.at("id").s());
    return out;
  }

  using Ids = std::vector<std::string>;
  std::string table_;
};
ALEXDB_CONFORMANCE_SUITE(IndexTest);

TEST_P(IndexTest, ItemsAppearInTheIndexInSortKeyOrder) {
  put(table_, job("j2", "pending", "2025-01-02"));
  put(table_, job("j1", "pending", "2025-01-01"));
  put(table_, job("j3", "running", "2025-01-03"));
  EXPECT_EQ(ids("pending"), (Ids{"j1", "j2"}));
  EXPECT_EQ(ids("pending", false), (Ids{"j2", "j1"}));
  EXPECT_EQ(ids("running"), (Ids{"j3"}));
  auto all = store_->query_all(index_request(table_, "JOB#pending"));
  ASSERT_EQ(all.items.size(), 2u);
  EXPECT_EQ(all.items[0], job("j1", "pending", "2025-01-01"));  // projection ALL
}

TEST_P(IndexTest, AnUpdateMovesTheItemToAnotherIndexPartition) {
  put(table_, job("j1", "pending", "2025-01-01"));
  put(table_, job("j2", "pending", "2025-01-02"));
  Update u;
  u.set("GSI1PK", S("JOB#running")).set("started", S("now"));
  update(table_, key("USER#u1", "JOB#2025-01-01#j1"), u);
  EXPECT_EQ(ids("pending"), (Ids{"j2"}));
  EXPECT_EQ(ids("running"), (Ids{"j1"}));
  auto running = store_->query_all(index_request(table_, "JOB#running"));
  ASSERT_EQ(running.items.size(), 1u);
  EXPECT_EQ(running.items[0].at("started"), S("now"));  // the index holds the new item
}

TEST_P(IndexTest, PutsAndDeletesKeepTheIndexInStep) {
  put(table_, job("j1", "pending", "2025-01-01"));
  put(table_, job("j1", "failed", "2025-01-01"));  // same table key: replaces
  EXPECT_TRUE(ids("pending").empty());
  EXPECT_EQ(ids("failed"), (Ids{"j1"}));
  store_->remove({table_, key("USER#u1", "JOB#2025-01-01#j1"), std::nullopt, ReturnValues::kNone});
  EXPECT_TRUE(ids("failed").empty());
  store_->batch_write({WriteOp::put(table_, job("j2", "done", "2025-01-02")),
                       WriteOp::put(table_, job("j3", "done", "2025-01-03"))});
  EXPECT_EQ(ids("done"), (Ids{"j2", "j3"}));
  store_->batch_write({WriteOp::del(table_, key("USER#u1", "JOB#2025-01-02#j2"))});
  EXPECT_EQ(ids("done"), (Ids{"j3"}));
}

TEST_P(IndexTest, ItemsWithoutTheIndexKeysAreNotInTheIndex) {
  put(table_, job("j1", "pending", "2025-01-01"));
  Item partial =
      item("USER#u1", "METADATA", {{"GSI1PK", S("JOB#pending")}, {"id", S("meta")}});  // no GSI1SK
  put(table_, partial);
  put(table_, item("USER#u1", "PLAIN", {{"id", S("plain")}}));
  EXPECT_EQ(ids("pending"), (Ids{"j1"}));
  Update u;
  u.remove("GSI1SK");
  update(table_, key("USER#u1", "JOB#2025-01-01#j1"), u);
  EXPECT_TRUE(ids("pending").empty());
  Update add_back;
  add_back.set("GSI1SK", S("USER#u1#2025-02-01"));
  update(table_, key("USER#u1", "METADATA"), add_back);
  EXPECT_EQ(ids("pending"), (Ids{"meta"}));
}

TEST_P(IndexTest, IndexQueriesTakeSortConditionsAndReverseOrder) {
  for (int day = 1; day <= 9; ++day) {
    put(table_, job("j" + std::to_string(day), "done", "2025-01-0" + std::to_string(day)));
  }
  EXPECT_EQ(ids("done", true, SortKeyCondition{Op::kGe, S("USER#u1#2025-01-07"), std::nullopt}),
            (Ids{"j7", "j8", "j9"}));
  EXPECT_EQ(ids("done", false,
                SortKeyCondition{Op::kBetween, S("USER#u1#2025-01-03"), S("USER#u1#2025-01-05")}),
            (Ids{"j5", "j4", "j3"}));
  EXPECT_EQ(
      ids("done", false, SortKeyCondition{Op::kBeginsWith, S("USER#u1#2025-01-0"), std::nullopt})
          .front(),
      "j9");
  EXPECT_EQ(ids("done", true, SortKeyCondition{Op::kLt, S("USER#u1#2025-01-02"), std::nullopt}),
            (Ids{"j1"}));
}

TEST_P(IndexTest, IndexPagesContinueWithoutGapsOrDuplicates) {
  for (int day = 1; day <= 9; ++day) {
    put(table_, job("j" + std::to_string(day), "done", "2025-01-0" + std::to_string(day)));
  }
  QueryRequest q = index_request(table_, "JOB#done");
  q.sort = SortKeyCondition{Op::kGe, S("USER#u1#2025-01-04"), std::nullopt};
  q.forward = false;
  q.limit = 2;
  Ids seen;
  int pages = 0;
  do {
    QueryResult page = store_->query(q);
    EXPECT_LE(page.items.size(), 2u);
    for (const Item& it : page.items) seen.push_back(it.at("id").s());
    if (page.last_evaluated_key) {  // an index position: its keys and the table's
      std::vector<std::string> names;
      for (const auto& [name, value] : *page.last_evaluated_key) names.push_back(name);
      EXPECT_EQ(names, (std::vector<std::string>{"GSI1PK", "GSI1SK", "PK", "SK"}));
    }
    q.exclusive_start_key = page.last_evaluated_key;
    ASSERT_LT(++pages, 10);
  } while (q.exclusive_start_key);
  EXPECT_EQ(seen, (Ids{"j9", "j8", "j7", "j6", "j5", "j4"}));
}

TEST_P(IndexTest, ItemsMayShareIndexKeysAndPageApart) {
  // Index keys need not be unique: five items with the same GSI1PK and GSI1SK.
  for (int i = 0; i < 5; ++i) {
    put(table_, item("P" + std::to_string(i), "S",
                     {{"GSI1PK", S("same")}, {"GSI1SK", S("same")}, {"id", S(std::to_string(i))}}));
  }
  QueryRequest q = index_request(table_, "same");
  q.limit = 2;
  std::set<std::string> seen;
  int pages = 0;
  do {
    QueryResult page = store_->query(q);
    for (const Item& it : page.items)
      EXPECT_TRUE(seen.insert(it.at("id").s()).second) << "duplicate";
    q.exclusive_start_key = page.last_evaluated_key;
    ASSERT_LT(++pages, 10);
  } while (q.exclusive_start_key);
  EXPECT_EQ(seen, (std::set<std::string>{"0", "1", "2", "3", "4"}));
}

TEST_P(IndexTest, KeysOnlyIndexesProjectTheKeys) {
  std::string table = make_table("gsi-keys", ScalarType::kS,
                                 {{"ByAmount",
                                   {"owner", ScalarType::kS},
                                   KeyAttribute{"amount", ScalarType::kN},
                                   {Projection::Type::kKeysOnly, {}}}});
  put(table, item("p", "b", {{"owner", S("o")}, {"amount", N(20)}, {"note", S("big")}}));
  put(table, item("p", "a", {{"owner", S("o")}, {"amount", N(3)}, {"note", S("small")}}));
  QueryRequest q;
  q.table = table;
  q.index = "ByAmount";
  q.partition_value = S("o");
  q.sort = SortKeyCondition{Op::kGt, N(5), std::nullopt};
  auto result = store_->query_all(q);
  EXPECT_EQ(
      result.items,
      (std::vector<Item>{{{"PK", S("p")}, {"SK", S("b")}, {"owner", S("o")}, {"amount", N(20)}}}));
}

TEST_P(IndexTest, IncludeIndexesProjectKeysAndTheNamedAttributes) {
  std::string table = make_table(
      "gsi-include", ScalarType::kS,
      {{"ByTag", {"tag", ScalarType::kN}, std::nullopt, {Projection::Type::kInclude, {"note"}}}});
  put(table, item("p", "a", {{"tag", N(7)}, {"note", S("kept")}, {"other", S("dropped")}}));
  put(table, item("p", "b", {{"tag", N(7)}, {"other", S("dropped")}}));
  put(table, item("p", "c", {{"tag", N(8)}, {"note", S("elsewhere")}}));
  QueryRequest q;
  q.table = table;
  q.index = "ByTag";
  q.partition_value = N("7.0");
  auto items = store_->query_all(q).items;
  std::sort(items.begin(), items.end(),
            [](const Item& x, const Item& y) { return x.at("SK").s() < y.at("SK").s(); });
  EXPECT_EQ(items,
            (std::vector<Item>{{{"PK", S("p")}, {"SK", S("a")}, {"tag", N(7)}, {"note", S("kept")}},
                               {{"PK", S("p")}, {"SK", S("b")}, {"tag", N(7)}}}));
}

TEST_P(IndexTest, IndexKeysOfTheWrongTypeAreRejected) {
  Item bad = job("j1", "pending", "2025-01-01");
  bad["GSI1SK"] = N(5);
  EXPECT_THROW(put(table_, bad), ValidationError);
  bad["GSI1SK"] = S("");  // an empty string cannot be an index key
  EXPECT_THROW(put(table_, bad), ValidationError);
  EXPECT_FALSE(get(table_, key("USER#u1", "JOB#2025-01-01#j1")));
  put(table_, job("j1", "pending", "2025-01-01"));
  Update u;
  u.set("GSI1PK", N(1));
  EXPECT_THROW(update(table_, key("USER#u1", "JOB#2025-01-01#j1"), u), ValidationError);
  EXPECT_EQ(ids("pending"), (Ids{"j1"}));
}

TEST_P(IndexTest, UnknownIndexesAndConsistentIndexReadsAreRejected) {
  QueryRequest q = index_request(table_, "JOB#x");
  q.index = "NoSuchIndex";
  EXPECT_THROW(store_->query(q), ValidationError);
  q.index = "GSI1";
  q.consistent_read = true;
  EXPECT_THROW(store_->query(q), ValidationError);
}

}  // namespace
}  // namespace alexdb::conformance
