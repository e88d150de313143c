// `alexdb prices import`: a price file of any size checked whole, then loaded in
// batches, with memory bounded by constants below (not by the file's size).
#ifndef ALEXDB_TOOLS_ALEXDB_PRICE_LOADER_H_
#define ALEXDB_TOOLS_ALEXDB_PRICE_LOADER_H_

#include <cstdint>
#include <functional>
#include <set>
#include <string>

#include "alexdb/database.h"
#include "price_import.h"

namespace alexdb::cli {

// Rows read per batch lookup of their symbols while checking.
inline constexpr std::size_t kCheckChunkRows = 4096;
// Prices per call of Instruments::import_prices while loading.
inline constexpr std::size_t kLoadBatchRows = 5000;
// (symbol, instant) keys held at once to find duplicates (24 bytes each): a file with
// more good rows is checked for duplicates in several passes, each over one share of
// the keys.
inline constexpr std::size_t kMaxDuplicateKeys = std::size_t{1} << 20;

struct PriceImportResult {
  std::int64_t bad_rows = 0;  // rows reported as bad; nothing was imported when > 0
  std::int64_t imported = 0;
  std::set<std::string> symbols;  // of the prices imported
};

// Imports the CSV file at `path` (see PriceCsvReader) into `db`. First every row is
// checked: its fields, that its symbol is an instrument of `db`, and that no symbol
// and instant comes twice; each problem goes to `report` as it is found (a file's rows
// in line order, then duplicates). Only when there is none are the prices loaded, in
// batches of kLoadBatchRows through Instruments::import_prices, with source "import",
// with a progress bar on stderr (one step per batch) unless `quiet`.
// Throws ValidationError naming FILE when the file cannot be read or changes between
// the check and the load.
PriceImportResult import_price_file(Database& db, const std::string& path,
                                    const std::function<void(const CsvProblem&)>& report,
                                    bool quiet);

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_PRICE_LOADER_H_
