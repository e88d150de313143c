// A 10-year daily value series on the embedded engine: one account of 50 symbols with
// 10,000 position changes and 182,500 daily prices in a SQLite file. Prints the time of
// Positions::get_account_value_series and the peak memory it adds. Run: `make bench`.
//
// The data is written once by this program, then measured in a fresh process (this
// program again, with --measure) so that the peak resident size is that of the call:
// the peak is reset (/proc/self/clear_refs) just before the first call. A second process
// measures again with the memory calls free kept by the allocator (--measure-kept), and
// each prints what first touching as much new memory costs on the machine.
#include <malloc.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "alexdb/database.h"
#include "alexdb/store.h"
#include "alexdb/timestamp.h"

namespace {

using namespace alexdb;
namespace fs = std::filesystem;

constexpr int kSymbols = 50;
constexpr int kDays = 3650;
constexpr int kChanges = 10'000;
constexpr int kTimedRuns = 5;
// 2015-01-01T00:00:00Z.
constexpr std::int64_t kStartMicros = 1'420'070'400'000'000;
constexpr std::int64_t kMicrosPerDay = Timestamp::kMicrosPerDay;
constexpr const char* kAccount = "acc_series";

std::string symbol_name(int s) {
  char name[8];
  std::snprintf(name, sizeof name, "S%03d", s);
  return name;
}

std::unique_ptr<Database> open_database(const std::string& path) {
  return std::make_unique<Database>(open_store("sqlite:" + path), "bench-users",
                                    "bench-instruments");
}

Value allocation(const char* key) { return Value::M({{key, Value::N(std::int64_t{100})}}); }

// Writes the instruments, prices and position changes into a new file at `path`.
void load(const std::string& path) {
  auto db = open_database(path);
  std::vector<PricePoint> prices;
  prices.reserve(kSymbols * kDays);
  for (int s = 0; s < kSymbols; ++s) {
    const std::string symbol = symbol_name(s);
    db->instruments.create_instrument({{"symbol", Value::S(symbol)},
                                       {"name", Value::S(symbol + " fund")},
                                       {"instrument_type", Value::S("etf")},
                                       {"allocation_regions", allocation("north_america")},
                                       {"allocation_sectors", allocation("technology")},
                                       {"allocation_asset_class", allocation("equity")}});
    for (int d = 0; d < kDays; ++d) {
      // A close at 21:00 each day, 10.00 to 509.99.
      const std::int64_t at = kStartMicros + d * kMicrosPerDay + 21 * 3'600'000'000LL;
      const std::int64_t cents = 1000 + (s * 7919 + d * 104'729) % 50'000;
      prices.push_back(
          {symbol, Timestamp(at).to_string(),
           Decimal::parse(std::to_string(cents / 100) + "." + std::to_string(cents % 100 / 10) +
                          std::to_string(cents % 10)),
           std::nullopt, "bench"});
    }
  }
  db->instruments.import_prices(prices);
  const int per_symbol = kChanges / kSymbols;
  const std::int64_t step = kDays * kMicrosPerDay / per_symbol;
  for (int k = 0; k < per_symbol; ++k) {
    for (int s = 0; s < kSymbols; ++s) {
      const std::int64_t at = kStartMicros + 3'600'000'000LL + k * step + s * 1'000'000LL;
      const Decimal quantity = Decimal::parse(std::to_string(10 + (k * 37 + s) % 990) + ".125");
      db->positions.add_or_update_position(kAccount, symbol_name(s), quantity,
                                           k == 0 ? "BUY" : "UPDATE", Timestamp(at).to_string());
    }
  }
}

// A line of /proc/self/status ("VmHWM", "VmRSS") in kB, or -1.
long status_kb(const std::string& name) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(name + ":", 0) == 0) return std::atol(line.c_str() + name.size() + 1);
  }
  return -1;
}

// Resets the peak resident size to the current one (Linux); false where not supported.
bool reset_peak() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  clear.flush();
  return static_cast<bool>(clear);
}

