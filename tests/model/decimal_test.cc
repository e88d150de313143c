// Decimal's contract (include/alexdb/decimal.h), one behaviour per test. The differential
// test decimal_oracle.py checks the same operations against Python's decimal at scale.
#include "alexdb/decimal.h"

#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <string>
#include <string_view>

#include "alexdb/errors.h"

namespace alexdb {
namespace {

constexpr const char* kDigitsRule = "at most 38 significant digits";
constexpr const char* kRangeRule = "magnitude within 1e-130..1e126";
constexpr const char* kNumberRule = "not a number";

Decimal D(std::string_view text) { return Decimal::parse(text); }

std::string canonical(std::string_view text) { return Decimal::parse(text).to_string(); }

// The rule of the ValidationError that `f` throws, or "no error".
template <typename F>
std::string rule_of(F f) {
  try {
    f();
  } catch (const ValidationError& e) {
    return e.rule();
  }
  return "no error";
}

std::string parse_rule(std::string_view text) {
  return rule_of([&] { Decimal::parse(text); });
}

std::string rounded(std::string_view text, int places, RoundingMode mode) {
  return D(text).round(places, mode).to_string();
}

std::string quotient(std::string_view a, std::string_view b, int places,
                     RoundingMode mode = RoundingMode::kHalfEven) {
  return Decimal::divide(D(a), D(b), places, mode).to_string();
}

const std::string k38Nines(38, '9');

TEST(DecimalTest, ParseAcceptsEveryDocumentedForm) {
  EXPECT_EQ(canonical("12"), "12");
  EXPECT_EQ(canonical("+12"), "12");
  EXPECT_EQ(canonical("-12.25"), "-12.25");
  EXPECT_EQ(canonical(".5"), "0.5");
  EXPECT_EQ(canonical("5."), "5");
  EXPECT_EQ(canonical("1e3"), "1000");
  EXPECT_EQ(canonical("1E+3"), "1000");
  EXPECT_EQ(canonical("-1.5e-3"), "-0.0015");
  EXPECT_EQ(canonical(".5e1"), "5");
}

TEST(DecimalTest, ParseStripsInsignificantZeros) {
  EXPECT_EQ(canonical("000123.4500"), "123.45");
  EXPECT_EQ(D("000123.4500").digits(), 5);
  EXPECT_EQ(canonical("0.000"), "0");
  EXPECT_EQ(canonical("1200"), "1200");
  EXPECT_EQ(D("1200").digits(), 2);
  EXPECT_EQ(D("100.5").digits(), 4);  // interior zeros are significant
}

TEST(DecimalTest, ToFixedWritesExactlyThePlacesAsked) {
  EXPECT_EQ(D("50").to_fixed(2), "50.00");
  EXPECT_EQ(D("54.5454").to_fixed(2), "54.55");
  EXPECT_EQ(D("-0.125").to_fixed(2), "-0.12");  // half-even
  EXPECT_EQ(D("-0.001").to_fixed(2), "0.00");   // no negative zero
  EXPECT_EQ(D("0").to_fixed(8), "0.00000000");
  EXPECT_EQ(D("1.5").to_fixed(0), "2");
  EXPECT_EQ(D("123.456").to_fixed(-1), "123");
}

TEST(DecimalTest, PlainFormsParseAsTheirExponentForms) {
  // "[-]digits[.digits]" of up to 19 digits takes a shorter path than other forms; an
  // exponent of zero sends the same number down the general one.
  const char* plain[] = {"0", "-0", "0.000", "7", "-7", "5.", ".5", "-.5", "100", "00012.3400",
                         "125.50000000", "-0.001", "1234567890123456789", "9999999999999999999",
                         "-999999999.9999999999", "12345678901234567890", "0.0000000000000000001",
                         "1000000000000000000", "10000000000000000000"};
  for (const char* text : plain) {
    const std::string exponent_form = std::string(text) + "e0";
    EXPECT_EQ(canonical(text), canonical(exponent_form)) << text;
    EXPECT_EQ(Decimal::try_parse(text), Decimal::try_parse(exponent_form)) << text;
  }
  EXPECT_EQ(canonical("00012.3400"), "12.34");
  EXPECT_EQ(canonical("-0.000"), "0");
  EXPECT_EQ(canonical("10000000000000000000"), "10000000000000000000");
  for (const char* bad : {"", "-", ".", "-.", "1.2.3", "1-", "--1"}) {
    EXPECT_EQ(Decimal::try_parse(bad), std::nullopt) << '"' << bad << '"';
  }
}

TEST(DecimalTest, ParseHasNoNegativeZero) {
  for (const char* zero : {"-0", "+0", "-0.000", "-0e5", "0e999999", "-.0"}) {
    EXPECT_EQ(canonical(zero), "0") << zero;
    EXPECT_EQ(D(zero), Decimal()) << zero;
    EXPECT_EQ(D(zero).sign(), 0) << zero;
  }
}

TEST(DecimalTest, ParseRejectsWhatIsNotANumber) {
  for (const char* bad :
       {"",     "+",     "-",    ".",     "e5",    ".e1", "1e",  "1e+",      "1e-",       "--1",
        "+-1",  "1.2.3", "1..2", "1e5e5", "1e1.5", "NaN", "nan", "Infinity", "-Infinity", "inf",
        "0x10", "1_000", "1,5",  "12a",   " 1",    "1 ",  "1\t", "\n1",      "1\n"}) {
    EXPECT_EQ(parse_rule(bad), kNumberRule) << '"' << bad << '"';
  }
  EXPECT_EQ(parse_rule(std::string_view("1\0", 2)), kNumberRule);
}

TEST(DecimalTest, ParseErrorsNameTheFieldTheRuleAndTheText) {
  try {
    Decimal::parse("abc", "quantity");
    FAIL() << "accepted abc";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), "quantity");
    EXPECT_EQ(e.rule(), kNumberRule);
    EXPECT_NE(std::string(e.what()).find("abc"), std::string::npos) << e.what();
  }
}

