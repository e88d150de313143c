// Stored returns checkpoints (SPEC section 12 "Speed", issue 18): per account and calendar
// month, the inputs of returns that a period's computation needs for each day (the
// account's value at the day's end, its external inflows and outflows, the symbols
// without a price, the flows), kept as RETURNS#<YYYY-MM> records in the account's
// partition so that a returns call reads a month as one small record instead of every
// price of every held symbol.
//
// A checkpoint is used only while it still says what a computation would: it records
//   - a digest of the ledger and splits up to the month's end (every transaction's id,
//     revision and time), so a recorded, corrected or voided transaction dated in or
//     before the month, or a split, makes it stale, and one dated after it does not;
//   - for each priced symbol whose newest price (META) was at or before the month's end,
//     that price; for every other priced symbol, that its newest price was after it: a
//     change of META's newest price that reaches into the month makes it stale;
//   - when it was computed: a price record written or deleted below the newest since
//     then, marked by price_edits.h, makes it stale from the mark's date on.
// Returns as known at a past moment (as_known_at) neither read nor write checkpoints.
#ifndef ALEXDB_ALEX_RETURNS_CHECKPOINTS_H_
#define ALEXDB_ALEX_RETURNS_CHECKPOINTS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alex/context.h"
#include "alexdb/decimal.h"
#include "alexdb/records.h"
#include "alexdb/returns.h"
#include "alexdb/timestamp.h"

namespace alexdb::alex {

// What returns need of one day (period-independent).
struct ReturnDay {
  Decimal value;                     // at the day's end, the priced holdings and cash
  Decimal inflow;                    // external inflows of the day (magnitude)
  Decimal outflow;                   // external outflows of the day (magnitude)
  std::vector<std::string> missing;  // held symbols without a price at the day's end
  std::vector<ReturnFlow> flows;     // the day's external flows (signed), by time

  friend bool operator==(const ReturnDay&, const ReturnDay&) = default;
};

// One stored month.
struct ReturnsCheckpoint {
  std::string month;            // YYYY-MM
  std::vector<ReturnDay> days;  // one per day of the month
  Timestamp computed_at;        // when its computation began (its price reads after it)
  std::string ledger_digest;    // ledger_digest() up to the month's end
  // Newest-price stamps (newest_price_stamp) of the priced symbols whose newest price
  // was at or before the month's end.
  std::map<std::string, std::string> newest;

  friend bool operator==(const ReturnsCheckpoint&, const ReturnsCheckpoint&) = default;
};

// The month (YYYY-MM) of an instant, its first instant, and the first of the next month
// (nullopt after 9999-12).
std::string month_of(Timestamp at);
Timestamp month_start(const std::string& month);
std::optional<Timestamp> next_month_start(const std::string& month);

// A running digest of ledger versions and splits, taken in time order.
class LedgerDigest {
 public:
  void add(const Transaction& t);
  void add(const Split& s);
  // The digest of what was added so far (transactions and splits kept apart).
  std::string text() const;

 private:
  std::uint64_t transactions_ = 14695981039346656037ULL;
  std::uint64_t splits_ = 14695981039346656037ULL;
};

// The stamp of an instrument's newest price as META holds it ("" for none).
std::string newest_price_stamp(const std::optional<PricePoint>& newest);

// The stored checkpoints of `account_id` for the months first..last (YYYY-MM), by month:
// one query. A record that does not read back as a checkpoint of this format is left out
// (it is recomputed and written over).
std::map<std::string, ReturnsCheckpoint> read_returns_checkpoints(
    const detail::DatabaseContext& ctx, const std::string& account_id, const std::string& first,
    const std::string& last);

// Stores checkpoints (batch writes, 25 a request), but for one too large for an item.
void write_returns_checkpoints(const detail::DatabaseContext& ctx, const std::string& account_id,
                               const std::vector<ReturnsCheckpoint>& checkpoints);

// The item of a checkpoint, and the checkpoint of an item (nullopt when it is not one of
// this format): exposed for tests.
Item returns_checkpoint_item(const std::string& account_id, const ReturnsCheckpoint& c);
std::optional<ReturnsCheckpoint> returns_checkpoint_from_item(const Item& item);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_RETURNS_CHECKPOINTS_H_
