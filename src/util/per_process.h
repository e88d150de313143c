// State that belongs to one process: connections, their locks, idle handles. A process
// forked from the one that made it must not use the parent's copy: its connections are
// the parent's too (two processes writing to one socket mix their requests), a lock in
// it may be held for ever by a thread that is not in the child, and destroying it would
// close what the parent still uses. PerProcess<T> gives the child a T of its own instead.
// A fork here is fork() of the C library (which runs the pthread_atfork handlers): what
// Python's os.fork and multiprocessing call.
#ifndef ALEXDB_UTIL_PER_PROCESS_H_
#define ALEXDB_UTIL_PER_PROCESS_H_

#include <atomic>
#include <cstdint>
#include <memory>

namespace alexdb::util {

// How many forks lie between this process and the one that first called this: 0 there,
// 1 in its children, 2 in theirs. A load of one atomic, where getpid() is a system call
// (over a microsecond on a virtual machine).
std::uint64_t fork_generation();

// Keeps `state` for ever, unused: what a forked child does with the state it inherited
// (the sanitizer's leak check is told so).
void abandon_inherited(const void* state);

template <typename T>
class PerProcess {
 public:
  // Makes the T of this process (default constructed).
  PerProcess() : slot_(new Slot) {}
  // Destroys the T of this process. A T inherited from a parent is left as it is.
  ~PerProcess() {
    Slot* slot = slot_.load(std::memory_order_acquire);
    if (slot->owner == fork_generation()) {
      delete slot;
    } else {
      abandon_inherited(slot);
    }
  }
  PerProcess(const PerProcess&) = delete;
  PerProcess& operator=(const PerProcess&) = delete;

  // The T of the calling process. In a process forked since the last call, a new T
  // (default constructed) replaces the parent's, which is left as it is. Thread-safe.
  T& get() {
    Slot* slot = slot_.load(std::memory_order_acquire);
    if (slot->owner == fork_generation()) return slot->value;
    auto fresh = std::make_unique<Slot>();
    if (slot_.compare_exchange_strong(slot, fresh.get(), std::memory_order_acq_rel)) {
      abandon_inherited(slot);
      return fresh.release()->value;
    }
    return slot->value;  // another thread of this process replaced it first
  }

  // True when the T in hand was made by another process: this one was forked since, and
  // has not called get().
  bool inherited() const {
    return slot_.load(std::memory_order_acquire)->owner != fork_generation();
  }

 private:
  struct Slot {
    const std::uint64_t owner = fork_generation();  // the process that made it
    T value;
  };
  std::atomic<Slot*> slot_;
};

}  // namespace alexdb::util

#endif  // ALEXDB_UTIL_PER_PROCESS_H_
