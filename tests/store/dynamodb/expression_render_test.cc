// The condition expressions the DynamoDB engine writes: names and values as placeholders,
// and parentheses only where precedence needs them (an OR inside an AND, a BETWEEN, the
// operand of NOT). What each combination means is tested on dynalite in
// tests/store/conformance/condition_test.cc.
#include "store/dynamodb/expression_render.h"

#include <gtest/gtest.h>

#include <regex>

namespace alexdb::dynamodb {
namespace {

using cond::path;

std::string rendered(const Condition& c) {
  ExpressionRenderer renderer;
  return renderer.condition(c);
}

TEST(ExpressionRenderTest, NamesAndValuesArePlaceholders) {
  ExpressionRenderer renderer;
  EXPECT_EQ(renderer.condition(cond::lt(path("timestamp"), Value::S("x"))), "#n0 < :v0");
  nlohmann::json request = nlohmann::json::object();
  renderer.attach(request);
  EXPECT_EQ(request["ExpressionAttributeNames"]["#n0"], "timestamp");
  EXPECT_EQ(request["ExpressionAttributeValues"][":v0"]["S"], "x");
}

TEST(ExpressionRenderTest, ParenthesesOnlyWherePrecedenceNeedsThem) {
  const Condition a = cond::attribute_not_exists("a");
  const Condition b = cond::lt(path("b"), Value::N(1));
  const Condition c = cond::eq(path("c"), Value::N(2));
  EXPECT_EQ(rendered(a || b), "attribute_not_exists(#n0) OR #n1 < :v0");
  EXPECT_EQ(rendered(a && b), "attribute_not_exists(#n0) AND #n1 < :v0");
  EXPECT_EQ(rendered((a || b) && c), "(attribute_not_exists(#n0) OR #n1 < :v0) AND #n2 = :v1");
  EXPECT_EQ(rendered(a || (b && c)), "attribute_not_exists(#n0) OR #n1 < :v0 AND #n2 = :v1");
  EXPECT_EQ(rendered(!(a && b)), "NOT (attribute_not_exists(#n0) AND #n1 < :v0)");
  // (The two bounds' placeholders may be numbered either way round.)
  EXPECT_TRUE(std::regex_match(rendered(cond::between(path("b"), Value::N(1), Value::N(3)) && c),
                               std::regex(R"(\(#n0 BETWEEN :v[01] AND :v[01]\) AND #n1 = :v2)")));
}

}  // namespace
}  // namespace alexdb::dynamodb
