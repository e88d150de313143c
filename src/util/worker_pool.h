// A few threads kept for reuse by rounds of parallel work. Starting a thread costs more
// than a short request on some machines (the new stack's page faults and the clone
// itself: about 0.5 ms of CPU on a virtual machine), and the DynamoDB engine issues a
// round of two parallel requests on every history read or valuation.
#ifndef ALEXDB_UTIL_WORKER_POOL_H_
#define ALEXDB_UTIL_WORKER_POOL_H_

#include <cstddef>
#include <functional>

#include "util/per_process.h"

namespace alexdb::util {

class WorkerPool {
 public:
  // A round runs on the calling thread and at most `max_threads` - 1 pool threads, which
  // start when a round first needs them.
  explicit WorkerPool(std::size_t max_threads);
  // Waits for the pool threads to finish their current call and stops them. In a process
  // forked after the pool was made, it waits for nothing (the threads are the parent's).
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Calls fn(i) once for each i in [0, n), the calling thread taking part, and returns
  // when every call has returned. An exception from fn: with one thread, it stops the
  // round at once; with more, the other calls still run, and the first one thrown is
  // rethrown. fn may itself run a round on this pool (a thread never waits for a call
  // that has not started). In a process forked after the pool was made, everything runs
  // on the calling thread, without taking a lock the parent's threads may have held at
  // the fork, and without allocating.
  void for_each(std::size_t n, const std::function<void(std::size_t)>& fn);

 private:
  struct Round;
  struct Threads;
  static void work(Round& round);
  static void serve(Threads& threads);

  const std::size_t max_threads_;
  // The threads and the state they share. A forked child never touches the parent's: a
  // lock in it may be held for ever, its condition variables have the parent's threads
  // as waiters.
  PerProcess<Threads> threads_;
};

}  // namespace alexdb::util

#endif  // ALEXDB_UTIL_WORKER_POOL_H_
