// A pool of connections to one database, each used by one thread at a time.
#ifndef ALEXDB_STORE_SQLITE_CONNECTION_POOL_H_
#define ALEXDB_STORE_SQLITE_CONNECTION_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/sqlite/connection.h"

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

  std::function<std::unique_ptr<Connection>()> open_;
  std::size_t max_open_;
  std::size_t open_count_ = 0;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace alexdb::sqlite

#endif  // ALEXDB_STORE_SQLITE_CONNECTION_POOL_H_