TEST(DecimalTest, ParseAcceptsExactly38SignificantDigits) {
  EXPECT_EQ(canonical(k38Nines), k38Nines);
  EXPECT_EQ(D(k38Nines).digits(), 38);
  EXPECT_EQ(D("12345678901234567890123456789012345678000").digits(), 38);
  EXPECT_EQ(D("0.00012345678901234567890123456789012345678").digits(), 38);
  EXPECT_EQ(D("1" + std::string(36, '0') + "1").digits(), 38);
}

TEST(DecimalTest, ParseRejects39SignificantDigits) {
  EXPECT_EQ(parse_rule(std::string(39, '9')), kDigitsRule);
  EXPECT_EQ(parse_rule("1" + std::string(37, '0') + "1"), kDigitsRule);
  EXPECT_EQ(parse_rule("1234567890123456789.01234567890123456789"), kDigitsRule);
}

TEST(DecimalTest, ParseAcceptsTheRangeEdges) {
  EXPECT_EQ(canonical("1e-130"), "0." + std::string(129, '0') + "1");
  EXPECT_EQ(canonical("-1e-130"), "-0." + std::string(129, '0') + "1");
  const std::string largest = "9." + std::string(37, '9') + "e125";
  EXPECT_EQ(canonical(largest), k38Nines + std::string(88, '0'));
  EXPECT_EQ(D("-" + largest).sign(), -1);
}

TEST(DecimalTest, ParseRejectsMagnitudesJustOutsideTheRange) {
  EXPECT_EQ(parse_rule("1e126"), kRangeRule);
  EXPECT_EQ(parse_rule("-1e126"), kRangeRule);
  EXPECT_EQ(parse_rule("1e-131"), kRangeRule);
  EXPECT_EQ(parse_rule("9.9999e-131"), kRangeRule);
  EXPECT_EQ(parse_rule("0.00000000000000000000000000000000000000001e-90"), kRangeRule);
}

