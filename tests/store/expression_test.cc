// The typed expression model: paths, conditions, update expressions and updates as built.
#include "alexdb/expression.h"

#include <gtest/gtest.h>

#include "alexdb/errors.h"
#include "test_values.h"

namespace alexdb {
namespace {

using namespace alexdb::cond;
using Kind = Condition::Kind;
using Op = Condition::CompareOp;

using namespace alexdb::test_values;

// --- Path ---

TEST(PathTest, ANameIsATopLevelPath) {
  Path p("payload");
  EXPECT_TRUE(p.is_top_level());
  EXPECT_EQ(p.attribute(), "payload");
  EXPECT_EQ(p.elements(), std::vector<Path::Element>{std::string("payload")});
}

TEST(PathTest, KeysAndIndexesAppendSteps) {
  Path p = Path("payload").key("charts").index(2).key("x");
  EXPECT_FALSE(p.is_top_level());
  EXPECT_EQ(p.attribute(), "payload");
  EXPECT_EQ(p.elements(), (std::vector<Path::Element>{std::string("payload"), std::string("charts"),
                                                      std::size_t{2}, std::string("x")}));
}

TEST(PathTest, KeyAndIndexLeaveTheOriginalUnchanged) {
  Path p("a");
  Path child = p.key("b");
  EXPECT_TRUE(p.is_top_level());
  EXPECT_NE(p, child);
}

TEST(PathTest, ToStringUsesDotsAndBrackets) {
  EXPECT_EQ(Path("payload").key("charts").index(2).to_string(), "payload.charts[2]");
  EXPECT_EQ(Path("a").index(0).index(1).key("b").to_string(), "a[0][1].b");
  EXPECT_EQ(Path("a").to_string(), "a");
}

TEST(PathTest, NamesMayHoldAnyCharacters) {
  Path p = Path("a.b").key("#c d").key(":v[0]");
  EXPECT_EQ(p.attribute(), "a.b");
  EXPECT_EQ(p.elements().size(), 3u);  // a dot in a name is a character, not a step
}

TEST(PathTest, PathsAreEqualStepByStep) {
  EXPECT_EQ(Path("a").key("b"), Path("a").key("b"));
  EXPECT_NE(Path("a").key("b"), Path("a").key("c"));
  EXPECT_NE(Path("a").index(0), Path("a").key("0"));  // an index is not a key
}

TEST(PathTest, EmptyNamesAreRejected) {
  EXPECT_THROW(Path(""), ValidationError);
  EXPECT_THROW(Path("a").key(""), ValidationError);
}

TEST(PathTest, ANameConvertsToAPath) {
  Path from_literal = "name";
  Path from_string = std::string("name");
  EXPECT_EQ(from_literal, from_string);
  EXPECT_EQ(path("name"), from_literal);
}

// --- Condition ---

TEST(ConditionTest, CompareHoldsItsOperatorAndOperands) {
  Condition c = Condition::compare(path("a"), Op::kLt, N(3));
  EXPECT_EQ(c.kind(), Kind::kCompare);
  EXPECT_EQ(c.op(), Op::kLt);
  ASSERT_EQ(c.operands().size(), 2u);
  EXPECT_EQ(std::get<Path>(c.operands()[0]), Path("a"));
  EXPECT_EQ(std::get<Value>(c.operands()[1]), N(3));
  EXPECT_TRUE(c.children().empty());
}

TEST(ConditionTest, ComparisonHelpersNameTheirOperator) {
  EXPECT_EQ(eq(path("a"), N(1)).op(), Op::kEq);
  EXPECT_EQ(ne(path("a"), N(1)).op(), Op::kNe);
  EXPECT_EQ(lt(path("a"), N(1)).op(), Op::kLt);
  EXPECT_EQ(le(path("a"), N(1)).op(), Op::kLe);
  EXPECT_EQ(gt(path("a"), N(1)).op(), Op::kGt);
  EXPECT_EQ(ge(path("a"), N(1)).op(), Op::kGe);
}

TEST(ConditionTest, SizeIsAnOperand) {
  Condition c = gt(size(Path("a").key("b")), N(1));
  EXPECT_EQ(std::get<SizeOf>(c.operands()[0]).path, Path("a").key("b"));
}

TEST(ConditionTest, BetweenHoldsValueLowAndHigh) {
  Condition c = between(path("a"), N(1), N(9));
  EXPECT_EQ(c.kind(), Kind::kBetween);
  ASSERT_EQ(c.operands().size(), 3u);
  EXPECT_EQ(std::get<Value>(c.operands()[1]), N(1));
  EXPECT_EQ(std::get<Value>(c.operands()[2]), N(9));
}

TEST(ConditionTest, InHoldsTheValueThenTheCandidates) {
  Condition c = Condition::in(path("a"), {N(1), N(2), path("b")});
  EXPECT_EQ(c.kind(), Kind::kIn);
  ASSERT_EQ(c.operands().size(), 4u);
  EXPECT_EQ(std::get<Path>(c.operands()[0]), Path("a"));
  EXPECT_EQ(std::get<Path>(c.operands()[3]), Path("b"));
}

TEST(ConditionTest, FunctionsHoldTheirPath) {
  EXPECT_EQ(attribute_exists(Path("a").index(1)).kind(), Kind::kExists);
  EXPECT_EQ(attribute_exists(Path("a").index(1)).path(), Path("a").index(1));
  EXPECT_EQ(attribute_not_exists("a").kind(), Kind::kNotExists);
  Condition type = Condition::attribute_type("a", Value::Type::kSS);
  EXPECT_EQ(type.kind(), Kind::kAttributeType);
  EXPECT_EQ(type.type_argument(), Value::Type::kSS);
  EXPECT_EQ(type.path(), Path("a"));
}

TEST(ConditionTest, BeginsWithAndContainsHoldPathAndOperand) {
  Condition b = begins_with("a", Value::S("x"));
  EXPECT_EQ(b.kind(), Kind::kBeginsWith);
  EXPECT_EQ(b.path(), Path("a"));
  EXPECT_EQ(std::get<Value>(b.operands()[1]), Value::S("x"));
  Condition c = contains("a", path("b"));
  EXPECT_EQ(c.kind(), Kind::kContains);
  EXPECT_EQ(std::get<Path>(c.operands()[1]), Path("b"));
}

TEST(ConditionTest, LogicalOperatorsHoldTheirChildren) {
  Condition both = attribute_exists("a") && attribute_exists("b");
  EXPECT_EQ(both.kind(), Kind::kAnd);
  ASSERT_EQ(both.children().size(), 2u);
  EXPECT_EQ(both.children()[1].path(), Path("b"));
  EXPECT_TRUE(both.operands().empty());
  EXPECT_EQ((attribute_exists("a") || attribute_exists("b")).kind(), Kind::kOr);
  Condition negated = !attribute_exists("a");
  EXPECT_EQ(negated.kind(), Kind::kNot);
  EXPECT_EQ(negated.children().size(), 1u);
}

// --- UpdateExpr ---

TEST(UpdateExprTest, ALiteralIsAnOperand) {
  UpdateExpr e = N(1);
  EXPECT_EQ(e.kind(), UpdateExpr::Kind::kOperand);
  EXPECT_EQ(std::get<Value>(e.operand()), N(1));
}

TEST(UpdateExprTest, APathIsAnOperand) {
  UpdateExpr e = Path("a").key("b");
  EXPECT_EQ(e.kind(), UpdateExpr::Kind::kOperand);
  EXPECT_EQ(std::get<Path>(e.operand()), Path("a").key("b"));
}

TEST(UpdateExprTest, IfNotExistsHoldsThePathAndTheFallback) {
  UpdateExpr e = if_not_exists("a", N(7));
  EXPECT_EQ(e.kind(), UpdateExpr::Kind::kIfNotExists);
  EXPECT_EQ(e.checked_path(), Path("a"));
  ASSERT_EQ(e.arguments().size(), 1u);
  EXPECT_EQ(std::get<Value>(e.arguments()[0].operand()), N(7));
}

TEST(UpdateExprTest, ListAppendHoldsBothListsInOrder) {
  UpdateExpr e = list_append(Path("a"), Value::L({N(1)}));
  EXPECT_EQ(e.kind(), UpdateExpr::Kind::kListAppend);
  ASSERT_EQ(e.arguments().size(), 2u);
  EXPECT_EQ(std::get<Path>(e.arguments()[0].operand()), Path("a"));
  EXPECT_EQ(std::get<Value>(e.arguments()[1].operand()), Value::L({N(1)}));
}

TEST(UpdateExprTest, PlusAndMinusHoldTheirOperands) {
  UpdateExpr plus = if_not_exists("a", N(5)) + N(1);
  EXPECT_EQ(plus.kind(), UpdateExpr::Kind::kPlus);
  EXPECT_EQ(plus.arguments()[0].kind(), UpdateExpr::Kind::kIfNotExists);
  UpdateExpr minus = UpdateExpr(Path("a")) - Path("b");
  EXPECT_EQ(minus.kind(), UpdateExpr::Kind::kMinus);
  EXPECT_EQ(std::get<Path>(minus.arguments()[1].operand()), Path("b"));
}

TEST(UpdateExprTest, CopiesAreIndependentValues) {
  UpdateExpr original = list_append(Path("a"), Value::L({}));
  UpdateExpr copy = original;
  copy = N(1);
  EXPECT_EQ(original.kind(), UpdateExpr::Kind::kListAppend);
  EXPECT_EQ(copy.kind(), UpdateExpr::Kind::kOperand);
}

// --- Update ---

TEST(UpdateTest, ANewUpdateIsEmpty) {
  Update u;
  EXPECT_TRUE(u.empty());
}

TEST(UpdateTest, EachBuilderRecordsItsActionInOrder) {
  Update u;
  u.set("a", N(1))
      .set("b", Path("a"))
      .remove("c")
      .add("d", N(2))
      .delete_elements("e", Value::SS({"x"}));
  EXPECT_FALSE(u.empty());
  ASSERT_EQ(u.sets().size(), 2u);
  EXPECT_EQ(u.sets()[0].path, Path("a"));
  EXPECT_EQ(u.sets()[1].path, Path("b"));
  EXPECT_EQ(std::get<Path>(u.sets()[1].value.operand()), Path("a"));
  EXPECT_EQ(u.removes(), std::vector<Path>{Path("c")});
  ASSERT_EQ(u.adds().size(), 1u);
  EXPECT_EQ(u.adds()[0].value, N(2));
  ASSERT_EQ(u.deletes().size(), 1u);
  EXPECT_EQ(u.deletes()[0].elements, Value::SS({"x"}));
}

TEST(UpdateTest, AnyOneActionMakesItNonEmpty) {
  Update removes;
  removes.remove("a");
  EXPECT_FALSE(removes.empty());
  Update adds;
  adds.add("a", N(1));
  EXPECT_FALSE(adds.empty());
  Update deletes;
  deletes.delete_elements("a", Value::SS({"x"}));
  EXPECT_FALSE(deletes.empty());
}

}  // namespace
}  // namespace alexdb
