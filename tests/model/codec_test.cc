#include <gtest/gtest.h>

#include "alexdb/errors.h"
#include "model/item_codec.h"
#include "model/item_size.h"
#include "model/json_codec.h"

namespace alexdb {
namespace {

Item sample() {
  return {{"s", Value::S("text \xc3\xa9")},
          {"n", Value::N("-12.5")},
          {"b", Value::B(Bytes(std::string("\x00\xff\x10", 3)))},
          {"t", Value::Bool(true)},
          {"z", Value::Null()},
          {"m", Value::M({{"inner", Value::N(std::int64_t{1})}, {"l", Value::L({Value::S("a")})}})},
          {"ss", Value::SS({"x", "y"})},
          {"ns", Value::NS({Decimal::parse("1.5"), Decimal::parse("-2")})},
          {"bs", Value::BS({Bytes("a"), Bytes(std::string("\x00", 1))})}};
}

TEST(JsonCodecTest, RoundTripsEveryType) {
  Item item = sample();
  std::string text = codec::item_to_json_text(item);
  EXPECT_EQ(codec::item_from_json_text(text), item);
  EXPECT_NE(text.find(R"("n":{"N":"-12.5"})"), std::string::npos);
  EXPECT_NE(text.find(R"("b":{"B":"AP8Q"})"), std::string::npos);
}

TEST(JsonCodecTest, RejectsMalformedValuesNamingTheField) {
  for (const char* bad :
       {R"({"a": {"S": 1}})", R"({"a": {"X": "1"}})", R"({"a": {"S": "1", "N": "1"}})",
        R"({"a": {"NULL": false}})", R"({"a": {"SS": []}})", R"({"a": {"SS": ["x", "x"]}})",
        R"({"a": {"B": "not base64!"}})", R"({"a": {"B": "QQ="}})", R"({"a": {"N": "1e999"}})",
        R"({"a": {"N": "12.5.1"}})", R"({"a": {}})", R"({"a": {"L": {}}})", R"([1, 2])",
        R"({"a": {"S": "x"})", "{\"a\": {\"S\": \"\xff\"}}", ""}) {
    EXPECT_THROW(codec::item_from_json_text(bad), ValidationError) << bad;
  }
  try {
    codec::item_from_json_text(R"({"price": {"N": "abc"}})");
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), "Item.price");
  }
}

std::string nested_map(int depth) {
  std::string text = R"({"a": )";
  for (int i = 0; i < depth; ++i) text += R"({"M": {"a": )";
  text += R"({"S": "x"})";
  for (int i = 0; i < depth; ++i) text += "}}";
  return text + "}";
}

TEST(JsonCodecTest, NestingIsBounded) {
  EXPECT_NO_THROW(codec::item_from_json_text(nested_map(31)));
  EXPECT_THROW(codec::item_from_json_text(nested_map(40)), ValidationError);
  std::string deep(100000, '[');
  EXPECT_THROW(codec::item_from_json_text(deep), ValidationError);
}

TEST(JsonCodecTest, InvalidUtf8InAStringValueIsNotEncoded) {
  Item item{{"s", Value::S("\xc3\x28")}};
  EXPECT_THROW(codec::item_to_json_text(item), ValidationError);
}

TEST(JsonCodecTest, BValuesAreStrictBase64) {
  EXPECT_EQ(codec::item_from_json_text(R"({"b": {"B": "Zm8="}})").at("b"), Value::B(Bytes("fo")));
  EXPECT_EQ(codec::item_to_json_text({{"b", Value::B(Bytes("fo"))}}), R"({"b":{"B":"Zm8="}})");
  try {
    codec::item_from_json_text(R"({"b": {"B": "Zm9="}})");
    FAIL() << "non-zero pad bits were accepted";
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("non-canonical base64 padding bits"), std::string::npos)
        << e.what();
  }
}

TEST(ItemCodecTest, RoundTripsEveryType) {
  Item item = sample();
  EXPECT_EQ(codec::decode_item(codec::encode_item(item)), item);
  EXPECT_EQ(codec::decode_item(codec::encode_item(Item{})), Item{});
}

TEST(ItemCodecTest, EveryTruncationIsAStoreError) {
  std::string bytes = codec::encode_item(sample());
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_THROW(codec::decode_item(std::string_view(bytes).substr(0, n)), StoreError) << n;
  }
  EXPECT_THROW(codec::decode_item(bytes + "x"), StoreError);
}

TEST(ItemCodecTest, DecodeIntoReadsWhatDecodeReadsWhateverTheItemHeld) {
  const std::string bytes = codec::encode_item(sample());
  const Item held[] = {
      {},
      sample(),
      {{"a", Value::S("gone")}, {"n", Value::S("was a string")}, {"s", Value::N("7")}},
      {{"zz", Value::Null()}},
  };
  for (const Item& before : held) {
    Item item = before;
    codec::decode_item_into(bytes, item);
    EXPECT_EQ(item, sample()) << debug_string(before);
  }
}

TEST(ItemCodecTest, DecodeIntoReadsNamesInAnyOrderAsDecodeDoes) {
  // Hand-made records (encode_item writes names in increasing order): version 1, the
  // count, then per attribute its name's length and bytes, its type (S 1, N 2), its body.
  const std::string unordered("\x01\x02\x01" "b" "\x01\x01" "x" "\x01" "a" "\x02\x01" "1");
  const std::string repeated("\x01\x02\x01" "a" "\x01\x01" "x" "\x01" "a" "\x01\x01" "y");
  for (const std::string& bytes : {unordered, repeated}) {
    for (const Item& before : {Item{}, Item{{"a", Value::S("held")}}}) {
      Item item = before;
      codec::decode_item_into(bytes, item);
      EXPECT_EQ(item, codec::decode_item(bytes));
    }
  }
  EXPECT_EQ(codec::decode_item(unordered),
            (Item{{"a", Value::N(std::int64_t{1})}, {"b", Value::S("x")}}));
}

TEST(ItemSizeTest, FollowsDynamoDbsRules) {
  EXPECT_EQ(item_size({{"name", Value::S("abc")}}), 7u);
  EXPECT_EQ(item_size({{"n", Value::N("123.45")}}), 1u + 4u);  // 5 digits: 3 + 1
  EXPECT_EQ(item_size({{"t", Value::Bool(true)}}), 2u);
  EXPECT_EQ(item_size({{"m", Value::M({{"k", Value::S("v")}})}}), 1u + 3u + 1u + 1u + 1u);
  EXPECT_EQ(item_size({{"p", Value::S(std::string(400 * 1024, 'x'))}}), 400u * 1024 + 1);
}

}  // namespace
}  // namespace alexdb
