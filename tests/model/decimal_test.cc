#include "alexdb/decimal.h"

#include <gtest/gtest.h>

#include "alexdb/errors.h"

namespace alexdb {
namespace {

Decimal D(const char* text) { return Decimal::parse(text); }

TEST(DecimalTest, ParseGivesTheCanonicalForm) {
  EXPECT_EQ(D("000123.4500").to_string(), "123.45");
  EXPECT_EQ(D(".5").to_string(), "0.5");
  EXPECT_EQ(D("5.").to_string(), "5");
  EXPECT_EQ(D("+1e3").to_string(), "1000");
  EXPECT_EQ(D("-1.5E-3").to_string(), "-0.0015");
  EXPECT_EQ(D("-0").to_string(), "0");
  EXPECT_EQ(D("0e999999999999").to_string(), "0");
}

TEST(DecimalTest, InsignificantZerosDoNotCountAsDigits) {
  EXPECT_EQ(D("000123.4500").digits(), 5);
  EXPECT_EQ(D("12345678901234567890123456789012345678000").digits(), 38);
  EXPECT_NO_THROW(D("0.00000000000000000000000000000000000000012345678901234567890123456789012345678"));
}

TEST(DecimalTest, AtMost38SignificantDigits) {
  EXPECT_NO_THROW(D("12345678901234567890123456789012345678"));
  try {
    D("123456789012345678901234567890123456789");
    FAIL() << "39 digits accepted";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.rule(), "at most 38 significant digits");
  }
}

TEST(DecimalTest, MagnitudeWithinDynamoDbsRange) {
  EXPECT_NO_THROW(D("1e-130"));
  EXPECT_NO_THROW(D("9.9999999999999999999999999999999999999e125"));
  EXPECT_THROW(D("1e126"), ValidationError);
  EXPECT_THROW(D("1e-131"), ValidationError);
  EXPECT_THROW(D("-1e126"), ValidationError);
}

TEST(DecimalTest, RejectsWhatIsNotANumberNamingTheField) {
  for (const char* bad : {"", "abc", "NaN", "Infinity", "1e", "--1", " 1", "1 ", "0x10", "1.2.3", "."}) {
    EXPECT_FALSE(Decimal::try_parse(bad)) << bad;
  }
  try {
    Decimal::parse("abc", "quantity");
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), "quantity");
    EXPECT_EQ(e.rule(), "not a number");
  }
}

TEST(DecimalTest, ArithmeticIsExact) {
  EXPECT_EQ((D("0.1") + D("0.2")).to_string(), "0.3");
  EXPECT_EQ((D("125.5") * D("450.25")).to_string(), "56506.375");
  EXPECT_EQ((D("1e38") - D("99999999999999999999999999999999999999")).to_string(), "1");
  EXPECT_EQ((D("-2.5") - D("-2.5")).to_string(), "0");
  EXPECT_THROW(D("99999999999999999999999999999999999999") + D("0.1"), ValidationError);
  EXPECT_THROW(D("1e100") * D("1e100"), ValidationError);
}

TEST(DecimalTest, RoundingHappensOnlyWhenAskedWithTheNamedMode) {
  EXPECT_EQ(D("2.5").round(0).to_string(), "2");
  EXPECT_EQ(D("3.5").round(0).to_string(), "4");
  EXPECT_EQ(D("-2.5").round(0, RoundingMode::kHalfUp).to_string(), "-3");
  EXPECT_EQ(D("2.71").round(1, RoundingMode::kDown).to_string(), "2.7");
  EXPECT_EQ(D("-2.71").round(1, RoundingMode::kFloor).to_string(), "-2.8");
  EXPECT_EQ(D("2.71").round(1, RoundingMode::kCeiling).to_string(), "2.8");
  EXPECT_EQ(D("1250").round(-2).to_string(), "1200");
  EXPECT_EQ(D("1.5").round(3).to_string(), "1.5");
}

TEST(DecimalTest, DivideRoundsToTheRequestedPlaces) {
  EXPECT_EQ(Decimal::divide(D("1"), D("3"), 5).to_string(), "0.33333");
  EXPECT_EQ(Decimal::divide(D("2"), D("3"), 2).to_string(), "0.67");
  EXPECT_EQ(Decimal::divide(D("-2"), D("3"), 2, RoundingMode::kDown).to_string(), "-0.66");
  EXPECT_THROW(Decimal::divide(D("1"), D("0"), 2), ValidationError);
}

TEST(DecimalTest, ComparesNumerically) {
  EXPECT_LT(D("-1.25"), D("-1.2"));
  EXPECT_LT(D("9.99"), D("10"));
  EXPECT_GT(D("1e-130"), D("0"));
  EXPECT_EQ(D("1.50"), D("1.5"));
  EXPECT_LT(D("-1e125"), D("1e-130"));
}

TEST(DecimalTest, ConvertsIntegersExactly) {
  EXPECT_EQ(Decimal::from_int(INT64_MIN).to_string(), "-9223372036854775808");
  EXPECT_EQ(D("9223372036854775807").to_int64(), INT64_MAX);
  EXPECT_FALSE(D("9223372036854775808").to_int64());
  EXPECT_FALSE(D("1.5").to_int64());
  EXPECT_EQ(D("1200").to_int64(), 1200);
}

}  // namespace
}  // namespace alexdb
