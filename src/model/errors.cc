#include "alexdb/errors.h"

#include <algorithm>
#include <utility>

namespace alexdb {

namespace {

std::string ValidationMessage(const std::string& field, const std::string& rule,
                              const std::string& detail) {
  std::string message = field + ": " + rule;
  if (!detail.empty()) message += " (" + detail + ")";
  return message;
}

// The first problems of an import as "FILE:LINE: field: problem; ...", and how many
// more there are.
std::string ImportSummary(const std::string& path, const std::vector<ImportProblem>& problems,
                          std::int64_t count) {
  constexpr std::size_t kShown = 5;
  std::string summary = std::to_string(count) + " problem" + (count == 1 ? "" : "s") + ": ";
  for (std::size_t i = 0; i < problems.size() && i < kShown; ++i) {
    if (i > 0) summary += "; ";
    summary += path + ":" + std::to_string(problems[i].line) + ": " + problems[i].field + ": " +
               problems[i].problem;
  }
  const auto shown = static_cast<std::int64_t>(std::min(problems.size(), kShown));
  if (count > shown) summary += "; and " + std::to_string(count - shown) + " more";
  return summary;
}

}  // namespace

ImportRejected::ImportRejected(const std::string& path, std::vector<ImportProblem> problems,
                               std::int64_t problem_count)
    : ValidationError("path", "a file without bad rows",
                      ImportSummary(path, problems, problem_count)),
      path_(path),
      problems_(std::move(problems)),
      problem_count_(problem_count) {}

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
