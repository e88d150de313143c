#include "store/sqlite/connection_pool.h"

namespace alexdb::sqlite {

ConnectionPool::ConnectionPool(std::function<std::unique_ptr<Connection>()> open,
                               std::size_t max_open)
    : open_(std::move(open)), max_open_(max_open) {}

ConnectionPool::Lease ConnectionPool::acquire() {
  Connections& c = connections_.get();
  std::unique_lock lock(c.mutex);
  c.available.wait(lock, [&] { return !c.idle.empty() || c.open_count < max_open_; });
  if (!c.idle.empty()) {
    std::unique_ptr<Connection> connection = std::move(c.idle.back());
    c.idle.pop_back();
    return Lease(*this, std::move(connection));
  }
  ++c.open_count;
  lock.unlock();
  try {
    return Lease(*this, open_());
  } catch (...) {
    std::lock_guard relock(c.mutex);
    --c.open_count;
    c.available.notify_one();
    throw;
  }
}

void ConnectionPool::for_each_idle(const std::function<void(Connection&)>& fn) {
  Connections& c = connections_.get();
  std::lock_guard lock(c.mutex);
  for (auto& connection : c.idle) fn(*connection);
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) {
  Connections& c = connections_.get();
  std::lock_guard lock(c.mutex);
  if (connection) c.idle.push_back(std::move(connection));
  c.available.notify_one();
}

}  // namespace alexdb::sqlite
