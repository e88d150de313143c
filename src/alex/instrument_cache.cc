#include "alex/instrument_cache.h"

namespace alexdb::alex {

InstrumentCache::Lookup InstrumentCache::find(const std::vector<std::string>& symbols) {
  Lookup lookup;
  const Clock::time_point now = Clock::now();
  std::lock_guard lock(mutex_);
  lookup.epoch = epoch_;
  for (const std::string& symbol : symbols) {
    auto it = entries_.find(symbol);
    if (it != entries_.end() && now - it->second.read_at < max_age_) {
      lookup.found.emplace(symbol, it->second.instrument);
      continue;
    }
    lookup.missing.push_back(symbol);
    if (wrote_lately_locked(symbol, now)) lookup.read_consistently = true;
  }
  return lookup;
}

bool InstrumentCache::wrote_lately_locked(std::string_view symbol, Clock::time_point now) const {
  auto written = writes_.find(symbol);
  return written != writes_.end() && now - written->second.at < kOwnWritesReadConsistentlyFor;
}

void InstrumentCache::remember(const std::vector<Instrument>& instruments, std::uint64_t epoch) {
  if (max_age_.count() <= 0) return;
  const Clock::time_point now = Clock::now();
  std::lock_guard lock(mutex_);
  for (const Instrument& i : instruments) {
    auto written = writes_.find(i.symbol);
    if (written != writes_.end() && written->second.epoch > epoch) continue;
    entries_.insert_or_assign(i.symbol, Entry{i, now});
  }
}

std::uint64_t InstrumentCache::forget(std::string_view symbol) {
  std::lock_guard lock(mutex_);
  if (auto it = entries_.find(symbol); it != entries_.end()) entries_.erase(it);
  const Write write{++epoch_, Clock::now()};
  if (auto it = writes_.find(symbol); it != writes_.end()) {
    it->second = write;
  } else {
    writes_.emplace(std::string(symbol), write);
  }
  return write.epoch;
}

}  // namespace alexdb::alex
