#include "price_loader.h"

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "alexdb/errors.h"
#include "alexdb/store.h"
#include "alexdb/timestamp.h"
#include "output.h"

namespace alexdb::cli {
namespace {

constexpr std::string_view kSource = "import";
// Unknown symbols remembered between lookups (beyond it they are looked up again).
constexpr std::size_t kMaxUnknownSymbols = 10'000;

// The instruments a file names: known ones numbered (for compact keys), unknown ones
// remembered up to kMaxUnknownSymbols.
class Symbols {
 public:
  explicit Symbols(Database& db) : db_(db) {}

  // Looks up, in batches, those of `symbols` not seen yet.
  void resolve(std::vector<std::string> symbols) {
    std::sort(symbols.begin(), symbols.end());
    symbols.erase(std::unique(symbols.begin(), symbols.end()), symbols.end());
    std::erase_if(symbols,
                  [&](const std::string& s) { return known_.contains(s) || unknown_.contains(s); });
    if (unknown_.size() + symbols.size() > kMaxUnknownSymbols) unknown_.clear();
    for (std::size_t at = 0; at < symbols.size(); at += limits::kBatchGetKeys) {
      std::vector<std::string> batch(
          symbols.begin() + static_cast<std::ptrdiff_t>(at),
          symbols.begin() +
              static_cast<std::ptrdiff_t>(std::min(symbols.size(), at + limits::kBatchGetKeys)));
      for (const Instrument& i : db_.instruments.batch_get_by_symbols(batch)) {
        known_.emplace(i.symbol, static_cast<std::uint32_t>(names_.size()));
        names_.push_back(i.symbol);
      }
      for (const std::string& s : batch) {
        if (!known_.contains(s)) unknown_.insert(s);
      }
    }
  }
  // The number of a resolved symbol, or nullopt when it is no instrument.
  std::optional<std::uint32_t> number(const std::string& symbol) const {
    auto it = known_.find(symbol);
    if (it == known_.end()) return std::nullopt;
    return it->second;
  }
  const std::string& name(std::uint32_t number) const { return names_[number]; }

 private:
  Database& db_;
  std::map<std::string, std::uint32_t> known_;
  std::vector<std::string> names_;
  std::set<std::string> unknown_;
};

// A good row as (symbol, instant) and its line.
struct Key {
  std::int64_t micros;
  std::uint32_t symbol;
  std::int64_t line;
};

// Which of `partitions` shares a key belongs to (a mix of both parts, so that any file
// spreads evenly).
std::size_t share_of(std::uint32_t symbol, std::int64_t micros, std::size_t partitions) {
  std::uint64_t h = static_cast<std::uint64_t>(micros) * 0x9E3779B97F4A7C15ULL + symbol;
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 29;
  return static_cast<std::size_t>(h % partitions);
}

class Checker {
 public:
  Checker(Database& db, const std::string& path,
          const std::function<void(const CsvProblem&)>& report)
      : symbols_(db), path_(path), report_(report) {
    keys_.reserve(kMaxDuplicateKeys);  // address space only until used
  }

  // Checks every row: fields and symbols (in line order), then duplicates. Returns the
  // number of bad rows.
  std::int64_t run() {
    PriceCsvReader reader(path_, kSource);
    std::vector<PriceRow> chunk(kCheckChunkRows);
    std::size_t filled = 0;
    while (reader.next(chunk[filled])) {
      if (++filled == chunk.size()) {
        check_chunk(chunk, filled);
        filled = 0;
      }
    }
    check_chunk(chunk, filled);
    if (!overflow_) {
      report_duplicates();
    } else {
      check_duplicates_in_shares();
    }
    return bad_rows_;
  }

  const Symbols& symbols() const { return symbols_; }
  std::int64_t good_rows() const { return good_rows_; }

 private:
  // Reports the problems of one bad row.
  void bad_row(const std::vector<CsvProblem>& problems) {
    ++bad_rows_;
    for (const CsvProblem& p : problems) report_(p);
  }

  void check_chunk(std::vector<PriceRow>& chunk, std::size_t filled) {
    std::vector<std::string> wanted;
    for (std::size_t i = 0; i < filled; ++i) {
      if (chunk[i].price) wanted.push_back(chunk[i].price->symbol);
    }
    symbols_.resolve(std::move(wanted));
    for (std::size_t i = 0; i < filled; ++i) {
      const PriceRow& row = chunk[i];
      if (!row.price) {
        bad_row(row.problems);
        continue;
      }
      auto number = symbols_.number(row.price->symbol);
      if (!number) {
        bad_row(
            {{row.line, "symbol", "no instrument " + row.price->symbol + " (run alexdb seed?)"}});
        continue;
      }
      ++good_rows_;
      if (overflow_) continue;
      if (keys_.size() == kMaxDuplicateKeys) {
        overflow_ = true;
        keys_.clear();
        continue;
      }
      keys_.push_back({row.micros, *number, row.line});
    }
  }

