// The one exception hierarchy of alexdb. Every error the package throws derives from
// alexdb::Error. A lookup that finds nothing returns std::nullopt; it never throws.
// Messages name the field, the rule and the offending value, and never contain a secret.
#ifndef ALEXDB_ERRORS_H_
#define ALEXDB_ERRORS_H_

#include <stdexcept>
#include <string>

namespace alexdb {

// Base of every alexdb error.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad input: an argument, a request or a value that breaks a stated rule. Nothing was
// written. `field()` names what was wrong ("quantity", "Item.PK"), `rule()` the rule.
class ValidationError : public Error {
 public:
  ValidationError(std::string field, std::string rule, const std::string& detail = {});
  const std::string& field() const noexcept { return field_; }
  const std::string& rule() const noexcept { return rule_; }
  // What was found instead ("got 'x'"); may be empty.
  const std::string& detail() const noexcept { return detail_; }

 private:
  std::string field_;
  std::string rule_;
  std::string detail_;
};

// A resource that a call needs (a table, a record to update) does not exist.
class NotFound : public Error {
 public:
  using Error::Error;
};

// A table that was to be created exists already.
class AlreadyExists : public Error {
 public:
  using Error::Error;
};

// The condition of a conditional write did not hold; nothing was written.
class ConditionFailed : public Error {
 public:
  using Error::Error;
};

// The service kept throttling after every retry was spent.
class Throttled : public Error {
 public:
  using Error::Error;
};

// The DynamoDB service (or the connection to it) failed in a way not covered above.
// `error_type()` is the service's type ("InternalServerError", "ConnectionError", ...).
class ServiceError : public Error {
 public:
  ServiceError(std::string error_type, const std::string& message, int http_status = 0);
  const std::string& error_type() const noexcept { return error_type_; }
  int http_status() const noexcept { return http_status_; }

 private:
  std::string error_type_;
  int http_status_;
};

// The embedded engine failed: I/O error, a locked or corrupt file, a damaged record.
class StoreError : public Error {
 public:
  using Error::Error;
};

}  // namespace alexdb

#endif  // ALEXDB_ERRORS_H_
