#include "store/dynamodb/json_response.h"

#include "alexdb/errors.h"
#include "model/json_text.h"

namespace alexdb::dynamodb {

namespace {

using nlohmann::json;

// Deep enough for 32 levels of nested values inside a response's envelope.
constexpr std::size_t kMaxDepth = 100;

}  // namespace

json parse_response(std::string_view body, std::string_view operation) {
  codec::JsonParseResult parsed = codec::parse_json(body, kMaxDepth);
  std::string where(operation);
  if (!parsed.ok) throw ServiceError("MalformedResponse", where + ": " + parsed.error);
  json result = std::move(parsed.value);
  if (!result.is_object()) {
    throw ServiceError("MalformedResponse", where + ": response is not a JSON object");
  }
  return result;
}

Decimal decimal_field(const json& value, std::string_view what) {
  if (value.is_number_integer()) {
    if (value.is_number_unsigned()) {
      return Decimal::parse(std::to_string(value.get<json::number_unsigned_t>()), what);
    }
    return Decimal::from_int(value.get<std::int64_t>());
  }
  if (value.is_string()) {
    if (auto d = Decimal::try_parse(value.get_ref<const std::string&>())) return *d;
  }
  throw ServiceError("MalformedResponse", std::string(what) + " is not a number");
}

}  // namespace alexdb::dynamodb