  // Reports every key after the first of its (symbol, instant), and keeps the firsts.
  void report_duplicates() {
    std::sort(keys_.begin(), keys_.end(), [](const Key& a, const Key& b) {
      if (a.symbol != b.symbol) return a.symbol < b.symbol;
      if (a.micros != b.micros) return a.micros < b.micros;
      return a.line < b.line;
    });
    std::vector<CsvProblem> found;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      const Key& first = keys_[kept == 0 ? 0 : kept - 1];  // of the run keys_[i] may join
      if (kept > 0 && first.symbol == keys_[i].symbol && first.micros == keys_[i].micros) {
        const std::string& symbol = symbols_.name(first.symbol);
        found.push_back({keys_[i].line, "timestamp",
                         "duplicate of line " + std::to_string(first.line) + " (" + symbol +
                             " at " + Timestamp(first.micros).to_string() + ")"});
        if (found.size() == kCheckChunkRows) flush(found);
      } else {
        keys_[kept++] = keys_[i];
      }
    }
    keys_.resize(kept);
    flush(found);
  }

  void flush(std::vector<CsvProblem>& found) {
    std::sort(found.begin(), found.end(),
              [](const CsvProblem& a, const CsvProblem& b) { return a.line < b.line; });
    for (const CsvProblem& p : found) bad_row({p});
    found.clear();
  }

  // More good rows than keys fit: one pass per share of the keys, each share compacted
  // (duplicates reported, firsts kept) whenever it fills.
  void check_duplicates_in_shares() {
    const std::size_t shares =
        static_cast<std::size_t>(good_rows_) / (kMaxDuplicateKeys * 3 / 4) + 1;
    for (std::size_t share = 0; share < shares; ++share) {
      keys_.clear();
      PriceCsvReader reader(path_, kSource);
      PriceRow row;
      while (reader.next(row)) {
        if (!row.price) continue;
        auto number = symbols_.number(row.price->symbol);
        if (!number || share_of(*number, row.micros, shares) != share) continue;
        if (keys_.size() == kMaxDuplicateKeys) {
          report_duplicates();
          if (keys_.size() > kMaxDuplicateKeys / 2) {
            throw Error("prices import: too many different prices in " + path_ +
                        " to check for duplicates; split the file");
          }
        }
        keys_.push_back({row.micros, *number, row.line});
      }
      report_duplicates();
    }
  }

  Symbols symbols_;
  std::string path_;
  const std::function<void(const CsvProblem&)>& report_;
  std::vector<Key> keys_;
  bool overflow_ = false;
  std::int64_t good_rows_ = 0;
  std::int64_t bad_rows_ = 0;
};

// The file's prices, which the check found good, in batches through the library.
PriceImportResult load(Database& db, const std::string& path, const Symbols& symbols,
                       std::int64_t rows, bool quiet) {
  PriceImportResult result;
  PriceCsvReader reader(path, kSource);
  std::vector<PricePoint> batch;
  batch.reserve(kLoadBatchRows);
  Progress progress("import",
                    static_cast<std::size_t>((rows + kLoadBatchRows - 1) / kLoadBatchRows), quiet);
  auto write = [&] {
    if (batch.empty()) return;
    db.instruments.import_prices(batch);
    result.imported += static_cast<std::int64_t>(batch.size());
    batch.clear();
    progress.step(std::to_string(result.imported) + " prices");
  };
  PriceRow row;
  while (reader.next(row)) {
    if (!row.price || !symbols.number(row.price->symbol)) {
      throw ValidationError("FILE", "unchanged during the import",
                            path + " changed at line " + std::to_string(row.line) + "; " +
                                std::to_string(result.imported) + " prices were imported");
    }
    result.symbols.insert(row.price->symbol);
    batch.push_back(std::move(*row.price));
    if (batch.size() == kLoadBatchRows) write();
  }
  write();
  progress.finish();
  return result;
}

}  // namespace

PriceImportResult import_price_file(Database& db, const std::string& path,
                                    const std::function<void(const CsvProblem&)>& report,
                                    bool quiet) {
  Checker checker(db, path, report);
  if (std::int64_t bad_rows = checker.run(); bad_rows > 0) {
    PriceImportResult result;
    result.bad_rows = bad_rows;
    return result;
  }
  return load(db, path, checker.symbols(), checker.good_rows(), quiet);
}

}  // namespace alexdb::cli
