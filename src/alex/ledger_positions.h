// How the ledger's trades move positions (SPEC section 12; README "The ledger"). A BUY,
// SELL, TRANSFER_IN or TRANSFER_OUT moves its position by its units at its time, through
// the positions protocol (position_log.h, move_position), so positions and value at any
// date agree with the ledger. A position's trades are applied in time order: a trade
// dated before its position's last change is refused, as is one that would take a
// position below 0 (accounts hold no short positions). A correction or void that changes
// what a trade moves moves the position by the difference when it is recorded.
#ifndef ALEXDB_ALEX_LEDGER_POSITIONS_H_
#define ALEXDB_ALEX_LEDGER_POSITIONS_H_

#include <map>
#include <string>

#include "alex/context.h"
#include "alexdb/ledger.h"

namespace alexdb::alex {

// Units by symbol: what transactions move (positive: more held).
using UnitMoves = std::map<std::string, Decimal, std::less<>>;

// What `t` moves: +quantity for BUY and TRANSFER_IN, -quantity for SELL and
// TRANSFER_OUT; nothing for a voided or cash transaction.
UnitMoves units_moved(const Transaction& t);
// What replacing `before` by `after` (a correction or void) moves, by symbol; symbols
// whose units do not change are left out.
UnitMoves units_changed(const Transaction& before, const Transaction& after);

// Checks, on the position's CURRENT record (one consistent read), that trade `t` can move
// it at its time: ValidationError "timestamp" when the position changed after it,
// "quantity" when it would sell or transfer out more than held. Nothing for a cash
// transaction.
void check_trade_move(const detail::DatabaseContext& ctx, const Transaction& t);
// Moves the position of trade `t` at its time (action BUY, SELL or TRANSFER): 3 requests.
// Returns the time the position change was committed at (its time, or the first free
// microsecond after it when the position changed at that time already); empty for a
// cash transaction. The move is named by the trade's id: moving the same trade again
// while CURRENT holds its move does nothing more.
std::string apply_trade_move(const detail::DatabaseContext& ctx, const Transaction& t);

// Whether trade `t` (recorded, never corrected or voided) is known not to have moved its
// position: one consistent read of CURRENT per symbol it moves, which shows no change at
// or after the trade's time (a trade moves its position at its time or just after). A
// process that died between recording a trade and moving its position leaves this. False
// when a change at or after its time exists, whoever made it: the records do not tell.
bool trade_move_missing(const detail::DatabaseContext& ctx, const Transaction& t);

// Checks that every position of `account_id` can take `moves` now (none below 0): a
// consistent read per symbol. ValidationError "quantity" otherwise.
void check_moves_now(const detail::DatabaseContext& ctx, const std::string& account_id,
                     const UnitMoves& moves);
// Moves each position of `account_id` by its units now (action UPDATE): 3 requests each.
void apply_moves_now(const detail::DatabaseContext& ctx, const std::string& account_id,
                     const UnitMoves& moves);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_LEDGER_POSITIONS_H_
