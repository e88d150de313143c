// Requests and capacity units a Database has consumed (Database::capacity()): what an
// on-demand DynamoDB table bills, per table and per kind of store call.
#ifndef ALEXDB_CAPACITY_H_
#define ALEXDB_CAPACITY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/decimal.h"

namespace alexdb {

// The kind of store call, one per DynamoDB API operation the store issues (GetItem,
// PutItem, UpdateItem, DeleteItem, Query, Scan, BatchGetItem, BatchWriteItem). A report's
// rows of one table come in this order.
enum class CallKind { kGet, kPut, kUpdate, kDelete, kQuery, kScan, kBatchGet, kBatchWrite };

// Every kind, in the order above.
inline constexpr CallKind kCallKinds[] = {
    CallKind::kGet,   CallKind::kPut,  CallKind::kUpdate,   CallKind::kDelete,
    CallKind::kQuery, CallKind::kScan, CallKind::kBatchGet, CallKind::kBatchWrite};

// The kind's name as reports print it: "get", "put", "update", "delete", "query",
// "scan", "batch_get", "batch_write".
std::string_view call_kind_name(CallKind kind);

// Requests and units of a set of calls. A request is one API call: a query_all of 3
// pages is 3, a batch_write of 60 items is 3 (chunks of 25), a chunk retried for its
// unprocessed items counts again. Units are those the engine reports on each result
// (DynamoDB's ConsumedCapacity; the embedded engine computes them by DynamoDB's rules).
// A call that fails counts as a request with no units (DynamoDB reports none).
struct CapacityCounts {
  std::int64_t requests = 0;
  Decimal read_units;
  Decimal write_units;
  CapacityCounts& operator+=(const CapacityCounts& o) {
    requests += o.requests;
    read_units += o.read_units;
    write_units += o.write_units;
    return *this;
  }
  friend bool operator==(const CapacityCounts&, const CapacityCounts&) = default;
};

// What Database::capacity() returns.
struct CapacityReport {
  // The counts of one kind of call on one table.
  struct Row {
    std::string table;
    CallKind kind = CallKind::kGet;
    CapacityCounts counts;
  };
  std::vector<Row> rows;  // sorted by table, then kind; only kinds that were called
  CapacityCounts total;   // the sum of the rows

  // The sum of the rows of `table` (zero when it has none).
  CapacityCounts table_total(std::string_view table) const;
  // The sum of the rows of `kind` over all tables.
  CapacityCounts kind_total(CallKind kind) const;
};

}  // namespace alexdb

#endif  // ALEXDB_CAPACITY_H_
