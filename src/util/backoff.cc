#include "util/backoff.h"

#include <algorithm>
#include <random>
#include <thread>

namespace alexdb::util {

std::chrono::milliseconds Backoff::delay(int attempt) const {
  thread_local std::minstd_rand generator{std::random_device{}()};
  int shift = std::clamp(attempt - 1, 0, 30);
  auto ceiling = std::min<std::int64_t>(cap_.count(), base_.count() << shift);
  std::uniform_int_distribution<std::int64_t> pick(0, ceiling);
  return std::chrono::milliseconds(pick(generator));
}

void Backoff::wait(int attempt) const { std::this_thread::sleep_for(delay(attempt)); }

}  // namespace alexdb::util
