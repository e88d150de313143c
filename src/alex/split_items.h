// Splits as stored: <symbol> / SPLIT#<effective> in the instruments table (keys.h), and
// the reads lots and gains make of them.
#ifndef ALEXDB_ALEX_SPLIT_ITEMS_H_
#define ALEXDB_ALEX_SPLIT_ITEMS_H_

#include <optional>
#include <string>
#include <vector>

#include "alex/context.h"
#include "alexdb/ledger.h"
#include "alexdb/timestamp.h"

namespace alexdb::alex {

// The stored item of a split.
Item split_item(const Split& split);
// The split an item holds. StoreError for an item that is not one.
Split split_from_item(const Item& item);

// The splits of each of `symbols` recorded by `as_known_at` (unset: all), ordered by
// effective time (ties: by symbol): one query per symbol, issued together.
std::vector<Split> read_splits(const detail::DatabaseContext& ctx,
                               const std::vector<std::string>& symbols,
                               std::optional<Timestamp> as_known_at);
// The symbols whose units `ledger` moves (BUY, SELL, transfers), in order, once each.
std::vector<std::string> traded_symbols(const std::vector<Transaction>& ledger);
// read_splits of `symbols` without those taking effect after `until` (unset: any time).
std::vector<Split> splits_until(const detail::DatabaseContext& ctx,
                                const std::vector<std::string>& symbols,
                                std::optional<Timestamp> until,
                                std::optional<Timestamp> as_known_at);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_SPLIT_ITEMS_H_
