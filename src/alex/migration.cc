// Database::migrate (SPEC section 10): one paged scan of each table finds the records of
// the reference package's layout; then each is rewritten by migration_rules.h, its new
// items put first and its changed old keys deleted last, so a run killed at any write
// leaves the old record (or its position) still legacy, and the next run, computing the
// same items from what is stored, completes it.
#include <map>
#include <set>

#include "alex/context.h"
#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/legacy.h"
#include "alex/migration_rules.h"
#include "alex/model_support.h"
#include "alex/record_items.h"
#include "alexdb/database.h"
#include "alexdb/errors.h"
#include "alexdb/timestamp.h"

namespace alexdb {

namespace {

using alex::migration::Rewrite;

// Items between two progress reports of a scan.
constexpr std::int64_t kMigrationProgressEvery = 500;

// A legacy record found by the scan, waiting for its rewrite.
struct PendingRecord {
  MigrationKind kind;
  std::string table;
  Item item;
};

class Migration {
 public:
  Migration(const detail::DatabaseContext& ctx, const MigrationOptions& options)
      : ctx_(ctx), options_(options) {
    report_.dry_run = options.dry_run;
  }

  MigrationReport run() {
    scan(ctx_.users_table, alex::migration::users_item_kind);
    scan(ctx_.instruments_table, alex::migration::instruments_item_kind);
    for (const PendingRecord& pending : records_) migrate_record(pending);
    for (const Item& meta : instruments_) migrate_instrument(meta);
    for (const auto& [ref, legacy_history] : positions_) migrate_position(ref, legacy_history);
    return std::move(report_);
  }

 private:
  template <typename KindOf>
  void scan(const std::string& table, KindOf kind_of) {
    MigrationProgress progress{table, 0, false};
    alex::scan_each(ctx_, table, [&](const Item& item) {
      if (++progress.examined % kMigrationProgressEvery == 0) tell(progress);
      auto kind = kind_of(item);
      if (!kind) return;
      MigrationCounts& counts = report_.of(*kind);
      ++counts.examined;
      if (*kind == MigrationKind::kPrice) note_price(item);
      if (*kind == MigrationKind::kInstrument) {
        instruments_.push_back(item);  // decided once every price of its symbol is seen
      } else if (!alex::migration::needs_rewrite(*kind, item)) {
        ++counts.current;
      } else if (*kind == MigrationKind::kPosition || *kind == MigrationKind::kHistory) {
        note_position(*kind, item);
      } else {
        records_.push_back({*kind, table, item});
      }
    });
    progress.done = true;
    tell(progress);
  }

  void tell(const MigrationProgress& progress) const {
    if (options_.progress) options_.progress(progress);
  }

  // A legacy CURRENT or HISTORY record: its whole position is rewritten after the scan.
  void note_position(MigrationKind kind, const Item& item) {
    const std::string pk = alex::stored::required_text(item, alex::kPk);
    const std::string sk = alex::stored::required_text(item, alex::kSk);
    const std::string account = *alex::keys::parse_account_pk(pk);
    const std::string symbol = kind == MigrationKind::kPosition
                                   ? *alex::keys::parse_current_sk(sk)
                                   : alex::keys::parse_history_sk(sk)->symbol;
    PositionTally& tally = positions_[{account, symbol}];
    if (kind == MigrationKind::kPosition) {
      tally.current = true;
    } else {
      ++tally.history;
    }
  }

  // Keeps the newest price record of each symbol (either layout), which an instrument's
  // current price must be.
  void note_price(const Item& item) {
    try {
      const std::string symbol = alex::stored::required_text(item, alex::kSymbolKey);
      auto at = Timestamp::parse(alex::stored::required_text(item, alex::kSk));
      auto price = alex::stored::number(item, "price");
      if (!at || !price) return;  // a problem of its own, reported by its rewrite
      PricePoint p{symbol, at->to_string(), *price, {}, {}};
      auto [it, inserted] = newest_prices_.emplace(symbol, p);
      if (!inserted && it->second.timestamp < p.timestamp) it->second = std::move(p);
    } catch (const Error&) {
    }
  }

  void migrate_instrument(const Item& meta) {
    MigrationCounts& counts = report_.of(MigrationKind::kInstrument);
    std::optional<PricePoint> newest;
    try {
      auto it = newest_prices_.find(alex::stored::required_text(meta, alex::kSymbolKey));
      if (it != newest_prices_.end()) newest = it->second;
      if (!alex::migration::instrument_needs_rewrite(meta, newest)) {
        ++counts.current;
        return;
      }
      apply(ctx_.instruments_table, alex::migration::rewrite_instrument(meta, newest));
      ++counts.rewritten;
    } catch (const Error& e) {
      ++counts.problems;
      problem(ctx_.instruments_table, alex::legacy::key_text(meta), e.what());
    }
  }

