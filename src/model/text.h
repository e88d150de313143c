// Small text helpers shared by the parsers of configuration files.
#ifndef ALEXDB_MODEL_TEXT_H_
#define ALEXDB_MODEL_TEXT_H_

#include <string>
#include <string_view>

namespace alexdb {

// `s` without leading and trailing spaces, tabs and carriage returns.
inline std::string trim(std::string_view s) {
  auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  auto end = s.find_last_not_of(" \t\r");
  return std::string(s.substr(begin, end - begin + 1));
}

}  // namespace alexdb

#endif  // ALEXDB_MODEL_TEXT_H_
