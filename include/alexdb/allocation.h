// An account's allocation at a moment (SPEC section 12): what it holds, valued by the
// valuations' price rule, spread over the keys of its instruments' allocation maps.
#ifndef ALEXDB_ALLOCATION_H_
#define ALEXDB_ALLOCATION_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/decimal.h"

namespace alexdb {

// Which of an instrument's allocation maps an allocation spreads its value over.
enum class AllocationKind {
  kAssetClass,  // allocation_asset_class
  kRegion,      // allocation_regions
  kSector,      // allocation_sectors
};

// "asset_class", "region" or "sector" as an AllocationKind; ValidationError
// naming `field` and the three names otherwise.
AllocationKind parse_allocation_kind(std::string_view text, std::string_view field = "by");
// The name parse_allocation_kind reads.
std::string_view allocation_kind_name(AllocationKind kind);

// The key of the value of an instrument without a map of the kind asked for (or without
// an instrument record).
inline constexpr std::string_view kUnclassified = "unclassified";
// Digits after the point of AllocationReport::weights.
inline constexpr int kWeightPlaces = 2;

// Where an account's value was at a moment (SPEC section 12, "Allocation").
struct AllocationReport {
  std::optional<std::string> at;  // the instant valued; unset for current prices
  std::string by;                 // the kind's name ("asset_class", "region", "sector")
  Decimal total_value;            // the value of the priced positions (as a valuation's)
  // Each key's percent of total_value, rounded half-even to kWeightPlaces (so they may
  // sum to 100 give or take rounding); empty when total_value is 0.
  std::map<std::string, Decimal> weights;
  // Each key's value: per position, its value x the key's percent / the sum of its
  // instrument's percents (a map summing to 99 still spreads the whole value), rounded
  // half-even to records.h kMoneyPlaces, summed.
  std::map<std::string, Decimal> values;
  // The symbols held without a price at or before `at`: left out of the values, never
  // valued at 0.
  std::vector<std::string> missing_prices;

  friend bool operator==(const AllocationReport&, const AllocationReport&) = default;
};

}  // namespace alexdb

#endif  // ALEXDB_ALLOCATION_H_
