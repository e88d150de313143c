#include "alex/instrument_cache.h"

namespace alexdb::alex {

std::map<std::string, Instrument> InstrumentCache::find(const std::vector<std::string>& symbols,
                                                        std::vector<std::string>& missing) {
  std::map<std::string, Instrument> out;
  const Clock::time_point now = Clock::now();
  std::lock_guard lock(mutex_);
  for (const std::string& symbol : symbols) {
    auto it = entries_.find(symbol);
    if (it != entries_.end() && now - it->second.read_at < max_age_) {
      out.emplace(symbol, it->second.instrument);
    } else {
      missing.push_back(symbol);
    }
  }
  return out;
}

void InstrumentCache::remember(const std::vector<Instrument>& instruments) {
  if (max_age_.count() <= 0) return;
  const Clock::time_point now = Clock::now();
  std::lock_guard lock(mutex_);
  for (const Instrument& i : instruments) entries_.insert_or_assign(i.symbol, Entry{i, now});
}

void InstrumentCache::forget(std::string_view symbol) {
  std::lock_guard lock(mutex_);
  if (auto it = entries_.find(symbol); it != entries_.end()) entries_.erase(it);
}

}  // namespace alexdb::alex
