// Reading a price file for `alexdb prices import`: CSV with a header row and columns
// symbol, timestamp (or date), price and optionally volume. Every row is checked before
// anything is written; each problem names its line and field.
#ifndef ALEXDB_TOOLS_ALEXDB_PRICE_IMPORT_H_
#define ALEXDB_TOOLS_ALEXDB_PRICE_IMPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "alexdb/records.h"

namespace alexdb::cli {

struct CsvProblem {
  int line = 0;       // 1-based line of the file
  std::string field;  // "symbol", "timestamp", "price", "volume", "row", "header"
  std::string message;
};

struct PriceFile {
  std::vector<PricePoint> prices;  // in file order, timestamps in the fixed form
  std::vector<int> lines;          // the line of each price
  std::vector<CsvProblem> problems;
};

// Parses and checks `text`. A date without a time means that day's close (21:00 UTC,
// as `alexdb seed` writes); a time later than now + 1 day is a problem
// (validate::change_time). Symbols are upper-cased; the same symbol and instant twice
// is a problem. Source of each price: `source`.
PriceFile parse_price_csv(std::string_view text, std::string_view source);

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_PRICE_IMPORT_H_
