#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

using namespace alexdb::cond;

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
  Item item = key("p", "s");
  item["s"] = S("text é");
  item["n"] = N("-12.500");
  item["b"] = Value::B(Bytes(std::string("\x00\xff\x10", 3)));
  item["t"] = Value::Bool(true);
  item["z"] = Value::Null();
  item["m"] = Value::M({{"inner", N(1)}, {"list", Value::L({S("a"), N(2)})}});
  item["ss"] = Value::SS({"x", "y"});
  item["ns"] = Value::NS({Decimal::parse("1.5"), Decimal::parse("-2")});
  item["bs"] = Value::BS({Bytes("a"), Bytes(std::string("\x00", 1))});
  put(table_, item);
  auto got = get(table_, key("p", "s"));
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, item);
  EXPECT_EQ(got->at("n").n().to_string(), "-12.5");
}

TEST_P(ItemTest, GetOfAMissingItemIsEmpty) {
  EXPECT_FALSE(get(table_, key("p", "nothing")));
}

TEST_P(ItemTest, GetWithProjectionReturnsOnlyThosePaths) {
  Item item = key("p", "s");
  item["a"] = N(1);
  item["b"] = N(2);
  item["m"] = Value::M({{"x", N(3)}, {"y", N(4)}});
  put(table_, item);
  auto got = store_->get({table_, key("p", "s"), true, {Path("a"), Path("m").key("x")}});
  ASSERT_TRUE(got.item);
  EXPECT_EQ(*got.item, (Item{{"a", N(1)}, {"m", Value::M({{"x", N(3)}})}}));
}

TEST_P(ItemTest, PutReplacesTheWholeItemAndReturnsTheOld) {
  Item first = key("p", "s");
  first["a"] = N(1);
  put(table_, first);
  Item second = key("p", "s");
  second["b"] = N(2);
  auto result = store_->put({table_, second, std::nullopt, ReturnValues::kAllOld});
  ASSERT_TRUE(result.attributes);
  EXPECT_EQ(*result.attributes, first);
  EXPECT_EQ(*get(table_, key("p", "s")), second);
}

TEST_P(ItemTest, ConditionalPutPassesAndFails) {
  Item item = key("p", "s");
  item["v"] = N(1);
  store_->put({table_, item, attribute_not_exists("PK"), ReturnValues::kNone});
  Item changed = item;
  changed["v"] = N(2);
  EXPECT_THROW(store_->put({table_, changed, attribute_not_exists("PK"), ReturnValues::kNone}),
               ConditionFailed);
  EXPECT_EQ(get(table_, key("p", "s"))->at("v"), N(1));
  store_->put({table_, changed, eq(path("v"), N(1)), ReturnValues::kNone});
  EXPECT_EQ(get(table_, key("p", "s"))->at("v"), N(2));
}

TEST_P(ItemTest, ConditionsCombineWithAndOrNot) {
  Item item = key("p", "s");
  item["v"] = N(5);
  item["name"] = S("position");
  put(table_, item);
  auto try_delete = [&](Condition c) {
    try {
      store_->remove({table_, key("p", "s"), c, ReturnValues::kNone});
      return true;
    } catch (const ConditionFailed&) {
      return false;
    }
  };
  EXPECT_FALSE(try_delete(gt(path("v"), N(5)) || begins_with("name", S("x"))));
  EXPECT_FALSE(try_delete(!(between(path("v"), N(1), N(9)))));
  EXPECT_FALSE(try_delete(ge(path("v"), N(5)) && attribute_exists("missing")));
  ASSERT_TRUE(get(table_, key("p", "s")));
  EXPECT_TRUE(try_delete(le(path("v"), N(5)) && begins_with("name", S("pos")) &&
                         ne(path("missing"), N(1))));
  EXPECT_FALSE(get(table_, key("p", "s")));
}

TEST_P(ItemTest, ConditionOnAMissingItemSeesNoAttributes) {
  EXPECT_THROW(store_->put({table_, key("p", "new"), attribute_exists("PK"), ReturnValues::kNone}),
               ConditionFailed);
  EXPECT_THROW(store_->remove({table_, key("p", "new"), eq(path("v"), N(1)), ReturnValues::kNone}),
               ConditionFailed);
  EXPECT_FALSE(get(table_, key("p", "new")));
  store_->remove({table_, key("p", "new"), attribute_not_exists("PK"), ReturnValues::kNone});
}

TEST_P(ItemTest, DeleteReturnsTheOldItemAndIgnoresMissingOnes) {
  Item item = key("p", "s");
  item["v"] = N(1);
  put(table_, item);
  auto result = store_->remove({table_, key("p", "s"), std::nullopt, ReturnValues::kAllOld});
  ASSERT_TRUE(result.attributes);
  EXPECT_EQ(*result.attributes, item);
  auto again = store_->remove({table_, key("p", "s"), std::nullopt, ReturnValues::kAllOld});
  EXPECT_FALSE(again.attributes);
}

