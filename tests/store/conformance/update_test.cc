// Updates: every action, return values, upserts, and the updates DynamoDB rejects.
#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

using namespace alexdb::cond;

class UpdateTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (!store_) return;
    table_ = make_table("updates");
    stored_ = item("p", "s");
    stored_["count"] = N(10);
    stored_["copy_me"] = S("x");
    stored_["list"] = Value::L({N(1)});
    stored_["tags"] = Value::SS({"a", "b"});
    stored_["nums"] = Value::NS({D("1"), D("2")});
    stored_["m"] = Value::M({{"x", N(1)}, {"y", S("why")}});
    stored_["gone"] = S("bye");
    put(table_, stored_);
  }

  // Applies `u` to the stored item and returns the item afterwards.
  Item apply(const Update& u) {
    update(table_, key("p", "s"), u);
    auto after = get(table_, key("p", "s"));
    EXPECT_TRUE(after);
    return after.value_or(Item{});
  }

  // Expects `u` to be rejected with ValidationError and to change nothing.
  void expect_rejected(const Update& u) {
    EXPECT_THROW(update(table_, key("p", "s"), u), ValidationError);
    EXPECT_EQ(get(table_, key("p", "s")), stored_);
  }

  std::string table_;
  Item stored_;
};
ALEXDB_CONFORMANCE_SUITE(UpdateTest);

TEST_P(UpdateTest, SetALiteralAddsOrReplaces) {
  Update u;
  u.set("literal", S("lit")).set("count", N(11));
  Item after = apply(u);
  EXPECT_EQ(after.at("literal"), S("lit"));
  EXPECT_EQ(after.at("count"), N(11));
  EXPECT_EQ(after.at("copy_me"), S("x"));  // untouched attributes stay
}

TEST_P(UpdateTest, SetFromAPathCopiesTheValue) {
  Update u;
  u.set("copied", Path("copy_me")).set("deep", Path("m").key("y"));
  Item after = apply(u);
  EXPECT_EQ(after.at("copied"), S("x"));
  EXPECT_EQ(after.at("deep"), S("why"));
}

TEST_P(UpdateTest, SetANestedPath) {
  Update u;
  u.set(Path("m").key("x"), N(2))
      .set(Path("m").key("z"), S("new"))
      .set(Path("list").index(0), S("first"));
  Item after = apply(u);
  EXPECT_EQ(after.at("m"), Value::M({{"x", N(2)}, {"y", S("why")}, {"z", S("new")}}));
  EXPECT_EQ(after.at("list"), Value::L({S("first")}));
}

TEST_P(UpdateTest, SetPastTheEndOfAListAppends) {
  Update u;
  u.set(Path("list").index(5), N(9));
  EXPECT_EQ(apply(u).at("list"), Value::L({N(1), N(9)}));
}

TEST_P(UpdateTest, IfNotExistsKeepsAnExistingValue) {
  Update u;
  u.set("count", if_not_exists("count", N(100))).set("fresh", if_not_exists("fresh", N(100)));
  Item after = apply(u);
  EXPECT_EQ(after.at("count"), N(10));
  EXPECT_EQ(after.at("fresh"), N(100));
}

TEST_P(UpdateTest, PlusAndMinusAreExact) {
  Update u;
  u.set("count", UpdateExpr(Path("count")) - N("0.1"))
      .set("counter", if_not_exists("counter", N(100)) + N(1))
      .set("sum", UpdateExpr(Path("count")) + Path("count"));
  Item after = apply(u);
  EXPECT_EQ(after.at("count"), N("9.9"));
  EXPECT_EQ(after.at("counter"), N(101));
  EXPECT_EQ(after.at("sum"), N(20));  // operands read the item before the update
}

TEST_P(UpdateTest, ListAppendAtEitherEnd) {
  Update u;
  u.set("list", list_append(Path("list"), Value::L({N(2), N(3)})));
  EXPECT_EQ(apply(u).at("list"), Value::L({N(1), N(2), N(3)}));
  Update front;
  front.set("list", list_append(Value::L({N(0)}), Path("list")));
  EXPECT_EQ(apply(front).at("list"), Value::L({N(0), N(1), N(2), N(3)}));
  Update fresh;
  fresh.set("new_list", list_append(if_not_exists("new_list", Value::L({})), Value::L({S("a")})));
  EXPECT_EQ(apply(fresh).at("new_list"), Value::L({S("a")}));
}

