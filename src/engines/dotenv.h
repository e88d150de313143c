// The `.env` file Config::resolve reads (SPEC section 6): KEY=VALUE lines, weaker than
// the process environment.
#ifndef ALEXDB_ENGINES_DOTENV_H_
#define ALEXDB_ENGINES_DOTENV_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace alexdb::engines {

// The text of the `.env` file at `path`, or nullopt when there is none (or `path` is
// empty). A file that is there but cannot be read (no permission, a directory, a FIFO
// or device) is a ValidationError naming it: skipping it would silently select
// another store.
std::optional<std::string> read_dotenv(const std::string& path);

// Parses `.env` text: KEY=VALUE lines, `export KEY=VALUE`, `#` comments, values in
// single or double quotes. Throws ValidationError naming the line for anything else.
std::map<std::string, std::string> parse_dotenv(std::string_view text);

}  // namespace alexdb::engines

#endif  // ALEXDB_ENGINES_DOTENV_H_
