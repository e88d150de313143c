// Queries: DynamoDB's sort order for S, N and B keys, every key condition, Limit
// before the filter, 1 MB pages and their continuation.
#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

using Op = SortKeyCondition::Op;

class QueryTest : public StoreTest {
 protected:
  // Puts one item per sort key (in shuffled order) into partition "p" of a new table
  // with sort keys of `type`, and returns the table.
  std::string table_of(ScalarType type, const std::vector<Value>& sort_values) {
    std::string table = make_table("order", type);
    std::vector<Value> shuffled = sort_values;
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
    for (const Value& sk : shuffled) put(table, key("p", sk));
    put(table, key("other", sort_values.front()));  // another partition: never returned
    return table;
  }

  // Expects the query of partition "p" to return `sorted` forward and reversed backward.
  void expect_order(const std::string& table, std::vector<Value> sorted) {
    EXPECT_EQ(sort_keys(query(table, "p").items), sorted);
    std::reverse(sorted.begin(), sorted.end());
    EXPECT_EQ(sort_keys(query(table, "p", std::nullopt, false).items), sorted);
  }

  std::vector<Value> run(const std::string& table, Op op, Value value,
                         std::optional<Value> high = std::nullopt, bool forward = true) {
    return sort_keys(
        query(table, "p", SortKeyCondition{op, std::move(value), std::move(high)}, forward).items);
  }

  static std::vector<Value> strings(std::initializer_list<const char*> texts) {
    std::vector<Value> out;
    for (const char* t : texts) out.push_back(S(t));
    return out;
  }
  static std::vector<Value> numbers(std::initializer_list<const char*> texts) {
    std::vector<Value> out;
    for (const char* t : texts) out.push_back(N(t));
    return out;
  }
  static std::vector<Value> binaries(std::initializer_list<std::string> bytes) {
    std::vector<Value> out;
    for (const std::string& b : bytes) out.push_back(B(b));
    return out;
  }
};
ALEXDB_CONFORMANCE_SUITE(QueryTest);

// ---- Sort order ---------------------------------------------------------------------

TEST_P(QueryTest, StringKeysSortByUtf8Bytes) {
  // UTF-8 byte order: upper case before lower case, a prefix before its extensions,
  // U+FF21 (EF BC A1) before U+1F600 (F0 9F 98 80), unlike UTF-16 order.
  std::vector<Value> sorted =
      strings({"A", "B", "Z", "a", "ab", "abc", "b", "z", "\xc3\xa9", "\xc3\xbf", "\xe2\x82\xac",
               "\xef\xbc\xa1", "\xf0\x9f\x98\x80"});
  sorted.insert(sorted.begin() + 4, S(std::string("a\x00", 2)));  // between "a" and "ab"
  expect_order(table_of(ScalarType::kS, sorted), sorted);
}

TEST_P(QueryTest, NumberKeysSortNumerically) {
  std::vector<Value> sorted = numbers({"-9.9999999999999999999999999999999999999e125",
                                       "-1e100",
                                       "-1000",
                                       "-100",
                                       "-12.5",
                                       "-12.25",
                                       "-1",
                                       "-0.001",
                                       "-1e-130",
                                       "0",
                                       "1e-130",
                                       "0.000001",
                                       "0.5",
                                       "1",
                                       "1.5",
                                       "2",
                                       "9",
                                       "10",
                                       "99",
                                       "100",
                                       "12345678901234567890123456789012345678",
                                       "1e100",
                                       "9.9999999999999999999999999999999999999e125"});
  expect_order(table_of(ScalarType::kN, sorted), sorted);
}

TEST_P(QueryTest, BinaryKeysSortByUnsignedBytes) {
  std::vector<Value> sorted = binaries(
      {std::string("\x00", 1), std::string("\x00\x00", 2), std::string("\x00\x01", 2), "\x01",
       "\x7f", "\x7f\xff", "\x80", "\xfe", "\xff", std::string("\xff\x00", 2), "\xff\xff"});
  expect_order(table_of(ScalarType::kB, sorted), sorted);
}

// ---- Key conditions -----------------------------------------------------------------

