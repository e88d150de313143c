// Single items: put, get (projection, consistency), delete, and return values.
#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

class ItemTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (store_) table_ = make_table("items");
  }
  std::string table_;
};
ALEXDB_CONFORMANCE_SUITE(ItemTest);

TEST_P(ItemTest, PutThenGetReturnsEveryType) {
  Item it = item("p", "s");
  it["s"] = S("text \xc3\xa9 \xf0\x9f\x98\x80");
  it["n"] = N("-12.500");
  it["b"] = B(std::string("\x00\xff\x10", 3));
  it["t"] = Value::Bool(true);
  it["f"] = Value::Bool(false);
  it["z"] = Value::Null();
  it["m"] =
      Value::M({{"inner", N(1)}, {"list", Value::L({S("a"), N(2), Value::M({{"deep", S("x")}})})}});
  it["ss"] = Value::SS({"x", "y"});
  it["ns"] = Value::NS({D("1.5"), D("-2"), D("1e-130")});
  it["bs"] = Value::BS({Bytes("a"), Bytes(std::string("\x00", 1))});
  put(table_, it);
  auto got = get(table_, key("p", "s"));
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, it);
  EXPECT_EQ(got->at("n").n().to_string(), "-12.5");
  EXPECT_EQ(got->at("b").b().data(), std::string("\x00\xff\x10", 3));
}

TEST_P(ItemTest, EmptyStringsListsAndMapsOutsideKeysRoundTrip) {
  Item it = item("p", "empty", {{"s", S("")}, {"l", Value::L({})}, {"m", Value::M({})}});
  put(table_, it);
  EXPECT_EQ(get(table_, key("p", "empty")), it);
}

TEST_P(ItemTest, GetOfAMissingItemIsEmpty) {
  put(table_, item("p", "other"));
  put(table_, item("q", "s"));
  EXPECT_FALSE(get(table_, key("p", "s")));
  EXPECT_FALSE(store_->get({table_, key("p", "s"), false, {}}).item);
}

TEST_P(ItemTest, ItemsWithTheSameSortKeyInOtherPartitionsAreDistinct) {
  put(table_, item("p1", "s", {{"v", N(1)}}));
  put(table_, item("p2", "s", {{"v", N(2)}}));
  EXPECT_EQ(get(table_, key("p1", "s"))->at("v"), N(1));
  EXPECT_EQ(get(table_, key("p2", "s"))->at("v"), N(2));
}

TEST_P(ItemTest, ConsistentAndEventualReadsReturnTheItem) {
  Item it = item("p", "s", {{"v", N(7)}});
  put(table_, it);
  EXPECT_EQ(store_->get({table_, key("p", "s"), true, {}}).item, it);
  // The embedded engine and dynalite are immediately consistent; DynamoDB usually is.
  EXPECT_EQ(store_->get({table_, key("p", "s"), false, {}}).item, it);
}

TEST_P(ItemTest, GetWithProjectionReturnsOnlyThosePaths) {
  Item it = item("p", "s", {{"a", N(1)}, {"b", N(2)}});
  it["m"] = Value::M({{"x", N(3)}, {"y", N(4)}});
  it["l"] = Value::L({S("l0"), S("l1"), S("l2")});
  put(table_, it);
  auto got = store_->get({table_,
                          key("p", "s"),
                          true,
                          {Path("a"), Path("m").key("x"), Path("l").index(1), Path("absent")}});
  ASSERT_TRUE(got.item);
  EXPECT_EQ(*got.item,
            (Item{{"a", N(1)}, {"m", Value::M({{"x", N(3)}})}, {"l", Value::L({S("l1")})}}));
}

TEST_P(ItemTest, ProjectionDoesNotAddTheKeyUnlessAsked) {
  put(table_, item("p", "s", {{"a", N(1)}}));
  auto without = store_->get({table_, key("p", "s"), false, {Path("a")}});
  EXPECT_EQ(without.item, (Item{{"a", N(1)}}));
  auto with = store_->get({table_, key("p", "s"), false, {Path("SK"), Path("a")}});
  EXPECT_EQ(with.item, (Item{{"SK", S("s")}, {"a", N(1)}}));
}

