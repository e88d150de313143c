// The write protocol of positions (SPEC sections 3 and 9), without transactions:
//
//   1. Read the CURRENT record (consistent). It carries the last committed change
//      (`last_change`: everything that change's HISTORY record holds, plus the call's
//      request token and, for a back-dated change, the timestamp of the record after it).
//   2. Roll forward (complete_change): if that change's HISTORY record is missing (a
//      writer died between its writes), write it, and give the record after a
//      back-dated change its new previous quantity. Every change older than the last
//      one is known to be complete, because its successor's writer did this step
//      before committing.
//   3. Commit: a conditional update of CURRENT on the version read (or on absence),
//      setting the new version and `last_change`; a newest change also moves the
//      quantity and timestamp. CURRENT's `head` keeps the newest change's record whole
//      while `last_change` is a back-dated one, so readers never build a record.
//      A ConditionFailed is either a lost race (start again at 1) or this call's own
//      commit whose response was lost and retried by the engine: the request token,
//      read back, tells which.
//   4. Write the new HISTORY record (and for a back-dated change, the successor's
//      previous quantity). Their content is fixed by the commit, so writing them again
//      (a retry, a roll-forward by another process) never duplicates anything. A
//      failure here does not fail the call: the change is committed, and the next read
//      or write completes it.
//
// Timestamps of one position's changes are unique (position_plan.h): a newest change takes
// max(now, last + 1 us), a past change the first free microsecond at or after the time
// asked for; `previous_quantity` is always the quantity of the record before in time.
#ifndef ALEXDB_ALEX_POSITION_LOG_H_
#define ALEXDB_ALEX_POSITION_LOG_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alex/context.h"
#include "alexdb/timestamp.h"
#include "alexdb/records.h"

namespace alexdb::alex {

// A committed change as CURRENT's `last_change` holds it.
struct CommittedChange {
  PositionChange change;
  std::string request_token;             // empty on records written before tokens
  std::optional<std::string> successor;  // a back-dated change: the next record's timestamp
};

// A CURRENT record as read.
struct CurrentRecord {
  Position position;
  std::optional<CommittedChange> last_change;  // unset on records without one
  std::optional<PositionChange> head;          // the newest change, when not last_change

  // The stored HISTORY record of the newest change (the one at position.timestamp),
  // when this record holds it; nullopt when only a history query can tell (records
  // written before `head` existed).
  std::optional<PositionChange> newest_change() const;
};

// Reads the CURRENT record of a position (consistent read), or nullopt.
std::optional<CurrentRecord> read_current(const detail::DatabaseContext& ctx,
                                          const std::string& account_id, const std::string& symbol);
// The CURRENT record in a stored item.
CurrentRecord current_from_item(const Item& item);
// The query for a position's HISTORY records with timestamps in [start, end] (unset:
// unbounded), in time order, consistent; the caller follows its pages.
QueryRequest history_range_query(const detail::DatabaseContext& ctx, const std::string& account_id,
                                 const std::string& symbol, std::optional<Timestamp> start,
                                 std::optional<Timestamp> end);
// The query for a position's last change at or before `at` (reverse, limit 1).
QueryRequest history_at_query(const detail::DatabaseContext& ctx, const std::string& account_id,
                              const std::string& symbol, Timestamp at);

// The roll-forward (step 2), the one place that completes a committed change; writers
// call complete_change, readers of history roll_forward, readers that never write (time
// travel) see records through as_completed.
//
// Completes what the commit of `committed` (a CURRENT record's `last_change`) promised:
// writes its HISTORY record unless a consistent read finds it, and for a back-dated
// change gives the record after it (`successor`) its quantity as previous quantity,
// unless a change committed later sits between them. Idempotent and safe to run
// concurrently with writers: every write is conditional and its content fixed by the
// commit. Throws the store's errors.
void complete_change(const detail::DatabaseContext& ctx, const std::string& account_id,
                     const CommittedChange& committed);
// A HISTORY record as it reads once `last` is complete: the successor of a back-dated
// change has that change's quantity as previous quantity; any other record is unchanged.
PositionChange as_completed(PositionChange record, const CommittedChange& last);
// The roll-forward of a reader of history. `records` are the position's HISTORY records
// with timestamps in [from, to] (unset: unbounded), in time order, read (consistently)
// after the CURRENT record whose `last_change` is `last`. When they show `last`
// incomplete (its record missing from the range, or its successor's previous quantity
// not moved yet), runs complete_change; returns the records as they read once `last` is
// complete (its record inserted in time order, the successor's previous quantity set).
std::vector<PositionChange> roll_forward(const detail::DatabaseContext& ctx,
                                         const std::string& account_id, const CommittedChange& last,
                                         std::vector<PositionChange> records,
                                         std::optional<Timestamp> from,
                                         std::optional<Timestamp> to);

// The action of an upsert (add_position): BUY when the position is not held (no
// CURRENT record, or quantity 0) at the commit, UPDATE otherwise.
inline constexpr std::string_view kBuyOrUpdate = "BUY or UPDATE";

// Records one change of a validated position; `at` unset means now. `action` is a
// validated action or kBuyOrUpdate, decided on the CURRENT record the commit is
// conditional on, so concurrent upserts of a new position record one BUY. Returns the
// change as committed; applies it exactly once, also when the engine retried a write
// whose response was lost. Throws ConditionFailed after too many lost races in a row.
PositionChange record_change(const detail::DatabaseContext& ctx, const std::string& account_id,
                             const std::string& symbol, const Decimal& quantity,
                             std::string_view action, std::optional<Timestamp> at);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_POSITION_LOG_H_
