// What the ledger benchmarks (portfolio_bench, returns_bench) share: the median wall and
// CPU time of repeated calls of one library call.
#ifndef ALEXDB_BENCH_CALL_TIMING_H_
#define ALEXDB_BENCH_CALL_TIMING_H_

#include <time.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

namespace alexdb::bench {

// The CPU time this process has used, in seconds.
inline double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Median times of a call, in milliseconds.
struct Medians {
  double wall_ms = 0;
  double cpu_ms = 0;
};

// The medians of `runs` (> 0) timed calls of `call` (the caller makes any untimed call
// first).
inline Medians time_runs(int runs, const std::function<void()>& call) {
  std::vector<double> wall, cpu;
  for (int r = 0; r < runs; ++r) {
    const auto began = std::chrono::steady_clock::now();
    const double cpu_began = process_cpu_seconds();
    call();
    cpu.push_back(process_cpu_seconds() - cpu_began);
    wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return {wall[wall.size() / 2] * 1e3, cpu[cpu.size() / 2] * 1e3};
}

}  // namespace alexdb::bench

#endif  // ALEXDB_BENCH_CALL_TIMING_H_
