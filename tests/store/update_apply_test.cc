// Updates applied with DynamoDB's semantics: one behaviour per test.
#include "store/update_apply.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "alexdb/errors.h"
#include "test_values.h"

namespace alexdb::store {
namespace {

using namespace alexdb::cond;

const std::vector<std::string> kKeys{"PK", "SK"};

using namespace alexdb::test_values;

Item base() {
  return {{"PK", S("p")},
          {"SK", S("s")},
          {"n", N(1)},
          {"s", S("text")},
          {"nothing", Value::Null()},
          {"list", Value::L({S("a"), S("b"), S("c")})},
          {"m", Value::M({{"k", S("v")}, {"inner", Value::M({{"x", N(1)}})}})},
          {"tags", Value::SS({"a", "b"})},
          {"nums", Value::NS({D("1"), D("2")})},
          {"bins", Value::BS({Bytes("x")})}};
}

Item updated(const Update& u, const Item& item = base()) {
  return apply_update(item, u, kKeys).item;
}

// Expects `u` to be rejected with a ValidationError whose rule contains `rule`.
void expect_invalid(const Update& u, const std::string& rule, const Item& item = base()) {
  try {
    apply_update(item, u, kKeys);
    ADD_FAILURE() << "accepted; expected a rule like: " << rule;
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field().rfind("UpdateExpression", 0), 0u) << e.what();
    EXPECT_NE(e.rule().find(rule), std::string::npos) << e.what();
  }
}

const char* kInvalidPath = "document path provided in the update expression is invalid";
const char* kWrongType = "incorrect data type";

// --- SET ---

TEST(UpdateSetTest, ALiteralAddsANewAttribute) {
  Update u;
  u.set("fresh", S("new"));
  Item expected = base();
  expected["fresh"] = S("new");
  EXPECT_EQ(updated(u), expected);
}

TEST(UpdateSetTest, ALiteralReplacesAValueOfAnyType) {
  Update u;
  u.set("s", N(7)).set("m", Value::L({}));
  Item after = updated(u);
  EXPECT_EQ(after.at("s"), N(7));
  EXPECT_EQ(after.at("m"), Value::L({}));
}

TEST(UpdateSetTest, APathCopiesItsValue) {
  Update u;
  u.set("copy", Path("s")).set("deep", Path("m").key("inner").key("x")).set("key", Path("PK"));
  Item after = updated(u);
  EXPECT_EQ(after.at("copy"), S("text"));
  EXPECT_EQ(after.at("deep"), N(1));
  EXPECT_EQ(after.at("key"), S("p"));  // reading a key attribute is allowed
}

TEST(UpdateSetTest, RightHandSidesReadTheItemBeforeTheUpdate) {
  Update u;
  u.set("n", UpdateExpr(Path("n")) + N(1)).set("copy", Path("n"));
  Item after = updated(u);
  EXPECT_EQ(after.at("n"), N(2));
  EXPECT_EQ(after.at("copy"), N(1));
}

TEST(UpdateSetTest, TwoAttributesSwapInOneUpdate) {
  Update u;
  u.set("n", Path("s")).set("s", Path("n"));
  Item after = updated(u);
  EXPECT_EQ(after.at("n"), S("text"));
  EXPECT_EQ(after.at("s"), N(1));
}

TEST(UpdateSetTest, CopyingAMissingAttributeIsRejected) {
  Update u;
  u.set("copy", Path("absent"));
  expect_invalid(u, "refers to an attribute that does not exist");
}

TEST(UpdateSetTest, IfNotExistsKeepsAnExistingValue) {
  Update u;
  u.set("n", if_not_exists("n", N(100)));
  EXPECT_EQ(updated(u).at("n"), N(1));
}

TEST(UpdateSetTest, IfNotExistsTakesTheFallbackWhenMissing) {
  Update u;
  u.set("fresh", if_not_exists("fresh", N(100))).set("copy", if_not_exists("absent", Path("s")));
  Item after = updated(u);
  EXPECT_EQ(after.at("fresh"), N(100));
  EXPECT_EQ(after.at("copy"), S("text"));
}

TEST(UpdateSetTest, IfNotExistsChecksOnePathAndSetsAnother) {
  Update u;
  u.set("fresh", if_not_exists(Path("m").key("k"), S("fallback")));
  EXPECT_EQ(updated(u).at("fresh"), S("v"));
}

TEST(UpdateSetTest, IfNotExistsCountsNullAsExisting) {
  Update u;
  u.set("copy", if_not_exists("nothing", N(1)));
  EXPECT_EQ(updated(u).at("copy"), Value::Null());
}

TEST(UpdateSetTest, AnUnusedFallbackIsNotRead) {
  Update u;
  u.set("copy", if_not_exists("n", Path("absent")));
  EXPECT_EQ(updated(u).at("copy"), N(1));
}

TEST(UpdateSetTest, ListAppendConcatenatesInArgumentOrder) {
  Update back;
  back.set("list", list_append(Path("list"), Value::L({S("d")})));
  EXPECT_EQ(updated(back).at("list"), Value::L({S("a"), S("b"), S("c"), S("d")}));
  Update front;
  front.set("list", list_append(Value::L({S("z")}), Path("list")));
  EXPECT_EQ(updated(front).at("list"), Value::L({S("z"), S("a"), S("b"), S("c")}));
  Update twice;
  twice.set("double", list_append(Path("list"), Path("list")));
  EXPECT_EQ(updated(twice).at("double").l().size(), 6u);
}

TEST(UpdateSetTest, ListAppendWithIfNotExistsStartsAMissingList) {
  Update u;
  u.set("fresh", list_append(if_not_exists("fresh", Value::L({})), Value::L({N(1)})));
  EXPECT_EQ(updated(u).at("fresh"), Value::L({N(1)}));
}

TEST(UpdateSetTest, ListAppendOfANonListIsRejected) {
  Update from_item;
  from_item.set("x", list_append(Path("tags"), Value::L({S("c")})));
  expect_invalid(from_item, kWrongType);
  Update literal;
  literal.set("x", list_append(Path("list"), S("d")));
  expect_invalid(literal, "list_append: operands are L");
}

TEST(UpdateSetTest, PlusAndMinusAreExact) {
  Item item{{"a", N("0.1")}, {"b", N("0.2")}};
  Update u;
  u.set("sum", UpdateExpr(Path("a")) + Path("b")).set("diff", UpdateExpr(N(1)) - Path("a"));
  Item after = updated(u, item);
  EXPECT_EQ(after.at("sum"), N("0.3"));
  EXPECT_EQ(after.at("diff"), N("0.9"));
}

TEST(UpdateSetTest, PlusKeepsAll38Digits) {
  Item item{{"big", N("1234567890123456789012345678901234567")}};
  Update u;
  u.set("big", UpdateExpr(Path("big")) + N("0.1"));
  EXPECT_EQ(updated(u, item).at("big"), N("1234567890123456789012345678901234567.1"));
}

TEST(UpdateSetTest, IfNotExistsPlusOneCountsFromTheFallback) {
  Update u;
  u.set("counter", if_not_exists("counter", N(100)) + N(1))
      .set("n", if_not_exists("n", N(100)) + N(1));
  Item after = updated(u);
  EXPECT_EQ(after.at("counter"), N(101));
  EXPECT_EQ(after.at("n"), N(2));
}

TEST(UpdateSetTest, ArithmeticOnANonNumberIsRejected) {
  Update from_item;
  from_item.set("x", UpdateExpr(Path("s")) + N(1));
  expect_invalid(from_item, kWrongType);
  Update literal;
  literal.set("x", UpdateExpr(Path("n")) - S("1"));
  expect_invalid(literal, "+ and -: operands are N");
}

TEST(UpdateSetTest, ArithmeticWithAMissingOperandIsRejected) {
  Update u;
  u.set("x", UpdateExpr(Path("absent")) + N(1));
  expect_invalid(u, "refers to an attribute that does not exist");
}

TEST(UpdateSetTest, ArithmeticBeyond38DigitsIsRejected) {
  Item item{{"big", N("99999999999999999999999999999999999999")}};
  Update u;
  u.set("big", UpdateExpr(Path("big")) + N("0.5"));
  expect_invalid(u, "38 significant digits", item);
}

TEST(UpdateSetTest, ArithmeticOutOfRangeIsRejected) {
  Item item{{"huge", N("9.9e125")}};
  Update u;
  u.set("huge", UpdateExpr(Path("huge")) + Path("huge"));
  expect_invalid(u, "magnitude", item);
}

TEST(UpdateSetTest, ArithmeticTakesTwoOperandsOnly) {
  Update chained;
  chained.set("x", (UpdateExpr(N(1)) + N(2)) + N(3));
  expect_invalid(chained, "two operands");
  Update in_function;
  in_function.set("x", if_not_exists("x", UpdateExpr(N(1)) + N(2)));
  expect_invalid(in_function, "two operands");
}

TEST(UpdateSetTest, ListAppendMayNotBeAFunctionArgument) {
  Update nested;
  nested.set("x", list_append(list_append(Value::L({}), Value::L({})), Value::L({})));
  expect_invalid(nested, "list_append may not be a function argument");
  Update fallback;
  fallback.set("x", if_not_exists("x", list_append(Value::L({}), Value::L({}))));
  expect_invalid(fallback, "list_append may not be a function argument");
}

TEST(UpdateSetTest, AMapKeyIsAddedOrReplacedInAnExistingMap) {
  Update u;
  u.set(Path("m").key("k"), S("w")).set(Path("m").key("new"), N(2));
  EXPECT_EQ(updated(u).at("m"),
            Value::M({{"k", S("w")}, {"new", N(2)}, {"inner", Value::M({{"x", N(1)}})}}));
}

TEST(UpdateSetTest, AMapKeyNeedsAnExistingMap) {
  Update missing;
  missing.set(Path("absent").key("x"), N(1));
  expect_invalid(missing, kInvalidPath);
  Update in_string;
  in_string.set(Path("s").key("x"), N(1));
  expect_invalid(in_string, kInvalidPath);
  Update in_list;
  in_list.set(Path("list").key("x"), N(1));
  expect_invalid(in_list, kInvalidPath);
  Update deeper;
  deeper.set(Path("m").key("absent").key("x"), N(1));
  expect_invalid(deeper, kInvalidPath);
}

TEST(UpdateSetTest, AListIndexReplacesThatElement) {
  Update u;
  u.set(Path("list").index(1), S("B"));
  EXPECT_EQ(updated(u).at("list"), Value::L({S("a"), S("B"), S("c")}));
}

TEST(UpdateSetTest, AListIndexNeedsAnExistingList) {
  Update missing;
  missing.set(Path("absent").index(0), N(1));
  expect_invalid(missing, kInvalidPath);
  Update in_map;
  in_map.set(Path("m").index(0), N(1));
  expect_invalid(in_map, kInvalidPath);
}

TEST(UpdateSetTest, AnIndexPastTheEndAppends) {
  Update u;
  u.set(Path("list").index(7), S("d"));
  EXPECT_EQ(updated(u).at("list"), Value::L({S("a"), S("b"), S("c"), S("d")}));
}

TEST(UpdateSetTest, SeveralAppendsAreOrderedByIndex) {
  Update u;
  u.set(Path("list").index(84), S("a1"))
      .set(Path("list").index(37), S("a2"))
      .set(Path("list").index(17), S("a3"))
      .set(Path("list").index(50), S("a4"))
      .set(Path("list").index(0), S("first"));
  EXPECT_EQ(updated(u).at("list"),
            Value::L({S("first"), S("b"), S("c"), S("a3"), S("a2"), S("a4"), S("a1")}));
}

TEST(UpdateSetTest, ADeepPathThroughListsAndMaps) {
  Item item{
      {"a", Value::M({{"c", Value::L({S("hi"), Value::M({{"y", Value::L({N(3), N(5)})}})})}})}};
  Update u;
  u.set(Path("a").key("c").index(1).key("y").index(1), N(9));
  EXPECT_EQ(updated(u, item).at("a").m().at("c").l()[1].m().at("y"), Value::L({N(3), N(9)}));
}

// --- REMOVE ---

TEST(UpdateRemoveTest, RemovesATopLevelAttribute) {
  Update u;
  u.remove("s");
  EXPECT_FALSE(updated(u).contains("s"));
}

TEST(UpdateRemoveTest, RemovingAMissingAttributeChangesNothing) {
  Update u;
  u.remove("absent");
  EXPECT_EQ(updated(u), base());
}

TEST(UpdateRemoveTest, RemovesAMapKeyAndLeavesAnEmptyMap) {
  Update u;
  u.remove(Path("m").key("inner").key("x")).remove(Path("m").key("absent"));
  EXPECT_EQ(updated(u).at("m"), Value::M({{"k", S("v")}, {"inner", Value::M({})}}));
}

TEST(UpdateRemoveTest, RemovingAListElementShiftsTheRest) {
  Update u;
  u.remove(Path("list").index(0));
  EXPECT_EQ(updated(u).at("list"), Value::L({S("b"), S("c")}));
}

TEST(UpdateRemoveTest, SeveralElementsAreNamedByTheirIndexBeforeTheUpdate) {
  Update u;
  u.remove(Path("list").index(0)).remove(Path("list").index(2));
  EXPECT_EQ(updated(u).at("list"), Value::L({S("b")}));
}

TEST(UpdateRemoveTest, AnIndexPastTheEndChangesNothing) {
  Update u;
  u.remove(Path("list").index(17));
  EXPECT_EQ(updated(u), base());
}

TEST(UpdateRemoveTest, RemoveAndSetOnOneListUseTheIndexesBeforeTheUpdate) {
  Item item{{"a", Value::L({N(2), N(3), N(4), N(5), N(6), N(7)})}};
  Update u;
  u.remove(Path("a").index(1)).set(Path("a").index(3), N(17));
  EXPECT_EQ(updated(u, item).at("a"), Value::L({N(2), N(4), N(17), N(6), N(7)}));
}

TEST(UpdateRemoveTest, RemoveDoesNotReachWhatSetAppended) {
  Update u;
  u.set(Path("list").index(10), S("x"))
      .set(Path("list").index(11), S("y"))
      .remove(Path("list").index(4));
  EXPECT_EQ(updated(u).at("list"), Value::L({S("a"), S("b"), S("c"), S("x"), S("y")}));
}

TEST(UpdateRemoveTest, PathsBelowAShiftedElementMeanTheElementBeforeTheUpdate) {
  Item item{{"l", Value::L({Value::M({{"i", N("0")}}), Value::M({{"i", N(1)}}),
                            Value::M({{"i", N(2)}, {"y", N(2)}})})}};
  Update u;
  u.remove(Path("l").index(0)).remove(Path("l").index(2).key("y"));
  EXPECT_EQ(updated(u, item).at("l"), Value::L({Value::M({{"i", N(1)}}), Value::M({{"i", N(2)}})}));
}

TEST(UpdateRemoveTest, APathUnderAMissingOrWrongParentIsRejected) {
  for (const Path& p : {Path("absent").key("x"), Path("s").key("x"), Path("list").key("x"),
                        Path("m").index(0), Path("n").index(0)}) {
    Update u;
    u.remove(p);
    expect_invalid(u, kInvalidPath);
  }
}

// --- ADD ---

TEST(UpdateAddTest, AddsANumberExactly) {
  Update u;
  u.add("n", N("0.5"));
  EXPECT_EQ(updated(u).at("n"), N("1.5"));
  Update minus;
  minus.add("n", N(-3));
  EXPECT_EQ(updated(minus).at("n"), N(-2));
}

TEST(UpdateAddTest, AMissingNumberStartsAtZero) {
  Update u;
  u.add("fresh", N("2.5"));
  EXPECT_EQ(updated(u).at("fresh"), N("2.5"));
}

TEST(UpdateAddTest, ASetJoinsASetOfItsType) {
  Update u;
  u.add("tags", Value::SS({"b", "c"}))
      .add("nums", Value::NS({D("2.0"), D("3")}))
      .add("bins", Value::BS({Bytes("y")}));
  Item after = updated(u);
  EXPECT_EQ(after.at("tags"), Value::SS({"a", "b", "c"}));
  EXPECT_EQ(after.at("nums"), Value::NS({D("1"), D("2"), D("3")}));
  EXPECT_EQ(after.at("bins"), Value::BS({Bytes("x"), Bytes("y")}));
}

TEST(UpdateAddTest, AMissingSetBecomesTheSet) {
  Update u;
  u.add("fresh", Value::SS({"t"}));
  EXPECT_EQ(updated(u).at("fresh"), Value::SS({"t"}));
}

TEST(UpdateAddTest, MismatchedTypesAreRejected) {
  Update to_string;
  to_string.add("s", N(1));
  expect_invalid(to_string, kWrongType);
  Update number_to_set;
  number_to_set.add("tags", N(1));
  expect_invalid(number_to_set, kWrongType);
  Update other_set;
  other_set.add("tags", Value::NS({D("1")}));
  expect_invalid(other_set, kWrongType);
}

TEST(UpdateAddTest, TakesANumberOrASetOnly) {
  Update text;
  text.add("x", S("a"));
  expect_invalid(text, "ADD takes a number or a set");
  Update list;
  list.add("x", Value::L({N(1)}));
  expect_invalid(list, "ADD takes a number or a set");
  Update empty;
  empty.add("x", Value::SS({}));
  expect_invalid(empty, "a set may not be empty");
}

TEST(UpdateAddTest, AppliesToANestedPathInAnExistingMap) {
  Update u;
  u.add(Path("m").key("inner").key("x"), N(1)).add(Path("m").key("count"), N(5));
  Item after = updated(u);
  EXPECT_EQ(after.at("m").m().at("inner").m().at("x"), N(2));
  EXPECT_EQ(after.at("m").m().at("count"), N(5));
}

TEST(UpdateAddTest, ANestedPathNeedsItsParent) {
  Update u;
  u.add(Path("absent").key("x"), N(1));
  expect_invalid(u, kInvalidPath);
}

TEST(UpdateAddTest, OverflowIsRejected) {
  Item item{{"big", N("99999999999999999999999999999999999999")}};
  Update u;
  u.add("big", N("0.5"));  // 39 significant digits
  expect_invalid(u, "38 significant digits", item);
}

// --- DELETE ---

TEST(UpdateDeleteTest, RemovesElementsAndIgnoresAbsentOnes) {
  Update u;
  u.delete_elements("tags", Value::SS({"a", "zz"}));
  EXPECT_EQ(updated(u).at("tags"), Value::SS({"b"}));
}

TEST(UpdateDeleteTest, AnEmptiedSetIsRemoved) {
  Update u;
  u.delete_elements("nums", Value::NS({D("1.0"), D("2")}))
      .delete_elements("bins", Value::BS({Bytes("x")}));
  Item after = updated(u);
  EXPECT_FALSE(after.contains("nums"));
  EXPECT_FALSE(after.contains("bins"));
}

TEST(UpdateDeleteTest, AMissingAttributeChangesNothing) {
  Update u;
  u.delete_elements("absent", Value::SS({"a"}));
  EXPECT_EQ(updated(u), base());
}

TEST(UpdateDeleteTest, NeedsASetOfTheAttributesType) {
  Update other_set;
  other_set.delete_elements("tags", Value::NS({D("1")}));
  expect_invalid(other_set, kWrongType);
  Update from_number;
  from_number.delete_elements("n", Value::NS({D("1")}));
  expect_invalid(from_number, kWrongType);
}

TEST(UpdateDeleteTest, TakesANonEmptySetOnly) {
  Update text;
  text.delete_elements("tags", S("a"));
  expect_invalid(text, "DELETE takes a set");
  Update empty;
  empty.delete_elements("tags", Value::SS({}));
  expect_invalid(empty, "a set may not be empty");
}

TEST(UpdateDeleteTest, AppliesToANestedSet) {
  Item item{{"m", Value::M({{"t", Value::SS({"a", "b"})}, {"u", Value::SS({"c"})}})}};
  Update u;
  u.delete_elements(Path("m").key("t"), Value::SS({"a"}))
      .delete_elements(Path("m").key("u"), Value::SS({"c"}));
  EXPECT_EQ(updated(u, item).at("m"), Value::M({{"t", Value::SS({"b"})}}));
}

// --- rules across actions ---

TEST(UpdateRulesTest, AnEmptyUpdateIsRejected) { expect_invalid(Update(), "at least one action"); }

TEST(UpdateRulesTest, ThePathInTwoActionsIsRejected) {
  Update set_remove;
  set_remove.set("n", N(2)).remove("n");
  expect_invalid(set_remove, "two document paths overlap");
  Update set_twice;
  set_twice.set("n", N(2)).set("n", N(3));
  expect_invalid(set_twice, "two document paths overlap");
  Update add_delete;
  add_delete.add("tags", Value::SS({"c"})).delete_elements("tags", Value::SS({"a"}));
  expect_invalid(add_delete, "two document paths overlap");
}

TEST(UpdateRulesTest, AParentAndItsChildOverlap) {
  Update map;
  map.set("m", Value::M({})).set(Path("m").key("k"), N(2));
  expect_invalid(map, "two document paths overlap");
  Update list;
  list.remove(Path("list").index(1).key("x")).set(Path("list").index(1), N(1));
  expect_invalid(list, "two document paths overlap");
}

TEST(UpdateRulesTest, SiblingPathsDoNotOverlap) {
  Update u;
  u.set(Path("m").key("k"), N(1))
      .remove(Path("m").key("inner").key("x"))
      .set(Path("list").index(0), N("0"))
      .remove(Path("list").index(1))
      .set("ta", N(1))
      .add("tags", Value::SS({"c"}));
  EXPECT_NO_THROW(updated(u));
}

TEST(UpdateRulesTest, AMapKeyAndAListIndexAtOneLevelConflict) {
  Update u;
  u.set(Path("m").key("k"), N(1)).set(Path("m").index(0), N(2));
  expect_invalid(u, "two document paths conflict");
}

TEST(UpdateRulesTest, NoActionMayNameAKeyAttribute) {
  Update set;
  set.set("PK", S("q"));
  Update nested;
  nested.set(Path("SK").key("x"), S("q"));
  Update remove;
  remove.remove("SK");
  Update add;
  add.add("PK", N(1));
  Update del;
  del.delete_elements("SK", Value::SS({"s"}));
  for (const Update& u : {set, nested, remove, add, del}) {
    expect_invalid(u, "part of the key");
  }
}

TEST(UpdateRulesTest, ErrorsNameTheUpdateExpressionAndThePath) {
  Update u;
  u.set(Path("absent").key("x").index(2), N(1));
  try {
    apply_update(base(), u, kKeys);
    ADD_FAILURE() << "accepted";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), "UpdateExpression.absent.x[2]");
  }
}

