// Checks of command-line arguments made before anything is read or written, so that a
// bad argument is reported with the flag that carried it.
#ifndef ALEXDB_TOOLS_ALEXDB_ARGUMENTS_H_
#define ALEXDB_TOOLS_ALEXDB_ARGUMENTS_H_

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "alex/timestamp.h"
#include "alex/validation.h"
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

// The --from/--to pair of the history commands (empty: not given).
struct DateRange {
  std::string from;
  std::string to;

  // The bounds after date_argument's check.
  std::optional<std::string> checked_from() const { return date_argument(from, "--from"); }
  std::optional<std::string> checked_to() const { return date_argument(to, "--to"); }

  // Throws ValidationError naming --from when both are given and --from is after --to,
  // by the library's rules for a range (a date alone starts --from and ends --to).
  void check_order() const {
    if (from.empty() || to.empty()) return;
    alex::Timestamp start = alex::validate::range_start(from, "--from");
    alex::Timestamp end = alex::validate::timestamp(to, "--to");
    if (end < start) {
      throw ValidationError("--from", "must not be after --to",
                            start.to_string() + " > " + end.to_string());
    }
  }
};

// Runs `call`, a library call given --from and --to as its start and end, reporting a
// ValidationError of "start" or "end" under the flag that carried it.
template <typename Call>
auto with_range_flags(Call&& call) -> decltype(call()) {
  try {
    return call();
  } catch (const ValidationError& e) {
    if (e.field() == "start" && e.rule() == "must not be after end") {
      throw ValidationError("--from", "must not be after --to", e.detail());
    }
    if (e.field() == "start") throw ValidationError("--from", e.rule(), e.detail());
    if (e.field() == "end") throw ValidationError("--to", e.rule(), e.detail());
    throw;
  }
}

// Adds --from and --to (inclusive bounds, dates or times) to `command`, read into `range`.
inline void add_date_range_options(CLI::App& command, DateRange& range) {
  command.add_option("--from", range.from, "first date or time (inclusive)");
  command.add_option("--to", range.to, "last date or time (inclusive)");
}

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_ARGUMENTS_H_
