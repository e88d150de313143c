// The storage interface: DynamoDB's data-plane and table calls as typed C++.
//
// Two engines implement it and behave alike (the conformance suite proves it): the
// embedded engine (SQLite file or memory) and the DynamoDB engine (HTTP). A Store is
// safe to use from many threads at once. Errors are the alexdb::Error hierarchy:
// ValidationError for a bad request (nothing written), NotFound for a missing table,
// ConditionFailed when a write's condition does not hold, Throttled, ServiceError,
// StoreError.
#ifndef ALEXDB_STORE_H_
#define ALEXDB_STORE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/decimal.h"
#include "alexdb/expression.h"
#include "alexdb/limits.h"
#include "alexdb/value.h"

namespace alexdb {

// ---- Tables ----------------------------------------------------------------------

// A key attribute: its name and scalar type.
struct KeyAttribute {
  std::string name;
  ScalarType type = ScalarType::kS;
  friend bool operator==(const KeyAttribute&, const KeyAttribute&) = default;
};

// What a secondary index holds besides its keys and the table's keys.
struct Projection {
  enum class Type { kAll, kKeysOnly, kInclude };
  Type type = Type::kAll;
  std::vector<std::string> non_key_attributes;  // for kInclude
  friend bool operator==(const Projection&, const Projection&) = default;
};

// A global secondary index.
struct IndexDefinition {
  std::string name;
  KeyAttribute partition_key;
  std::optional<KeyAttribute> sort_key;
  Projection projection;
  friend bool operator==(const IndexDefinition&, const IndexDefinition&) = default;
};

// A table: its name, primary key and global secondary indexes. Billing is on demand.
struct TableDefinition {
  std::string name;
  KeyAttribute partition_key;
  std::optional<KeyAttribute> sort_key;
  std::vector<IndexDefinition> global_indexes;
  friend bool operator==(const TableDefinition&, const TableDefinition&) = default;
};

// What describe_table reports of a table.
struct TableDescription {
  TableDefinition definition;
  std::string status;  // "ACTIVE", "CREATING", "DELETING", ...
  std::int64_t item_count = 0;
  // Whether item_count is the count now: true on the embedded engine (it counts);
  // false on DynamoDB, whose ItemCount AWS refreshes only about every six hours.
  bool item_count_exact = true;
};

// ---- Requests and results ----------------------------------------------------------

// Capacity units consumed by one call (table and indexes together), by DynamoDB's
// rules: reads in 4 KB units (half for eventually consistent), writes in 1 KB units.
// The embedded engine computes them by the same rules; DynamoDB reports its own.
struct ConsumedCapacity {
  Decimal read_units;
  Decimal write_units;
  // Read and write units together.
  Decimal total() const { return read_units + write_units; }
  // Adds the units of another call.
  ConsumedCapacity& operator+=(const ConsumedCapacity& o) {
    read_units += o.read_units;
    write_units += o.write_units;
    return *this;
  }
};

// Which attributes a write returns in WriteResult::attributes: none, the whole item
// before or after the write, or only the attributes the update changed, before or after.
enum class ReturnValues { kNone, kAllOld, kUpdatedOld, kAllNew, kUpdatedNew };

// A point read of one item by its full primary key.
struct GetRequest {
  std::string table;
  Item key;                      // exactly the table's key attributes
  bool consistent_read = false;  // false: DynamoDB may miss a very recent write
  std::vector<Path> projection;  // empty: all attributes
};

// What get returns.
struct GetResult {
  std::optional<Item> item;  // nullopt when there is no item with that key
  ConsumedCapacity consumed;
};

// A write of a whole item.
struct PutRequest {
  std::string table;
  Item item;                           // holds the table's key attributes
  std::optional<Condition> condition;  // on the item stored now (absent: no attributes)
  ReturnValues return_values = ReturnValues::kNone;  // kNone or kAllOld
};

// A change of named attributes of one item, created when absent (as DynamoDB's
// UpdateItem).
struct UpdateRequest {
  std::string table;
  Item key;                            // exactly the table's key attributes
  Update update;                       // may not change a key attribute
  std::optional<Condition> condition;  // on the item stored now
  ReturnValues return_values = ReturnValues::kNone;
};

// A delete of one item by its key.
struct DeleteRequest {
  std::string table;
  Item key;                                          // exactly the table's key attributes
  std::optional<Condition> condition;                // on the item stored now
  ReturnValues return_values = ReturnValues::kNone;  // kNone or kAllOld
};

// What put, update and remove return.
struct WriteResult {
  std::optional<Item> attributes;  // as asked for by return_values
  ConsumedCapacity consumed;
};

// A condition on the sort key of a query.
struct SortKeyCondition {
  enum class Op { kEq, kLt, kLe, kGt, kGe, kBetween, kBeginsWith };
  Op op = Op::kEq;
  Value value;                // the operand (the low bound for kBetween)
  std::optional<Value> high;  // the high bound for kBetween
};

// A query of one partition of a table or index, in sort key order.
struct QueryRequest {
  std::string table;
  std::optional<std::string> index;         // a global secondary index, or the table
  Value partition_value;                    // equality on the (index) partition key
  std::optional<SortKeyCondition> sort;     // on the (index) sort key
  bool forward = true;                      // false: descending sort key order
  std::optional<std::int32_t> limit;        // items evaluated, before the filter; >= 1
  std::optional<Condition> filter;          // applied after Limit; no key attributes
  bool consistent_read = false;             // not allowed on a global secondary index
  std::optional<Item> exclusive_start_key;  // a last_evaluated_key of this query: continue
  std::vector<Path> projection;             // empty: all attributes
};

// A scan of a whole table or index, in no order the caller may rely on.
struct ScanRequest {
  std::string table;
  std::optional<std::string> index;         // a global secondary index, or the table
  std::optional<std::int32_t> limit;        // items evaluated, before the filter; >= 1
  std::optional<Condition> filter;          // applied after Limit
  bool consistent_read = false;             // not allowed on a global secondary index
  std::optional<Item> exclusive_start_key;  // a last_evaluated_key of this scan: continue
  std::vector<Path> projection;             // empty: all attributes
  // A parallel scan: this request reads segment `segment` (0 <= segment <
  // total_segments) of `total_segments` (1 to 1,000,000), both set or neither. The
  // segments split the items by partition key, the same way on every call, so a scan of
  // every segment sees every item exactly once; a start key continues the same segment.
  std::optional<std::int32_t> segment;
  std::optional<std::int32_t> total_segments;
};

// One page of a query or scan.
struct QueryResult {
  std::vector<Item> items;                 // those that passed the filter
  std::int64_t scanned_count = 0;          // items evaluated before the filter
  std::optional<Item> last_evaluated_key;  // set when more may follow
  ConsumedCapacity consumed;
};

// Keys to read, per table. Any number of keys: the Store splits into API-sized calls.
struct BatchGetRequest {
  // The keys to read from one table.
  struct TableKeys {
    std::string table;
    std::vector<Item> keys;
    bool consistent_read = false;
    std::vector<Path> projection = {};  // empty: all attributes (units: the whole item's)
  };
  std::vector<TableKeys> tables;
};

// What batch_get returns.
struct BatchGetResult {
  // Per table (in request order), the items found, in no particular order.
  std::vector<std::vector<Item>> items;
  ConsumedCapacity consumed;
};

// One put or delete of a batch write.
struct WriteOp {
  enum class Kind { kPut, kDelete };
  std::string table;
  Kind kind = Kind::kPut;
  Item item;  // the item (put) or its key (delete)
  // A put of `item` into `table`.
  static WriteOp put(std::string table, Item item) {
    return {std::move(table), Kind::kPut, std::move(item)};
  }
  // A delete of the item with `key` from `table`.
  static WriteOp del(std::string table, Item key) {
    return {std::move(table), Kind::kDelete, std::move(key)};
  }
};

// What batch_write returns. The writes are unconditional puts and deletes, sent in
// API-sized chunks of 25, each chunk applied as one unit on the embedded engine, per
// item on DynamoDB.
struct BatchWriteResult {
  ConsumedCapacity consumed;
};

// ---- The interface -----------------------------------------------------------------

// A handle on one store. Every call is thread-safe. Calls that name a table throw
// NotFound when it does not exist, and ValidationError (nothing read or written) for a
// request DynamoDB would refuse: a key that is not exactly the table's key attributes or
// has the wrong type, an item over 400 KB, a bad condition or update. On DynamoDB a call
// is retried with backoff on throttling and transient failures; Throttled or
// ServiceError once the retries are spent. The embedded engine throws StoreError when
// SQLite fails (I/O error, a locked or damaged file).
class Store {
 public:
  virtual ~Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // A short description for messages: "sqlite:alex.db", "dynamodb http://127.0.0.1:8000".
  virtual std::string name() const = 0;

