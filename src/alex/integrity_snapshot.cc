#include "alex/integrity_snapshot.h"

#include <algorithm>
#include <utility>

#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/legacy.h"
#include "alex/model_support.h"
#include "alex/price_log.h"
#include "alex/record_items.h"
#include "alexdb/timestamp.h"
#include "alexdb/errors.h"

namespace alexdb::alex {
namespace {

// Reads the items of both tables into a Snapshot.
class SnapshotReader {
 public:
  SnapshotReader(const detail::DatabaseContext& ctx, Snapshot& out) : ctx_(ctx), out_(out) {}

  void add_user_item(const Item& item);
  // Whether `item` is in the reference package's layout; if so, reports it as a finding
  // that names `alexdb migrate` (the rules below would only misread it).
  bool legacy_found(const std::string& table, const Item& item);
  void add_instrument_item(const Item& item);

 private:
  void add_user_partition_item(const std::string& user, const std::string& sk, const Item& item);
  void add_account_partition_item(const std::string& account, const std::string& sk,
                                  const Item& item);

  // `decode()`, or nullopt with a finding that `what` of `record` cannot be read.
  template <typename Decode>
  auto decoded(const std::string& table, std::string record, std::string_view what,
               Decode decode) -> std::optional<decltype(decode())> {
    try {
      return decode();
    } catch (const Error& e) {
      out_.unreadable.push_back({Severity::kFailure, IntegrityRule::kUnreadableRecord, table,
                                 std::move(record),
                                 std::string(what) + " cannot be read (" + e.what() + ")", false});
      return std::nullopt;
    }
  }

  const detail::DatabaseContext& ctx_;
  Snapshot& out_;
};

bool SnapshotReader::legacy_found(const std::string& table, const Item& item) {
  auto why = legacy::reason(item);
  if (!why) return false;
  out_.unreadable.push_back({Severity::kFailure, IntegrityRule::kUnreadableRecord, table,
                             legacy::key_text(item), legacy::message(item, *why), false});
  return true;
}

void SnapshotReader::add_user_item(const Item& item) {
  ++out_.users_table_items;
  if (legacy_found(ctx_.users_table, item)) return;
  const std::string pk = stored::required_text(item, kPk);
  const std::string sk = stored::required_text(item, kSk);
  if (auto user = keys::parse_user_pk(pk)) {
    add_user_partition_item(*user, sk, item);
  } else if (auto job = keys::parse_job_pk(pk)) {
    if (sk == keys::kMetadata) out_.job_pointers.insert(*job);
  } else if (auto account = keys::parse_account_pk(pk)) {
    add_account_partition_item(*account, sk, item);
  }
}

void SnapshotReader::add_user_partition_item(const std::string& user, const std::string& sk,
                                             const Item& item) {
  if (sk == keys::kMetadata) out_.users.insert(user);
  if (auto account = keys::parse_account_sk(sk)) out_.listings[*account] = user;
  if (auto job = keys::parse_job_sk(sk)) {
    out_.jobs[job->job_id] = decoded(ctx_.users_table, "job " + job->job_id, "its record",
                                     [&] { return job_pointer_item(job_from_item(item)); });
  }
}

void SnapshotReader::add_account_partition_item(const std::string& account,
                                                const std::string& sk, const Item& item) {
  if (sk == keys::kMetadata) {
    out_.accounts[account] = decoded(ctx_.users_table, "account " + account, "its record",
                                     [&] { return account_from_item(item); });
    if (out_.accounts[account]) out_.account_items[account] = item;
  } else if (auto symbol = keys::parse_current_sk(sk)) {
    keys::PositionRef ref{account, *symbol};
    out_.current[ref] = decoded(ctx_.users_table, position_record(ref), "its CURRENT record",
                                [&] { return current_from_item(item); });
  } else if (auto history = keys::parse_history_sk(sk)) {
    keys::PositionRef ref{account, history->symbol};
    auto change = decoded(ctx_.users_table, position_record(ref),
                          "its HISTORY record at " + history->timestamp,
                          [&] { return change_from_item(item); });
    if (change) out_.history[ref].push_back(std::move(*change));
  }
}

void SnapshotReader::add_instrument_item(const Item& item) {
  if (legacy_found(ctx_.instruments_table, item)) return;
  const std::string symbol = stored::required_text(item, kSymbolKey);
  const std::string sk = stored::required_text(item, kSk);
  if (keys::is_instrument_annex_sk(sk)) return;  // a split or an edit mark, not a price
  PriceState& state = out_.prices[symbol];
  const std::string record = "instrument " + symbol;
  if (sk == keys::kInstrumentMeta) {
    state.has_meta = true;
    auto newest = decoded(ctx_.instruments_table, record, "its record",
                          [&] { return newest_price_of_meta(item); });
    if (newest) state.meta_newest = std::move(*newest);
    return;
  }
  state.record_keys.insert(sk);
  auto price = decoded(ctx_.instruments_table, record, "its price record " + sk,
                       [&] { return price_from_item(item); });
  auto at = instant_of(sk);
  if (price && at && (!state.newest_record_at || *at > *state.newest_record_at)) {
    state.newest_record_at = at;
    state.newest_record = std::move(*price);
  }
}

// Orders each position's HISTORY records by instant (their keys order them by text).
void sort_histories(Snapshot& snapshot) {
  for (auto& [ref, records] : snapshot.history) {
    std::stable_sort(records.begin(), records.end(),
                     [](const PositionChange& a, const PositionChange& b) {
                       return instant_of(a.timestamp) < instant_of(b.timestamp);
                     });
  }
}

}  // namespace

std::string position_record(const keys::PositionRef& ref) {
  return "account " + ref.account_id + " " + ref.symbol;
}

std::optional<std::int64_t> instant_of(const std::string& timestamp) {
  auto parsed = Timestamp::parse(timestamp);
  return parsed ? std::optional(parsed->micros()) : std::nullopt;
}

Snapshot read_snapshot(const detail::DatabaseContext& ctx) {
  Snapshot snapshot;
  SnapshotReader reader(ctx, snapshot);
  scan_each(ctx, ctx.users_table, [&](const Item& item) { reader.add_user_item(item); });
  scan_each(ctx, ctx.instruments_table,
            [&](const Item& item) { reader.add_instrument_item(item); });
  sort_histories(snapshot);
  return snapshot;
}

}  // namespace alexdb::alex
