#include "store/counting_store.h"

#include <algorithm>

namespace alexdb {

std::string_view call_kind_name(CallKind kind) {
  switch (kind) {
    case CallKind::kGet:
      return "get";
    case CallKind::kPut:
      return "put";
    case CallKind::kUpdate:
      return "update";
    case CallKind::kDelete:
      return "delete";
    case CallKind::kQuery:
      return "query";
    case CallKind::kScan:
      return "scan";
    case CallKind::kBatchGet:
      return "batch_get";
    case CallKind::kBatchWrite:
      return "batch_write";
  }
  return "get";
}

CapacityCounts CapacityReport::table_total(std::string_view table) const {
  CapacityCounts sum;
  for (const Row& row : rows) {
    if (row.table == table) sum += row.counts;
  }
  return sum;
}

CapacityCounts CapacityReport::kind_total(CallKind kind) const {
  CapacityCounts sum;
  for (const Row& row : rows) {
    if (row.kind == kind) sum += row.counts;
  }
  return sum;
}

namespace store {

CountingStore::CountingStore(std::shared_ptr<Store> inner) : inner_(std::move(inner)) {}

CapacityReport CountingStore::report() const {
  CapacityReport report;
  std::lock_guard lock(mutex_);
  for (const auto& [key, counts] : rows_) report.rows.push_back({key.first, key.second, counts});
  report.total = total_;
  return report;
}

void CountingStore::reset() {
  std::lock_guard lock(mutex_);
  rows_.clear();
  total_ = {};
}

void CountingStore::count(std::string_view table, CallKind kind,
                          const ConsumedCapacity& consumed) {
  CapacityCounts one{1, consumed.read_units, consumed.write_units};
  std::lock_guard lock(mutex_);
  rows_[{std::string(table), kind}] += one;
  total_ += one;
}

void CountingStore::count_batch(const std::vector<std::string>& tables, CallKind kind,
                                const ConsumedCapacity& consumed,
                                const std::vector<TableUnits>& by_table) {
  std::lock_guard lock(mutex_);
  total_ += CapacityCounts{1, consumed.read_units, consumed.write_units};
  std::vector<std::string> counted_tables;
  for (const TableUnits& units : by_table) {
    CapacityCounts& row = rows_[{units.table, kind}];
    if (std::find(counted_tables.begin(), counted_tables.end(), units.table) ==
        counted_tables.end()) {
      counted_tables.push_back(units.table);
      ++row.requests;
    }
    row.read_units += units.consumed.read_units;
    row.write_units += units.consumed.write_units;
  }
  bool first = by_table.empty();
  for (const std::string& table : tables) {
    if (std::find(counted_tables.begin(), counted_tables.end(), table) != counted_tables.end()) {
      continue;
    }
    counted_tables.push_back(table);
    CapacityCounts& row = rows_[{table, kind}];
    ++row.requests;
    if (first) {
      row.read_units += consumed.read_units;
      row.write_units += consumed.write_units;
      first = false;
    }
  }
}

template <typename Call>
auto CountingStore::counted(std::string_view table, CallKind kind, Call call) -> decltype(call()) {
  try {
    auto result = call();
    count(table, kind, result.consumed);
    return result;
  } catch (...) {
    count(table, kind, {});
    throw;
  }
}

void CountingStore::create_table(const TableDefinition& definition) {
  inner_->create_table(definition);
}

std::optional<TableDescription> CountingStore::describe_table(std::string_view table) {
  return inner_->describe_table(table);
}

void CountingStore::delete_table(std::string_view table) { inner_->delete_table(table); }

std::vector<std::string> CountingStore::list_tables() { return inner_->list_tables(); }

GetResult CountingStore::get(const GetRequest& request) {
  return counted(request.table, CallKind::kGet, [&] { return inner_->get(request); });
}

WriteResult CountingStore::put(const PutRequest& request) {
  return counted(request.table, CallKind::kPut, [&] { return inner_->put(request); });
}

WriteResult CountingStore::update(const UpdateRequest& request) {
  return counted(request.table, CallKind::kUpdate, [&] { return inner_->update(request); });
}

WriteResult CountingStore::remove(const DeleteRequest& request) {
  return counted(request.table, CallKind::kDelete, [&] { return inner_->remove(request); });
}

QueryResult CountingStore::query(const QueryRequest& request) {
  return counted(request.table, CallKind::kQuery, [&] { return inner_->query(request); });
}

QueryResult CountingStore::query_visit(const QueryRequest& request,
                                       const std::function<void(Item&)>& visit) {
  return counted(request.table, CallKind::kQuery,
                 [&] { return inner_->query_visit(request, visit); });
}

QueryResult CountingStore::scan(const ScanRequest& request) {
  return counted(request.table, CallKind::kScan, [&] { return inner_->scan(request); });
}

std::vector<QueryResult> CountingStore::counted_queries(
    const std::vector<QueryRequest>& requests,
    const std::function<std::vector<QueryResult>()>& read) {
  std::vector<QueryResult> results;
  try {
    results = read();
  } catch (...) {
    for (const QueryRequest& request : requests) count(request.table, CallKind::kQuery, {});
    throw;
  }
  for (std::size_t i = 0; i < results.size() && i < requests.size(); ++i) {
    count(requests[i].table, CallKind::kQuery, results[i].consumed);
  }
  return results;
}

std::vector<QueryResult> CountingStore::query_many(const std::vector<QueryRequest>& requests) {
  return counted_queries(requests, [&] { return inner_->query_many(requests); });
}

void CountingStore::query_many_each(const std::vector<QueryRequest>& requests,
                                    const std::function<void(std::size_t, QueryResult&)>& visit) {
  std::size_t visited = 0;
  try {
    inner_->query_many_each(requests, [&](std::size_t k, QueryResult& result) {
      count(requests[k].table, CallKind::kQuery, result.consumed);
      ++visited;
      visit(k, result);
    });
  } catch (...) {
    for (std::size_t k = visited; k < requests.size(); ++k) {
      count(requests[k].table, CallKind::kQuery, {});
    }
    throw;
  }
}

std::vector<QueryResult> CountingStore::query_many_visit(
    const std::vector<QueryRequest>& requests,
    const std::function<void(std::size_t, Item&)>& visit) {
  return counted_queries(requests, [&] { return inner_->query_many_visit(requests, visit); });
}

std::vector<GetResult> CountingStore::get_many(const std::vector<GetRequest>& requests) {
  std::vector<GetResult> results;
  try {
    results = inner_->get_many(requests);
  } catch (...) {
    for (const GetRequest& request : requests) count(request.table, CallKind::kGet, {});
    throw;
  }
  for (std::size_t i = 0; i < results.size() && i < requests.size(); ++i) {
    count(requests[i].table, CallKind::kGet, results[i].consumed);
  }
  return results;
}

Store::BatchGetChunkResult CountingStore::batch_get_chunk(const BatchGetRequest& chunk) {
  std::vector<std::string> tables;
  for (const auto& table_keys : chunk.tables) tables.push_back(table_keys.table);
  BatchGetChunkResult result;
  try {
    result = batch_get_chunk_of(*inner_, chunk);
  } catch (...) {
    count_batch(tables, CallKind::kBatchGet, {}, {});
    throw;
  }
  count_batch(tables, CallKind::kBatchGet, result.consumed, result.by_table);
  return result;
}

Store::BatchWriteChunkResult CountingStore::batch_write_chunk(const std::vector<WriteOp>& chunk) {
  std::vector<std::string> tables;
  for (const WriteOp& op : chunk) {
    if (std::find(tables.begin(), tables.end(), op.table) == tables.end()) tables.push_back(op.table);
  }
  BatchWriteChunkResult result;
  try {
    result = batch_write_chunk_of(*inner_, chunk);
  } catch (...) {
    count_batch(tables, CallKind::kBatchWrite, {}, {});
    throw;
  }
  count_batch(tables, CallKind::kBatchWrite, result.consumed, result.by_table);
  return result;
}

}  // namespace store
}  // namespace alexdb
