// Conditions and projections evaluated with DynamoDB's semantics: one behaviour per test.
#include "store/condition_eval.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "alexdb/errors.h"
#include "test_values.h"

namespace alexdb::store {
namespace {

using namespace alexdb::cond;
using Op = Condition::CompareOp;

using namespace alexdb::test_values;

// One attribute of each of the ten types, named after its type.
Item every_type() {
  return {{"S", S("apple")},
          {"N", N(5)},
          {"B", B(std::string("\x01\x02", 2))},
          {"BOOL", Value::Bool(true)},
          {"NULL", Value::Null()},
          {"M", Value::M({{"inner", Value::M({{"deep", S("x")}})}, {"k", N(1)}})},
          {"L", Value::L({N(1), S("two"), Value::SS({"s"}), Value::L({N(3)})})},
          {"SS", Value::SS({"red", "green"})},
          {"NS", Value::NS({Decimal::parse("1"), Decimal::parse("2.5")})},
          {"BS", Value::BS({Bytes("\x01"), Bytes("\x02")})}};
}

const std::vector<std::string> kTypeNames{"S", "N", "B",  "BOOL", "NULL",
                                          "M", "L", "SS", "NS",   "BS"};

bool holds(const Condition& c, const Item& item = every_type()) { return evaluate(c, item); }

Condition compare(Operand a, Op op, Operand b) {
  return Condition::compare(std::move(a), op, std::move(b));
}

// --- = and <> ---

TEST(ConditionEvalTest, EqualValuesOfEveryTypeAreEqual) {
  Item item = every_type();
  for (const std::string& name : kTypeNames) {
    EXPECT_TRUE(holds(eq(path(name), item.at(name)))) << name;
    EXPECT_FALSE(holds(ne(path(name), item.at(name)))) << name;
  }
}

TEST(ConditionEvalTest, ValuesOfDifferentTypesAreNeverEqual) {
  Item item = every_type();
  for (const std::string& a : kTypeNames) {
    for (const std::string& b : kTypeNames) {
      if (a == b) continue;
      EXPECT_FALSE(holds(eq(path(a), item.at(b)))) << a << " = " << b;
      EXPECT_TRUE(holds(ne(path(a), item.at(b)))) << a << " <> " << b;
    }
  }
}

TEST(ConditionEvalTest, NumbersAreEqualWhateverTheirSpelling) {
  EXPECT_TRUE(holds(eq(path("N"), N("5.000"))));
  EXPECT_TRUE(holds(eq(path("N"), N("0.5e1"))));
  EXPECT_FALSE(holds(eq(path("N"), N("5.0000000000001"))));
}

TEST(ConditionEvalTest, SetsAreEqualAsSets) {
  EXPECT_TRUE(holds(eq(path("SS"), Value::SS({"green", "red"}))));
  EXPECT_FALSE(holds(eq(path("SS"), Value::SS({"red"}))));
  EXPECT_TRUE(holds(eq(path("NS"), Value::NS({Decimal::parse("2.50"), Decimal::parse("1")}))));
}

TEST(ConditionEvalTest, ListsAndMapsAreEqualElementByElement) {
  EXPECT_FALSE(holds(eq(path("L"), Value::L({N(1), S("two")}))));
  EXPECT_TRUE(holds(eq(Path("M").key("inner"), Value::M({{"deep", S("x")}}))));
  EXPECT_FALSE(holds(eq(Path("M").key("inner"), Value::M({{"deep", S("y")}}))));
}

// --- <, <=, >, >= ---

TEST(ConditionEvalTest, NumbersOrderNumerically) {
  EXPECT_TRUE(holds(lt(path("N"), N(10))));  // as text, "10" < "5"
  EXPECT_TRUE(holds(gt(path("N"), N("-10"))));
  EXPECT_TRUE(holds(gt(path("N"), N("4.99999999999999999999999999999999999"))));
  EXPECT_FALSE(holds(lt(path("N"), N("5.0"))));
}

TEST(ConditionEvalTest, StringsOrderByUtf8Bytes) {
  Item item{{"s", S("apple")}, {"accent", S("\xc3\xa9t\xc3\xa9")}};
  EXPECT_TRUE(holds(gt(path("s"), S("Zebra")), item));   // 'a' (0x61) > 'Z' (0x5a)
  EXPECT_TRUE(holds(gt(path("accent"), S("z")), item));  // 0xc3 > 'z'
  EXPECT_TRUE(holds(lt(path("s"), S("apples")), item));  // a prefix sorts first
  EXPECT_FALSE(holds(lt(path("s"), S("app")), item));
}

TEST(ConditionEvalTest, BinariesOrderAsUnsignedBytes) {
  Item item{{"b", B("\x80")}};
  EXPECT_TRUE(holds(gt(path("b"), B("\x7f")), item));
  EXPECT_TRUE(holds(lt(path("b"), B(std::string("\x80\x00", 2))), item));
  EXPECT_TRUE(holds(lt(path("b"), B("\x81")), item));
}

TEST(ConditionEvalTest, EachOrderingOperatorOnEqualAndUnequalValues) {
  struct Case {
    Op op;
    bool below, equal, above;  // outcome for N(4), N(5), N(6) against N(5)
  };
  for (Case c : {Case{Op::kLt, true, false, false}, Case{Op::kLe, true, true, false},
                 Case{Op::kGt, false, false, true}, Case{Op::kGe, false, true, true}}) {
    Item item{{"x", N(5)}};
    EXPECT_EQ(holds(compare(N(4), c.op, path("x")), item), c.below);
    EXPECT_EQ(holds(compare(N(5), c.op, path("x")), item), c.equal);
    EXPECT_EQ(holds(compare(N(6), c.op, path("x")), item), c.above);
  }
}

TEST(ConditionEvalTest, OrderingAcrossTypesIsFalse) {
  Item item = every_type();
  for (const std::string& a : kTypeNames) {
    for (const std::string& b : kTypeNames) {
      if (a == b) continue;
      for (Op op : {Op::kLt, Op::kLe, Op::kGt, Op::kGe}) {
        EXPECT_FALSE(holds(compare(path(a), op, item.at(b)))) << a << " vs " << b;
      }
    }
  }
}

TEST(ConditionEvalTest, OrderingValuesOtherThanSNBIsFalseEvenWhenEqual) {
  Item item = every_type();
  for (const char* name : {"BOOL", "NULL", "M", "L", "SS", "NS", "BS"}) {
    EXPECT_FALSE(holds(le(path(name), item.at(name)))) << name;
    EXPECT_FALSE(holds(ge(path(name), item.at(name)))) << name;
  }
}

TEST(ConditionEvalTest, PathsCompareWithPathsAndLiteralsWithLiterals) {
  Item item{{"low", N(-1)}, {"high", N(7)}};
  EXPECT_TRUE(holds(lt(path("low"), path("high")), item));
  EXPECT_FALSE(holds(gt(path("low"), path("high")), item));
  EXPECT_TRUE(holds(lt(N(1), N(2)), item));
}

// --- missing operands ---

TEST(ConditionEvalTest, ComparisonsWithAMissingAttributeAreFalse) {
  for (Op op : {Op::kEq, Op::kLt, Op::kLe, Op::kGt, Op::kGe}) {
    EXPECT_FALSE(holds(compare(path("absent"), op, N(1))));
    EXPECT_FALSE(holds(compare(N(1), op, path("absent"))));
  }
}

TEST(ConditionEvalTest, NotEqualWithAMissingAttributeIsTrue) {
  EXPECT_TRUE(holds(ne(path("absent"), N(1))));
  EXPECT_TRUE(holds(ne(N(1), path("absent"))));
  EXPECT_TRUE(holds(ne(path("absent"), path("also_absent"))));
}

TEST(ConditionEvalTest, TwoMissingAttributesAreNotEqual) {
  EXPECT_FALSE(holds(eq(path("absent"), path("also_absent"))));
  EXPECT_FALSE(holds(le(path("absent"), path("also_absent"))));
}

TEST(ConditionEvalTest, AnEmptyItemHasNoAttributes) {
  EXPECT_FALSE(holds(eq(path("PK"), S("p")), Item{}));
  EXPECT_TRUE(holds(attribute_not_exists("PK"), Item{}));
  EXPECT_TRUE(holds(ne(path("PK"), S("p")), Item{}));
}

// --- BETWEEN and IN ---

TEST(ConditionEvalTest, BetweenIsInclusive) {
  EXPECT_TRUE(holds(between(path("N"), N(5), N(9))));
  EXPECT_TRUE(holds(between(path("N"), N(1), N(5))));
  EXPECT_TRUE(holds(between(path("N"), N(5), N(5))));
  EXPECT_TRUE(holds(between(path("S"), S("app"), S("apq"))));
}

TEST(ConditionEvalTest, BetweenOutsideTheBoundsIsFalse) {
  EXPECT_FALSE(holds(between(path("N"), N(6), N(9))));
  EXPECT_FALSE(holds(between(path("N"), N(1), N("4.9"))));
}

TEST(ConditionEvalTest, BetweenAcrossTypesIsFalse) {
  EXPECT_FALSE(holds(between(path("N"), S("1"), S("9"))));
  EXPECT_FALSE(holds(between(path("L"), path("L"), path("L"))));
}

TEST(ConditionEvalTest, BetweenWithAMissingOperandIsFalse) {
  EXPECT_FALSE(holds(between(path("absent"), N(1), N(9))));
  EXPECT_FALSE(holds(between(path("N"), path("absent"), N(9))));
  EXPECT_FALSE(holds(between(path("N"), N(1), path("absent"))));
}

TEST(ConditionEvalTest, BetweenWithBoundsFromTheItemInTheWrongOrderIsFalse) {
  Item item{{"x", N(5)}, {"low", N(9)}, {"high", N(1)}};
  EXPECT_FALSE(holds(between(path("x"), path("low"), path("high")), item));
}

TEST(ConditionEvalTest, InMatchesAnyCandidate) {
  EXPECT_TRUE(holds(Condition::in(path("N"), {N(1), N(5), N(9)})));
  EXPECT_TRUE(holds(Condition::in(path("S"), {S("pear"), S("apple")})));
  EXPECT_FALSE(holds(Condition::in(path("N"), {N(1), N(9)})));
}

TEST(ConditionEvalTest, InComparesTypesStrictly) {
  EXPECT_FALSE(holds(Condition::in(path("N"), {S("5")})));
  EXPECT_TRUE(holds(Condition::in(path("N"), {S("5"), N("5.0")})));
}

TEST(ConditionEvalTest, InMatchesValuesOfAnyType) {
  Item item = every_type();
  for (const std::string& name : kTypeNames) {
    EXPECT_TRUE(holds(Condition::in(path(name), {N(42), item.at(name)}))) << name;
  }
}

TEST(ConditionEvalTest, InWithAMissingOperandIsFalse) {
  EXPECT_FALSE(holds(Condition::in(path("absent"), {N(1)})));
  EXPECT_FALSE(holds(Condition::in(path("absent"), {path("also_absent")})));
}

// --- begins_with ---

TEST(ConditionEvalTest, BeginsWithOnStrings) {
  EXPECT_TRUE(holds(begins_with("S", S("app"))));
  EXPECT_TRUE(holds(begins_with("S", S("apple"))));
  EXPECT_TRUE(holds(begins_with("S", S(""))));
  EXPECT_FALSE(holds(begins_with("S", S("App"))));
  EXPECT_FALSE(holds(begins_with("S", S("apples"))));
}

TEST(ConditionEvalTest, BeginsWithOnBinaries) {
  EXPECT_TRUE(holds(begins_with("B", B("\x01"))));
  EXPECT_FALSE(holds(begins_with("B", B("\x02"))));
}

TEST(ConditionEvalTest, BeginsWithNeedsTheSubjectAndPrefixOfOneTypeSOrB) {
  EXPECT_FALSE(holds(begins_with("N", S("5"))));
  EXPECT_FALSE(holds(begins_with("SS", S("red"))));
  EXPECT_FALSE(holds(begins_with("S", B("a"))));
  EXPECT_FALSE(holds(begins_with("B", path("S"))));
}

TEST(ConditionEvalTest, BeginsWithOnAMissingAttributeIsFalse) {
  EXPECT_FALSE(holds(begins_with("absent", S("a"))));
  EXPECT_FALSE(holds(begins_with("S", path("absent"))));
}

// --- contains ---

TEST(ConditionEvalTest, ContainsFindsASubstringOfAString) {
  EXPECT_TRUE(holds(contains("S", S("ppl"))));
  EXPECT_TRUE(holds(contains("S", S("apple"))));
  EXPECT_FALSE(holds(contains("S", S("pea"))));
}

TEST(ConditionEvalTest, ContainsFindsBytesInABinary) {
  EXPECT_TRUE(holds(contains("B", B("\x02"))));
  EXPECT_FALSE(holds(contains("B", B("\x03"))));
  EXPECT_FALSE(holds(contains("B", S("\x02"))));
}

TEST(ConditionEvalTest, ContainsFindsAMemberOfEachSetType) {
  EXPECT_TRUE(holds(contains("SS", S("red"))));
  EXPECT_FALSE(holds(contains("SS", S("blue"))));
  EXPECT_TRUE(holds(contains("NS", N("2.50"))));  // numerically
  EXPECT_TRUE(holds(contains("BS", B("\x02"))));
}

TEST(ConditionEvalTest, ContainsNeedsTheElementTypeOfTheSet) {
  EXPECT_FALSE(holds(contains("NS", S("1"))));
  EXPECT_FALSE(holds(contains("SS", Value::SS({"red"}))));  // a set is not a member
}

TEST(ConditionEvalTest, ContainsFindsAnElementOfAListOfAnyType) {
  EXPECT_TRUE(holds(contains("L", N(1))));
  EXPECT_TRUE(holds(contains("L", S("two"))));
  EXPECT_TRUE(holds(contains("L", Value::SS({"s"}))));
  EXPECT_TRUE(holds(contains("L", Value::L({N(3)}))));
  EXPECT_FALSE(holds(contains("L", S("tw"))));  // elements, not substrings
  EXPECT_FALSE(holds(contains("L", N(3))));     // not nested elements
}

TEST(ConditionEvalTest, ContainsOnOtherTypesIsFalse) {
  EXPECT_FALSE(holds(contains("N", N(5))));
  EXPECT_FALSE(holds(contains("BOOL", Value::Bool(true))));
  EXPECT_FALSE(holds(contains("M", S("k"))));  // map keys are not searched
}

TEST(ConditionEvalTest, ContainsOnAMissingAttributeIsFalse) {
  EXPECT_FALSE(holds(contains("absent", S("a"))));
  EXPECT_FALSE(holds(contains("L", path("absent"))));
}

// --- size ---

TEST(ConditionEvalTest, SizeOfAStringCountsUtf16CodeUnits) {
  Item item{
      {"ascii", S("apple")}, {"accent", S("\xc3\xa9t\xc3\xa9")}, {"emoji", S("a\xf0\x9f\x98\x80")}};
  EXPECT_TRUE(holds(eq(size("ascii"), N(5)), item));
  EXPECT_TRUE(holds(eq(size("accent"), N(3)), item));  // 5 bytes, 3 characters
  EXPECT_TRUE(holds(eq(size("emoji"), N(3)), item));   // 5 bytes; the emoji is a surrogate pair
}

TEST(ConditionEvalTest, SizeOfABinaryCountsBytes) { EXPECT_TRUE(holds(eq(size("B"), N(2)))); }

TEST(ConditionEvalTest, SizeOfACollectionCountsItsElements) {
  EXPECT_TRUE(holds(eq(size("SS"), N(2))));
  EXPECT_TRUE(holds(eq(size("NS"), N(2))));
  EXPECT_TRUE(holds(eq(size("BS"), N(2))));
  EXPECT_TRUE(holds(eq(size("L"), N(4))));
  EXPECT_TRUE(holds(eq(size("M"), N(2))));
  EXPECT_TRUE(holds(eq(size(Path("M").key("inner")), N(1))));
}

TEST(ConditionEvalTest, SizeOfANumberBooleanOrNullHasNoValue) {
  for (const char* name : {"N", "BOOL", "NULL"}) {
    EXPECT_FALSE(holds(eq(size(name), N(1)))) << name;
    EXPECT_FALSE(holds(ge(size(name), N("0")))) << name;
    EXPECT_TRUE(holds(ne(size(name), N(1)))) << name;  // like a missing attribute
  }
}

TEST(ConditionEvalTest, SizeOfAMissingAttributeHasNoValue) {
  EXPECT_FALSE(holds(ge(size("absent"), N("0"))));
  EXPECT_TRUE(holds(ne(size("absent"), N("0"))));
}

TEST(ConditionEvalTest, SizeComparesWithEveryOperator) {
  EXPECT_TRUE(holds(lt(size("S"), N(6))));
  EXPECT_TRUE(holds(le(size("S"), N(5))));
  EXPECT_TRUE(holds(gt(size("S"), N(4))));
  EXPECT_TRUE(holds(ge(size("S"), N(5))));
  EXPECT_TRUE(holds(between(size("S"), N(1), N(5))));
  EXPECT_TRUE(holds(Condition::in(size("S"), {N(5)})));
  EXPECT_FALSE(holds(eq(size("S"), S("5"))));
}

// --- attribute_type, attribute_exists, attribute_not_exists ---

TEST(ConditionEvalTest, AttributeTypeNamesEachOfTheTenTypes) {
  Item item = every_type();
  for (const std::string& name : kTypeNames) {
    Value::Type type = item.at(name).type();
    EXPECT_TRUE(holds(Condition::attribute_type(Path(name), type))) << name;
    Value::Type other = type == Value::Type::kS ? Value::Type::kN : Value::Type::kS;
    EXPECT_FALSE(holds(Condition::attribute_type(Path(name), other))) << name;
  }
}

TEST(ConditionEvalTest, AttributeTypeOfAMissingAttributeIsFalse) {
  EXPECT_FALSE(holds(Condition::attribute_type(Path("absent"), Value::Type::kNull)));
}

TEST(ConditionEvalTest, AttributeExistsForEveryTypeIncludingNull) {
  for (const std::string& name : kTypeNames) {
    EXPECT_TRUE(holds(attribute_exists(name))) << name;
    EXPECT_FALSE(holds(attribute_not_exists(name))) << name;
  }
}

TEST(ConditionEvalTest, AttributeNotExistsForAMissingAttribute) {
  EXPECT_TRUE(holds(attribute_not_exists("absent")));
  EXPECT_FALSE(holds(attribute_exists("absent")));
}

// --- nested paths ---

TEST(ConditionEvalTest, NestedMapKeysResolve) {
  EXPECT_TRUE(holds(eq(Path("M").key("inner").key("deep"), S("x"))));
  EXPECT_TRUE(holds(attribute_exists(Path("M").key("k"))));
  EXPECT_FALSE(holds(attribute_exists(Path("M").key("nope"))));
}

TEST(ConditionEvalTest, ListIndexesResolveAndPastTheEndIsMissing) {
  EXPECT_TRUE(holds(eq(Path("L").index(1), S("two"))));
  EXPECT_TRUE(holds(eq(Path("L").index(3).index(0), N(3))));
  EXPECT_FALSE(holds(attribute_exists(Path("L").index(4))));
}

TEST(ConditionEvalTest, StepsIntoTheWrongKindOfValueResolveToNothing) {
  EXPECT_FALSE(holds(attribute_exists(Path("S").key("x"))));
  EXPECT_FALSE(holds(attribute_exists(Path("N").index(0))));
  EXPECT_FALSE(holds(attribute_exists(Path("M").index(0))));
  EXPECT_FALSE(holds(attribute_exists(Path("L").key("x"))));
  EXPECT_FALSE(holds(attribute_exists(Path("SS").index(0))));  // sets are not indexed
}

TEST(ConditionEvalTest, ResolvePointsIntoTheItem) {
  Item item = every_type();
  const Value* deep = resolve(item, Path("M").key("inner").key("deep"));
  ASSERT_NE(deep, nullptr);
  EXPECT_EQ(deep, &item.at("M").m().at("inner").m().at("deep"));
  EXPECT_EQ(resolve(item, Path("absent")), nullptr);
}

// --- AND, OR, NOT ---

TEST(ConditionEvalTest, AndNeedsBothSides) {
  EXPECT_TRUE(holds(eq(path("N"), N(5)) && eq(path("S"), S("apple"))));
  EXPECT_FALSE(holds(eq(path("N"), N(5)) && eq(path("S"), S("pear"))));
  EXPECT_FALSE(holds(eq(path("N"), N(4)) && eq(path("S"), S("apple"))));
}

TEST(ConditionEvalTest, OrNeedsEitherSide) {
  EXPECT_TRUE(holds(eq(path("N"), N(4)) || eq(path("S"), S("apple"))));
  EXPECT_TRUE(holds(eq(path("N"), N(5)) || eq(path("S"), S("pear"))));
  EXPECT_FALSE(holds(eq(path("N"), N(4)) || eq(path("S"), S("pear"))));
}

TEST(ConditionEvalTest, NotNegatesIncludingAComparisonWithAMissingAttribute) {
  EXPECT_FALSE(holds(!eq(path("N"), N(5))));
  EXPECT_TRUE(holds(!lt(path("absent"), N(1))));
  EXPECT_TRUE(holds(!!eq(path("N"), N(5))));
}

// --- validate_condition ---

void expect_rejected(const Condition& c, const std::string& rule_fragment) {
  try {
    validate_condition(c, "FilterExpression");
    ADD_FAILURE() << "accepted; expected a rule like: " << rule_fragment;
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), "FilterExpression");
    EXPECT_NE(e.rule().find(rule_fragment), std::string::npos) << e.what();
  }
}

