// Base64 in both forms: RFC 4648's test vectors, and only canonical text decodes.
#include "model/base64.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>

namespace alexdb::base64 {
namespace {

TEST(Base64Test, StandardFormMatchesTheRfcVectors) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [bytes, text] : vectors) {
    EXPECT_EQ(encode(bytes, Form::kStandard), text);
    Decoded decoded = decode(text, Form::kStandard);
    ASSERT_TRUE(decoded.bytes) << text << ": " << decoded.problem;
    EXPECT_EQ(*decoded.bytes, bytes);
  }
}

TEST(Base64Test, UrlSafeFormHasNoPaddingAndItsOwnDigits) {
  EXPECT_EQ(encode("fo", Form::kUrlSafe), "Zm8");
  EXPECT_EQ(encode("f", Form::kUrlSafe), "Zg");
  EXPECT_EQ(encode("\xfb\xff", Form::kStandard), "+/8=");
  EXPECT_EQ(encode("\xfb\xff", Form::kUrlSafe), "-_8");
  EXPECT_EQ(decode("-_8", Form::kUrlSafe).bytes, "\xfb\xff");
  EXPECT_FALSE(decode("+/8", Form::kUrlSafe).bytes);
  EXPECT_FALSE(decode("-_8=", Form::kStandard).bytes);
}

TEST(Base64Test, EveryByteValueRoundTripsInBothForms) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (Form form : {Form::kStandard, Form::kUrlSafe}) {
    for (std::size_t n = 0; n <= all.size(); n += 37) {
      EXPECT_EQ(decode(encode(all.substr(0, n), form), form).bytes, all.substr(0, n));
    }
  }
}

// Expects each text to be rejected in `form` with its rule.
void expect_rejected(Form form, std::initializer_list<std::pair<const char*, const char*>> cases) {
  for (const auto& [text, rule] : cases) {
    Decoded decoded = decode(text, form);
    EXPECT_FALSE(decoded.bytes) << text;
    EXPECT_EQ(decoded.problem, rule) << text;
  }
}

TEST(Base64Test, NonCanonicalTextIsRejectedWithItsRule) {
  expect_rejected(Form::kStandard, {{"Zm9=", "non-canonical base64 padding bits"},
                                    {"Zg=A", "misplaced base64 padding"},
                                    {"Z=8=", "misplaced base64 padding"},
                                    {"Zg===", "base64 length must be a multiple of 4"},
                                    {"Zm8", "base64 length must be a multiple of 4"},
                                    {"Z===", "misplaced base64 padding"},
                                    {"Zm 8", "invalid base64 character"},
                                    {"Zm8-", "invalid base64 character"}});
  expect_rejected(Form::kUrlSafe, {{"Zm9", "non-canonical base64 padding bits"},
                                   {"Zm8=", "misplaced base64 padding"},
                                   {"Zm9vY", "impossible base64 length"},
                                   {"Zm+8", "invalid base64 character"}});
}

}  // namespace
}  // namespace alexdb::base64
