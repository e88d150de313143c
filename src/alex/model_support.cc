#include "alex/model_support.h"

#include "alex/legacy.h"


namespace alexdb::alex {

std::optional<Item> get_user_item(const detail::DatabaseContext& ctx, std::string_view pk,
                                  std::string_view sk) {
  GetRequest request{ctx.users_table, users_key(pk, sk), true, {}};
  return ctx.store->get(request).item;
}

std::optional<Item> get_instrument_item(const detail::DatabaseContext& ctx,
                                        std::string_view symbol, std::string_view sk) {
  GetRequest request{ctx.instruments_table, instruments_key(symbol, sk), true, {}};
  return ctx.store->get(request).item;
}

bool carries_token(const detail::DatabaseContext& ctx, const std::string& table, const Item& key,
                   std::string_view token) {
  auto item = ctx.store->get({table, key, true, {}}).item;
  if (!item) return false;
  auto it = item->find(std::string(kRequestToken));
  return it != item->end() && it->second.is_s() && it->second.s() == token;
}

WriteOutcome put_once(const detail::DatabaseContext& ctx, Item item,
                      std::optional<Condition> condition) {
  const std::string token = detail::DatabaseContext::new_uuid();
  item.insert_or_assign(std::string(kRequestToken), Value::S(token));
  const Item key = user_key_of(item);
  return write_once(
      [&] {
        ctx.store->put({ctx.users_table, std::move(item), std::move(condition), ReturnValues::kNone});
      },
      [&] { return carries_token(ctx, ctx.users_table, key, token); });
}

namespace {

// The query of one users-table partition's items whose SK begins with `prefix`.
QueryRequest prefix_query(const detail::DatabaseContext& ctx, std::string_view pk,
                          std::string_view prefix, bool forward, bool consistent) {
  QueryRequest request;
  request.table = ctx.users_table;
  request.partition_value = Value::S(std::string(pk));
  if (!prefix.empty()) {
    request.sort =
        SortKeyCondition{SortKeyCondition::Op::kBeginsWith, Value::S(std::string(prefix)), {}};
  }
  request.forward = forward;
  request.consistent_read = consistent;
  return request;
}

}  // namespace

std::vector<Item> query_prefix(const detail::DatabaseContext& ctx, std::string_view pk,
                               std::string_view prefix, bool forward, bool consistent) {
  return ctx.store->query_all(prefix_query(ctx, pk, prefix, forward, consistent)).items;
}

void query_prefix_each(const detail::DatabaseContext& ctx, std::string_view pk,
                       std::string_view prefix, const std::function<void(Item&)>& visit) {
  ctx.store->query_each(prefix_query(ctx, pk, prefix, true, true), visit);
}

std::vector<Item> scan_filtered(const detail::DatabaseContext& ctx, const std::string& table,
                                Condition filter) {
  ScanRequest request;
  request.table = table;
  request.filter = std::move(filter);
  request.consistent_read = true;
  return ctx.store->scan_all(std::move(request)).items;
}

void scan_each(const detail::DatabaseContext& ctx, const std::string& table,
               const std::function<void(const Item&)>& visit) {
  ScanRequest request;
  request.table = table;
  request.consistent_read = true;
  ctx.store->scan_each(std::move(request), visit);
}

int delete_keys(const detail::DatabaseContext& ctx, const std::string& table,
                const std::vector<Item>& keys) {
  std::vector<WriteOp> ops;
  ops.reserve(keys.size());
  for (const Item& key : keys) ops.push_back(WriteOp::del(table, key));
  if (!ops.empty()) ctx.store->batch_write(ops);
  return static_cast<int>(ops.size());
}

int delete_item(const detail::DatabaseContext& ctx, const std::string& table, Item key) {
  DeleteRequest request{table, std::move(key), std::nullopt, ReturnValues::kAllOld};
  return ctx.store->remove(request).attributes ? 1 : 0;
}

Item user_key_of(const Item& item) {
  return users_key(item.at(std::string(kPk)).s(), item.at(std::string(kSk)).s());
}

void report_skipped(const detail::DatabaseContext& ctx, const std::string& table, const Item& item,
                    const Error& why) {
  ctx.log(LogLevel::kWarning, "skipped a record that cannot be read: table " + table + ", " +
                                  legacy::key_text(item) + ": " + why.what());
}

std::vector<QueryRequest> instrument_queries(const detail::DatabaseContext& ctx,
                                             const std::vector<std::string>& symbols,
                                             const SortKeyCondition& sort) {
  std::vector<QueryRequest> queries;
  for (const std::string& symbol : symbols) {
    QueryRequest query;
    query.table = ctx.instruments_table;
    query.partition_value = Value::S(symbol);
    query.sort = sort;
    query.consistent_read = true;
    queries.push_back(std::move(query));
  }
  return queries;
}

void query_many_complete(Store& store, const std::vector<QueryRequest>& queries,
                         const std::function<void(std::size_t, QueryResult&)>& visit) {
  store.query_many_each(queries, [&](std::size_t k, QueryResult& result) {
    if (result.last_evaluated_key && !queries[k].limit) {
      QueryRequest rest = queries[k];
      rest.exclusive_start_key = result.last_evaluated_key;
      for (Item& item : store.query_all(std::move(rest)).items) {
        result.items.push_back(std::move(item));
      }
      result.last_evaluated_key.reset();
    }
    visit(k, result);
  });
}

void query_many_visit_complete(Store& store, const std::vector<QueryRequest>& queries,
                               const std::function<void(std::size_t, Item&)>& visit) {
  std::vector<QueryResult> pages = store.query_many_visit(queries, visit);
  for (std::size_t k = 0; k < pages.size() && k < queries.size(); ++k) {
    if (!pages[k].last_evaluated_key || queries[k].limit) continue;
    QueryRequest rest = queries[k];
    rest.exclusive_start_key = std::move(pages[k].last_evaluated_key);
    store.query_each(std::move(rest), [&visit, k](Item& item) { visit(k, item); });
  }
}

}  // namespace alexdb::alex
