// Golden bytes of the embedded engine's on-disk key encoding and catalog (DO NOT CHANGE
// in key_encoding.h and catalog.h). The expected bytes were written by hand from the
// documented format; each is checked both ways: the encoder must produce it, and a
// reader written here from the documentation alone must read it back to the value. A
// failure means files written by earlier releases would sort or read differently: do
// not "fix" the bytes.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sqlite/catalog.h"
#include "store/sqlite/key_encoding.h"
#include "hex.h"

namespace alexdb::sqlite {
namespace {

using testing::from_hex;
using testing::to_hex;

// Reads an N key as key_encoding.h documents it: class byte (0x40 negative, 0x80 zero,
// 0xC0 positive); then the leading digit's exponent + 200 as two bytes; then the
// significant digits; negatives complement every byte after the class byte and end 0xFF.
Decimal read_number_key(std::string_view key) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(key.at(i)); };
  if (byte(0) == 0x80) return Decimal();
  bool negative = byte(0) == 0x40;
  std::string_view body = key.substr(1, key.size() - (negative ? 2 : 1));
  if (negative) {
    EXPECT_EQ(byte(key.size() - 1), 0xFF);
  }
  unsigned char mask = negative ? 0xFF : 0x00;
  auto at = [&](std::size_t i) { return static_cast<unsigned char>(body.at(i) ^ mask); };
  int exponent = at(0) * 256 + at(1) - 200;
  std::string digits;
  for (std::size_t i = 2; i < body.size(); ++i) digits.push_back(static_cast<char>(at(i)));
  // digits[0] is the 10^exponent digit: write d.ddd then the exponent.
  std::string text = std::string(negative ? "-" : "") + digits.substr(0, 1) + "." +
                     (digits.size() > 1 ? digits.substr(1) : "0") + "e" + std::to_string(exponent);
  return Decimal::parse(text);
}

const std::vector<std::pair<const char*, const char*>>& number_keys() {
  static const std::vector<std::pair<const char*, const char*>> keys = {
      {"0", "80"},
      {"1", "c000c831"},
      {"-1", "40ff37ceff"},
      {"12.5", "c000c9313235"},
      {"-12.5", "40ff36cecdcaff"},
      {"100", "c000ca31"},
      {"0.001", "c000c531"},
      {"-0.5", "40ff38caff"},
      {"1e125", "c0014531"},
      {"1e-130", "c0004631"},
      {"12345678901234567890123456789012345678",
       "c000ed3132333435363738393031323334353637383930313233343536373839303132333435363738"},
      {"-99999999999999999999999999999999999999e88",
       "40febac6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6ff"},
  };
  return keys;
}

TEST(GoldenKeyEncodingTest, NumbersEncodeToTheStoredBytes) {
  for (const auto& [number, hex] : number_keys()) {
    EXPECT_EQ(to_hex(encode_key(Value::N(std::string_view(number)))), hex) << number;
  }
}

TEST(GoldenKeyEncodingTest, TheStoredBytesReadBackToTheNumbers) {
  for (const auto& [number, hex] : number_keys()) {
    EXPECT_EQ(read_number_key(from_hex(hex)), Decimal::parse(number)) << hex;
  }
}

TEST(GoldenKeyEncodingTest, StringsAndBytesAreStoredUnchanged) {
  EXPECT_EQ(to_hex(encode_key(Value::S("HISTORY#SPY#2025-01-02T21:00:00.000000Z"))),
            to_hex("HISTORY#SPY#2025-01-02T21:00:00.000000Z"));
  EXPECT_EQ(to_hex(encode_key(Value::S("\xc3\xa9"))), "c3a9");
  EXPECT_EQ(to_hex(encode_key(Value::B(Bytes(std::string("\x00\xff", 2))))), "00ff");
}

// The catalog's definition text of the users table as this release writes it.
constexpr std::string_view kUsersDefinition =
    R"({"global_indexes":[{"name":"GSI1","non_key_attributes":[],"partition_key":)"
    R"({"name":"GSI1PK","type":"S"},"projection":"ALL","sort_key":{"name":"GSI1SK","type":"S"}}],)"
    R"("name":"alex-users-data","partition_key":{"name":"PK","type":"S"},)"
    R"("sort_key":{"name":"SK","type":"S"}})";

TableDefinition users_definition() {
  TableDefinition definition{
      "alex-users-data", {"PK", ScalarType::kS}, KeyAttribute{"SK", ScalarType::kS}, {}};
  definition.global_indexes.push_back(
      {"GSI1", {"GSI1PK", ScalarType::kS}, KeyAttribute{"GSI1SK", ScalarType::kS}, {}});
  return definition;
}

TEST(GoldenCatalogTest, ADefinitionIsStoredAsThisText) {
  EXPECT_EQ(definition_to_json(users_definition()), kUsersDefinition);
}

TEST(GoldenCatalogTest, TheStoredTextReadsBack) {
  EXPECT_EQ(definition_from_json(kUsersDefinition), users_definition());
  TableDefinition keys_only{"t", {"n", ScalarType::kN}, std::nullopt, {}};
  keys_only.global_indexes.push_back(
      {"by_b", {"b", ScalarType::kB}, std::nullopt, {Projection::Type::kInclude, {"x", "y"}}});
  constexpr std::string_view kText =
      R"({"global_indexes":[{"name":"by_b","non_key_attributes":["x","y"],"partition_key":)"
      R"({"name":"b","type":"B"},"projection":"INCLUDE"}],"name":"t","partition_key":)"
      R"({"name":"n","type":"N"}})";
  EXPECT_EQ(definition_to_json(keys_only), kText);
  EXPECT_EQ(definition_from_json(kText), keys_only);
}

}  // namespace
}  // namespace alexdb::sqlite
