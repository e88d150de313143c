// An account's ledger replayed through a lot book: the step db.portfolio's lots and gains
// share. Pure: the transactions are read by the caller.
#ifndef ALEXDB_ALEX_LEDGER_REPLAY_H_
#define ALEXDB_ALEX_LEDGER_REPLAY_H_

#include <vector>

#include "alex/lot_book.h"
#include "alexdb/ledger.h"

namespace alexdb::alex {

// The lots left and what each sale realized.
struct Replayed {
  LotBook book;
  std::vector<RealizedGain> realized;  // by time of sale, each sale's lots as drawn
};

// Applies `ledger` (in time order) to a book of `method`: BUY buys, SELL sells,
// TRANSFER_IN acquires at its price, TRANSFER_OUT draws without realizing; other types
// are left out. Each of `splits` (by effective time) applies to the lots held just before
// it: before every transaction at or after its effective time. A SELL or TRANSFER_OUT of
// more than is held: ValidationError "quantity" naming the transaction, its symbol and
// the units held.
Replayed replay_ledger(const std::vector<Transaction>& ledger, CostMethod method,
                       const std::vector<Split>& splits = {});

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_LEDGER_REPLAY_H_