  // Creates a table; returns when it is ACTIVE. Throws AlreadyExists if it exists,
  // ValidationError for a definition DynamoDB would refuse, ServiceError "Timeout" when
  // DynamoDB does not make it ACTIVE within 5 minutes.
  virtual void create_table(const TableDefinition& definition) = 0;
  // The table's definition and status, or nullopt when there is no such table.
  virtual std::optional<TableDescription> describe_table(std::string_view table) = 0;
  // Deletes a table and all its items; returns when it is gone. Throws NotFound when
  // there is none, ServiceError "Timeout" when DynamoDB has not deleted it in 5 minutes.
  virtual void delete_table(std::string_view table) = 0;
  // Every table name, sorted (on DynamoDB, following every page of ListTables).
  virtual std::vector<std::string> list_tables() = 0;

  // Reads one item by its full primary key; `item` is nullopt when there is none.
  virtual GetResult get(const GetRequest& request) = 0;
  // Writes a whole item, replacing any item with the same key, if the condition holds
  // (else ConditionFailed and nothing changes).
  virtual WriteResult put(const PutRequest& request) = 0;
  // Creates or changes one item by its key, if the condition holds (else
  // ConditionFailed and nothing changes). The actions apply all or nothing; an action
  // that does not fit the stored item (ADD of a number to a string, a change of a key
  // attribute) is a ValidationError.
  virtual WriteResult update(const UpdateRequest& request) = 0;
  // Deletes one item by its key (no error when absent), if the condition holds (else
  // ConditionFailed and nothing changes).
  virtual WriteResult remove(const DeleteRequest& request) = 0;

