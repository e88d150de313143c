// Checks of command-line arguments made before anything is read or written, so that a
// bad argument is reported with the flag that carried it.
#ifndef ALEXDB_TOOLS_ALEXDB_ARGUMENTS_H_
#define ALEXDB_TOOLS_ALEXDB_ARGUMENTS_H_

#include <optional>
#include <string>

#include "alex/timestamp.h"
#include "alexdb/errors.h"

namespace alexdb::cli {

// `text` unless empty (an option not given), after checking it is a date or a time;
// throws ValidationError naming `flag`.
inline std::optional<std::string> date_argument(const std::string& text, const char* flag) {
  if (text.empty()) return std::nullopt;
  if (!alex::Timestamp::parse(text)) {
    throw ValidationError(
        flag, "a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM[:SS[.ffffff]][Z|+HH:MM]", text);
  }
  return text;
}

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_ARGUMENTS_H_
