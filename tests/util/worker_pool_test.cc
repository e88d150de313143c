// The worker pool (src/util/worker_pool.h): every index runs once, on the calling thread
// and a few threads kept across rounds; a failure is rethrown after the other calls;
// rounds may nest and run from several threads at once; a forked child runs them alone.
#include "util/worker_pool.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace alexdb::util {
namespace {

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
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::thread::id self = std::this_thread::get_id();
    bool alone = true;
    std::vector<int> runs(8, 0);
    pool.for_each(8, [&](std::size_t i) {
      ++runs[i];
      alone = alone && std::this_thread::get_id() == self;
    });
    _exit(alone && runs == std::vector<int>(8, 1) ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace alexdb::util
