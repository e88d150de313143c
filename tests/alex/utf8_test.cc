#include "alex/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace alexdb::alex::utf8 {
namespace {

TEST(Utf8Test, DecodesEveryLengthOfSequence) {
  auto decoded = decode("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");  // a é € 😀
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, (std::u32string{U'a', 0xE9, 0x20AC, 0x1F600}));
  EXPECT_EQ(decode("")->size(), 0u);
  EXPECT_EQ(*decode("\xF4\x8F\xBF\xBF"), std::u32string{0x10FFFF});
}

TEST(Utf8Test, RejectsEveryIllFormedSequence) {
  for (const std::string bad :
       {"\x80", "\xBF", "\xC3", "\xE2\x82", "\xF0\x9F\x98", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF",
        "\xF0\x80\x80\xAF", "\xED\xA0\x80", "\xED\xBF\xBF", "\xF4\x90\x80\x80",
        "\xF8\x88\x80\x80\x80", "\xFF", "\xC3\x28"}) {
    EXPECT_FALSE(decode(bad)) << "bytes of length " << bad.size();
  }
}

TEST(Utf8Test, ClassifiesTheCharactersTheIdRuleNames) {
  for (char32_t c : std::u32string{0x09, 0x0A, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x200A,
                                   0x2028, 0x2029, 0x202F, 0x205F, 0x3000}) {
    EXPECT_TRUE(is_whitespace(c)) << std::hex << static_cast<unsigned>(c);
  }
  for (char32_t c : std::u32string{0x00, 0x1F, 0x7F, 0x80, 0x85, 0x9F}) EXPECT_TRUE(is_control(c));
  for (char32_t c : std::u32string{0xAD,   0x600,   0x61C,   0x180E,  0x200B,  0x200C,  0x200D,
                                   0x200E, 0x202A,  0x202E,  0x2060,  0x2066,  0x206F,  0xFEFF,
                                   0xFFF9, 0x110BD, 0x13430, 0x1343F, 0xE0001, 0xE0020, 0xE007F}) {
    EXPECT_TRUE(is_format(c)) << std::hex << static_cast<unsigned>(c);
  }
  EXPECT_TRUE(is_separator(0x2028));
  EXPECT_TRUE(is_separator(0x2029));
  for (char32_t c : std::u32string{U'a', U'#', 0xE9, 0x5B57, 0x1F600, 0x1F, 0x2B}) {
    EXPECT_FALSE(is_format(c) || is_separator(c) || is_whitespace(c)) << static_cast<unsigned>(c);
  }
  for (char32_t c : std::u32string{0x21, 0xA1, 0x2010, 0x3001}) EXPECT_FALSE(is_control(c));
}

}  // namespace
}  // namespace alexdb::alex::utf8
