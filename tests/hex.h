// Bytes as lower-case hex and back, for tests that compare bytes with written-down
// values (golden formats, SigV4 keys).
#ifndef ALEXDB_TESTS_HEX_H_
#define ALEXDB_TESTS_HEX_H_

#include <string>
#include <string_view>

namespace alexdb::testing {

// "01 0a ff" or "010aff" (spaces ignored, lower-case digits) as bytes.
inline std::string from_hex(std::string_view hex) {
  std::string out;
  int high = -1;
  for (char c : hex) {
    if (c == ' ') continue;
    int digit = c <= '9' ? c - '0' : c - 'a' + 10;
    if (high < 0) {
      high = digit;
    } else {
      out.push_back(static_cast<char>(high * 16 + digit));
      high = -1;
    }
  }
  return out;
}

// Bytes as lower-case hex digits, two per byte.
inline std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

}  // namespace alexdb::testing

#endif  // ALEXDB_TESTS_HEX_H_