TEST(DecimalTest, ParseRejectsHugeExponentsWithoutOverflow) {
  EXPECT_EQ(parse_rule("1e999999999999"), kRangeRule);
  EXPECT_EQ(parse_rule("1e-999999999999"), kRangeRule);
  EXPECT_EQ(parse_rule("1e2147483648"), kRangeRule);            // INT_MAX + 1
  EXPECT_EQ(parse_rule("1e4294967296"), kRangeRule);            // 2^32: wraps to 0 in 32 bits
  EXPECT_EQ(parse_rule("1e18446744073709551616"), kRangeRule);  // 2^64
  EXPECT_EQ(parse_rule("1e-18446744073709551616"), kRangeRule);
  EXPECT_EQ(parse_rule("1e" + std::string(400, '9')), kRangeRule);
  EXPECT_EQ(canonical("1e0000000000000000000000000005"), "100000");
}

TEST(DecimalTest, ParseLetsManyZerosShiftAnExponentBackIntoRange) {
  EXPECT_EQ(canonical("0e999999999999"), "0");
  EXPECT_EQ(canonical("1" + std::string(300, '0') + "e-250"), "1" + std::string(50, '0'));
  EXPECT_EQ(canonical("0." + std::string(300, '0') + "5e305"), "50000");
  EXPECT_EQ(canonical("5" + std::string(200, '0') + ".000e-200"), "5");
}

TEST(DecimalTest, TryParseReturnsNulloptInsteadOfThrowing) {
  EXPECT_EQ(Decimal::try_parse("1.5"), D("1.5"));
  EXPECT_FALSE(Decimal::try_parse("abc"));
  EXPECT_FALSE(Decimal::try_parse(std::string(39, '9')));
  EXPECT_FALSE(Decimal::try_parse("1e126"));
  EXPECT_FALSE(Decimal::try_parse(""));
}

TEST(DecimalTest, CanonicalTextRoundTrips) {
  for (const char* text : {"0", "1", "-1", "0.5", "-0.0015", "123.45", "1e-130", "1e125",
                           "-9.9999999999999999999999999999999999999e125", "1234.5678e-60"}) {
    const Decimal x = D(text);
    EXPECT_EQ(D(x.to_string()), x) << text;
    EXPECT_EQ(D(x.to_string()).to_string(), x.to_string()) << text;
  }
}

TEST(DecimalTest, DigitsScaleAndIsIntegerDescribeTheCanonicalForm) {
  EXPECT_EQ(D("0").digits(), 0);
  EXPECT_EQ(D("-12.340").scale(), 2);
  EXPECT_EQ(D("1200").scale(), 0);
  EXPECT_TRUE(D("1200").is_integer());
  EXPECT_TRUE(D("0").is_integer());
  EXPECT_FALSE(D("0.5").is_integer());
}

TEST(DecimalTest, FromIntIsExact) {
  EXPECT_EQ(Decimal::from_int(0), Decimal());
  EXPECT_EQ(Decimal::from_int(-1200).to_string(), "-1200");
  EXPECT_EQ(Decimal::from_int(INT64_MAX).to_string(), "9223372036854775807");
  EXPECT_EQ(Decimal::from_int(INT64_MIN).to_string(), "-9223372036854775808");
  EXPECT_EQ(Decimal::from_int(1000), D("1e3"));
}

