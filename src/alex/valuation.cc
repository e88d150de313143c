// Time travel and valuation (SPEC section 3): positions at a date, value at a date or at
// current prices, and value series. Every valuation is computed by one function,
// value_at(), from per-symbol timelines of changes and prices; what differs is only how
// the timelines are read:
//   - at a date: per symbol the CURRENT record (enough when it is not after the date),
//     else one reverse, limit-1 history query; the instrument's current price when it
//     is not after the date, else one reverse, limit-1 price query. O(symbols) reads,
//     whatever the length of history.
//   - a series: per symbol the last change and price at the start plus those in the
//     range, read once.
// A CURRENT record's `last_change` is always a candidate too, so a change whose HISTORY
// record is not written yet (an interrupted writer) is seen by every reader.
#include <algorithm>
#include <cstdlib>

#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/model_support.h"
#include "alex/position_log.h"
#include "alex/price_queries.h"
#include "alex/validation.h"
#include "alexdb/errors.h"

namespace alexdb {

namespace {

using alex::Timestamp;

constexpr std::int64_t kMicrosPerDay = Timestamp::kMicrosPerDay;
constexpr std::size_t kMaxSeriesPoints = 20'000;
// Quantities have at most 8 decimals, so their sums stay exact below 38 digits.
constexpr int kQuantityPlaces = 8;

template <typename T>
struct Dated {
  Timestamp at;
  T record;
};

// What is known of one symbol: changes and prices, each sorted by time.
struct Timeline {
  std::string symbol;
  std::vector<Dated<PositionChange>> changes;
  std::vector<Dated<PricePoint>> prices;
};

std::optional<Timestamp> time_of(const std::string& text) { return Timestamp::parse(text); }

void add_change(Timeline& t, const PositionChange& change) {
  if (auto at = time_of(change.timestamp)) t.changes.push_back({*at, change});
}
void add_price(Timeline& t, const PricePoint& price) {
  if (auto at = time_of(price.timestamp)) t.prices.push_back({*at, price});
}
void sort_timeline(Timeline& t) {
  auto by_time = [](const auto& a, const auto& b) { return a.at < b.at; };
  std::stable_sort(t.changes.begin(), t.changes.end(), by_time);
  std::stable_sort(t.prices.begin(), t.prices.end(), by_time);
}

// The last element at or before `at`, or nullptr.
template <typename T>
const T* last_at_or_before(const std::vector<Dated<T>>& list, Timestamp at) {
  auto it = std::upper_bound(list.begin(), list.end(), at,
                             [](Timestamp t, const Dated<T>& d) { return t < d.at; });
  return it == list.begin() ? nullptr : &std::prev(it)->record;
}

// Prices quoted before this instant are stale at `at` (never before 1970).
Timestamp stale_before(Timestamp at, std::int64_t stale_after_days) {
  const std::int64_t days = std::clamp<std::int64_t>(stale_after_days, 0, 1'000'000);
  return Timestamp(std::max(Timestamp::kMinMicros, at.micros() - days * kMicrosPerDay));
}

// A HISTORY record as it reads once the CURRENT record's last change is complete: the
// record after a back-dated change takes that change's quantity as previous quantity.
PositionChange completed(PositionChange record, const alex::CurrentRecord& current) {
  if (current.last_change && current.last_change->successor == record.timestamp) {
    record.previous_quantity = current.last_change->change.quantity;
  }
  return record;
}

Valuation value_at(const std::string& account_id, Timestamp at,
                   const std::vector<Timeline>& timelines, std::int64_t stale_after_days) {
  Valuation v;
  v.account_id = account_id;
  v.as_of_date = at.to_string();
  Timestamp stale_from = stale_before(at, stale_after_days);
  for (const Timeline& t : timelines) {
    const PositionChange* held = last_at_or_before(t.changes, at);
    if (!held || held->quantity.sign() <= 0) continue;
    ++v.num_positions;
    v.total_shares = Decimal::add(v.total_shares, held->quantity, kQuantityPlaces);
    const PricePoint* price = last_at_or_before(t.prices, at);
    if (!price) {
      v.missing_prices.push_back({t.symbol, held->quantity});
      continue;
    }
    PositionValue pv{t.symbol,
                     held->quantity,
                     price->price,
                     price->timestamp,
                     *time_of(price->timestamp) < stale_from,
                     Decimal::multiply(held->quantity, price->price, kMoneyPlaces)};
    v.total_value = Decimal::add(v.total_value, pv.value, kMoneyPlaces);
    v.positions.push_back(std::move(pv));
  }
  return v;
}

std::vector<alex::CurrentRecord> currents_of(const detail::DatabaseContext& ctx,
                                             const std::string& account_id) {
  std::vector<alex::CurrentRecord> out;
  for (const Item& item : alex::query_prefix(ctx, alex::keys::account_pk(account_id),
                                             alex::keys::kCurrentPrefix)) {
    out.push_back(alex::current_from_item(item));
  }
  return out;  // by symbol: the sort key order
}

using alex::history_at_query;

QueryRequest history_range_query(const detail::DatabaseContext& ctx, const std::string& account_id,
                                 const std::string& symbol, Timestamp start, Timestamp end) {
  QueryRequest request = history_at_query(ctx, account_id, symbol, end);
  request.sort->value = Value::S(alex::keys::history_sk(symbol, start.to_string()));
  request.forward = true;
  request.limit.reset();
  return request;
}

std::map<std::string, Instrument> instruments_of(
    const std::shared_ptr<detail::DatabaseContext>& ctx, const std::vector<Timeline>& timelines) {
  std::vector<std::string> symbols;
  for (const Timeline& t : timelines) symbols.push_back(t.symbol);
  std::map<std::string, Instrument> out;
  for (Instrument& i : detail::make_model<Instruments>(ctx).batch_get_by_symbols(symbols)) {
    out.emplace(i.symbol, std::move(i));
  }
  return out;
}

// Runs independent queries in parallel, then follows any that has more pages.
std::vector<QueryResult> query_each(Store& store, const std::vector<QueryRequest>& queries) {
  auto results = store.query_many(queries);
  for (std::size_t k = 0; k < results.size(); ++k) {
    if (!results[k].last_evaluated_key || queries[k].limit) continue;
    QueryRequest rest = queries[k];
    rest.exclusive_start_key = results[k].last_evaluated_key;
    for (Item& item : store.query_all(std::move(rest)).items) results[k].items.push_back(std::move(item));
    results[k].last_evaluated_key.reset();
  }
  return results;
}

// Per symbol the account ever held, the changes that decide its quantity at `at`.
std::vector<Timeline> holdings_at(const detail::DatabaseContext& ctx, const std::string& account_id,
                                  Timestamp at) {
  auto currents = currents_of(ctx, account_id);
  std::vector<QueryRequest> queries;
  std::vector<std::size_t> queried;
  std::vector<Timeline> timelines(currents.size());
  for (std::size_t i = 0; i < currents.size(); ++i) {
    const auto& c = currents[i];
    timelines[i].symbol = c.position.symbol;
    auto current_at = time_of(c.position.timestamp);
    auto newest = c.newest_change();
    if (current_at && *current_at <= at && newest) {
      add_change(timelines[i], *newest);
      continue;
    }
    if (c.last_change) add_change(timelines[i], c.last_change->change);
    queries.push_back(history_at_query(ctx, account_id, c.position.symbol, at));
    queried.push_back(i);
  }
  auto results = query_each(*ctx.store, queries);
  for (std::size_t k = 0; k < results.size(); ++k) {
    for (const Item& item : results[k].items) {
      add_change(timelines[queried[k]],
                 completed(alex::change_from_item(item), currents[queried[k]]));
    }
  }
  for (Timeline& t : timelines) sort_timeline(t);
  // Keep the symbols held at `at`.
  std::erase_if(timelines, [&](const Timeline& t) {
    const PositionChange* c = last_at_or_before(t.changes, at);
    return !c || c->quantity.sign() <= 0;
  });
  return timelines;
}

// The instrument's current price as a price point, when it has one not after `at`.
std::optional<PricePoint> meta_price(const std::map<std::string, Instrument>& instruments,
                                     const std::string& symbol, std::optional<Timestamp> at) {
  auto it = instruments.find(symbol);
  if (it == instruments.end() || !it->second.current_price || !it->second.price_timestamp) {
    return std::nullopt;
  }
  auto quoted = time_of(*it->second.price_timestamp);
  if (!quoted || (at && *quoted > *at)) return std::nullopt;
  return PricePoint{symbol, *it->second.price_timestamp, *it->second.current_price, {}, {}};
}

// The points of a series: start, start + step, ... up to end.
std::vector<Timestamp> series_points(Timestamp start, Timestamp end, const std::string& step) {
  std::vector<Timestamp> points;
  std::int64_t time_of_day = start.micros() - start.start_of_day().micros();
  int year = std::atoi(start.date_string().substr(0, 4).c_str());
  int month = std::atoi(start.date_string().substr(5, 2).c_str());
  int day = std::atoi(start.date_string().substr(8, 2).c_str());
  for (std::size_t k = 0;; ++k) {
    Timestamp p = start;
    if (step != "monthly") {
      const std::int64_t offset =
          static_cast<std::int64_t>(k) * (step == "weekly" ? 7 : 1) * kMicrosPerDay;
      if (offset > end.micros() - start.micros()) break;  // also before passing 9999
      p = start.plus_micros(offset);
    } else {
      int m0 = month - 1 + static_cast<int>(k);
      int y = year + m0 / 12, m = m0 % 12 + 1;
      if (y > 9999) break;
      std::optional<Timestamp> date;
      for (int d = day; d >= 1 && !date; --d) {
        char text[48];
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
        date = Timestamp::parse(text);
      }
      p = date->start_of_day().plus_micros(time_of_day);
    }
    if (p > end) break;
    if (points.size() == kMaxSeriesPoints) {
      throw ValidationError("step", "at most 20000 points between start and end");
    }
    points.push_back(p);
  }
  return points;
}

}  // namespace

std::vector<PositionChange> Positions::get_positions_at_date(std::string_view account_id,
                                                             std::string_view date) const {
  auto id = alex::validate::id(account_id, "account_id");
  auto at = alex::validate::timestamp(date, "date");
  std::vector<PositionChange> held;
  for (const Timeline& t : holdings_at(*context_, id, at)) {
    held.push_back(*last_at_or_before(t.changes, at));
  }
  return held;
}

Valuation Positions::get_account_value_at_date(std::string_view account_id,
                                               std::string_view date) const {
  auto id = alex::validate::id(account_id, "account_id");
  auto at = alex::validate::timestamp(date, "date");
  auto timelines = holdings_at(*context_, id, at);
  auto instruments = instruments_of(context_, timelines);
  std::vector<QueryRequest> queries;
  std::vector<std::size_t> queried;
  for (std::size_t i = 0; i < timelines.size(); ++i) {
    if (auto price = meta_price(instruments, timelines[i].symbol, at)) {
      add_price(timelines[i], *price);
    } else {
      queries.push_back(alex::price_at_query(*context_, timelines[i].symbol, at));
      queried.push_back(i);
    }
  }
  auto results = query_each(*context_->store, queries);
  for (std::size_t k = 0; k < results.size(); ++k) {
    for (const Item& item : results[k].items) {
      add_price(timelines[queried[k]], alex::price_from_item(item));
    }
  }
  return value_at(id, at, timelines, context_->options.stale_after_days);
}

Valuation Positions::get_portfolio_value(std::string_view account_id) const {
  auto id = alex::validate::id(account_id, "account_id");
  Timestamp now = context_->now();
  std::vector<Timeline> timelines;
  for (const auto& c : currents_of(*context_, id)) {
    if (c.position.quantity.sign() <= 0) continue;
    Timeline t;
    t.symbol = c.position.symbol;
    PositionChange held;
    held.symbol = c.position.symbol;
    held.quantity = c.position.quantity;
    held.timestamp = Timestamp().to_string();  // held now, whenever it last changed
    add_change(t, held);
    timelines.push_back(std::move(t));
  }
  auto instruments = instruments_of(context_, timelines);
  Timestamp latest_quote = now;
  for (Timeline& t : timelines) {
    if (auto price = meta_price(instruments, t.symbol, std::nullopt)) {
      latest_quote = std::max(latest_quote, *time_of(price->timestamp));
      add_price(t, *price);
    }
  }
  // Current prices are valued as they stand, also one quoted after the clock's now.
  Valuation v = value_at(id, latest_quote, timelines, context_->options.stale_after_days);
  Timestamp stale_from = stale_before(now, context_->options.stale_after_days);
  for (PositionValue& pv : v.positions) pv.stale = *time_of(pv.price_timestamp) < stale_from;
  v.as_of_date.reset();
  return v;
}

std::vector<Valuation> Positions::get_account_value_series(std::string_view account_id,
                                                           std::string_view start,
                                                           std::string_view end,
                                                           std::string_view step) const {
  auto id = alex::validate::id(account_id, "account_id");
  auto from = alex::validate::timestamp(start, "start");
  auto to = alex::validate::timestamp(end, "end");
  auto step_name = alex::validate::step(step);
  if (to < from) {
    throw ValidationError("start", "must not be after end",
                          from.to_string() + " > " + to.to_string());
  }
  auto points = series_points(from, to, step_name);

  auto currents = currents_of(*context_, id);
  std::vector<Timeline> timelines(currents.size());
  for (std::size_t i = 0; i < currents.size(); ++i) timelines[i].symbol = currents[i].position.symbol;
  auto instruments = instruments_of(context_, timelines);
  std::vector<QueryRequest> queries;
  for (std::size_t i = 0; i < currents.size(); ++i) {
    const auto& c = currents[i];
    const std::string& symbol = c.position.symbol;
    timelines[i].symbol = symbol;
    auto current_at = time_of(c.position.timestamp);
    auto newest = c.newest_change();
    if (current_at && *current_at <= to && newest) add_change(timelines[i], *newest);
    if (c.last_change) add_change(timelines[i], c.last_change->change);
    if (auto price = meta_price(instruments, symbol, to)) add_price(timelines[i], *price);
    queries.push_back(history_at_query(*context_, id, symbol, from));
    queries.push_back(history_range_query(*context_, id, symbol, from, to));
    queries.push_back(alex::price_at_query(*context_, symbol, from));
    queries.push_back(alex::price_range_query(*context_, symbol, from, to));
  }
  auto results = query_each(*context_->store, queries);
  for (std::size_t i = 0; i < timelines.size(); ++i) {
    for (std::size_t q = 0; q < 2; ++q) {
      for (const Item& item : results[4 * i + q].items) {
        add_change(timelines[i], completed(alex::change_from_item(item), currents[i]));
      }
    }
    for (std::size_t q = 2; q < 4; ++q) {
      for (const Item& item : results[4 * i + q].items) add_price(timelines[i], alex::price_from_item(item));
    }
    sort_timeline(timelines[i]);
  }
  std::vector<Valuation> series;
  series.reserve(points.size());
  for (Timestamp p : points) series.push_back(value_at(id, p, timelines, context_->options.stale_after_days));
  return series;
}

}  // namespace alexdb
