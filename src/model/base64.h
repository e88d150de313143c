// Base64 of RFC 4648, in the two forms alexdb uses: the standard alphabet with '='
// padding (DynamoDB's B values) and the URL-safe alphabet without padding (position
// ids). Decoding accepts only the canonical text encode() writes.
#ifndef ALEXDB_MODEL_BASE64_H_
#define ALEXDB_MODEL_BASE64_H_

#include <optional>
#include <string>
#include <string_view>

namespace alexdb::base64 {

enum class Form {
  kStandard,  // A-Z a-z 0-9 + /, padded with '=' to a multiple of 4
  kUrlSafe,   // A-Z a-z 0-9 - _, no padding
};

// The text of `bytes` in `form`.
std::string encode(std::string_view bytes, Form form);

// What decode() gives: the bytes, or the rule the text breaks.
struct Decoded {
  std::optional<std::string> bytes;
  std::string_view problem;  // empty when bytes is set
};

// The bytes `text` encodes in `form`; a problem for a character outside the alphabet,
// misplaced or missing padding, an impossible length, or non-zero pad bits.
Decoded decode(std::string_view text, Form form);

}  // namespace alexdb::base64

#endif  // ALEXDB_MODEL_BASE64_H_
