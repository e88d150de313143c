// Order-preserving byte encodings of key values: for two values a, b of one scalar
// type, memcmp order of encode_key(a), encode_key(b) is DynamoDB's order of a, b
// (S by UTF-8 bytes, N numerically, B by bytes). The embedded engine stores keys in
// SQLite BLOB columns in this form, so SQLite's index order is DynamoDB's order.
// DO NOT CHANGE the N encoding: it is in users' files.
#ifndef ALEXDB_STORE_SQLITE_KEY_ENCODING_H_
#define ALEXDB_STORE_SQLITE_KEY_ENCODING_H_

#include <string>

#include "alexdb/value.h"

namespace alexdb::sqlite {

// S and B: their bytes unchanged. N: a class byte (0x40 negative, 0x80 zero, 0xC0
// positive), then for nonzero values the leading digit's exponent + 200 as two bytes,
// then the significant digits as ASCII; negative values store all bytes after the
// class byte complemented and end with 0xFF.
std::string encode_key(const Value& value);

// The same bytes as encode_key(value), as a view: into `value` itself for S and B (no
// copy), or into `scratch` for N. Valid while both live and are unchanged.
std::string_view key_bytes(const Value& value, std::string& scratch);

// The smallest byte string greater than every string that starts with `prefix`, or ""
// when there is none (prefix all 0xFF): the exclusive upper bound of begins_with.
std::string prefix_successor(std::string prefix);

}  // namespace alexdb::sqlite

#endif  // ALEXDB_STORE_SQLITE_KEY_ENCODING_H_
