#include "alexdb/detail/node_allocator.h"

#include <array>
#include <vector>

namespace alexdb::detail {

namespace {

constexpr std::size_t kGranule = 16;
constexpr std::size_t kClasses = kMaxPooledBytes / kGranule;
// At most this many free blocks per size class stay cached in one thread.
constexpr std::size_t kMaxCachedPerClass = 4096;

std::size_t class_of(std::size_t bytes) { return (bytes + kGranule - 1) / kGranule - 1; }

struct Cache {
  std::array<std::vector<void*>, kClasses> free;
  ~Cache();
};

// Set once the thread's cache is gone (thread exit), so that later frees bypass it.
thread_local bool cache_destroyed = false;
thread_local Cache cache;

Cache::~Cache() {
  cache_destroyed = true;
  for (auto& blocks : free) {
    for (void* block : blocks) ::operator delete(block);
  }
}

}  // namespace

void* pooled_allocate(std::size_t bytes) {
  std::size_t c = class_of(bytes);
  if (!cache_destroyed) {
    auto& blocks = cache.free[c];
    if (!blocks.empty()) {
      void* block = blocks.back();
      blocks.pop_back();
      return block;
    }
  }
  return ::operator new((c + 1) * kGranule);
}

void pooled_deallocate(void* block, std::size_t bytes) noexcept {
  std::size_t c = class_of(bytes);
  if (!cache_destroyed) {
    auto& blocks = cache.free[c];
    if (blocks.size() < kMaxCachedPerClass) {
      try {
        blocks.push_back(block);
        return;
      } catch (...) {
        // No room to remember it: give it back below.
      }
    }
  }
  ::operator delete(block);
}

}  // namespace alexdb::detail
