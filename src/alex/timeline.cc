#include "alex/timeline.h"

#include <cstring>
#include <functional>
#include <stdexcept>

#include "alex/keys.h"
#include "alex/legacy.h"
#include "alex/model_support.h"
#include "alex/position_log.h"
#include "alex/price_log.h"
#include "alex/price_queries.h"
#include "alex/record_items.h"

namespace alexdb::alex {

namespace {

void sort_timeline(Timeline& t) {
  auto by_time = [](const auto& a, const auto& b) { return a.at < b.at; };
  std::stable_sort(t.changes.begin(), t.changes.end(), by_time);
  std::stable_sort(t.prices.begin(), t.prices.end(), by_time);
}

// Queries run together in one round, each adding what it finds to one timeline.
class TimelineReads {
 public:
  // HISTORY records, seen as they read once CURRENT's last change `last` is complete.
  void changes(std::size_t timeline, QueryRequest query, std::optional<CommittedChange> last) {
    queries_.push_back(std::move(query));
    targets_.push_back({timeline, false, std::move(last)});
  }
  void prices(std::size_t timeline, QueryRequest query) {
    queries_.push_back(std::move(query));
    targets_.push_back({timeline, true, std::nullopt});
  }
  // Runs the queries planned (also none, as one round) and sorts every timeline. A change
  // a record carries (committed before it, position_log.h) counts where no record of its
  // own was read.
  void run(const detail::DatabaseContext& ctx, std::vector<Timeline>& timelines) {
    for (QueryRequest& q : queries_) q.consistent_read = false;
    std::vector<std::vector<PositionChange>> carried(timelines.size());
    query_many_visit_complete(*ctx.store, queries_, [&](std::size_t k, Item& item) {
      Timeline& t = timelines[targets_[k].timeline];
      if (targets_[k].prices) {
        add_price_item(t, item);
        return;
      }
      PositionChange change = change_from_item(item);
      if (auto c = carried_change(item, change)) {
        carried[targets_[k].timeline].push_back(std::move(*c));
      }
      add_change(t, targets_[k].last ? as_completed(std::move(change), *targets_[k].last) : change);
    });
    for (std::size_t i = 0; i < timelines.size(); ++i) {
      Timeline& t = timelines[i];
      for (const PositionChange& c : carried[i]) {
        const bool read = std::any_of(t.changes.begin(), t.changes.end(), [&](const auto& d) {
          return d.record.timestamp == c.timestamp;
        });
        if (!read) add_change(t, c);
      }
    }
    for (Timeline& t : timelines) sort_timeline(t);
    queries_.clear();
    targets_.clear();
  }

