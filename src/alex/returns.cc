// Portfolio::returns and returns_series (alexdb/returns.h): the daily values and external
// flows of a period are read from the ledger (as known at a moment), its splits and the
// symbols' prices, then handed to the pure arithmetic of returns_math.h.
#include "alexdb/returns.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

#include "alex/cash.h"
#include "alex/context.h"
#include "alex/lot_book.h"
#include "alex/price_edits.h"
#include "alex/price_log.h"
#include "alex/returns_checkpoints.h"
#include "alex/returns_math.h"
#include "alex/split_items.h"
#include "alex/timeline.h"
#include "alex/transaction_items.h"
#include "alex/validation.h"
#include "alexdb/database.h"
#include "alexdb/errors.h"
#include "alexdb/records.h"

namespace alexdb {

namespace {

constexpr std::int64_t kReturnDayMicros = Timestamp::kMicrosPerDay;
// The longest period, in days (as many as a value series has points).
constexpr std::int64_t kMaxReturnDays = 20'000;
constexpr std::size_t kNoDay = std::numeric_limits<std::size_t>::max();

// The days of a period: day t ends at first + t days, end of day.
struct ReturnPeriod {
  Timestamp first;  // the start date, 00:00 UTC
  std::int64_t days = 0;

  Timestamp day_start(std::int64_t t) const {
    return Timestamp(first.micros() + t * kReturnDayMicros);
  }
  Timestamp point(std::int64_t t) const { return day_start(t).end_of_day(); }
  std::string date(std::int64_t t) const { return day_start(t).date_string(); }
};

ReturnPeriod return_period(std::string_view start, std::string_view end) {
  const Timestamp from = alex::validate::timestamp(start, "start").start_of_day();
  const Timestamp to = alex::validate::timestamp(end, "end").start_of_day();
  alex::validate::start_not_after_end(from, to);
  const std::int64_t days = (to.micros() - from.micros()) / kReturnDayMicros;
  if (days > kMaxReturnDays) {
    throw ValidationError("end", "at most 20000 days after start",
                          "got " + std::to_string(days) + " days");
  }
  return {from, days};
}

// What a period's returns are computed from (one read of everything).
struct ReturnDays {
  std::vector<std::string> dates;
  alex::DailyFlows daily;    // V_t and the day's inflows and outflows (magnitudes)
  std::vector<Decimal> net;  // the day's net external flow (day 0: none counted)
  std::vector<ReturnFlow> flows;
  std::vector<MissingPriceDays> missing;
  std::size_t first_missing_day = kNoDay;                // the first day a held symbol had no price
  std::vector<std::optional<Decimal>> benchmark_prices;  // per day, when asked
};

bool is_external_flow(const std::string& type) {
  return type == "DEPOSIT" || type == "WITHDRAWAL" || type == "TRANSFER_IN" ||
         type == "TRANSFER_OUT";
}

// Applies a trade of the ledger to the book (as ledger_replay.h does; a draw of more than
// held propagates the book's ValidationError).
void returns_apply_trade(alex::LotBook& book, const Transaction& t) {
  if (!alex::moves_units(t.type) || !t.symbol || !t.quantity || !t.price) return;
  if (t.type == "BUY") {
    book.buy(*t.symbol, *t.quantity, *t.price, t.fees, t.timestamp);
  } else if (t.type == "SELL") {
    book.sell(*t.symbol, *t.quantity, *t.price, t.fees, t.timestamp);
  } else if (t.type == "TRANSFER_IN") {
    book.transfer_in(*t.symbol, *t.quantity, *t.price, t.timestamp);
  } else {
    book.transfer_out(*t.symbol, *t.quantity);
  }
}

// A price of `t` at or before `at`, or nullptr.
const Decimal* returns_price_at(const alex::Timeline* t, Timestamp at) {
  if (!t) return nullptr;
  const alex::DatedPrice* p = alex::last_at_or_before(t->prices, at);
  return p ? &p->price : nullptr;
}

// Notes a day without a price for `symbol`.
void note_missing(std::map<std::string, MissingPriceDays>& missing, const std::string& symbol,
                  const std::string& date) {
  auto [it, added] = missing.try_emplace(symbol, MissingPriceDays{symbol, date, date});
  if (!added) it->second.to = date;
}

// What the sweep of the ledger tells of each day: cash, units held and external flows.
struct LedgerDays {
  std::vector<std::string> symbols;  // the traded symbols, in order
  std::vector<Decimal> cash;
  // Units > 0 held at the day's end, by index into `symbols`.
  std::vector<std::vector<std::pair<std::uint32_t, Decimal>>> held;
  std::vector<std::vector<const Transaction*>> flows;  // external flows, by time