TEST(ConditionValidationTest, WellFormedConditionsPass) {
  EXPECT_NO_THROW(validate_condition((eq(path("a"), N(1)) || between(path("b"), S("a"), S("b"))) &&
                                         !Condition::in(path("c"), {N(1), S("x")}) &&
                                         begins_with("d", B("\x01")) &&
                                         contains("e", Value::L({})) && lt(size("f"), N(3)),
                                     "ConditionExpression"));
}

TEST(ConditionValidationTest, InWithoutCandidatesIsRejected) {
  expect_rejected(Condition::in(path("a"), {}), "IN takes 1 to 100");
}

TEST(ConditionValidationTest, InTakesAtMost100Candidates) {
  std::vector<Operand> candidates(100, Operand(N(1)));
  EXPECT_NO_THROW(validate_condition(Condition::in(path("a"), candidates), "c"));
  candidates.emplace_back(N(2));
  expect_rejected(Condition::in(path("a"), candidates), "IN takes 1 to 100");
}

TEST(ConditionValidationTest, BetweenLiteralBoundsOfDifferentTypesAreRejected) {
  expect_rejected(between(path("a"), S("1"), N(9)), "BETWEEN bounds are of one type");
}

TEST(ConditionValidationTest, BetweenWithLowAboveHighIsRejected) {
  expect_rejected(between(path("a"), N(9), N(1)), "low <= high");
  EXPECT_NO_THROW(validate_condition(between(path("a"), N(1), N(1)), "c"));
}

