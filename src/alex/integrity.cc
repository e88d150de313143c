// The rules of SPEC sections 2, 3 and 9 over one snapshot of both tables, and
// Database::verify().
#include "alex/integrity.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "alex/integrity_snapshot.h"
#include "alexdb/database.h"

namespace alexdb {

using Rule = IntegrityRule;

namespace alex {
namespace {

// Collects the findings and repairs of one check.
class Checker {
 public:
  Checker(const detail::DatabaseContext& ctx, const Snapshot& snapshot, IntegrityCheck& out)
      : ctx_(ctx), snapshot_(snapshot), out_(out) {}

  void check_positions();
  void check_accounts();
  void check_jobs();
  void check_prices();

 private:
  // Records a failure of a users-table record (a warning with kWarning).
  void users_finding(Rule rule, std::string record, std::string message, bool repairable = false,
                     Severity severity = Severity::kFailure) {
    out_.report.findings.push_back({severity, rule, ctx_.users_table, std::move(record),
                                    std::move(message), repairable});
  }
  bool check_chain(const keys::PositionRef& ref, const CurrentRecord& current,
                   const std::vector<PositionChange>& records);
  void check_current(const keys::PositionRef& ref, const CurrentRecord& current,
                     const std::vector<PositionChange>& records);
  void check_price(const std::string& symbol, const PriceState& state);

