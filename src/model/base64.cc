#include "model/base64.h"

namespace alexdb::base64 {

namespace {

constexpr std::string_view kStandard =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrlSafe =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string_view alphabet(Form form) { return form == Form::kStandard ? kStandard : kUrlSafe; }

Decoded problem(std::string_view rule) { return {std::nullopt, rule}; }

}  // namespace

std::string encode(std::string_view bytes, Form form) {
  const std::string_view digits = alphabet(form);
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  // The whole groups of three bytes, written in place (the tail below appends).
  out.resize(bytes.size() / 3 * 4);
  char* to = out.data();
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3, to += 4) {
    unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    to[0] = digits[(n >> 18) & 63];
    to[1] = digits[(n >> 12) & 63];
    to[2] = digits[(n >> 6) & 63];
    to[3] = digits[n & 63];
  }
  if (std::size_t left = bytes.size() - i; left > 0) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (left == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += digits[(n >> 18) & 63];
    out += digits[(n >> 12) & 63];
    if (left == 2) out += digits[(n >> 6) & 63];
    if (form == Form::kStandard) out.append(3 - left, '=');
  }
  return out;
}

Decoded decode(std::string_view text, Form form) {
  std::string_view data = text;
  if (form == Form::kStandard) {
    if (text.size() % 4 != 0) return problem("base64 length must be a multiple of 4");
    std::size_t padding = 0;
    while (padding < 2 && padding < data.size() && data[data.size() - 1 - padding] == '=') {
      ++padding;
    }
    data.remove_suffix(padding);
  }
  if (data.size() % 4 == 1) return problem("impossible base64 length");
  const std::string_view digits = alphabet(form);
  std::string out;
  out.reserve(data.size() / 4 * 3 + 2);
  unsigned buffer = 0;
  int bits = 0;
  for (char c : data) {
    if (c == '=') return problem("misplaced base64 padding");
    auto index = digits.find(c);
    if (index == std::string_view::npos) return problem("invalid base64 character");
    buffer = (buffer << 6) | static_cast<unsigned>(index);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  if ((buffer & ((1u << bits) - 1)) != 0) return problem("non-canonical base64 padding bits");
  return {std::move(out), {}};
}

}  // namespace alexdb::base64
