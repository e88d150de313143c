// Checks of command-line arguments made before anything is read or written, so that a
// bad argument is reported with the flag that carried it.
//
// Date options are std::optional<std::string>: not given is nullopt, and a given empty
// string (`--at ''`) is an error, never "now" (SPEC section 9 "Time"). What a date
// without a time means is validate::timestamp's and validate::change_time's rule:
// the end of that day, UTC, in a question (--at of list and value, --to); the start
// of that day for --from of a history; that day's close, 21:00 UTC, for when a change
// or a price happened (--at of `positions set` and `prices update`).
#ifndef ALEXDB_TOOLS_ALEXDB_ARGUMENTS_H_
#define ALEXDB_TOOLS_ALEXDB_ARGUMENTS_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "alexdb/errors.h"
#include "alexdb/timestamp.h"
#include "alexdb/validation.h"

namespace alexdb::cli {

// What --help says a bare date means, one text per kind of option.
inline constexpr const char* kQueryDateHelp =
    "a date YYYY-MM-DD (its end, 23:59:59.999999 UTC) or a time YYYY-MM-DDTHH:MM[:SS[.ffffff]]"
    "[Z|+HH:MM]";
inline constexpr const char* kChangeDateHelp =
    "a date YYYY-MM-DD (its close, 21:00 UTC) or a time YYYY-MM-DDTHH:MM[:SS[.ffffff]]"
    "[Z|+HH:MM]; not later than now + 1 day";

// A date or time a question asks about: `text` after checking it (nullopt when the
// option was not given). Throws ValidationError naming `flag`.
inline std::optional<std::string> date_argument(const std::optional<std::string>& text,
                                                const char* flag) {
  if (text) validate::timestamp(*text, flag);
  return text;
}

// When a change or a price happened: the instant in the fixed-width form (a date alone
// is its close, 21:00 UTC), not later than now + 1 day; nullopt when not given.
inline std::optional<std::string> change_date_argument(const std::optional<std::string>& text,
                                                       const char* flag) {
  if (!text) return std::nullopt;
  return validate::change_time(*text, flag, Timestamp::now()).to_string();
}

// The --from/--to pair of the history commands.
struct DateRange {
  std::optional<std::string> from;
  std::optional<std::string> to;

  // The bounds after date_argument's check.
  std::optional<std::string> checked_from() const { return date_argument(from, "--from"); }
  std::optional<std::string> checked_to() const { return date_argument(to, "--to"); }

  // Throws ValidationError naming --from when both are given and --from is after --to,
  // by the library's rules for a range (a date alone starts --from and ends --to).
  void check_order() const {
    if (!from || !to) return;
    Timestamp start = validate::range_start(*from, "--from");
    Timestamp end = validate::timestamp(*to, "--to");
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

// Which flag carries each field a library call names in its errors ("symbol": "--symbol").
using FlagNames = std::map<std::string, std::string, std::less<>>;

// Runs `call`, reporting a ValidationError of a field in `flags` under its flag (other
// errors as they are).
template <typename Call>
auto with_flag_names(const FlagNames& flags, Call&& call) -> decltype(call()) {
  try {
    return call();
  } catch (const ValidationError& e) {
    auto flag = flags.find(e.field());
    if (flag == flags.end()) throw;
    throw ValidationError(flag->second, e.rule(), e.detail());
  }
}

// Adds --from and --to (inclusive bounds, dates or times) to `command`, read into `range`.
inline void add_date_range_options(CLI::App& command, DateRange& range) {
  command.add_option("--from", range.from,
                     "first date or time (inclusive): a date YYYY-MM-DD means its start, "
                     "00:00 UTC");
  command.add_option("--to", range.to,
                     "last date or time (inclusive): a date YYYY-MM-DD means its end, "
                     "23:59:59.999999 UTC");
}

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_ARGUMENTS_H_
