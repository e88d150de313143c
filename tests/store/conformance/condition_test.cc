// Conditional writes: every condition form, and that a failed condition writes nothing.
#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

using namespace alexdb::cond;

class ConditionTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (!store_) return;
    table_ = make_table("conditions");
    stored_ = item("p", "s");
    stored_["v"] = N(5);
    stored_["low"] = N(-1);
    stored_["name"] = S("position");
    stored_["accent"] = S("\xc3\xa9t\xc3\xa9");  // "été": 3 characters in 5 bytes
    stored_["emoji"] = S("a\xf0\x9f\x98\x80");   // "a😀": 3 UTF-16 units in 5 bytes
    stored_["bin"] = B(std::string("\x80\x01\x02", 3));
    stored_["m"] = Value::M({{"x", N(3)}, {"inner", Value::M({{"y", S("deep")}})}});
    stored_["l"] = Value::L({S("a"), S("b"), N(1)});
    stored_["tags"] = Value::SS({"red", "blue"});
    stored_["nums"] = Value::NS({D("1"), D("2.5")});
    stored_["flag"] = Value::Bool(true);
    stored_["nothing"] = Value::Null();
    put(table_, stored_);
  }

  // Whether `condition` holds on the stored item: a conditional put of the same item,
  // so the item is the same whatever the outcome.
  bool holds(Condition condition) {
    bool written = put_if(table_, stored_, std::move(condition));
    EXPECT_EQ(get(table_, key("p", "s")), stored_);
    return written;
  }

  std::string table_;
  Item stored_;
};
ALEXDB_CONFORMANCE_SUITE(ConditionTest);

TEST_P(ConditionTest, ConditionalPutPassesOrFailsLeavingTheItemUnchanged) {
  Item changed = stored_;
  changed["v"] = N(6);
  EXPECT_THROW(store_->put({table_, changed, attribute_not_exists("PK"), ReturnValues::kNone}),
               ConditionFailed);
  EXPECT_EQ(get(table_, key("p", "s")), stored_);
  store_->put({table_, changed, eq(path("v"), N(5)), ReturnValues::kNone});
  EXPECT_EQ(get(table_, key("p", "s")), changed);
}

TEST_P(ConditionTest, ConditionalUpdatePassesOrFailsLeavingTheItemUnchanged) {
  Update u;
  u.set("v", N(6)).remove("name");
  EXPECT_THROW(update(table_, key("p", "s"), u, ReturnValues::kAllNew, eq(path("v"), N(4))),
               ConditionFailed);
  EXPECT_EQ(get(table_, key("p", "s")), stored_);
  auto result = update(table_, key("p", "s"), u, ReturnValues::kAllNew, eq(path("v"), N(5)));
  ASSERT_TRUE(result.attributes);
  EXPECT_EQ(result.attributes->at("v"), N(6));
  EXPECT_FALSE(result.attributes->contains("name"));
  EXPECT_EQ(get(table_, key("p", "s")), result.attributes);
}

TEST_P(ConditionTest, ConditionalDeletePassesOrFailsLeavingTheItemUnchanged) {
  EXPECT_THROW(store_->remove({table_, key("p", "s"), lt(path("v"), N(5)), ReturnValues::kNone}),
               ConditionFailed);
  EXPECT_EQ(get(table_, key("p", "s")), stored_);
  store_->remove({table_, key("p", "s"), le(path("v"), N(5)), ReturnValues::kNone});
  EXPECT_FALSE(get(table_, key("p", "s")));
}

TEST_P(ConditionTest, AttributeExistsAndNotExists) {
  EXPECT_TRUE(holds(attribute_exists("PK")));
  EXPECT_TRUE(holds(attribute_exists("nothing")));  // a NULL value exists
  EXPECT_TRUE(holds(attribute_exists(Path("m").key("inner").key("y"))));
  EXPECT_TRUE(holds(attribute_exists(Path("l").index(2))));
  EXPECT_FALSE(holds(attribute_exists("absent")));
  EXPECT_FALSE(holds(attribute_exists(Path("m").key("z"))));
  EXPECT_FALSE(holds(attribute_exists(Path("l").index(3))));
  EXPECT_TRUE(holds(attribute_not_exists("absent")));
  EXPECT_FALSE(holds(attribute_not_exists("v")));
  EXPECT_FALSE(holds(attribute_not_exists(Path("m").key("x"))));
}

