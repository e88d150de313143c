#include "store/sqlite/key_encoding.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "store/value_order.h"

namespace alexdb::sqlite {
namespace {

// memcmp order of the encodings equals DynamoDB's order of the values.
void ExpectSameOrder(const std::vector<Value>& values) {
  for (const Value& a : values) {
    for (const Value& b : values) {
      auto expected = *store::compare_scalars(a, b);
      auto actual = encode_key(a).compare(encode_key(b)) <=> 0;
      EXPECT_EQ(actual, expected) << a.debug_string() << " vs " << b.debug_string();
    }
  }
}

TEST(KeyEncodingTest, NumbersSortNumerically) {
  std::vector<Value> values;
  for (const char* text : {"-99999999999999999999999999999999999999e88", "-1000", "-12.5",
                           "-12.25", "-12", "-1", "-0.5", "-0.05", "-1e-130", "0", "1e-130",
                           "0.05", "0.5", "1", "1.5", "2", "10", "12.25", "12.5", "100",
                           "99999999999999999999999999999999999999",
                           "9.9999999999999999999999999999999999999e125"}) {
    values.push_back(Value::N(std::string_view(text)));
  }
  ExpectSameOrder(values);
}

TEST(KeyEncodingTest, RandomNumbersSortNumerically) {
  std::mt19937_64 random(42);
  std::vector<Value> values;
  for (int i = 0; i < 300; ++i) {
    std::string text = (random() % 2 ? "-" : "") + std::to_string(random() % 100000) + "." +
                       std::to_string(random() % 1000) + "e" +
                       std::to_string(static_cast<int>(random() % 40) - 20);
    values.push_back(Value::N(std::string_view(text)));
  }
  ExpectSameOrder(values);
}

TEST(KeyEncodingTest, StringsSortByUtf8Bytes) {
  std::vector<Value> values;
  for (const char* text : {"", "A", "B", "a", "ab", "abc", "b", "z", "\xc3\xa9", "\xc3\xbf",
                           "\xe2\x82\xac", "\xf0\x9f\x98\x80"}) {
    values.push_back(Value::S(text));
  }
  ExpectSameOrder(values);
}

TEST(KeyEncodingTest, BytesSortUnsigned) {
  std::vector<Value> values;
  for (std::string bytes : {std::string("\x00", 1), std::string("\x00\x00", 2), std::string("\x7f"),
                            std::string("\x80"), std::string("\xff"), std::string("\xff\x00", 2)}) {
    values.push_back(Value::B(Bytes(bytes)));
  }
  ExpectSameOrder(values);
}

TEST(KeyEncodingTest, PrefixSuccessorBoundsEveryExtension) {
  EXPECT_EQ(prefix_successor("abc"), "abd");
  EXPECT_EQ(prefix_successor(std::string("a\xff", 2)), "b");
  EXPECT_EQ(prefix_successor(std::string("\xff\xff", 2)), "");
  std::string prefix = "HISTORY#SPY#";
  std::string end = prefix_successor(prefix);
  EXPECT_LT(prefix + "2025", end);
  EXPECT_LT(prefix + std::string("\xff\xff", 2), end);
  EXPECT_GT("HISTORY#SPZ", prefix);
}

}  // namespace
}  // namespace alexdb::sqlite