  std::uint32_t index_of(const std::string& symbol) const {
    return static_cast<std::uint32_t>(std::lower_bound(symbols.begin(), symbols.end(), symbol) -
                                      symbols.begin());
  }
};

// A calendar month of the sweep: its days first..last (last beyond the sweep's last day
// when the period ends within it), and the ledger digest at its end (whole months only).
struct SweepMonth {
  std::string month;
  std::int64_t first = 0;
  std::int64_t last = 0;
  bool whole = false;
  std::string digest;
};

// The ledger swept day by day over `days` (splits applied as they take effect), with the
// digest of the ledger and splits at the end of each whole month of `months`.
LedgerDays sweep_ledger(const std::vector<Transaction>& ledger, const std::vector<Split>& splits,
                        const std::vector<std::string>& traded, const ReturnPeriod& days,
                        std::vector<SweepMonth>& months) {
  const std::int64_t n = days.days;
  alex::LotBook book(CostMethod::kFifo);
  alex::LedgerDigest digest;
  LedgerDays out;
  out.symbols = traded;
  std::vector<Decimal> units(traded.size());  // the book's units of each symbol
  auto units_moved = [&](const std::string& symbol) {
    const std::uint32_t k = out.index_of(symbol);
    if (k < units.size() && traded[k] == symbol) units[k] = book.held(symbol);
  };
  std::size_t next = 0, next_split = 0;
  auto split_until = [&](const std::string& until) {
    for (; next_split < splits.size() && splits[next_split].effective <= until; ++next_split) {
      const Split& split = splits[next_split];
      book.split(split.symbol, split.ratio_from, split.ratio_to);
      units_moved(split.symbol);
      digest.add(split);
    }
  };
  out.cash.resize(n + 1);
  out.held.resize(n + 1);
  out.flows.resize(n + 1);
  Decimal cash;
  std::size_t month = 0;
  for (std::int64_t t = 0; t <= n; ++t) {
    const std::string until = days.point(t).to_string();
    for (; next < ledger.size() && ledger[next].timestamp <= until; ++next) {
      const Transaction& tx = ledger[next];
      split_until(tx.timestamp);
      returns_apply_trade(book, tx);
      if (tx.symbol && alex::moves_units(tx.type)) units_moved(*tx.symbol);
      digest.add(tx);
      cash += alex::cash_moved(tx);
      if (is_external_flow(tx.type)) out.flows[t].push_back(&tx);
    }
    split_until(until);
    out.cash[t] = cash;
    for (std::uint32_t k = 0; k < units.size(); ++k) {
      if (units[k].sign() > 0) out.held[t].emplace_back(k, units[k]);
    }
    for (; month < months.size() && months[month].last == t; ++month) {
      if (months[month].whole) months[month].digest = digest.text();
    }
  }
  return out;
}

// The calendar months of `days`, which starts on the first of a month.
std::vector<SweepMonth> sweep_months(const ReturnPeriod& days) {
  std::vector<SweepMonth> months;
  std::int64_t first = 0;
  while (first <= days.days) {
    const std::string month = alex::month_of(days.day_start(first));
    const auto start = alex::next_month_start(month);  // none after 9999-12: 31 days
    const std::int64_t next =
        start ? (start->micros() - days.first.micros()) / kReturnDayMicros : first + 31;
    months.push_back({month, first, next - 1, next - 1 <= days.days, {}});
    first = next;
  }
  return months;
}

// The symbols priced on days first..last: those held, and those transferred.
std::set<std::string> priced_on(const LedgerDays& ledger, std::int64_t first, std::int64_t last) {
  std::vector<bool> priced(ledger.symbols.size());
  std::set<std::string> symbols;
  for (std::int64_t t = first; t <= last && t < static_cast<std::int64_t>(ledger.held.size());
       ++t) {
    for (const auto& [k, units] : ledger.held[t]) priced[k] = true;
    for (const Transaction* tx : ledger.flows[t]) {
      if (tx->symbol) symbols.insert(*tx->symbol);
    }
  }
  for (std::size_t k = 0; k < priced.size(); ++k) {
    if (priced[k]) symbols.insert(ledger.symbols[k]);
  }
  return symbols;
}

// Whether a stored checkpoint still says what a computation of `m` would (see
// returns_checkpoints.h).
bool checkpoint_holds(const alex::ReturnsCheckpoint& c, const SweepMonth& m,
                      const std::set<std::string>& priced, Timestamp month_end,
                      const std::map<std::string, PricePoint>& newest,
                      const std::map<std::string, std::vector<alex::PriceEdit>>& edits) {
  if (c.ledger_digest != m.digest) return false;
  for (const std::string& symbol : priced) {
    auto now = newest.find(symbol);
    const std::optional<PricePoint> held =
        now == newest.end() ? std::nullopt : std::optional(now->second);
    if (auto stored = c.newest.find(symbol); stored != c.newest.end()) {
      if (alex::newest_price_stamp(held) != stored->second) return false;
    } else {
      auto at = held ? Timestamp::parse(held->timestamp) : std::nullopt;
      if (!at || *at <= month_end) return false;
    }
    if (auto marks = edits.find(symbol); marks != edits.end()) {
      for (const alex::PriceEdit& e : marks->second) {
        if (e.at.micros() >= c.computed_at.micros() - alex::kPriceEditWindowMicros &&
            e.from <= month_end) {
          return false;
        }
      }
    }
  }
  return true;
}

// Computes days first..last of `days` from the ledger sweep and the prices.
void compute_return_days(const LedgerDays& ledger, const ReturnPeriod& days, std::int64_t first,
                         std::int64_t last, const std::vector<alex::Timeline>& timelines,
                         std::vector<alex::ReturnDay>& out) {
  auto timeline_of = [&](const std::string& symbol) -> const alex::Timeline* {
    auto it = std::lower_bound(
        timelines.begin(), timelines.end(), symbol,
        [](const alex::Timeline& t, const std::string& s) { return t.symbol < s; });
    return it != timelines.end() && it->symbol == symbol ? &*it : nullptr;
  };
  std::vector<const alex::Timeline*> held_timelines(ledger.symbols.size());
  for (std::size_t k = 0; k < ledger.symbols.size(); ++k) {
    held_timelines[k] = timeline_of(ledger.symbols[k]);
  }
  for (std::int64_t t = first; t <= last; ++t) {
    alex::ReturnDay& d = out[t];
    d = alex::ReturnDay{};
    const Timestamp point = days.point(t);
    d.value = ledger.cash[t];
    for (const auto& [k, units] : ledger.held[t]) {
      const Decimal* price = returns_price_at(held_timelines[k], point);
      if (!price) {
        d.missing.push_back(ledger.symbols[k]);
        continue;
      }
      d.value += Decimal::multiply(units, *price, kMoneyPlaces);
    }
    for (const Transaction* tx : ledger.flows[t]) {
      Decimal amount;
      if (tx->type == "DEPOSIT" || tx->type == "WITHDRAWAL") {
        amount = tx->amount.value_or(Decimal());
      } else if (tx->symbol && tx->quantity) {
        const Decimal* market = returns_price_at(timeline_of(*tx->symbol), point);
        const Decimal price = market ? *market : tx->price.value_or(Decimal());
        amount = Decimal::multiply(*tx->quantity, price, kMoneyPlaces);
      }
      const bool in = tx->type == "DEPOSIT" || tx->type == "TRANSFER_IN";
      (in ? d.inflow : d.outflow) += amount;
      d.flows.push_back({days.date(t), tx->id, tx->type, in ? amount : Decimal() - amount});
    }
  }
}

// Reads the prices of days first..last and computes them.
void price_return_days(const std::shared_ptr<detail::DatabaseContext>& context,
                       const LedgerDays& ledger, const ReturnPeriod& days, std::int64_t first,
                       std::int64_t last, const std::map<std::string, PricePoint>& newest,
                       std::vector<alex::ReturnDay>& out) {
  const std::set<std::string> priced = priced_on(ledger, first, last);
  const std::vector<alex::Timeline> timelines = alex::read_price_timelines(
      *context, std::vector<std::string>(priced.begin(), priced.end()),
      alex::Window{days.point(first), days.point(last), true}, &newest);
  compute_return_days(ledger, days, first, last, timelines, out);
}

ReturnDays read_return_days(const std::shared_ptr<detail::DatabaseContext>& context,
                            std::string_view account_id, const ReturnPeriod& period,
                            const std::optional<std::string>& as_known_at,
                            const std::optional<std::string>& benchmark) {
  const Timestamp began = context->now();
  const std::string id(account_id);
  const std::int64_t n = period.days;
  // The sweep runs from the first of the start date's month, so that every month it
  // computes is whole (and can be stored); period day t is sweep day offset + t.
  const Timestamp first = alex::month_start(alex::month_of(period.first));
  const std::int64_t offset = (period.first.micros() - first.micros()) / kReturnDayMicros;
  const ReturnPeriod days{first, offset + n};
  auto ledger = detail::make_model<Transactions>(context).list(
      account_id, std::nullopt, period.point(n).to_string(), std::nullopt, as_known_at);
  const std::vector<std::string> traded = alex::traded_symbols(ledger);
  std::optional<Timestamp> known;
  if (as_known_at) known = alex::validate::timestamp(*as_known_at, "as_known_at");
  const std::vector<Split> splits = alex::splits_until(*context, traded, period.point(n), known);
  std::vector<SweepMonth> months = sweep_months(days);
  const LedgerDays swept = sweep_ledger(ledger, splits, traded, days, months);

  // The symbols priced in each month, and META's newest prices of all of them read once
  // (consistently: checkpoints are checked against them).
  std::vector<std::set<std::string>> priced(months.size());
  std::set<std::string> all_priced;
  for (std::size_t j = 0; j < months.size(); ++j) {
    priced[j] = priced_on(swept, months[j].first, months[j].last);
    all_priced.insert(priced[j].begin(), priced[j].end());
  }
  if (benchmark) all_priced.insert(*benchmark);
  const std::map<std::string, PricePoint> newest = alex::newest_prices(
      *context, std::vector<std::string>(all_priced.begin(), all_priced.end()), true);

  // The stored months that still hold; the others are computed.
  const bool checkpointed = !as_known_at;
  std::vector<alex::ReturnDay> all(days.days + 1);
  std::vector<bool> computed(months.size(), true);
  const std::string last_whole =
      months.back().whole ? months.back().month
                          : (months.size() > 1 ? months[months.size() - 2].month : "");
  std::map<std::string, alex::ReturnsCheckpoint> stored;
  if (checkpointed && !last_whole.empty()) {
    stored = alex::read_returns_checkpoints(*context, id, months.front().month, last_whole);
  }
  std::map<std::string, std::vector<alex::PriceEdit>> edits;
  if (!stored.empty()) {
    Timestamp since = began;
    std::set<std::string> symbols;
    for (std::size_t j = 0; j < months.size(); ++j) {
      auto c = stored.find(months[j].month);
      if (c == stored.end()) continue;
      since = std::min(since, c->second.computed_at);
      symbols.insert(priced[j].begin(), priced[j].end());
    }
    edits = alex::price_edits_since(
        *context, std::vector<std::string>(symbols.begin(), symbols.end()),
        Timestamp(std::max<std::int64_t>(0, since.micros() - alex::kPriceEditWindowMicros)));
  }
  for (std::size_t j = 0; j < months.size(); ++j) {
    const SweepMonth& m = months[j];
    auto c = stored.find(m.month);
    if (!m.whole || c == stored.end() ||
        !checkpoint_holds(c->second, m, priced[j], days.point(m.last), newest, edits)) {
      continue;
    }
    std::move(c->second.days.begin(), c->second.days.end(), all.begin() + m.first);
    computed[j] = false;
  }
  // The computed months in at most two runs of price reads: the first month alone when
  // the next is stored, then from the next computed month to the end.
  std::size_t j = 0;
  while (j < months.size() && !computed[j]) ++j;
  if (j < months.size()) {
    std::size_t run_end = j;
    if (j + 1 < months.size() && !computed[j + 1]) {
      price_return_days(context, swept, days, months[j].first, months[j].last, newest, all);
      run_end = j + 1;
      while (run_end < months.size() && !computed[run_end]) ++run_end;
    }
    if (run_end < months.size()) {
      std::size_t last = months.size() - 1;
      while (!computed[last]) --last;
      price_return_days(context, swept, days, months[run_end].first,
                        std::min(months[last].last, days.days), newest, all);
    }
  }

  // Store the whole months computed that ended before this call began.
  if (checkpointed) {
    std::vector<alex::ReturnsCheckpoint> fresh;
    for (std::size_t k = 0; k < months.size(); ++k) {
      const SweepMonth& m = months[k];
      const Timestamp month_end = days.point(m.last);
      if (!computed[k] || !m.whole || month_end >= began) continue;
      alex::ReturnsCheckpoint c;
      c.month = m.month;
      c.days.assign(all.begin() + m.first, all.begin() + m.last + 1);
      c.computed_at = began;
      c.ledger_digest = m.digest;
      for (const std::string& symbol : priced[k]) {
        auto it = newest.find(symbol);
        const std::optional<PricePoint> held =
            it == newest.end() ? std::nullopt : std::optional(it->second);
        auto at = held ? Timestamp::parse(held->timestamp) : std::nullopt;
        if (!at || *at <= month_end) c.newest.emplace(symbol, alex::newest_price_stamp(held));
      }
      if (checkpoint_holds(c, m, priced[k], month_end, newest, edits)) fresh.push_back(std::move(c));
    }
    try {
      alex::write_returns_checkpoints(*context, id, fresh);
    } catch (const Error& e) {  // a checkpoint not stored is computed again next time
      context->log(LogLevel::kWarning,
                   std::string("returns checkpoints of ") + id + " not stored: " + e.what());
    }
  }

  // The period's days.
  ReturnDays d;
  d.dates.reserve(n + 1);
  d.daily.values.resize(n + 1);
  d.daily.inflows.resize(n + 1);
  d.daily.outflows.resize(n + 1);
  d.net.resize(n + 1);
  std::map<std::string, MissingPriceDays> missing;
  for (std::int64_t t = 0; t <= n; ++t) {
    alex::ReturnDay& day = all[offset + t];
    d.dates.push_back(period.date(t));
    d.daily.values[t] = std::move(day.value);
    for (const std::string& symbol : day.missing) {
      note_missing(missing, symbol, d.dates.back());
      d.first_missing_day = std::min<std::size_t>(d.first_missing_day, t);
    }
    if (t == 0) continue;  // flows on the start date are in the start value
    d.daily.inflows[t] = std::move(day.inflow);
    d.daily.outflows[t] = std::move(day.outflow);
    for (ReturnFlow& f : day.flows) {
      d.net[t] += f.amount;
      d.flows.push_back(std::move(f));
    }
  }
  for (auto& [symbol, m] : missing) d.missing.push_back(std::move(m));
  if (benchmark) {
    const std::vector<alex::Timeline> bench = alex::read_price_timelines(
        *context, {*benchmark}, alex::Window{period.point(0), period.point(n), true}, &newest);
    for (std::int64_t t = 0; t <= n; ++t) {
      const Decimal* p = returns_price_at(&bench.front(), period.point(t));
      d.benchmark_prices.push_back(p ? std::optional(*p) : std::nullopt);
    }
  }
  return d;
}

void add_note(Returns& r, const std::string& text) {
  r.note = r.note ? *r.note + "; " + text : text;
}

std::string missing_note(const std::vector<MissingPriceDays>& missing) {
  std::string symbols;
  for (const MissingPriceDays& m : missing) symbols += (symbols.empty() ? "" : ", ") + m.symbol;
  return "prices missing for " + symbols + " (see missing_prices)";
}

// The flows of the money-weighted rate: -V_0, -net_t, +end at day n.
std::vector<alex::DatedAmount> mwr_amounts(const ReturnDays& d, const alex::Rational& end) {
  std::vector<alex::DatedAmount> amounts;
  const std::size_t n = d.dates.size() - 1;
  amounts.push_back({0, alex::Rational() - alex::Rational(d.daily.values[0])});
  for (std::size_t t = 1; t <= n; ++t) {
    if (!d.net[t].is_zero()) {
      amounts.push_back(
          {static_cast<std::int64_t>(t), alex::Rational() - alex::Rational(d.net[t])});
    }
  }
  amounts.push_back({static_cast<std::int64_t>(n), end});
  return amounts;
}

void benchmark_returns(Returns& r, ReturnDays& d, ReturnKind kind, const std::string& symbol) {
  const std::size_t n = d.dates.size() - 1;
  std::vector<std::size_t> needed{0};
  if (kind == ReturnKind::kMwr) {
    for (std::size_t t = 1; t < n; ++t) {
      if (!d.net[t].is_zero()) needed.push_back(t);
    }
  }
  if (n > 0) needed.push_back(n);
  std::optional<MissingPriceDays> missing;
  for (std::size_t t : needed) {
    const auto& p = d.benchmark_prices[t];
    if (p && p->sign() > 0) continue;
    if (!missing) missing = MissingPriceDays{symbol, d.dates[t], d.dates[t]};
    missing->to = d.dates[t];
  }
  if (missing) {
    auto at = std::lower_bound(
        d.missing.begin(), d.missing.end(), symbol,
        [](const MissingPriceDays& m, const std::string& s) { return m.symbol < s; });
    if (at == d.missing.end() || at->symbol != symbol) {
      r.missing_prices.insert(r.missing_prices.begin() + (at - d.missing.begin()), *missing);
    }
    add_note(r,
             "no benchmark return: " + symbol + " has no price greater than 0 on a day it needs");
    return;
  }
  const alex::Rational first(*d.benchmark_prices[0]);
  const alex::Rational last(*d.benchmark_prices[n]);
  if (kind == ReturnKind::kTwr) {
    r.benchmark_return = (last / first - alex::Rational(Decimal::from_int(1))).round(kReturnPlaces);
    return;
  }
  if (!d.missing.empty()) {
    add_note(r, "no benchmark return: the start value and flows lack prices");
    return;
  }
  if (n == 0) return;  // noted with the account's rate
  alex::Rational units = alex::Rational(d.daily.values[0]) / first;
  for (std::size_t t = 1; t <= n; ++t) {
    if (!d.net[t].is_zero()) {
      units = units + alex::Rational(d.net[t]) / alex::Rational(*d.benchmark_prices[t]);
    }
  }
  std::string why;
  r.benchmark_return = alex::xirr(mwr_amounts(d, units * last), why);
  if (!r.benchmark_return) add_note(r, "benchmark: " + why);
}

std::vector<std::int64_t> return_series_days(const ReturnPeriod& period, const std::string& step) {
  std::vector<std::int64_t> days;
  if (step == "monthly") {
    const std::string start = period.date(0);
    const int year = std::stoi(start.substr(0, 4)), month = std::stoi(start.substr(5, 2));
    const int day = std::stoi(start.substr(8, 2));
    for (int k = 0;; ++k) {
      const int m0 = month - 1 + k, y = year + m0 / 12, m = m0 % 12 + 1;
      std::optional<Timestamp> date;
      for (int dd = day; dd >= 1 && !date; --dd) {
        char text[32];
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, dd);
        date = Timestamp::parse(text);
      }
      if (!date) break;
      const std::int64_t t =
          (date->start_of_day().micros() - period.first.micros()) / kReturnDayMicros;
      if (t > period.days) break;
      days.push_back(t);
    }
  } else {
    const std::int64_t stride = step == "weekly" ? 7 : 1;
    for (std::int64_t t = 0; t <= period.days; t += stride) days.push_back(t);
  }
  if (days.back() != period.days) days.push_back(period.days);
  return days;
}

}  // namespace

