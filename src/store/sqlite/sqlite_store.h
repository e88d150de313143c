// The embedded engine: DynamoDB semantics on a SQLite file (WAL) or in memory.
//
// Thread-safe. Writes in one process are serialised by a mutex and, across processes,
// by SQLite's write lock (BEGIN IMMEDIATE with a busy timeout); each write is one SQLite
// transaction that also updates the table's global secondary indexes, so an index is
// never out of step with its table. A write that returned is committed to the WAL and
// survives a crash of the process.
#ifndef ALEXDB_STORE_SQLITE_SQLITE_STORE_H_
#define ALEXDB_STORE_SQLITE_SQLITE_STORE_H_

#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>

#include "alexdb/store.h"
#include "store/fresh_definitions.h"
#include "store/sqlite/catalog.h"
#include "store/sqlite/connection_pool.h"

namespace alexdb::sqlite {

struct SqliteOptions {
  std::string path;               // a file path; ignored when `memory`
  bool memory = false;            // a private in-memory database
  bool synchronous_full = false;  // fsync at every commit (power-loss durability)
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(SqliteOptions options);

  std::string name() const override;
  void create_table(const TableDefinition& definition) override;
  std::optional<TableDescription> describe_table(std::string_view table) override;
  void delete_table(std::string_view table) override;
  std::vector<std::string> list_tables() override;

  GetResult get(const GetRequest& request) override;
  WriteResult put(const PutRequest& request) override;
  WriteResult update(const UpdateRequest& request) override;
  WriteResult remove(const DeleteRequest& request) override;
  QueryResult query(const QueryRequest& request) override;
  // Visits each row as it steps through it (`visit` must not call this store: the read
  // holds a pooled connection, the only one of an in-memory store).
  QueryResult query_visit(const QueryRequest& request,
                          const std::function<void(Item&)>& visit) override;
  QueryResult scan(const ScanRequest& request) override;
  // Reads the queries one at a time, visiting each result before reading the next.
  void query_many_each(const std::vector<QueryRequest>& requests,
                       const std::function<void(std::size_t, QueryResult&)>& visit) override;
  // Reads the queries one at a time, visiting each row as it is read (query_visit).
  std::vector<QueryResult> query_many_visit(
      const std::vector<QueryRequest>& requests,
      const std::function<void(std::size_t, Item&)>& visit) override;

  // Every item of `tables`, read from one SQLite read transaction, so what `visit(k, item)`
  // sees (k: the table's position in `tables`, tables in order, items in key order) is
  // the store at one instant, whatever writers in this or other processes commit
  // meanwhile (they are not blocked on a file; on memory, where the one connection is
  // held, they wait until the scan ends). `visit` must not call this store. NotFound for
  // a missing table; an exception from `visit` ends the scan and propagates.
  void scan_snapshot(const std::vector<std::string>& tables,
                     const std::function<void(std::size_t, const Item&)>& visit);

 protected:
  BatchGetChunkResult batch_get_chunk(const BatchGetRequest& chunk) override;
  BatchWriteChunkResult batch_write_chunk(const std::vector<WriteOp>& chunk) override;

 private:
  // The stored row of one item.
  struct Row {
    Item item;
    std::size_t size = 0;
  };

  // The table's catalog entry (cached); throws NotFound when there is none.
  std::shared_ptr<const TableInfo> table(Connection& connection, std::string_view name);
  void forget_table(std::string_view name);
  // Runs `op` under store::with_fresh_definitions, dropping every cached entry on a
  // retry. Table ids are never reused, so a stale entry names SQLite tables that are
  // gone (NotFound), or holds the old definition (ValidationError).
  template <typename Op>
  auto with_current_catalog(Op&& op) -> decltype(op()) {
    return store::with_fresh_definitions(op, [this] { return forget_tables(); });
  }
  // Drops every cached entry; returns whether there was any.
  bool forget_tables();
  // The stored row with the key of `key` (a key, or an item: only its key attributes are
  // read); its item is decoded only `with_item` (else left empty: the size is all that
  // capacity needs when no condition, index or return value reads the old item).
  std::optional<Row> load_row(Connection& connection, const TableInfo& info, const Item& key,
                              bool with_item = true);
  // Replaces (new_item set, of item_size `new_size`) or deletes (nullptr) the item with
  // the key of `key` (a key, or an item: only its key attributes are read), keeping the
  // indexes in step; returns the write units consumed.
  Decimal store_row(Connection& connection, const TableInfo& info, const Item& key,
                    const Row* old_row, const Item* new_item, std::size_t new_size);
  // One page of a query, its items kept in the result, or handed to `*visit` when set.
  QueryResult read_query(const QueryRequest& request, const std::function<void(Item&)>* visit);
  // What a query or scan page reads: the table, or one of its indexes.
  struct Source {
    std::shared_ptr<const TableInfo> info;
    const IndexDefinition* index = nullptr;  // nullptr: the table itself
    std::size_t index_position = 0;
  };
  Source source(Connection& connection, const std::string& table,
                const std::optional<std::string>& index, bool consistent_read);
  // The steps a query and a scan share: checks their limit and filter, then runs
  // `read(connection, source)` on a pooled connection with the table or index the request
  // names, reading the catalog again when a cached definition went stale.
  template <typename Request, typename Read>
  QueryResult read_source(const Request& request, Read&& read);

  SqliteOptions options_;
  ConnectionPool pool_;
  std::mutex write_mutex_;
  std::shared_mutex tables_mutex_;
  std::map<std::string, std::shared_ptr<const TableInfo>, std::less<>> tables_;
};

}  // namespace alexdb::sqlite

#endif  // ALEXDB_STORE_SQLITE_SQLITE_STORE_H_