TEST_P(ItemTest, UpdateCreatesTheItemWhenMissing) {
  Update u;
  u.set("v", Value::N(std::int64_t{1}));
  auto result = store_->update({table_, key("p", "up"), u, std::nullopt, ReturnValues::kAllNew});
  Item expected = key("p", "up");
  expected["v"] = N(1);
  ASSERT_TRUE(result.attributes);
  EXPECT_EQ(*result.attributes, expected);
  EXPECT_EQ(*get(table_, key("p", "up")), expected);
}

TEST_P(ItemTest, EveryUpdateActionApplies) {
  Item item = key("p", "s");
  item["count"] = N(10);
  item["copy_me"] = S("x");
  item["list"] = Value::L({N(1)});
  item["tags"] = Value::SS({"a", "b"});
  item["gone"] = S("bye");
  put(table_, item);
  Update u;
  u.set("literal", S("lit"))
      .set("copied", Path("copy_me"))
      .set("counter", if_not_exists("counter", Value::N(std::int64_t{100})) + Value::N(std::int64_t{1}))
      .set("count", UpdateExpr(Path("count")) - Value::N(std::int64_t{3}))
      .set("list", list_append(Path("list"), Value::L({N(2)})))
      .remove("gone")
      .add("added", N("2.5"))
      .add("tags", Value::SS({"c"}))
      .delete_elements("other_tags", Value::SS({"z"}));
  auto result = store_->update({table_, key("p", "s"), u, std::nullopt, ReturnValues::kAllNew});
  ASSERT_TRUE(result.attributes);
  const Item& got = *result.attributes;
  EXPECT_EQ(got.at("literal"), S("lit"));
  EXPECT_EQ(got.at("copied"), S("x"));
  EXPECT_EQ(got.at("counter"), N(101));
  EXPECT_EQ(got.at("count"), N(7));
  EXPECT_EQ(got.at("list"), Value::L({N(1), N(2)}));
  EXPECT_FALSE(got.contains("gone"));
  EXPECT_EQ(got.at("added"), N("2.5"));
  EXPECT_EQ(got.at("tags"), Value::SS({"a", "b", "c"}));
  EXPECT_EQ(*get(table_, key("p", "s")), got);

  Update d;
  d.delete_elements("tags", Value::SS({"a", "b", "c"})).add("count", N(-7));
  store_->update({table_, key("p", "s"), d, std::nullopt, ReturnValues::kNone});
  auto after = get(table_, key("p", "s"));
  EXPECT_FALSE(after->contains("tags"));
  EXPECT_EQ(after->at("count"), N(0));
}

TEST_P(ItemTest, UpdateReturnValuesOldAndNew) {
  Item item = key("p", "s");
  item["a"] = N(1);
  item["b"] = N(2);
  put(table_, item);
  Update u;
  u.set("a", Value::N(std::int64_t{10}));
  auto updated_old = store_->update({table_, key("p", "s"), u, std::nullopt, ReturnValues::kUpdatedOld});
  EXPECT_EQ(*updated_old.attributes, (Item{{"a", N(1)}}));
  u = Update();
  u.set("a", Value::N(std::int64_t{20}));
  auto updated_new = store_->update({table_, key("p", "s"), u, std::nullopt, ReturnValues::kUpdatedNew});
  EXPECT_EQ(*updated_new.attributes, (Item{{"a", N(20)}}));
  u = Update();
  u.set("a", Value::N(std::int64_t{30}));
  auto all_old = store_->update({table_, key("p", "s"), u, std::nullopt, ReturnValues::kAllOld});
  EXPECT_EQ(all_old.attributes->at("a"), N(20));
  EXPECT_EQ(all_old.attributes->at("b"), N(2));
  auto none = store_->update({table_, key("p", "s"), u, std::nullopt, ReturnValues::kNone});
  EXPECT_FALSE(none.attributes);
}

TEST_P(ItemTest, ConditionalUpdateFailsWithoutChanging) {
  Item item = key("p", "s");
  item["version"] = N(3);
  put(table_, item);
  Update u;
  u.set("version", Value::N(std::int64_t{5}));
  EXPECT_THROW(store_->update({table_, key("p", "s"), u, eq(path("version"), N(4)), ReturnValues::kNone}),
               ConditionFailed);
  EXPECT_EQ(get(table_, key("p", "s"))->at("version"), N(3));
}

TEST_P(ItemTest, UpdatingAKeyAttributeIsRejected) {
  put(table_, key("p", "s"));
  Update u;
  u.set("SK", S("other"));
  EXPECT_THROW(store_->update({table_, key("p", "s"), u, std::nullopt, ReturnValues::kNone}),
               ValidationError);
}

TEST_P(ItemTest, ArithmeticOnANonNumberIsRejected) {
  Item item = key("p", "s");
  item["text"] = S("abc");
  put(table_, item);
  Update u;
  u.set("text", UpdateExpr(Path("text")) + Value::N(std::int64_t{1}));
  EXPECT_THROW(store_->update({table_, key("p", "s"), u, std::nullopt, ReturnValues::kNone}),
               ValidationError);
  EXPECT_EQ(get(table_, key("p", "s"))->at("text"), S("abc"));
}

}  // namespace
}  // namespace alexdb::conformance
