// A Store that counts the requests and capacity units of another: the decorator behind
// Database::capacity().
#ifndef ALEXDB_STORE_COUNTING_STORE_H_
#define ALEXDB_STORE_COUNTING_STORE_H_

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "alexdb/capacity.h"
#include "alexdb/store.h"

namespace alexdb::store {

// Forwards every call to the wrapped store and counts, per table and kind of call, each
// API request it makes (each page of a query_all, each chunk of a batch, each retry of
// a chunk's unprocessed part) with the units the result reports. Table calls
// (create/describe/delete/list) are not counted: DynamoDB does not bill them. A batch
// chunk that spans tables counts as a request in each table's row and once in the
// total. Thread-safe: the counters are behind a mutex.
class CountingStore final : public Store {
 public:
  explicit CountingStore(std::shared_ptr<Store> inner);

  // The counts since construction or the last reset().
  CapacityReport report() const;
  // Sets every count to zero.
  void reset();

  std::string name() const override { return inner_->name(); }
  void create_table(const TableDefinition& definition) override;
  std::optional<TableDescription> describe_table(std::string_view table) override;
  void delete_table(std::string_view table) override;
  std::vector<std::string> list_tables() override;

  GetResult get(const GetRequest& request) override;
  WriteResult put(const PutRequest& request) override;
  WriteResult update(const UpdateRequest& request) override;
  WriteResult remove(const DeleteRequest& request) override;
  QueryResult query(const QueryRequest& request) override;
  QueryResult scan(const ScanRequest& request) override;
  QueryResult query_visit(const QueryRequest& request,
                          const std::function<void(Item&)>& visit) override;
  std::vector<QueryResult> query_many(const std::vector<QueryRequest>& requests) override;
  void query_many_each(const std::vector<QueryRequest>& requests,
                       const std::function<void(std::size_t, QueryResult&)>& visit) override;
  std::vector<QueryResult> query_many_visit(
      const std::vector<QueryRequest>& requests,
      const std::function<void(std::size_t, Item&)>& visit) override;
  std::vector<GetResult> get_many(const std::vector<GetRequest>& requests) override;

 protected:
  BatchGetChunkResult batch_get_chunk(const BatchGetRequest& chunk) override;
  BatchWriteChunkResult batch_write_chunk(const std::vector<WriteOp>& chunk) override;
  // As the inner store runs them (each chunk counted as it completes).
  void for_each_chunk(std::size_t n, const std::function<void(std::size_t)>& fn) override {
    for_each_chunk_of(*inner_, n, fn);
  }

 private:
  // Adds one request and `consumed` to the row of (table, kind) and to the total.
  void count(std::string_view table, CallKind kind, const ConsumedCapacity& consumed);
  // Adds one request to the total and, per table of `by_table` (or `tables` when it is
  // empty: all units to the first), a request and its units to its row.
  void count_batch(const std::vector<std::string>& tables, CallKind kind,
                   const ConsumedCapacity& consumed, const std::vector<TableUnits>& by_table);
  // Runs `read`, the queries of `requests` (a result each, in request order), and counts a
  // query request per result with its units; on an exception counts each request without
  // units and rethrows.
  std::vector<QueryResult> counted_queries(
      const std::vector<QueryRequest>& requests,
      const std::function<std::vector<QueryResult>()>& read);
  // Runs one call; on an exception counts a request with no units and rethrows.
  template <typename Call>
  auto counted(std::string_view table, CallKind kind, Call call) -> decltype(call());

  std::shared_ptr<Store> inner_;
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, CallKind>, CapacityCounts> rows_;
  CapacityCounts total_;
};

}  // namespace alexdb::store

#endif  // ALEXDB_STORE_COUNTING_STORE_H_
