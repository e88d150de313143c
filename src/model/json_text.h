// Parses JSON text treated as untrusted: nesting is bounded (checked before it grows,
// so no input exhausts the stack or memory through depth), invalid UTF-8 is rejected,
// and every non-integer number is kept as its exact source text (a JSON string), so no
// number passes through binary floating point.
#ifndef ALEXDB_MODEL_JSON_TEXT_H_
#define ALEXDB_MODEL_JSON_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace alexdb::codec {

struct JsonParseResult {
  bool ok = false;
  nlohmann::json value;
  std::string error;  // what went wrong, when !ok
};

JsonParseResult parse_json(std::string_view text, std::size_t max_depth);

}  // namespace alexdb::codec

#endif  // ALEXDB_MODEL_JSON_TEXT_H_