TEST_P(UpdateTest, RemoveDropsAttributesAndNestedElements) {
  Update u;
  u.remove("gone").remove(Path("m").key("y")).remove("absent");
  Item after = apply(u);
  EXPECT_FALSE(after.contains("gone"));
  EXPECT_EQ(after.at("m"), Value::M({{"x", N(1)}}));
  Update list;
  list.set("list", Value::L({S("a"), S("b"), S("c")}));
  apply(list);
  Update drop;
  drop.remove(Path("list").index(0));
  EXPECT_EQ(apply(drop).at("list"), Value::L({S("b"), S("c")}));
}

TEST_P(UpdateTest, AddToANumber) {
  Update u;
  u.add("count", N(-3)).add("added", N("2.5"));
  Item after = apply(u);
  EXPECT_EQ(after.at("count"), N(7));
  EXPECT_EQ(after.at("added"), N("2.5"));  // a missing number counts as 0
}

TEST_P(UpdateTest, AddToASet) {
  Update u;
  u.add("tags", Value::SS({"b", "c"}))
      .add("nums", Value::NS({D("3")}))
      .add("bins", Value::BS({Bytes("z")}));
  Item after = apply(u);
  EXPECT_EQ(after.at("tags"), Value::SS({"a", "b", "c"}));
  EXPECT_EQ(after.at("nums"), Value::NS({D("1"), D("2"), D("3")}));
  EXPECT_EQ(after.at("bins"), Value::BS({Bytes("z")}));
}

TEST_P(UpdateTest, DeleteFromASet) {
  Update u;
  u.delete_elements("tags", Value::SS({"a", "zz"}))
      .delete_elements("nums", Value::NS({D("1"), D("2")}));
  Item after = apply(u);
  EXPECT_EQ(after.at("tags"), Value::SS({"b"}));
  EXPECT_FALSE(after.contains("nums"));  // an emptied set is removed
  Update missing;
  missing.delete_elements("absent", Value::SS({"a"}));
  EXPECT_FALSE(apply(missing).contains("absent"));
}

TEST_P(UpdateTest, AllActionsInOneUpdate) {
  Update u;
  u.set("literal", S("lit"))
      .remove("gone")
      .add("count", N(1))
      .delete_elements("tags", Value::SS({"a"}));
  Item expected = stored_;
  expected["literal"] = S("lit");
  expected.erase("gone");
  expected["count"] = N(11);
  expected["tags"] = Value::SS({"b"});
  auto result = update(table_, key("p", "s"), u, ReturnValues::kAllNew);
  EXPECT_EQ(result.attributes, expected);
  EXPECT_EQ(get(table_, key("p", "s")), expected);
}

TEST_P(UpdateTest, ReturnValuesOnUpdate) {
  Update u;
  u.set("count", N(20)).set("fresh", S("f")).remove("gone");
  Item old_item = stored_;
  EXPECT_FALSE(update(table_, key("p", "s"), u, ReturnValues::kNone).attributes);

  put(table_, stored_);
  EXPECT_EQ(update(table_, key("p", "s"), u, ReturnValues::kAllOld).attributes, old_item);

  put(table_, stored_);
  EXPECT_EQ(update(table_, key("p", "s"), u, ReturnValues::kUpdatedOld).attributes,
            (Item{{"count", N(10)}, {"gone", S("bye")}}));

  put(table_, stored_);
  Item new_item = stored_;
  new_item["count"] = N(20);
  new_item["fresh"] = S("f");
  new_item.erase("gone");
  EXPECT_EQ(update(table_, key("p", "s"), u, ReturnValues::kAllNew).attributes, new_item);

  put(table_, stored_);
  EXPECT_EQ(update(table_, key("p", "s"), u, ReturnValues::kUpdatedNew).attributes,
            (Item{{"count", N(20)}, {"fresh", S("f")}}));
}

TEST_P(UpdateTest, UpdatedValuesOfANestedPathAreThatPathOnly) {
  Update u;
  u.set(Path("m").key("x"), N(5));
  EXPECT_EQ(update(table_, key("p", "s"), u, ReturnValues::kUpdatedOld).attributes,
            (Item{{"m", Value::M({{"x", N(1)}})}}));
  Update again;
  again.set(Path("m").key("x"), N(6));
  EXPECT_EQ(update(table_, key("p", "s"), again, ReturnValues::kUpdatedNew).attributes,
            (Item{{"m", Value::M({{"x", N(6)}})}}));
}

