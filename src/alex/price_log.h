// The write protocol of prices (SPEC section 9): the instrument's META record is the
// commit point of a newest price, as CURRENT is for a position.
//
//   1. Read META (consistent). It carries the newest price whole (`last_price`, with the
//      request token of the call that committed it).
//   2. Roll forward: if that price's history record is missing (a writer died after its
//      commit), write it.
//   3. A price older than META's newest goes to history only (one idempotent put).
//      A newest price commits first: a conditional update of META on the price
//      timestamp read, setting current_price, price_timestamp and `last_price`. A
//      ConditionFailed is a lost race (start again at 1) or this call's own commit
//      whose response was lost and retried by the engine: the request token tells.
//   4. Write the price's history record. A failure here does not fail the call: the
//      price is committed, readers take META's `last_price` into account, and the next
//      write or history read completes it.
//
// So META's current price is never older than the newest price in history once a call
// has returned, and readers that trust META (valuation, current prices) and readers of
// history (price at a date, series) give the same price for the same instant.
#ifndef ALEXDB_ALEX_PRICE_LOG_H_
#define ALEXDB_ALEX_PRICE_LOG_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alex/context.h"
#include "alexdb/records.h"

namespace alexdb::alex {

// The newest price an instrument's META item holds: its `last_price`, or on items
// written before it, current_price at price_timestamp. nullopt when it has none.
std::optional<PricePoint> newest_price_of_meta(const Item& meta);

// META's newest price (newest_price_of_meta) of each of `symbols` whose instrument has
// one, by symbol: one batch read (none for no symbols), strongly consistent unless
// `consistent` is false. Readers of prices at a date take it into account, as its
// history record may not be written yet.
std::map<std::string, PricePoint> newest_prices(const detail::DatabaseContext& ctx,
                                                const std::vector<std::string>& symbols,
                                                bool consistent = true);

// Records a validated price through the protocol above, exactly once (also when the
// engine retried a write whose response was lost). NotFound when the instrument does
// not exist.
void record_price(const detail::DatabaseContext& ctx, const PricePoint& price);

// The commit for the newest price of a batch whose records the caller writes afterwards
// (imports), in one request with no read first: commits `price` as the instrument's
// newest unless META holds a newer one. Returns the newest price META held before, whose
// record the caller writes with the batch (its writer may have died before writing it);
// nullopt when there was none or `price` did not commit; `committed` says which. NotFound
// when the instrument does not exist.
std::optional<PricePoint> commit_newest_price(const detail::DatabaseContext& ctx,
                                              const PricePoint& price, bool& committed);

// Adds to `update` the commit of `price` (with request token `token`) as META's newest
// price, as commit_newest_price does (not `updated_at`: the caller's); `price_not_older`
// is its condition: META holds no price, an older one, or this one (a retried commit).
void add_newest_price(Update& update, const PricePoint& price, const std::string& token);
Condition price_not_older(const PricePoint& price);

// The request token of the newest price META holds (`last_price`), if it names one.
std::optional<std::string> newest_price_token(const Item& meta);

// Writes the history record of `price`, committed on META with `token` (step 4).
void write_committed_price(const detail::DatabaseContext& ctx, const PricePoint& price,
                           const std::string& token);

// Writes the history record of the price META holds if it is missing (step 2).
void complete_newest_price(const detail::DatabaseContext& ctx, const PricePoint& newest);

// Deletes the price of `symbol` at `timestamp` (fixed-width form). A price older than
// META's newest goes from history only (a read, then its edit mark and one delete). META's newest price: its record
// is deleted first, then META falls back to the newest remaining price (or to no current
// price), a conditional update on the commit number read (a lost race starts again),
// then the record is deleted once more (a reader may have completed it back in between).
// A process that dies before META's update leaves META naming the price: the next
// reader or writer completes its record, so the price is back, consistently. Returns 1
// when the price existed (as a record or as META's newest), else 0. ConditionFailed when
// concurrent price updates of the symbol win every retry.
int delete_price(const detail::DatabaseContext& ctx, const std::string& symbol,
                 const std::string& timestamp);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_PRICE_LOG_H_
