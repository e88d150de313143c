#include "util/worker_pool.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace alexdb::util {

struct WorkerPool::Round {
  Round(std::size_t count, const std::function<void(std::size_t)>& call) : n(count), fn(call) {}
  const std::size_t n;
  const std::function<void(std::size_t)>& fn;
  std::atomic<std::size_t> next{0};
  std::size_t active = 0;  // pool threads inside work(); guarded by Threads::mutex
  std::mutex error_mutex;
  std::exception_ptr first_error;
};

struct WorkerPool::Threads {
  std::mutex mutex;
  std::condition_variable wake;              // a round was queued, or the pool stops
  std::condition_variable finished;          // a pool thread left a round
  std::deque<std::shared_ptr<Round>> queue;  // one entry per pool thread a round asks for
  std::vector<std::thread> running;
  bool stopping = false;
};

WorkerPool::WorkerPool(std::size_t max_threads) : max_threads_(max_threads) {}

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
  if (threads_.inherited()) return;  // the parent's threads: left to the parent
  Threads& threads = threads_.get();
  {
    std::lock_guard lock(threads.mutex);
    threads.stopping = true;
  }
  threads.wake.notify_all();
  for (std::thread& t : threads.running) t.join();
}

void WorkerPool::for_each(std::size_t n, const std::function<void(std::size_t)>& fn) {
  std::size_t helpers = std::min(n, max_threads_);
  helpers = helpers > 0 ? helpers - 1 : 0;
  if (helpers == 0 || threads_.inherited()) {
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  Threads& threads = threads_.get();
  auto round = std::make_shared<Round>(n, fn);
  std::unique_lock lock(threads.mutex);
  for (std::size_t k = 0; k < helpers; ++k) threads.queue.push_back(round);
  try {
    while (threads.running.size() < helpers) {
      threads.running.emplace_back([&threads] { serve(threads); });
    }
  } catch (const std::system_error&) {
    // No thread to be had: the calling thread does the rest.
  }
  lock.unlock();
  for (std::size_t k = 0; k < helpers; ++k) threads.wake.notify_one();
  work(*round);
  lock.lock();
  // What no pool thread has started is left: every index is taken.
  std::erase_if(threads.queue, [&](const std::shared_ptr<Round>& queued) { return queued == round; });
  threads.finished.wait(lock, [&] { return round->active == 0; });
  lock.unlock();
  if (round->first_error) std::rethrow_exception(round->first_error);
}

void WorkerPool::serve(Threads& threads) {
  std::unique_lock lock(threads.mutex);
  for (;;) {
    threads.wake.wait(lock, [&] { return threads.stopping || !threads.queue.empty(); });
    if (threads.queue.empty()) return;  // stopping, nothing left to start
    std::shared_ptr<Round> round = std::move(threads.queue.front());
    threads.queue.pop_front();
    ++round->active;
    lock.unlock();
    work(*round);
    lock.lock();
    --round->active;
    if (round->active == 0) threads.finished.notify_all();
  }
}

}  // namespace alexdb::util