TEST_P(QueryTest, EveryKeyConditionOnStrings) {
  std::string table = table_of(ScalarType::kS, strings({"A#1", "A#2", "A#3", "B#1", "B#2", "C"}));
  EXPECT_EQ(run(table, Op::kEq, S("A#2")), strings({"A#2"}));
  EXPECT_EQ(run(table, Op::kEq, S("A#")), strings({}));
  EXPECT_EQ(run(table, Op::kLt, S("A#3")), strings({"A#1", "A#2"}));
  EXPECT_EQ(run(table, Op::kLe, S("A#3")), strings({"A#1", "A#2", "A#3"}));
  EXPECT_EQ(run(table, Op::kGt, S("B#1")), strings({"B#2", "C"}));
  EXPECT_EQ(run(table, Op::kGe, S("B#1")), strings({"B#1", "B#2", "C"}));
  EXPECT_EQ(run(table, Op::kBetween, S("A#2"), S("B#1")), strings({"A#2", "A#3", "B#1"}));
  EXPECT_EQ(run(table, Op::kBetween, S("A#2"), S("A#2")), strings({"A#2"}));
  EXPECT_EQ(run(table, Op::kBeginsWith, S("B#")), strings({"B#1", "B#2"}));
  EXPECT_EQ(run(table, Op::kBeginsWith, S("C")), strings({"C"}));
  EXPECT_EQ(run(table, Op::kBeginsWith, S("D")), strings({}));
  EXPECT_EQ(run(table, Op::kBeginsWith, S("A#"), std::nullopt, false),
            strings({"A#3", "A#2", "A#1"}));
}

TEST_P(QueryTest, KeyConditionsOnNonAsciiStrings) {
  std::string table =
      table_of(ScalarType::kS,
               strings({"z", "\xc3\xa9", "\xc3\xa9t\xc3\xa9", "\xef\xbc\xa1", "\xf0\x9f\x98\x80"}));
  EXPECT_EQ(run(table, Op::kGt, S("z")),
            strings({"\xc3\xa9", "\xc3\xa9t\xc3\xa9", "\xef\xbc\xa1", "\xf0\x9f\x98\x80"}));
  EXPECT_EQ(run(table, Op::kLt, S("\xf0\x9f\x98\x80")),
            strings({"z", "\xc3\xa9", "\xc3\xa9t\xc3\xa9", "\xef\xbc\xa1"}));
  EXPECT_EQ(run(table, Op::kGt, S("\xef\xbc\xa1")), strings({"\xf0\x9f\x98\x80"}));
  EXPECT_EQ(run(table, Op::kBeginsWith, S("\xc3\xa9")), strings({"\xc3\xa9", "\xc3\xa9t\xc3\xa9"}));
}

TEST_P(QueryTest, EveryKeyConditionOnNumbers) {
  std::string table = table_of(ScalarType::kN, numbers({"-5", "-1", "0", "0.5", "2", "10", "100"}));
  EXPECT_EQ(run(table, Op::kEq, N("10.0")), numbers({"10"}));
  EXPECT_EQ(run(table, Op::kLt, N("2")), numbers({"-5", "-1", "0", "0.5"}));
  EXPECT_EQ(run(table, Op::kLe, N("2")), numbers({"-5", "-1", "0", "0.5", "2"}));
  EXPECT_EQ(run(table, Op::kGt, N("9")), numbers({"10", "100"}));  // 10 > 9 numerically
  EXPECT_EQ(run(table, Op::kGe, N("-1")), numbers({"-1", "0", "0.5", "2", "10", "100"}));
  EXPECT_EQ(run(table, Op::kBetween, N("-1"), N("2")), numbers({"-1", "0", "0.5", "2"}));
  EXPECT_EQ(run(table, Op::kBetween, N("-4.9"), N("1"), false), numbers({"0.5", "0", "-1"}));
}