  // One page of a query: items of one partition, in sort key order, at most `limit`
  // evaluated and at most 1 MB read; `last_evaluated_key` is set when more may follow
  // and continues the query. A Limit below 1, a key condition of the wrong type or on
  // a key the source lacks, or a filter that reads a key attribute is a ValidationError.
  virtual QueryResult query(const QueryRequest& request) = 0;
  // One page of a scan of the whole table or index, bounded as a page of a query.
  virtual QueryResult scan(const ScanRequest& request) = 0;

  // Every page of a query, in one result (limit, if set, caps the total items
  // evaluated, as DynamoDB counts them before a filter: fewer may be returned, and
  // last_evaluated_key continues after them). A listing whose pages cannot end (a
  // continuation key repeated, more than 1,000 pages that held nothing, more than
  // 100,000 pages) throws ServiceError "InvalidPagination" naming the table
  // (src/store/paging.h).
  QueryResult query_all(QueryRequest request);
  // Every page of a scan, with the same limit and bounds.
  QueryResult scan_all(ScanRequest request);
  // Every item of a scan, page by page: `visit` sees each item of a page before the next
  // page is read, so memory holds one page whatever the table's size. The same limit and
  // bounds as scan_all; an exception from `visit` ends the scan and propagates.
  void scan_each(ScanRequest request, const std::function<void(const Item&)>& visit);
  // Every item of a query, page by page, each handed to `visit` as it is read (`visit`
  // may take it): the embedded engine holds one item at a time, DynamoDB one page. The
  // same limit and bounds as query_all; returns what query_all would, without the items.
  // `visit` must not call this store (the embedded engine holds a connection while it
  // runs); an exception from it ends the query and propagates.
  QueryResult query_each(QueryRequest request, const std::function<void(Item&)>& visit);
  // One page of query_each: query()'s page with each item handed to `visit` instead of
  // kept, so the result holds no items. By default query()'s page, visited once read;
  // the embedded engine visits each row as it reads it.
  virtual QueryResult query_visit(const QueryRequest& request,
                                  const std::function<void(Item&)>& visit);
  // Independent queries, issued in parallel where the engine can (DynamoDB); results
  // in request order. The first failure is thrown.
  virtual std::vector<QueryResult> query_many(const std::vector<QueryRequest>& requests);
  // The queries of query_many, each result handed to `visit(k, result)` in request
  // order (`visit` may take the items). By default query_many's results, visited after
  // all are read; an engine that reads one query at a time (the embedded one) visits each
  // before reading the next, so memory holds one result at a time. An exception from
  // `visit` ends the reads and propagates.
  virtual void query_many_each(const std::vector<QueryRequest>& requests,
                               const std::function<void(std::size_t, QueryResult&)>& visit);
  // The queries of query_many, one page each, with every item handed to `visit(k, item)`
  // as it is read instead of kept (`visit` may take it): the results, in request order,
  // hold no items. By default query_many_each's results, each item visited after all are
  // read; the embedded engine visits each row as it reads it, so memory holds one item.
  // `visit` must not call this store; an exception from it ends the reads and propagates.
  virtual std::vector<QueryResult> query_many_visit(
      const std::vector<QueryRequest>& requests,
      const std::function<void(std::size_t, Item&)>& visit);
  // Independent point reads, issued in parallel where the engine can (DynamoDB);
  // results in request order. The first failure is thrown.
  virtual std::vector<GetResult> get_many(const std::vector<GetRequest>& requests);

