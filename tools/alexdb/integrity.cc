#include "integrity.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "alex/keys.h"
#include "alex/price_log.h"
#include "alex/record_items.h"
#include "alex/timestamp.h"
#include "alexdb/errors.h"
#include "store/paging.h"

namespace alexdb::cli {
namespace {

namespace keys = alex::keys;

struct Change {
  std::optional<Decimal> quantity;
  std::string timestamp;
  std::optional<Decimal> previous_quantity;  // HISTORY records
  std::optional<std::string> successor;      // CURRENT: a back-dated last change's successor
  std::optional<std::string> last_change;    // CURRENT: its last committed change's timestamp
};

// An instrument's newest price as META holds it, and what its history holds.
struct PriceState {
  bool has_meta = false;
  std::optional<PricePoint> meta_newest;
  std::set<std::string> records;  // timestamps of its price records
  std::optional<Item> newest_record;
  std::optional<std::int64_t> newest_record_at;
};

// What the scan found, reduced to what the rules need.
struct Snapshot {
  std::size_t items = 0;
  std::set<std::string> users;                  // USER#u / METADATA
  std::map<std::string, std::string> listings;  // account -> owner (USER#u / ACCOUNT#a)
  std::map<std::string, std::optional<std::string>>
      accounts;  // account -> clerk_user_id (ACCOUNT#a / METADATA)
  std::map<std::string, Item> account_items;  // account -> its ACCOUNT#a / METADATA item
  // job id -> the JOB#id record its job (USER#u / JOB#t#id) needs; nullopt when the job
  // record cannot be read. Kept instead of the job itself, whose payloads may be large.
  std::map<std::string, std::optional<Item>> jobs;
  std::set<std::string> job_pointers;         // JOB#id / METADATA
  std::map<PositionRef, Change> current;
  std::map<PositionRef, std::vector<Change>> history;  // sorted by instant after the scan
  std::map<std::string, PriceState> prices;            // by symbol
};

const std::string* string_attribute(const Item& item, std::string_view name) {
  auto it = item.find(name);
  return it != item.end() && it->second.is_s() ? &it->second.s() : nullptr;
}

std::optional<Decimal> number_attribute(const Item& item, std::string_view name) {
  auto it = item.find(name);
  if (it == item.end() || !it->second.is_n()) return std::nullopt;
  return it->second.n();
}

// Timestamps compare as instants (older data may hold other isoformat() spellings).
std::optional<std::int64_t> instant(const std::string& text) {
  auto parsed = alex::Timestamp::parse(text);
  return parsed ? std::optional(parsed->micros()) : std::nullopt;
}

void add_item(Snapshot& snapshot, const Item& item) {
  ++snapshot.items;
  const std::string* pk = string_attribute(item, "PK");
  const std::string* sk = string_attribute(item, "SK");
  if (!pk || !sk) return;
  if (auto user = keys::parse_user_pk(*pk)) {
    if (*sk == keys::kMetadata) snapshot.users.insert(*user);
    if (auto account = keys::parse_account_sk(*sk)) snapshot.listings[*account] = *user;
    if (auto job = keys::parse_job_sk(*sk)) {
      auto& pointer = snapshot.jobs[job->job_id];
      try {
        pointer = alex::job_pointer_item(alex::job_from_item(item));
      } catch (const Error&) {
        pointer.reset();
      }
    }
    return;
  }
  if (auto job = keys::parse_job_pk(*pk)) {
    if (*sk == keys::kMetadata) snapshot.job_pointers.insert(*job);
    return;
  }
  auto account = keys::parse_account_pk(*pk);
  if (!account) return;
  if (*sk == keys::kMetadata) {
    const std::string* owner = string_attribute(item, "clerk_user_id");
    snapshot.accounts[*account] = owner ? std::optional(*owner) : std::nullopt;
    snapshot.account_items[*account] = item;
  } else if (auto symbol = keys::parse_current_sk(*sk)) {
    const std::string* timestamp = string_attribute(item, "timestamp");
    Change current{number_attribute(item, "quantity"), timestamp ? *timestamp : "", {}, {}, {}};
    if (auto last = item.find("last_change"); last != item.end() && last->second.is_m()) {
      if (const std::string* successor = string_attribute(last->second.m(), "successor")) {
        current.successor = *successor;
      }
      if (const std::string* at = string_attribute(last->second.m(), "timestamp")) {
        current.last_change = *at;
      }
    }
    snapshot.current[{*account, *symbol}] = std::move(current);
  } else if (auto history = keys::parse_history_sk(*sk)) {
    snapshot.history[{*account, history->symbol}].push_back(
        {number_attribute(item, "quantity"), history->timestamp,
         number_attribute(item, "previous_quantity"), {}, {}});
  }
}

void add_instrument_item(Snapshot& snapshot, const Item& item) {
  const std::string* symbol = string_attribute(item, "symbol");
  const std::string* sk = string_attribute(item, "SK");
  if (!symbol || !sk) return;
  PriceState& state = snapshot.prices[*symbol];
  if (*sk == keys::kInstrumentMeta) {
    state.has_meta = true;
    try {
      state.meta_newest = alex::newest_price_of_meta(item);
    } catch (const Error&) {
      // A damaged META is reported by the reference-data checks.
    }
    return;
  }
  state.records.insert(*sk);
  auto at = instant(*sk);
  if (at && (!state.newest_record_at || *at > *state.newest_record_at)) {
    state.newest_record_at = at;
    state.newest_record = item;
  }
}

// Calls `add` on every item of `table`, page by page.
template <typename Add>
void scan_table(Store& store, const std::string& table, Add add) {
  ScanRequest request;
  request.table = table;
  request.consistent_read = true;
  store::ContinuationGuard guard("Scan", table);  // a server's pages must end
  while (true) {
    QueryResult page = store.scan(request);
    for (const Item& item : page.items) add(item);
    if (!page.last_evaluated_key) break;
    guard.next(*page.last_evaluated_key, page.scanned_count);
    request.exclusive_start_key = std::move(page.last_evaluated_key);
  }
}

std::string where(const PositionRef& ref) { return "account " + ref.account_id + " " + ref.symbol; }

std::string quantity_text(const std::optional<Decimal>& quantity) {
  return quantity ? quantity->to_string() : "(none)";
}

void check_positions(Snapshot& snapshot, IntegrityResult& result) {
  auto fail = [&](std::string detail) {
    result.findings.push_back({"integrity", Finding::Status::kFail, std::move(detail)});
  };
  for (auto& [ref, records] : snapshot.history) {
    std::stable_sort(records.begin(), records.end(), [](const Change& a, const Change& b) {
      return instant(a.timestamp) < instant(b.timestamp);
    });
  }
  for (const auto& [ref, current] : snapshot.current) {
    auto history = snapshot.history.find(ref);
    if (history == snapshot.history.end() || history->second.empty()) {
      fail(where(ref) + ": CURRENT record (quantity " + quantity_text(current.quantity) + " at " +
           current.timestamp + ") has no HISTORY record: interrupted change, run verify --repair");
      result.repairable.positions.push_back(ref);
      continue;
    }
    const std::vector<Change>& records = history->second;
    // previous_quantity is the quantity of the record before, in time order.
    bool pending = false;
    for (std::size_t k = 1; k < records.size(); ++k) {
      const Change& record = records[k];
      if (!record.previous_quantity || record.previous_quantity == records[k - 1].quantity) continue;
      std::string detail = where(ref) + ": HISTORY record at " + record.timestamp +
                           " has previous_quantity " + quantity_text(record.previous_quantity) +
                           " but the record before it (" + records[k - 1].timestamp +
                           ") has quantity " + quantity_text(records[k - 1].quantity);
      if (current.successor == record.timestamp) {
        fail(detail + ": interrupted back-dated change, run verify --repair");
        pending = true;
      } else {
        fail(detail);
      }
    }
    if (current.last_change &&
        std::none_of(records.begin(), records.end(),
                     [&](const Change& c) { return c.timestamp == *current.last_change; })) {
      fail(where(ref) + ": last change (" + *current.last_change +
           ") has no HISTORY record: interrupted change, run verify --repair");
      pending = true;
    }
    const Change& newest = records.back();
    auto current_at = instant(current.timestamp);
    auto history_at = instant(newest.timestamp);
    if (current_at == history_at && current.quantity == newest.quantity) {
      if (pending) result.repairable.positions.push_back(ref);
      continue;
    }
    if (current_at && history_at && *current_at > *history_at) {
      fail(where(ref) + ": newest HISTORY record (" + newest.timestamp +
           ") is older than CURRENT (" + current.timestamp +
           "): interrupted change, run verify --repair");
      result.repairable.positions.push_back(ref);
    } else {
      fail(where(ref) + ": CURRENT (quantity " + quantity_text(current.quantity) + " at " +
           current.timestamp + ") does not match the newest HISTORY record (quantity " +
           quantity_text(newest.quantity) + " at " + newest.timestamp + ")");
      if (pending) result.repairable.positions.push_back(ref);
    }
  }
  for (const auto& [ref, records] : snapshot.history) {
    if (!snapshot.current.contains(ref)) {
      fail(where(ref) + ": " + std::to_string(records.size()) +
           " HISTORY record(s) without a CURRENT record");
    }
  }
}

void check_accounts(const Snapshot& snapshot, IntegrityResult& result) {
  auto fail = [&](std::string detail) {
    result.findings.push_back({"integrity", Finding::Status::kFail, std::move(detail)});
  };
  for (const auto& [account, owner] : snapshot.accounts) {
    if (!owner) {
      fail("account " + account + ": record has no clerk_user_id");
    } else if (!snapshot.users.contains(*owner)) {
      fail("account " + account + ": owner user " + *owner + " does not exist");
    }
    if (owner && !snapshot.listings.contains(account)) {
      fail("account " + account + ": not listed under its owner USER#" + *owner +
           " (interrupted create), run verify --repair");
      result.repairable.account_listings.push_back(snapshot.account_items.at(account));
    }
  }
  for (const auto& [account, owner] : snapshot.listings) {
    if (!snapshot.accounts.contains(account)) {
      fail("account " + account + ": listed under USER#" + owner + " but has no account record");
    }
  }
  std::map<std::string, std::size_t> orphans;
  for (const auto& [ref, current] : snapshot.current) {
    if (!snapshot.accounts.contains(ref.account_id)) ++orphans[ref.account_id];
  }
  for (const auto& [account, count] : orphans) {
    result.findings.push_back({"integrity", Finding::Status::kWarn,
                               "account " + account + ": " + std::to_string(count) +
                                   " position(s) under an account id with no account record"});
  }
}

void check_jobs(const Snapshot& snapshot, IntegrityResult& result) {
  auto fail = [&](std::string detail) {
    result.findings.push_back({"integrity", Finding::Status::kFail, std::move(detail)});
  };
  for (const auto& [job, pointer] : snapshot.jobs) {
    if (!pointer) {
      fail("job " + job + ": its record cannot be read");
    } else if (!snapshot.job_pointers.contains(job)) {
      fail("job " + job + ": no JOB#" + job + " record to find it by id (interrupted create), " +
           "run verify --repair");
      result.repairable.job_pointers.push_back(*pointer);
    }
  }
  for (const std::string& job : snapshot.job_pointers) {
    if (!snapshot.jobs.contains(job)) fail("job " + job + ": JOB#" + job + " record but no job");
  }
}

// The instrument's current price (META) is its newest price, and has its record.
void check_prices(const Snapshot& snapshot, IntegrityResult& result) {
  auto fail = [&](std::string detail) {
    result.findings.push_back({"integrity", Finding::Status::kFail, std::move(detail)});
  };
  for (const auto& [symbol, state] : snapshot.prices) {
    const auto& meta = state.meta_newest;
    if (meta && !state.records.contains(meta->timestamp)) {
      fail("instrument " + symbol + ": current price " + meta->price.to_string() + " at " +
           meta->timestamp + " has no price record (interrupted update), run verify --repair");
      result.repairable.prices.push_back(symbol);
    }
    if (!state.has_meta) {
      fail("instrument " + symbol + ": " + std::to_string(state.records.size()) +
           " price record(s) without an instrument record");
      continue;
    }
    if (!state.newest_record || (meta && instant(meta->timestamp) >= state.newest_record_at)) continue;
    PricePoint newest = alex::price_from_item(*state.newest_record);
    fail("instrument " + symbol + ": current price " +
         (meta ? meta->price.to_string() + " at " + meta->timestamp : std::string("(none)")) +
         " is older than its newest price record (" + newest.price.to_string() + " at " +
         newest.timestamp + "), run verify --repair");
    result.repairable.stale_prices.push_back(std::move(newest));
  }
}

}  // namespace

IntegrityResult check_integrity(Store& store, const std::string& users_table,
                                const std::string& instruments_table) {
  Snapshot snapshot;
  scan_table(store, users_table, [&](const Item& item) { add_item(snapshot, item); });
  scan_table(store, instruments_table,
             [&](const Item& item) { add_instrument_item(snapshot, item); });
  IntegrityResult result;
  check_positions(snapshot, result);
  check_accounts(snapshot, result);
  check_jobs(snapshot, result);
  check_prices(snapshot, result);
  bool failed = false;
  for (const Finding& f : result.findings) failed = failed || f.status == Finding::Status::kFail;
  if (!failed) {
    std::size_t history = 0;
    for (const auto& [ref, records] : snapshot.history) history += records.size();
    result.findings.insert(
        result.findings.begin(),
        {"integrity", Finding::Status::kPass,
         std::to_string(snapshot.items) + " records: " + std::to_string(snapshot.users.size()) +
             " users, " + std::to_string(snapshot.accounts.size()) + " accounts, " +
             std::to_string(snapshot.current.size()) + " positions, " + std::to_string(history) +
             " history records, " + std::to_string(snapshot.jobs.size()) + " jobs, " +
             std::to_string(snapshot.prices.size()) +
             " instruments; every CURRENT is its newest HISTORY, every previous quantity the "
             "quantity before it, every current price the newest"});
  }
  return result;
}

}  // namespace alexdb::cli
