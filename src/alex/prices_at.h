// Prices of many symbols at one instant, by the rule every valuation follows: a symbol's
// last price at or before the instant, its instrument's newest price counting even before
// that price's own record is written (price_log.h).
#ifndef ALEXDB_ALEX_PRICES_AT_H_
#define ALEXDB_ALEX_PRICES_AT_H_

#include <map>
#include <string>
#include <vector>

#include "alex/context.h"
#include "alexdb/decimal.h"
#include "alexdb/timestamp.h"

namespace alexdb::alex {

// The last price at or before `at` of each of `symbols` that has one, by symbol (a
// symbol without one is absent). One batch read of the instruments (none for no
// symbols), then one reverse, limit-1 query per symbol whose newest price is after `at`
// or unknown, issued in parallel where the engine can.
std::map<std::string, Decimal> prices_at(const detail::DatabaseContext& ctx,
                                         const std::vector<std::string>& symbols, Timestamp at);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_PRICES_AT_H_