TEST_P(UpdateTest, UpdateCreatesTheItemWhenMissing) {
  Update u;
  u.set("v", N(1)).add("n", N(2)).add("tags", Value::SS({"t"}));
  auto result = update(table_, key("p", "up"), u, ReturnValues::kAllNew);
  Item expected = item("p", "up", {{"v", N(1)}, {"n", N(2)}, {"tags", Value::SS({"t"})}});
  EXPECT_EQ(result.attributes, expected);
  EXPECT_EQ(get(table_, key("p", "up")), expected);
}

TEST_P(UpdateTest, AnUpsertWithNothingToSetCreatesTheKeyOnly) {
  Update u;
  u.remove("absent");
  update(table_, key("p", "bare"), u);
  EXPECT_EQ(get(table_, key("p", "bare")), key("p", "bare"));
}

TEST_P(UpdateTest, ReturnValuesOfAnUpsert) {
  Update u;
  u.set("v", N(1));
  auto old_values = update(table_, key("p", "up1"), u, ReturnValues::kAllOld).attributes;
  EXPECT_TRUE(!old_values || old_values->empty());
  auto updated_new = update(table_, key("p", "up2"), u, ReturnValues::kUpdatedNew).attributes;
  EXPECT_EQ(updated_new, (Item{{"v", N(1)}}));
}

TEST_P(UpdateTest, UpdatingAKeyAttributeIsRejected) {
  Update set_sk;
  set_sk.set("SK", S("other"));
  expect_rejected(set_sk);
  Update remove_pk;
  remove_pk.remove("PK");
  expect_rejected(remove_pk);
  Update add_pk;
  add_pk.add("PK", S("x"));
  expect_rejected(add_pk);
  EXPECT_FALSE(get(table_, key("p", "other")));
}

TEST_P(UpdateTest, ArithmeticOnANonNumberIsRejected) {
  Update plus;
  plus.set("copy_me", UpdateExpr(Path("copy_me")) + N(1));
  expect_rejected(plus);
  Update missing;
  missing.set("x", UpdateExpr(Path("absent")) + N(1));  // a missing operand is an error
  expect_rejected(missing);
  Update add;
  add.add("copy_me", N(1));
  expect_rejected(add);
}

TEST_P(UpdateTest, SetOperationsOnTheWrongTypeAreRejected) {
  Update add_number_to_set;
  add_number_to_set.add("tags", N(1));
  expect_rejected(add_number_to_set);
  Update add_wrong_set;
  add_wrong_set.add("tags", Value::NS({D("1")}));
  expect_rejected(add_wrong_set);
  Update delete_from_number;
  delete_from_number.delete_elements("count", Value::NS({D("10")}));
  expect_rejected(delete_from_number);
  Update append_to_set;
  append_to_set.set("tags", list_append(Path("tags"), Value::L({S("x")})));
  expect_rejected(append_to_set);
}

TEST_P(UpdateTest, InvalidDocumentPathsAreRejected) {
  Update under_missing_map;
  under_missing_map.set(Path("absent").key("x"), N(1));
  expect_rejected(under_missing_map);
  Update into_a_number;
  into_a_number.set(Path("count").key("x"), N(1));
  expect_rejected(into_a_number);
}

TEST_P(UpdateTest, CopyingAMissingAttributeIsRejected) {
  Update copy;
  copy.set("x", Path("absent"));
  expect_rejected(copy);
  Update append;
  append.set("x", list_append(Path("absent"), Value::L({N(1)})));
  expect_rejected(append);
}

// DynamoDB accepts an UpdateItem without an UpdateExpression; the Store interface
// treats an empty Update as a caller's mistake, on every engine alike.
TEST_P(UpdateTest, AnEmptyUpdateIsRejected) {
  expect_rejected(Update());
  EXPECT_THROW(update(table_, key("p", "new"), Update()), ValidationError);
  EXPECT_FALSE(get(table_, key("p", "new")));
}

TEST_P(UpdateTest, OverlappingPathsAreRejected) {
  Update twice;
  twice.set("count", N(1)).remove("count");
  expect_rejected(twice);
  Update parent_and_child;
  parent_and_child.set("m", Value::M({})).set(Path("m").key("x"), N(2));
  expect_rejected(parent_and_child);
}

}  // namespace
}  // namespace alexdb::conformance
