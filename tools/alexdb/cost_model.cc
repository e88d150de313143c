#include "cost_model.h"

namespace alexdb::cli {

namespace {

// A millionth and 1/2^20 (a KB in GB), both exact decimals, so every product is exact.
const Decimal& per_million() {
  static const Decimal millionth = Decimal::parse("0.000001");
  return millionth;
}
const Decimal& gb_per_kb() {
  static const Decimal fraction = Decimal::parse("0.00000095367431640625");
  return fraction;
}

}  // namespace

Decimal derived_storage_gb(const Decimal& write_units_per_month, const Decimal& months) {
  return write_units_per_month * months * gb_per_kb();
}

MonthlyEstimate estimate(const std::vector<CallCost>& calls, const Prices& prices,
                         const std::optional<Decimal>& storage_gb) {
  MonthlyEstimate out;
  for (const CallCost& call : calls) {
    if (!call.in_estimate) continue;
    out.requests += Decimal::from_int(call.once.requests) * call.per_month;
    out.read_units += call.once.read_units * call.per_month;
    out.write_units += call.once.write_units * call.per_month;
  }
  out.storage_gb =
      storage_gb ? *storage_gb : derived_storage_gb(out.write_units, Decimal::from_int(12));
  out.read_cost = out.read_units * prices.read_per_million * per_million();
  out.write_cost = out.write_units * prices.write_per_million * per_million();
  out.storage_cost = out.storage_gb * prices.storage_per_gb_month;
  out.total = out.read_cost + out.write_cost + out.storage_cost;
  return out;
}

}  // namespace alexdb::cli
