// The per-Database cache of instruments (name, type, current price) of SPEC section 11:
// entries live at most a bounded age, and the Database's own writes of an instrument or
// its price drop its entry at once, so a Database always sees its own writes.
#ifndef ALEXDB_ALEX_INSTRUMENT_CACHE_H_
#define ALEXDB_ALEX_INSTRUMENT_CACHE_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "alexdb/records.h"

namespace alexdb::alex {

class InstrumentCache {
 public:
  // How long after this Database wrote an instrument its reads of that instrument are
  // strongly consistent: an eventually consistent read may miss a write for a while
  // (DynamoDB: usually under a second), and the cache would then keep what it missed.
  static constexpr std::chrono::seconds kOwnWritesReadConsistentlyFor{60};

  // Entries older than `max_age` are not used; a zero age caches nothing.
  explicit InstrumentCache(std::chrono::milliseconds max_age) : max_age_(max_age) {}

  // What a lookup found and what is left to read.
  struct Lookup {
    std::map<std::string, Instrument> found;  // fresh entries, by symbol
    std::vector<std::string> missing;         // the symbols with no fresh entry
    // Whether this Database wrote one of `missing` within kOwnWritesReadConsistentlyFor:
    // read them strongly consistent.
    bool read_consistently = false;
    // Pass to remember() with what is read for `missing`.
    std::uint64_t epoch = 0;
  };
  // The fresh entries among `symbols`, and the rest to read.
  Lookup find(const std::vector<std::string>& symbols);
  // Remembers instruments read (or written) after the lookup or forget() that gave
  // `epoch`, except those this Database wrote since: that read may predate the write.
  void remember(const std::vector<Instrument>& instruments, std::uint64_t epoch);
  // Marks an instrument this Database writes: its entry is dropped, and reads begun
  // before are not remembered. Called once a write is over (also when it failed), and by
  // InstrumentWrite also before it; returns the epoch to remember the instrument as
  // written with.
  std::uint64_t forget(std::string_view symbol);

 private:
  using Clock = std::chrono::steady_clock;
  struct Entry {
    Instrument instrument;
    Clock::time_point read_at;
  };
  struct Write {
    std::uint64_t epoch;
    Clock::time_point at;
  };
  // Whether this Database wrote `symbol` within kOwnWritesReadConsistentlyFor; mutex_ held.
  bool wrote_lately_locked(std::string_view symbol, Clock::time_point now) const;

  const std::chrono::milliseconds max_age_;
  std::mutex mutex_;
  std::uint64_t epoch_ = 0;  // the number of forget() calls
  std::map<std::string, Entry, std::less<>> entries_;
  std::map<std::string, Write, std::less<>> writes_;  // this Database's last write of each
};

// A write of one instrument's record by this Database, marked in the cache from
// construction until done() or destruction (InstrumentCache::forget at both ends), so
// that no read begun before it is over is remembered.
class InstrumentWrite {
 public:
  InstrumentWrite(InstrumentCache& cache, std::string symbol)
      : cache_(cache), symbol_(std::move(symbol)) {
    cache_.forget(symbol_);
  }
  ~InstrumentWrite() {
    if (!done_) cache_.forget(symbol_);
  }
  InstrumentWrite(const InstrumentWrite&) = delete;
  InstrumentWrite& operator=(const InstrumentWrite&) = delete;

  // The write is over; `stored` (the instrument as the write left it, when known) is
  // remembered, as this Database's own write is seen at once.
  void done(const std::optional<Instrument>& stored = std::nullopt) {
    done_ = true;
    const std::uint64_t epoch = cache_.forget(symbol_);
    if (stored) cache_.remember({*stored}, epoch);
  }

 private:
  InstrumentCache& cache_;
  std::string symbol_;
  bool done_ = false;
};

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_INSTRUMENT_CACHE_H_
