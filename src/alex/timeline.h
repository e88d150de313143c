// What time travel knows of an account's symbols: per symbol, its changes and prices in
// time order, read once for a valuation at an instant or for a whole series, so that a
// series point and a valuation at that instant see the same records.
//
// The records come from three places, which together hold everything committed:
//   - the CURRENT record: its newest change (when it holds it whole) and its last
//     committed change (whose HISTORY record may not be written yet, position_log.h);
//   - the instrument's META: its newest price (whose record may not be written yet,
//     price_log.h);
//   - HISTORY and price queries for what these do not decide.
// The reads do not depend on the length of history: per symbol, the last change and price
// at or before the window's start (a reverse, limit-1 query), plus for a series those in
// the window.
#ifndef ALEXDB_ALEX_TIMELINE_H_
#define ALEXDB_ALEX_TIMELINE_H_

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "alex/context.h"
#include "alexdb/timestamp.h"
#include "alexdb/records.h"

namespace alexdb::alex {

// A record with its time.
template <typename T>
struct Dated {
  Timestamp at;
  T record;
};

// A price of a timeline: when it was quoted, the price, and where the quote's timestamp
// text is in its Timeline's price_texts. Small, as a series holds a price per day.
struct DatedPrice {
  Timestamp at;
  std::uint32_t text_offset = 0;
  std::uint32_t text_size = 0;
  Decimal price;
};

// What is known of one symbol: changes and prices, each sorted by time.
struct Timeline {
  std::string symbol;
  std::vector<Dated<PositionChange>> changes;
  std::vector<DatedPrice> prices;
  std::string price_texts;  // the prices' timestamps as stored, one after another

  // The timestamp of `price` (one of `prices`) as its record holds it.
  std::string_view quoted_at(const DatedPrice& price) const {
    return std::string_view(price_texts).substr(price.text_offset, price.text_size);
  }
};

// Adds a record to a timeline (a record whose timestamp does not parse is left out).
void add_change(Timeline& t, const PositionChange& change);
void add_price(Timeline& t, const PricePoint& price);
// add_price(t, price_from_item(item)), reading only the attributes it needs.
void add_price_item(Timeline& t, const Item& item);

// The symbols of `timelines`, in order.
std::vector<std::string> symbols_of(const std::vector<Timeline>& timelines);

// The last element at or before `at`, or nullptr.
template <typename T>
const T* last_at_or_before(const std::vector<Dated<T>>& list, Timestamp at) {
  auto it = std::upper_bound(list.begin(), list.end(), at,
                             [](Timestamp t, const Dated<T>& d) { return t < d.at; });
  return it == list.begin() ? nullptr : &std::prev(it)->record;
}

// The last price at or before `at`, or nullptr.
inline const DatedPrice* last_at_or_before(const std::vector<DatedPrice>& list, Timestamp at) {
  auto it = std::upper_bound(list.begin(), list.end(), at,
                             [](Timestamp t, const DatedPrice& d) { return t < d.at; });
  return it == list.begin() ? nullptr : &*std::prev(it);
}

// The time a valuation reads: one instant (`from` == `to`), or the range of a series.
struct Window {
  Timestamp from;
  Timestamp to;
  bool series = false;
};

// The changes of every symbol of the account held at `at` (symbols not held then are
// left out), enough to tell the quantity at `at`; no prices.
std::vector<Timeline> holdings_at(const detail::DatabaseContext& ctx, const std::string& account_id,
                                  Timestamp at);

// The changes and prices that decide every valuation at an instant of `window`. For an
// instant, the symbols held then (the changes are read first, so that prices are read
// for those only); for a series, every symbol the account has a CURRENT record of, all
// read in one round.
std::vector<Timeline> read_timelines(const detail::DatabaseContext& ctx,
                                     const std::string& account_id, Window window);

// The prices of each of `symbols` (one timeline each, in order, without changes) that
// decide every valuation at an instant of the series `window`: the last price at or
// before its start and those in it, the instruments' newest prices counting as
// read_timelines() counts them. One batch read of the instruments (none when `newest`,
// META's newest prices as newest_prices() reads them, is given), then two queries per
// symbol in one round.
std::vector<Timeline> read_price_timelines(
    const detail::DatabaseContext& ctx, const std::vector<std::string>& symbols, Window window,
    const std::map<std::string, PricePoint>* newest = nullptr);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_TIMELINE_H_
