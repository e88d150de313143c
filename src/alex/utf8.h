// Strict UTF-8 decoding and the Unicode character classes the input rules of SPEC
// sections 5 and 9 name (Unicode 15.1 data).
#ifndef ALEXDB_ALEX_UTF8_H_
#define ALEXDB_ALEX_UTF8_H_

#include <optional>
#include <string>
#include <string_view>

namespace alexdb::alex::utf8 {

// The code points of `text`, or nullopt when it is not well-formed UTF-8 (RFC 3629):
// a stray or missing continuation byte, a truncated sequence, an overlong form, a
// surrogate (U+D800-U+DFFF) or a value above U+10FFFF.
std::optional<std::u32string> decode(std::string_view text);

// Unicode's White_Space property: tab to carriage return, space, U+0085, U+00A0,
// U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
bool is_whitespace(char32_t c) noexcept;
// General category Cc: U+0000-U+001F and U+007F-U+009F.
bool is_control(char32_t c) noexcept;
// General category Cf (format characters: soft hyphen, zero-width space and joiners,
// bidirectional marks and overrides, word joiner, byte-order mark, tags, ...).
bool is_format(char32_t c) noexcept;
// General categories Zl and Zp: U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR.
bool is_separator(char32_t c) noexcept;

}  // namespace alexdb::alex::utf8

#endif  // ALEXDB_ALEX_UTF8_H_
