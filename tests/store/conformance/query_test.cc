#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

using Op = SortKeyCondition::Op;

class QueryTest : public StoreTest {};
ALEXDB_CONFORMANCE_SUITE(QueryTest);

// Puts one item per sort key, in shuffled order, and checks the query order.
void ExpectOrder(std::vector<Value> sorted, const std::function<void(const Item&)>& put_item,
                 const std::function<QueryResult(bool)>& run) {
  std::vector<Value> shuffled = sorted;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
  for (const Value& sk : shuffled) put_item({{"PK", Value::S("p")}, {"SK", sk}});
  std::vector<Value> forward;
  for (const Item& item : run(true).items) forward.push_back(item.at("SK"));
  EXPECT_EQ(forward, sorted);
  std::vector<Value> backward;
  for (const Item& item : run(false).items) backward.push_back(item.at("SK"));
  std::reverse(sorted.begin(), sorted.end());
  EXPECT_EQ(backward, sorted);
}

TEST_P(QueryTest, StringKeysSortByUtf8Bytes) {
  std::string table = make_table("sorts");
  std::vector<Value> sorted;
  for (const char* s : {"A", "B", "Z", "a", "ab", "abc", "b", "z", "\xc3\xa9", "\xc3\xbf",
                        "\xe2\x82\xac", "\xf0\x9f\x98\x80"}) {
    sorted.push_back(S(s));
  }
  ExpectOrder(sorted, [&](const Item& i) { put(table, i); },
              [&](bool forward) { return query(table, "p", std::nullopt, forward); });
}

TEST_P(QueryTest, NumberKeysSortNumerically) {
  std::string table = make_table("sortn", true, ScalarType::kN);
  std::vector<Value> sorted;
  for (const char* n : {"-9.9999999999999999999999999999999999999e125", "-1000", "-12.5", "-12.25",
                        "-1", "-0.001", "-1e-130", "0", "1e-130", "0.5", "1", "1.5", "2", "10",
                        "12345678901234567890123456789012345678", "1e100",
                        "9.9999999999999999999999999999999999999e125"}) {
    sorted.push_back(N(n));
  }
  ExpectOrder(sorted, [&](const Item& i) { put(table, i); },
              [&](bool forward) { return query(table, "p", std::nullopt, forward); });
}

TEST_P(QueryTest, BinaryKeysSortByUnsignedBytes) {
  std::string table = make_table("sortb", true, ScalarType::kB);
  std::vector<Value> sorted;
  for (std::string b : {std::string("\x00", 1), std::string("\x00\x01", 2), std::string("\x01"),
                        std::string("\x7f"), std::string("\x80"), std::string("\xfe"),
                        std::string("\xff"), std::string("\xff\x00", 2)}) {
    sorted.push_back(Value::B(Bytes(b)));
  }
  ExpectOrder(sorted, [&](const Item& i) { put(table, i); },
              [&](bool forward) { return query(table, "p", std::nullopt, forward); });
}

class KeyConditionTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (!store_) return;
    table_ = make_table("keycond");
    for (const char* sk : {"A#1", "A#2", "A#3", "B#1", "B#2", "C"}) put(table_, key("p", sk));
    put(table_, key("other", "A#1"));
  }
  std::vector<Value> run(Op op, const char* value, const char* high = nullptr) {
    SortKeyCondition c{op, S(value), high ? std::optional<Value>(S(high)) : std::nullopt};
    return sort_keys(query(table_, "p", c).items);
  }
  std::string table_;
};
ALEXDB_CONFORMANCE_SUITE(KeyConditionTest);

TEST_P(KeyConditionTest, EveryOperator) {
  EXPECT_EQ(run(Op::kEq, "A#2"), (std::vector<Value>{S("A#2")}));
  EXPECT_EQ(run(Op::kLt, "A#3"), (std::vector<Value>{S("A#1"), S("A#2")}));
  EXPECT_EQ(run(Op::kLe, "A#3"), (std::vector<Value>{S("A#1"), S("A#2"), S("A#3")}));
  EXPECT_EQ(run(Op::kGt, "B#1"), (std::vector<Value>{S("B#2"), S("C")}));
  EXPECT_EQ(run(Op::kGe, "B#1"), (std::vector<Value>{S("B#1"), S("B#2"), S("C")}));
  EXPECT_EQ(run(Op::kBetween, "A#2", "B#1"), (std::vector<Value>{S("A#2"), S("A#3"), S("B#1")}));
  EXPECT_EQ(run(Op::kBeginsWith, "B#"), (std::vector<Value>{S("B#1"), S("B#2")}));
  EXPECT_TRUE(run(Op::kBeginsWith, "D").empty());
  EXPECT_EQ(sort_keys(query(table_, "p").items).size(), 6u);
}

TEST_P(KeyConditionTest, BeginsWithOnBinaryKeys) {
  std::string table = make_table("bprefix", true, ScalarType::kB);
  for (std::string b : {std::string("\x01\x02", 2), std::string("\x01\xff", 2),
                        std::string("\x02", 1), std::string("\x01", 1)}) {
    put(table, {{"PK", S("p")}, {"SK", Value::B(Bytes(b))}});
  }
  SortKeyCondition c{Op::kBeginsWith, Value::B(Bytes(std::string("\x01", 1))), std::nullopt};
  EXPECT_EQ(query(table, "p", c).items.size(), 3u);
}

