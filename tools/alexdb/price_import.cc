#include "price_import.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

#include "alex/timestamp.h"
#include "alex/validation.h"
#include "alexdb/errors.h"

namespace alexdb::cli {
namespace {

constexpr std::size_t kMaxSymbolLength = 20;
const Decimal kMaxPrice = Decimal::from_int(999'999);

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

bool valid_symbol(const std::string& symbol) {
  if (symbol.empty() || symbol.size() > kMaxSymbolLength) return false;
  return std::all_of(symbol.begin(), symbol.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view(".-^=_").find(c) != std::string_view::npos;
  });
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

}  // namespace

PriceFile parse_price_csv(std::string_view text, std::string_view source) {
  PriceFile file;
  std::istringstream input{std::string(text)};
  std::string line;
  std::vector<std::string> fields;
  std::size_t columns = 0;
  std::map<std::pair<std::string, std::string>, int> seen;
  const alex::Timestamp now = alex::Timestamp::now();
  auto problem = [&](int number, std::string field, std::string message) {
    file.problems.push_back({number, std::move(field), std::move(message)});
  };
  for (int number = 1; std::getline(input, line); ++number) {
    if (trim(line).empty()) continue;
    bool closed = split_csv(line, fields);
    if (columns == 0) {
      columns = closed ? header_columns(fields) : 0;
      if (columns == 0) {
        problem(number, "header",
                "the first row must be symbol,timestamp,price[,volume] (or date for timestamp)");
        return file;
      }
      continue;
    }
    if (!closed) {
      problem(number, "row", "unterminated quoted field");
      continue;
    }
    if (fields.size() < 3 || fields.size() > columns) {
      problem(number, "row",
              "expected " + std::to_string(columns) + " fields, found " +
                  std::to_string(fields.size()));
      continue;
    }
    PricePoint point;
    bool good = true;
    point.symbol = fields[0];
    for (char& c : point.symbol) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!valid_symbol(point.symbol)) {
      problem(number, "symbol", "1-20 letters, digits or .-^=_ (got '" + fields[0] + "')");
      good = false;
    }
    try {  // the rules of a price's time: a date is its close; not after now + 1 day
      point.timestamp = alex::validate::change_time(fields[1], "timestamp", now).to_string();
    } catch (const ValidationError& e) {
      problem(number, "timestamp",
              e.rule() + " (" + (e.detail().empty() ? "empty" : e.detail()) + ")");
      good = false;
    }
    auto price = Decimal::try_parse(fields[2]);
    if (!price || price->sign() < 0 || *price > kMaxPrice) {
      problem(number, "price", "a number from 0 to 999999 (got '" + fields[2] + "')");
      good = false;
    } else {
      point.price = *price;
    }
    if (fields.size() == 4 && !fields[3].empty()) {
      auto volume = Decimal::try_parse(fields[3]);
      if (!volume || volume->sign() < 0) {
        problem(number, "volume", "a number >= 0 (got '" + fields[3] + "')");
        good = false;
      } else {
        point.volume = *volume;
      }
    }
    if (!good) continue;
    auto [it, inserted] = seen.emplace(std::pair(point.symbol, point.timestamp), number);
    if (!inserted) {
      problem(number, "timestamp",
              "duplicate of line " + std::to_string(it->second) + " (" + point.symbol + " at " +
                  point.timestamp + ")");
      continue;
    }
    point.source = std::string(source);
    file.prices.push_back(std::move(point));
    file.lines.push_back(number);
  }
  if (columns == 0) problem(1, "header", "the file is empty");
  return file;
}

}  // namespace alexdb::cli
