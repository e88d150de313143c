#include "alex/returns_checkpoints.h"

#include <cstdio>

#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/model_support.h"
#include "alex/record_items.h"
#include "alexdb/limits.h"
#include "model/item_size.h"

namespace alexdb::alex {

namespace {

// The layout version of a checkpoint record: raised whenever what a day holds or how it
// is computed changes, so that records of another version are recomputed.
constexpr std::int64_t kCheckpointFormat = 1;
constexpr std::string_view kFormat = "format";
constexpr std::string_view kComputedAt = "computed_at";
constexpr std::string_view kLedger = "ledger";
constexpr std::string_view kNewest = "newest";
constexpr std::string_view kDays = "days";
constexpr std::string_view kFlows = "flows";
constexpr char kField = '|';
constexpr char kLine = '\n';
constexpr char kListed = ',';
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

void fnv_add(std::uint64_t& h, std::string_view text) {
  for (unsigned char c : text) {
    h ^= c;
    h *= kFnvPrime;
  }
  h ^= 0xff;  // a separator no text byte of a field ends with
  h *= kFnvPrime;
}

std::vector<std::string_view> split_text(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t at = text.find(sep, begin);
    parts.push_back(text.substr(begin, at == std::string_view::npos ? at : at - begin));
    if (at == std::string_view::npos) return parts;
    begin = at + 1;
  }
}

std::string encode_days(const std::vector<ReturnDay>& days) {
  std::string out;
  for (const ReturnDay& d : days) {
    if (!out.empty()) out += kLine;
    out += d.value.to_string() + kField + d.inflow.to_string() + kField + d.outflow.to_string() +
           kField;
    for (std::size_t k = 0; k < d.missing.size(); ++k) {
      if (k) out += kListed;
      out += d.missing[k];
    }
  }
  return out;
}

std::string encode_flows(const std::vector<ReturnDay>& days) {
  std::string out;
  for (const ReturnDay& d : days) {
    for (const ReturnFlow& f : d.flows) {
      if (!out.empty()) out += kLine;
      out += f.date + kField + f.transaction_id + kField + f.type + kField + f.amount.to_string();
    }
  }
  return out;
}

std::optional<Decimal> decimal_of(std::string_view text) { return Decimal::try_parse(text); }

// The days of a stored `days` text for a month of `count` days; nullopt when malformed.
std::optional<std::vector<ReturnDay>> decode_days(std::string_view text, std::size_t count) {
  std::vector<ReturnDay> days;
  for (std::string_view line : split_text(text, kLine)) {
    const auto fields = split_text(line, kField);
    if (fields.size() != 4) return std::nullopt;
    auto value = decimal_of(fields[0]), in = decimal_of(fields[1]), out = decimal_of(fields[2]);
    if (!value || !in || !out) return std::nullopt;
    ReturnDay& d = days.emplace_back();
    d.value = *value;
    d.inflow = *in;
    d.outflow = *out;
    if (!fields[3].empty()) {
      for (std::string_view symbol : split_text(fields[3], kListed)) {
        if (symbol.empty()) return std::nullopt;
        d.missing.emplace_back(symbol);
      }
    }
  }
  if (days.size() != count) return std::nullopt;
  return days;
}

// Adds the stored flows to their days; false when malformed or outside the month.
bool decode_flows(std::string_view text, const std::string& month, std::vector<ReturnDay>& days) {
  if (text.empty()) return true;
  for (std::string_view line : split_text(text, kLine)) {
    const auto fields = split_text(line, kField);
    if (fields.size() != 4 || fields[0].size() != 10 || fields[0].substr(0, 7) != month) {
      return false;
    }
    auto amount = decimal_of(fields[3]);
    const int day = (fields[0][8] - '0') * 10 + (fields[0][9] - '0');
    if (!amount || day < 1 || static_cast<std::size_t>(day) > days.size()) return false;
    days[day - 1].flows.push_back(
        {std::string(fields[0]), std::string(fields[1]), std::string(fields[2]), *amount});
  }
  return true;
}

}  // namespace

std::string month_of(Timestamp at) { return at.date_string().substr(0, 7); }

Timestamp month_start(const std::string& month) {
  return Timestamp::parse_or_throw(month + "-01", "month").start_of_day();
}

std::optional<Timestamp> next_month_start(const std::string& month) {
  const int year = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2));
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-01", m == 12 ? year + 1 : year, m == 12 ? 1 : m + 1);
  auto next = Timestamp::parse(text);
  if (!next) return std::nullopt;
  return next->start_of_day();
}

void LedgerDigest::add(const Transaction& t) {
  fnv_add(transactions_, t.id);
  fnv_add(transactions_, std::to_string(t.revision));
  fnv_add(transactions_, t.recorded_at);
  fnv_add(transactions_, t.timestamp);
}

