// The embedded engine's catalog: which DynamoDB tables a database file holds, their
// definitions, and the SQLite tables behind them.
//
// File layout (DO NOT CHANGE: it is in users' files):
//   alexdb_tables(name TEXT PRIMARY KEY, id INTEGER UNIQUE, definition TEXT); ids are
//     never reused (see create_table_storage)
//   t<id>(pk BLOB, sk BLOB, item BLOB, size INTEGER, PRIMARY KEY(pk, sk)) per table
//   t<id>_g<n>(gpk BLOB, gsk BLOB, pk BLOB, sk BLOB, PRIMARY KEY(gpk, gsk, pk, sk)) per
//     global secondary index n (0-based, in definition order), keys only
// Keys are stored in key_encoding.h's form; a missing sort key is the empty blob.
#ifndef ALEXDB_STORE_SQLITE_CATALOG_H_
#define ALEXDB_STORE_SQLITE_CATALOG_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/store.h"
#include "store/sqlite/connection.h"

namespace alexdb::sqlite {

// One table: its definition and the names of its SQLite tables.
struct TableInfo {
  std::int64_t id = 0;
  TableDefinition definition;
  std::string data_table;                 // t<id>
  std::vector<std::string> index_tables;  // t<id>_g<n>
  // The statements of point reads and writes, built once per table.
  struct IndexSql {
    std::string insert;
    std::string erase;
  };
  std::string select_sql;
  std::string upsert_sql;
  std::string delete_sql;
  std::vector<IndexSql> index_sql;
};

// The file's schema version (PRAGMA schema_version): it moves with every CREATE and
// DROP, by any connection of any process.
std::int64_t schema_version(Connection& connection);
// Creates the catalog table if the file has none.
void ensure_catalog(Connection& connection);
// Reads one table's entry, or nullptr when there is none.
std::shared_ptr<const TableInfo> load_table(Connection& connection, std::string_view name);
// Every table name, sorted.
std::vector<std::string> load_table_names(Connection& connection);
// Adds the entry and creates the SQLite tables (inside the caller's transaction), under
// an id above the file's schema version.
std::shared_ptr<const TableInfo> create_table_storage(Connection& connection,
                                                      const TableDefinition& definition);
// Drops the SQLite tables and the entry (inside the caller's transaction).
void drop_table_storage(Connection& connection, const TableInfo& info);

// The catalog's JSON form of a definition, and back.
std::string definition_to_json(const TableDefinition& definition);
TableDefinition definition_from_json(std::string_view json);

}  // namespace alexdb::sqlite

#endif  // ALEXDB_STORE_SQLITE_CATALOG_H_
