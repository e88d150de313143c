#include "alex/price_edits.h"

#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/record_items.h"
#include "alexdb/errors.h"

namespace alexdb::alex {

namespace {
constexpr std::string_view kEditAt = "at";
constexpr std::string_view kEditFrom = "from";
// Above every EDIT#<at>#<token> key (a token is URL-safe base64 or a UUID).
constexpr std::string_view kAfterAllEdits = "EDIT#~";
}  // namespace

WriteOp price_edit_put(const detail::DatabaseContext& ctx, const std::string& symbol, Timestamp at,
                       const std::string& from) {
  const std::string at_text = at.to_string();
  Item item = instruments_key(
      symbol, keys::price_edit_sk(at_text, detail::DatabaseContext::new_request_token()));
  item.emplace(kEditAt, Value::S(at_text));
  item.emplace(kEditFrom, Value::S(from));
  return WriteOp::put(ctx.instruments_table, std::move(item));
}

void put_price_edits(const detail::DatabaseContext& ctx, const std::vector<WriteOp>& edits) {
  if (!edits.empty()) ctx.store->batch_write(edits);
}

std::map<std::string, std::vector<PriceEdit>> price_edits_since(
    const detail::DatabaseContext& ctx, const std::vector<std::string>& symbols, Timestamp since) {
  std::vector<QueryRequest> queries;
  for (const std::string& symbol : symbols) {
    QueryRequest q;
    q.table = ctx.instruments_table;
    q.partition_value = Value::S(symbol);
    q.sort = SortKeyCondition{SortKeyCondition::Op::kBetween,
                              Value::S(keys::price_edit_sk(since.to_string(), "")),
                              Value::S(std::string(kAfterAllEdits))};
    q.consistent_read = true;
    queries.push_back(std::move(q));
  }
  std::map<std::string, std::vector<PriceEdit>> out;
  if (queries.empty()) return out;
  ctx.store->query_many_each(queries, [&](std::size_t k, QueryResult& result) {
    if (result.last_evaluated_key) {
      QueryRequest rest = queries[k];
      rest.exclusive_start_key = result.last_evaluated_key;
      for (Item& item : ctx.store->query_all(std::move(rest)).items) {
        result.items.push_back(std::move(item));
      }
    }
    for (const Item& item : result.items) {
      auto at = Timestamp::parse(stored::required_text(item, kEditAt));
      auto from = Timestamp::parse(stored::required_text(item, kEditFrom));
      if (!at || !from) {
        throw StoreError("price edit of " + symbols[k] + " with an unreadable time");
      }
      out[symbols[k]].push_back({*at, *from});
    }
  });
  return out;
}

}  // namespace alexdb::alex
