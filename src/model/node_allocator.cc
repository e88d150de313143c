#include "alexdb/detail/node_allocator.h"

namespace alexdb::detail {

namespace {

constexpr std::size_t kGranule = 16;
constexpr std::size_t kClasses = kMaxPooledBytes / kGranule;
// At most this many free blocks per size class stay cached in one thread.
constexpr std::size_t kMaxCachedPerClass = 4096;

std::size_t class_of(std::size_t bytes) { return (bytes + kGranule - 1) / kGranule - 1; }

// The free blocks of one size class, each holding the address of the next in its first
// bytes (a block is at least kGranule bytes).
struct FreeList {
  void* head = nullptr;
  std::size_t count = 0;
};

// The thread's cache. Trivially destructible, so that reaching it costs no check of
// whether it was initialized; CacheOwner empties it at thread exit.
struct Cache {
  FreeList free[kClasses];
  bool owned = false;      // this thread's CacheOwner exists
  bool destroyed = false;  // the thread is exiting: later frees bypass the cache
};
thread_local Cache cache;

struct CacheOwner {
  bool armed = false;
  ~CacheOwner() {
    cache.destroyed = true;
    for (FreeList& list : cache.free) {
      while (list.head != nullptr) {
        void* block = list.head;
        list.head = *static_cast<void**>(block);
        ::operator delete(block);
      }
      list.count = 0;
    }
  }
};
thread_local CacheOwner owner;

}  // namespace

void* pooled_allocate(std::size_t bytes) {
  const std::size_t c = class_of(bytes);
  FreeList& list = cache.free[c];
  if (void* block = list.head) {
    list.head = *static_cast<void**>(block);
    --list.count;
    return block;
  }
  return ::operator new((c + 1) * kGranule);
}

void pooled_deallocate(void* block, std::size_t bytes) noexcept {
  FreeList& list = cache.free[class_of(bytes)];
  if (!cache.destroyed && list.count < kMaxCachedPerClass) {
    if (!cache.owned) {
      cache.owned = true;
      owner.armed = true;  // constructs the owner, which frees the cache at thread exit
    }
    *static_cast<void**>(block) = list.head;
    list.head = block;
    ++list.count;
    return;
  }
  ::operator delete(block);
}

}  // namespace alexdb::detail
