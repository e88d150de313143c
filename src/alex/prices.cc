// Prices: <symbol>/<timestamp> records of the instruments table, and the instrument's
// current_price, which follows the newest of them.
#include <map>

#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/model_support.h"
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

// Moves the instrument's current price to `price` if it is newer than the one it has.
void advance_current_price(const detail::DatabaseContext& ctx, const PricePoint& price) {
  using namespace cond;
  Update update;
  update.set("current_price", Value::N(price.price))
      .set("price_timestamp", Value::S(price.timestamp))
      .set("updated_at", Value::S(ctx.now().to_string()));
  Condition newer = attribute_exists(std::string(alex::kSymbolKey)) &&
                    (attribute_not_exists("price_timestamp") ||
                     le(path("price_timestamp"), Value::S(price.timestamp)));
  try {
    ctx.store->update({ctx.instruments_table,
                       alex::instruments_key(price.symbol, alex::keys::kInstrumentMeta), update,
                       std::move(newer), ReturnValues::kNone});
  } catch (const ConditionFailed&) {
    // An older price (or the instrument was deleted meanwhile): history only.
  }
}

// Validates a price (the time rules of validate::change_time).
PricePoint checked_price(const PricePoint& given, alex::Timestamp now) {
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
  alex::Timestamp now = context_->now();
  PricePoint p = checked_price({std::string(symbol), timestamp.value_or(now.to_string()), price,
                                volume, std::string(source)},
                               now);
  if (!alex::get_instrument_item(*context_, p.symbol, alex::keys::kInstrumentMeta)) {
    throw NotFound("instrument '" + p.symbol + "' does not exist");
  }
  context_->store->put(
      {context_->instruments_table, alex::price_item(p), std::nullopt, ReturnValues::kNone});
  advance_current_price(*context_, p);
  return p.timestamp;
}

void Instruments::import_prices(const std::vector<PricePoint>& prices) {
  alex::Timestamp now = context_->now();
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
    if (!inserted && it->second.timestamp < p.timestamp) it->second = p;
  }
  std::vector<std::string> symbols;
  for (const auto& [symbol, p] : newest) symbols.push_back(symbol);
  auto found = batch_get_by_symbols(symbols);
  if (found.size() != symbols.size()) {
    for (const std::string& s : symbols) {
      bool present = std::any_of(found.begin(), found.end(),
                                 [&](const Instrument& i) { return i.symbol == s; });
      if (!present) throw NotFound("instrument '" + s + "' does not exist");
    }
  }
  std::map<std::pair<std::string, std::string>, const PricePoint*> unique;
  for (const PricePoint& p : checked) unique[{p.symbol, p.timestamp}] = &p;  // last one wins
  std::vector<WriteOp> ops;
  for (const auto& [key, p] : unique) {
    ops.push_back(WriteOp::put(context_->instruments_table, alex::price_item(*p)));
  }
  context_->store->batch_write(ops);
  for (const auto& [symbol, p] : newest) advance_current_price(*context_, p);
}

std::vector<PricePoint> Instruments::get_price_history(std::string_view symbol,
                                                       std::optional<std::string> start,
                                                       std::optional<std::string> end) const {
  auto sym = alex::validate::symbol(symbol);
  std::optional<alex::Timestamp> from, to;
  if (start) from = alex::validate::range_start(*start, "start");
  if (end) to = alex::validate::timestamp(*end, "end");
  std::vector<PricePoint> out;
  for (const Item& item :
       context_->store->query_all(alex::price_range_query(*context_, sym, from, to)).items) {
    out.push_back(alex::price_from_item(item));
  }
  return out;
}

std::optional<PricePoint> Instruments::get_price_at_date(std::string_view symbol,
                                                         std::string_view date) const {
  auto sym = alex::validate::symbol(symbol);
  auto at = alex::validate::timestamp(date, "date");
  auto result = context_->store->query(alex::price_at_query(*context_, sym, at));
  if (result.items.empty()) return std::nullopt;
  return alex::price_from_item(result.items.front());
}

}  // namespace alexdb