// Attribute names are data: dots, brackets, '#', ':' and spaces are part of the name.
TEST_P(ItemTest, AttributeNamesWithExpressionCharactersAreData) {
  Item it = item("p", "s",
                 {{"a.b", N(1)},
                  {"c[0]", N(2)},
                  {"#x", N(3)},
                  {":v", N(4)},
                  {"sp ace", N(5)},
                  {"\xc3\xa9", N(6)},
                  {"a", Value::M({{"b", N(7)}})}});
  put(table_, it);
  EXPECT_EQ(get(table_, key("p", "s")), it);
  auto projected = store_->get({table_, key("p", "s"), true, {Path("a.b"), Path("a").key("b")}});
  EXPECT_EQ(projected.item, (Item{{"a.b", N(1)}, {"a", Value::M({{"b", N(7)}})}}));
  Update u;
  u.set("a.b", N(10)).add("#x", N(1)).remove("c[0]");
  store_->update({table_, key("p", "s"), u,
                  cond::eq(cond::path(":v"), N(4)) && cond::attribute_exists("sp ace"),
                  ReturnValues::kNone});
  auto got = get(table_, key("p", "s"));
  ASSERT_TRUE(got);
  EXPECT_EQ(got->at("a.b"), N(10));
  EXPECT_EQ(got->at("a"), Value::M({{"b", N(7)}}));  // the nested a.b is another path
  EXPECT_EQ(got->at("#x"), N(4));
  EXPECT_FALSE(got->contains("c[0]"));
}

TEST_P(ItemTest, OverlappingProjectionPathsAreRejected) {
  put(table_, item("p", "s", {{"m", Value::M({{"x", N(3)}})}}));
  EXPECT_THROW(store_->get({table_, key("p", "s"), true, {Path("m"), Path("m").key("x")}}),
               ValidationError);
  EXPECT_THROW(store_->get({table_, key("p", "s"), true, {Path("m"), Path("m")}}), ValidationError);
}

TEST_P(ItemTest, NumbersComeBackCanonical) {
  put(table_, item("p", "s",
                   {{"a", N("1.50")},
                    {"b", N("-0")},
                    {"c", N("1e2")},
                    {"d", N("0.0001e4")},
                    {"e", N("-000.010")}}));
  auto got = get(table_, key("p", "s"));
  ASSERT_TRUE(got);
  EXPECT_EQ(got->at("a").n().to_string(), "1.5");
  EXPECT_EQ(got->at("b").n().to_string(), "0");
  EXPECT_EQ(got->at("c").n().to_string(), "100");
  EXPECT_EQ(got->at("d").n().to_string(), "1");
  EXPECT_EQ(got->at("e").n().to_string(), "-0.01");
}

TEST_P(ItemTest, ReturnValuesOtherThanAllOldAreRejectedOnPutAndDelete) {
  put(table_, item("p", "s", {{"v", N(1)}}));
  EXPECT_THROW(
      store_->put({table_, item("p", "s", {{"v", N(2)}}), std::nullopt, ReturnValues::kAllNew}),
      ValidationError);
  EXPECT_THROW(store_->remove({table_, key("p", "s"), std::nullopt, ReturnValues::kUpdatedOld}),
               ValidationError);
  EXPECT_EQ(get(table_, key("p", "s")), item("p", "s", {{"v", N(1)}}));
}

TEST_P(ItemTest, PutReplacesTheWholeItemAndReturnsTheOld) {
  Item first = item("p", "s", {{"a", N(1)}});
  put(table_, first);
  Item second = item("p", "s", {{"b", N(2)}});
  auto result = store_->put({table_, second, std::nullopt, ReturnValues::kAllOld});
  ASSERT_TRUE(result.attributes);
  EXPECT_EQ(*result.attributes, first);
  EXPECT_EQ(get(table_, key("p", "s")), second);
}

