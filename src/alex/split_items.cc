#include "alex/split_items.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "alex/keys.h"
#include "alex/model_support.h"
#include "alex/record_items.h"
#include "alex/transaction_items.h"
#include "alexdb/errors.h"

namespace alexdb::alex {

namespace {

const Value& split_attribute(const Item& item, const char* name) {
  auto it = item.find(name);
  if (it == item.end()) throw StoreError(std::string("a split item without ") + name);
  return it->second;
}

}  // namespace

Item split_item(const Split& split) {
  Item item = instruments_key(split.symbol, keys::split_sk(split.effective));
  item.insert_or_assign("ratio_from", Value::N(split.ratio_from));
  item.insert_or_assign("ratio_to", Value::N(split.ratio_to));
  item.insert_or_assign("effective", Value::S(split.effective));
  item.insert_or_assign("recorded_at", Value::S(split.recorded_at));
  return item;
}

Split split_from_item(const Item& item) {
  Split split;
  split.symbol = split_attribute(item, "symbol").s();
  split.ratio_from = split_attribute(item, "ratio_from").n();
  split.ratio_to = split_attribute(item, "ratio_to").n();
  split.effective = split_attribute(item, "effective").s();
  split.recorded_at = split_attribute(item, "recorded_at").s();
  if (split.ratio_from.sign() <= 0 || split.ratio_to.sign() <= 0) {
    throw StoreError("a split of " + split.symbol + " with a ratio not above 0");
  }
  return split;
}

std::vector<Split> read_splits(const detail::DatabaseContext& ctx,
                               const std::vector<std::string>& symbols,
                               std::optional<Timestamp> as_known_at) {
  const std::vector<QueryRequest> queries = instrument_queries(
      ctx, symbols,
      SortKeyCondition{SortKeyCondition::Op::kBeginsWith, Value::S(std::string(keys::kSplitPrefix)),
                       {}});
  std::vector<Split> out;
  if (queries.empty()) return out;
  const std::string known = as_known_at ? as_known_at->to_string() : std::string();
  query_many_complete(*ctx.store, queries, [&](std::size_t, QueryResult& result) {
    for (const Item& item : result.items) {
      Split split = split_from_item(item);
      if (as_known_at && split.recorded_at > known) continue;
      out.push_back(std::move(split));
    }
  });
  std::stable_sort(out.begin(), out.end(), [](const Split& a, const Split& b) {
    return a.effective != b.effective ? a.effective < b.effective : a.symbol < b.symbol;
  });
  return out;
}

std::vector<std::string> traded_symbols(const std::vector<Transaction>& ledger) {
  std::set<std::string_view> traded;
  for (const Transaction& t : ledger) {
    if (t.symbol && moves_units(t.type)) traded.insert(*t.symbol);
  }
  return std::vector<std::string>(traded.begin(), traded.end());
}

std::vector<Split> splits_until(const detail::DatabaseContext& ctx,
                                const std::vector<std::string>& symbols,
                                std::optional<Timestamp> until,
                                std::optional<Timestamp> as_known_at) {
  std::vector<Split> splits = read_splits(ctx, symbols, as_known_at);
  if (until) {
    const std::string last = until->to_string();
    std::erase_if(splits, [&](const Split& s) { return s.effective > last; });
  }
  return splits;
}

}  // namespace alexdb::alex
