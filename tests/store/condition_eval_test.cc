#include "store/condition_eval.h"

#include <gtest/gtest.h>

#include "alexdb/errors.h"

namespace alexdb::store {
namespace {

using namespace alexdb::cond;

Item sample() {
  return {{"s", Value::S("apple")},
          {"n", Value::N(std::int64_t{5})},
          {"b", Value::B(Bytes("\x01\x02"))},
          {"tags", Value::SS({"red", "green"})},
          {"list", Value::L({Value::N(std::int64_t{1}), Value::S("two")})},
          {"m", Value::M({{"inner", Value::M({{"deep", Value::S("x")}})}})}};
}

TEST(ConditionEvalTest, ComparisonsOfOneTypeOrderThem) {
  Item item = sample();
  EXPECT_TRUE(evaluate(lt(path("n"), Value::N(std::int64_t{6})), item));
  EXPECT_TRUE(evaluate(ge(path("s"), Value::S("apple")), item));
  EXPECT_FALSE(evaluate(gt(path("s"), Value::S("banana")), item));
  EXPECT_TRUE(evaluate(lt(path("b"), Value::B(Bytes("\x01\x03"))), item));
}

TEST(ConditionEvalTest, DifferentTypesAreNeverOrderedOrEqual) {
  Item item = sample();
  EXPECT_FALSE(evaluate(lt(path("n"), Value::S("9")), item));
  EXPECT_FALSE(evaluate(eq(path("n"), Value::S("5")), item));
  EXPECT_TRUE(evaluate(ne(path("n"), Value::S("5")), item));
}

TEST(ConditionEvalTest, MissingAttributesMakeComparisonsFalseButNotEqualTrue) {
  Item item = sample();
  EXPECT_FALSE(evaluate(eq(path("nope"), Value::N(std::int64_t{1})), item));
  EXPECT_FALSE(evaluate(lt(path("nope"), Value::N(std::int64_t{1})), item));
  EXPECT_TRUE(evaluate(ne(path("nope"), Value::N(std::int64_t{1})), item));
  EXPECT_TRUE(evaluate(attribute_not_exists("nope"), item));
  EXPECT_TRUE(evaluate(attribute_not_exists("PK"), Item{}));
}

TEST(ConditionEvalTest, FunctionsFollowDynamoDb) {
  Item item = sample();
  EXPECT_TRUE(evaluate(begins_with("s", Value::S("app")), item));
  EXPECT_FALSE(evaluate(begins_with("n", Value::S("5")), item));
  EXPECT_TRUE(evaluate(contains("s", Value::S("ppl")), item));
  EXPECT_TRUE(evaluate(contains("tags", Value::S("red")), item));
  EXPECT_TRUE(evaluate(contains("list", Value::S("two")), item));
  EXPECT_FALSE(evaluate(contains("tags", Value::S("blue")), item));
  EXPECT_TRUE(evaluate(eq(size(Path("tags")), Value::N(std::int64_t{2})), item));
  EXPECT_TRUE(evaluate(eq(size(Path("s")), Value::N(std::int64_t{5})), item));
  EXPECT_FALSE(evaluate(eq(size(Path("n")), Value::N(std::int64_t{1})), item));
  EXPECT_TRUE(evaluate(Condition::attribute_type(Path("tags"), Value::Type::kSS), item));
  EXPECT_TRUE(evaluate(Condition::in(path("n"), {Value::N(std::int64_t{1}), Value::N(std::int64_t{5})}), item));
  EXPECT_TRUE(evaluate(between(path("n"), Value::N(std::int64_t{5}), Value::N(std::int64_t{9})), item));
}

TEST(ConditionEvalTest, NestedPathsResolve) {
  Item item = sample();
  EXPECT_TRUE(evaluate(eq(Path("m").key("inner").key("deep"), Value::S("x")), item));
  EXPECT_TRUE(evaluate(eq(Path("list").index(1), Value::S("two")), item));
  EXPECT_FALSE(evaluate(attribute_exists(Path("list").index(2)), item));
  EXPECT_FALSE(evaluate(attribute_exists(Path("s").key("x")), item));
}

TEST(ConditionEvalTest, MalformedConditionsAreRejected) {
  EXPECT_THROW(validate_condition(between(path("n"), Value::N(std::int64_t{9}), Value::N(std::int64_t{1})), "c"),
               ValidationError);
  EXPECT_THROW(validate_condition(between(path("n"), Value::S("a"), Value::N(std::int64_t{1})), "c"),
               ValidationError);
  EXPECT_THROW(validate_condition(begins_with("s", Value::N(std::int64_t{1})), "c"), ValidationError);
  EXPECT_THROW(validate_condition(Condition::in(path("n"), {}), "c"), ValidationError);
  EXPECT_THROW(validate_condition(eq(path("t"), Value::SS({})), "c"), ValidationError);
}

TEST(ConditionEvalTest, ProjectionKeepsNamedPaths) {
  Item item = sample();
  EXPECT_EQ(project(item, {Path("s"), Path("nope")}), (Item{{"s", Value::S("apple")}}));
  EXPECT_EQ(project(item, {Path("m").key("inner").key("deep")}),
            (Item{{"m", Value::M({{"inner", Value::M({{"deep", Value::S("x")}})}})}}));
  EXPECT_EQ(project(item, {Path("list").index(1)}), (Item{{"list", Value::L({Value::S("two")})}}));
}

}  // namespace
}  // namespace alexdb::store
