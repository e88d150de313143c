#include "util/random_bits.h"

#include <random>

#include "util/per_process.h"

namespace alexdb::util {

std::uint64_t random_bits() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  thread_local std::uint64_t seeded_in = fork_generation();
  if (seeded_in != fork_generation()) {  // a copy of the parent's state: seeded again
    generator.seed(std::random_device{}());
    seeded_in = fork_generation();
  }
  return generator();
}

}  // namespace alexdb::util