ReturnKind parse_return_kind(std::string_view text, std::string_view field) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "twr") return ReturnKind::kTwr;
  if (lower == "mwr") return ReturnKind::kMwr;
  throw ValidationError(std::string(field), "twr or mwr", "got '" + std::string(text) + "'");
}

std::string_view return_kind_name(ReturnKind kind) {
  return kind == ReturnKind::kTwr ? "twr" : "mwr";
}

Returns Portfolio::returns(std::string_view account_id, std::string_view start,
                           std::string_view end, ReturnKind kind,
                           std::optional<std::string> benchmark,
                           std::optional<std::string> as_known_at) const {
  const std::string id = alex::validate::id(account_id, "account_id");
  const ReturnPeriod period = return_period(start, end);
  if (benchmark) benchmark = alex::validate::symbol(*benchmark, "benchmark");
  if (as_known_at) alex::validate::timestamp(*as_known_at, "as_known_at");
  ReturnDays d = read_return_days(context_, id, period, as_known_at, benchmark);
  Returns r;
  r.kind = kind;
  r.start = d.dates.front();
  r.end = d.dates.back();
  r.benchmark = benchmark;
  r.start_value = d.daily.values.front();
  r.end_value = d.daily.values.back();
  r.flows = d.flows;
  r.missing_prices = d.missing;
  const std::size_t n = d.dates.size() - 1;
  if (!d.missing.empty()) {
    add_note(r, "no return: " + missing_note(d.missing));
  } else if (kind == ReturnKind::kTwr) {
    r.value = (alex::twr_growth(d.daily).back() - alex::Rational(Decimal::from_int(1)))
                  .round(kReturnPlaces);
  } else if (n == 0) {
    add_note(r, "no money-weighted rate for a period of 0 days");
  } else {
    std::string why;
    r.value = alex::xirr(mwr_amounts(d, alex::Rational(d.daily.values[n])), why);
    if (!r.value) add_note(r, why);
  }
  if (benchmark) benchmark_returns(r, d, kind, *benchmark);
  return r;
}