TEST(UpdateRulesTest, InvalidLiteralValuesAreRejected) {
  Update empty_set;
  empty_set.set("x", Value::NS({}));
  expect_invalid(empty_set, "a set may not be empty");
  Value deep = N(1);
  for (int i = 0; i < 33; ++i) deep = Value::M({{"d", deep}});
  Update too_deep;
  too_deep.set("x", list_append(Value::L({}), Value::L({deep})));
  expect_invalid(too_deep, "nesting deeper than 32");
}

TEST(UpdateRulesTest, PathsNestedDeeperThan32LevelsAreRejected) {
  Path p("m");
  for (int i = 0; i < 33; ++i) p = p.key("k");
  Update target;
  target.remove(p);
  expect_invalid(target, "at most 32 levels");
  Update source;
  source.set("x", if_not_exists(p, N(1)));
  expect_invalid(source, "at most 32 levels");
}

TEST(UpdateRulesTest, ValidateUpdateChecksWithoutAnItem) {
  Update ok;
  ok.set(Path("absent").key("x"), N(1));  // needs an item to fail
  EXPECT_NO_THROW(validate_update(ok, kKeys));
  Update overlap;
  overlap.set("a", N(1)).remove("a");
  EXPECT_THROW(validate_update(overlap, kKeys), ValidationError);
}