TEST_P(QueryTest, EveryKeyConditionOnBinaries) {
  std::string table = table_of(ScalarType::kB, binaries({std::string("\x00", 1), "\x01", "\x7f",
                                                         "\x80", "\x80\x01", "\x81", "\xff"}));
  EXPECT_EQ(run(table, Op::kEq, B("\x80")), binaries({"\x80"}));
  EXPECT_EQ(run(table, Op::kLt, B("\x7f")), binaries({std::string("\x00", 1), "\x01"}));
  EXPECT_EQ(run(table, Op::kLe, B("\x7f")), binaries({std::string("\x00", 1), "\x01", "\x7f"}));
  EXPECT_EQ(run(table, Op::kGt, B("\x7f")), binaries({"\x80", "\x80\x01", "\x81", "\xff"}));
  EXPECT_EQ(run(table, Op::kGe, B("\x81")), binaries({"\x81", "\xff"}));
  EXPECT_EQ(run(table, Op::kBetween, B("\x01"), B("\x80")), binaries({"\x01", "\x7f", "\x80"}));
  EXPECT_EQ(run(table, Op::kBeginsWith, B("\x80")), binaries({"\x80", "\x80\x01"}));
  EXPECT_EQ(run(table, Op::kBeginsWith, B(std::string("\x00", 1))),
            binaries({std::string("\x00", 1)}));
}

TEST_P(QueryTest, InvalidKeyConditionsAreRejected) {
  std::string strings_table = make_table("badcond");
  QueryRequest q = query_request(strings_table, S("p"));
  q.sort = SortKeyCondition{Op::kBetween, S("B"), S("A")};  // low above high
  EXPECT_THROW(store_->query(q), ValidationError);
  q.sort = SortKeyCondition{Op::kLt, N(1), std::nullopt};  // wrong type
  EXPECT_THROW(store_->query(q), ValidationError);
  q.sort.reset();
  q.partition_value = N(1);  // wrong partition key type
  EXPECT_THROW(store_->query(q), ValidationError);

  std::string numbers_table = make_table("badcond-n", ScalarType::kN);
  QueryRequest n = query_request(numbers_table, S("p"));
  n.sort = SortKeyCondition{Op::kBeginsWith, N(1), std::nullopt};  // begins_with is for S and B
  EXPECT_THROW(store_->query(n), ValidationError);
}

TEST_P(QueryTest, BadRequestsAreRejected) {
  std::string table = make_table("badquery");
  QueryRequest q = query_request(table, S("p"));
  q.limit = 0;
  EXPECT_THROW(store_->query(q), ValidationError);
  q.limit = -1;
  EXPECT_THROW(store_->query(q), ValidationError);
  q.limit.reset();
  q.exclusive_start_key = Item{{"PK", S("p")}};  // no SK
  EXPECT_THROW(store_->query(q), ValidationError);

  std::string hash_only = make_hash_table("badquery-h");
  QueryRequest h = query_request(hash_only, S("p"));
  h.sort = SortKeyCondition{Op::kEq, S("x"), std::nullopt};  // there is no sort key
  EXPECT_THROW(store_->query(h), ValidationError);
}

TEST_P(QueryTest, AStartKeyNeedNotExist) {
  std::string table = make_table("startgone");
  fill(table, "p", 10);
  QueryRequest q = query_request(table, S("p"));
  q.limit = 4;
  QueryResult first = store_->query(q);
  ASSERT_TRUE(first.last_evaluated_key);
  store_->remove(
      {table, *first.last_evaluated_key, std::nullopt, ReturnValues::kNone});  // item 003
  put(table, key("p", "003x"));  // written after the first page, sorts after its end
  q.exclusive_start_key = first.last_evaluated_key;
  q.limit = 100;
  EXPECT_EQ(
      sort_keys(store_->query(q).items),
      (std::vector<Value>{S("003x"), S("004"), S("005"), S("006"), S("007"), S("008"), S("009")}));
}

TEST_P(QueryTest, FilterOnAKeyAttributeIsRejected) {
  std::string table = make_table("keyfilter");
  QueryRequest q = query_request(table, S("p"));
  q.filter = cond::begins_with("SK", S("x"));
  EXPECT_THROW(store_->query(q), ValidationError);
}

TEST_P(QueryTest, AnEmptyPartitionGivesNoItemsAndNoContinuation) {
  std::string table = make_table("empty");
  put(table, key("other", "s"));
  QueryResult page = store_->query(query_request(table, S("p")));
  EXPECT_TRUE(page.items.empty());
  EXPECT_EQ(page.scanned_count, 0);
  EXPECT_FALSE(page.last_evaluated_key);
}

TEST_P(QueryTest, ProjectionReturnsOnlyThoseAttributes) {
  std::string table = make_table("qproj");
  fill(table, "p", 3);
  QueryRequest q = query_request(table, S("p"));
  q.projection = {Path("i")};
  QueryResult page = store_->query(q);
  EXPECT_EQ(page.items, (std::vector<Item>{{{"i", N(0)}}, {{"i", N(1)}}, {{"i", N(2)}}}));
}