  const detail::DatabaseContext& ctx_;
  const Snapshot& snapshot_;
  IntegrityCheck& out_;
};

std::string quantity_at(const Decimal& quantity, const std::string& timestamp) {
  return "quantity " + quantity.to_string() + " at " + timestamp;
}

std::string price_at(const PricePoint& price) {
  return price.price.to_string() + " at " + price.timestamp;
}

// previous_quantity is the quantity of the record before, in time order. Returns whether
// a break is what an interrupted back-dated change left (the change CURRENT's last change
// names as its successor).
bool Checker::check_chain(const keys::PositionRef& ref, const CurrentRecord& current,
                          const std::vector<PositionChange>& records) {
  bool pending = false;
  const auto& last = current.last_change;
  for (std::size_t k = 1; k < records.size(); ++k) {
    const PositionChange& record = records[k];
    const PositionChange& before = records[k - 1];
    if (record.previous_quantity == before.quantity) continue;
    std::string message = "HISTORY record at " + record.timestamp + " has previous_quantity " +
                          record.previous_quantity.to_string() + " but the record before it (" +
                          before.timestamp + ") has quantity " + before.quantity.to_string();
    const bool interrupted = last && last->successor == record.timestamp;
    if (interrupted) message += ": interrupted back-dated change";
    users_finding(Rule::kPreviousQuantityChain, position_record(ref), std::move(message),
                  interrupted);
    pending = pending || interrupted;
  }
  if (last && std::none_of(records.begin(), records.end(), [&](const PositionChange& c) {
        return c.timestamp == last->change.timestamp;
      })) {
    users_finding(Rule::kLastChangeWithoutHistory, position_record(ref),
                  "last change (" + last->change.timestamp +
                      ") has no HISTORY record: interrupted change",
                  true);
    pending = true;
  }
  return pending;
}

void Checker::check_current(const keys::PositionRef& ref, const CurrentRecord& current,
                            const std::vector<PositionChange>& records) {
  const bool pending = check_chain(ref, current, records);
  const Position& position = current.position;
  const PositionChange& newest = records.back();
  auto current_at = instant_of(position.timestamp);
  auto history_at = instant_of(newest.timestamp);
  const bool ahead = current_at && history_at && *current_at > *history_at;
  if (ahead) {
    users_finding(Rule::kHistoryBehindCurrent, position_record(ref),
                  "newest HISTORY record (" + newest.timestamp + ") is older than CURRENT (" +
                      position.timestamp + "): interrupted change",
                  true);
  } else if (current_at != history_at || position.quantity != newest.quantity) {
    users_finding(Rule::kCurrentNotNewestHistory, position_record(ref),
                  "CURRENT (" + quantity_at(position.quantity, position.timestamp) +
                      ") does not match the newest HISTORY record (" +
                      quantity_at(newest.quantity, newest.timestamp) + ")");
  }
  if (pending || ahead) out_.repairs.positions.push_back(ref);
}

void Checker::check_positions() {
  for (const auto& [ref, current] : snapshot_.current) {
    if (!current) continue;  // unreadable: reported by the snapshot
    auto history = snapshot_.history.find(ref);
    if (history == snapshot_.history.end() || history->second.empty()) {
      users_finding(Rule::kCurrentWithoutHistory, position_record(ref),
                    "CURRENT record (" +
                        quantity_at(current->position.quantity, current->position.timestamp) +
                        ") has no HISTORY record: interrupted change",
                    true);
      out_.repairs.positions.push_back(ref);
      continue;
    }
    check_current(ref, *current, history->second);
  }
  for (const auto& [ref, records] : snapshot_.history) {
    if (!snapshot_.current.contains(ref)) {
      users_finding(Rule::kHistoryWithoutCurrent, position_record(ref),
                    std::to_string(records.size()) + " HISTORY record(s) without a CURRENT record");
    }
  }
}

void Checker::check_accounts() {
  for (const auto& [id, account] : snapshot_.accounts) {
    if (!account) continue;  // unreadable: reported by the snapshot
    const std::string& owner = account->clerk_user_id;
    if (owner.empty()) {
      users_finding(Rule::kAccountWithoutOwner, "account " + id, "record has no clerk_user_id");
      continue;
    }
    if (!snapshot_.users.contains(owner)) {
      users_finding(Rule::kOwnerMissing, "account " + id, "owner user " + owner + " does not exist");
    }
    if (!snapshot_.listings.contains(id)) {
      users_finding(Rule::kAccountNotListed, "account " + id,
                    "not listed under its owner " + keys::user_pk(owner) + " (interrupted create)",
                    true);
      out_.repairs.account_records.push_back(snapshot_.account_items.at(id));
    }
  }
  for (const auto& [id, owner] : snapshot_.listings) {
    if (!snapshot_.accounts.contains(id)) {
      users_finding(Rule::kListingWithoutAccount, "account " + id,
                    "listed under " + keys::user_pk(owner) + " but has no account record");
    }
  }
  std::map<std::string, std::size_t> orphans;
  for (const auto& [ref, current] : snapshot_.current) {
    if (!snapshot_.accounts.contains(ref.account_id)) ++orphans[ref.account_id];
  }
  for (const auto& [id, count] : orphans) {
    users_finding(Rule::kPositionsWithoutAccount, "account " + id,
                  std::to_string(count) + " position(s) under an account id with no account record",
                  false, Severity::kWarning);
  }
}

void Checker::check_jobs() {
  for (const auto& [job, pointer] : snapshot_.jobs) {
    if (pointer && !snapshot_.job_pointers.contains(job)) {
      users_finding(Rule::kJobWithoutPointer, "job " + job,
                    "no " + keys::job_pk(job) + " record to find it by id (interrupted create)",
                    true);
      out_.repairs.job_pointers.push_back(*pointer);
    }
  }
  for (const std::string& job : snapshot_.job_pointers) {
    if (!snapshot_.jobs.contains(job)) {
      users_finding(Rule::kPointerWithoutJob, "job " + job, keys::job_pk(job) + " record but no job");
    }
  }
}

// The instrument's current price (META) is its newest price, and has its record.
void Checker::check_price(const std::string& symbol, const PriceState& state) {
  auto finding = [&](Rule rule, std::string message, bool repairable) {
    out_.report.findings.push_back({Severity::kFailure, rule, ctx_.instruments_table,
                                    "instrument " + symbol, std::move(message), repairable});
  };
  const auto& meta = state.meta_newest;
  if (meta && !state.record_keys.contains(keys::price_sk(meta->timestamp))) {
    finding(Rule::kPriceWithoutRecord,
            "current price " + price_at(*meta) + " has no price record (interrupted update)", true);
    out_.repairs.prices.push_back(symbol);
  }
  if (!state.has_meta) {
    finding(Rule::kPricesWithoutInstrument,
            std::to_string(state.record_keys.size()) +
                " price record(s) without an instrument record",
            false);
    return;
  }
  if (!state.newest_record || (meta && instant_of(meta->timestamp) >= state.newest_record_at)) {
    return;
  }
  const PricePoint& newest = *state.newest_record;
  finding(Rule::kCurrentPriceNotNewest,
          "current price " + (meta ? price_at(*meta) : std::string("(none)")) +
              " is older than its newest price record (" + price_at(newest) + ")",
          true);
  out_.repairs.stale_prices.push_back(newest);
}

void Checker::check_prices() {
  for (const auto& [symbol, state] : snapshot_.prices) check_price(symbol, state);
}

IntegrityCounts counts_of(const Snapshot& snapshot) {
  IntegrityCounts counts;
  counts.users_table_items = snapshot.users_table_items;
  counts.users = snapshot.users.size();
  counts.accounts = snapshot.accounts.size();
  counts.positions = snapshot.current.size();
  for (const auto& [ref, records] : snapshot.history) counts.history_records += records.size();
  counts.jobs = snapshot.jobs.size();
  counts.instruments = snapshot.prices.size();
  for (const auto& [symbol, state] : snapshot.prices) {
    counts.price_records += state.record_keys.size();
  }
  return counts;
}

}  // namespace

IntegrityCheck check_integrity(const detail::DatabaseContext& ctx) {
  const Snapshot snapshot = read_snapshot(ctx);
  IntegrityCheck out;
  out.report.findings = snapshot.unreadable;
  Checker checker(ctx, snapshot, out);
  checker.check_positions();
  checker.check_accounts();
  checker.check_jobs();
  checker.check_prices();
  out.report.checked = counts_of(snapshot);
  out.report.repairable = out.repairs.size();
  return out;
}

}  // namespace alex

std::string_view rule_name(IntegrityRule rule) {
  switch (rule) {
    case Rule::kUnreadableRecord: return "unreadable_record";
    case Rule::kCurrentWithoutHistory: return "current_without_history";
    case Rule::kPreviousQuantityChain: return "previous_quantity_chain";
    case Rule::kLastChangeWithoutHistory: return "last_change_without_history";
    case Rule::kHistoryBehindCurrent: return "history_behind_current";
    case Rule::kCurrentNotNewestHistory: return "current_not_newest_history";
    case Rule::kHistoryWithoutCurrent: return "history_without_current";
    case Rule::kAccountWithoutOwner: return "account_without_owner";
    case Rule::kOwnerMissing: return "owner_missing";
    case Rule::kAccountNotListed: return "account_not_listed";
    case Rule::kListingWithoutAccount: return "listing_without_account";
    case Rule::kPositionsWithoutAccount: return "positions_without_account";
    case Rule::kJobWithoutPointer: return "job_without_pointer";
    case Rule::kPointerWithoutJob: return "pointer_without_job";
    case Rule::kPriceWithoutRecord: return "price_without_record";
    case Rule::kPricesWithoutInstrument: return "prices_without_instrument";
    case Rule::kCurrentPriceNotNewest: return "current_price_not_newest";
  }
  return "unknown";
}

bool IntegrityReport::ok() const {
  return std::none_of(findings.begin(), findings.end(), [](const IntegrityFinding& f) {
    return f.severity == Severity::kFailure;
  });
}

IntegrityReport Database::verify() const { return alex::check_integrity(*context_).report; }

}  // namespace alexdb
