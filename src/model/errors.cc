#include "alexdb/errors.h"

#include <utility>

namespace alexdb {

namespace {

std::string ValidationMessage(const std::string& field, const std::string& rule,
                              const std::string& detail) {
  std::string message = field + ": " + rule;
  if (!detail.empty()) message += " (" + detail + ")";
  return message;
}

}  // namespace

ValidationError::ValidationError(std::string field, std::string rule, const std::string& detail)
    : Error(ValidationMessage(field, rule, detail)),
      field_(std::move(field)),
      rule_(std::move(rule)),
      detail_(detail) {}

ServiceError::ServiceError(std::string error_type, const std::string& message, int http_status)
    : Error(error_type + ": " + message),
      error_type_(std::move(error_type)),
      http_status_(http_status) {}

}  // namespace alexdb
