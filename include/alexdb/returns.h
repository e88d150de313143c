// The ledger's returns (SPEC section 12, issue 18): time-weighted and money-weighted
// returns of an account over a period, the same for a benchmark symbol over the same
// flows, and a series of values and cumulative returns for charts. Results are exact
// decimals rounded half-even to kReturnPlaces; a return is a fraction (0.21 is 21%).
//
// Definitions (README "Returns"):
//   - Days: the period runs from the end of its start date to the end of its end date
//     (23:59:59.999999 UTC); day t's value V_t is the account's value at the end of day
//     t: its cash from the ledger plus each held symbol's units x its last price at or
//     before then (each product rounded to kMoneyPlaces, as valuations do).
//   - External flows are DEPOSIT (+amount), WITHDRAWAL (-amount), TRANSFER_IN (+units x
//     the symbol's price that day, the transfer's own price when there is none) and
//     TRANSFER_OUT (- the same), dated by their UTC day; flows on the start date are in
//     the start value. Dividends, interest, fees and trades are not flows.
//   - TWR: the product over days t = 1..n of (V_t + out_t) / (V_{t-1} + in_t), less 1
//     (in_t, out_t: the day's inflows and outflows as magnitudes; inflows count at the
//     start of the day, outflows at its end); a day whose denominator is 0 counts as 0.
//     For the period, not annualized; computed exactly (rationals) and then rounded.
//   - MWR: the annual rate r (actual/365) at which -V_0 at day 0, -net flow_t at day t
//     and +V_n at day n have a net present value of 0: of the roots r > -1, the one
//     whose ln(1 + r) a scan outward from 0 in steps of 0.01 (to +-30) brackets first,
//     refined to far below 1e-8. None (with a note) for a period of 0 days or when the
//     value has no root there (all flows of one sign).
//   - Benchmark: V_0 and every flow bought into the benchmark symbol at its price that
//     day (units = amount / price, exact); TWR: its price at the end over its price at
//     the start, less 1 (the chain of its daily price ratios); MWR: the rate of the same
//     flows with the benchmark holding's end value.
//   - Missing prices are reported, not skipped: a held symbol without a price at or
//     before a day's end is listed in missing_prices and the return is None (the values
//     then count what has a price); so is a benchmark without a price on a day it needs.
#ifndef ALEXDB_RETURNS_H_
#define ALEXDB_RETURNS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/decimal.h"

namespace alexdb {

// Digits after the point of every return.
inline constexpr int kReturnPlaces = 8;

// Which return: time-weighted or money-weighted.
enum class ReturnKind {
  kTwr,  // time-weighted, chained daily, for the period
  kMwr,  // money-weighted (XIRR), annualized
};

// "twr" or "mwr" (any case) as a ReturnKind; ValidationError naming `field` otherwise.
ReturnKind parse_return_kind(std::string_view text, std::string_view field = "kind");
// The name parse_return_kind reads.
std::string_view return_kind_name(ReturnKind kind);

// One external flow of a period: signed (positive: into the account).
struct ReturnFlow {
  std::string date;  // YYYY-MM-DD (UTC)
  std::string transaction_id;
  std::string type;  // DEPOSIT, WITHDRAWAL, TRANSFER_IN or TRANSFER_OUT
  Decimal amount;

  friend bool operator==(const ReturnFlow&, const ReturnFlow&) = default;
};

// A symbol without a price on some days of a period: the first and last such day.
struct MissingPriceDays {
  std::string symbol;
  std::string from;  // YYYY-MM-DD
  std::string to;    // YYYY-MM-DD

  friend bool operator==(const MissingPriceDays&, const MissingPriceDays&) = default;
};

// An account's return over [start, end] (see above).
struct Returns {
  ReturnKind kind = ReturnKind::kTwr;
  std::string start;  // YYYY-MM-DD
  std::string end;    // YYYY-MM-DD
  // The return as a fraction rounded to kReturnPlaces; unset when it cannot be told
  // (note says why).
  std::optional<Decimal> value;
  std::optional<std::string> benchmark;     // the symbol, when asked
  std::optional<Decimal> benchmark_return;  // unset without a benchmark or when it cannot be told
  Decimal start_value;                      // V_0
  Decimal end_value;                        // V_n
  std::vector<ReturnFlow> flows;            // the period's external flows, by time
  std::vector<MissingPriceDays> missing_prices;  // by symbol
  std::optional<std::string> note;               // why a return is unset

  friend bool operator==(const Returns&, const Returns&) = default;
};

// One point of a returns series.
struct ReturnPoint {
  std::string date;  // YYYY-MM-DD
  Decimal value;     // V at the end of that day
  Decimal flows;     // the net external flows after the previous point, up to this one
  // The time-weighted return from the series' start to this point (rounded to
  // kReturnPlaces); unset once a held symbol has missed a price.
  std::optional<Decimal> twr;

  friend bool operator==(const ReturnPoint&, const ReturnPoint&) = default;
};

}  // namespace alexdb

#endif  // ALEXDB_RETURNS_H_
