#include "util/per_process.h"

#include <pthread.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

namespace alexdb::util {

namespace {

// Counts the forks of this process's line: each child runs count_fork() before fork()
// returns in it.
std::atomic<std::uint64_t> forks{0};

void count_fork() { forks.fetch_add(1, std::memory_order_relaxed); }

}  // namespace

std::uint64_t fork_generation() {
  // Registered before the first value is made, so every later fork is counted.
  static const bool counting = pthread_atfork(nullptr, nullptr, count_fork) == 0;
  static_cast<void>(counting);
  return forks.load(std::memory_order_relaxed);
}

void abandon_inherited(const void* state) {
#if defined(__SANITIZE_ADDRESS__)
  __lsan_ignore_object(state);  // kept on purpose: not a leak
#else
  static_cast<void>(state);
#endif
}

}  // namespace alexdb::util
