// A pool of connections to one database, each used by one thread at a time. A process
// forked from one that used the pool opens connections of its own: SQLite's connections
// must not cross a fork (the parent's locks and transactions are not the child's), so the
// parent's are never used, or closed, there.
#ifndef ALEXDB_STORE_SQLITE_CONNECTION_POOL_H_
#define ALEXDB_STORE_SQLITE_CONNECTION_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/sqlite/connection.h"
#include "util/per_process.h"

namespace alexdb::sqlite {

class ConnectionPool {
 public:
  // `open` makes a new connection; at most `max_open` exist at once (callers wait).
  ConnectionPool(std::function<std::unique_ptr<Connection>()> open, std::size_t max_open);

  // A borrowed connection, returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.release(std::move(connection_)); }
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    ConnectionPool& pool_;
    std::unique_ptr<Connection> connection_;
  };

  Lease acquire();
  // Runs `fn` on every idle connection (e.g. to drop cached statements).
  void for_each_idle(const std::function<void(Connection&)>& fn);

 private:
  void release(std::unique_ptr<Connection> connection);

  struct Connections {
    std::size_t open_count = 0;
    std::mutex mutex;
    std::condition_variable available;
    std::vector<std::unique_ptr<Connection>> idle;
  };

  std::function<std::unique_ptr<Connection>()> open_;
  std::size_t max_open_;
  util::PerProcess<Connections> connections_;  // this process's
};

}  // namespace alexdb::sqlite

#endif  // ALEXDB_STORE_SQLITE_CONNECTION_POOL_H_
