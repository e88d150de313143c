// The queries that read prices from the instruments table: a symbol's prices in a time
// range, and its last price at or before an instant (one reverse, limit-1 query).
// Price sort keys are timestamps, which sort before "META".
#ifndef ALEXDB_ALEX_PRICE_QUERIES_H_
#define ALEXDB_ALEX_PRICE_QUERIES_H_

#include <string>

#include "alex/context.h"
#include "alexdb/timestamp.h"
#include "alexdb/store.h"

namespace alexdb::alex {

QueryRequest price_range_query(const detail::DatabaseContext& ctx, const std::string& symbol,
                               std::optional<Timestamp> start, std::optional<Timestamp> end);
QueryRequest price_at_query(const detail::DatabaseContext& ctx, const std::string& symbol,
                            Timestamp at);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_PRICE_QUERIES_H_
