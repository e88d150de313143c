// Retry pacing shared by the engines and the domain (a write that lost a race):
// exponential backoff with full jitter.
#ifndef ALEXDB_UTIL_BACKOFF_H_
#define ALEXDB_UTIL_BACKOFF_H_

#include <chrono>

namespace alexdb::util {

// Delays for attempt 1, 2, ...: a uniformly random duration in
// [0, min(cap, base * 2^(attempt-1))]. Thread-safe (each thread has its own generator).
class Backoff {
 public:
  // At most `max_attempts` attempts in all (the first try included).
  explicit Backoff(int max_attempts = 10,
                   std::chrono::milliseconds base = std::chrono::milliseconds(25),
                   std::chrono::milliseconds cap = std::chrono::milliseconds(2000))
      : max_attempts_(max_attempts), base_(base), cap_(cap) {}

  int max_attempts() const noexcept { return max_attempts_; }
  // The delay before retry number `attempt` (1 = the first retry).
  std::chrono::milliseconds delay(int attempt) const;
  // Sleeps for delay(attempt).
  void wait(int attempt) const;

 private:
  int max_attempts_;
  std::chrono::milliseconds base_;
  std::chrono::milliseconds cap_;
};

}  // namespace alexdb::util

#endif  // ALEXDB_UTIL_BACKOFF_H_
