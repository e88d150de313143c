#include "store/sqlite/key_encoding.h"

namespace alexdb::sqlite {

namespace {

constexpr unsigned char kNegative = 0x40;
constexpr unsigned char kZero = 0x80;
constexpr unsigned char kPositive = 0xC0;
constexpr int kExponentBias = 200;

std::string encode_number(const Decimal& n) {
  if (n.is_zero()) return std::string(1, static_cast<char>(kZero));
  // Canonical text: [-]digits[.digits]; collect significant digits and the exponent
  // of the leading one.
  std::string text = n.to_string();
  std::size_t begin = text[0] == '-' ? 1 : 0;
  std::size_t point = text.find('.');
  if (point == std::string::npos) point = text.size();
  std::string digits;
  int leading_exponent = 0;
  bool seen_nonzero = false;
  for (std::size_t i = begin; i < text.size(); ++i) {
    if (text[i] == '.') continue;
    if (!seen_nonzero && text[i] == '0') continue;
    if (!seen_nonzero) {
      seen_nonzero = true;
      leading_exponent = i < point ? static_cast<int>(point - i - 1) : -static_cast<int>(i - point);
    }
    digits.push_back(text[i]);
  }
  while (!digits.empty() && digits.back() == '0') digits.pop_back();

  bool negative = n.sign() < 0;
  unsigned exponent = static_cast<unsigned>(leading_exponent + kExponentBias);
  std::string out;
  out.reserve(digits.size() + 4);
  out.push_back(static_cast<char>(negative ? kNegative : kPositive));
  unsigned char mask = negative ? 0xFF : 0x00;
  out.push_back(static_cast<char>(((exponent >> 8) & 0xFF) ^ mask));
  out.push_back(static_cast<char>((exponent & 0xFF) ^ mask));
  for (char d : digits) out.push_back(static_cast<char>(static_cast<unsigned char>(d) ^ mask));
  if (negative) out.push_back(static_cast<char>(0xFF));
  return out;
}

}  // namespace

std::string encode_key(const Value& value) {
  switch (value.type()) {
    case Value::Type::kS:
      return value.s();
    case Value::Type::kB:
      return value.b().data();
    case Value::Type::kN:
      return encode_number(value.n());
    default:
      return {};
  }
}

std::string_view key_bytes(const Value& value, std::string& scratch) {
  if (value.is_s()) return value.s();
  if (value.is_b()) return value.b().data();
  scratch = encode_key(value);
  return scratch;
}

std::string prefix_successor(std::string prefix) {
  while (!prefix.empty()) {
    auto last = static_cast<unsigned char>(prefix.back());
    if (last != 0xFF) {
      prefix.back() = static_cast<char>(last + 1);
      return prefix;
    }
    prefix.pop_back();
  }
  return prefix;
}

}  // namespace alexdb::sqlite
