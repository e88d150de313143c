#include "util/worker_pool.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <system_error>

namespace alexdb::util {

struct WorkerPool::Round {
  Round(std::size_t count, const std::function<void(std::size_t)>& call) : n(count), fn(call) {}
  const std::size_t n;
  const std::function<void(std::size_t)>& fn;
  std::atomic<std::size_t> next{0};
  std::size_t active = 0;  // pool threads inside work(); guarded by the pool's mutex
  std::mutex error_mutex;
  std::exception_ptr first_error;
};

void WorkerPool::work(Round& round) {
  for (std::size_t i = round.next++; i < round.n; i = round.next++) {
    try {
      round.fn(i);
    } catch (...) {
      std::lock_guard lock(round.error_mutex);
      if (!round.first_error) round.first_error = std::current_exception();
    }
  }
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  const bool forked = owner_ != 0 && owner_ != ::getpid();
  for (std::thread& t : threads_) {
    if (forked) {
      t.detach();  // a thread of the parent process: there is nothing here to join
    } else {
      t.join();
    }
  }
}

void WorkerPool::for_each(std::size_t n, const std::function<void(std::size_t)>& fn) {
  std::size_t helpers = std::min(n, max_threads_);
  helpers = helpers > 0 ? helpers - 1 : 0;
  std::unique_lock lock(mutex_);
  if (owner_ != 0 && owner_ != ::getpid()) helpers = 0;
  if (helpers == 0) {
    lock.unlock();
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  auto round = std::make_shared<Round>(n, fn);
  for (std::size_t k = 0; k < helpers; ++k) queue_.push_back(round);
  if (owner_ == 0) owner_ = ::getpid();
  try {
    while (threads_.size() < helpers) threads_.emplace_back([this] { serve(); });
  } catch (const std::system_error&) {
    // No thread to be had: the calling thread does the rest.
  }
  lock.unlock();
  for (std::size_t k = 0; k < helpers; ++k) wake_.notify_one();
  work(*round);
  lock.lock();
  // What no pool thread has started is left: every index is taken.
  std::erase_if(queue_, [&](const std::shared_ptr<Round>& queued) { return queued == round; });
  finished_.wait(lock, [&] { return round->active == 0; });
  lock.unlock();
  if (round->first_error) std::rethrow_exception(round->first_error);
}

void WorkerPool::serve() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left to start
    std::shared_ptr<Round> round = std::move(queue_.front());
    queue_.pop_front();
    ++round->active;
    lock.unlock();
    work(*round);
    lock.lock();
    --round->active;
    if (round->active == 0) finished_.notify_all();
  }
}

}  // namespace alexdb::util
