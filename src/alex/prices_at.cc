#include "alex/prices_at.h"

#include "alex/price_log.h"
#include "alex/price_queries.h"
#include "alex/record_items.h"

namespace alexdb::alex {

std::map<std::string, Decimal> prices_at(const detail::DatabaseContext& ctx,
                                         const std::vector<std::string>& symbols, Timestamp at) {
  std::map<std::string, Decimal> out;
  std::vector<QueryRequest> queries;
  std::vector<std::string> queried;
  auto newest = newest_prices(ctx, symbols, false);
  for (const std::string& symbol : symbols) {
    auto it = newest.find(symbol);
    if (it != newest.end()) {
      auto quoted = Timestamp::parse(it->second.timestamp);
      if (quoted && *quoted <= at) {
        out.emplace(symbol, it->second.price);
        continue;
      }
    }
    QueryRequest query = price_at_query(ctx, symbol, at);
    query.consistent_read = false;
    queries.push_back(std::move(query));
    queried.push_back(symbol);
  }
  if (queries.empty()) return out;
  std::vector<QueryResult> results = ctx.store->query_many(queries);
  for (std::size_t k = 0; k < results.size(); ++k) {
    if (results[k].items.empty()) continue;
    out.emplace(queried[k], price_from_item(results[k].items.front()).price);
  }
  return out;
}

}  // namespace alexdb::alex