// CPU time of this process, in seconds (the machine may be shared: wall time includes
// waiting for a core).
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Milliseconds to write the first byte of each page of `bytes` of new memory (the
// kernel maps and zeroes each page at its first write): what a call that builds a result
// of that size in memory the process has not used before pays on this machine.
double first_touch_ms(std::size_t bytes) {
  void* memory = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) return -1;
  auto began = std::chrono::steady_clock::now();
  auto* page = static_cast<volatile char*>(memory);
  for (std::size_t i = 0; i < bytes; i += 4096) page[i] = 1;
  const double ms = seconds_since(began) * 1e3;
  munmap(memory, bytes);
  return ms;
}

// Measures the series call on the file at `path` (in a fresh process). With
// `keep_freed`, the allocator keeps the memory a call frees for the next one (as a
// long-running process's heap does once it has grown), instead of returning it to the
// kernel, so that the repeated calls time the work and not the kernel's page faults.
int measure(const std::string& path, bool keep_freed) {
  if (keep_freed) {
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
  }
  auto db = open_database(path);
  const std::string start = Timestamp(kStartMicros).date_string();
  const std::string end = Timestamp(kStartMicros + (kDays - 1) * kMicrosPerDay).date_string();
  const bool reset = reset_peak();
  const long rss_before = status_kb("VmRSS");
  const long peak_before = status_kb("VmHWM");
  auto began = std::chrono::steady_clock::now();
  auto series = db->positions.get_account_value_series(kAccount, start, end, "daily");
  const double first = seconds_since(began);
  const long peak_after = status_kb("VmHWM");
  const std::size_t points = series.size();
  std::size_t values = 0;
  for (const Valuation& v : series) values += v.positions.size();
  series.clear();
  series.shrink_to_fit();

  std::vector<double> runs, cpu;
  for (int r = 0; r < kTimedRuns; ++r) {
    began = std::chrono::steady_clock::now();
    const double cpu_began = cpu_seconds();
    auto again = db->positions.get_account_value_series(kAccount, start, end, "daily");
    cpu.push_back(cpu_seconds() - cpu_began);
    runs.push_back(seconds_since(began));
  }
  std::sort(runs.begin(), runs.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("series_bench: %d symbols, %d changes, %d prices, %s to %s daily%s\n", kSymbols,
              kChanges, kSymbols * kDays, start.c_str(), end.c_str(),
              keep_freed ? "; freed memory kept by the allocator" : "");
  std::printf("  points %zu, position values %zu\n", points, values);
  std::printf("  first call        %8.1f ms\n", first * 1e3);
  std::printf("  median of %d calls %8.1f ms (min %.1f, max %.1f)\n", kTimedRuns,
              runs[runs.size() / 2] * 1e3, runs.front() * 1e3, runs.back() * 1e3);
  std::printf("  median CPU time   %8.1f ms\n", cpu[cpu.size() / 2] * 1e3);
  std::printf("  added peak memory %8.1f MB (VmHWM %ld kB -> %ld kB%s)\n",
              (peak_after - (reset ? rss_before : peak_before)) / 1024.0,
              reset ? rss_before : peak_before, peak_after,
              reset ? "" : "; peak not reset: an upper bound is not known");
  const auto added = static_cast<std::size_t>(std::max(0L, peak_after - rss_before)) * 1024;
  std::printf("  first touch of as much new memory %8.1f ms (page faults on this machine)\n",
              first_touch_ms(added));
  return 0;
}

}  // namespace

// No arguments: loads a temporary file, measures it in a child process as allocated by
// default and in another with freed memory kept, removes it. `--load FILE` only loads;
// `--measure FILE` and `--measure-kept FILE` only measure (in this process).
int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--measure") return measure(argv[2], false);
  if (argc == 3 && std::string(argv[1]) == "--measure-kept") return measure(argv[2], true);
  if (argc == 3 && std::string(argv[1]) == "--load") {
    load(argv[2]);
    return 0;
  }
  fs::path dir = fs::temp_directory_path() / ("alexdb-series-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "series.db").string();
  auto began = std::chrono::steady_clock::now();
  load(path);
  std::printf("series_bench: loaded in %.1f s\n", seconds_since(began));
  std::fflush(stdout);
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  int rc = std::system(("'" + self + "' --measure '" + path + "'").c_str());
  if (rc == 0) rc = std::system(("'" + self + "' --measure-kept '" + path + "'").c_str());
  fs::remove_all(dir);
  return rc == 0 ? 0 : 1;
}
