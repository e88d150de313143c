#include "integrity.h"

#include <map>
#include <optional>
#include <set>

#include "alex/keys.h"
#include "alex/timestamp.h"
#include "store/paging.h"

namespace alexdb::cli {
namespace {

namespace keys = alex::keys;

struct Change {
  std::optional<Decimal> quantity;
  std::string timestamp;
};

// What the scan found, reduced to what the rules need.
struct Snapshot {
  std::size_t items = 0;
  std::set<std::string> users;                  // USER#u / METADATA
  std::map<std::string, std::string> listings;  // account -> owner (USER#u / ACCOUNT#a)
  std::map<std::string, std::optional<std::string>>
      accounts;  // account -> clerk_user_id (ACCOUNT#a / METADATA)
  std::map<PositionRef, Change> current;
  std::map<PositionRef, Change> newest_history;
  std::map<PositionRef, std::size_t> history_count;
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
    return;
  }
  auto account = keys::parse_account_pk(*pk);
  if (!account) return;
  if (*sk == keys::kMetadata) {
    const std::string* owner = string_attribute(item, "clerk_user_id");
    snapshot.accounts[*account] = owner ? std::optional(*owner) : std::nullopt;
  } else if (auto symbol = keys::parse_current_sk(*sk)) {
    const std::string* timestamp = string_attribute(item, "timestamp");
    snapshot.current[{*account, *symbol}] = {number_attribute(item, "quantity"),
                                             timestamp ? *timestamp : ""};
  } else if (auto history = keys::parse_history_sk(*sk)) {
    PositionRef ref{*account, history->symbol};
    ++snapshot.history_count[ref];
    Change change{number_attribute(item, "quantity"), history->timestamp};
    auto [it, inserted] = snapshot.newest_history.emplace(ref, change);
    if (!inserted && instant(change.timestamp) > instant(it->second.timestamp)) it->second = change;
  }
}

Snapshot scan(Store& store, const std::string& table) {
  Snapshot snapshot;
  ScanRequest request;
  request.table = table;
  request.consistent_read = true;
  store::ContinuationGuard guard("Scan", table);  // a server's pages must end
  while (true) {
    QueryResult page = store.scan(request);
    for (const Item& item : page.items) add_item(snapshot, item);
    if (!page.last_evaluated_key) break;
    guard.next(*page.last_evaluated_key, page.scanned_count);
    request.exclusive_start_key = std::move(page.last_evaluated_key);
  }
  return snapshot;
}

std::string where(const PositionRef& ref) { return "account " + ref.account_id + " " + ref.symbol; }

std::string quantity_text(const std::optional<Decimal>& quantity) {
  return quantity ? quantity->to_string() : "(none)";
}

void check_positions(const Snapshot& snapshot, IntegrityResult& result) {
  auto fail = [&](std::string detail) {
    result.findings.push_back({"integrity", Finding::Status::kFail, std::move(detail)});
  };
  for (const auto& [ref, current] : snapshot.current) {
    auto newest = snapshot.newest_history.find(ref);
    if (newest == snapshot.newest_history.end()) {
      fail(where(ref) + ": CURRENT record (quantity " + quantity_text(current.quantity) + " at " +
           current.timestamp + ") has no HISTORY record: interrupted change, run verify --repair");
      result.repairable.push_back(ref);
      continue;
    }
    auto current_at = instant(current.timestamp);
    auto history_at = instant(newest->second.timestamp);
    if (current_at == history_at && current.quantity == newest->second.quantity) continue;
    if (current_at && history_at && *current_at > *history_at) {
      fail(where(ref) + ": newest HISTORY record (" + newest->second.timestamp +
           ") is older than CURRENT (" + current.timestamp +
           "): interrupted change, run verify --repair");
      result.repairable.push_back(ref);
    } else {
      fail(where(ref) + ": CURRENT (quantity " + quantity_text(current.quantity) + " at " +
           current.timestamp + ") does not match the newest HISTORY record (quantity " +
           quantity_text(newest->second.quantity) + " at " + newest->second.timestamp + ")");
    }
  }
  for (const auto& [ref, count] : snapshot.history_count) {
    if (!snapshot.current.contains(ref)) {
      fail(where(ref) + ": " + std::to_string(count) +
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
      fail("account " + account + ": not listed under its owner USER#" + *owner);
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

}  // namespace

IntegrityResult check_integrity(Store& store, const std::string& users_table) {
  Snapshot snapshot = scan(store, users_table);
  IntegrityResult result;
  check_positions(snapshot, result);
  check_accounts(snapshot, result);
  bool failed = false;
  for (const Finding& f : result.findings) failed = failed || f.status == Finding::Status::kFail;
  if (!failed) {
    std::size_t history = 0;
    for (const auto& [ref, count] : snapshot.history_count) history += count;
    result.findings.insert(
        result.findings.begin(),
        {"integrity", Finding::Status::kPass,
         std::to_string(snapshot.items) + " records: " + std::to_string(snapshot.users.size()) +
             " users, " + std::to_string(snapshot.accounts.size()) + " accounts, " +
             std::to_string(snapshot.current.size()) + " positions, " + std::to_string(history) +
             " history records; every CURRENT is its newest HISTORY"});
  }
  return result;
}

}  // namespace alexdb::cli
