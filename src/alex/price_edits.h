// Price edit marks: what keeps stored returns checkpoints (returns_checkpoints.h) honest
// about prices. A checkpoint holds an account's daily values of a month, computed from
// its symbols' prices. A change of META's newest price is seen by comparing META; a
// price record written or deleted below it (a back-dated price, an import's history, a
// delete) is not. So each such write first puts an EDIT#<at>#<token> record in the
// instrument's partition: `from`, the earliest price time it touches, and `at`, when the
// write began by the library's clock.
//
// A checkpoint computed at C is stale for a symbol when one of its edits has
// at >= C - kPriceEditWindowMicros and from <= the checkpoint's last instant. The window
// covers a write still landing while the checkpoint read its prices: a write of prices
// must finish, and the clocks of the processes sharing a store must agree, within it.
// Edits are small and only those of the last window are read.
#ifndef ALEXDB_ALEX_PRICE_EDITS_H_
#define ALEXDB_ALEX_PRICE_EDITS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "alex/context.h"
#include "alexdb/store.h"
#include "alexdb/timestamp.h"

namespace alexdb::alex {

// How long a price write may take, and how far clocks may disagree: one hour.
inline constexpr std::int64_t kPriceEditWindowMicros = 3'600'000'000;

// The put of an edit mark of `symbol`: a write that began at `at` touches prices from
// `from` (fixed-width) on.
WriteOp price_edit_put(const detail::DatabaseContext& ctx, const std::string& symbol, Timestamp at,
                       const std::string& from);
// Writes edit marks (batch writes; none for none). A writer of prices writes its marks
// first and its records after this returns, so that no record lands without its mark,
// also when the writer dies in between.
void put_price_edits(const detail::DatabaseContext& ctx, const std::vector<WriteOp>& edits);

// One edit mark.
struct PriceEdit {
  Timestamp at;
  Timestamp from;
};

// The edit marks of each of `symbols` made at or after `since`, by symbol (symbols
// without any are left out): one consistent query per symbol, in one round.
std::map<std::string, std::vector<PriceEdit>> price_edits_since(
    const detail::DatabaseContext& ctx, const std::vector<std::string>& symbols, Timestamp since);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_PRICE_EDITS_H_