  // Reads any number of keys (a key asked twice is read and returned once), splitting
  // into calls of at most 100 keys (sent concurrently on DynamoDB, as batch_write's) and
  // then retrying unprocessed keys with backoff. Throws Throttled when keys stay
  // unprocessed through 10 attempts in a row.
  BatchGetResult batch_get(const BatchGetRequest& request);
  // Applies any number of puts and deletes, in chunks of at most 25 (sent concurrently
  // where the engine waits on the network: DynamoDB), then retries unprocessed items
  // with backoff; Throttled when items stay unprocessed through 10 attempts in a row.
  // Not atomic: when a chunk fails, the other chunks may stay written. A key may appear
  // only once per call (twice in one chunk: ValidationError).
  BatchWriteResult batch_write(const std::vector<WriteOp>& ops);

 protected:
  Store() = default;

  // The units of one table in a batch call that may span tables.
  struct TableUnits {
    std::string table;
    ConsumedCapacity consumed;
  };
  // One API-sized batch read (<= 100 keys in all). Keys not read are returned in
  // `unprocessed` (same shape as the request).
  struct BatchGetChunkResult {
    std::vector<std::vector<Item>> items;  // per request table
    BatchGetRequest unprocessed;
    ConsumedCapacity consumed;
    // `consumed` per table, when the engine knows it (empty: not broken down).
    std::vector<TableUnits> by_table;
  };
  virtual BatchGetChunkResult batch_get_chunk(const BatchGetRequest& chunk) = 0;
  // One API-sized batch write (<= 25 ops). Ops not applied are returned.
  struct BatchWriteChunkResult {
    std::vector<WriteOp> unprocessed;
    ConsumedCapacity consumed;
    // `consumed` per table, when the engine knows it (empty: not broken down).
    std::vector<TableUnits> by_table;
  };
  virtual BatchWriteChunkResult batch_write_chunk(const std::vector<WriteOp>& chunk) = 0;
  // Runs fn(i) for every i in [0, n): the chunk calls of one batch call (the first round
  // of batch_get or batch_write). Here one after another, stopping at the first
  // exception; an engine whose calls wait on the network runs them concurrently (every
  // call runs, then the first exception is rethrown).
  virtual void for_each_chunk(std::size_t n, const std::function<void(std::size_t)>& fn);

  // For a Store that wraps another (a decorator): one chunk call of `inner`, so the
  // wrapper sees each API request the batch calls make.
  static BatchGetChunkResult batch_get_chunk_of(Store& inner, const BatchGetRequest& chunk) {
    return inner.batch_get_chunk(chunk);
  }
  static BatchWriteChunkResult batch_write_chunk_of(Store& inner,
                                                    const std::vector<WriteOp>& chunk) {
    return inner.batch_write_chunk(chunk);
  }
  static void for_each_chunk_of(Store& inner, std::size_t n,
                                const std::function<void(std::size_t)>& fn) {
    inner.for_each_chunk(n, fn);
  }
};

// Opens the store a spec names (the grammar: kStoreSpecForms in config.h), with the
// region and AWS settings resolved as Config::resolve does. Throws ValidationError
// naming ALEXDB_STORE for a spec that does not parse, or an embedded file whose
// directory is missing or not writable.
std::unique_ptr<Store> open_store(std::string_view spec);

}  // namespace alexdb

#endif  // ALEXDB_STORE_H_