TEST(ConditionValidationTest, BetweenBoundsFromTheItemAreNotChecked) {
  EXPECT_NO_THROW(validate_condition(between(path("a"), path("hi"), N(1)), "c"));
}

TEST(ConditionValidationTest, OrderingALiteralOtherThanSNBIsRejected) {
  expect_rejected(lt(path("a"), Value::L({N(1)})), "compare S, N or B");
  expect_rejected(ge(Value::Bool(true), path("a")), "compare S, N or B");
  expect_rejected(between(path("a"), Value::L({}), Value::L({})), "compare S, N or B");
  EXPECT_NO_THROW(validate_condition(eq(path("a"), Value::L({N(1)})), "c"));
}

TEST(ConditionValidationTest, BeginsWithAPrefixOtherThanSOrBIsRejected) {
  expect_rejected(begins_with("a", N(1)), "S or B prefix");
  EXPECT_NO_THROW(validate_condition(begins_with("a", path("b")), "c"));
}

TEST(ConditionValidationTest, EmptySetLiteralsAreRejected) {
  expect_rejected(eq(path("a"), Value::SS({})), "a set may not be empty");
  expect_rejected(contains("a", Value::NS({})), "a set may not be empty");
}

TEST(ConditionValidationTest, LiteralsNestedDeeperThan32LevelsAreRejected) {
  Value deep = N(1);
  for (int i = 0; i < 33; ++i) deep = Value::L({deep});
  expect_rejected(eq(path("a"), deep), "nesting deeper than 32");
}

