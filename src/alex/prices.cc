// Prices: <symbol>/<timestamp> records of the instruments table, and the instrument's
// current_price, which follows the newest of them.
#include <map>
#include <set>

#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/model_support.h"
#include "alex/price_edits.h"
#include "alex/price_log.h"
#include "alex/price_queries.h"
#include "alex/validation.h"
#include "alexdb/errors.h"

namespace alexdb {

namespace alex {

namespace {
// Below every timestamp ("0000-...") and above every one ("9999-..."), but below "META".
constexpr std::string_view kBeforeAll = "0";
constexpr std::string_view kAfterAll = "9999-12-31T23:59:59.999999Z";
}  // namespace

QueryRequest price_range_query(const detail::DatabaseContext& ctx, const std::string& symbol,
                               std::optional<Timestamp> start, std::optional<Timestamp> end) {
  QueryRequest request;
  request.table = ctx.instruments_table;
  request.partition_value = Value::S(symbol);
  request.sort = SortKeyCondition{
      SortKeyCondition::Op::kBetween,
      Value::S(start ? start->to_string() : std::string(kBeforeAll)),
      Value::S(end ? end->to_string() : std::string(kAfterAll))};
  request.consistent_read = true;
  return request;
}

QueryRequest price_at_query(const detail::DatabaseContext& ctx, const std::string& symbol,
                            Timestamp at) {
  QueryRequest request = price_range_query(ctx, symbol, std::nullopt, at);
  request.forward = false;
  request.limit = 1;
  return request;
}

}  // namespace alex

namespace {

// Validates a price (the time rules of validate::change_time).
PricePoint checked_price(const PricePoint& given, Timestamp now) {
  PricePoint p;
  p.symbol = alex::validate::symbol(given.symbol);
  p.price = alex::validate::price(given.price);
  if (given.volume) p.volume = alex::validate::volume(*given.volume);
  p.timestamp = alex::validate::change_time(given.timestamp, "timestamp", now).to_string();
  if (given.source) p.source = alex::validate::text(*given.source, "source", 64);
  return p;
}

}  // namespace

std::string Instruments::update_price(std::string_view symbol, const Decimal& price,
                                      std::optional<Decimal> volume,
                                      std::optional<std::string> timestamp,
                                      std::string_view source) {
  Timestamp now = context_->now();
  PricePoint p = checked_price({std::string(symbol), timestamp.value_or(now.to_string()), price,
                                volume, std::string(source)},
                               now);
  alex::record_price(*context_, p);
  context_->instruments->forget(p.symbol);
  return p.timestamp;
}

int Instruments::delete_price(std::string_view symbol, std::string_view timestamp) {
  auto sym = alex::validate::symbol(symbol);
  Timestamp at = Timestamp::parse_or_throw(timestamp, "timestamp");
  if (Timestamp::is_date_only(timestamp)) at = at.close_of_day();
  int removed = alex::delete_price(*context_, sym, at.to_string());
  context_->instruments->forget(sym);
  return removed;
}

void Instruments::import_prices(const std::vector<PricePoint>& prices) {
  Timestamp now = context_->now();
  std::vector<PricePoint> checked;
  std::map<std::string, PricePoint> newest;
  for (std::size_t i = 0; i < prices.size(); ++i) {
    try {
      checked.push_back(checked_price(prices[i], now));
    } catch (const ValidationError& e) {
      throw ValidationError("prices[" + std::to_string(i) + "]." + e.field(), e.rule(),
                            e.detail());
    }
    const PricePoint& p = checked.back();
    auto [it, inserted] = newest.emplace(p.symbol, p);
    if (!inserted && it->second.timestamp <= p.timestamp) it->second = p;  // last row wins
  }
  std::vector<std::string> symbols;
  for (const auto& [symbol, p] : newest) symbols.push_back(symbol);
  auto found = alex::cached_instruments(*context_, symbols);
  for (const std::string& s : symbols) {
    if (!found.contains(s)) throw NotFound("instrument '" + s + "' does not exist");
  }
  // Each instrument's newest price commits first (price_log.h), then every record, with
  // the newest price each META held before (written again if its writer died).
  std::map<std::pair<std::string, std::string>, const PricePoint*> unique;
  std::vector<PricePoint> replaced;
  std::set<std::string> meta_holds;  // symbols whose META holds the batch's newest price
  for (const auto& [symbol, p] : newest) {
    // META holding a newer price already, or this very price (this process sees its own
    // writes; another's may be up to the cache's age old, never newer), needs no commit;
    // another price at the same instant is a correction, committed as update_price does.
    const Instrument& held = found.at(symbol);
    if (held.price_timestamp && *held.price_timestamp > p.timestamp) continue;
    if (held.price_timestamp && *held.price_timestamp == p.timestamp &&
        held.current_price == p.price) {
      meta_holds.insert(symbol);
      continue;
    }
    bool committed = false;
    if (auto before = alex::commit_newest_price(*context_, p, committed)) {
      replaced.push_back(std::move(*before));
    }
    if (committed) meta_holds.insert(symbol);
  }
  for (const PricePoint& p : replaced) unique[{p.symbol, p.timestamp}] = &p;
  for (const PricePoint& p : checked) unique[{p.symbol, p.timestamp}] = &p;  // last one wins
  // The records of a symbol are marked as an edit from the earliest (price_edits.h),
  // before any is written, unless they are only the newest price META holds.
  std::map<std::string, std::pair<std::string, int>> earliest;  // symbol -> (from, records)
  for (const auto& [key, p] : unique) {
    auto [it, added] = earliest.try_emplace(key.first, key.second, 0);
    ++it->second.second;
  }
  std::vector<WriteOp> edits;
  for (const auto& [symbol, from] : earliest) {
    const bool newest_alone = from.second == 1 && meta_holds.contains(symbol) &&
                              from.first == newest.at(symbol).timestamp;
    if (!newest_alone) edits.push_back(alex::price_edit_put(*context_, symbol, now, from.first));
  }
  alex::put_price_edits(*context_, edits);
  std::vector<WriteOp> ops;
  for (const auto& [key, p] : unique) {
    ops.push_back(WriteOp::put(context_->instruments_table, alex::price_item(*p)));
  }
  context_->store->batch_write(ops);
}

std::vector<PricePoint> Instruments::get_price_history(std::string_view symbol,
                                                       std::optional<std::string> start,
                                                       std::optional<std::string> end) const {
  auto sym = alex::validate::symbol(symbol);
  const auto [from, to] = alex::validate::history_range(start, end);
  auto meta = alex::get_instrument_item(*context_, sym, alex::keys::kInstrumentMeta);
  std::vector<PricePoint> out = alex::readable_records<PricePoint>(
      *context_, context_->instruments_table,
      context_->store->query_all(alex::price_range_query(*context_, sym, from, to)).items,
      alex::price_from_item);
  // The newest price is committed on META before its record is written: complete it.
  auto newest = meta ? alex::newest_price_of_meta(*meta) : std::nullopt;
  if (newest && (!from || newest->timestamp >= from->to_string()) &&
      (!to || newest->timestamp <= to->to_string())) {
    auto at = std::lower_bound(
        out.begin(), out.end(), newest->timestamp,
        [](const PricePoint& p, const std::string& t) { return p.timestamp < t; });
    if (at == out.end() || at->timestamp != newest->timestamp) {
      alex::complete_newest_price(*context_, *newest);
      out.insert(at, *newest);
    }
  }
  return out;
}

std::optional<PricePoint> Instruments::get_price_at_date(std::string_view symbol,
                                                         std::string_view date) const {
  auto sym = alex::validate::symbol(symbol);
  auto at = alex::validate::timestamp(date, "date");
  auto meta = alex::get_instrument_item(*context_, sym, alex::keys::kInstrumentMeta);
  auto result = context_->store->query(alex::price_at_query(*context_, sym, at));
  std::optional<PricePoint> found;
  if (!result.items.empty()) found = alex::price_from_item(result.items.front());
  // META's newest price counts even before its record is written (price_log.h).
  auto newest = meta ? alex::newest_price_of_meta(*meta) : std::nullopt;
  if (newest && newest->timestamp <= at.to_string() &&
      (!found || found->timestamp < newest->timestamp)) {
    found = newest;
  }
  return found;
}

}  // namespace alexdb
