#include "store/sqlite/connection.h"

#include <cerrno>

#include <sqlite3.h>

#include "alexdb/errors.h"

namespace alexdb::sqlite {

namespace {

// How long a connection waits for another process's write lock before giving up.
constexpr int kBusyTimeoutMs = 30000;

}  // namespace

namespace {

int bind_blob(sqlite3_stmt* stmt, int index, std::string_view blob, sqlite3_destructor_type kind) {
  // A zero-length blob must still bind as a BLOB (not NULL): pass a non-null pointer.
  static const char kEmpty = 0;
  const char* data = blob.empty() ? &kEmpty : blob.data();
  return sqlite3_bind_blob64(stmt, index + 1, data, blob.size(), kind);
}

}  // namespace

Statement::~Statement() { sqlite3_reset(stmt_); }

Statement& Statement::bind(int index, std::string_view blob) {
  if (bind_blob(stmt_, index, blob, SQLITE_TRANSIENT) != SQLITE_OK) connection_->fail("bind");
  return *this;
}

Statement& Statement::bind_static(int index, std::string_view blob) {
  if (bind_blob(stmt_, index, blob, SQLITE_STATIC) != SQLITE_OK) connection_->fail("bind");
  return *this;
}

Statement& Statement::bind_text(int index, std::string_view text) {
  if (sqlite3_bind_text64(stmt_, index + 1, text.data(), text.size(), SQLITE_TRANSIENT,
                          SQLITE_UTF8) != SQLITE_OK) {
    connection_->fail("bind");
  }
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index + 1, value) != SQLITE_OK) connection_->fail("bind");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  connection_->fail("step");
}

void Statement::run() {
  while (step()) {
  }
}

std::string_view Statement::column_blob(int index) const {
  const void* data = sqlite3_column_blob(stmt_, index);
  int size = sqlite3_column_bytes(stmt_, index);
  return {static_cast<const char*>(data), static_cast<std::size_t>(size)};
}

std::int64_t Statement::column_int(int index) const { return sqlite3_column_int64(stmt_, index); }

namespace {

// SQLite's message, led by the operating system's cause where that says more (a full
// disk shows as "disk I/O error" when the WAL index cannot grow).
std::string with_cause(sqlite3* db, std::string message) {
  int code = sqlite3_extended_errcode(db);
  if (sqlite3_system_errno(db) == ENOSPC || code == SQLITE_FULL) {
    return "disk full, no space left on the device: " + message;
  }
  return message;
}

}  // namespace

Connection::Connection(const std::string& path, bool synchronous_full) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError("cannot open " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  if (path != ":memory:") exec("PRAGMA journal_mode=WAL");
  // Reads map the file (up to 256 MB) instead of copying each page in with a system call:
  // a tenth of a 10,000-row ledger read went to pread.
  if (path != ":memory:") exec("PRAGMA mmap_size=268435456");
  exec(synchronous_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
}

Connection::~Connection() {
  clear_cache();
  sqlite3_close(db_);
}

void Connection::exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = with_cause(db_, error ? error : "unknown error");
    sqlite3_free(error);
    if (message.rfind("no such table", 0) == 0) throw NotFound("table: " + message);
    throw StoreError("sqlite: " + message);
  }
}

Statement Connection::prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
      fail("prepare");
    }
    it = cache_.emplace(sql, stmt).first;
  }
  return Statement(*this, it->second);
}

void Connection::clear_cache() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  cache_.clear();
}

void Connection::fail(std::string_view context) const {
  std::string message = with_cause(db_, sqlite3_errmsg(db_));
  if (message.rfind("no such table", 0) == 0) throw NotFound("table: " + message);
  throw StoreError("sqlite " + std::string(context) + ": " + message);
}

Transaction::Transaction(Connection& connection, bool write) : connection_(connection) {
  connection_.prepare(write ? "BEGIN IMMEDIATE" : "BEGIN").run();
}

Transaction::~Transaction() {
  if (open_) sqlite3_exec(connection_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  connection_.prepare("COMMIT").run();
  open_ = false;
}

}  // namespace alexdb::sqlite