TEST(ConditionValidationTest, PathsNestedDeeperThan32LevelsAreRejected) {
  Path p("a");
  for (int i = 0; i < 32; ++i) p = p.key("k");
  EXPECT_NO_THROW(validate_condition(attribute_exists(p), "c"));
  expect_rejected(attribute_exists(p.index(0)), "at most 32 levels");
  expect_rejected(eq(size(p.index(0)), N(1)), "at most 32 levels");
}

TEST(ConditionValidationTest, AnOperandComparedWithItselfIsRejected) {
  expect_rejected(eq(path("a"), path("a")), "distinct");
  expect_rejected(contains(Path("a").key("b"), Path("a").key("b")), "distinct");
  expect_rejected(begins_with("a", path("a")), "distinct");
  EXPECT_NO_THROW(validate_condition(eq(path("a"), path("b")), "c"));
}

TEST(ConditionValidationTest, AnUnknownAttributeTypeIsRejected) {
  expect_rejected(Condition::attribute_type(Path("a"), static_cast<Value::Type>(42)),
                  "attribute_type");
}

TEST(ConditionValidationTest, ConditionsNestAtMost300LevelsDeep) {
  Condition c = attribute_exists("a");
  for (int i = 0; i < 300; ++i) c = !c;
  EXPECT_NO_THROW(validate_condition(c, "c"));
  expect_rejected(!c, "300 levels");
}