 private:
  struct Target {
    std::size_t timeline;
    bool prices;
    std::optional<CommittedChange> last;
  };
  std::vector<QueryRequest> queries_;
  std::vector<Target> targets_;
};

// Seeds a symbol's changes from its CURRENT record `c` and plans the HISTORY reads the
// window needs. The newest change, when CURRENT holds it, decides an instant at or after
// it: nothing to read. Otherwise the last committed change is a candidate (its record
// may not be written yet) and history is read: the last change at or before the start
// and, for a series, the changes in the range.
void plan_changes(const detail::DatabaseContext& ctx, const std::string& account_id,
                  const CurrentRecord& c, Window window, std::size_t index, Timeline& t,
                  TimelineReads& reads) {
  const std::string& symbol = c.position.symbol;
  t.symbol = symbol;
  auto current_at = Timestamp::parse(c.position.timestamp);
  auto newest = c.newest_change();
  const bool newest_in_window = current_at && *current_at <= window.to && newest;
  if (newest_in_window) add_change(t, *newest);
  if (newest_in_window && !window.series) return;
  for (const CommittedChange& uncertain : uncertain_changes(c)) add_change(t, uncertain.change);
  reads.changes(index, history_at_query(ctx, account_id, symbol, window.from), c.last_change);
  if (window.series) {
    reads.changes(index, history_range_query(ctx, account_id, symbol, window.from, window.to),
                  c.last_change);
  }
  // The record after the window carries a change in it whose own record may be missing.
  if (current_at && *current_at > window.to) {
    reads.changes(index, history_after_query(ctx, account_id, symbol, window.to), c.last_change);
  }
}

// Per symbol of the account's CURRENT records (in symbol order), a timeline seeded and
// its HISTORY reads planned in `reads`.
std::vector<Timeline> plan_all_changes(const detail::DatabaseContext& ctx,
                                       const std::string& account_id, Window window,
                                       TimelineReads& reads) {
  auto currents =
      query_prefix(ctx, keys::account_pk(account_id), keys::kCurrentPrefix, true, false);
  std::vector<Timeline> timelines(currents.size());
  for (std::size_t i = 0; i < currents.size(); ++i) {
    plan_changes(ctx, account_id, current_from_item(currents[i]), window, i, timelines[i], reads);
  }
  return timelines;
}

// The length of a price's timestamp as this package writes it.
constexpr std::size_t kPriceTextSize = 27;

// Seeds a symbol's prices with META's newest price (`newest`, when it is not after the
// window) and plans the price reads the window needs: none for an instant that price
// decides, else the last price at or before the start and, for a series, those in the
// range.
void plan_prices(const detail::DatabaseContext& ctx, const std::optional<PricePoint>& newest,
                 Window window, std::size_t index, Timeline& t, TimelineReads& reads) {
  std::optional<Timestamp> quoted;
  if (newest) quoted = Timestamp::parse(newest->timestamp);
  const bool newest_in_window = quoted && *quoted <= window.to;
  if (newest_in_window) add_price(t, *newest);
  if (newest_in_window && !window.series) return;
  reads.prices(index, price_at_query(ctx, t.symbol, window.from));
  if (!window.series) return;
  reads.prices(index, price_range_query(ctx, t.symbol, window.from, window.to));
  // Room for a daily price over the window (the most a symbol usually has), so that the
  // list is not copied as it grows.
  const std::int64_t days = (window.to.micros() - window.from.micros()) / Timestamp::kMicrosPerDay;
  const auto room = static_cast<std::size_t>(std::clamp<std::int64_t>(days + 3, 0, 8192));
  t.prices.reserve(t.prices.size() + room);
  t.price_texts.reserve(t.price_texts.size() + room * kPriceTextSize);
}

// Plans the price reads of every one of `timelines` (their symbols set) for `window`,
// after one batch read of the instruments' newest prices.
void plan_all_prices(const detail::DatabaseContext& ctx, std::vector<Timeline>& timelines,
                     Window window, TimelineReads& reads,
                     const std::map<std::string, PricePoint>* known_newest = nullptr) {
  const std::map<std::string, PricePoint> newest =
      known_newest ? *known_newest : newest_prices(ctx, symbols_of(timelines), false);
  for (std::size_t i = 0; i < timelines.size(); ++i) {
    auto it = newest.find(timelines[i].symbol);
    plan_prices(ctx, it == newest.end() ? std::nullopt : std::optional(it->second), window, i,
                timelines[i], reads);
  }
}

// Whether `name` is `text`; with a constant `text`, compared inline (no call per name of
// each price record read).
inline bool is_named(const std::string& name, std::string_view text) {
  return name.size() == text.size() && std::memcmp(name.data(), text.data(), text.size()) == 0;
}

// Adds a price quoted at `timestamp` (left out when it does not parse; `at`, when given,
// is its parsed instant).
void add_quote(Timeline& t, std::string_view timestamp, const Decimal& price,
               std::optional<Timestamp> at = std::nullopt) {
  if (!at) at = Timestamp::parse(timestamp);
  if (!at) return;
  // A timestamp that parses is short, so offsets stay far below 2^32 for any history.
  const std::size_t offset = t.price_texts.size();
  if (offset + timestamp.size() > UINT32_MAX) throw std::length_error("timeline prices");
  t.price_texts += timestamp;
  t.prices.push_back({*at, static_cast<std::uint32_t>(offset),
                      static_cast<std::uint32_t>(timestamp.size()), price});
}

}  // namespace

void add_change(Timeline& t, const PositionChange& change) {
  if (auto at = Timestamp::parse(change.timestamp)) t.changes.push_back({*at, change});
}

void add_price(Timeline& t, const PricePoint& price) { add_quote(t, price.timestamp, price.price); }

void add_price_item(Timeline& t, const Item& item) {
  // The attributes price_from_item() reads, each of the type it requires, found in one
  // pass; anything else (a legacy key, a missing or mistyped attribute) goes through
  // price_from_item(), which says what is wrong.
  const Value* sk = nullptr;
  const Value* symbol = nullptr;
  const Value* price = nullptr;
  const Value* timestamp = nullptr;
  bool plain = true;
  for (const auto& [name, value] : item) {
    if (value.is_null()) continue;
    if (is_named(name, kSk)) {
      sk = &value;
    } else if (is_named(name, kSymbolKey)) {
      symbol = &value;
    } else if (is_named(name, "price")) {
      price = &value;
    } else if (is_named(name, "timestamp")) {
      timestamp = &value;
    } else if (is_named(name, "volume")) {
      plain = plain && value.is_n();
    } else if (is_named(name, "source")) {
      plain = plain && value.is_s();
    } else if (is_named(name, kPk)) {
      plain = false;
    }
  }
  plain = plain && sk && sk->is_s() && symbol && symbol->is_s() && price && price->is_n() &&
          (!timestamp || timestamp->is_s());
  // The key is a time of this package's fixed width (not a legacy one) that parses.
  const std::string* key = plain ? &sk->s() : nullptr;
  const std::optional<Timestamp> key_at = key ? legacy::parse_fixed_width(*key) : std::nullopt;
  if (!key_at) {
    add_price(t, price_from_item(item));
    return;
  }
  if (timestamp && !timestamp->s().empty() && timestamp->s() != *key) {
    add_quote(t, timestamp->s(), price->n());
  } else {
    add_quote(t, *key, price->n(), key_at);
  }
}

std::vector<std::string> symbols_of(const std::vector<Timeline>& timelines) {
  std::vector<std::string> symbols;
  for (const Timeline& t : timelines) symbols.push_back(t.symbol);
  return symbols;
}

std::vector<Timeline> holdings_at(const detail::DatabaseContext& ctx, const std::string& account_id,
                                  Timestamp at) {
  TimelineReads reads;
  auto timelines = plan_all_changes(ctx, account_id, Window{at, at}, reads);
  reads.run(ctx, timelines);
  std::erase_if(timelines, [&](const Timeline& t) {
    const PositionChange* c = last_at_or_before(t.changes, at);
    return !c || c->quantity.sign() <= 0;
  });
  return timelines;
}

std::vector<Timeline> read_timelines(const detail::DatabaseContext& ctx,
                                     const std::string& account_id, Window window) {
  TimelineReads reads;
  auto timelines = window.series ? plan_all_changes(ctx, account_id, window, reads)
                                 : holdings_at(ctx, account_id, window.to);
  plan_all_prices(ctx, timelines, window, reads);
  reads.run(ctx, timelines);
  return timelines;
}

std::vector<Timeline> read_price_timelines(const detail::DatabaseContext& ctx,
                                           const std::vector<std::string>& symbols,
                                           Window window,
                                           const std::map<std::string, PricePoint>* newest) {
  TimelineReads reads;
  std::vector<Timeline> timelines(symbols.size());
  for (std::size_t i = 0; i < symbols.size(); ++i) timelines[i].symbol = symbols[i];
  plan_all_prices(ctx, timelines, window, reads, newest);
  reads.run(ctx, timelines);
  return timelines;
}

}  // namespace alexdb::alex
