// What one attempt of a position change commits (step 3 of position_log.h), decided on
// the CURRENT record it read: the action, the version, the previous quantity and, above
// all, the time, which keeps a position's timestamps unique.
#ifndef ALEXDB_ALEX_POSITION_PLAN_H_
#define ALEXDB_ALEX_POSITION_PLAN_H_

#include <optional>
#include <string>

#include "alex/context.h"
#include "alex/position_log.h"
#include "alexdb/timestamp.h"

namespace alexdb::alex {

// One call of record_change: a validated change of one position.
struct ChangeRequest {
  std::string account_id;
  std::string symbol;
  Decimal quantity;
  std::string action;           // a validated action, or kBuyOrUpdate
  std::optional<Timestamp> at;  // unset: now
  std::string request_token;    // the call's, the same on every attempt
  // A move by units (move_position): `quantity` is decided on each attempt's CURRENT
  // record, as the quantity held plus these units.
  std::optional<Decimal> units;
};

// What one attempt commits.
struct Plan {
  CommittedChange committed;
  bool newest = true;                  // the change becomes the position's newest
  std::optional<PositionChange> head;  // a back-dated change: the newest record, kept whole
};

// The plan of `request` on the CURRENT record read (`current`, nullopt when the position
// has none), at the clock's `now`. Reads the history only for a back-dated change (to
// find its slot, the quantity before it and the record after it).
Plan plan_change(const detail::DatabaseContext& ctx, const ChangeRequest& request,
                 const std::optional<CurrentRecord>& current, Timestamp now);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_POSITION_PLAN_H_
