// Time travel and valuation (SPEC section 3): positions at a date, value at a date or at
// current prices, and value series. Every valuation is computed by one function,
// value_at(), from the per-symbol timelines of timeline.h, which are read the same way
// for a valuation at a date and for a series (read once for all its points).
#include <algorithm>
#include <cstdlib>

#include "alex/cash.h"
#include "alex/keys.h"
#include "alex/model_support.h"
#include "alex/position_log.h"
#include "alex/price_log.h"
#include "alex/timeline.h"
#include "alex/validation.h"
#include "alexdb/errors.h"

namespace alexdb {

namespace {

using alex::last_at_or_before;
using alex::Timeline;

constexpr std::int64_t kMicrosPerDay = Timestamp::kMicrosPerDay;
constexpr std::size_t kMaxSeriesPoints = 20'000;
// Quantities have at most 8 decimals, so their sums stay exact below 38 digits.
constexpr int kQuantityPlaces = 8;

// Prices quoted before this instant are stale at `at` (never before 1970).
Timestamp stale_before(Timestamp at, std::int64_t stale_after_days) {
  const std::int64_t days = std::clamp<std::int64_t>(stale_after_days, 0, 1'000'000);
  return Timestamp(std::max(Timestamp::kMinMicros, at.micros() - days * kMicrosPerDay));
}

// Adds a position held at a valuation's instant, in timeline order as every valuation
// does: to the count, and to positions at `price` (`value` is the quantity times the
// price, rounded as kMoneyPlaces says; a price quoted before `stale_from` is stale) or,
// without a price, to missing_prices. The caller adds its quantity to total_shares.
void add_position(Valuation& v, const Timeline& t, const PositionChange& held,
                  const alex::DatedPrice* price, Timestamp stale_from, const Decimal& value) {
  ++v.num_positions;
  if (!price) {
    v.missing_prices.push_back({t.symbol, held.quantity});
    return;
  }
  v.total_value = Decimal::add(v.total_value, value, kMoneyPlaces);
  PositionValue& pv = v.positions.emplace_back();
  pv.symbol = t.symbol;
  pv.quantity = held.quantity;
  pv.price = price->price;
  pv.price_timestamp = t.quoted_at(*price);
  pv.stale = price->at < stale_from;
  pv.value = value;
}

// The positions of `timelines` held at `at`, valued at the last price at or before it;
// a price quoted before `stale_from` is flagged stale.
Valuation value_at(const std::string& account_id, Timestamp at,
                   const std::vector<Timeline>& timelines, Timestamp stale_from) {
  Valuation v;
  v.account_id = account_id;
  v.as_of_date = at.to_string();
  for (const Timeline& t : timelines) {
    const PositionChange* held = last_at_or_before(t.changes, at);
    if (!held || held->quantity.sign() <= 0) continue;
    const alex::DatedPrice* price = last_at_or_before(t.prices, at);
    v.total_shares = Decimal::add(v.total_shares, held->quantity, kQuantityPlaces);
    add_position(v, t, *held, price, stale_from,
                 price ? Decimal::multiply(held->quantity, price->price, kMoneyPlaces) : Decimal());
  }
  return v;
}

// Where a series sweep stands in one symbol's timeline: how many of its changes and
// prices are at or before the current point, the value of the position at them, and the
// change whose quantity the running total of shares holds (nullptr: none).
struct Cursor {
  std::size_t changes = 0;
  std::size_t prices = 0;
  bool moved = true;  // whether `value` is to be computed again
  Decimal value;
  const PositionChange* counted = nullptr;
};

// Advances `c` to the records of `t` at or before `at`.
void advance(Cursor& c, const Timeline& t, Timestamp at) {
  while (c.changes < t.changes.size() && t.changes[c.changes].at <= at) {
    ++c.changes;
    c.moved = true;
  }
  while (c.prices < t.prices.size() && t.prices[c.prices].at <= at) {
    ++c.prices;
    c.moved = true;
  }
}

// Whether every quantity of `timelines` has at most kQuantityPlaces decimals and at most
// 20 digits before the point, so that sums of up to 10^6 of them are exact in any order.
bool quantities_sum_exactly(const std::vector<Timeline>& timelines) {
  for (const Timeline& t : timelines) {
    for (const auto& change : t.changes) {
      const Decimal& q = change.record.quantity;
      if (q.scale() > kQuantityPlaces || q.digits() - q.scale() > 20) return false;
    }
  }
  return timelines.size() <= 1'000'000;
}

// value_at() of every point (in increasing order), in one sweep: per symbol, a cursor
// moves forward through its changes and prices, and a position's value is multiplied
// again only when its change or price moved. The shares held are a running total that
// changes by the quantities that moved, when quantities_sum_exactly() (the same exact sum
// in another order). Each valuation equals value_at()'s.
std::vector<Valuation> value_series(const std::string& account_id,
                                    const std::vector<Timestamp>& points,
                                    const std::vector<Timeline>& timelines,
                                    std::int64_t stale_after_days) {
  std::vector<Valuation> series;
  series.reserve(points.size());
  std::vector<Cursor> cursors(timelines.size());
  const bool running_shares = quantities_sum_exactly(timelines);
  Decimal shares;
  for (Timestamp p : points) {
    std::size_t priced = 0;
    for (std::size_t i = 0; i < timelines.size(); ++i) {
      Cursor& c = cursors[i];
      advance(c, timelines[i], p);
      const PositionChange* held = c.changes ? &timelines[i].changes[c.changes - 1].record : nullptr;
      if (held && held->quantity.sign() <= 0) held = nullptr;
      if (held && c.prices) ++priced;
      if (!running_shares || held == c.counted) continue;
      if (c.counted) shares = Decimal::add(shares, -c.counted->quantity, kQuantityPlaces);
      if (held) shares = Decimal::add(shares, held->quantity, kQuantityPlaces);
      c.counted = held;
    }
    Valuation& v = series.emplace_back();
    v.account_id = account_id;
    v.as_of_date = p.to_string();
    v.positions.reserve(priced);
    const Timestamp stale_from = stale_before(p, stale_after_days);
    for (std::size_t i = 0; i < timelines.size(); ++i) {
      const Timeline& t = timelines[i];
      Cursor& c = cursors[i];
      if (!c.changes) continue;
      const PositionChange& held = t.changes[c.changes - 1].record;
      if (held.quantity.sign() <= 0) continue;
      const alex::DatedPrice* price = c.prices ? &t.prices[c.prices - 1] : nullptr;
      if (price && c.moved) {
        c.value = Decimal::multiply(held.quantity, price->price, kMoneyPlaces);
        c.moved = false;
      }
      if (!running_shares) {
        v.total_shares = Decimal::add(v.total_shares, held.quantity, kQuantityPlaces);
      }
      add_position(v, t, held, price, stale_from, c.value);
    }
    if (running_shares) v.total_shares = shares;
  }
  return series;
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

// The account's ledger cash at each of `points` (increasing): one query of its ledger.
std::vector<Decimal> ledger_cash(const std::shared_ptr<detail::DatabaseContext>& context,
                                 const std::string& account_id,
                                 const std::vector<Timestamp>& points) {
  auto ledger = detail::make_model<Transactions>(context).list(account_id, std::nullopt,
                                                               points.back().to_string());
  return alex::cash_at_points(ledger, points);
}

}  // namespace

std::vector<PositionChange> Positions::get_positions_at_date(std::string_view account_id,
                                                             std::string_view date) const {
  auto id = alex::validate::id(account_id, "account_id");
  auto at = alex::validate::timestamp(date, "date");
  std::vector<PositionChange> held;
  for (const Timeline& t : alex::holdings_at(*context_, id, at)) {
    held.push_back(*last_at_or_before(t.changes, at));
  }
  return held;
}

Valuation Positions::get_account_value_at_date(std::string_view account_id,
                                               std::string_view date, bool with_cash) const {
  auto id = alex::validate::id(account_id, "account_id");
  auto at = alex::validate::timestamp(date, "date");
  auto timelines = alex::read_timelines(*context_, id, alex::Window{at, at});
  Valuation v = value_at(id, at, timelines, stale_before(at, context_->options.stale_after_days));
  if (with_cash) v.cash = ledger_cash(context_, id, {at}).front();
  return v;
}

Valuation Positions::get_portfolio_value(std::string_view account_id) const {
  auto id = alex::validate::id(account_id, "account_id");
  Timestamp now = context_->now();
  std::vector<Timeline> timelines;
  for (const Item& item :
       alex::query_prefix(*context_, alex::keys::account_pk(id), alex::keys::kCurrentPrefix)) {
    const Position position = alex::current_from_item(item).position;
    if (position.quantity.sign() <= 0) continue;
    Timeline t;
    t.symbol = position.symbol;
    PositionChange held;
    held.symbol = position.symbol;
    held.quantity = position.quantity;
    held.timestamp = Timestamp().to_string();  // held now, whenever it last changed
    alex::add_change(t, held);
    timelines.push_back(std::move(t));
  }
  // Current prices are valued as they stand, also one quoted after the clock's now.
  Timestamp latest_quote = now;
  auto newest = alex::newest_prices(*context_, alex::symbols_of(timelines));
  for (Timeline& t : timelines) {
    auto price = newest.find(t.symbol);
    if (price == newest.end()) continue;
    alex::add_price(t, price->second);
    if (!t.prices.empty()) latest_quote = std::max(latest_quote, t.prices.back().at);
  }
  // Staleness counts from now, not from the latest quote.
  Valuation v =
      value_at(id, latest_quote, timelines, stale_before(now, context_->options.stale_after_days));
  v.as_of_date.reset();
  return v;
}

std::vector<Valuation> Positions::get_account_value_series(std::string_view account_id,
                                                           std::string_view start,
                                                           std::string_view end,
                                                           std::string_view step,
                                                           bool with_cash) const {
  auto id = alex::validate::id(account_id, "account_id");
  auto from = alex::validate::timestamp(start, "start");
  auto to = alex::validate::timestamp(end, "end");
  auto step_name = alex::validate::step(step);
  alex::validate::start_not_after_end(from, to);
  auto points = series_points(from, to, step_name);
  auto timelines = alex::read_timelines(*context_, id, alex::Window{from, to, true});
  std::vector<Valuation> series =
      value_series(id, points, timelines, context_->options.stale_after_days);
  if (!with_cash || points.empty()) return series;
  std::vector<Decimal> cash = ledger_cash(context_, id, points);
  for (std::size_t i = 0; i < series.size(); ++i) series[i].cash = std::move(cash[i]);
  return series;
}

}  // namespace alexdb
