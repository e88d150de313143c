// The one exception hierarchy of alexdb. Every error the package throws derives from
// alexdb::Error. A lookup that finds nothing returns std::nullopt; it never throws.
// Messages name the field, the rule and the offending value, and never contain a secret.
#ifndef ALEXDB_ERRORS_H_
#define ALEXDB_ERRORS_H_

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace alexdb {

// Base of every alexdb error. what() is the message.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad input: an argument, a request or a value that breaks a stated rule. Nothing was
// written. `field()` names what was wrong ("quantity", "Item.PK"), `rule()` the rule.
class ValidationError : public Error {
 public:
  // The message is "field: rule", followed by " (detail)" when there is a detail.
  ValidationError(std::string field, std::string rule, const std::string& detail = {});
  // What was wrong, and the rule it broke.
  const std::string& field() const noexcept { return field_; }
  const std::string& rule() const noexcept { return rule_; }
  // What was found instead ("got 'x'"); may be empty.
  const std::string& detail() const noexcept { return detail_; }

 private:
  std::string field_;
  std::string rule_;
  std::string detail_;
};

// One problem of a row of an imported file: its line, the field and what is wrong, as
// `alexdb` prints it: FILE:LINE: field: problem.
struct ImportProblem {
  std::int64_t line = 0;  // 1-based line of the file
  std::string field;      // a column's field ("quantity"), "header" or "row"
  std::string problem;    // the rule broken and what was found

  friend bool operator==(const ImportProblem&, const ImportProblem&) = default;
};

// A file import refused because rows of the file are bad; nothing was written.
// field() is "path", rule() "a file without bad rows"; the message lists the first few
// problems as FILE:LINE: field: problem. problems() holds the first kMaxProblems in line
// order, problem_count() how many were found in all.
class ImportRejected : public ValidationError {
 public:
  static constexpr std::size_t kMaxProblems = 1000;

  ImportRejected(const std::string& path, std::vector<ImportProblem> problems,
                 std::int64_t problem_count);
  const std::string& path() const noexcept { return path_; }
  const std::vector<ImportProblem>& problems() const noexcept { return problems_; }
  std::int64_t problem_count() const noexcept { return problem_count_; }

 private:
  std::string path_;
  std::vector<ImportProblem> problems_;
  std::int64_t problem_count_;
};

// A resource that a call needs does not exist: a table, or the instrument a price is
// recorded for. (A record to update or remove that does not exist is not an error: the
// call returns 0.)
class NotFound : public Error {
 public:
  using Error::Error;
};

// What was to be created exists already: a table (create_table), a user (create_user).
class AlreadyExists : public Error {
 public:
  using Error::Error;
};

// The condition of a conditional write did not hold; nothing was written. The models
// throw it too when concurrent writers kept winning every retry of a position change or
// a price update ("try again"), or when a freshly generated id is taken.
class ConditionFailed : public Error {
 public:
  using Error::Error;
};

// The service kept throttling (or leaving batch items unprocessed) after every retry
// was spent.
class Throttled : public Error {
 public:
  using Error::Error;
};

// The DynamoDB service (or the connection to it) failed in a way not covered above, or
// a listing could not end. `error_type()` is the service's type
// ("InternalServerError", ...) or alexdb's ("ConnectionError", "TlsError", "Timeout",
// "MalformedResponse", "NotDynamoDB", "ChecksumMismatch", "InvalidPagination").
class ServiceError : public Error {
 public:
  // The message is "error_type: message".
  ServiceError(std::string error_type, const std::string& message, int http_status = 0);
  // The type named above.
  const std::string& error_type() const noexcept { return error_type_; }
  // The HTTP status of the failed response; 0 when there was none.
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

// A stored record in the layout of the seed's reference package (no id or account_id,
// isoformat() keys, no version): it cannot be read correctly until `alexdb migrate`
// (Database::migrate) brings it to this package's layout. The message names the table,
// the record's key and what marks it, and says to run `alexdb migrate`.
class LegacyRecord : public StoreError {
 public:
  using StoreError::StoreError;
};

}  // namespace alexdb

#endif  // ALEXDB_ERRORS_H_