TEST_P(ItemTest, PutOfANewItemReturnsNoOldAttributes) {
  auto result =
      store_->put({table_, item("p", "new", {{"a", N(1)}}), std::nullopt, ReturnValues::kAllOld});
  EXPECT_TRUE(!result.attributes || result.attributes->empty());
  auto none =
      store_->put({table_, item("p", "new", {{"a", N(2)}}), std::nullopt, ReturnValues::kNone});
  EXPECT_FALSE(none.attributes);
}

TEST_P(ItemTest, DeleteReturnsTheOldItemAndIgnoresMissingOnes) {
  Item it = item("p", "s", {{"v", N(1)}});
  put(table_, it);
  auto result = store_->remove({table_, key("p", "s"), std::nullopt, ReturnValues::kAllOld});
  ASSERT_TRUE(result.attributes);
  EXPECT_EQ(*result.attributes, it);
  EXPECT_FALSE(get(table_, key("p", "s")));
  auto again = store_->remove({table_, key("p", "s"), std::nullopt, ReturnValues::kAllOld});
  EXPECT_TRUE(!again.attributes || again.attributes->empty());
}

TEST_P(ItemTest, DeleteTouchesOnlyItsItem) {
  put(table_, item("p", "a"));
  put(table_, item("p", "b"));
  store_->remove({table_, key("p", "a"), std::nullopt, ReturnValues::kNone});
  EXPECT_EQ(sort_keys(query(table_, "p").items), (std::vector<Value>{S("b")}));
}

TEST_P(ItemTest, HashOnlyTablesStoreOneItemPerPartitionKey) {
  std::string table = make_hash_table("hash");
  put(table, {{"PK", S("a")}, {"v", N(1)}});
  put(table, {{"PK", S("a")}, {"v", N(2)}});
  put(table, {{"PK", S("b")}, {"v", N(3)}});
  EXPECT_EQ(get(table, {{"PK", S("a")}}), (Item{{"PK", S("a")}, {"v", N(2)}}));
  store_->remove({table, {{"PK", S("a")}}, std::nullopt, ReturnValues::kNone});
  EXPECT_FALSE(get(table, {{"PK", S("a")}}));
  EXPECT_TRUE(get(table, {{"PK", S("b")}}));
  EXPECT_THROW(get(table, key("b", "s")), ValidationError);  // SK is not a key here
}

TEST_P(ItemTest, NumberAndBinaryKeysRoundTrip) {
  std::string table =
      create({"keys-nb", {"id", ScalarType::kN}, KeyAttribute{"at", ScalarType::kB}, {}});
  Item it{{"id", N("-0.25")}, {"at", B(std::string("\x00\x80", 2))}, {"v", S("x")}};
  put(table, it);
  EXPECT_EQ(get(table, {{"id", N("-.250")}, {"at", B(std::string("\x00\x80", 2))}}), it);
  EXPECT_FALSE(get(table, {{"id", N("-0.25")}, {"at", B(std::string("\x00", 1))}}));
}

TEST_P(ItemTest, GetManyReturnsResultsInRequestOrder) {
  put(table_, item("p", "a", {{"v", N(1)}}));
  put(table_, item("p", "c", {{"v", N(3)}}));
  std::vector<GetRequest> requests;
  for (const char* sk : {"c", "b", "a", "c"}) requests.push_back({table_, key("p", sk), true, {}});
  auto results = store_->get_many(requests);
  ASSERT_EQ(results.size(), 4u);
  ASSERT_TRUE(results[0].item);
  EXPECT_EQ(results[0].item->at("v"), N(3));
  EXPECT_FALSE(results[1].item);
  ASSERT_TRUE(results[2].item);
  EXPECT_EQ(results[2].item->at("v"), N(1));
  ASSERT_TRUE(results[3].item);
  EXPECT_EQ(results[3].item->at("v"), N(3));
}

}  // namespace
}  // namespace alexdb::conformance
