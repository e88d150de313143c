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

ReturnDays read_return_days(const std::shared_ptr<detail::DatabaseContext>& context,
                            std::string_view account_id, const ReturnPeriod& period,
                            const std::optional<std::string>& as_known_at,
                            const std::optional<std::string>& benchmark) {
  const std::int64_t n = period.days;
  const std::string last_point = period.point(n).to_string();
  auto ledger = detail::make_model<Transactions>(context).list(account_id, std::nullopt, last_point,
                                                               std::nullopt, as_known_at);
  const std::vector<std::string> traded = alex::traded_symbols(ledger);
  std::optional<Timestamp> known;
  if (as_known_at) known = alex::validate::timestamp(*as_known_at, "as_known_at");
  const std::vector<Split> splits = alex::splits_until(*context, traded, period.point(n), known);

  // The ledger swept day by day: units held and cash at each day's end, flows by day.
  alex::LotBook book(CostMethod::kFifo);
  std::size_t next = 0, next_split = 0;
  auto split_until = [&](const std::string& until) {
    for (; next_split < splits.size() && splits[next_split].effective <= until; ++next_split) {
      book.split(splits[next_split].symbol, splits[next_split].ratio_from,
                 splits[next_split].ratio_to);
    }
  };
  Decimal cash;
  std::vector<Decimal> cash_at(n + 1);
  std::vector<std::vector<std::pair<std::string, Decimal>>> held(n + 1);
  std::vector<std::pair<std::size_t, const Transaction*>> flow_of_day;
  std::set<std::string> priced(benchmark ? std::set<std::string>{*benchmark}
                                         : std::set<std::string>{});
  for (std::int64_t t = 0; t <= n; ++t) {
    const std::string until = period.point(t).to_string();
    for (; next < ledger.size() && ledger[next].timestamp <= until; ++next) {
      const Transaction& tx = ledger[next];
      split_until(tx.timestamp);
      returns_apply_trade(book, tx);
      cash += alex::cash_moved(tx);
      if (t > 0 && is_external_flow(tx.type)) {
        flow_of_day.emplace_back(static_cast<std::size_t>(t), &tx);
        if (tx.symbol) priced.insert(*tx.symbol);
      }
    }
    split_until(until);
    cash_at[t] = cash;
    for (const std::string& symbol : traded) {
      Decimal units = book.held(symbol);
      if (units.sign() <= 0) continue;
      priced.insert(symbol);
      held[t].emplace_back(symbol, std::move(units));
    }
  }

  const std::vector<std::string> symbols(priced.begin(), priced.end());
  const std::vector<alex::Timeline> timelines = alex::read_price_timelines(
      *context, symbols, alex::Window{period.point(0), period.point(n), true});
  auto timeline_of = [&](const std::string& symbol) -> const alex::Timeline* {
    auto it = std::lower_bound(symbols.begin(), symbols.end(), symbol);
    return it != symbols.end() && *it == symbol ? &timelines[it - symbols.begin()] : nullptr;
  };

  ReturnDays d;
  d.dates.reserve(n + 1);
  d.daily.values.resize(n + 1);
  d.daily.inflows.resize(n + 1);
  d.daily.outflows.resize(n + 1);
  d.net.resize(n + 1);
  std::map<std::string, MissingPriceDays> missing;
  for (std::int64_t t = 0; t <= n; ++t) {
    d.dates.push_back(period.date(t));
    const Timestamp point = period.point(t);
    Decimal value = cash_at[t];
    for (const auto& [symbol, units] : held[t]) {
      const Decimal* price = returns_price_at(timeline_of(symbol), point);
      if (!price) {
        note_missing(missing, symbol, d.dates.back());
        d.first_missing_day = std::min<std::size_t>(d.first_missing_day, t);
        continue;
      }
      value += Decimal::multiply(units, *price, kMoneyPlaces);
    }
    d.daily.values[t] = std::move(value);
    if (benchmark) d.benchmark_prices.emplace_back();
    if (benchmark) {
      if (const Decimal* p = returns_price_at(timeline_of(*benchmark), point)) {
        d.benchmark_prices.back() = *p;
      }
    }
  }
  for (const auto& [t, tx] : flow_of_day) {
    Decimal amount;
    if (tx->type == "DEPOSIT" || tx->type == "WITHDRAWAL") {
      amount = tx->amount.value_or(Decimal());
    } else if (tx->symbol && tx->quantity) {
      const Decimal* market = returns_price_at(timeline_of(*tx->symbol), period.point(t));
      const Decimal price = market ? *market : tx->price.value_or(Decimal());
      amount = Decimal::multiply(*tx->quantity, price, kMoneyPlaces);
    }
    const bool in = tx->type == "DEPOSIT" || tx->type == "TRANSFER_IN";
    (in ? d.daily.inflows[t] : d.daily.outflows[t]) += amount;
    const Decimal signed_amount = in ? amount : Decimal() - amount;
    d.net[t] += signed_amount;
    d.flows.push_back({d.dates[t], tx->id, tx->type, signed_amount});
  }
  for (auto& [symbol, m] : missing) d.missing.push_back(std::move(m));
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
