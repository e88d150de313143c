#include "price_import.h"

#include <cctype>

#include "alexdb/errors.h"
#include "alexdb/timestamp.h"
#include "alexdb/validation.h"

namespace alexdb::cli {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::string trim(std::string_view text) {
  auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return "";
  auto end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

// Splits one CSV line; fields may be double-quoted ("" inside quotes is a quote).
// Returns false for an unterminated quote.
bool split_csv(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(trim(field));
      field.clear();
    } else {
      field += c;
    }
  }
  fields.push_back(trim(field));
  return !quoted;
}

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
    : file_(std::fopen(path.c_str(), "rb")), source_(source) {
  if (!file_) throw ValidationError("FILE", "a readable file", path);
}

bool PriceCsvReader::read_line(std::string& line, bool& too_long) {
  line.clear();
  too_long = false;
  bool any = false;
  for (int c; (c = getc_unlocked(file_.get())) != EOF;) {
    any = true;
    if (c == '\n') return true;
    if (line.size() < kMaxLineBytes) {
      line += static_cast<char>(c);
    } else {
      too_long = true;
    }
  }
  if (std::ferror(file_.get())) throw ValidationError("FILE", "a readable file", "read error");
  return any;
}

bool PriceCsvReader::next(PriceRow& row) {
  row = PriceRow{};
  bool too_long = false;
  while (!done_) {
    if (!read_line(text_, too_long)) {
      done_ = true;
      if (columns_ != 0) return false;
      row.line = 1;
      row.problems.push_back({1, "header", "the file is empty"});
      return true;
    }
    row.line = ++line_;
    if (line_ == 1 && text_.starts_with(kByteOrderMark)) text_.erase(0, kByteOrderMark.size());
    if (!too_long && trim(text_).empty()) continue;
    bool closed = !too_long && split_csv(text_, fields_);
    if (columns_ == 0) {  // the header
      columns_ = closed ? header_columns(fields_) : 0;
      if (columns_ != 0) continue;
      done_ = true;
      row.problems.push_back(
          {line_, "header",
           "the first row must be symbol,timestamp,price[,volume] (or date for timestamp)"});
      return true;
    }
    check_line(too_long, closed, fields_, columns_, source_, row);
    return true;
  }
  return false;
}

}  // namespace alexdb::cli
