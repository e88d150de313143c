// One paged scan of both tables reduced to what the integrity rules need: which users,
// accounts, listings, jobs and job pointers exist, every position's CURRENT record and
// HISTORY records, every instrument's newest price. Records are decoded through
// record_items.h and keys parsed by keys.h; a record that cannot be decoded becomes a
// finding. Job payloads are not kept (they may be large).
#ifndef ALEXDB_ALEX_INTEGRITY_SNAPSHOT_H_
#define ALEXDB_ALEX_INTEGRITY_SNAPSHOT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "alex/context.h"
#include "alex/keys.h"
#include "alex/position_log.h"
#include "alexdb/integrity.h"
#include "alexdb/records.h"

namespace alexdb::alex {

// Orders positions by account, then symbol.
struct PositionOrder {
  bool operator()(const keys::PositionRef& a, const keys::PositionRef& b) const {
    return std::tie(a.account_id, a.symbol) < std::tie(b.account_id, b.symbol);
  }
};

// An instrument's newest price as its META record holds it, and its price records.
struct PriceState {
  bool has_meta = false;
  std::optional<PricePoint> meta_newest;
  std::set<std::string> record_keys;       // sort keys of its price records
  std::optional<PricePoint> newest_record;  // the newest of them by instant
  std::optional<std::int64_t> newest_record_at;
};

struct Snapshot {
  std::size_t users_table_items = 0;
  std::set<std::string> users;                  // their METADATA records
  std::map<std::string, std::string> listings;  // account id -> the user it is listed under
  // account id -> its METADATA record; nullopt when that record cannot be read.
  std::map<std::string, std::optional<Account>> accounts;
  std::map<std::string, Item> account_items;  // the readable ones, as stored
  // job id -> the JOB#id record its job needs; nullopt when the job cannot be read.
  std::map<std::string, std::optional<Item>> jobs;
  std::set<std::string> job_pointers;  // ids of JOB#id records
  // CURRENT records; nullopt when one cannot be read.
  std::map<keys::PositionRef, std::optional<CurrentRecord>, PositionOrder> current;
  // HISTORY records per position, oldest first.
  std::map<keys::PositionRef, std::vector<PositionChange>, PositionOrder> history;
  std::map<std::string, PriceState> prices;     // by symbol
  std::vector<IntegrityFinding> unreadable;     // records that cannot be decoded
};

// A position as findings name it: "account <id> <symbol>".
std::string position_record(const keys::PositionRef& ref);

// Scans both tables (consistent reads, one page held at a time).
Snapshot read_snapshot(const detail::DatabaseContext& ctx);

// An instant of a stored timestamp (older records may hold other isoformat() spellings),
// or nullopt when it is not one.
std::optional<std::int64_t> instant_of(const std::string& timestamp);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_INTEGRITY_SNAPSHOT_H_