TEST(DecimalTest, ToInt64IsExactOrNothing) {
  EXPECT_EQ(D("0").to_int64(), 0);
  EXPECT_EQ(D("1200").to_int64(), 1200);
  EXPECT_EQ(D("-1e18").to_int64(), -1'000'000'000'000'000'000);
  EXPECT_EQ(D("9223372036854775807").to_int64(), INT64_MAX);
  EXPECT_EQ(D("-9223372036854775808").to_int64(), INT64_MIN);
  EXPECT_FALSE(D("9223372036854775808").to_int64());
  EXPECT_FALSE(D("-9223372036854775809").to_int64());
  EXPECT_FALSE(D("1.5").to_int64());
  EXPECT_FALSE(D("1e19").to_int64());
  EXPECT_FALSE(D("1e125").to_int64());
  // 38 digits times 10 does not fit 128 bits; it must not wrap into range.
  EXPECT_FALSE(D("34028236692093846346337460743176821146e1").to_int64());
}

TEST(DecimalTest, AdditionAndSubtractionAreExact) {
  EXPECT_EQ((D("0.1") + D("0.2")).to_string(), "0.3");
  EXPECT_EQ((D("-2.5") + D("1.25")).to_string(), "-1.25");
  EXPECT_EQ((D("1.005") - D("0.005")).to_string(), "1");
  EXPECT_EQ((D("1e20") + D("1e-17")).to_string(), "100000000000000000000.00000000000000001");
  EXPECT_EQ((D("-2.5") - D("-2.5")), Decimal());
  EXPECT_EQ((D("-2.5") - D("-2.5")).to_string(), "0");
}

TEST(DecimalTest, SumsAreExactWhenAlignedOperandsExceed38Digits) {
  EXPECT_EQ((D("1e38") - D(k38Nines)).to_string(), "1");
  EXPECT_EQ((D("1e125") - D("9.9999999999999999999999999999999999999e124")).to_string(),
            "1" + std::string(87, '0'));
  EXPECT_EQ((D("5e37") + D("5e37")).to_string(), "1" + std::string(38, '0'));
}

TEST(DecimalTest, SumsOfTermsOfSimilarSizeCarryBorrowAndDropTrailingZeros) {
  EXPECT_EQ((D("0.25") + D("0.75")).to_string(), "1");
  EXPECT_EQ((D("1.10") - D("2.2")).to_string(), "-1.1");
  EXPECT_EQ((D("-0.25") + D("0.25")).to_string(), "0");
  EXPECT_EQ((D("-0.25") + D("0.25")).sign(), 0);
  EXPECT_EQ((D("999.99") + D("0.01")).to_string(), "1000");
  EXPECT_EQ((D("1000") - D("0.01")).to_string(), "999.99");
  EXPECT_EQ((D("-3") - D("-3.5")).to_string(), "0.5");
  EXPECT_EQ((D(k38Nines) - D("1")).to_string(), std::string(37, '9') + "8");
  EXPECT_EQ(D("1e-130") + D("1e-130"), D("2e-130"));
  EXPECT_EQ(D("9e124") + D("1e124"), D("1e125"));
}

TEST(DecimalTest, SumsNeedingMoreThan38DigitsThrow) {
  EXPECT_EQ(rule_of([] { return D(k38Nines) + D("1"); }), "no error");  // 1e38: one digit
  EXPECT_EQ(rule_of([] { return D(k38Nines) + D("0.1"); }), kDigitsRule);
  EXPECT_EQ(rule_of([] { return D("1e125") + D("1e-130"); }), kDigitsRule);
  EXPECT_EQ((D("1") - D("1e-38")).to_string(), "0." + k38Nines);
  EXPECT_EQ(rule_of([] { return D("1") - D("1e-39"); }), kDigitsRule);
}

TEST(DecimalTest, SumsOutsideTheRangeThrow) {
  EXPECT_EQ(rule_of([] { return D("9e125") + D("9e125"); }), kRangeRule);
  EXPECT_EQ(rule_of([] { return D("-9e125") - D("9e125"); }), kRangeRule);
  EXPECT_EQ(rule_of([] { return D("1.5e-130") - D("1e-130"); }), kRangeRule);
}

