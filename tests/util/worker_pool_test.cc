// The worker pool (src/util/worker_pool.h): every index runs once, on the calling thread
// and a few threads kept across rounds; a failure is rethrown after the other calls;
// rounds may nest and run from several threads at once; a forked child runs them alone,
// whatever the parent's threads were doing, and can destroy the pool.
#include "util/worker_pool.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "forked_child.h"

namespace alexdb::util {
namespace {

using testing::succeeds_in_child;

std::vector<int> run_counts(WorkerPool& pool, std::size_t n) {
  std::vector<std::atomic<int>> runs(n);
  pool.for_each(n, [&](std::size_t i) { ++runs.at(i); });
  std::vector<int> out;
  for (auto& r : runs) out.push_back(r.load());
  return out;
}

TEST(WorkerPoolTest, EveryIndexRunsOnce) {
  for (std::size_t threads : {1u, 2u, 8u}) {
    WorkerPool pool(threads);
    for (std::size_t n : {0u, 1u, 2u, 7u, 100u}) {
      EXPECT_EQ(run_counts(pool, n), std::vector<int>(n, 1)) << threads << " threads, n " << n;
    }
  }
}

TEST(WorkerPoolTest, TheThreadsAreKeptAcrossRounds) {
  WorkerPool pool(3);
  std::mutex mutex;
  std::set<std::thread::id> seen;
  for (int round = 0; round < 200; ++round) {
    pool.for_each(3, [&](std::size_t) {
      std::this_thread::sleep_for(std::chrono::microseconds(50));
      std::lock_guard lock(mutex);
      seen.insert(std::this_thread::get_id());
    });
  }
  EXPECT_TRUE(seen.contains(std::this_thread::get_id()));
  EXPECT_GE(seen.size(), 2u);  // the pool took part
  EXPECT_LE(seen.size(), 3u);  // the caller and two kept threads, not a thread a round
}

TEST(WorkerPoolTest, AFailureIsRethrownAfterTheOtherCalls) {
  WorkerPool pool(4);
  std::atomic<int> ran{0};
  EXPECT_THROW(pool.for_each(20,
                             [&](std::size_t i) {
                               ++ran;
                               if (i == 3 || i == 11) throw std::runtime_error("call failed");
                             }),
               std::runtime_error);
  EXPECT_EQ(ran.load(), 20);
  // One thread: the failure stops the round where it happens.
  WorkerPool alone(1);
  ran = 0;
  EXPECT_THROW(alone.for_each(20,
                              [&](std::size_t i) {
                                ++ran;
                                if (i == 3) throw std::runtime_error("call failed");
                              }),
               std::runtime_error);
  EXPECT_EQ(ran.load(), 4);
  EXPECT_EQ(run_counts(pool, 5), std::vector<int>(5, 1));  // usable after a failure
}

TEST(WorkerPoolTest, RoundsNestAndRunFromSeveralThreadsAtOnce) {
  WorkerPool pool(3);
  std::atomic<int> inner{0};
  pool.for_each(4, [&](std::size_t) { pool.for_each(5, [&](std::size_t) { ++inner; }); });
  EXPECT_EQ(inner.load(), 20);

  std::atomic<int> total{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 4; ++c) {
    callers.emplace_back([&] {
      for (int round = 0; round < 100; ++round) pool.for_each(3, [&](std::size_t) { ++total; });
    });
  }
  for (std::thread& t : callers) t.join();
  EXPECT_EQ(total.load(), 4 * 100 * 3);
}

TEST(WorkerPoolTest, AForkedChildRunsRoundsOnItsOwnThread) {
  WorkerPool pool(4);
  EXPECT_EQ(run_counts(pool, 8), std::vector<int>(8, 1));  // the threads have started
  // Made before the fork: the child allocates nothing (a pool thread may have held the
  // sanitizer allocator's lock at the fork).
  struct Calls {
    std::thread::id runner;
    bool alone = true;
    std::vector<int> runs = std::vector<int>(8, 0);
  } calls;
  const std::function<void(std::size_t)> call = [&calls](std::size_t i) {
    ++calls.runs[i];
    calls.alone = calls.alone && std::this_thread::get_id() == calls.runner;
  };
  EXPECT_TRUE(succeeds_in_child([&] {
    calls.runner = std::this_thread::get_id();
    pool.for_each(8, call);
    return calls.alone && std::ranges::all_of(calls.runs, [](int runs) { return runs == 1; });
  }));
}

// A fork can come while another thread's round holds the pool's lock, which no thread of
// the child will ever release: the child's rounds must not take it.
TEST(WorkerPoolTest, AForkedChildRunsRoundsWhileTheParentsThreadsHeldThePool) {
  WorkerPool pool(3);
  EXPECT_EQ(run_counts(pool, 3), std::vector<int>(3, 1));  // the threads have started
  std::atomic<bool> stop{false};
  std::vector<std::thread> callers;
  for (int c = 0; c < 2; ++c) {
    callers.emplace_back([&] {
      while (!stop) pool.for_each(3, [](std::size_t) {});
    });
  }
  // Made before the forks, as above.
  struct Runs {
    std::atomic<int> count{0};
  } runs;
  const std::function<void(std::size_t)> count = [&runs](std::size_t) { ++runs.count; };
  int stuck = 0;
  for (int fork_number = 0; fork_number < 30; ++fork_number) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const bool ran = succeeds_in_child([&] {
      runs.count = 0;
      pool.for_each(5, count);
      return runs.count == 5;
    });
    if (!ran) {
      ++stuck;
      break;
    }
  }
  stop = true;
  for (std::thread& t : callers) t.join();
  EXPECT_EQ(stuck, 0) << "a forked child was stuck";
}

// The parent's threads wait on the pool's condition variables, and are not in the child:
// destroying the pool there must not wait for them.
TEST(WorkerPoolTest, AForkedChildCanDestroyThePool) {
  auto pool = std::make_unique<WorkerPool>(4);
  EXPECT_EQ(run_counts(*pool, 8), std::vector<int>(8, 1));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the threads wait again
  EXPECT_TRUE(succeeds_in_child([&] {
    pool.reset();
    return true;
  }));
}

}  // namespace
}  // namespace alexdb::util
