// The write protocol of positions (SPEC section 3), without transactions:
//
//   1. Read the CURRENT record (consistent). It carries the last committed change
//      (`last_change`: everything that change's HISTORY record holds).
//   2. Roll forward: if that change's HISTORY record is missing (a writer died between
//      its two writes), write it. Every change older than the last one is known to be
//      in history, because its successor's writer did this step before committing.
//   3. Commit: a conditional update of CURRENT on the version read (or on absence),
//      setting the new version and `last_change`; a newest change also moves the
//      quantity and timestamp. A lost race (ConditionFailed) starts again at 1.
//   4. Write the new HISTORY record. Its content is fixed by the commit, so writing it
//      again (a retry, a roll-forward by another process) never duplicates it.
//
// Timestamps of one position's changes are unique: a newest change takes
// max(now, last + 1 us), a past change the first free microsecond at or after the time
// asked for.
#ifndef ALEXDB_ALEX_POSITION_LOG_H_
#define ALEXDB_ALEX_POSITION_LOG_H_

#include <optional>
#include <string>
#include <string_view>

#include "alex/context.h"
#include "alex/timestamp.h"
#include "alexdb/records.h"

namespace alexdb::alex {

// A CURRENT record as read.
struct CurrentRecord {
  Position position;
  std::optional<PositionChange> last_change;  // unset on records without one
};

// Reads the CURRENT record of a position (consistent read), or nullopt.
std::optional<CurrentRecord> read_current(const detail::DatabaseContext& ctx,
                                          const std::string& account_id, const std::string& symbol);
// The CURRENT record in a stored item.
CurrentRecord current_from_item(const Item& item);
// The query for a position's last change at or before `at` (reverse, limit 1).
QueryRequest history_at_query(const detail::DatabaseContext& ctx, const std::string& account_id,
                              const std::string& symbol, Timestamp at);
// Writes the HISTORY record of `change` (idempotent).
void write_history(const detail::DatabaseContext& ctx, const std::string& account_id,
                   const PositionChange& change);
// The action of an upsert (add_position): BUY when the position is not held (no
// CURRENT record, or quantity 0) at the commit, UPDATE otherwise.
inline constexpr std::string_view kBuyOrUpdate = "BUY or UPDATE";

// Records one change of a validated position; `at` unset means now. `action` is a
// validated action or kBuyOrUpdate, decided on the CURRENT record the commit is
// conditional on, so concurrent upserts of a new position record one BUY. Returns the
// change as committed.
PositionChange record_change(const detail::DatabaseContext& ctx, const std::string& account_id,
                             const std::string& symbol, const Decimal& quantity,
                             std::string_view action, std::optional<Timestamp> at);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_POSITION_LOG_H_
