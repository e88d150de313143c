// Cash from the ledger (SPEC section 12): what each transaction adds to or takes from an
// account's cash, and the balance at a moment. Pure: the transactions are read by the
// caller.
#ifndef ALEXDB_ALEX_CASH_H_
#define ALEXDB_ALEX_CASH_H_

#include <vector>

#include "alexdb/decimal.h"
#include "alexdb/ledger.h"
#include "alexdb/timestamp.h"

namespace alexdb::alex {

// What `t` moves into the account's cash (negative: out), exactly: DEPOSIT, DIVIDEND and
// INTEREST add their amount, WITHDRAWAL and FEE take it; a BUY takes price x quantity
// plus its fees, a SELL adds price x quantity less its fees; transfers move units, not
// cash. A voided transaction moves nothing.
Decimal cash_moved(const Transaction& t);

// The cash after the transactions of `ledger` (in time order) up to each of `points`
// (increasing): one sweep.
std::vector<Decimal> cash_at_points(const std::vector<Transaction>& ledger,
                                    const std::vector<Timestamp>& points);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_CASH_H_
