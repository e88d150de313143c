// Parses a DynamoDB response body as untrusted input: JSON nested at most 100 levels,
// and every non-integer JSON number kept as its exact text (a JSON string), so no
// number ever passes through binary floating point.
#ifndef ALEXDB_STORE_DYNAMODB_JSON_RESPONSE_H_
#define ALEXDB_STORE_DYNAMODB_JSON_RESPONSE_H_

#include <string_view>

#include <nlohmann/json.hpp>

#include "alexdb/decimal.h"

namespace alexdb::dynamodb {

// The parsed body. Throws ServiceError("MalformedResponse") naming `operation` when the
// body is not a JSON object, is truncated, or nests too deeply.
nlohmann::json parse_response(std::string_view body, std::string_view operation);

// A number field as parse_response left it (integer, or exact text), as a Decimal.
// Throws ServiceError("MalformedResponse") for anything else.
Decimal decimal_field(const nlohmann::json& value, std::string_view what);

}  // namespace alexdb::dynamodb

#endif  // ALEXDB_STORE_DYNAMODB_JSON_RESPONSE_H_