TEST(DecimalTest, MultiplicationIsExact) {
  EXPECT_EQ((D("125.5") * D("450.25")).to_string(), "56506.375");
  EXPECT_EQ((D("-0.1") * D("0.1")).to_string(), "-0.01");
  EXPECT_EQ((D("-3") * D("-4")).to_string(), "12");
  EXPECT_EQ((D("0") * D("-5")).to_string(), "0");
  EXPECT_EQ((D("1e-65") * D("1e-65")), D("1e-130"));
  EXPECT_EQ((D("1e19") * D("9999999999999999999")).to_string(),
            "9999999999999999999" + std::string(19, '0'));
  EXPECT_EQ((D("1111111111111111111") * D("1111111111111111111")).to_string(),
            "1234567901234567900987654320987654321");
}

TEST(DecimalTest, ProductsAreExactWhenTheFullProductExceeds128Bits) {
  const std::string five_54 = "55511151231257827021181583404541015625";  // 5^54
  const std::string two_126 = "85070591730234615865843651857942052864";  // 2^126
  EXPECT_EQ(D(five_54) * D("18014398509481984"), D("1e54"));             // 2^54
  EXPECT_EQ((D(two_126) * D(five_54)).to_string(), "4722366482869645213696" + std::string(54, '0'));
  EXPECT_EQ((D(two_126) * D("-" + five_54 + "e-130")).to_string(),
            "-0." + std::string(54, '0') + "4722366482869645213696");
}

TEST(DecimalTest, ProductsThatDoNotFitThrow) {
  EXPECT_EQ(rule_of([] { return D("12345678901234567891") * D("12345678901234567891"); }),
            kDigitsRule);
  EXPECT_EQ(rule_of([] { return D("1e100") * D("1e100"); }), kRangeRule);
  EXPECT_EQ(rule_of([] { return D("1e-66") * D("1e-65"); }), kRangeRule);
}

TEST(DecimalTest, CompoundAssignmentMatchesTheOperators) {
  Decimal x = D("1.5");
  x += D("2");
  EXPECT_EQ(x, D("3.5"));
  x -= D("0.5");
  EXPECT_EQ(x, D("3"));
  x *= D("-2");
  EXPECT_EQ(x, D("-6"));
}

TEST(DecimalTest, NegationFlipsTheSignButNotZero) {
  EXPECT_EQ((-D("1.5")).to_string(), "-1.5");
  EXPECT_EQ((-D("-1.5")).to_string(), "1.5");
  EXPECT_EQ(-Decimal(), Decimal());
  EXPECT_EQ((-Decimal()).to_string(), "0");
}

struct RoundingCase {
  RoundingMode mode;
  const char* expected[8];  // for kRoundingInputs, rounded to 0 places
};

constexpr const char* kRoundingInputs[8] = {"2.5", "-2.5", "3.5", "-3.5",
                                            "2.6", "-2.6", "2.4", "-2.4"};

TEST(DecimalTest, EachRoundingModeHandlesTiesAndNonTies) {
  const RoundingCase cases[] = {
      {RoundingMode::kHalfEven, {"2", "-2", "4", "-4", "3", "-3", "2", "-2"}},
      {RoundingMode::kHalfUp, {"3", "-3", "4", "-4", "3", "-3", "2", "-2"}},
      {RoundingMode::kDown, {"2", "-2", "3", "-3", "2", "-2", "2", "-2"}},
      {RoundingMode::kUp, {"3", "-3", "4", "-4", "3", "-3", "3", "-3"}},
      {RoundingMode::kFloor, {"2", "-3", "3", "-4", "2", "-3", "2", "-3"}},
      {RoundingMode::kCeiling, {"3", "-2", "4", "-3", "3", "-2", "3", "-2"}},
  };
  for (const RoundingCase& c : cases) {
    for (int i = 0; i < 8; ++i) {
      EXPECT_EQ(rounded(kRoundingInputs[i], 0, c.mode), c.expected[i])
          << kRoundingInputs[i] << " mode " << static_cast<int>(c.mode);
    }
  }
}

