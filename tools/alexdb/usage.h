// Usage errors of the command line in the documented form, `FIELD: rule (value)`
// (README "Using alexdb"): the option checks that report a bad value that way, and the
// translation of every error CLI11's parser raises into that form.
#ifndef ALEXDB_TOOLS_ALEXDB_USAGE_H_
#define ALEXDB_TOOLS_ALEXDB_USAGE_H_

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace alexdb::cli {

// The name of the validator one_of() makes: the completion script reads the choices of
// an option from it.
inline constexpr const char* kChoicesValidator = "alexdb-choices";

// The largest --limit and --offset of the list commands.
inline constexpr std::int64_t kMaxCount = 1'000'000;

// The most parallel scan segments of backup and copy (the library's rule, backup.h).
inline constexpr std::int64_t kMaxSegments = 64;

// "a whole number from MIN to MAX": the rule of every count option.
std::string whole_number_rule(std::int64_t min, std::int64_t max);

// `text` as a whole number from `min` to `max` (a decimal number with no fraction, as
// Decimal::parse reads it). Throws ValidationError(field, whole_number_rule, text)
// otherwise.
std::int64_t whole_number_argument(std::string_view text, std::string_view field, std::int64_t min,
                                   std::int64_t max);

// A CLI11 check for a count option: accepts what whole_number_argument accepts; a bad
// value fails the parse as "FLAG: a whole number from MIN to MAX (VALUE)".
CLI::Validator whole_number(std::int64_t min, std::int64_t max);

// A CLI11 check for an option with fixed choices: a bad value fails the parse as
// "FLAG: one of A, B, C (VALUE)". With `ignore_case`, any case is accepted and the value
// becomes the choice's spelling. Named kChoicesValidator.
CLI::Validator one_of(std::vector<std::string> choices, bool ignore_case = false);

// The choices of `option` when it was declared with one_of(), else empty.
std::vector<std::string> option_choices(CLI::Option& option);

// "alexdb users list": the command's words from the program's name down.
std::string command_path(const CLI::App& command);

// The message (without the "alexdb: error: " prefix) for a parse error of `root` on
// `args` (the arguments after the program name): "FIELD: rule (see COMMAND --help)".
// An unknown option or command anywhere in `args` is reported first, at the command it
// was given to; every other error names the option, argument or command at fault.
std::string usage_message(CLI::App& root, const CLI::ParseError& error,
                          const std::vector<std::string>& args);

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_USAGE_H_
