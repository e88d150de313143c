// Time travel and valuation (SPEC section 3): positions at a date, value at a date or at
// current prices, and value series. Every valuation is computed by one function,
// value_at(), from the per-symbol timelines of timeline.h, which are read the same way
// for a valuation at a date and for a series (read once for all its points).
#include <algorithm>
#include <cstdlib>

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
                     *Timestamp::parse(price->timestamp) < stale_from,
                     Decimal::multiply(held->quantity, price->price, kMoneyPlaces)};
    v.total_value = Decimal::add(v.total_value, pv.value, kMoneyPlaces);
    v.positions.push_back(std::move(pv));
  }
  return v;
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
  for (const Timeline& t : alex::holdings_at(*context_, id, at)) {
    held.push_back(*last_at_or_before(t.changes, at));
  }
  return held;
}

Valuation Positions::get_account_value_at_date(std::string_view account_id,
                                               std::string_view date) const {
  auto id = alex::validate::id(account_id, "account_id");
  auto at = alex::validate::timestamp(date, "date");
  auto timelines = alex::read_timelines(*context_, id, alex::Window{at, at});
  return value_at(id, at, timelines, stale_before(at, context_->options.stale_after_days));
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
                                                           std::string_view step) const {
  auto id = alex::validate::id(account_id, "account_id");
  auto from = alex::validate::timestamp(start, "start");
  auto to = alex::validate::timestamp(end, "end");
  auto step_name = alex::validate::step(step);
  alex::validate::start_not_after_end(from, to);
  auto points = series_points(from, to, step_name);
  auto timelines = alex::read_timelines(*context_, id, alex::Window{from, to, true});
  std::vector<Valuation> series;
  series.reserve(points.size());
  for (Timestamp p : points) {
    series.push_back(
        value_at(id, p, timelines, stale_before(p, context_->options.stale_after_days)));
  }
  return series;
}

}  // namespace alexdb
