// The write protocol of positions (SPEC sections 3, 9 and 11), without transactions.
// CURRENT is the commit point; HISTORY records are written after it, idempotently, and
// whatever a writer that died between the two left is completed by the next read or
// write. Two ways to commit:
//
// The fast path (a change dated now or after the newest, the common case): 2 requests,
// no read first.
//   1. Commit: one update of CURRENT, conditional on its timestamp being before the
//      change's (or on its absence), that moves the quantity and timestamp, adds 1 to the
//      version, keeps the quantity before as `last_previous`, moves the last committed
//      change to `prior_change` and sets `last_change` to this one (with the call's
//      request token), returning the record as it was (ALL_OLD). A ConditionFailed is
//      this call's own commit retried by the engine after a lost response (the request
//      token, read back, tells) or a change that cannot be the newest at that time (a
//      clock behind the newest, two changes in one microsecond): the slow path decides.
//   2. Write the HISTORY record, which carries the change committed before it
//      (`carried`) as the old CURRENT held it. So a change whose writer died after its
//      commit stays readable: from CURRENT (`last_change`, then `prior_change`) and,
//      once later changes pushed it out, from the record after it, until a reader or
//      writer that meets it writes its record. (A change is lost only when the writers of
//      it and of the next change on the same position both die between their two writes,
//      with no read of that position in between.) A back-dated change found as the last
//      one is completed at once (its successor's previous quantity), not carried.
//
// The slow path (a back-dated change, or when the fast commit's condition fails):
//   1. Read the CURRENT record (consistent) and complete its last and prior changes
//      (complete_change) and any change carried by the record after the new one's time.
//   2. Commit: a conditional update of CURRENT on the version read (or on absence),
//      setting the new version and `last_change` whole; a newest change also moves the
//      quantity and timestamp. CURRENT's `head` keeps the newest change's record whole
//      while `last_change` is a back-dated one, so readers never build a record.
//   3. Write the new HISTORY record (and for a back-dated change, the successor's
//      previous quantity). A failure here does not fail the call.
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
  std::optional<CommittedChange> last_change;   // unset on records without one
  std::optional<PositionChange> head;           // the newest change, when not last_change
  std::optional<CommittedChange> prior_change;  // the change committed before last_change

  // The stored HISTORY record of the newest change (the one at position.timestamp),
  // when this record holds it; nullopt when only a history query can tell (records
  // written before `head` existed).
  std::optional<PositionChange> newest_change() const;
};

// The changes CURRENT holds that may have no HISTORY record yet: its last and prior.
std::vector<CommittedChange> uncertain_changes(const CurrentRecord& current);
// The change a HISTORY record carries (the one committed before it), if any; `record`
// is the record's own change (change_from_item(history_item)), when the caller has it.
std::optional<PositionChange> carried_change(const Item& history_item,
                                             const PositionChange& record);
std::optional<PositionChange> carried_change(const Item& history_item);

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
// The query for a position's first change after `at` (limit 1): the record that carries
// a change after `at` whose own record is missing.
QueryRequest history_after_query(const detail::DatabaseContext& ctx, const std::string& account_id,
                                 const std::string& symbol, Timestamp at);
// The query of a position's CURRENT record (one item), to run beside history queries.
QueryRequest current_query(const detail::DatabaseContext& ctx, const std::string& account_id,
                           const std::string& symbol);
// Writes the HISTORY record of a committed change unless one exists (a change found
// carried or in CURRENT without its record). Idempotent.
void write_missing_record(const detail::DatabaseContext& ctx, const std::string& account_id,
                          const PositionChange& change);

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

// A position's HISTORY records with timestamps in [from, to] (unset: unbounded), in time
// order, every committed change included: one round trip of eventually consistent
// queries issued in parallel (the range, page by page; the CURRENT record; and when `to`
// is set, the first record after it), completing any change found committed without its
// record (in CURRENT, or carried by the record after it) by writing that record.
std::vector<PositionChange> read_history(const detail::DatabaseContext& ctx,
                                         const std::string& account_id, const std::string& symbol,
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

// Moves a validated position by `units` (negative: fewer) at `at` (unset: now): the
// quantity after is the quantity held at the commit plus `units`, decided on the CURRENT
// record the commit is conditional on, so concurrent writers lose no units. Always the
// slow path: a consistent read of CURRENT, the commit and the HISTORY record (3 requests
// in the common case). ValidationError "timestamp" when `at` is before the position's
// newest change (moves of a position are applied in time order), "quantity" when the
// position would fall below 0; nothing is written then. `request_token` names the move
// (unset: a fresh one): a move whose token CURRENT holds already (as its last or prior
// change) is not applied again, and that change is returned.
PositionChange move_position(const detail::DatabaseContext& ctx, const std::string& account_id,
                             const std::string& symbol, const Decimal& units,
                             std::string_view action, std::optional<Timestamp> at,
                             std::optional<std::string> request_token = std::nullopt);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_POSITION_LOG_H_
