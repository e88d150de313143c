// JSON given on the command line (e.g. `jobs create --payload`), read as an attribute
// value without binary floating point: every number keeps its decimal text and becomes
// an exact N (Decimal), so 123.456789012345678901 stays 123.456789012345678901.
#ifndef ALEXDB_TOOLS_ALEXDB_JSON_INPUT_H_
#define ALEXDB_TOOLS_ALEXDB_JSON_INPUT_H_

#include <string_view>

#include "alexdb/value.h"

namespace alexdb::cli {

// Parses `text` as one JSON document: objects become M, arrays L, strings S, numbers N,
// booleans BOOL, null NULL. Throws ValidationError naming `field` when the text is not
// JSON, and naming the number's place (`field` without leading dashes, e.g. "payload.c"
// or "payload.list[2]" for "--payload") when a
// number has more than 38 significant digits or lies outside 1e-130..<1e126 (DynamoDB's
// range). Containers nested deeper than limits::kMaxNestingDepth (32) are refused while
// parsing, so no input can exhaust the stack.
Value parse_json_value(std::string_view text, std::string_view field);

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_JSON_INPUT_H_
