// The ledger's results (SPEC section 12): lots held and gains realized, computed from an
// account's transactions by one of four cost methods, in exact decimals.
#ifndef ALEXDB_LEDGER_H_
#define ALEXDB_LEDGER_H_

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/decimal.h"

namespace alexdb {

// Which lots a sale or transfer out draws on, and at what cost.
enum class CostMethod {
  kFifo,     // the earliest acquired first
  kLifo,     // the latest acquired first
  kHifo,     // the highest cost per unit first (ties: the earliest acquired)
  kAverage,  // one pool per symbol at its average cost per unit
};

// "fifo", "lifo", "hifo" or "average" as a CostMethod; ValidationError naming `field`
// and the four names otherwise.
CostMethod parse_cost_method(std::string_view text, std::string_view field = "method");
// The name parse_cost_method reads.
std::string_view cost_method_name(CostMethod method);

// Units of one symbol acquired together (a purchase or a transfer in; under kAverage, the
// symbol's pool). cost_basis is exact; cost_per_unit is cost_basis / quantity rounded
// half-even to kCostPerUnitPlaces.
struct Lot {
  std::string symbol;
  Decimal quantity;
  Decimal cost_per_unit;
  Decimal cost_basis;
  std::string acquired;  // the timestamp of the acquisition (a pool: of its first)

  friend bool operator==(const Lot&, const Lot&) = default;
};

// What a sale realized from one lot: a sale that draws on several lots gives one entry
// per lot, its proceeds and fees split by quantity. gain = proceeds - fees - cost_basis.
struct RealizedGain {
  std::string symbol;
  Decimal quantity;
  Decimal proceeds;    // quantity x the sale's price
  Decimal fees;        // this entry's share of the sale's fees
  Decimal cost_basis;  // what the units cost, purchase fees included
  Decimal gain;
  std::string acquired;  // when the lot was acquired (the holding period's start)
  std::string sold;      // when the sale happened

  friend bool operator==(const RealizedGain&, const RealizedGain&) = default;
};

// What one symbol held at a moment would gain if sold at its price then: quantity and
// cost_basis are the sums of its open lots, value = quantity x the price (rounded as
// records.h kMoneyPlaces says), gain = value - cost_basis.
struct UnrealizedGain {
  std::string symbol;
  Decimal quantity;
  Decimal cost_basis;
  Decimal value;
  Decimal gain;

  friend bool operator==(const UnrealizedGain&, const UnrealizedGain&) = default;
};

// An account's gains over a period (SPEC section 12): what its sales in the period
// realized, and what it holds at the period's end would gain at the prices then.
struct Gains {
  std::vector<RealizedGain> realized;      // by time of sale, each sale's lots in the order drawn
  Decimal realized_total;                  // the sum of realized gains
  std::vector<UnrealizedGain> unrealized;  // by symbol; symbols with a price only
  Decimal unrealized_total;                // the sum of unrealized gains
  // The symbols held at the end without a price at or before it: listed here, never
  // valued at 0, and left out of unrealized and unrealized_total.
  std::vector<std::string> missing_prices;

  friend bool operator==(const Gains&, const Gains&) = default;
};

// Digits after the point of Lot::cost_per_unit.
inline constexpr int kCostPerUnitPlaces = 8;

// What a transaction records (SPEC section 12), by type:
//   BUY, SELL                  symbol, quantity > 0, price per unit >= 0, fees >= 0
//   TRANSFER_IN, TRANSFER_OUT  symbol, quantity > 0, price = the cost per unit moved
//   DEPOSIT, WITHDRAWAL, INTEREST, DIVIDEND, FEE
//                              amount > 0 (the cash moved); a symbol for DIVIDEND and
//                              FEE when they belong to one holding
// A field the type does not use is a ValidationError naming it.
struct TransactionInput {
  std::string type;
  std::optional<std::string> symbol;
  std::optional<Decimal> quantity;  // at most 8 decimal places
  std::optional<Decimal> price;     // 0 to 999999
  Decimal fees;                     // >= 0; BUY and SELL only
  std::optional<Decimal> amount;
  // When it happened (a date alone: its close, 21:00 UTC; not later than now + 1 day);
  // unset: now.
  std::optional<std::string> timestamp;
  // The transaction's id in the system it came from (a broker's, a CSV file's): recording
  // one external id twice in an account records it once (1 to 128 characters, no '#',
  // whitespace or control characters).
  std::optional<std::string> external_id;
  std::optional<std::string> note;  // free text, at most 1024 characters
};

// One transaction as known at some moment: its newest version recorded by then.
struct Transaction {
  std::string id;
  std::string account_id;
  std::string type;
  std::optional<std::string> symbol;
  std::optional<Decimal> quantity;
  std::optional<Decimal> price;
  Decimal fees;
  std::optional<Decimal> amount;
  std::string timestamp;  // when it happened (fixed-width UTC)
  std::optional<std::string> external_id;
  std::optional<std::string> note;
  std::string recorded_at;  // when this version was recorded, by the library's clock
  int revision = 0;         // 0 as first recorded, then one more per correction or void
  bool voided = false;

  friend bool operator==(const Transaction&, const Transaction&) = default;
};

// The columns of a CSV file of transactions (Transactions::import_csv) whose headers are
// not the fields' own names: field ("timestamp", "quantity", ...) -> the column's header.
using CsvMapping = std::map<std::string, std::string, std::less<>>;

// What Transactions::import_csv did.
struct ImportReport {
  std::int64_t rows = 0;      // the data rows of the file
  std::int64_t recorded = 0;  // transactions recorded
  // Rows recorded before (their external id, or the id derived from a row without one,
  // with the same fields): not recorded again, their positions not moved again (but for
  // a trade an earlier import died before moving: see import_csv).
  std::int64_t already_present = 0;

  friend bool operator==(const ImportReport&, const ImportReport&) = default;
};

// A split of an instrument (SPEC section 12's corporate actions): from `effective` on,
// every `ratio_from` units are `ratio_to` units (a 2-for-1 split: 1 and 2; a 1-for-10
// reverse split: 10 and 1), at the same total cost. Trades at or after `effective` are in
// the new units; quantities recorded before it stay as recorded.
struct Split {
  std::string symbol;
  Decimal ratio_from;
  Decimal ratio_to;
  std::string effective;    // fixed-width UTC (a date alone: the start of that day)
  std::string recorded_at;  // when it was recorded, by the library's clock

  friend bool operator==(const Split&, const Split&) = default;
};

// The transaction types, in the order of the table above.
inline constexpr std::array<std::string_view, 9> kTransactionTypes = {
    "BUY",        "SELL",     "TRANSFER_IN", "TRANSFER_OUT", "DEPOSIT",
    "WITHDRAWAL", "INTEREST", "DIVIDEND",    "FEE"};

}  // namespace alexdb

#endif  // ALEXDB_LEDGER_H_