// --- outcome ---

TEST(UpdateOutcomeTest, AllFourActionsApplyTogether) {
  Update u;
  u.set("fresh", S("f")).remove("s").add("n", N(1)).delete_elements("tags", Value::SS({"a"}));
  Item expected = base();
  expected["fresh"] = S("f");
  expected.erase("s");
  expected["n"] = N(2);
  expected["tags"] = Value::SS({"b"});
  EXPECT_EQ(updated(u), expected);
}

TEST(UpdateOutcomeTest, TouchedNamesTheTopLevelAttributeOfEveryAction) {
  Update u;
  u.set(Path("m").key("k"), N(1))
      .remove("absent")
      .add("n", N(1))
      .delete_elements(Path("deep").key("set"), Value::SS({"a"}));
  Item item = base();
  item["deep"] = Value::M({});
  EXPECT_EQ(apply_update(item, u, kKeys).touched,
            (std::set<std::string, std::less<>>{"absent", "deep", "m", "n"}));
}

TEST(UpdateOutcomeTest, AMissingItemStartsFromItsKey) {
  Item key{{"PK", S("p")}, {"SK", S("new")}};
  Update u;
  u.set("v", N(1)).add("count", N(1)).add("tags", Value::SS({"t"}));
  EXPECT_EQ(updated(u, key), (Item{{"PK", S("p")},
                                   {"SK", S("new")},
                                   {"v", N(1)},
                                   {"count", N(1)},
                                   {"tags", Value::SS({"t"})}}));
}

TEST(UpdateOutcomeTest, AFailingActionLeavesTheOldItemUnchanged) {
  Item item = base();
  Update u;
  u.set("fresh", N(1)).remove("s").add("tags", N(1));  // the ADD fails last
  EXPECT_THROW(apply_update(item, u, kKeys), ValidationError);
  EXPECT_EQ(item, base());
}

}  // namespace
}  // namespace alexdb::store
