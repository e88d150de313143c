// Reading a price file for `alexdb prices import`: CSV with a header row and columns
// symbol, timestamp (or date), price and optionally volume, read one line at a time so
// that a file of any size needs the same small memory. A UTF-8 byte-order mark at the
// start (Excel's "CSV UTF-8") is skipped.
#ifndef ALEXDB_TOOLS_ALEXDB_PRICE_IMPORT_H_
#define ALEXDB_TOOLS_ALEXDB_PRICE_IMPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/records.h"
#include "util/csv_lines.h"

namespace alexdb::cli {

struct CsvProblem {
  std::int64_t line = 0;  // 1-based line of the file
  std::string field;      // "symbol", "timestamp", "price", "volume", "row", "header"
  std::string message;
};

// One data row: its price when every field is good, else what is wrong with it.
struct PriceRow {
  std::int64_t line = 0;
  std::optional<PricePoint> price;  // symbol upper-case, timestamp in the fixed form
  std::int64_t micros = 0;          // price->timestamp as microseconds since 1970
  std::vector<CsvProblem> problems;
};

// The rows of one price file, in file order. Each row is checked on its own by the
// library's input rules (symbol, price 0-999999, whole volume >= 0); a date without a
// time means that day's close (21:00 UTC, as `alexdb seed` writes). Rows that need the
// whole file (unknown symbols, the same symbol and instant twice) are the caller's.
// Lines longer than kMaxLineBytes are a problem of their row, never read whole.
class PriceCsvReader {
 public:
  static constexpr std::size_t kMaxLineBytes = util::CsvLineReader::kMaxLineBytes;

  // Opens `path`; throws ValidationError naming FILE when it cannot be read. `source`
  // is the source of every price.
  PriceCsvReader(const std::string& path, std::string_view source);

  // The next data row, or false at the end of the file. A bad header (or an empty
  // file) is reported as one row with a "header" problem, after which next() is false.
  bool next(PriceRow& row);

 private:
  util::CsvLineReader lines_;
  std::string source_;
  std::size_t columns_ = 0;  // of the header; 0 before it is read
  bool done_ = false;
  util::CsvLine line_;
};

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_PRICE_IMPORT_H_
