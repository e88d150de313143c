// The per-Database cache of instruments (name, type, current price) of SPEC section 11:
// entries live at most a bounded age, and the Database's own writes of an instrument or
// its price drop its entry at once, so a Database always sees its own writes.
#ifndef ALEXDB_ALEX_INSTRUMENT_CACHE_H_
#define ALEXDB_ALEX_INSTRUMENT_CACHE_H_

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/records.h"

namespace alexdb::alex {

class InstrumentCache {
 public:
  // Entries older than `max_age` are not used; a zero age caches nothing.
  explicit InstrumentCache(std::chrono::milliseconds max_age) : max_age_(max_age) {}

  // The cached instruments among `symbols`, by symbol; the symbols with no fresh entry
  // are appended to `missing`.
  std::map<std::string, Instrument> find(const std::vector<std::string>& symbols,
                                         std::vector<std::string>& missing);
  // Remembers instruments just read.
  void remember(const std::vector<Instrument>& instruments);
  // Drops the entry of an instrument this Database wrote.
  void forget(std::string_view symbol);

 private:
  using Clock = std::chrono::steady_clock;
  struct Entry {
    Instrument instrument;
    Clock::time_point read_at;
  };
  const std::chrono::milliseconds max_age_;
  std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_INSTRUMENT_CACHE_H_
