// The ledger's results (SPEC section 12): lots held and gains realized, computed from an
// account's transactions by one of four cost methods, in exact decimals.
#ifndef ALEXDB_LEDGER_H_
#define ALEXDB_LEDGER_H_

#include <string>
#include <string_view>

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

// Digits after the point of Lot::cost_per_unit.
inline constexpr int kCostPerUnitPlaces = 8;

}  // namespace alexdb

#endif  // ALEXDB_LEDGER_H_