std::vector<ReturnPoint> Portfolio::returns_series(std::string_view account_id,
                                                   std::string_view start, std::string_view end,
                                                   std::string_view step,
                                                   std::optional<std::string> as_known_at) const {
  const std::string id = alex::validate::id(account_id, "account_id");
  const ReturnPeriod period = return_period(start, end);
  const std::string step_name = alex::validate::step(step);
  if (as_known_at) alex::validate::timestamp(*as_known_at, "as_known_at");
  const ReturnDays d = read_return_days(context_, id, period, as_known_at, std::nullopt);
  const std::vector<alex::Rational> growth = alex::twr_growth(d.daily);
  const alex::Rational one(Decimal::from_int(1));
  std::vector<ReturnPoint> points;
  std::size_t previous = 0;
  for (std::int64_t day : return_series_days(period, step_name)) {
    const auto t = static_cast<std::size_t>(day);
    ReturnPoint& p = points.emplace_back();
    p.date = d.dates[t];
    p.value = d.daily.values[t];
    for (std::size_t k = previous + 1; k <= t && t > 0; ++k) p.flows += d.net[k];
    if (t < d.first_missing_day) p.twr = (growth[t] - one).round(kReturnPlaces);
    previous = t;
  }
  return points;
}

}  // namespace alexdb
