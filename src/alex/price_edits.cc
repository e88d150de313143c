#include "alex/price_edits.h"

#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/model_support.h"
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
  const std::vector<QueryRequest> queries = instrument_queries(
      ctx, symbols,
      SortKeyCondition{SortKeyCondition::Op::kBetween,
                       Value::S(keys::price_edit_sk(since.to_string(), "")),
                       Value::S(std::string(kAfterAllEdits))});
  std::map<std::string, std::vector<PriceEdit>> out;
  if (queries.empty()) return out;
  query_many_complete(*ctx.store, queries, [&](std::size_t k, QueryResult& result) {
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