TEST(ConditionValidationTest, NestedConditionsAreChecked) {
  expect_rejected(attribute_exists("a") && !(Condition::in(path("b"), {})), "IN takes");
}

// --- project ---

Item nested() {
  return {{"a", Value::M({{"b", N(1)},
                          {"c", Value::L({S("c0"), Value::M({{"x", N(2)}, {"y", N(3)}})})},
                          {"d", Value::M({})}})},
          {"list", Value::L({S("l0"), S("l1"), S("l2")})},
          {"s", S("text")}};
}

TEST(ProjectionTest, AnEmptyProjectionKeepsTheWholeItem) {
  EXPECT_EQ(project(nested(), {}), nested());
}

TEST(ProjectionTest, TopLevelNamesKeepThoseAttributesAndSkipMissingOnes) {
  EXPECT_EQ(project(nested(), {Path("s"), Path("absent")}), (Item{{"s", S("text")}}));
}

TEST(ProjectionTest, AMapKeyKeepsTheMapWithThatKeyOnly) {
  EXPECT_EQ(project(nested(), {Path("a").key("b")}), (Item{{"a", Value::M({{"b", N(1)}})}}));
}

TEST(ProjectionTest, KeysOfOneMapAreKeptTogether) {
  EXPECT_EQ(project(nested(), {Path("a").key("b"), Path("a").key("d")}),
            (Item{{"a", Value::M({{"b", N(1)}, {"d", Value::M({})}})}}));
}