TEST(DecimalTest, RoundDefaultsToHalfEven) {
  EXPECT_EQ(D("0.125").round(2).to_string(), "0.12");
  EXPECT_EQ(D("0.135").round(2).to_string(), "0.14");
  EXPECT_EQ(D("0.1250001").round(2).to_string(), "0.13");
}

TEST(DecimalTest, RoundKeepsValuesThatAlreadyFit) {
  EXPECT_EQ(rounded("1.5", 3, RoundingMode::kUp), "1.5");
  EXPECT_EQ(rounded("1200", -2, RoundingMode::kUp), "1200");
  EXPECT_EQ(rounded("0", -5, RoundingMode::kUp), "0");
}

TEST(DecimalTest, RoundToNegativePlacesRoundsToTensHundredsAndBeyond) {
  EXPECT_EQ(rounded("1250", -2, RoundingMode::kHalfEven), "1200");
  EXPECT_EQ(rounded("1350", -2, RoundingMode::kHalfEven), "1400");
  EXPECT_EQ(rounded("1250.01", -2, RoundingMode::kHalfEven), "1300");
  EXPECT_EQ(rounded("-15", -1, RoundingMode::kHalfUp), "-20");
  EXPECT_EQ(rounded("499", -3, RoundingMode::kHalfEven), "0");
  EXPECT_EQ(rounded("1", -2, RoundingMode::kUp), "100");
  EXPECT_EQ(rounded("-1", -2, RoundingMode::kFloor), "-100");
}

TEST(DecimalTest, RoundCarriesIntoANewDigit) {
  EXPECT_EQ(rounded("9.99", 1, RoundingMode::kHalfEven), "10");
  EXPECT_EQ(rounded("-0.999", 2, RoundingMode::kUp), "-1");
  EXPECT_EQ(rounded(k38Nines, -1, RoundingMode::kUp), "1" + std::string(38, '0'));
}

TEST(DecimalTest, RoundThrowsWhenTheResultLeavesTheRange) {
  const std::string largest = "9." + std::string(37, '9') + "e125";
  EXPECT_EQ(rule_of([&] { D(largest).round(-125, RoundingMode::kUp); }), kRangeRule);
  EXPECT_EQ(rounded(largest, -125, RoundingMode::kDown), "9" + std::string(125, '0'));
  EXPECT_EQ(rounded("1e-130", 129, RoundingMode::kHalfEven), "0");
  EXPECT_EQ(rounded("1e-130", 129, RoundingMode::kUp), "0." + std::string(128, '0') + "1");
}

TEST(DecimalTest, RoundAcceptsExtremePlaces) {
  EXPECT_EQ(rounded("1.5", INT_MAX, RoundingMode::kUp), "1.5");
  EXPECT_EQ(rounded("5", INT_MIN, RoundingMode::kHalfEven), "0");
  EXPECT_EQ(rounded("-5", INT_MIN, RoundingMode::kCeiling), "0");
  EXPECT_EQ(rule_of([] { D("5").round(INT_MIN, RoundingMode::kUp); }), kRangeRule);
  EXPECT_EQ(rule_of([] { D("-5").round(INT_MIN, RoundingMode::kFloor); }), kRangeRule);
}

TEST(DecimalTest, DivideRoundsToTheRequestedPlaces) {
  EXPECT_EQ(quotient("1", "3", 5), "0.33333");
  EXPECT_EQ(quotient("2", "3", 2), "0.67");
  EXPECT_EQ(quotient("-2", "3", 2, RoundingMode::kDown), "-0.66");
  EXPECT_EQ(quotient("-2", "3", 2, RoundingMode::kFloor), "-0.67");
  EXPECT_EQ(quotient("2", "-3", 2, RoundingMode::kCeiling), "-0.66");
  EXPECT_EQ(quotient("1", "3", 0), "0");
  EXPECT_EQ(quotient("1", "3", 0, RoundingMode::kUp), "1");
}