TEST_P(ConditionTest, EveryComparisonOnNumbers) {
  EXPECT_TRUE(holds(eq(path("v"), N("5.0"))));
  EXPECT_FALSE(holds(eq(path("v"), N(6))));
  EXPECT_TRUE(holds(ne(path("v"), N(6))));
  EXPECT_FALSE(holds(ne(path("v"), N(5))));
  EXPECT_TRUE(holds(lt(path("v"), N(10))));  // numeric, not text, order
  EXPECT_FALSE(holds(lt(path("v"), N(5))));
  EXPECT_TRUE(holds(le(path("v"), N(5))));
  EXPECT_FALSE(holds(le(path("v"), N("4.999"))));
  EXPECT_TRUE(holds(gt(path("v"), N("-10"))));
  EXPECT_FALSE(holds(gt(path("v"), N(5))));
  EXPECT_TRUE(holds(ge(path("v"), N(5))));
  EXPECT_FALSE(holds(ge(path("v"), N("5.0000001"))));
  EXPECT_TRUE(holds(lt(path("low"), path("v"))));  // path against path
  EXPECT_FALSE(holds(gt(path("low"), path("v"))));
}

TEST_P(ConditionTest, StringsAndBinariesCompareByBytes) {
  EXPECT_TRUE(holds(gt(path("accent"), S("z"))));  // 0xc3 sorts after ASCII
  EXPECT_TRUE(holds(lt(path("name"), S("positions"))));
  EXPECT_TRUE(holds(gt(path("name"), S("Position"))));  // "p" > "P"
  EXPECT_TRUE(holds(gt(path("bin"), B("\x7f"))));       // unsigned bytes
  EXPECT_TRUE(holds(lt(path("bin"), B(std::string("\x80\x01\x03", 3)))));
}

TEST_P(ConditionTest, ComparisonsAcrossTypesAreFalse) {
  EXPECT_FALSE(holds(eq(path("v"), S("5"))));
  EXPECT_FALSE(holds(lt(path("v"), S("9"))));
  EXPECT_FALSE(holds(gt(path("name"), N(0))));
  EXPECT_FALSE(holds(eq(path("flag"), N(1))));
  EXPECT_TRUE(holds(ne(path("v"), S("5"))));
}

TEST_P(ConditionTest, ComparisonsWithAMissingAttribute) {
  EXPECT_FALSE(holds(eq(path("absent"), N(1))));
  EXPECT_FALSE(holds(lt(path("absent"), N(1))));
  EXPECT_FALSE(holds(ge(path("absent"), N(1))));
  EXPECT_TRUE(holds(ne(path("absent"), N(1))));
}

TEST_P(ConditionTest, BetweenIsInclusive) {
  EXPECT_TRUE(holds(between(path("v"), N(5), N(9))));
  EXPECT_TRUE(holds(between(path("v"), N(1), N(5))));
  EXPECT_FALSE(holds(between(path("v"), N(6), N(9))));
  EXPECT_TRUE(holds(between(path("name"), S("pos"), S("post"))));
}

TEST_P(ConditionTest, InMatchesAnyCandidate) {
  EXPECT_TRUE(holds(Condition::in(path("v"), {N(1), N(5), N(9)})));
  EXPECT_FALSE(holds(Condition::in(path("v"), {N(1), S("5")})));
  EXPECT_TRUE(holds(Condition::in(path("name"), {S("x"), S("position")})));
}

TEST_P(ConditionTest, BeginsWithOnStringsAndBinaries) {
  EXPECT_TRUE(holds(begins_with("name", S("pos"))));
  EXPECT_TRUE(holds(begins_with("name", S("position"))));
  EXPECT_FALSE(holds(begins_with("name", S("Pos"))));
  EXPECT_FALSE(holds(begins_with("name", S("positions"))));
  EXPECT_TRUE(holds(begins_with("bin", B("\x80"))));
  EXPECT_FALSE(holds(begins_with("bin", B("\x01"))));
  EXPECT_FALSE(holds(begins_with("v", S("5"))));  // a number does not begin with anything
  EXPECT_FALSE(holds(begins_with("absent", S("x"))));
}

TEST_P(ConditionTest, ContainsOnStringsSetsAndLists) {
  EXPECT_TRUE(holds(contains("name", S("sit"))));
  EXPECT_FALSE(holds(contains("name", S("xyz"))));
  EXPECT_TRUE(holds(contains("tags", S("red"))));
  EXPECT_FALSE(holds(contains("tags", S("green"))));
  EXPECT_TRUE(holds(contains("nums", N("2.50"))));
  EXPECT_TRUE(holds(contains("l", S("b"))));
  EXPECT_TRUE(holds(contains("l", N(1))));
  EXPECT_FALSE(holds(contains("l", S("c"))));
}

// DynamoDB's size() of a string counts UTF-16 code units (as dynalite's JavaScript
// length does), not UTF-8 bytes: size("é") is 1, size("😀") is 2.
TEST_P(ConditionTest, SizeCountsUtf16UnitsOfStringsAndElementsOfCollections) {
  EXPECT_TRUE(holds(eq(size("accent"), N(3))));
  EXPECT_TRUE(holds(eq(size("emoji"), N(3))));
  EXPECT_TRUE(holds(eq(size("bin"), N(3))));  // bytes of a binary
  EXPECT_TRUE(holds(eq(size("l"), N(3))));
  EXPECT_TRUE(holds(eq(size("m"), N(2))));
  EXPECT_TRUE(holds(eq(size("tags"), N(2))));
  EXPECT_TRUE(holds(gt(size("name"), N(7))));
  EXPECT_FALSE(holds(gt(size("name"), N(8))));
}

