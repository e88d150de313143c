// A few threads kept for reuse by rounds of parallel work. Starting a thread costs more
// than a short request on some machines (the new stack's page faults and the clone
// itself: about 0.5 ms of CPU on a virtual machine), and the DynamoDB engine issues a
// round of two parallel requests on every history read or valuation.
#ifndef ALEXDB_UTIL_WORKER_POOL_H_
#define ALEXDB_UTIL_WORKER_POOL_H_

#include <sys/types.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace alexdb::util {

class WorkerPool {
 public:
  // A round runs on the calling thread and at most `max_threads` - 1 pool threads, which
  // start when a round first needs them.
  explicit WorkerPool(std::size_t max_threads) : max_threads_(max_threads) {}
  // Waits for the pool threads to finish their current call and stops them.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Calls fn(i) once for each i in [0, n), the calling thread taking part, and returns
  // when every call has returned. An exception from fn: with one thread, it stops the
  // round at once; with more, the other calls still run, and the first one thrown is
  // rethrown. fn may itself run a round on this pool (a thread never waits for a call
  // that has not started). In a process forked after the threads started, everything
  // runs on the calling thread.
  void for_each(std::size_t n, const std::function<void(std::size_t)>& fn);

 private:
  struct Round;
  static void work(Round& round);
  void serve();

  const std::size_t max_threads_;
  std::mutex mutex_;
  std::condition_variable wake_;              // a round was queued, or the pool stops
  std::condition_variable finished_;          // a pool thread left a round
  std::deque<std::shared_ptr<Round>> queue_;  // one entry per pool thread a round asks for
  std::vector<std::thread> threads_;
  pid_t owner_ = 0;  // the process that started threads_
  bool stopping_ = false;
};

}  // namespace alexdb::util

#endif  // ALEXDB_UTIL_WORKER_POOL_H_
