// Random bits for ids and request tokens that no two processes share. A generator seeded
// once per thread would give a forked child the same numbers as its parent (its state is
// copied by the fork): two processes would make the same ids and tokens, and each would
// take the other's write for its own.
#ifndef ALEXDB_UTIL_RANDOM_BITS_H_
#define ALEXDB_UTIL_RANDOM_BITS_H_

#include <cstdint>

namespace alexdb::util {

// 64 random bits from a generator of the calling thread, seeded from std::random_device
// on the thread's first call and again on its first call after each fork.
std::uint64_t random_bits();

}  // namespace alexdb::util

#endif  // ALEXDB_UTIL_RANDOM_BITS_H_
