// Portfolio::allocation (SPEC section 12): a valuation of the account at a moment (the
// valuations' price rule, valuation.cc), each position's value spread over its
// instrument's allocation map of the kind asked for.
#include "alexdb/allocation.h"

#include <string>
#include <utility>

#include "alex/model_support.h"
#include "alex/validation.h"
#include "alexdb/database.h"
#include "alexdb/errors.h"
#include "alexdb/validation.h"

namespace alexdb {

AllocationKind parse_allocation_kind(std::string_view text, std::string_view field) {
  if (text == "asset_class") return AllocationKind::kAssetClass;
  if (text == "region") return AllocationKind::kRegion;
  if (text == "sector") return AllocationKind::kSector;
  throw ValidationError(std::string(field), "one of asset_class, region, sector",
                        "got '" + std::string(text.substr(0, 40)) + "'");
}

std::string_view allocation_kind_name(AllocationKind kind) {
  switch (kind) {
    case AllocationKind::kAssetClass:
      return "asset_class";
    case AllocationKind::kRegion:
      return "region";
    case AllocationKind::kSector:
      return "sector";
  }
  return "asset_class";
}

namespace {

// Digits kept of a value times a percent (more than any stored value and percent have).
constexpr int kAllocationProductPlaces = 30;

// The map of `kind` of `instrument`.
const Allocation& allocation_map(const Instrument& instrument, AllocationKind kind) {
  switch (kind) {
    case AllocationKind::kRegion:
      return instrument.allocation_regions;
    case AllocationKind::kSector:
      return instrument.allocation_sectors;
    case AllocationKind::kAssetClass:
      break;
  }
  return instrument.allocation_asset_class;
}

// Adds `value` spread over `shares` (percents of any positive sum) to `values`; an empty
// map, or one whose percents sum to 0, puts it all under kUnclassified.
void spread_value(std::map<std::string, Decimal>& values, const Decimal& value,
                  const Allocation& shares) {
  Decimal sum;
  for (const auto& [key, percent] : shares) sum += percent;
  if (sum.sign() <= 0) {
    values[std::string(kUnclassified)] += value;
    return;
  }
  for (const auto& [key, percent] : shares) {
    if (percent.is_zero()) continue;
    values[key] += Decimal::divide(Decimal::multiply(value, percent, kAllocationProductPlaces), sum,
                                   kMoneyPlaces);
  }
}

}  // namespace

AllocationReport Portfolio::allocation(std::string_view account_id, std::optional<std::string> at,
                                       std::string_view by) const {
  if (at) validate::timestamp(*at, "at");  // checked here, so an error names `at`
  const AllocationKind kind = parse_allocation_kind(by);
  auto positions = detail::make_model<Positions>(context_);
  const Valuation valuation = at ? positions.get_account_value_at_date(account_id, *at)
                                 : positions.get_portfolio_value(account_id);
  AllocationReport report;
  report.at = valuation.as_of_date;
  report.by = std::string(allocation_kind_name(kind));
  report.total_value = valuation.total_value;
  for (const MissingPrice& m : valuation.missing_prices) report.missing_prices.push_back(m.symbol);
  std::vector<std::string> symbols;
  for (const PositionValue& p : valuation.positions) symbols.push_back(p.symbol);
  const std::map<std::string, Instrument> instruments =
      symbols.empty() ? std::map<std::string, Instrument>{}
                      : alex::cached_instruments(*context_, symbols);
  static const Allocation kNoMap;
  for (const PositionValue& p : valuation.positions) {
    auto instrument = instruments.find(p.symbol);
    spread_value(
        report.values, p.value,
        instrument == instruments.end() ? kNoMap : allocation_map(instrument->second, kind));
  }
  if (report.total_value.sign() > 0) {
    for (const auto& [key, value] : report.values) {
      report.weights[key] =
          Decimal::divide(value * Decimal::from_int(100), report.total_value, kWeightPlaces);
    }
  }
  return report;
}

}  // namespace alexdb