// ---- Limit, filters and pages -------------------------------------------------------

TEST_P(QueryTest, ReverseOrderWithLimitGivesTheLastFirst) {
  std::string table = make_table("reverse");
  fill(table, "p", 6);
  QueryRequest q = query_request(table, S("p"));
  q.sort = SortKeyCondition{Op::kLe, S("003"), std::nullopt};
  q.forward = false;
  q.limit = 1;
  QueryResult page = store_->query(q);
  EXPECT_EQ(sort_keys(page.items), (std::vector<Value>{S("003")}));
  ASSERT_TRUE(page.last_evaluated_key);
  EXPECT_EQ(*page.last_evaluated_key, key("p", "003"));
  q.exclusive_start_key = page.last_evaluated_key;
  q.limit = 10;
  page = store_->query(q);
  EXPECT_EQ(sort_keys(page.items), (std::vector<Value>{S("002"), S("001"), S("000")}));
  EXPECT_FALSE(page.last_evaluated_key);
}

TEST_P(QueryTest, LimitAppliesBeforeTheFilter) {
  std::string table = make_table("limitfilter");
  fill(table, "p", 10);
  QueryRequest q = query_request(table, S("p"));
  q.limit = 5;
  q.filter = cond::eq(cond::path("i"), N(3));
  QueryResult page = store_->query(q);
  EXPECT_EQ(page.scanned_count, 5);
  EXPECT_EQ(values_of(page.items, "i"), (std::vector<Value>{N(3)}));
  ASSERT_TRUE(page.last_evaluated_key);
  EXPECT_EQ(*page.last_evaluated_key, key("p", "004"));

  q.filter = cond::eq(cond::path("i"), N(7));
  QueryResult miss = store_->query(q);
  EXPECT_EQ(miss.scanned_count, 5);
  EXPECT_TRUE(miss.items.empty());
  ASSERT_TRUE(miss.last_evaluated_key);
  q.exclusive_start_key = miss.last_evaluated_key;
  QueryResult next = store_->query(q);
  EXPECT_EQ(values_of(next.items, "i"), (std::vector<Value>{N(7)}));
}

TEST_P(QueryTest, QueryAllWithALimitCapsTheTotal) {
  std::string table = make_table("capped");
  fill(table, "p", 12);
  QueryRequest q = query_request(table, S("p"));
  q.limit = 7;
  QueryResult all = store_->query_all(q);
  EXPECT_EQ(all.items.size(), 7u);
  EXPECT_EQ(all.items.back().at("SK"), S("006"));
}

TEST_P(QueryTest, ContinuationGivesExactlyTheRest) {
  std::string table = make_table("rest");
  fill(table, "p", 20);
  for (bool forward : {true, false}) {
    QueryRequest q = query_request(table, S("p"));
    q.forward = forward;
    q.limit = 6;
    std::vector<Value> seen;
    std::optional<Item> start;
    int pages = 0;
    do {
      q.exclusive_start_key = start;
      QueryResult page = store_->query(q);
      EXPECT_LE(page.items.size(), 6u);
      for (const Value& sk : sort_keys(page.items)) seen.push_back(sk);
      start = page.last_evaluated_key;
      ASSERT_LT(++pages, 10);
    } while (start);
    std::vector<Value> expected;
    for (int i = 0; i < 20; ++i) expected.push_back(S(padded(forward ? i : 19 - i)));
    EXPECT_EQ(seen, expected) << (forward ? "forward" : "backward");
  }
}

TEST_P(QueryTest, PagesStopAtOneMegabyteAndContinueWithoutGapsOrDuplicates) {
  std::string table = make_table("paging");
  fill(table, "p", 30, 100 * 1024);
  QueryRequest q = query_request(table, S("p"));
  QueryResult first = store_->query(q);
  ASSERT_TRUE(first.last_evaluated_key);
  EXPECT_GE(first.items.size(), 9u);  // ~100 KB each: about ten fit in 1 MB
  EXPECT_LE(first.items.size(), 11u);

  std::vector<Value> seen = sort_keys(first.items);
  std::optional<Item> start = first.last_evaluated_key;
  int pages = 1;
  while (start) {
    q.exclusive_start_key = start;
    QueryResult page = store_->query(q);
    EXPECT_LE(page.items.size(), 11u);
    for (const Value& sk : sort_keys(page.items)) seen.push_back(sk);
    start = page.last_evaluated_key;
    ASSERT_LT(++pages, 10);
  }
  EXPECT_GE(pages, 3);
  std::vector<Value> expected;
  for (int i = 0; i < 30; ++i) expected.push_back(S(padded(i)));
  EXPECT_EQ(seen, expected);

  q.exclusive_start_key.reset();
  QueryResult all = store_->query_all(q);
  EXPECT_EQ(sort_keys(all.items), expected);
  EXPECT_EQ(all.items[29].at("payload").s().size(), 100u * 1024);
}