TEST_P(ConditionTest, AttributeTypeNamesTheStoredType) {
  EXPECT_TRUE(holds(Condition::attribute_type("v", Value::Type::kN)));
  EXPECT_FALSE(holds(Condition::attribute_type("v", Value::Type::kS)));
  EXPECT_TRUE(holds(Condition::attribute_type("tags", Value::Type::kSS)));
  EXPECT_TRUE(holds(Condition::attribute_type("nothing", Value::Type::kNull)));
  EXPECT_TRUE(holds(Condition::attribute_type("m", Value::Type::kM)));
  EXPECT_FALSE(holds(Condition::attribute_type("absent", Value::Type::kS)));
}

TEST_P(ConditionTest, NestedPathsAreCompared) {
  EXPECT_TRUE(holds(eq(Path("m").key("x"), N(3))));
  EXPECT_TRUE(holds(eq(Path("m").key("inner").key("y"), S("deep"))));
  EXPECT_TRUE(holds(eq(Path("l").index(1), S("b"))));
  EXPECT_FALSE(holds(eq(Path("l").index(0), S("b"))));
}

TEST_P(ConditionTest, ConditionsCombineWithAndOrNot) {
  EXPECT_FALSE(holds(gt(path("v"), N(5)) || begins_with("name", S("x"))));
  EXPECT_TRUE(holds(gt(path("v"), N(5)) || begins_with("name", S("p"))));
  EXPECT_FALSE(holds(!between(path("v"), N(1), N(9))));
  EXPECT_TRUE(holds(!attribute_exists("absent")));
  EXPECT_FALSE(holds(ge(path("v"), N(5)) && attribute_exists("absent")));
  EXPECT_TRUE(
      holds(le(path("v"), N(5)) && begins_with("name", S("pos")) && ne(path("absent"), N(1))));
  EXPECT_TRUE(holds(!(eq(path("v"), N(1)) || eq(path("v"), N(2))) && contains("tags", S("blue"))));
}

// Where precedence (NOT over AND over OR) decides: each of these is true or false only as
// the conditions were built, whatever parentheses the engine writes.
TEST_P(ConditionTest, CombinedConditionsKeepTheirGrouping) {
  const Condition yes = eq(path("v"), N(5));
  const Condition no = eq(path("v"), N(6));
  EXPECT_FALSE(holds((yes || no) && no));  // as written without grouping: true
  EXPECT_TRUE(holds(no || (yes && yes)));
  EXPECT_FALSE(holds(no && (yes || yes)));
  EXPECT_TRUE(holds((no || yes) && (yes || no) && yes));
  EXPECT_FALSE(holds((no || yes) && (no || no)));
  EXPECT_TRUE(holds(!(yes && no)));  // as written without grouping: false
  EXPECT_FALSE(holds(!(no || yes)));
  EXPECT_TRUE(holds(between(path("v"), N(1), N(9)) && yes));
  EXPECT_TRUE(holds(no || between(path("v"), N(1), N(9))));
  EXPECT_FALSE(holds(between(path("v"), N(1), N(9)) && (no || !yes)));
}

TEST_P(ConditionTest, ConditionsOnAMissingItemSeeNoAttributes) {
  EXPECT_THROW(store_->put({table_, item("p", "new"), attribute_exists("PK"), ReturnValues::kNone}),
               ConditionFailed);
  EXPECT_THROW(store_->remove({table_, key("p", "new"), eq(path("v"), N(5)), ReturnValues::kNone}),
               ConditionFailed);
  Update u;
  u.set("v", N(1));
  EXPECT_THROW(update(table_, key("p", "new"), u, ReturnValues::kNone, attribute_exists("PK")),
               ConditionFailed);
  EXPECT_FALSE(get(table_, key("p", "new")));  // a failed upsert creates nothing

  // Conditions that hold on a missing item.
  store_->remove({table_, key("p", "new"), attribute_not_exists("PK"), ReturnValues::kNone});
  EXPECT_FALSE(get(table_, key("p", "new")));
  EXPECT_TRUE(put_if(table_, item("p", "new", {{"v", N(1)}}), attribute_not_exists("PK")));
  EXPECT_EQ(get(table_, key("p", "new"))->at("v"), N(1));
  EXPECT_FALSE(put_if(table_, item("p", "new", {{"v", N(2)}}), attribute_not_exists("PK")));
  EXPECT_EQ(get(table_, key("p", "new"))->at("v"), N(1));
}

}  // namespace
}  // namespace alexdb::conformance