TEST(ProjectionTest, AListIndexKeepsThatElementOnly) {
  EXPECT_EQ(project(nested(), {Path("list").index(1)}), (Item{{"list", Value::L({S("l1")})}}));
}

TEST(ProjectionTest, SeveralIndexesKeepTheListOrder) {
  EXPECT_EQ(project(nested(), {Path("list").index(2), Path("list").index(0)}),
            (Item{{"list", Value::L({S("l0"), S("l2")})}}));
}

TEST(ProjectionTest, AnIndexPastTheEndKeepsNothing) {
  EXPECT_EQ(project(nested(), {Path("list").index(3)}), Item{});
  EXPECT_EQ(project(nested(), {Path("list").index(3), Path("list").index(1)}),
            (Item{{"list", Value::L({S("l1")})}}));
}

TEST(ProjectionTest, APathIntoTheWrongKindOfValueKeepsNothing) {
  EXPECT_EQ(project(nested(), {Path("s").key("x"), Path("a").index(0), Path("list").key("x")}),
            Item{});
}

TEST(ProjectionTest, AMissingKeyKeepsNothingOfItsMap) {
  EXPECT_EQ(project(nested(), {Path("a").key("zz")}), Item{});
}

TEST(ProjectionTest, PathsThroughListsAndMapsKeepTheirShape) {
  EXPECT_EQ(project(nested(), {Path("a").key("c").index(1).key("x")}),
            (Item{{"a", Value::M({{"c", Value::L({Value::M({{"x", N(2)}})})}})}}));
}

TEST(ProjectionTest, OverlappingPathsAreRejected) {
  for (const std::vector<Path>& paths : {std::vector<Path>{Path("a"), Path("a").key("b")},
                                         std::vector<Path>{Path("a").key("b"), Path("a")},
                                         std::vector<Path>{Path("s"), Path("s")}}) {
    try {
      project(nested(), paths);
      ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.field(), "ProjectionExpression");
      EXPECT_EQ(e.rule(), "two document paths overlap with each other");
    }
  }
}

TEST(ProjectionTest, AMapKeyAndAListIndexAtOneLevelAreRejected) {
  EXPECT_THROW(project(nested(), {Path("a").key("b"), Path("a").index(0)}), ValidationError);
}

TEST(ProjectionTest, PathsNestedDeeperThan32LevelsAreRejected) {
  Path p("a");
  for (int i = 0; i < 33; ++i) p = p.key("k");
  EXPECT_THROW(project(nested(), {p}), ValidationError);
}

TEST(ProjectionTest, AnEmptyMapSelectedWholeIsKept) {
  EXPECT_EQ(project(nested(), {Path("a").key("d")}),
            (Item{{"a", Value::M({{"d", Value::M({})}})}}));
}

}  // namespace
}  // namespace alexdb::store
