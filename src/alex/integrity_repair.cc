// Database::repair(): completes what the interrupted writes that check_integrity found
// left, each through the data layer's own protocol.
#include <algorithm>

#include "alex/integrity.h"
#include "alex/record_items.h"
#include "alexdb/database.h"
#include "alexdb/errors.h"

namespace alexdb {
namespace {

// Writes the copy of a committed record where no item has its key (a concurrent writer
// may have written it since the check).
void put_missing(const detail::DatabaseContext& ctx, Item item) {
  try {
    ctx.store->put({ctx.users_table, std::move(item),
                    cond::attribute_not_exists(std::string(alex::kPk)), ReturnValues::kNone});
  } catch (const ConditionFailed&) {
    // Written already.
  }
}

}  // namespace

RepairReport Database::repair() {
  alex::IntegrityCheck found = alex::check_integrity(*context_);
  RepairReport result;
  result.attempted = found.repairs.size();
  if (result.attempted == 0) {
    result.after = std::move(found.report);
    return result;
  }
  const alex::Repairs& repairs = found.repairs;
  // A history read completes a position's or a price's last committed change.
  for (const auto& ref : repairs.positions) positions.get_position_history(ref.account_id, ref.symbol);
  for (const Item& account : repairs.account_records) {
    put_missing(*context_, alex::account_listing_of(account));
  }
  for (const Item& pointer : repairs.job_pointers) put_missing(*context_, pointer);
  for (const std::string& symbol : repairs.prices) instruments.get_price_history(symbol);
  for (const PricePoint& p : repairs.stale_prices) {
    instruments.update_price(p.symbol, p.price, p.volume, p.timestamp, p.source.value_or("manual"));
  }
  result.after = verify();
  result.completed = result.attempted - std::min(result.after.repairable, result.attempted);
  return result;
}

}  // namespace alexdb
