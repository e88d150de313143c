// Golden bytes of the formats stored in users' files (DO NOT CHANGE in value.h and
// item_codec.h): the Value type tags and the binary item codec. Each expected byte
// string was written by hand from the format the headers document, and is checked both
// ways: the encoder must produce it, and the decoder must read it back. A failure here
// means files written by earlier releases would no longer read: do not "fix" the bytes.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "alexdb/errors.h"
#include "model/item_codec.h"
#include "hex.h"

namespace alexdb {
namespace {

using testing::from_hex;
using testing::to_hex;

TEST(GoldenValueTypeTest, TagsAreTheStoredBytes) {
  EXPECT_EQ(static_cast<int>(Value::Type::kS), 1);
  EXPECT_EQ(static_cast<int>(Value::Type::kN), 2);
  EXPECT_EQ(static_cast<int>(Value::Type::kB), 3);
  EXPECT_EQ(static_cast<int>(Value::Type::kBool), 4);
  EXPECT_EQ(static_cast<int>(Value::Type::kNull), 5);
  EXPECT_EQ(static_cast<int>(Value::Type::kM), 6);
  EXPECT_EQ(static_cast<int>(Value::Type::kL), 7);
  EXPECT_EQ(static_cast<int>(Value::Type::kSS), 8);
  EXPECT_EQ(static_cast<int>(Value::Type::kNS), 9);
  EXPECT_EQ(static_cast<int>(Value::Type::kBS), 10);
}

// One attribute of every type; names sort as stored (by bytes).
Item every_type() {
  return {{"b", Value::B(Bytes(std::string("\x00\xff", 2)))},
          {"bool", Value::Bool(true)},
          {"bs", Value::BS({Bytes("a"), Bytes(std::string("\x00", 1))})},
          {"l", Value::L({Value::N(std::int64_t{1}), Value::S("x")})},
          {"m", Value::M({{"k", Value::Null()}, {"f", Value::Bool(false)}})},
          {"n", Value::N("-12.50")},
          {"ns", Value::NS({Decimal::parse("2.5"), Decimal::parse("-0.001")})},
          {"null", Value::Null()},
          {"s", Value::S("\xc3\xa9")},
          {"ss", Value::SS({"b", "a"})}};
}

// Version 1, ten attributes, then per attribute: name length, name, type tag, body.
constexpr std::string_view kEveryTypeHex =
    "01 0a"
    "0162 03 02 00ff"                         // b: B, 2 bytes
    "04626f6f6c 04 01"                        // bool: BOOL true
    "026273 0a 02 0100 0161"                  // bs: BS, sorted by bytes: 00, "a"
    "016c 07 02 02 0131 01 0178"              // l: L [N "1", S "x"]
    "016d 06 02 0166 04 00 016b 05"           // m: M {f: BOOL false, k: NULL}
    "016e 02 05 2d31322e35"                   // n: N canonical "-12.5"
    "026e73 09 02 06 2d302e303031 03 322e35"  // ns: NS sorted numerically: -0.001, 2.5
    "046e756c6c 05"                           // null: NULL
    "0173 01 02 c3a9"                         // s: S "é" as UTF-8
    "027373 08 02 0161 0162";                 // ss: SS "a", "b"

TEST(GoldenItemCodecTest, EveryTypeEncodesToTheStoredBytes) {
  EXPECT_EQ(to_hex(codec::encode_item(every_type())), to_hex(from_hex(kEveryTypeHex)));
}

TEST(GoldenItemCodecTest, TheStoredBytesDecodeToEveryType) {
  EXPECT_EQ(codec::decode_item(from_hex(kEveryTypeHex)), every_type());
}

TEST(GoldenItemCodecTest, LengthsAreLittleEndianBase128Varints) {
  Item item{{"long", Value::S(std::string(200, 'x'))}};
  // 200 = 0xc8: low 7 bits 0x48 with the continuation bit (0xc8), then 0x01.
  std::string golden = from_hex("01 01 046c6f6e67 01 c801") + std::string(200, 'x');
  EXPECT_EQ(to_hex(codec::encode_item(item)), to_hex(golden));
  EXPECT_EQ(codec::decode_item(golden), item);
}

TEST(GoldenItemCodecTest, AnEmptyItemIsTheVersionAndACountOfZero) {
  EXPECT_EQ(to_hex(codec::encode_item(Item{})), "0100");
  EXPECT_EQ(codec::decode_item(from_hex("0100")), Item{});
}

TEST(GoldenItemCodecTest, AnotherVersionByteIsRefused) {
  EXPECT_THROW(codec::decode_item(from_hex("0200")), StoreError);
}

}  // namespace
}  // namespace alexdb
