#include "price_import.h"

#include <cctype>

#include "alexdb/errors.h"
#include "alexdb/timestamp.h"
#include "alexdb/validation.h"

namespace alexdb::cli {
namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Checks the header; returns the number of columns (3 or 4), or 0.
std::size_t header_columns(const std::vector<std::string>& header) {
  if (header.size() < 3 || header.size() > 4) return 0;
  if (lower(header[0]) != "symbol") return 0;
  std::string when = lower(header[1]);
  if (when != "timestamp" && when != "date") return 0;
  if (lower(header[2]) != "price") return 0;
  if (header.size() == 4 && lower(header[3]) != "volume") return 0;
  return header.size();
}

// `text` (a field of the file) in a message, shortened.
std::string got(const std::string& text) {
  constexpr std::size_t kShown = 40;
  return "(got '" + (text.size() > kShown ? text.substr(0, kShown) + "..." : text) + "')";
}

// Runs `parse` on `text`, a field of the file; a ValidationError it throws becomes a
// problem of `field` in `row`: `rule` (the error's own rule when empty) and the text.
template <typename Parse>
void parse_field(PriceRow& row, const char* field, std::string_view rule, const std::string& text,
                 Parse parse) {
  try {
    parse();
  } catch (const ValidationError& e) {
    std::string broken = rule.empty() ? e.rule() : std::string(rule);
    row.problems.push_back({row.line, field, broken + " " + got(text)});
  }
}

// The fields of a data row as a price, by the library's rules; problems into `row`.
void check_fields(const std::vector<std::string>& fields, std::size_t columns,
                  std::string_view source, PriceRow& row) {
  if (fields.size() < 3 || fields.size() > columns) {
    row.problems.push_back({row.line, "row",
                            "expected " + std::to_string(columns) + " fields, found " +
                                std::to_string(fields.size())});
    return;
  }
  PricePoint point;
  parse_field(row, "symbol", "1-20 letters, digits or .-^=_", fields[0],
              [&] { point.symbol = validate::symbol(fields[0]); });
  // The rules of a price's time: a date is its close; not after now + 1 day.
  parse_field(row, "timestamp", "", fields[1], [&] {
    Timestamp at =
        validate::change_time(fields[1], "timestamp", Timestamp::now());
    point.timestamp = at.to_string();
    row.micros = at.micros();
  });
  parse_field(row, "price", "a number from 0 to 999999", fields[2],
              [&] { point.price = validate::price(Decimal::parse(fields[2])); });
  if (fields.size() == 4 && !fields[3].empty()) {
    parse_field(row, "volume", "a whole number >= 0", fields[3],
                [&] { point.volume = validate::volume(Decimal::parse(fields[3])); });
  }
  if (!row.problems.empty()) return;
  point.source = std::string(source);
  row.price = std::move(point);
}

// A data line as a row: a line too long or with an open quote is a problem of the row,
// else its fields are checked.
void check_line(bool too_long, bool closed, const std::vector<std::string>& fields,
                std::size_t columns, std::string_view source, PriceRow& row) {
  if (too_long) {
    row.problems.push_back(
        {row.line, "row",
         "longer than " + std::to_string(PriceCsvReader::kMaxLineBytes) + " bytes"});
  } else if (!closed) {
    row.problems.push_back({row.line, "row", "unterminated quoted field"});
  } else {
    check_fields(fields, columns, source, row);
  }
}

}  // namespace

PriceCsvReader::PriceCsvReader(const std::string& path, std::string_view source)
    : lines_(path), source_(source) {
  if (!lines_.is_open()) throw ValidationError("FILE", "a readable file", path);
}

bool PriceCsvReader::next(PriceRow& row) {
  row = PriceRow{};
  while (!done_) {
    if (!lines_.next(line_)) {
      if (lines_.failed()) throw ValidationError("FILE", "a readable file", "read error");
      done_ = true;
      if (columns_ != 0) return false;
      row.line = 1;
      row.problems.push_back({1, "header", "the file is empty"});
      return true;
    }
    row.line = line_.number;
    if (columns_ == 0) {  // the header
      columns_ = line_.closed && !line_.too_long ? header_columns(line_.fields) : 0;
      if (columns_ != 0) continue;
      done_ = true;
      row.problems.push_back(
          {row.line, "header",
           "the first row must be symbol,timestamp,price[,volume] (or date for timestamp)"});
      return true;
    }
    check_line(line_.too_long, line_.closed, line_.fields, columns_, source_, row);
    return true;
  }
  return false;
}

}  // namespace alexdb::cli