void LedgerDigest::add(const Split& s) {
  fnv_add(splits_, s.symbol);
  fnv_add(splits_, s.effective);
  fnv_add(splits_, s.ratio_from.to_string());
  fnv_add(splits_, s.ratio_to.to_string());
  fnv_add(splits_, s.recorded_at);
}

std::string LedgerDigest::text() const {
  char out[40];
  std::snprintf(out, sizeof out, "%016llx.%016llx", static_cast<unsigned long long>(transactions_),
                static_cast<unsigned long long>(splits_));
  return out;
}

std::string newest_price_stamp(const std::optional<PricePoint>& newest) {
  return newest ? newest->timestamp + "=" + newest->price.to_string() : std::string();
}

Item returns_checkpoint_item(const std::string& account_id, const ReturnsCheckpoint& c) {
  Item item = users_key(keys::account_pk(account_id), keys::returns_checkpoint_sk(c.month));
  item.emplace(kFormat, Value::N(kCheckpointFormat));
  item.emplace(kComputedAt, Value::S(c.computed_at.to_string()));
  item.emplace(kLedger, Value::S(c.ledger_digest));
  if (!c.newest.empty()) {
    Item newest;
    for (const auto& [symbol, stamp] : c.newest) newest.emplace(symbol, Value::S(stamp));
    item.emplace(kNewest, Value::M(std::move(newest)));
  }
  item.emplace(kDays, Value::S(encode_days(c.days)));
  if (std::string flows = encode_flows(c.days); !flows.empty()) {
    item.emplace(kFlows, Value::S(std::move(flows)));
  }
  return item;
}

std::optional<ReturnsCheckpoint> returns_checkpoint_from_item(const Item& item) {
  auto sk = stored::text(item, kSk);
  auto month = sk ? keys::parse_returns_checkpoint_sk(*sk) : std::nullopt;
  auto format = stored::number(item, kFormat);
  if (!month || month->size() != 7 || !format || *format != Decimal::from_int(kCheckpointFormat)) {
    return std::nullopt;
  }
  ReturnsCheckpoint c;
  c.month = *month;
  auto first = Timestamp::parse(*month + "-01");
  auto computed = Timestamp::parse(stored::text(item, kComputedAt).value_or(""));
  auto ledger = stored::text(item, kLedger);
  auto days = stored::text(item, kDays);
  if (!first || !computed || !ledger || !days) return std::nullopt;
  c.computed_at = *computed;
  c.ledger_digest = *ledger;
  const auto next = next_month_start(*month);
  const std::int64_t count =
      next ? (next->micros() - first->micros()) / Timestamp::kMicrosPerDay : 31;
  auto decoded = decode_days(*days, static_cast<std::size_t>(count));
  if (!decoded) return std::nullopt;
  c.days = std::move(*decoded);
  if (!decode_flows(stored::text(item, kFlows).value_or(""), *month, c.days)) return std::nullopt;
  if (auto it = item.find(kNewest); it != item.end()) {
    if (!it->second.is_m()) return std::nullopt;
    for (const auto& [symbol, stamp] : it->second.m()) {
      if (!stamp.is_s()) return std::nullopt;
      c.newest.emplace(symbol, stamp.s());
    }
  }
  return c;
}

std::map<std::string, ReturnsCheckpoint> read_returns_checkpoints(
    const detail::DatabaseContext& ctx, const std::string& account_id, const std::string& first,
    const std::string& last) {
  QueryRequest q;
  q.table = ctx.users_table;
  q.partition_value = Value::S(keys::account_pk(account_id));
  q.sort =
      SortKeyCondition{SortKeyCondition::Op::kBetween, Value::S(keys::returns_checkpoint_sk(first)),
                       Value::S(keys::returns_checkpoint_sk(last))};
  q.consistent_read = false;  // a checkpoint a moment old is checked all the same
  std::map<std::string, ReturnsCheckpoint> out;
  ctx.store->query_each(std::move(q), [&](Item& item) {
    if (auto c = returns_checkpoint_from_item(item)) out.emplace(c->month, std::move(*c));
  });
  return out;
}

void write_returns_checkpoints(const detail::DatabaseContext& ctx, const std::string& account_id,
                               const std::vector<ReturnsCheckpoint>& checkpoints) {
  if (checkpoints.empty()) return;
  std::vector<WriteOp> ops;
  for (const ReturnsCheckpoint& c : checkpoints) {
    Item item = returns_checkpoint_item(account_id, c);
    // A month too large for one item (thousands of flows) is computed every time.
    if (item_size(item) > limits::kMaxItemBytes) continue;
    ops.push_back(WriteOp::put(ctx.users_table, std::move(item)));
  }
  if (!ops.empty()) ctx.store->batch_write(ops);
}

}  // namespace alexdb::alex