// query_each reads what query_all returns, handing each item over as it is read (the
// visitor may take it): the same items, scanned count, units and continuation, with a
// filter, a projection and a limit; a visitor that throws ends the query.
TEST_P(QueryTest, QueryEachVisitsWhatQueryAllReturns) {
  std::string table = make_table("each");
  fill(table, "p", 30, 100 * 1024);
  QueryRequest q = query_request(table, S("p"));
  QueryResult all = store_->query_all(q);
  std::vector<Item> taken;
  QueryResult each = store_->query_each(q, [&](Item& it) { taken.push_back(std::move(it)); });
  EXPECT_EQ(taken, all.items);
  EXPECT_TRUE(each.items.empty());
  EXPECT_EQ(each.scanned_count, all.scanned_count);
  EXPECT_EQ(each.consumed.read_units, all.consumed.read_units);
  EXPECT_FALSE(each.last_evaluated_key);

  q.filter = cond::ge(cond::path("i"), N(20));
  q.projection = {Path("SK"), Path("i")};
  q.limit = 25;
  all = store_->query_all(q);
  std::vector<Item> copied;
  each = store_->query_each(q, [&](Item& it) { copied.push_back(it); });
  EXPECT_EQ(copied.size(), 5u);
  EXPECT_EQ(copied, all.items);
  EXPECT_EQ(each.last_evaluated_key, all.last_evaluated_key);

  int visited = 0;
  struct Stop {};
  EXPECT_THROW(store_->query_each(query_request(table, S("p")),
                                  [&](Item&) {
                                    if (++visited == 12) throw Stop{};
                                  }),
               Stop);
  EXPECT_EQ(visited, 12);
}

// Items of different attributes, one after another: a visitor that leaves each item in
// place sees each as stored, nothing of the one before.
TEST_P(QueryTest, QueryEachSeesEachItemAsStored) {
  std::string table = make_table("each-mixed");
  put(table, item("p", "a", {{"b", N(1)}, {"d", S("x")}}));
  put(table, item("p", "b", {{"c", S("long enough to be on the heap, not inline")}}));
  put(table, item("p", "c", {{"b", S("now a string")}, {"e", Value::Bool(true)}}));
  put(table, item("p", "d", {}));
  QueryRequest q = query_request(table, S("p"));
  std::vector<Item> copied;
  store_->query_each(q, [&](Item& it) { copied.push_back(it); });
  EXPECT_EQ(copied, store_->query_all(q).items);
  EXPECT_EQ(copied.size(), 4u);
}

TEST_P(QueryTest, OneMegabytePagesCountItemsTheFilterDrops) {
  std::string table = make_table("paging-filter");
  fill(table, "p", 30, 100 * 1024);
  QueryRequest q = query_request(table, S("p"));
  q.filter = cond::eq(cond::path("i"), N(25));
  QueryResult first = store_->query(q);
  EXPECT_TRUE(first.items.empty());  // the page ends at 1 MB read, before item 25
  EXPECT_LE(first.scanned_count, 11);
  EXPECT_TRUE(first.last_evaluated_key);
  QueryResult all = store_->query_all(q);
  EXPECT_EQ(values_of(all.items, "i"), (std::vector<Value>{N(25)}));
}

TEST_P(QueryTest, TheFilterSeesAttributesTheProjectionLeavesOut) {
  std::string table = make_table("filter-proj");
  fill(table, "p", 10);
  QueryRequest q = query_request(table, S("p"));
  q.filter = cond::ge(cond::path("i"), N(7));
  q.projection = {Path("SK")};
  QueryResult page = store_->query(q);
  EXPECT_EQ(page.items,
            (std::vector<Item>{{{"SK", S("007")}}, {{"SK", S("008")}}, {{"SK", S("009")}}}));
  EXPECT_EQ(page.scanned_count, 10);
}