TEST(DecimalTest, DivideBreaksTiesByTheMode) {
  EXPECT_EQ(quotient("5", "2", 0), "2");
  EXPECT_EQ(quotient("7", "2", 0), "4");
  EXPECT_EQ(quotient("-5", "2", 0, RoundingMode::kHalfUp), "-3");
  EXPECT_EQ(quotient("0.125", "1", 2), "0.12");
}

TEST(DecimalTest, DivideGivesExactQuotientsUnchanged) {
  EXPECT_EQ(quotient("1", "8", 10), "0.125");
  EXPECT_EQ(quotient("1e100", "1e-20", 0), "1" + std::string(120, '0'));
  EXPECT_EQ(quotient("-12.5", "0.5", 3), "-25");
  EXPECT_EQ(quotient("0", "7", 3), "0");
}

TEST(DecimalTest, DivideToNegativePlaces) {
  EXPECT_EQ(quotient("12345", "1", -2), "12300");
  EXPECT_EQ(quotient("1", "3", -2, RoundingMode::kUp), "100");
}

TEST(DecimalTest, DivideThrowsWhenTheQuotientDoesNotFit) {
  EXPECT_EQ(rule_of([] { return quotient("1", "3", 40); }), kDigitsRule);
  EXPECT_EQ(rule_of([] { return quotient("1e125", "1e-10", 0); }), kRangeRule);
  EXPECT_EQ(rule_of([] { return quotient("1e-130", "3", 135, RoundingMode::kDown); }), kRangeRule);
}

TEST(DecimalTest, DivideAcceptsExtremePlaces) {
  EXPECT_EQ(quotient("1", "4", INT_MAX), "0.25");
  EXPECT_EQ(rule_of([] { return quotient("1", "3", INT_MAX); }), kDigitsRule);
  EXPECT_EQ(quotient("1", "3", INT_MIN, RoundingMode::kDown), "0");
  EXPECT_EQ(rule_of([] { return quotient("1", "3", INT_MIN, RoundingMode::kUp); }), kRangeRule);
}

TEST(DecimalTest, DivideByZeroThrowsNamingTheDivisor) {
  for (const char* dividend : {"1", "-1", "0"}) {
    try {
      Decimal::divide(D(dividend), D("-0.0"), 2);
      FAIL() << dividend << " / 0 succeeded";
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.field(), "divisor");
      EXPECT_EQ(e.rule(), "division by zero");
    }
  }
}

TEST(DecimalTest, ComparesNumerically) {
  EXPECT_LT(D("9.99"), D("10"));
  EXPECT_LT(D("1.05"), D("1.1"));
  EXPECT_LT(D("0.9"), D("1"));
  EXPECT_GT(D("1e-130"), D("0"));
  EXPECT_LT(D("-1e-130"), D("0"));
  EXPECT_LT(D("-1e125"), D("1e-130"));
  EXPECT_GT(D("1e125"), D(k38Nines));
}

TEST(DecimalTest, ComparesNegativesByMagnitudeReversed) {
  EXPECT_LT(D("-1.25"), D("-1.2"));
  EXPECT_LT(D("-10"), D("-9.99"));
  EXPECT_LT(D("-1e125"), D("-1e-130"));
  EXPECT_GT(D("-0.5"), D("-1"));
}

TEST(DecimalTest, EqualValuesCompareEqualWhateverTheirSpelling) {
  EXPECT_EQ(D("1.50"), D("1.5"));
  EXPECT_EQ(D("1.5e1"), D("15"));
  EXPECT_EQ(D("-0"), D("0"));
  EXPECT_EQ(D("100"), Decimal::from_int(100));
  EXPECT_EQ(D("1.50") <=> D("00001.5"), std::strong_ordering::equal);
  EXPECT_NE(D("1.5"), D("-1.5"));
}

}  // namespace
}  // namespace alexdb
