#include "alexdb/timestamp.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "alexdb/errors.h"

namespace alexdb::alex {
namespace {

TEST(TimestampTest, WritesOneFixedWidthForm) {
  EXPECT_EQ(Timestamp(0).to_string(), "1970-01-01T00:00:00.000000Z");
  auto t = Timestamp::parse("2025-01-15T14:30:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->to_string(), "2025-01-15T14:30:00.000000Z");
  EXPECT_EQ(t->plus_micros(1).to_string(), "2025-01-15T14:30:00.000001Z");
}

TEST(TimestampTest, ReadsPythonIsoformatForms) {
  for (const char* text : {"2025-01-15T14:30:00", "2025-01-15T14:30:00+00:00",
                           "2025-01-15 14:30:00", "2025-01-15T14:30", "2025-01-15T14:30:00.000000"}) {
    auto t = Timestamp::parse(text);
    ASSERT_TRUE(t) << text;
    EXPECT_EQ(t->to_string(), "2025-01-15T14:30:00.000000Z") << text;
  }
  EXPECT_EQ(Timestamp::parse("2025-01-15T14:30:00.5")->to_string(), "2025-01-15T14:30:00.500000Z");
  EXPECT_EQ(Timestamp::parse("2025-01-15T16:30:00+02:00")->to_string(),
            "2025-01-15T14:30:00.000000Z");
}

TEST(TimestampTest, StringOrderIsTimeOrder) {
  auto a = *Timestamp::parse("2024-12-31T23:59:59.999999Z");
  auto b = *Timestamp::parse("2025-01-01T00:00:00Z");
  EXPECT_LT(a, b);
  EXPECT_LT(a.to_string(), b.to_string());
}

TEST(TimestampTest, DateWithoutTimeMeansEndOfDayUtc) {
  EXPECT_EQ(Timestamp::parse_or_throw("2025-01-15", "date").to_string(),
            "2025-01-15T23:59:59.999999Z");
  EXPECT_EQ(Timestamp::parse_or_throw("2025-01-15T10:00:00Z", "date").to_string(),
            "2025-01-15T10:00:00.000000Z");
}

TEST(TimestampTest, RejectsImpossibleDatesAndJunk) {
  for (const char* text : {"", "2025-02-30", "2025-13-01", "2025-01-15T24:00:00", "15/01/2025",
                           "2025-01-15T14:30:00.1234567", "2025-01-15T14:30:00+2", "1800-01-01"}) {
    EXPECT_FALSE(Timestamp::parse(text)) << text;
  }
  EXPECT_THROW(Timestamp::parse_or_throw("yesterday", "as_of_date"), ValidationError);
  EXPECT_TRUE(Timestamp::parse("2024-02-29"));
}

// SPEC section 9 "Time": the fixed-width form has a four-digit year, so arithmetic that
// would reach year 10000 (or go before 1970) is an error, never "10000-01-01...".
TEST(TimestampTest, ArithmeticPastTheRangeIsAnErrorNotAFiveDigitYear) {
  const Timestamp last = *Timestamp::parse("9999-12-31T23:59:59.999999Z");
  EXPECT_EQ(last.to_string(), "9999-12-31T23:59:59.999999Z");
  EXPECT_THROW(last.plus_micros(1), ValidationError);
  EXPECT_THROW(last.plus_micros(INT64_MAX), ValidationError);
  const Timestamp first = *Timestamp::parse("1970-01-01T00:00:00Z");
  EXPECT_THROW(first.plus_micros(-1), ValidationError);
  EXPECT_THROW(first.plus_micros(INT64_MIN), ValidationError);
  EXPECT_EQ(last.plus_micros(-1).to_string(), "9999-12-31T23:59:59.999998Z");
  EXPECT_EQ(last.end_of_day(), last);
}

TEST(TimestampTest, ParseKeepsYears1970To9999AfterTheOffset) {
  for (const char* text : {"1969-12-31", "1969-12-31T23:59:59.999999Z", "1970-01-01T00:30:00+01:00",
                           "9999-12-31T23:30:00-01:00", "10000-01-01T00:00:00Z", "0000-01-01"}) {
    EXPECT_FALSE(Timestamp::parse(text)) << text;
  }
  EXPECT_EQ(Timestamp::parse("1970-01-01T01:00:00+01:00")->micros(), 0);
  EXPECT_EQ(Timestamp::parse("9999-12-31T22:59:59.999999-01:00")->to_string(),
            "9999-12-31T23:59:59.999999Z");
}

TEST(TimestampTest, ConstructingOutsideTheRangeThrows) {
  EXPECT_THROW(Timestamp(-1), ValidationError);
  EXPECT_THROW(Timestamp(Timestamp::kMaxMicros + 1), ValidationError);
  EXPECT_EQ(Timestamp(Timestamp::kMaxMicros).to_string(), "9999-12-31T23:59:59.999999Z");
}

TEST(TimestampTest, EmptyStringIsNotADate) {
  try {
    Timestamp::parse_or_throw("", "at");
    FAIL() << "no ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), "at");
    EXPECT_NE(std::string(e.what()).find("empty"), std::string::npos) << e.what();
  }
}

TEST(TimestampTest, CloseOfDayIsTwentyOneHundredUtc) {
  EXPECT_EQ(Timestamp::parse("2025-01-15T23:00:00Z")->close_of_day().to_string(),
            "2025-01-15T21:00:00.000000Z");
}

}  // namespace
}  // namespace alexdb::alex