TEST_P(QueryTest, HashOnlyTablesQueryToTheOneItem) {
  std::string table = make_hash_table("q-hash");
  put(table, {{"PK", S("a")}, {"v", N(1)}});
  put(table, {{"PK", S("b")}, {"v", N(2)}});
  QueryResult page = store_->query(query_request(table, S("a")));
  EXPECT_EQ(page.items, (std::vector<Item>{{{"PK", S("a")}, {"v", N(1)}}}));
  EXPECT_FALSE(page.last_evaluated_key);
}

TEST_P(QueryTest, QueryManyReturnsResultsInRequestOrder) {
  std::string table = make_table("many");
  fill(table, "a", 2);
  fill(table, "b", 3);
  std::vector<QueryRequest> requests{query_request(table, S("b")), query_request(table, S("none")),
                                     query_request(table, S("a"))};
  auto results = store_->query_many(requests);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].items.size(), 3u);
  EXPECT_TRUE(results[1].items.empty());
  EXPECT_EQ(results[2].items.size(), 2u);
  EXPECT_EQ(results[2].items[0].at("PK"), S("a"));
}

// More queries than the DynamoDB engine runs at once (8), its calling thread one of the
// workers: every one is answered, in order; one that fails fails the call with its error.
TEST_P(QueryTest, QueryManyAnswersEveryQueryAndRaisesAFailure) {
  std::string table = make_table("many-wide");
  std::vector<QueryRequest> requests;
  for (int k = 0; k < 11; ++k) {
    fill(table, "p" + std::to_string(k), k % 4);
    requests.push_back(query_request(table, S("p" + std::to_string(k))));
  }
  auto results = store_->query_many(requests);
  ASSERT_EQ(results.size(), requests.size());
  for (std::size_t k = 0; k < results.size(); ++k) {
    ASSERT_EQ(results[k].items.size(), k % 4) << k;
    if (!results[k].items.empty()) {
      EXPECT_EQ(results[k].items[0].at("PK"), requests[k].partition_value) << k;
    }
  }
  requests[9].partition_value = N(1);  // the wrong partition key type
  EXPECT_THROW(store_->query_many(requests), ValidationError);
  requests[9] = requests[0];
  requests[0].partition_value = N(1);  // the calling thread's first query
  EXPECT_THROW(store_->query_many(requests), ValidationError);
}

// query_many_visit reads the pages query_many reads, handing each item to the visitor
// with its query's index, in each query's order: the results carry no items, but the same
// scanned counts, units and continuation keys.
TEST_P(QueryTest, QueryManyVisitVisitsThePagesQueryManyReads) {
  std::string table = make_table("many-visit");
  fill(table, "a", 2);
  fill(table, "b", 30, 100 * 1024);  // more than a page
  std::vector<QueryRequest> requests{query_request(table, S("b")), query_request(table, S("none")),
                                     query_request(table, S("a"))};
  requests[2].projection = {Path("SK")};
  auto read = store_->query_many(requests);
  std::vector<std::vector<Item>> visited(requests.size());
  auto pages = store_->query_many_visit(
      requests, [&](std::size_t k, Item& it) { visited.at(k).push_back(std::move(it)); });
  ASSERT_EQ(pages.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(visited[k], read[k].items) << k;
    EXPECT_TRUE(pages[k].items.empty()) << k;
    EXPECT_EQ(pages[k].scanned_count, read[k].scanned_count) << k;
    EXPECT_EQ(pages[k].consumed.read_units, read[k].consumed.read_units) << k;
    EXPECT_EQ(pages[k].last_evaluated_key, read[k].last_evaluated_key) << k;
  }
  EXPECT_TRUE(pages[0].last_evaluated_key);  // the first page of b ends at 1 MB
  EXPECT_EQ(visited[2], (std::vector<Item>{{{"SK", S("000")}}, {{"SK", S("001")}}}));

  struct Stop {};
  EXPECT_THROW(store_->query_many_visit(requests, [](std::size_t, Item&) { throw Stop{}; }),
               Stop);
}

}  // namespace
}  // namespace alexdb::conformance
