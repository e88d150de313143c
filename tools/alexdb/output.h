// Output of `alexdb`: aligned tables for people, JSON for scripts, progress on long work.
//
// JSON rules (documented in README "Using alexdb", Output): records print as objects
// with the field names of records.h; every number (Decimal) is a JSON *string* holding
// its exact decimal text ("1234.50" stays exact, no binary floating point), counts
// (num_positions, version, imported, item_count, a CSV line) too: no JSON number is
// ever printed. Booleans stay JSON booleans; an absent value is null.
#ifndef ALEXDB_TOOLS_ALEXDB_OUTPUT_H_
#define ALEXDB_TOOLS_ALEXDB_OUTPUT_H_

#include <cstddef>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/decimal.h"
#include "alexdb/records.h"
#include "alexdb/value.h"

namespace alexdb::cli {

// An attribute value as plain JSON: S and N as strings, M as object, L and sets as
// arrays, BOOL and NULL as themselves, B as base64 text.
nlohmann::json to_json(const Value& value);
nlohmann::json to_json(const Fields& fields);
// Plain JSON already parsed by nlohmann (the embedded instruments data): numbers become
// N from nlohmann's text of them, which for non-integers has passed through a double.
// JSON a user gives goes through parse_json_value (json_input.h), which keeps it exact.
Value from_json(const nlohmann::json& json);

// The one number rule of --json: `json` with every number replaced by a string of its
// text (integers exactly), through objects and arrays; strings, booleans and null kept.
nlohmann::json numbers_as_text(nlohmann::json json);
// Prints `json` indented, with a final newline, on stdout, numbers as numbers_as_text
// makes them.
void print_json(const nlohmann::json& json);

// A value for a table cell: strings as they are, numbers in their exact text, maps and
// lists as compact JSON.
std::string cell(const Value& value);
// A money amount for people: rounded half-even to 2 places, thousands separated.
std::string money(const Decimal& amount);

// A table printed with its columns aligned; numeric columns align right.
class Table {
 public:
  explicit Table(std::vector<std::string> headers);
  // Marks column `index` as numeric (right-aligned).
  Table& right(std::size_t index);
  void add(std::vector<std::string> row);
  bool empty() const { return rows_.empty(); }
  // Writes the header, a rule and the rows; `indent` spaces before each line.
  void print(std::ostream& out, int indent = 0) const;

 private:
  std::vector<std::string> headers_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

// Prints "key  value" lines aligned on the keys (one record for people).
void print_fields(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& rows);

// Progress of `total` steps on stderr: a redrawn bar on a terminal, one plain line per
// step otherwise. Silent when `quiet`.
class Progress {
 public:
  Progress(std::string label, std::size_t total, bool quiet = false);
  void step(std::string_view what);
  void finish();

 private:
  std::string label_;
  std::size_t total_;
  std::size_t done_ = 0;
  bool tty_;
  bool quiet_;
};

// The number of terminal columns a UTF-8 string takes (one per code point).
std::size_t display_width(std::string_view text);

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_OUTPUT_H_
