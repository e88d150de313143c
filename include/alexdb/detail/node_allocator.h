// Not part of the API: value.h needs it to name the Item type; do not include it directly.
//
// The allocator of alexdb's item maps: recycles map nodes through a small per-thread
// cache instead of returning each to malloc, because reading an item allocates one
// node per attribute and frees them all soon after. Blocks of other sizes, arrays,
// and anything beyond the cache's bound go straight to operator new/delete. Any
// thread may free a node another thread allocated. The cache is freed at thread exit.
#ifndef ALEXDB_DETAIL_NODE_ALLOCATOR_H_
#define ALEXDB_DETAIL_NODE_ALLOCATOR_H_

#include <cstddef>
#include <new>

namespace alexdb::detail {

// A block of at least `bytes` (<= kMaxPooledBytes), from the calling thread's cache.
void* pooled_allocate(std::size_t bytes);
// Returns a block from pooled_allocate(bytes) to the calling thread's cache.
void pooled_deallocate(void* block, std::size_t bytes) noexcept;
inline constexpr std::size_t kMaxPooledBytes = 256;

template <typename T>
struct NodeAllocator {
  using value_type = T;
  NodeAllocator() noexcept = default;
  template <typename U>
  NodeAllocator(const NodeAllocator<U>&) noexcept {}  // NOLINT: rebinding

  T* allocate(std::size_t n) {
    if (n == 1 && sizeof(T) <= kMaxPooledBytes && alignof(T) <= alignof(std::max_align_t)) {
      return static_cast<T*>(pooled_allocate(sizeof(T)));
    }
    return static_cast<T*>(::operator new(n * sizeof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (n == 1 && sizeof(T) <= kMaxPooledBytes && alignof(T) <= alignof(std::max_align_t)) {
      pooled_deallocate(p, sizeof(T));
    } else {
      ::operator delete(p);
    }
  }
  template <typename U>
  friend bool operator==(const NodeAllocator&, const NodeAllocator<U>&) noexcept {
    return true;
  }
};

}  // namespace alexdb::detail

#endif  // ALEXDB_DETAIL_NODE_ALLOCATOR_H_
