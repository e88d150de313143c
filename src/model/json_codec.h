// The DynamoDB JSON codec: Value/Item <-> {"S":"..."}, {"N":"1.5"}, {"M":{...}}, ...
// Decoding treats its input as hostile: wrong shapes, unknown type tags, bad base64,
// bad numbers, invalid UTF-8 and nesting deeper than limits::kMaxNestingDepth + 1
// give ValidationError (naming `field`), never a crash or unbounded recursion.
#ifndef ALEXDB_MODEL_JSON_CODEC_H_
#define ALEXDB_MODEL_JSON_CODEC_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "alexdb/value.h"

namespace alexdb::codec {

nlohmann::json to_json(const Value& value);
nlohmann::json to_json(const Item& item);
Value value_from_json(const nlohmann::json& json, std::string_view field = "value");
Item item_from_json(const nlohmann::json& json, std::string_view field = "Item");

// Text forms: an item as a DynamoDB JSON object, and back (the text is parsed first;
// malformed or truncated JSON is a ValidationError too).
std::string item_to_json_text(const Item& item);
Item item_from_json_text(std::string_view text, std::string_view field = "Item");

}  // namespace alexdb::codec

#endif  // ALEXDB_MODEL_JSON_CODEC_H_
