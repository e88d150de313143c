// A thin RAII layer over one sqlite3 connection: opening with alexdb's settings, cached
// prepared statements, and errors turned into alexdb::StoreError.
#ifndef ALEXDB_STORE_SQLITE_CONNECTION_H_
#define ALEXDB_STORE_SQLITE_CONNECTION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace alexdb::sqlite {

class Connection;

// A prepared statement borrowed from a Connection's cache; reset when the borrow ends.
// Every user binds every parameter. Columns and parameters count from 0.
class Statement {
 public:
  Statement(Connection& connection, sqlite3_stmt* stmt) : connection_(&connection), stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::string_view blob);  // as a BLOB (copied)
  // As bind(), without a copy: `blob` must stay alive until this Statement ends.
  Statement& bind_static(int index, std::string_view blob);
  Statement& bind_text(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  // Advances; true while a row is available. Throws StoreError on failure.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  std::string_view column_blob(int index) const;
  std::int64_t column_int(int index) const;

 private:
  Connection* connection_;
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  // Opens (creating if missing) `path`; ":memory:" for a private in-memory database.
  // File databases use WAL; `synchronous_full` fsyncs every commit (else NORMAL: a
  // committed write survives a process crash, and a power loss up to the last
  // checkpoint).
  Connection(const std::string& path, bool synchronous_full);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs one or more statements that return nothing.
  void exec(const std::string& sql);
  // The cached prepared form of `sql` (prepared on first use).
  Statement prepare(const std::string& sql);
  // Drops every cached statement (after a schema change by this connection).
  void clear_cache();
  // Throws StoreError describing the last error with `context`; maps "no such table".
  [[noreturn]] void fail(std::string_view context) const;

  sqlite3* handle() const noexcept { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// RAII transaction: BEGIN IMMEDIATE (write) or BEGIN (read) on construction, ROLLBACK
// unless commit() was called.
class Transaction {
 public:
  Transaction(Connection& connection, bool write);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Connection& connection_;
  bool open_ = true;
};

}  // namespace alexdb::sqlite

#endif  // ALEXDB_STORE_SQLITE_CONNECTION_H_