TEST_P(KeyConditionTest, BetweenWithLowAboveHighIsRejected) {
  SortKeyCondition c{Op::kBetween, S("B"), S("A")};
  QueryRequest q;
  q.table = table_;
  q.partition_value = S("p");
  q.sort = c;
  EXPECT_THROW(store_->query(q), ValidationError);
}

TEST_P(KeyConditionTest, ReverseOrderWithLimitGivesTheNewest) {
  QueryRequest q;
  q.table = table_;
  q.partition_value = S("p");
  q.sort = SortKeyCondition{Op::kBeginsWith, S("A#"), std::nullopt};
  q.forward = false;
  q.limit = 1;
  q.consistent_read = true;
  QueryResult page = store_->query(q);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].at("SK"), S("A#3"));
  ASSERT_TRUE(page.last_evaluated_key);
  q.exclusive_start_key = page.last_evaluated_key;
  q.limit = 5;
  EXPECT_EQ(sort_keys(store_->query(q).items), (std::vector<Value>{S("A#2"), S("A#1")}));
}

TEST_P(QueryTest, LimitAppliesBeforeTheFilter) {
  std::string table = make_table("limitfilter");
  for (int i = 0; i < 10; ++i) {
    Item item = key("p", "k" + std::to_string(i));
    item["even"] = Value::Bool(i % 2 == 0);
    item["i"] = N(i);
    put(table, item);
  }
  QueryRequest q;
  q.table = table;
  q.partition_value = S("p");
  q.limit = 5;
  q.filter = cond::eq(cond::path("i"), N(3));
  q.consistent_read = true;
  QueryResult page = store_->query(q);
  EXPECT_EQ(page.scanned_count, 5);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].at("i"), N(3));
  EXPECT_TRUE(page.last_evaluated_key);

  q.filter = cond::eq(cond::path("i"), N(7));
  QueryResult miss = store_->query(q);
  EXPECT_EQ(miss.scanned_count, 5);
  EXPECT_TRUE(miss.items.empty());
  ASSERT_TRUE(miss.last_evaluated_key);
  q.exclusive_start_key = miss.last_evaluated_key;
  QueryResult next = store_->query(q);
  ASSERT_EQ(next.items.size(), 1u);
  EXPECT_EQ(next.items[0].at("i"), N(7));
}

TEST_P(QueryTest, FilterOnAKeyAttributeIsRejected) {
  std::string table = make_table("keyfilter");
  QueryRequest q;
  q.table = table;
  q.partition_value = S("p");
  q.filter = cond::begins_with("SK", S("x"));
  EXPECT_THROW(store_->query(q), ValidationError);
}

TEST_P(QueryTest, PagesStopAtOneMegabyteAndContinueWithoutGapsOrDuplicates) {
  std::string table = make_table("paging");
  const std::string payload(100 * 1024, 'x');
  std::vector<WriteOp> ops;
  for (int i = 0; i < 30; ++i) {
    char sk[8];
    std::snprintf(sk, sizeof sk, "%03d", i);
    Item item = key("p", sk);
    item["payload"] = S(payload);
    ops.push_back(WriteOp::put(table, item));
  }
  store_->batch_write(ops);

  QueryRequest q;
  q.table = table;
  q.partition_value = S("p");
  q.consistent_read = true;
  QueryResult first = store_->query(q);
  ASSERT_TRUE(first.last_evaluated_key);
  EXPECT_GE(first.items.size(), 9u);
  EXPECT_LE(first.items.size(), 11u);

  std::vector<Value> seen = sort_keys(first.items);
  std::optional<Item> start = first.last_evaluated_key;
  int pages = 1;
  while (start) {
    q.exclusive_start_key = start;
    QueryResult page = store_->query(q);
    for (const Value& sk : sort_keys(page.items)) seen.push_back(sk);
    start = page.last_evaluated_key;
    ASSERT_LT(++pages, 10);
  }
  ASSERT_EQ(seen.size(), 30u);
  for (int i = 0; i < 30; ++i) {
    char sk[8];
    std::snprintf(sk, sizeof sk, "%03d", i);
    EXPECT_EQ(seen[static_cast<std::size_t>(i)], S(sk));
  }
  q.exclusive_start_key.reset();
  EXPECT_EQ(store_->query_all(q).items.size(), 30u);
}

TEST_P(QueryTest, ScanPagesThroughEveryItemOnce) {
  std::string table = make_table("scan");
  std::vector<WriteOp> ops;
  for (int p = 0; p < 5; ++p) {
    for (int s = 0; s < 8; ++s) {
      Item item = key("p" + std::to_string(p), "s" + std::to_string(s));
      item["n"] = N(p * 8 + s);
      ops.push_back(WriteOp::put(table, item));
    }
  }
  store_->batch_write(ops);
  ScanRequest scan;
  scan.table = table;
  scan.limit = 7;
  scan.consistent_read = true;
  std::set<std::string> seen;
  int pages = 0;
  do {
    QueryResult page = store_->scan(scan);
    EXPECT_LE(page.items.size(), 7u);
    for (const Item& item : page.items) {
      EXPECT_TRUE(seen.insert(item.at("n").n().to_string()).second) << "duplicate";
    }
    scan.exclusive_start_key = page.last_evaluated_key;
    ASSERT_LT(++pages, 20);
  } while (scan.exclusive_start_key);
  EXPECT_EQ(seen.size(), 40u);

  ScanRequest filtered;
  filtered.table = table;
  filtered.filter = cond::lt(cond::path("n"), N(10));
  EXPECT_EQ(store_->scan_all(filtered).items.size(), 10u);
}

}  // namespace
}  // namespace alexdb::conformance
