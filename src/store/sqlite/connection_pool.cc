#include "store/sqlite/connection_pool.h"

namespace alexdb::sqlite {

ConnectionPool::ConnectionPool(std::function<std::unique_ptr<Connection>()> open,
                               std::size_t max_open)
    : open_(std::move(open)), max_open_(max_open) {}

ConnectionPool::Lease ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [this] { return !idle_.empty() || open_count_ < max_open_; });
  if (!idle_.empty()) {
    std::unique_ptr<Connection> connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(connection));
  }
  ++open_count_;
  lock.unlock();
  try {
    return Lease(*this, open_());
  } catch (...) {
    std::lock_guard relock(mutex_);
    --open_count_;
    available_.notify_one();
    throw;
  }
}

void ConnectionPool::for_each_idle(const std::function<void(Connection&)>& fn) {
  std::lock_guard lock(mutex_);
  for (auto& connection : idle_) fn(*connection);
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  if (connection) idle_.push_back(std::move(connection));
  available_.notify_one();
}

}  // namespace alexdb::sqlite
