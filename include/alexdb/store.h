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

struct TableDescription {
  TableDefinition definition;
  std::string status;           // "ACTIVE", "CREATING", "DELETING", ...
  std::int64_t item_count = 0;  // approximate on DynamoDB
};

// ---- Requests and results ----------------------------------------------------------

// Capacity units consumed by one call (table and indexes together), by DynamoDB's
// rules: reads in 4 KB units (half for eventually consistent), writes in 1 KB units.
struct ConsumedCapacity {
  Decimal read_units;
  Decimal write_units;
  Decimal total() const { return read_units + write_units; }
  ConsumedCapacity& operator+=(const ConsumedCapacity& o) {
    read_units += o.read_units;
    write_units += o.write_units;
    return *this;
  }
};

enum class ReturnValues { kNone, kAllOld, kUpdatedOld, kAllNew, kUpdatedNew };

struct GetRequest {
  std::string table;
  Item key;
  bool consistent_read = false;
  std::vector<Path> projection;  // empty: all attributes
};

struct GetResult {
  std::optional<Item> item;  // nullopt when there is no item with that key
  ConsumedCapacity consumed;
};

struct PutRequest {
  std::string table;
  Item item;
  std::optional<Condition> condition;
  ReturnValues return_values = ReturnValues::kNone;  // kNone or kAllOld
};

struct UpdateRequest {
  std::string table;
  Item key;
  Update update;
  std::optional<Condition> condition;
  ReturnValues return_values = ReturnValues::kNone;
};

struct DeleteRequest {
  std::string table;
  Item key;
  std::optional<Condition> condition;
  ReturnValues return_values = ReturnValues::kNone;  // kNone or kAllOld
};

struct WriteResult {
  std::optional<Item> attributes;  // as asked for by return_values
  ConsumedCapacity consumed;
};

// A condition on the sort key of a query.
struct SortKeyCondition {
  enum class Op { kEq, kLt, kLe, kGt, kGe, kBetween, kBeginsWith };
  Op op = Op::kEq;
  Value value;                   // the operand (the low bound for kBetween)
  std::optional<Value> high;     // the high bound for kBetween
};

struct QueryRequest {
  std::string table;
  std::optional<std::string> index;       // a global secondary index, or the table
  Value partition_value;                  // equality on the (index) partition key
  std::optional<SortKeyCondition> sort;   // on the (index) sort key
  bool forward = true;                    // false: descending sort key order
  std::optional<std::int32_t> limit;      // items evaluated, before the filter
  std::optional<Condition> filter;        // applied after Limit; no key attributes
  bool consistent_read = false;           // not allowed on a global secondary index
  std::optional<Item> exclusive_start_key;
  std::vector<Path> projection;           // empty: all attributes
};

struct ScanRequest {
  std::string table;
  std::optional<std::string> index;
  std::optional<std::int32_t> limit;
  std::optional<Condition> filter;
  bool consistent_read = false;
  std::optional<Item> exclusive_start_key;
  std::vector<Path> projection;
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
  struct TableKeys {
    std::string table;
    std::vector<Item> keys;
    bool consistent_read = false;
  };
  std::vector<TableKeys> tables;
};

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
  static WriteOp put(std::string table, Item item) {
    return {std::move(table), Kind::kPut, std::move(item)};
  }
  static WriteOp del(std::string table, Item key) {
    return {std::move(table), Kind::kDelete, std::move(key)};
  }
};

// Unconditional puts and deletes; API-sized chunks of 25, each chunk applied as one
// unit on the embedded engine, per item on DynamoDB.
struct BatchWriteResult {
  ConsumedCapacity consumed;
};

// ---- The interface -----------------------------------------------------------------

class Store {
 public:
  virtual ~Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // A short description for messages: "sqlite:alex.db", "dynamodb http://127.0.0.1:8000".
  virtual std::string name() const = 0;

  // Creates a table; returns when it is ACTIVE. Throws AlreadyExists if it exists.
  virtual void create_table(const TableDefinition& definition) = 0;
  // The table's definition and status, or nullopt when there is no such table.
  virtual std::optional<TableDescription> describe_table(std::string_view table) = 0;
  // Deletes a table and all its items; throws NotFound when there is none.
  virtual void delete_table(std::string_view table) = 0;
  // Every table name, sorted.
  virtual std::vector<std::string> list_tables() = 0;

  // Reads one item by its full primary key.
  virtual GetResult get(const GetRequest& request) = 0;
  // Writes a whole item, replacing any item with the same key, if the condition holds
  // (else ConditionFailed and nothing changes).
  virtual WriteResult put(const PutRequest& request) = 0;
  // Creates or changes one item by its key, if the condition holds.
  virtual WriteResult update(const UpdateRequest& request) = 0;
  // Deletes one item by its key (no error when absent), if the condition holds.
  virtual WriteResult remove(const DeleteRequest& request) = 0;

  // One page of a query: items of one partition, in sort key order, at most `limit`
  // evaluated and at most 1 MB read. `last_evaluated_key` continues.
  virtual QueryResult query(const QueryRequest& request) = 0;
  // One page of a scan of the whole table or index.
  virtual QueryResult scan(const ScanRequest& request) = 0;

  // Every page of a query (limit, if set, caps the total items evaluated, as DynamoDB
  // counts them before a filter: fewer may be returned). A listing
  // whose pages cannot end (a continuation key repeated, more than 1,000 pages that
  // held nothing, more than 100,000 pages) throws ServiceError "InvalidPagination"
  // naming the table (src/store/paging.h).
  QueryResult query_all(QueryRequest request);
  // Every page of a scan, with the same bounds.
  QueryResult scan_all(ScanRequest request);
  // Independent queries, issued in parallel where the engine can; results in order.
  virtual std::vector<QueryResult> query_many(const std::vector<QueryRequest>& requests);
  // Independent point reads, issued in parallel where the engine can; results in order.
  virtual std::vector<GetResult> get_many(const std::vector<GetRequest>& requests);

  // Reads any number of keys (duplicates allowed), splitting into calls of at most
  // 100 keys and retrying unprocessed keys with backoff until all are read.
  BatchGetResult batch_get(const BatchGetRequest& request);
  // Applies any number of puts and deletes, in chunks of at most 25, retrying
  // unprocessed items with backoff. One key may appear only once per call.
  BatchWriteResult batch_write(const std::vector<WriteOp>& ops);

 protected:
  Store() = default;

  // One API-sized batch read (<= 100 keys in all). Keys not read are returned in
  // `unprocessed` (same shape as the request).
  struct BatchGetChunkResult {
    std::vector<std::vector<Item>> items;  // per request table
    BatchGetRequest unprocessed;
    ConsumedCapacity consumed;
  };
  virtual BatchGetChunkResult batch_get_chunk(const BatchGetRequest& chunk) = 0;
  // One API-sized batch write (<= 25 ops). Ops not applied are returned.
  struct BatchWriteChunkResult {
    std::vector<WriteOp> unprocessed;
    ConsumedCapacity consumed;
  };
  virtual BatchWriteChunkResult batch_write_chunk(const std::vector<WriteOp>& chunk) = 0;
};

// Opens the store a spec names (the grammar: kStoreSpecForms in config.h), with the
// region and AWS settings resolved as Config::resolve does. Throws ValidationError
// naming ALEXDB_STORE for a spec that does not parse, or an embedded file whose
// directory is missing or not writable.
std::unique_ptr<Store> open_store(std::string_view spec);

}  // namespace alexdb

#endif  // ALEXDB_STORE_H_