  void migrate_record(const PendingRecord& pending) {
    MigrationCounts& counts = report_.of(pending.kind);
    try {
      Rewrite rewrite = alex::migration::rewrite_record(pending.kind, pending.item);
      if (pending.kind == MigrationKind::kPrice) refuse_other_price_at(rewrite.puts.front());
      apply(pending.table, rewrite);
      ++counts.rewritten;
    } catch (const Error& e) {
      ++counts.problems;
      problem(pending.table, alex::legacy::key_text(pending.item), e.what());
    }
  }

  // Two records of one symbol whose times are one instant in the fixed-width form (a
  // naive time and the same with +00:00) would become one record: unless they hold the
  // same price, the second is a problem, never a silent overwrite. Checks what this run
  // rewrote already and what is stored (a record rewritten by an earlier run).
  void refuse_other_price_at(const Item& rewritten) {
    const std::string symbol = alex::stored::required_text(rewritten, alex::kSymbolKey);
    const std::string sk = alex::stored::required_text(rewritten, alex::kSk);
    auto [it, inserted] = price_keys_.emplace(symbol + "#" + sk, rewritten);
    std::optional<Item> other;
    if (!inserted) {
      other = it->second;
    } else {
      other = alex::get_instrument_item(ctx_, symbol, sk);
    }
    if (other && !alex::migration::same_price(*other, rewritten)) {
      if (inserted) price_keys_.erase(it);
      throw ValidationError("SK", "one price of a symbol per instant", "another price is at " + sk);
    }
  }

  struct PositionTally {
    bool current = false;      // its CURRENT record is legacy
    std::int64_t history = 0;  // its legacy HISTORY records
  };

  void migrate_position(const std::pair<std::string, std::string>& ref,
                        const PositionTally& tally) {
    const auto& [account, symbol] = ref;
    const std::string pk = alex::keys::account_pk(account);
    MigrationCounts& positions = report_.of(MigrationKind::kPosition);
    MigrationCounts& history = report_.of(MigrationKind::kHistory);
    try {
      auto current = alex::get_user_item(ctx_, pk, alex::keys::current_sk(symbol));
      auto records = alex::query_prefix(ctx_, pk, alex::keys::history_prefix(symbol));
      apply(ctx_.users_table, alex::migration::rewrite_position(account, symbol, current, records));
      positions.rewritten += tally.current ? 1 : 0;
      history.rewritten += tally.history;
    } catch (const Error& e) {
      positions.problems += tally.current ? 1 : 0;
      history.problems += tally.history;
      problem(ctx_.users_table,
              alex::legacy::key_text(alex::users_key(pk, alex::keys::current_sk(symbol))),
              std::string("position ") + symbol + ": " + e.what());
    }
  }

  // Puts every new item, then deletes the changed old keys (nothing in a dry run).
  void apply(const std::string& table, const Rewrite& rewrite) {
    if (options_.dry_run) return;
    for (const Item& item : rewrite.puts) {
      ctx_.store->put({table, item, std::nullopt, ReturnValues::kNone});
    }
    for (const Item& key : rewrite.deletes) alex::delete_item(ctx_, table, key);
  }

  void problem(const std::string& table, std::string key, std::string reason) {
    report_.problems.push_back({table, std::move(key), std::move(reason)});
  }

  const detail::DatabaseContext& ctx_;
  const MigrationOptions& options_;
  MigrationReport report_;
  std::vector<PendingRecord> records_;
  std::vector<Item> instruments_;                    // every META record
  std::map<std::string, PricePoint> newest_prices_;  // by symbol
  std::map<std::string, Item> price_keys_;           // price records rewritten, by key
  std::map<std::pair<std::string, std::string>, PositionTally> positions_;
};

}  // namespace

std::string_view migration_kind_name(MigrationKind kind) {
  switch (kind) {
    case MigrationKind::kUser:
      return "users";
    case MigrationKind::kAccount:
      return "accounts";
    case MigrationKind::kPosition:
      return "positions";
    case MigrationKind::kHistory:
      return "history";
    case MigrationKind::kJob:
      return "jobs";
    case MigrationKind::kInstrument:
      return "instruments";
    case MigrationKind::kPrice:
      return "prices";
  }
  return "unknown";
}

std::int64_t MigrationReport::rewritten() const {
  std::int64_t total = 0;
  for (const MigrationCounts& c : counts) total += c.rewritten;
  return total;
}

MigrationReport Database::migrate(const MigrationOptions& options) {
  return Migration(*context_, options).run();
}

}  // namespace alexdb
