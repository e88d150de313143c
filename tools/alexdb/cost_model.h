// The arithmetic of `alexdb cost`: a monthly on-demand DynamoDB bill from the measured
// capacity of each call and a stated usage, exact in Decimal.
#ifndef ALEXDB_TOOLS_ALEXDB_COST_MODEL_H_
#define ALEXDB_TOOLS_ALEXDB_COST_MODEL_H_

#include <optional>
#include <string>
#include <vector>

#include "alexdb/capacity.h"
#include "alexdb/decimal.h"

namespace alexdb::cli {

// Published on-demand prices of us-east-1 (Standard table class), USD, as found in
// 2026-11 (unchanged since the cut of November 2024). DynamoDB's free 25 GB of storage
// is not subtracted.
inline constexpr const char* kWritePricePerMillion = "0.625";
inline constexpr const char* kReadPricePerMillion = "0.125";
inline constexpr const char* kStoragePricePerGbMonth = "0.25";

// One measured call: what it costs once, and how many times a month the usage makes it.
struct CallCost {
  std::string call;          // "position change", ...
  CapacityCounts once;       // measured on the representative workload
  Decimal per_month;         // calls a month (whole number)
  bool in_estimate = true;   // false: shown in the table only (one-time calls)
};

struct Prices {
  Decimal write_per_million;
  Decimal read_per_million;
  Decimal storage_per_gb_month;
};

struct MonthlyEstimate {
  Decimal requests;      // API requests a month
  Decimal read_units;    // read request units a month
  Decimal write_units;   // write request units a month
  Decimal storage_gb;    // stated, or derived (derived_storage_gb)
  Decimal read_cost;     // read_units / 1e6 * read price
  Decimal write_cost;    // write_units / 1e6 * write price
  Decimal storage_cost;  // storage_gb * storage price
  Decimal total;         // the three costs
};

// An upper bound of the data a year of this usage stores: every write unit is at most
// 1 KB written, so write units a month x `months` KB (a rewrite counts again), in GB
// (2^30 bytes).
Decimal derived_storage_gb(const Decimal& write_units_per_month, const Decimal& months);

// The monthly sums of the calls in the estimate and their costs at `prices`, exact.
// `storage_gb` unset: derived_storage_gb(write units, 12).
MonthlyEstimate estimate(const std::vector<CallCost>& calls, const Prices& prices,
                         const std::optional<Decimal>& storage_gb);

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_COST_MODEL_H_
